"""Turn quantity-rule matches into Quantity records (value, scale, unit, qualifier).

Groups a rule may set (the closed vocabulary of ``ruleset.GROUPS``):
``value`` (digits, words, a vague plural or an ordinal), ``value2`` (the
other end of a range, or the second part of a compound such as
20 دولارا و43 سنتا), ``scale``/``scale2`` (a scale word after digits),
``unit``/``unit2`` (``unit2`` is the unit of the second figure, or a rate
word such as يوميا), ``qualifier`` (before or after the figure), ``sign``
(سالب، ناقص، -، تحت الصفر), ``noun`` (what is counted) and ``per`` (the
whole the figure is a part of: one in five voters, 5.5 من كل ألف شخص, read as
the figure over it).
"""
from __future__ import annotations

import math
from bisect import bisect_right
from typing import Any, Iterable, Mapping

from .extract import resolve_overlaps
from .model import Match, NormalizedRange, Quantity, Sentence
from .normalize import NormalizedText, fold, strip_marks
from .numbers import dot_groups_thousands, parse_number, parse_ordinal, times
from .ruleset import Entry, Lexicon, Ruleset, per_lexicon
from .units import canonical_unit, commensurable, convert, to_canonical

# One-letter prefixes a lexicon word may carry in running text (و ف ب ل).
CLITICS = "وفبل"
# Kinds that are not statistics on their own: when, which one, what label,
# how long.
NON_STATISTIC_KINDS = {"year", "date", "time", "ordinal", "identifier", "score", "phone", "duration"}
_DEFINITE = "ال"


def read_quantities(nt: NormalizedText, sentences: Iterable[Sentence], candidates: Iterable[Match],
                    ruleset: Ruleset, locale: str | None = None) -> list[Quantity]:
    """The quantities of a document from all its quantity-rule matches.

    Overlaps are resolved (``extract.resolve_overlaps``), and a winner whose
    value cannot be read gives way to the matches it displaced: 8 in 5 is no
    share, so 8 and 5 are read on their own. ``locale`` as in ``build_quantities``.
    """
    pool = list(candidates)
    local_currency = _locale_currency(ruleset, locale)
    read: dict[int, dict[str, Any] | None] = {}
    while True:
        winners = resolve_overlaps(pool)
        for m in winners:
            if id(m) not in read:
                read[id(m)] = _interpret(nt, m, ruleset, local_currency)
        unread = {id(m) for m in winners if read[id(m)] is None}
        if not unread:
            break
        pool = [m for m in pool if id(m) not in unread]  # shrinks every round, so this ends
    return _records(nt, sentences, [(m, read[id(m)]) for m in winners])


def build_quantities(nt: NormalizedText, sentences: Iterable[Sentence], matches: Iterable[Match],
                     ruleset: Ruleset, locale: str | None = None) -> list[Quantity]:
    """One Quantity per winning quantity match whose value can be read.

    ``locale`` (a country code or tag such as ``EG``/``ar-EG``, see
    ``rules/<lang>/lexicon/locales.toml``) resolves bare ambiguous currencies.
    """
    local_currency = _locale_currency(ruleset, locale)
    return _records(nt, sentences, [(m, _interpret(nt, m, ruleset, local_currency)) for m in matches])


def _records(nt: NormalizedText, sentences: Iterable[Sentence],
             read: Iterable[tuple[Match, dict[str, Any] | None]]) -> list[Quantity]:
    """Quantity records for the matches whose value was read, numbered in order."""
    sent_starts = [s.norm_start for s in sentences]
    out: list[Quantity] = []
    for m, q in read:
        if q is None:
            continue
        start, end = nt.to_original(m.norm_start, m.norm_end)
        sentence = max(0, bisect_right(sent_starts, m.norm_start) - 1)
        out.append(Quantity(id=f"q{len(out) + 1}", start=start, end=end, text=nt.original[start:end],
                            sentence=sentence, norm_start=m.norm_start, norm_end=m.norm_end, rule=m.rule_id, **q))
    return out


def _locale_currency(ruleset: Ruleset, locale: str | None) -> str | None:
    if not locale:
        return None
    entry = ruleset.lexicon("locales").lookup(locale)
    return None if entry is None else entry.data.get("unit")


def _group(nt: NormalizedText, m: Match, name: str) -> str | None:
    span = m.groups.get(name)
    return nt.text[span[0]:span[1]] if span else None


def _written_as_other(nt: NormalizedText, raw: str, span: tuple[int, int], numbers: Lexicon) -> bool:
    """Whether the number's words, as the copy writes them, are one of the numbers
    lexicon's "spelled-other" forms (with at most one clitic): another word that folds into a number.

    ``raw`` (the folded words) must fold like one of them first: most figures are
    digits, and their original text is not read.
    """
    written_forms, folded_forms = per_lexicon(numbers, "spelled-other", lambda: _spelled_other(numbers))
    if not (raw in folded_forms or (raw[:1] in CLITICS and raw[1:] in folded_forms)):
        return False
    written = strip_marks(nt.original_text(*span)).strip()
    return written in written_forms or (written[:1] in CLITICS and written[1:] in written_forms)


def _spelled_other(numbers: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The "spelled-other" forms of a numbers lexicon as written, and folded."""
    forms = frozenset(f for e in numbers.entries if e.data.get("class") == "spelled-other" for f in e.forms)
    return forms, frozenset(fold(f) for f in forms)


def _entry(lex: Lexicon, surface: str | None) -> Entry | None:
    """The lexicon entry of ``surface``, allowing a clitic and the article (بالدولار)."""
    if surface is None:
        return None
    entry = lex.lookup(surface, CLITICS)
    if entry is None:
        key = surface.lstrip(CLITICS)
        if key.startswith(_DEFINITE):
            entry = lex.lookup(key[len(_DEFINITE):])
    return entry


def _value_of(entry: Entry | None) -> float | None:
    return None if entry is None or "value" not in entry.data else float(entry.data["value"])


def _unit_scale(entry: Entry | None) -> float | None:
    """The scale a unit's abbreviation carries (م د: a million dinars), as a scale word would."""
    return None if entry is None or "scale" not in entry.data else float(entry.data["scale"])


def _scale_of(ruleset: Ruleset, surface: str | None) -> float | None:
    """The multiplier of a scale word after digits (ألف, ملايين, and مئة: ٣ مئة), or of several (hundred thousand)."""
    value = _value_of(_entry(ruleset.lexicon("scales"), surface))
    if value is None:
        entry = _entry(ruleset.lexicon("numbers"), surface)
        if entry is not None and entry.data.get("class") == "hundred":
            value = _value_of(entry)
    if value is None and surface is not None and len(surface.split()) > 1:
        parts = [_scale_of(ruleset, w) for w in surface.split()]  # several hundred thousand: 100 x 1000
        value = math.prod(parts) if None not in parts else None  # type: ignore[arg-type]
    return value


def _interpret(nt: NormalizedText, m: Match, ruleset: Ruleset, local_currency: str | None) -> dict[str, Any] | None:
    params: Mapping[str, Any] = m.params
    kind = params.get("kind", "count")
    numbers, scales = ruleset.lexicon("numbers"), ruleset.lexicon("scales")
    raw = _group(nt, m, "value")
    if raw is not None and _written_as_other(nt, raw, m.groups["value"], numbers):
        return None  # مية الجريبي، وجد ميتا: a name or a word that folds into a number
    vague = _entry(ruleset.lexicon("vague"), raw) if raw is not None else None
    unit_entry = _entry(ruleset.lexicon("units"), _group(nt, m, "unit"))
    value: float | None
    vmin = vmax = None
    if vague is not None:
        value, vmin, vmax = None, float(vague.data["min"]), float(vague.data["max"])
    elif raw is None:
        value = _value_of(unit_entry)  # a dual unit word (لتران) is its own count
    elif kind == "ordinal":
        value = parse_ordinal(raw, ruleset.lexicon("ordinals"), numbers)
    elif kind == "time":
        value = _clock(raw)
        if value is None:
            value = parse_ordinal(raw, ruleset.lexicon("ordinals"), numbers)
    elif kind == "phone":
        digits = "".join(ch for ch in raw if ch.isdigit())
        value = float(digits) if digits else None
    else:
        value = parse_number(raw, numbers, scales)
    if value is None and vague is None:
        return None
    if (value is not None and kind == "count" and unit_entry is None and _group(nt, m, "scale") is None
            and dot_groups_thousands(raw or "", "noun" in m.groups)):
        value = times(value, 1000)  # 220.092 مسافراً, نحو 10.000 من المقاتلين (numbers.dot_groups_thousands)
    if value is not None and "implied" in params:
        value += float(params["implied"])  # لتر ونصف: the unit word counts one
    surface2 = _group(nt, m, "unit2")
    units2 = _entry(ruleset.lexicon("units"), surface2)  # the second figure's unit, unless a rate (below)
    scale = _scale_of(ruleset, _group(nt, m, "scale")) or _unit_scale(unit_entry)
    scale2 = _scale_of(ruleset, _group(nt, m, "scale2")) or _unit_scale(units2)
    raw2 = _group(nt, m, "value2")
    value2 = parse_number(raw2, numbers, scales) if raw2 is not None else None
    if raw2 is not None and value2 is None:
        return None
    if scale2 is not None and scale is None and value is not None and value2 is not None and value < value2:
        scale = scale2  # "من 10 إلى 15 ألفاً": the scale is shared
    if vague is not None:
        if scale:  # عشرات الآلاف: 20 000 .. 99 999
            vmin, vmax = vmin * scale, (vmax + 1) * scale - 1
    elif value is not None:
        value = times(value, scale or 1.0)
    if value2 is not None:
        value2 = times(value2, scale2 or 1.0)
    if _group(nt, m, "sign") is not None and value is not None:
        value = -value
    raw_per = _group(nt, m, "per")
    if raw_per is not None:
        per = parse_number(raw_per, numbers, scales)
        if not per or value is None or value > per:
            return None  # a part larger than its whole is two figures (12 in six), read by other rules
        value /= per  # one in five: a share of 0.2, as a fifth is
    # Units: the figure's own, then the second one (a rate, or the unit of the second figure).
    unit: str | None = params.get("unit")
    candidates: tuple[str, ...] = ()
    if unit_entry is not None:
        unit = unit_entry.data.get("unit")
        candidates = tuple(unit_entry.data.get("candidates", ()))
        if unit is None and local_currency in candidates:
            unit, candidates = local_currency, ()
        if "kind" not in params or kind == "count":
            kind = unit_entry.data.get("kind", "measure")
    rate = _entry(ruleset.lexicon("rates"), surface2)
    unit2_entry = None if rate is not None else units2
    if rate is not None and unit:
        unit = f"({unit}) / {rate.data['unit']}"
        kind = "rate" if kind in ("measure", "count") else kind
    if unit is None and unit2_entry is not None and value2 is not None:
        unit, candidates = unit2_entry.data.get("unit"), tuple(unit2_entry.data.get("candidates", ()))
        kind = unit2_entry.data.get("kind", kind) if kind == "count" else kind
    qualifier = params.get("qualifier", "exact")
    for span_name in ("qualifier",):
        entry = _entry(ruleset.lexicon("qualifiers"), _group(nt, m, span_name))
        if entry is not None:
            qualifier = entry.data.get("qualifier", qualifier)
    canon = canonical_unit(unit) if unit else None
    if value2 is not None and value is not None:
        unit2 = unit2_entry.data.get("unit") if unit2_entry is not None else None
        canon2 = canonical_unit(unit2) if unit2 else None
        if canon and canon2 and canon2 != canon:
            if params.get("qualifier") == "range" and commensurable(canon, canon2):
                value2 = _sum_in(0.0, canon, value2, canon2)  # من خمسة أشهر إلى خمس سنوات: both ends in months
            else:
                if commensurable(canon, canon2):
                    value = _sum_in(value, canon, value2, canon2)  # 20 دولارا و43 سنتا
                value2 = None  # 20 يورو و43 سنتا: only the first figure is read
    if vague is not None:
        qualifier = "approximate"
    elif value2 is not None:
        vmin, vmax = sorted((value, value2))
        value = None
        qualifier = "range"
    elif qualifier in ("more-than", "at-least"):
        vmin = value
    elif qualifier in ("less-than", "at-most"):
        vmax = value
    normalized = to_canonical(value, canon) if canon is not None and value is not None else None
    normalized_range = _range_in_base(vmin, vmax, canon) if canon is not None else None
    noun = None
    if "noun" in m.groups:
        s, e = m.groups["noun"]
        noun = nt.original_text(s, e)
    return {
        "kind": kind,
        "value": value,
        "min": vmin,
        "max": vmax,
        "unit": canon or unit,
        "qualifier": qualifier,
        "normalized": normalized,
        "normalized_range": normalized_range,
        "statistic": params.get("statistic", kind not in NON_STATISTIC_KINDS),
        "noun": noun,
        "unit_candidates": candidates,
    }


def _range_in_base(vmin: float | None, vmax: float | None, canon: str) -> NormalizedRange | None:
    """The ends of a range or a bound in base units, as ``normalized`` gives a value (None: no end converts)."""
    ends = [None if v is None else to_canonical(float(v), canon) for v in (vmin, vmax)]
    known = [e for e in ends if e is not None]
    if not known or any(v is not None and e is None for v, e in zip((vmin, vmax), ends)):
        return None
    return NormalizedRange(*(None if e is None else e.value for e in ends), unit=known[0].unit)


def _clock(surface: str) -> float | None:
    """A clock time in hours: "14:30" -> 14.5, "10" -> 10; "3.46" and "07,25" are minutes too (3:46, 7:25),
    and four digits are hours and minutes (1230 GMT)."""
    hours, sep, minutes = surface.replace(".", ":").replace(",", ":").partition(":")
    if not sep and len(hours) == 4 and hours.isdigit():
        hours, sep, minutes = hours[:2], ":", hours[2:]
    if not hours.isdigit() or (sep and not minutes.isdigit()):
        return None
    return int(hours) + (int(minutes) / 60 if sep else 0.0)


def _sum_in(value: float, unit: str, value2: float, unit2: str) -> float:
    """``value unit + value2 unit2`` expressed in ``unit``."""
    # Not rounded: the base-unit value, rounded once (units.significant), is what reads cleanly.
    return value + convert(value2, unit2, unit)
