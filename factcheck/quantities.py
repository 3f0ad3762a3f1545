"""Turn quantity-rule matches into Quantity records (value, scale, unit, qualifier)."""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from .model import Match, Quantity, Sentence
from .normalize import NormalizedText
from .numbers import parse_number
from .ruleset import Ruleset
from .units import canonical_unit, to_canonical

# Kinds that are not statistics on their own: when, which one, what label.
# One-letter prefixes a lexicon word may carry in running text (و ف ب ل).
CLITICS = "وفبل"
NON_STATISTIC_KINDS = {"year", "date", "time", "ordinal", "identifier", "score", "phone"}


def build_quantities(nt: NormalizedText, sentences: Iterable[Sentence], matches: Iterable[Match],
                     ruleset: Ruleset) -> list[Quantity]:
    """One Quantity per winning quantity match whose value can be read."""
    sent_starts = [s.norm_start for s in sentences]
    out: list[Quantity] = []
    for m in matches:
        q = _interpret(nt, m, ruleset)
        if q is None:
            continue
        start, end = nt.to_original(m.norm_start, m.norm_end)
        sentence = _sentence_of(sent_starts, m.norm_start)
        out.append(Quantity(id=f"q{len(out) + 1}", start=start, end=end, text=nt.original[start:end],
                            sentence=sentence, norm_start=m.norm_start, norm_end=m.norm_end, rule=m.rule_id, **q))
    return out


def _sentence_of(starts: list[int], pos: int) -> int:
    from bisect import bisect_right

    return max(0, bisect_right(starts, pos) - 1)


def _group(nt: NormalizedText, m: Match, name: str) -> str | None:
    span = m.groups.get(name)
    return nt.text[span[0]:span[1]] if span else None


def _interpret(nt: NormalizedText, m: Match, ruleset: Ruleset) -> dict[str, Any] | None:
    numbers = ruleset.lexicon("numbers")
    scales = ruleset.lexicon("scales")
    params: Mapping[str, Any] = m.params
    raw = _group(nt, m, "value")
    if raw is None:
        return None
    value = parse_number(raw, numbers)
    if value is None:
        return None
    value2 = None
    raw2 = _group(nt, m, "value2")
    if raw2 is not None:
        value2 = parse_number(raw2, numbers)
        if value2 is None:
            return None
    scale = _lookup_value(scales, _group(nt, m, "scale"))
    scale2 = _lookup_value(scales, _group(nt, m, "scale2"))
    if scale2 is not None and scale is None and value2 is not None and value < value2:
        scale = scale2  # "من 10 إلى 15 ألفاً": the scale is shared
    value *= scale or 1.0
    if value2 is not None:
        value2 *= scale2 or 1.0
    if _group(nt, m, "sign") is not None:
        value = -value
    kind = params.get("kind", "count")
    unit: str | None = params.get("unit")
    candidates: tuple[str, ...] = ()
    unit_surface = _group(nt, m, "unit")
    if unit_surface is not None:
        entry = ruleset.lexicon("units").lookup(unit_surface, CLITICS)
        if entry is not None:
            unit = entry.data.get("unit")
            candidates = tuple(entry.data.get("candidates", ()))
            kind = params.get("kind") or entry.data.get("kind", "measure")
            if "kind" in entry.data and kind == "count":
                kind = entry.data["kind"]
    qualifier = params.get("qualifier", "exact")
    qual_surface = _group(nt, m, "qualifier")
    if qual_surface is not None:
        entry = ruleset.lexicon("qualifiers").lookup(qual_surface, CLITICS)
        if entry is not None:
            qualifier = entry.data.get("qualifier", qualifier)
    vmin = vmax = None
    if value2 is not None:
        vmin, vmax = sorted((value, value2))
        value = None
        qualifier = "range"
    elif qualifier in ("more-than", "at-least"):
        vmin = value
    elif qualifier in ("less-than", "at-most"):
        vmax = value
    canon = canonical_unit(unit) if unit else None
    normalized = None
    if canon is not None and value is not None:
        normalized = to_canonical(value, canon)
    noun = _group(nt, m, "noun")
    if noun is not None:
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
        "statistic": params.get("statistic", kind not in NON_STATISTIC_KINDS),
        "noun": noun,
        "unit_candidates": candidates,
    }


def _lookup_value(lexicon, surface: str | None) -> float | None:
    if surface is None:
        return None
    entry = lexicon.lookup(surface)
    if entry is None or "value" not in entry.data:
        return None
    return float(entry.data["value"])
