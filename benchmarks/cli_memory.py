"""Peak memory and wall time of `factcheck check --format jsonl` as the corpus grows.

Usage: python benchmarks/cli_memory.py [--rows 2000,20000] [--jobs 1]

Writes synthetic JSONL corpora (the project's own fixture article, repeated
with a row number) to a temporary folder, runs the command line on each in
a child process with the report going to a file, and prints the child's
peak resident memory (ru_maxrss). Memory that stays flat while the corpus
grows tenfold is the target: documents are streamed, never all held.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "fixtures/articles/ar/ministry-report.txt").read_text(encoding="utf-8")


def measure(rows: int, jobs: int, folder: Path) -> tuple[float, float, int]:
    corpus = folder / f"corpus-{rows}.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(rows):
            fh.write(json.dumps({"id": f"row-{i}", "text": f"{ARTICLE}\nالعدد {i}."}, ensure_ascii=False) + "\n")
    script = ("import resource, sys; from factcheck.cli import main; code = main(sys.argv[1:]); "
              "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(code)")
    began = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", script, "check", "--isolated", "--format", "jsonl", "--fail-on", "never",
                           "--jobs", str(jobs), "-o", str(folder / "out.jsonl"), str(corpus)],
                          capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - began
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    peak_kb = int(proc.stderr.strip().splitlines()[-1])
    return corpus.stat().st_size / 1e6, elapsed, peak_kb


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", default="2000,20000")
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for rows in (int(r) for r in args.rows.split(",")):
            mb, secs, peak = measure(rows, args.jobs, Path(tmp))
            print(f"rows={rows:>7} corpus={mb:7.1f} MB time={secs:6.1f} s peak_rss={peak / 1024:6.1f} MB (main process)")


if __name__ == "__main__":
    main()
