"""FC202: the same quantity, stated differently in two documents of one run.

Per document only compact facts are kept (``keys.Fact``: the measured
thing, the values allowed, the sentence's content words, the date). Facts
are indexed by (measured thing, dimension); a new fact is compared with at
most ``bucket`` earlier facts of its key, so the work grows linearly with
the corpus. Two figures conflict when their documents are about the same
event (their sentences share enough content words, and their dates, when
known, are close) and their values disagree beyond qualifiers and precision.
"""
from __future__ import annotations

from collections import deque
from typing import Any

from ..model import DocumentResult, Finding
from . import CheckContext, corpus_check, position
from .config import settings
from .keys import Fact, comparable, dimension, disagree, document_day, interval, noun_entry, shown_subject, similar
from .text import key_word, tokens

CODE, NAME = "FC202", "corpus-conflict"
# The subject of a figure known only by its unit's dimension.
WEAK = "-"


def _noun_key(ctx: CheckContext, q, stop: frozenset[str]) -> str | None:
    if q.noun:
        entry = noun_entry(q, ctx.ruleset)
        return entry.id.rsplit(".", 1)[-1] if entry is not None else key_word(q.noun)
    if q.unit is not None or q.unit_candidates:
        return WEAK  # a unit, or an ambiguous currency (165 مليار درهم: AED or MAD)
    nxt = tokens(ctx.norm_text, q.norm_end, min(len(ctx.norm_text), q.norm_end + 30))[:1]
    if nxt and nxt[0][0].isalpha() and nxt[0] not in stop and len(nxt[0]) >= 3:
        return key_word(nxt[0])
    return None


def _in_date_or_code(norm: str, q) -> bool:
    """«1 / 11 / 1436», «(47)»: a date written with slashes or a code in brackets, not a quantity."""
    before = norm[max(0, q.norm_start - 3):q.norm_start].strip()
    after = norm[q.norm_end:q.norm_end + 3].strip()
    return before.endswith(("/", "-")) or after.startswith(("/", "-")) or (before.endswith("(") and after.startswith(")"))


def document_facts(ctx: CheckContext) -> tuple[Fact, ...]:
    """The facts of one document, for the cross-document reducer."""
    if not ctx.norm_text:
        return ()
    p = settings().params(CODE)
    words = ctx.words
    stop = words["stopwords"]
    lines = ctx.line_starts
    day = document_day(ctx.meta)
    out: list[Fact] = []
    for q in ctx.quantities:
        if not comparable(q, ambiguous=True) or q.sentence >= len(ctx.sentences):
            continue
        if ctx.states_change(q.sentence):
            continue
        if _in_date_or_code(ctx.norm_text, q):
            continue
        if (q.value or 0) < 20 and not any(c.isdigit() for c in ctx.norm_text[q.norm_start:q.norm_end]):
            continue  # «بفارق ثلاث نقاط»: small numbers in words are wording, not the figures of a story
        found = ctx.subject(q, p["window"])
        if found is not None:
            subj, shown = found[0], shown_subject(ctx, q, *found, p["window"])
        else:
            # What the figure counts (its noun, its unit: the key holds the dimension, or the word
            # right after a bare number, «22 مليون مشاهدة»): a weak key, so the sentence overlap
            # of _same_event decides.
            subj = _noun_key(ctx, q, stop | words["unit_gap"] | words["per_words"])
            shown = q.noun or subj
        if subj is None:
            continue
        context_q = ctx.figure_context(q)
        lo, hi = interval(q, ctx.norm_text, p["approximate"])
        line, column = position(lines, q.start)
        end_line, end_column = position(lines, q.end)
        out.append(Fact((subj, dimension(q)), lo, hi, q.id, q.text, q.start, q.end, line, column, context_q, day,
                        end_line, end_column, shown))
    return tuple(out)


# Arabic one-letter proclitics: a word with one before it is the same word (ولبنان، لبنان).
_CLITICS = frozenset("وفبلك")


def clitic_matches(left: frozenset[str], right: frozenset[str]) -> int:
    """How many words of ``left`` are a word of ``right`` with or without one proclitic more.

    Content words lose their article, not their other proclitics: «للبنان» is
    keyed «بنان» (لل read as ل + ال) and «ولبنان» stays whole, and headlines
    about one event write the same name both ways.
    """
    if not left or not right:
        return 0
    bare = {w[1:] for w in right if w[0] in _CLITICS and len(w) > 3}
    n = 0
    for w in left:
        if w in bare or (w[0] in _CLITICS and len(w) > 3 and (w[1:] in right or w[1:] in bare)):
            n += 1
    return n


@corpus_check(CODE, NAME, severity="warning")
class CorpusConflict:
    """The same quantity of the same event stated differently in two documents of one run.

    Each example line holds two documents separated by ``||``.

    Okay: أعلنت الوزارة أن عدد ضحايا زلزال مدينة الحسيمة بلغ 120 قتيلا. || أكدت الوزارة أن عدد ضحايا زلزال مدينة الحسيمة بلغ 120 قتيلا.
    Okay: أعلنت الوزارة أن عدد ضحايا زلزال مدينة الحسيمة بلغ 120 قتيلا. || أعلنت الشرطة أن عدد المعتقلين في مظاهرة العاصمة بلغ 40 شخصا.
    FC202: أعلنت الوزارة أن عدد ضحايا زلزال مدينة الحسيمة بلغ 120 قتيلا. || أكدت الوزارة أن عدد ضحايا زلزال مدينة الحسيمة بلغ 45 قتيلا.
    FC202 FC101: بيعت الصور الجديدة لفرقة البيتلز في لندن مقابل 250 ألف جنيه إسترليني || بيعت الصور الجديدة لفرقة البيتلز في لندن مقابل 900 ألف جنيه إسترليني
    FC202 FC101: تعهد المانحون في مؤتمر باريس بتقديم ١٠ مليارات دولار للبنان || تعهد المانحون في مؤتمر باريس بتقديم ١٠ ملايين دولار لدعم اقتصاد لبنان المنهك بعد سنوات الأزمة
    FC202 FC101 FC302: استثمرت الشركة 165 مليار درهم في التكرير والبتروكيماويات || استثمرت الشركة 165 مليون درهم في التكرير والبتروكيماويات
    """

    def __init__(self, message_lang: str = "en") -> None:
        p = settings().params(CODE)
        self.lang = message_lang
        self.similarity = p["similarity"]
        self.weak_similarity = p["weak_similarity"]
        self.shared = p["shared"]
        self.max_days = p["max_days"]
        self.min_gap = p["min_gap"]
        self.bucket = int(p["bucket"])
        self.index: dict[tuple[str, str], deque[tuple[str, Fact]]] = {}
        self.found: dict[str, list[Finding]] = {}
        self.pairs: set[tuple[str, str, tuple[str, str]]] = set()
        # Every document's facts, in input order: what merge() replays (compact records only).
        # Only a reducer that will be merged into another needs it: a local run, which
        # never merges, turns it off so that its memory stays flat (runner.py).
        self.log: list[tuple[str, tuple[Fact, ...]]] = []
        self.keep_log = True

    def add(self, result: DocumentResult) -> None:
        if result.error is not None or not result.facts:
            return
        if self.keep_log:
            self.log.append((result.id, tuple(result.facts)))
        self._add(result.id, result.facts)

    def merge(self, other: "CorpusConflict") -> None:
        """Take in a reducer fed a later part of the corpus: its documents are replayed
        against this one's index, in order, so the result equals one reducer fed both parts."""
        for doc_id, facts in other.log:
            self.log.append((doc_id, facts))
            self._add(doc_id, facts)

    def _add(self, doc_id: str, facts) -> None:
        mine: dict[tuple[str, str], list[Fact]] = {}
        for fact in facts:
            mine.setdefault(fact.key, []).append(fact)
        for fact in facts:
            bucket = self.index.setdefault(fact.key, deque(maxlen=self.bucket))
            for other_id, other in list(bucket):
                if other_id == doc_id or not self._same_event(fact, other):
                    continue
                pair = (other_id, doc_id, fact.key)
                if pair in self.pairs or not disagree((other.lo, other.hi), (fact.lo, fact.hi), self.min_gap):
                    continue
                # Listings («4% ... 96%», killed and wounded): when either document also states a
                # figure that agrees with the other's, the two figures are different things.
                theirs = [f for i, f in bucket if i == other_id]
                if any(not disagree((f.lo, f.hi), (fact.lo, fact.hi), self.min_gap) for f in theirs) or \
                        any(not disagree((f.lo, f.hi), (other.lo, other.hi), self.min_gap) for f in mine[fact.key]):
                    continue
                self.pairs.add(pair)
                self._report(doc_id, fact, other_id, other)
                self._report(other_id, other, doc_id, fact)
            bucket.append((doc_id, fact))

    def _same_event(self, a: Fact, b: Fact) -> bool:
        if a.day is not None and b.day is not None and abs(a.day - b.day) > self.max_days:
            return False
        # A figure known only by its unit ("-": 40 مليون دولار) says little of what
        # it measures, so its sentences must agree more before it is one quantity.
        need = self.weak_similarity if a.key[0] == WEAK else self.similarity
        if similar(a.context, b.context, self.shared, need):
            return True
        if a.key[0] != WEAK:
            return False
        # Only the words say what a unit-only figure measures: read them a little more loosely.
        common = a.context & b.context
        return similar(a.context, b.context, self.shared, need, clitic_matches(a.context - common, b.context - common))


    def _report(self, doc_id: str, fact: Fact, other_id: str, other: Fact) -> None:
        msg = settings().text(CODE, self.lang, figure=fact.text, other=other.text, document=other_id,
                              subject=fact.shown or fact.key[0])
        related: dict[str, Any] = {"document": other_id, "start": other.start, "end": other.end, "text": other.text,
                                   "quantity": other.quantity}
        self.found.setdefault(doc_id, []).append(
            Finding(CODE, NAME, "warning", msg, fact.start, fact.end, fact.line, fact.column, (fact.quantity,), (),
                    related=(related,), end_line=fact.end_line, end_column=fact.end_column))

    def finish(self) -> dict[str, list[Finding]]:
        return self.found
