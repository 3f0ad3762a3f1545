"""The command line: ``factcheck check|extract|rules|schema``.

Exit codes (as ruff): 0 no finding at or above ``--fail-on``; 1 findings;
2 usage, input or rule errors (the report is still written for every
document that could be read).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Sequence

from . import __version__
from .checks import SEVERITIES
from .errors import RuleFileError
from .model import Report
from .pipeline import Options, run_corpus
from .read import read_paths
from .report import dumps, report_json, report_schema, text_lines
from .ruleset import load_ruleset

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="factcheck", description="Rule-based claim and statistic checks for news text.")
    p.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    for name, helptext in (("check", "extract figures and sources, then run the checks"),
                           ("extract", "extract figures and sources only (no checks)")):
        c = sub.add_parser(name, help=helptext)
        c.add_argument("paths", nargs="+", metavar="PATH", help="text file, folder, .jsonl corpus, or - for stdin")
        c.add_argument("--format", choices=("text", "json"), default="text")
        c.add_argument("--output", "-o", metavar="FILE", help="write the report here (atomically) instead of stdout")
        c.add_argument("--lang", default="ar", help="language of the input (default: ar)")
        c.add_argument("--rules", action="append", default=[], metavar="DIR", help="an extra rule folder (repeatable)")
        c.add_argument("--id-field", default="id", help="JSONL field holding the document id")
        c.add_argument("--text-field", default="text", help="JSONL field holding the document text")
        c.add_argument("--verbose", "-v", action="store_true", help="text format: also list every figure and source")
        if name == "check":
            c.add_argument("--fail-on", choices=SEVERITIES + ("never",), default="warning",
                           help="lowest severity that makes the exit code 1 (default: warning)")
            c.add_argument("--select", action="append", metavar="PREFIX", help="only checks whose code starts so")
            c.add_argument("--ignore", action="append", default=[], metavar="PREFIX", help="skip checks whose code starts so")
            c.add_argument("--reference", metavar="FILE", help="CSV reference table (subject,aliases,value,unit,tolerance,source)")
    r = sub.add_parser("rules", help="list, validate or test the rule files")
    r.add_argument("action", choices=("test", "list", "validate"))
    r.add_argument("--lang", default="ar")
    r.add_argument("--rules", action="append", default=[], metavar="DIR")
    sub.add_parser("schema", help="print the JSON Schema of the report")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        if args.command == "schema":
            sys.stdout.write(dumps(report_schema()))
            return EXIT_OK
        if args.command == "rules":
            return _rules(args)
        return _check(args)
    except RuleFileError as exc:
        print("factcheck: broken rule files:", file=sys.stderr)
        for line in exc.problems:
            print(f"  {line}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR


def _check(args: argparse.Namespace) -> int:
    checks = args.command == "check"
    options = Options(checks=checks, select=tuple(args.select) if checks and args.select else None,
                      ignore=tuple(args.ignore) if checks else (), rule_dirs=tuple(args.rules),
                      reference=getattr(args, "reference", None))
    ruleset = load_ruleset(args.lang, options.rule_dirs)  # fail fast, before any document
    if options.reference:
        from .checks.reference import load_reference

        load_reference(options.reference)
    docs = read_paths(args.paths, args.lang, args.id_field, args.text_field)
    results = tuple(run_corpus(docs, options))
    report = Report(results, __version__)
    if args.format == "json":
        out = dumps(report_json(report))
    else:
        out = "\n".join(text_lines(report, verbose=args.verbose)) + "\n"
    _write(out, args.output)
    if report.errors:
        return EXIT_ERROR
    if checks and args.fail_on != "never":
        floor = SEVERITIES.index(args.fail_on)
        if any(SEVERITIES.index(f.severity) >= floor for f in report.findings):
            return EXIT_FINDINGS
    return EXIT_OK


def _write(text: str, output: str | None) -> None:
    """stdout, or FILE written atomically (a temporary file renamed into place)."""
    if not output:
        sys.stdout.write(text)
        return
    target = Path(output)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=str(target.parent or Path(".")))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _rules(args: argparse.Namespace) -> int:
    ruleset = load_ruleset(args.lang, tuple(args.rules))
    if args.action == "validate":
        n_entries = sum(1 for _ in ruleset.entries())
        print(f"ok: {len(ruleset.rules)} rules, {n_entries} lexicon entries, {len(ruleset.macros)} macros ({args.lang})")
        return EXIT_OK
    if args.action == "list":
        for rule in ruleset.rules:
            print(f"{rule.id}\t{rule.kind}\t{rule.path}\t{rule.summary}")
        return EXIT_OK
    from .ruletest import run_all

    failed = 0
    total = 0
    for outcome in run_all(ruleset):
        total += 1
        if not outcome.passed:
            failed += 1
            why = "marked xfail but passes; remove the marker" if outcome.xfail else outcome.detail
            print(f"FAIL {outcome.id}: {why}")
    print(f"{total - failed} passed, {failed} failed")
    return EXIT_FINDINGS if failed else EXIT_OK
