"""Run the examples and counterexamples that every rule and lexicon entry carries.

Shared by ``factcheck rules test`` and the test suite, so both judge a rule
the same way.

* A rule example, run with that rule **alone**, must give exactly one match
  whose original surface is ``match`` and whose parsed fields equal
  ``expect``; run through the **whole** language pack, the figure or
  attribution at that place must come from this rule.
* A rule counterexample gives no match of the rule alone.
* A lexicon example, run through the whole pack, must use the entry on a
  figure or attribution whose text holds ``match``; a counterexample must not
  use it at all.
* A source-modifiers entry marked ``anaphor`` (ذات المصدر): an example names
  a source that is an earlier attribution's speaker; a counterexample has none.
* ``xfail`` marks a known gap: the outcome must fail, and a pass is reported
  (strict), so fixed gaps get their marker removed.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from .attributions import NAME_CLASSES, build_attributions
from .extract import match_rules, resolve_overlaps
from .model import Document, DocumentResult
from .normalize import fold, fold_key, normalize_text
from .pipeline import Options, process_document
from .quantities import build_quantities
from .ruleset import Entry, Rule, Ruleset, Sample
from .segment import split_sentences
from .units import canonical_unit


@dataclass(frozen=True)
class Outcome:
    id: str  # "<path>::<rule or entry id>::example[i]"
    ok: bool
    detail: str
    xfail: str | None = None

    @property
    def passed(self) -> bool:
        """True when the result is what the data says (a marked gap counts when it fails)."""
        return self.ok != bool(self.xfail)


def _extract(text: str, ruleset: Ruleset) -> DocumentResult:
    return process_document(Document("example", text, None, ruleset.lang), Options(checks=False), ruleset)


def _close(a: Any, b: Any) -> bool:
    if isinstance(b, bool) or not isinstance(b, (int, float)):
        return a == b
    return a is not None and math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def _compare(fields: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    return [f"{k}: expected {v!r}, got {fields.get(k)!r}" for k, v in expect.items() if not _close(fields.get(k), v)]


def check_rule_sample(rule: Rule, sample: Sample, ruleset: Ruleset, positive: bool) -> tuple[bool, str]:
    nt = normalize_text(sample.text)
    matches = resolve_overlaps(match_rules(nt.text, [rule]))
    surfaces = [nt.original_text(m.norm_start, m.norm_end) for m in matches]
    if not positive:
        return (not matches, f"expected no match, found {surfaces!r}")
    if surfaces != [sample.match]:
        return False, f"alone: expected [{sample.match!r}], found {surfaces!r}"
    sentences = split_sentences(nt.text)
    if rule.kind == "quantity":
        built = build_quantities(nt, sentences, matches, ruleset)
        if not built:
            return False, "alone: the match gives no readable value"
        q = built[0]
        fields = {"value": q.value, "min": q.min, "max": q.max, "unit": q.unit, "kind": q.kind,
                  "qualifier": q.qualifier, "noun": q.noun, "statistic": q.statistic,
                  "normalized": q.normalized.value if q.normalized else None}
        expect = dict(sample.expect)
        if "unit" in expect:
            expect["unit"] = canonical_unit(expect["unit"]) or expect["unit"]
        problems = _compare(fields, expect)
        doc = _extract(sample.text, ruleset)
        winners = [x.rule for x in doc.quantities if x.text == sample.match]
        if winners != [rule.id]:
            problems.append(f"in context: the figure {sample.match!r} comes from {winners or 'no rule'}")
    else:
        doc = _extract(sample.text, ruleset)
        mine = [a for a in doc.attributions if a.rule == rule.id]
        if not mine:
            built = build_attributions(nt, sentences, matches, ruleset)
            return False, f"in context: no attribution from this rule (alone it gives {len(built)})"
        a = mine[0]
        fields = {"source": a.source.text if a.source else None, "cue": a.cue.text, "lemma": a.lemma,
                  "stance": a.stance, "kind": a.kind, "quote": a.quote.text if a.quote else None,
                  "relay": a.relay.text if a.relay else None}
        problems = _compare(fields, dict(sample.expect))
    return (not problems, "; ".join(problems))


def _entry_used(entry: Entry, doc: DocumentResult, match: str | None) -> bool:
    d = entry.data
    spans: list[str] = []
    if entry.lexicon == "units":
        unit = canonical_unit(d["unit"]) if "unit" in d else None
        spans = [q.text for q in doc.quantities
                 if (unit is not None and q.unit == unit) or (d.get("candidates") and list(q.unit_candidates) == d["candidates"])]
    elif entry.lexicon == "cues":
        spans = [a.cue.text for a in doc.attributions if a.lemma == d.get("lemma")]
    elif entry.lexicon == "sources":
        kinds = {"named"} if d.get("kind") == "title" else {d.get("kind")}
        spans = [a.source.text for a in doc.attributions if a.source and not a.carried and a.kind in kinds]
    elif entry.lexicon == "qualifiers":
        spans = [q.text for q in doc.quantities if q.qualifier == d.get("qualifier")]
    else:  # numbers, scales, nouns and any lexicon of a user's pack: a figure holds the form
        spans = [q.text for q in doc.quantities]
    if match is None:
        return bool(spans)
    return any(match in s for s in spans)


# Source-modifiers classes whose examples are judged by the kind of the source they name.
_SOURCE_KIND_CLASSES = NAME_CLASSES + ("suffix",)


def _check_anaphor(sample: Sample, doc: DocumentResult, positive: bool) -> tuple[bool, str]:
    """An example names a source that is the speaker of an earlier attribution (ذات المصدر); a counterexample has none."""
    atts = doc.attributions
    same = [a.source.text for i, a in enumerate(atts) if a.source is not None and not a.carried
            and (sample.match is None or a.source.text == sample.match)
            and any(b.speaker == a.speaker for b in atts[:i])]
    return bool(same) is positive, f"sources that are an earlier speaker: {same!r}"


def check_entry_sample(entry: Entry, sample: Sample, ruleset: Ruleset, positive: bool) -> tuple[bool, str]:
    doc = _extract(sample.text, ruleset)
    if entry.lexicon == "source-modifiers" and entry.data.get("anaphor"):
        return _check_anaphor(sample, doc, positive)
    if entry.lexicon == "source-modifiers" and entry.data.get("class") in ("stop", "event", "keep"):
        return _check_source_end(entry, sample, doc, positive)
    if entry.lexicon == "source-modifiers" and entry.data.get("class") in _SOURCE_KIND_CLASSES:
        # An example names a source holding a form: after a "name-follows" form, or before an "employer"
        # one, the source is a named person; with the other classes it is not (a "suffix" lets the head
        # under it give the kind).
        named = entry.data.get("class") in ("name-follows", "employer")
        found = [a.source.text for a in doc.attributions if a.source is not None and (a.kind == "named") is named]
        return (sample.match in found) is positive, f"sources found: {found!r}, expected {sample.match!r}"
    used = _entry_used(entry, doc, sample.match if positive else None)
    if positive:
        return used, f"the entry is not used on a figure or attribution holding {sample.match!r}"
    return not used, "the entry is used, but this is a counterexample"


def _check_source_end(entry: Entry, sample: Sample, doc: DocumentResult, positive: bool) -> tuple[bool, str]:
    """A stop or keep entry of the source-modifiers lexicon: where its examples' sources end.

    An example names its source exactly (``match``). A stop's counterexample
    has no source that ends right before one of the stop's forms.
    """
    sources = [a.source for a in doc.attributions if a.source is not None and not a.carried]
    if positive:
        found = [s.text for s in sources]
        return sample.match in found, f"expected a source {sample.match!r}, found {found!r}"
    forms = {fold_key(f) for f in entry.forms}
    cut = [s.text for s in sources
           if any(fold(" ".join(sample.text[s.end:].split()[:len(f.split())])) == f for f in forms)]
    return not cut, f"a source ends before a form of this entry: {cut!r}"


def run_all(ruleset: Ruleset) -> Iterator[Outcome]:
    """Every example and counterexample of the ruleset, in file order."""
    for rule in ruleset.rules:
        yield from _run(f"{rule.path}::{rule.id}", rule.examples, rule.counterexamples,
                        lambda s, pos, r=rule: check_rule_sample(r, s, ruleset, pos))
    for entry in ruleset.entries():
        yield from _run(f"{entry.path}::{entry.id}", entry.examples, entry.counterexamples,
                        lambda s, pos, e=entry: check_entry_sample(e, s, ruleset, pos))


def _run(prefix: str, examples, counterexamples, judge: Callable[[Sample, bool], tuple[bool, str]]) -> Iterator[Outcome]:
    for label, samples, positive in (("example", examples, True), ("counterexample", counterexamples, False)):
        for i, s in enumerate(samples):
            ok, detail = judge(s, positive)
            yield Outcome(f"{prefix}::{label}[{i}]", ok, "" if ok else detail, s.xfail)
