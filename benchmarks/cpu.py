"""CPU per article, in one process, for this checkout and optionally another, alternated.

Usage: python benchmarks/cpu.py [CORPUS.jsonl] [--limit 1000] [--passes 3]
                                [--rounds 2] [--against OTHER_CHECKOUT]

Times ``process_documents`` (every rule and check, no report) over the first
``--limit`` articles with ``time.process_time``, ``--passes`` times in one
fresh process (the first pass includes warming up), and prints each pass.
With ``--against`` (another checkout of the project, say a
``git worktree`` of an older commit), the two are run in turn, ``--rounds``
times, so that a machine whose speed drifts over the minutes weighs on both
alike; the last line compares their best passes.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus" / "ar-news.jsonl"

# One measurement, in a child whose ``factcheck`` is the given checkout's.
_CHILD = """
import json, sys, time
from factcheck.model import Document
from factcheck.pipeline import Options, process_documents
from factcheck.ruleset import load_ruleset
path, limit, passes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
texts = []
with open(path, encoding="utf-8") as fh:
    for line in fh:
        if line.strip():
            texts.append(json.loads(line)["text"])
        if len(texts) >= limit:
            break
load_ruleset("ar")  # compiled before the first pass
options = Options()
out = []
for _ in range(passes):
    t0 = time.process_time()
    for _ in process_documents((Document(str(i), t) for i, t in enumerate(texts)), options):
        pass
    out.append(time.process_time() - t0)
print(json.dumps({"seconds": out, "documents": len(texts)}))
"""


def measure(tree: Path, corpus: Path, limit: int, passes: int, cache: Path) -> dict:
    """CPU seconds of each pass, in a fresh process importing ``factcheck`` from ``tree``."""
    env = dict(os.environ, PYTHONPATH=str(tree), FACTCHECK_CACHE_DIR=str(cache))
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(corpus), str(limit), str(passes)],
                          capture_output=True, text=True, env=env, cwd=tree)
    if proc.returncode != 0:
        raise SystemExit(f"measuring {tree} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=1000, help="the first N articles (default 1000)")
    ap.add_argument("--passes", type=int, default=3, help="passes over them per process (default 3)")
    ap.add_argument("--rounds", type=int, default=2, help="processes per checkout, taken in turn (default 2)")
    ap.add_argument("--against", help="another checkout of the project, measured in turn with this one")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"corpus not found: {corpus}", file=sys.stderr)
        return 2
    trees = {"this": ROOT}
    if args.against:
        other = Path(args.against).resolve()
        if not (other / "factcheck" / "pipeline.py").exists():
            print(f"not a checkout of the project: {other}", file=sys.stderr)
            return 2
        trees = {"against": other, "this": ROOT}
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as cache:  # a cold rule cache for neither: each run fills its own
        for round_ in range(args.rounds):
            for name, tree in trees.items():
                got = measure(tree, corpus, args.limit, args.passes, Path(cache) / name)
                passes = " ".join(f"{s:.2f}" for s in got["seconds"])
                print(f"round {round_ + 1} {name}: {got['documents']} articles, CPU seconds per pass: {passes}")
                best[name] = min([best.get(name, float("inf")), *got["seconds"]])
    for name, seconds in best.items():
        print(f"best {name}: {seconds:.2f} s")
    if "against" in best:
        ratio = best["this"] / best["against"]
        print(f"this / against: {ratio:.2f} ({abs(1 - ratio):.0%} {'less' if ratio < 1 else 'more'} CPU)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
