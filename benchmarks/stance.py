"""FC202 (corpus-conflict) against a labelled stance corpus: pairs of Arabic
headlines that agree or disagree about one story.

Each pair is run as a two-document corpus (both pairs' sides in one run, so
the conflict check also sees every other headline). A disagreeing pair whose
two sides state different statistics is a conflict the check should report
between them; an agreeing pair should never be reported. Pairs without a
figure on each side say nothing about FC202 and are only counted.

    python benchmarks/stance.py [PATH_TO/ar-claims.jsonl]

The corpus is third-party text, read in place; nothing of it is copied.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.model import Document, DocumentResult  # noqa: E402
from factcheck.pipeline import Options, run_corpus  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "ar-claims.jsonl"
LABELS = ("agree", "disagree")


@dataclass
class StanceResult:
    counts: Counter = field(default_factory=Counter)  # (label, figures differ, reported) -> pairs
    missed: list[tuple[str, str]] = field(default_factory=list)  # disagreeing pairs not reported
    false_alarms: list[tuple[str, str]] = field(default_factory=list)  # agreeing pairs reported

    def rate(self, label: str) -> tuple[int, int]:
        """(reported, all) over the pairs of ``label`` whose two sides state different figures."""
        return self.counts[(label, True, True)], self.counts[(label, True, True)] + self.counts[(label, True, False)]


def _figures(r: DocumentResult) -> frozenset[float]:
    return frozenset(q.value for q in r.quantities if q.value is not None and q.statistic)


def _reported(a: DocumentResult, b_id: str) -> bool:
    return any(f.code == "FC202" and any(rel.get("document") == b_id for rel in f.related) for f in a.findings)


def evaluate(path: Path = DEFAULT) -> StanceResult:
    pairs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("kind") == "stance_pair" and row.get("label") in LABELS:
                pairs.append(row)
    docs = [Document(f"{p['id']}#{side}", p[key]) for p in pairs for side, key in (("a", "claim"), ("b", "claim_b"))]
    results = {r.id: r for r in run_corpus(docs, Options(select=("FC202",)))}
    out = StanceResult()
    for p in pairs:
        a, b = results[f"{p['id']}#a"], results[f"{p['id']}#b"]
        fa, fb = _figures(a), _figures(b)
        differ = bool(fa) and bool(fb) and fa != fb
        hit = _reported(a, b.id) or _reported(b, a.id)
        out.counts[(p["label"], differ, hit)] += 1
        if p["label"] == "disagree" and differ and not hit:
            out.missed.append((p["claim"], p["claim_b"]))
        if p["label"] == "agree" and hit:
            out.false_alarms.append((p["claim"], p["claim_b"]))
    return out


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    if not path.is_file():
        print(f"no stance corpus at {path}", file=sys.stderr)
        return 2
    res = evaluate(path)
    hit, total = res.rate("disagree")
    fa, fa_total = res.rate("agree")
    every_agree = sum(n for (label, _, _), n in res.counts.items() if label == "agree")
    every_false = sum(n for (label, _, rep), n in res.counts.items() if label == "agree" and rep)
    print("FC202 on the stance pairs")
    print(f"  disagreeing pairs whose figures differ, reported: {hit} of {total}"
          f" ({hit / total:.0%})" if total else "  no disagreeing pair states two figures")
    print(f"  agreeing pairs whose figures differ, reported: {fa} of {fa_total}")
    print(f"  agreeing pairs reported at all: {every_false} of {every_agree}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
