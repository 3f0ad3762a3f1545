"""Every speed and scale target of the project, measured in one run, as one table.

Usage: python benchmarks/speed.py [CORPUS.jsonl] [--limit N] [--scale 10]
                                  [--puckling-python PYTHON] [--skip-scale] [--rounds 2]

Rows (each with its target):
- ``check`` in one process (all rules, all checks) against one compiled
  ``regex`` digit scan over the same texts, the two timed in turns slice by
  slice: no slower than 50x. Beside it, for information, the same scan over
  the JSONL rows, each row decoded first, against ``check`` plus the same
  decoding: what a run over a corpus file pays on both sides;
- against the Duckling port ``puckling`` parsing numerals only, on the same
  texts, timed right before and right after (it needs Python 3.13; skipped
  when none is found): at least 10x;
- the command line with ``--jobs 2`` against ``--jobs 1`` (the means of
  ``--rounds`` rounds of runs in the order 1, 2, 2, 1): at least 1.8x,
  next to what this machine gives two processes at all (two ``--jobs 1``
  runs at once, against one alone);
- one small article from the shell, start-up included: at most 0.5 s;
- the corpus written ``--scale`` times over: peak memory at most 200 MB,
  and at most 1.1x the time per character of the plain corpus (timed right
  before and right after it);
- a fixed pure-Python loop at the start and at the end: how fast the
  machine was, for the absolute rows.

Exits 1 when a measured target is missed.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.model import Document  # noqa: E402
from factcheck.pipeline import Options, process_document, process_documents  # noqa: E402
from factcheck.ruleset import load_ruleset  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "ar-news.jsonl"
ARTICLE = ROOT / "fixtures" / "articles" / "ar" / "ministry-report.txt"
DIGITS = r"\d+(?:[.,٫٬]\d+)*"

# Runs the command line in a child and prints the child's peak memory (KB),
# its own and its workers', on stderr's last line. Its own is the kernel's
# high-water mark of its address space (VmHWM), where there is one: Linux
# carries ru_maxrss over fork and exec, so a child of this benchmark, which
# holds the whole corpus and its results by then, would report this
# process's size as its own (a child that allocates nothing reports it too).
_CLI = ("import resource, sys; from factcheck.cli import main; code = main(sys.argv[1:]); "
        "r = resource.getrusage; own = r(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n"
        "    own = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:'))\n"
        "except (OSError, StopIteration, ValueError):\n"
        "    pass\n"
        "print(max(own, r(resource.RUSAGE_CHILDREN).ru_maxrss), file=sys.stderr); sys.exit(code)")

# Puckling, numerals only, over the texts of a JSONL file given on argv.
_PUCKLING = """
import json, sys, time
from puckling import Context, Lang, Locale, Options, parse
import datetime as dt
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
ctx = Context(reference_time=dt.datetime(2013, 2, 12, 4, 30, tzinfo=dt.UTC), locale=Locale(Lang.AR))
opts = Options()
parse(texts[0], ctx, opts, dims=("numeral",))
t0 = time.perf_counter()
found = sum(len(parse(t, ctx, opts, dims=("numeral",))) for t in texts)
print(json.dumps({"seconds": time.perf_counter() - t0, "found": found}))
"""


def cpu_reference() -> float:
    """Seconds of a fixed pure-Python loop: how fast this machine is right now (shared machines drift)."""
    t0 = time.perf_counter()
    total = 0
    for i in range(5_000_000):
        total += i
    return time.perf_counter() - t0


def load_rows(path: Path, limit: int | None) -> list[str]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(line if line.endswith("\n") else line + "\n")
            if limit and len(rows) >= limit:
                break
    return rows


def digit_baseline(texts: list[str]) -> tuple[float, int]:
    """Seconds of one compiled ``regex`` digit scan over the texts, and the digit runs it found."""
    digits = regex.compile(DIGITS)
    t0 = time.perf_counter()
    runs = sum(1 for t in texts for _ in digits.finditer(t))
    return time.perf_counter() - t0, runs


def digit_baseline_rows(rows: list[bytes]) -> tuple[float, int]:
    """Seconds of the same scan over JSONL rows as read from the file: each row decoded, then scanned."""
    digits = regex.compile(DIGITS)
    t0 = time.perf_counter()
    runs = sum(1 for r in rows for _ in digits.finditer(json.loads(r)["text"]))
    return time.perf_counter() - t0, runs


def decode_rows(rows: list[bytes]) -> float:
    """Seconds of decoding the JSONL rows alone: what reading the corpus adds to ``check``."""
    t0 = time.perf_counter()
    for r in rows:
        json.loads(r)["text"]
    return time.perf_counter() - t0


# Documents per slice of the in-process run: the digit scan and ``check`` take
# turns slice by slice, so a machine whose speed drifts weighs on both alike.
_SLICE = 50


@dataclass
class InProcess:
    """Seconds over the same texts, timed in turns slice by slice."""

    regex: float = 0.0  # the digit scan over the texts, already decoded
    regex_rows: float = 0.0  # the digit scan over the JSONL rows, each decoded first
    decode: float = 0.0  # decoding the rows alone
    check: float = 0.0  # ``check`` over the texts, already decoded


def in_process(rows: list[bytes]) -> InProcess:
    """The digit baselines, decoding and ``check``, timed in turns over slices of the rows.

    Each baseline and the decoding of each slice is the best of three (they
    take milliseconds, so one stall of the machine would weigh on them alone).
    """
    texts = [json.loads(r)["text"] for r in rows]
    ruleset = load_ruleset("ar")
    options = Options()
    process_document(Document("warm", texts[0]), options, ruleset)  # the unit registry, once
    timed = InProcess()
    for first in range(0, len(texts), _SLICE):
        part, raw = texts[first:first + _SLICE], rows[first:first + _SLICE]
        timed.regex += min(digit_baseline(part)[0] for _ in range(3))
        timed.regex_rows += min(digit_baseline_rows(raw)[0] for _ in range(3))
        timed.decode += min(decode_rows(raw) for _ in range(3))
        t0 = time.perf_counter()
        for _ in process_documents((Document(str(i), t) for i, t in enumerate(part, first)), options):
            pass
        timed.check += time.perf_counter() - t0
    return timed


def cli(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak memory (KB) of one command line run."""
    began = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _CLI, *args], capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - began
    if proc.returncode not in (0, 1):
        raise SystemExit(f"factcheck {' '.join(args)} failed:\n{proc.stderr}")
    return elapsed, int(proc.stderr.strip().splitlines()[-1])


def check_cli(corpus: Path, out: Path, jobs: int) -> tuple[float, int]:
    return cli(["check", "--isolated", "--format", "jsonl", "--fail-on", "never", "--no-progress",
                "--jobs", str(jobs), "-o", str(out), str(corpus)])


def pair_cli(corpus: Path, folder: Path) -> float:
    """Wall seconds of two ``--jobs 1`` runs started together, until both end."""
    began = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", _CLI, "check", "--isolated", "--format", "jsonl", "--fail-on",
                               "never", "--no-progress", "--jobs", "1", "-o", str(folder / f"pair{i}.jsonl"),
                               str(corpus)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
             for i in range(2)]
    codes = [p.wait() for p in procs]
    if any(c not in (0, 1) for c in codes):
        raise SystemExit(f"two runs at once failed: exit codes {codes}")
    return time.perf_counter() - began


def shell_article() -> tuple[float, float]:
    """Median and best wall time of ``factcheck check ARTICLE`` as a user runs it (five runs).

    As on a user's machine, Python may keep the bytecode of what it imports:
    ``pip install .`` writes it at install time, an editable install on
    first import, unless PYTHONDONTWRITEBYTECODE forbids it (some CI and
    sandbox environments set it; compiling every module anew on every run
    costs about 0.1 s here). So that variable is dropped for these runs, and
    one run before them, untimed, writes the bytecode and the rules cache.
    """
    exe = shutil.which("factcheck", path=str(Path(sys.executable).parent)) or shutil.which("factcheck")
    cmd = [exe] if exe else [sys.executable, "-m", "factcheck"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    args = [*cmd, "check", "--isolated", "--fail-on", "never", str(ARTICLE)]
    subprocess.run(args, capture_output=True, cwd=ROOT, env=env)
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run(args, capture_output=True, cwd=ROOT, env=env)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def find_puckling(explicit: str | None) -> str | None:
    candidates = [explicit] if explicit else [os.environ.get("PUCKLING_PYTHON"), "python3.13"]
    env = dict(os.environ, PYENV_VERSION=os.environ.get("PYENV_VERSION", "3.13.0"))
    for c in filter(None, candidates):
        exe = shutil.which(c) or (c if Path(c).exists() else None)
        if exe and subprocess.run([exe, "-c", "import puckling"], capture_output=True, env=env).returncode == 0:
            return exe
    return None


def puckling(python: str, corpus: Path) -> float:
    env = dict(os.environ, PYENV_VERSION=os.environ.get("PYENV_VERSION", "3.13.0"))
    proc = subprocess.run([python, "-c", _PUCKLING, str(corpus)], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"puckling failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])["seconds"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--scale", type=int, default=10, help="how many times over the scale run writes the corpus")
    ap.add_argument("--puckling-python", help="a Python with puckling installed (default: python3.13 if it has it)")
    ap.add_argument("--skip-scale", action="store_true", help="leave out the scaled corpus run (the slowest row)")
    ap.add_argument("--rounds", type=int, default=2,
                    help="rounds of --jobs 1, 2, 2, 1 runs for the --jobs row (default: 2)")
    args = ap.parse_args()
    path = Path(args.corpus)
    if not path.exists():
        print(f"corpus not found: {path}", file=sys.stderr)
        return 2
    rows_in = load_rows(path, args.limit)
    texts = [json.loads(r)["text"] for r in rows_in]
    chars = sum(len(t) for t in texts)
    table: list[tuple[str, str, str, bool | None]] = []  # (what, measured, target, met)

    def add(what: str, value: str, target: str = "", met: bool | None = None) -> None:
        table.append((what, value, target, met))
        print(f"  {what}: {value}", file=sys.stderr, flush=True)

    add("documents / characters", f"{len(texts):,} / {chars:,}")
    add("machine: a fixed pure-Python loop, seconds", f"{cpu_reference():.2f}")
    py = find_puckling(args.puckling_python)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        corpus.write_text("".join(rows_in), encoding="utf-8")
        # Puckling is timed right before and right after the in-process run,
        # and compared with their mean: drift weighs on both sides alike.
        puck_before = puckling(py, corpus) if py else 0.0
        timed = in_process([r.encode("utf-8") for r in rows_in])
        t_check = timed.check
        add("regex digit scan: characters/s", f"{chars / timed.regex:,.0f}")
        add("check, one process: characters/s", f"{chars / t_check:,.0f}")
        add("check time / regex scan time", f"{t_check / timed.regex:,.0f}x", "<= 50x", t_check / timed.regex <= 50)
        # Over a corpus file both sides decode the same rows first.
        add("regex digit scan, JSONL rows decoded first: characters/s", f"{chars / timed.regex_rows:,.0f}")
        add("check + decoding / that scan", f"{(t_check + timed.decode) / timed.regex_rows:,.0f}x")
        if py:
            t_puck = (puck_before + puckling(py, corpus)) / 2
            add("puckling numerals: characters/s", f"{chars / t_puck:,.0f}")
            add("check / puckling numerals (speed)", f"{t_puck / t_check:.1f}x", ">= 10x", t_puck / t_check >= 10)
        else:
            add("puckling numerals", "skipped: no Python with puckling (python3.13, or --puckling-python)")

        # In the order 1, 2, 2, 1, repeated ``--rounds`` times, compared by
        # their means: a machine whose speed drifts over the minutes this takes
        # weighs on both alike, and one slow run weighs on a mean of several.
        runs1: list[float] = []
        runs2: list[float] = []
        mem1 = 0
        for _ in range(args.rounds):
            for jobs in (1, 2, 2, 1):
                elapsed, mem = check_cli(corpus, folder / f"out{jobs}.jsonl", jobs)
                (runs1 if jobs == 1 else runs2).append(elapsed)
                if jobs == 1:
                    mem1 = max(mem1, mem)
        t1, t2 = statistics.mean(runs1), statistics.mean(runs2)
        add("command line --jobs 1: seconds (peak MB)",
            f"{t1:.1f} ({mem1 / 1024:.0f}; runs {', '.join(f'{t:.1f}' for t in runs1)})")
        add("command line --jobs 2: seconds", f"{t2:.1f} (runs {', '.join(f'{t:.1f}' for t in runs2)})")
        add("--jobs 2 speed-up over --jobs 1", f"{t1 / t2:.2f}x (of {os.cpu_count()} CPUs)", ">= 1.8x", t1 / t2 >= 1.8)
        # What two processes get out of this machine at all: two independent
        # --jobs 1 runs at once, against one alone (no shared work, no main process).
        t_pair = pair_cli(corpus, folder)
        add("two --jobs 1 runs at once: throughput / one run", f"{2 * t1 / t_pair:.2f}x")
        add("--jobs 2 speed-up / that ceiling", f"{(t1 / t2) / (2 * t1 / t_pair):.0%}")
        same = (folder / "out1.jsonl").read_bytes() == (folder / "out2.jsonl").read_bytes()
        add("--jobs 2 report equals --jobs 1", "yes" if same else "NO", "yes", same)

        t_article, best = shell_article()
        add("one article from the shell: seconds", f"{t_article:.2f} (best of 5: {best:.2f})", "<= 0.5 s",
            t_article <= 0.5)

        if not args.skip_scale:
            big = folder / "big.jsonl"
            with big.open("w", encoding="utf-8") as fh:
                for i in range(args.scale):
                    for r in rows_in:
                        row = json.loads(r)
                        row["id"] = f"{row.get('id')}#{i}"
                        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            # The plain corpus again right before and right after: the ratio is
            # against their mean, so a machine whose speed drifts over the
            # minutes of a run does not pass its drift off as a cost of scale.
            before, _ = check_cli(corpus, folder / "out1.jsonl", 1)
            tn, memn = check_cli(big, folder / "outn.jsonl", 1)
            after, _ = check_cli(corpus, folder / "out1.jsonl", 1)
            base = (before + after) / 2
            add(f"corpus x{args.scale}, --jobs 1: seconds", f"{tn:.1f} (plain corpus around it: {before:.1f}, {after:.1f})")
            add(f"corpus x{args.scale}: peak memory MB", f"{memn / 1024:.0f}", "<= 200 MB", memn / 1024 <= 200)
            ratio = tn / base
            add(f"corpus x{args.scale} time / corpus time", f"{ratio:.2f}x", f"<= {1.1 * args.scale:g}x",
                ratio <= 1.1 * args.scale)

    add("machine: the same loop at the end, seconds", f"{cpu_reference():.2f}")
    width = max(len(w) for w, *_ in table)
    vwidth = max(len(v) for _, v, *_ in table)
    print(f"{'measure':<{width}}  {'value':<{vwidth}}  target    met")
    for what, value, target, met in table:
        mark = "" if met is None else ("yes" if met else "NO")
        print(f"{what:<{width}}  {value:<{vwidth}}  {target:<8}  {mark}")
    return 1 if any(met is False for *_, met in table) else 0


if __name__ == "__main__":
    raise SystemExit(main())
