"""Every example and counterexample in every rule and lexicon file, one case each."""
from __future__ import annotations

import pytest

from factcheck.ruleset import load_ruleset
from factcheck.ruletest import check_entry_sample, check_rule_sample

RULESET = load_ruleset("ar")


def _cases():
    for rule in RULESET.rules:
        for label, samples, positive in (("example", rule.examples, True), ("counterexample", rule.counterexamples, False)):
            for i, s in enumerate(samples):
                marks = [pytest.mark.xfail(reason=s.xfail, strict=True)] if s.xfail else []
                yield pytest.param("rule", rule, s, positive, id=f"{rule.path}::{rule.id}::{label}[{i}]", marks=marks)
    for entry in RULESET.entries():
        for label, samples, positive in (("example", entry.examples, True), ("counterexample", entry.counterexamples, False)):
            for i, s in enumerate(samples):
                marks = [pytest.mark.xfail(reason=s.xfail, strict=True)] if s.xfail else []
                yield pytest.param("entry", entry, s, positive, id=f"{entry.path}::{entry.id}::{label}[{i}]", marks=marks)


@pytest.mark.parametrize(("what", "item", "sample", "positive"), list(_cases()))
def test_rule_example(what, item, sample, positive):
    judge = check_rule_sample if what == "rule" else check_entry_sample
    ok, detail = judge(item, sample, RULESET, positive)
    assert ok, detail


def test_every_rule_has_both_kinds_of_example():
    for rule in RULESET.rules:
        assert rule.examples and rule.counterexamples, rule.id
