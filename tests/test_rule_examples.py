"""Every example and counterexample in every rule and lexicon file, one case each."""
from __future__ import annotations

import pytest

from factcheck.language import shipped
from factcheck.ruleset import load_ruleset
from factcheck.ruletest import check_entry_sample, check_rule_sample

RULESETS = {lang: load_ruleset(lang) for lang in shipped()}


def _cases():
    for ruleset in RULESETS.values():
        yield from _cases_of(ruleset)


def _cases_of(ruleset):
    for rule in ruleset.rules:
        for label, samples, positive in (("example", rule.examples, True), ("counterexample", rule.counterexamples, False)):
            for i, s in enumerate(samples):
                marks = [pytest.mark.xfail(reason=s.xfail, strict=True)] if s.xfail else []
                yield pytest.param("rule", rule, s, positive, ruleset, id=f"{rule.path}::{rule.id}::{label}[{i}]", marks=marks)
    for entry in ruleset.entries():
        for label, samples, positive in (("example", entry.examples, True), ("counterexample", entry.counterexamples, False)):
            for i, s in enumerate(samples):
                marks = [pytest.mark.xfail(reason=s.xfail, strict=True)] if s.xfail else []
                yield pytest.param("entry", entry, s, positive, ruleset, id=f"{entry.path}::{entry.id}::{label}[{i}]", marks=marks)


@pytest.mark.parametrize(("what", "item", "sample", "positive", "ruleset"), list(_cases()))
def test_rule_example(what, item, sample, positive, ruleset):
    judge = check_rule_sample if what == "rule" else check_entry_sample
    ok, detail = judge(item, sample, ruleset, positive)
    assert ok, detail


@pytest.mark.parametrize("lang", sorted(RULESETS))
def test_every_rule_has_both_kinds_of_example(lang):
    for rule in RULESETS[lang].rules:
        assert rule.examples and rule.counterexamples, rule.id
