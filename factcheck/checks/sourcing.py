"""FC1xx: is each figure sourced, and by whom."""
from __future__ import annotations

from typing import Iterator

from . import CheckContext, Hit, check


@check("FC101", "unsourced-claim", severity="warning")
def unsourced_claim(ctx: CheckContext) -> Iterator[Hit]:
    """A statistic with no attribution in reach (its clause, its quote, a carried speaker).

    Okay: قال وزير المالية إن العجز بلغ 3 في المئة.
    FC101: بلغ العجز 3 في المئة العام الماضي.
    """
    for q in ctx.quantities:
        if q.statistic and q.attribution is None:
            yield Hit(q.start, q.end, f"figure '{q.text}' has no source: no attribution covers its clause, quote or sentence",
                      quantities=(q.id,))
