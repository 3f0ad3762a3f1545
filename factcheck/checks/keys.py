"""What a figure measures, and the values it allows.

``subject`` names the measured thing: a metric phrase before the figure
(«عدد القتلى», «نسبة البطالة»), or a counted noun that names it on its own
(قتيلاً). ``interval`` is what the figure allows given its qualifier, range
and stated precision («نحو 3 ملايين» allows 2.95 million; «3 ملايين» does
not allow 300 thousand). Facts are the compact records cross-document
checks keep per figure.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Mapping

import regex

from ..model import Quantity, Sentence
from ..normalize import fold
from ..ruleset import Entry
from ..units import scales_only, to_canonical
from .text import TOKEN, head_tokens, key_word, rfind_word, tail_tokens, word_at

_DIGITS = regex.compile(r"\d+(?:[.,]\d+)*")


def dimension(q: Quantity) -> str:
    """The unit a figure is compared in: its canonical unit, the currencies an ambiguous one may be, or 'count'.

    Two figures in the same ambiguous currency (درهم: AED or MAD) compare
    with each other, never with one whose currency is known.
    """
    if q.normalized is not None:
        return q.normalized.unit
    if q.normalized_range is not None:
        return q.normalized_range.unit
    if q.unit is None and q.unit_candidates:
        return "|".join(sorted(q.unit_candidates))
    return q.unit or ("count" if q.kind == "count" else q.kind)


def comparable(q: Quantity, ambiguous: bool = False) -> bool:
    """Statistics with a value and a readable unit (not a bare year-like 2015).

    An ambiguous currency (ريال، درهم) is readable only with ``ambiguous``:
    across documents, where two figures must also share their sentence's
    words (FC202). Within an article a listing of regions' budgets in
    one currency would read as one quantity stated twice.
    """
    if q.kind == "count" and q.unit is None and not q.noun and q.value is not None and q.value.is_integer() \
            and 1900 <= q.value <= 2100:
        return False
    return q.statistic and (ambiguous or not q.unit_candidates) \
        and (q.value is not None or q.min is not None or q.max is not None) \
        and q.kind in ("count", "percent", "money", "measure")


def _scaled(q: Quantity, x: float) -> float:
    """``x``, in the figure's own unit, in the units of ``q.normalized`` (what pint made of that unit).

    Converted as the value was, so that a unit with an offset (degree
    Celsius) maps an interval's ends right, and a range's ends too.
    """
    if q.unit is None or math.isinf(x):
        return x
    if q.normalized is not None and q.value not in (None, 0) and scales_only(q.unit):
        return x * q.normalized.value / q.value  # a factor: no conversion call per end
    if q.normalized is None and q.normalized_range is None:
        return x
    n = to_canonical(float(x), q.unit)
    return x if n is None else n.value


def precision(q: Quantity, norm_text: str, zeros: bool = True) -> float:
    """Half the step of the last written digit, in the figure's own units.

    With ``zeros``, trailing zeros of a number of three digits or more count
    as rounding (1500 may be 1,450 to 1,549); 10 and 50 are taken as exact.
    """
    m = _DIGITS.search(norm_text, q.norm_start, q.norm_end)
    if m is None or q.value is None:
        return 0.0
    raw = m.group()
    if raw.count(".") == 1 and "," not in raw:
        step = 10.0 ** -len(raw.split(".")[1])
        raw_value = float(raw)
    else:
        digits = raw.replace(",", "").replace(".", "")
        if not digits.isdigit():
            return 0.0
        n_zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") and len(digits) >= 3 else 0
        step = 10.0 ** (n_zeros if zeros else 0)
        raw_value = float(digits)
    scale = abs(q.value) / raw_value if raw_value else 1.0
    return 0.5 * step * (scale if scale >= 1 else 1.0)


def interval(q: Quantity, norm_text: str, approximate: float, zeros: bool = True) -> tuple[float, float]:
    """The values ``q`` allows, in its normalised units."""
    inf = math.inf
    if q.value is None:
        lo = q.min if q.min is not None else -inf
        hi = q.max if q.max is not None else inf
        return _scaled(q, lo), _scaled(q, hi)
    v = q.value
    half = precision(q, norm_text, zeros)
    if q.qualifier == "approximate":
        half = max(half, abs(v) * approximate)
    lo, hi = v - half, v + half
    if q.qualifier in ("more-than", "at-least"):
        hi = inf
    elif q.qualifier in ("less-than", "at-most"):
        lo = -inf
    return _scaled(q, lo), _scaled(q, hi)


def disagree(a: tuple[float, float], b: tuple[float, float], min_gap: float) -> bool:
    """The intervals do not meet, and the gap is more than ``min_gap`` of the larger value."""
    if a[1] < b[0]:
        low, high = a[1], b[0]
    elif b[1] < a[0]:
        low, high = b[1], a[0]
    else:
        return False
    scale = max(abs(low), abs(high))
    return scale > 0 and (high - low) / scale > min_gap


def noun_entry(q: Quantity, ruleset) -> Entry | None:
    """The nouns-lexicon entry of the figure's counted noun, or None.

    ``q.noun`` is the original text (قتيلاً); the lexicon keeps folded forms.
    """
    if not q.noun or ruleset is None:
        return None
    return ruleset.lexicon("nouns").lookup(fold(q.noun))


# How a subject was found: a counted noun that names it (or a metric phrase that names
# an event: عدد القتلى), an event word next to a figure of people, a metric phrase.
BY_NOUN, BY_EVENT, BY_METRIC = "noun", "event", "metric"


def subject_of(q: Quantity, norm_text: str, sentence: Sentence, words, ruleset, window: int,
               before_limit: int | None = None) -> tuple[str, str] | None:
    """The measured thing as a folded key, and how it was found (``BY_*``); None when unsure.

    A counted noun that names it (12 قتيلاً), an event word next to a figure
    of people (مقتل 12 شخصاً، 12 people were killed), or a metric phrase
    before the figure (عدد القتلى، the unemployment rate). The three name one
    event alike: the event's name, or the name and the noun when the noun
    counts a part of the people (مقتل 12 مدنياً: killed civilian). An event
    word says what was counted, not which event: an article tells of several.
    """
    entry = noun_entry(q, ruleset)
    if entry is not None and entry.id in words["self_describing_nouns"]:
        return entry.id.rsplit(".", 1)[-1], BY_NOUN
    start = sentence.norm_start if before_limit is None else max(sentence.norm_start, before_limit)
    # A figure of people, or a bare one (headlines drop the noun: مقتل 10 في اشتباكات).
    people = entry is not None and entry.id in words["people_nouns"]
    if words.subjects and (people or (not q.noun and q.unit is None and q.kind == "count")):
        event = _event(q, norm_text, start, sentence.norm_end, words)
        if event is not None:
            if not people or entry.id in words["total_nouns"]:
                return event, BY_EVENT
            return f"{event} {entry.id.rsplit('.', 1)[-1]}", BY_EVENT
    toks = tail_tokens(norm_text, start, q.norm_start, window)
    key = metric_key(toks[_clause_start(toks):], words)
    if key is None:
        return None
    name = words.metric_names.get(key)
    return (key, BY_METRIC) if name is None else (name, BY_NOUN)


def shown_subject(ctx, q: Quantity, subj: str, how: str, window: int, before_limit: int | None = None) -> str:
    """The measured thing as the article names it, for a message: a metric's words as written
    (عدد سكان المدينة, not the key سكان مدينه), else the event's label (القتلى، deaths), else the
    counted noun as written (لاجئ), else the key."""
    if how == BY_METRIC:
        start = ctx.sentences[q.sentence].norm_start
        span = metric_span(ctx.norm_text, max(start, before_limit or 0), q.norm_start, ctx.words, window)
        return subj if span is None else ctx.original(*span)
    name, _, part = subj.partition(" ")
    label = ctx.words.subjects.get(name, {}).get("label")
    if label is None:
        return q.noun or subj
    return f"{label}: {q.noun}" if part and q.noun else label


def _event(q: Quantity, norm_text: str, start: int, end: int, words) -> str | None:
    """The event named by the word right before the figure or the words right after it."""
    before = tail_tokens(norm_text, start, q.norm_start, 1)
    after = head_tokens(norm_text, q.norm_end, end, 4)
    for name, table in words.subjects.items():
        if before and word_at(before, 0, table.get("before", frozenset())) is not None:
            return name
        if after and word_at(after, 0, table.get("after", frozenset())) is not None:
            return name
    return None


def _clause_start(toks: list[str]) -> int:
    """Where the last clause of the tokens starts: a metric before a comma belongs to another clause."""
    for i in range(len(toks) - 1, -1, -1):
        if not toks[i][0].isalnum() and toks[i] not in ("'", "’"):  # the city's population: a possessive, no break
            return i + 1
    return 0


def metric_span(norm_text: str, start: int, end: int, words, window: int) -> tuple[int, int] | None:
    """Where the metric phrase that ends before ``end`` stands in ``norm_text``, head to object (to show it)."""
    spans = [m.span() for m in TOKEN.finditer(norm_text, start, end)][-window:]
    spans = spans[_clause_start([norm_text[a:b] for a, b in spans]):]
    found = metric_at([norm_text[a:b] for a, b in spans], words)
    if found is None:
        return None
    _, i, j = found
    return spans[min(i, j)][0], spans[max(i, j)][1]


def metric_key(toks: list[str], words) -> str | None:
    """The metric phrase the tokens end with, as a folded key (head and object), or None."""
    found = metric_at(toks, words)
    if found is None:
        return None
    head, _, j = found
    return f"{head} {key_word(toks[j].lower())}"


def metric_at(toks: list[str], words) -> tuple[str, int, int] | None:
    """The metric phrase the tokens end with: its head (as listed), the head's index, its object's index."""
    i = rfind_word(toks, words["metric_heads"])
    if i < 0:
        return None
    head = word_at(toks, i, words["metric_heads"]) or toks[i]
    # «بنسبة 20%», «بقيمة 5 ملايين», «بمعدل يومي»: a rate or a price, not a named metric.
    if toks[i].lstrip("وف")[:1] in ("ب", "ل", "ك") and not toks[i].lstrip("وف").startswith(("ال", "لل")):
        return None
    rest = [k for k in range(i + len(head.split(" ")), len(toks)) if toks[k][0].isalpha()]
    stop = words["stopwords"]
    if not words.object_before_head:
        # A head with no object («نسبة 20%») names nothing, nor one whose next word is
        # no object: «عدد من» (a number of), «حصة تبلغ», «قال سكان إن» (residents).
        if not rest or toks[rest[0]] in stop or toks[rest[0]] in words["not_objects"]:
            return None
        return head, i, rest[0]
    # The number of deaths: the object after the partitive. The death toll, the
    # city's population, the rate stood at: the content word before the head.
    if rest and toks[rest[0]].lower() in words["of_words"]:
        obj = [k for k in rest[1:] if toks[k].lower() not in stop]
        if obj:
            return head, i, obj[0]
    # The word right before the head, past an article, a possessive or a verb of having
    # (the city's population, the city had a population of): a word further back is no
    # modifier of it (which could cost the UK £1bn).
    j = i - 1
    while j >= 0 and toks[j].lower() in words["head_links"]:
        j -= 1
    before = toks[j].lower() if j >= 0 else ""
    return (head, i, j) if before[:1].isalpha() and len(before) > 1 and before not in stop else None


@dataclass(frozen=True)
class Fact:
    """A figure of one document, reduced to what a cross-document check needs."""

    key: tuple[str, str]  # (subject, dimension)
    lo: float
    hi: float
    quantity: str
    text: str
    start: int
    end: int
    line: int
    column: int
    context: frozenset[str]
    day: int | None
    end_line: int | None = None  # where the figure ends (the character after it)
    end_column: int | None = None
    shown: str = ""  # the measured thing as the document names it, for the message


def document_day(meta: Mapping[str, Any]) -> int | None:
    """The document's date (``meta.date``) as a day number, or None when absent or unreadable."""
    raw = str(meta.get("date") or "").strip()
    if not raw:
        return None
    from email.utils import parsedate_to_datetime  # RFC 2822 dates are rare: start-up time

    for parse in (lambda s: datetime.fromisoformat(s.replace("Z", "+00:00")),
                  parsedate_to_datetime,
                  lambda s: datetime.strptime(s[:10], "%d/%m/%Y"),
                  lambda s: datetime.strptime(s[:10], "%Y-%m-%d")):
        try:
            return parse(raw).date().toordinal()
        except (ValueError, TypeError, IndexError):
            continue
    return None


def similar(a: frozenset[str], b: frozenset[str], shared: int, need: float, extra: int = 0) -> bool:
    """Two sentences' content words overlap enough: ``shared`` words at least (``extra`` counted as shared),
    and that many over their union at least ``need``."""
    n = len(a & b) + extra
    union = len(a) + len(b) - n  # the size of the union, without building it
    return n >= shared and union > 0 and n / union >= need


def content_words(toks: Iterable[str], stopwords: frozenset[str]) -> frozenset[str]:
    """The content words of a sentence's tokens (no numbers, no stopwords), without clitics."""
    keys = {key_word(t) for t in toks
            if t[0].isalpha() and t not in stopwords and (t.isalpha() or _DIGITS.search(t) is None)}
    return frozenset(k for k in keys if len(k) >= 3 and k not in stopwords)


