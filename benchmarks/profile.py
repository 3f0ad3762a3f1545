"""Where ``check`` spends its time: a sampled profile of every rule and check, stage by stage.

Usage: python benchmarks/profile.py [CORPUS.jsonl] [--limit 1000] [--interval 0.0005]
                                    [--tree] [--html FILE]

Runs ``process_documents`` (every rule and check, no report) over the first
``--limit`` articles under pyinstrument, a sampling profiler from PyPI
(``pip install -e '.[bench]'``), after one untimed pass that compiles the
rules and warms the per-rule costs. Prints the share of each stage of the
pipeline (the stages of ``pipeline.py``, and the parts of rule matching),
then the functions that took the most time of their own. ``--tree`` also
prints pyinstrument's call tree; ``--html FILE`` writes its interactive
page.

A sampling profiler costs far less than ``cProfile``'s per-call hooks, so
the shares are those of a normal run: the many small Python calls around
the regex tries are not inflated.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT = ROOT.parent / "shared" / "corpus" / "ar-news.jsonl"

from factcheck.model import Document  # noqa: E402
from factcheck.pipeline import Options, process_documents  # noqa: E402
from factcheck.ruleset import load_ruleset  # noqa: E402
from speed import load_rows  # noqa: E402  (benchmarks/, this script's folder)

# Stages, each named by the functions that make it up (module file, function).
# A sample counts for the innermost listed function on its stack, so that
# matching's parts are told apart from matching as a whole.
STAGES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("normalise", (("normalize.py", "normalize_text"),)),
    ("segment", (("segment.py", "split_sentences"),)),
    ("matching: trigger scan", (("scan.py", "hits"),)),
    ("matching: head filter of starts", (("extract.py", "_starts"),)),
    ("matching: rule tries", (("extract.py", "_anchored"), ("extract.py", "_windowed"))),
    ("matching: rest (planning, whole-text rules, match objects)", (("extract.py", "match_rules_many"),)),
    ("overlaps", (("extract.py", "resolve_overlaps"),)),
    ("quantities", (("quantities.py", "build_quantities"),)),
    ("attributions", (("attributions.py", "build_attributions"),)),
    ("link", (("link.py", "link_quantities"),)),
    ("checks", (("__init__.py", "run_checks"),)),
    ("facts for the cross-document checks", (("__init__.py", "collect_facts"),)),
)


def stage_of(frame, inherited: str | None) -> str | None:
    """The stage a frame belongs to: its own when it is a stage's function, else its caller's."""
    name = Path(frame.file_path or "").name
    for stage, functions in STAGES:
        if (name, frame.function) in functions:
            return stage
    return inherited


def _own(frame) -> float:
    """A frame's own time: what no real callee took (pyinstrument keeps it in synthetic ``[self]`` children)."""
    return max(frame.time - sum(c.time for c in frame.children if not c.is_synthetic), 0.0)


def _calls(frame) -> list:
    return [c for c in frame.children if not c.is_synthetic]


def stage_times(root) -> dict[str, float]:
    """Seconds of samples per stage, each sample counted once, for its innermost stage."""
    out: dict[str, float] = defaultdict(float)
    stack = [(root, None)]
    while stack:
        frame, inherited = stack.pop()
        stage = stage_of(frame, inherited)
        out[stage or "other"] += _own(frame)
        stack.extend((c, stage) for c in _calls(frame))
    return out


def self_times(root) -> dict[str, float]:
    """Seconds of samples per function (``file:function``), its own time only."""
    out: dict[str, float] = defaultdict(float)
    stack = [root]
    while stack:
        frame = stack.pop()
        out[f"{Path(frame.file_path or '?').name}:{frame.function}"] += _own(frame)
        stack.extend(_calls(frame))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=1000, help="the first N articles (default 1000)")
    ap.add_argument("--interval", type=float, default=0.0005, help="seconds between samples (default 0.0005)")
    ap.add_argument("--top", type=int, default=25, help="functions listed by their own time (default 25)")
    ap.add_argument("--tree", action="store_true", help="also print pyinstrument's call tree")
    ap.add_argument("--html", metavar="FILE", help="write pyinstrument's interactive page to FILE")
    ap.add_argument("--lang", default="ar", help="the rules the articles are read with (default ar)")
    args = ap.parse_args()
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("pyinstrument is not installed: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"corpus not found: {corpus}", file=sys.stderr)
        return 2
    texts = [json.loads(row)["text"] for row in load_rows(corpus, args.limit)]
    chars = sum(map(len, texts))
    load_ruleset(args.lang)
    options = Options()
    for _ in process_documents((Document(str(i), t, lang=args.lang) for i, t in enumerate(texts)), options):
        pass  # untimed: compiles what is compiled lazily and settles each rule's way of running
    profiler = Profiler(interval=args.interval)
    began = time.perf_counter()
    profiler.start()
    for _ in process_documents((Document(str(i), t, lang=args.lang) for i, t in enumerate(texts)), options):
        pass
    profiler.stop()
    elapsed = time.perf_counter() - began
    root = profiler.last_session.root_frame()
    total = root.time if root is not None else 0.0
    print(f"{len(texts):,} articles, {chars:,} characters, {elapsed:.2f} s under the profiler "
          f"({1000 * elapsed / max(len(texts), 1):.2f} ms per article, {chars / elapsed:,.0f} characters/s)")
    if root is None or total <= 0:
        print("no samples", file=sys.stderr)
        return 1
    print(f"\n{'stage':62} {'ms/article':>10} {'share':>7}")
    for stage, seconds in sorted(stage_times(root).items(), key=lambda kv: -kv[1]):
        print(f"{stage:62} {1000 * seconds / len(texts):10.3f} {100 * seconds / total:6.1f}%")
    print(f"\n{'function (own time)':62} {'ms/article':>10} {'share':>7}")
    for name, seconds in sorted(self_times(root).items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"{name[-62:]:62} {1000 * seconds / len(texts):10.3f} {100 * seconds / total:6.1f}%")
    if args.tree:
        print()
        print(profiler.output_text(unicode=True, color=False))
    if args.html:
        Path(args.html).write_text(profiler.output_html(), encoding="utf-8")
        print(f"\nwrote {args.html}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
