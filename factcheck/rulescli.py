"""``factcheck rules list|validate|test|explain ID``."""
from __future__ import annotations

import argparse
import inspect

from .checks import all_checks
from .config import Settings
from .language import languages, shipped
from .ruleset import load_ruleset
from .suppress import META_CHECKS

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def rules_command(args: argparse.Namespace, settings: Settings) -> int:
    langs = languages(settings.read.lang)
    prefix = (args.id or "").split(".")[0]
    if args.action == "explain" and prefix in shipped():
        langs = (prefix,)  # a rule or entry id names its language: en.quantity.count
    rulesets = [load_ruleset(lang, settings.rule_dirs) for lang in langs]
    if args.action == "validate":
        for ruleset in rulesets:
            n_entries = sum(1 for _ in ruleset.entries())
            print(f"ok: {len(ruleset.rules)} rules, {n_entries} lexicon entries, {len(ruleset.macros)} macros "
                  f"({ruleset.lang})")
        return EXIT_OK
    if args.action == "list":
        for rule in (r for ruleset in rulesets for r in ruleset.rules):
            print(f"{rule.id}\t{rule.kind}\t{rule.path}\t{rule.summary}")
        for code, name, severity, doc in _checks():
            print(f"{code}\tcheck\t{severity}\t{name}: {_first_line(doc)}")
        return EXIT_OK
    if args.action == "explain":
        if not args.id:
            print("factcheck: rules explain needs an ID: a rule id, a lexicon entry id, or a check code or name")
            return EXIT_ERROR
        return _explain(args.id, rulesets)
    from .ruletest import run_all

    failed = total = 0
    for outcome in (o for ruleset in rulesets for o in run_all(ruleset)):
        total += 1
        if not outcome.passed:
            failed += 1
            why = "marked xfail but passes; remove the marker" if outcome.xfail else outcome.detail
            print(f"FAIL {outcome.id}: {why}")
    print(f"{total - failed} passed, {failed} failed")
    return EXIT_FINDINGS if failed else EXIT_OK


def _checks() -> list[tuple[str, str, str, str]]:
    rows = [(c.code, c.name, c.severity, c.doc) for c in all_checks()]
    rows += [(code, name, severity, doc) for code, ((_, name, severity), doc) in META_CHECKS.items()]
    return sorted(rows)


def _first_line(doc: str) -> str:
    lines = [ln.strip() for ln in doc.strip().splitlines() if ln.strip()]
    return lines[0] if lines else ""


def _explain(ident: str, rulesets: list) -> int:
    for code, name, severity, doc in _checks():
        if ident.upper() == code or ident == name:
            print(f"{code} {name} (default severity: {severity})\n")
            print(inspect.cleandoc(doc))
            return EXIT_OK
    for rule in (r for ruleset in rulesets for r in ruleset.rules):
        if rule.id == ident:
            print(f"{rule.id} ({rule.kind} rule, {rule.path})\n{rule.summary}\n")
            print(f"priority: {rule.priority}")
            for k, v in rule.params.items():
                print(f"{k}: {v}")
            print(f"pattern (macros expanded, folded): {rule.pattern}")
            _samples("example", rule.examples)
            _samples("counterexample", rule.counterexamples)
            return EXIT_OK
    for entry in (e for ruleset in rulesets for e in ruleset.entries()):
        if entry.id == ident:
            print(f"{entry.id} (entry of lexicon {entry.lexicon!r}, {entry.path})")
            print(f"forms: {', '.join(entry.forms)}")
            for k, v in entry.data.items():
                print(f"{k}: {v}")
            _samples("example", entry.examples)
            _samples("counterexample", entry.counterexamples)
            return EXIT_OK
    print(f"factcheck: no rule, lexicon entry or check named {ident!r} (see 'factcheck rules list')")
    return EXIT_ERROR


def _samples(label: str, samples) -> None:
    for s in samples:
        match = f"  ->  {s.match}" if s.match else ""
        gap = f"  (known gap: {s.xfail})" if s.xfail else ""
        print(f"{label}: {s.text}{match}{gap}")
