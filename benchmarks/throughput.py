"""Throughput of `check` over a JSONL corpus, against a plain regex baseline.

Usage: python benchmarks/throughput.py [CORPUS.jsonl] [--limit N]

Prints characters/s and MB/s of the full pipeline (all rules, all checks)
and, measured in the same run on the same texts, of one compiled `regex`
scan for digits: the ceiling we compare ourselves against.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.model import Document  # noqa: E402
from speed import digit_baseline, load_rows  # noqa: E402  (one corpus reader, one baseline)
from factcheck.pipeline import Options, process_documents  # noqa: E402
from factcheck.ruleset import load_ruleset  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "ar-news.jsonl"


def load_texts(path: Path, limit: int | None) -> list[str]:
    return [json.loads(row)["text"] for row in load_rows(path, limit)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    path = Path(args.corpus)
    if not path.exists():
        print(f"corpus not found: {path}", file=sys.stderr)
        return 2
    texts = load_texts(path, args.limit)
    chars = sum(len(t) for t in texts)
    nbytes = sum(len(t.encode("utf-8")) for t in texts)

    t_regex, n_digits = digit_baseline(texts)

    t0 = time.perf_counter()
    load_ruleset("ar")
    t_load = time.perf_counter() - t0
    options = Options()
    t0 = time.perf_counter()
    n_q = n_a = n_f = n_err = 0
    for r in process_documents((Document(str(i), t) for i, t in enumerate(texts)), options):
        n_q += len(r.quantities)
        n_a += len(r.attributions)
        n_f += len(r.findings)
        n_err += r.error is not None
    t_check = time.perf_counter() - t0

    rows = [
        ("documents", f"{len(texts)}"),
        ("characters", f"{chars:,}"),
        ("rule loading (s)", f"{t_load:.2f}"),
        ("check: seconds", f"{t_check:.2f}"),
        ("check: characters/s", f"{chars / t_check:,.0f}"),
        ("check: MB/s", f"{nbytes / t_check / 1e6:.2f}"),
        ("baseline regex digit scan: characters/s", f"{chars / t_regex:,.0f}"),
        ("check time / baseline time", f"{t_check / t_regex:.1f}x"),
        ("quantities / attributions / findings / errors", f"{n_q} / {n_a} / {n_f} / {n_err}"),
        ("digit runs found by the baseline", f"{n_digits}"),
    ]
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
