"""Link each quantity to the attribution whose scope holds it."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from .model import Attribution, Quantity


def link_reason(q: Quantity, a: Attribution) -> str:
    """quote | carried | frame | clause: why ``a`` covers ``q``."""
    if a.norm_quote is not None and a.norm_quote[0] <= q.norm_start and q.norm_end <= a.norm_quote[1]:
        return "quote"
    if a.carried:
        return "carried"
    if a.reach == "frame":
        return "frame"
    return "clause"


def link_quantities(quantities: Iterable[Quantity], attributions: Iterable[Attribution]) -> list[Quantity]:
    """Quantities with ``attribution`` and ``link_reason`` set where a scope holds them.

    A quantity belongs to the attribution whose complement clause (أنّ ...),
    quote or framed sentence contains it; the innermost scope wins (a clause
    beats the sentence a framing phrase covers).
    """
    attributions = list(attributions)
    out: list[Quantity] = []
    for q in quantities:
        best: Attribution | None = None
        for a in attributions:
            if a.scope_start <= q.norm_start and q.norm_end <= a.scope_end:
                if best is None or (a.scope_end - a.scope_start) < (best.scope_end - best.scope_start):
                    best = a
        if best is None:
            out.append(q)
            continue
        out.append(replace(q, attribution=best.id, link_reason=link_reason(q, best)))
    return out
