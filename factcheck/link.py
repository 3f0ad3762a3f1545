"""Link each quantity to the attribution whose scope holds it."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from .model import Attribution, Quantity


def link_quantities(quantities: Iterable[Quantity], attributions: Iterable[Attribution]) -> list[Quantity]:
    """Quantities with ``attribution`` and ``link_reason`` set where a scope holds them.

    The innermost scope wins (a quote inside a clause beats the clause).
    Reasons: ``quote``, ``frame``, ``carried``, ``clause``.
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
        reason = "carried" if best.carried and best.reach == "clause" else best.reach
        out.append(replace(q, attribution=best.id, link_reason=reason))
    return out

