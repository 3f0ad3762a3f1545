"""The command line: ``factcheck check|extract|rules|schema``.

Exit codes (as ruff): 0 no finding at or above ``--fail-on``; 1 findings;
2 usage, configuration, input or rule errors (the report is still written
for every document that could be read).
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from . import __version__
from .checks import SEVERITIES
from .config import ConfigError, Settings, load_config, resolve
from .errors import InputError, RuleFileError
from .formats import FORMATS, Summary, make_formatter
from .output import AtomicOutput
from .progress import Progress
from .read import read_paths
from .report import dumps, report_schema
from .language import languages
from .ruleset import load_ruleset

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()]


def _flatten(values: list[list[str]] | None) -> list[str] | None:
    return [c for v in values for c in v] if values else None


def _common(c: argparse.ArgumentParser) -> None:
    c.add_argument("--lang", help="language of the input: ar, en, or auto (each document its own, from a JSONL "
                                      "row's lang field or its script); default: ar, or the config's lang")
    c.add_argument("--rules", action="append", default=[], metavar="DIR", help="an extra rule folder (repeatable)")
    c.add_argument("--config", metavar="FILE", help="read this factcheck.toml or pyproject.toml")
    c.add_argument("--isolated", action="store_true", help="ignore every configuration file")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="factcheck", description="Rule-based claim and statistic checks for news text.")
    p.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    for name, helptext in (("check", "extract figures and sources, then run the checks"),
                           ("extract", "extract figures and sources only (no checks)")):
        c = sub.add_parser(name, help=helptext)
        c.add_argument("paths", nargs="+", metavar="PATH", help="text or Markdown file, folder, .jsonl corpus, or - for stdin")
        c.add_argument("--format", choices=FORMATS, help="output format (default: text)")
        c.add_argument("--output", "-o", metavar="FILE", help="write the report here (atomically) instead of stdout")
        _common(c)
        c.add_argument("--id-field", help="JSONL field holding the document id (default: id)")
        c.add_argument("--text-field", help="JSONL field holding the document text (default: text)")
        c.add_argument("--suppress-field", help="JSONL field holding inline suppressions (default: suppress)")
        c.add_argument("--include", action="append", metavar="GLOB", help="files to read when walking a folder (repeatable)")
        c.add_argument("--exclude", action="append", metavar="GLOB", help="files never to read (repeatable)")
        c.add_argument("--stdin-filename", metavar="NAME", help="name of the stdin document; its suffix (.md, .jsonl) says how to read it")
        c.add_argument("--max-document-bytes", type=int, metavar="N", help="larger documents are errors, not read (default: 5000000)")
        c.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (0: one per CPU; default: 1)")
        c.add_argument("--message-lang", choices=("en", "ar"), help="language of finding messages (default: en)")
        c.add_argument("--locale", metavar="CC",
                       help="country of the copy (EG, ar-SA): resolves bare جنيه / ريال / دينار; a JSONL row's locale field wins")
        c.add_argument("--scheduler", metavar="ADDRESS",
                       help="run on the Dask cluster at ADDRESS (tcp://host:8786); needs the dask extra")
        c.add_argument("--rule-timeout", type=float, metavar="SECONDS", help="time budget of one rule on one document")
        c.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour text output (default: on a terminal)")
        c.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
        c.add_argument("--verbose", "-v", action="store_true", help="text format: also list every figure and source")
        if name == "check":
            c.add_argument("--fail-on", choices=SEVERITIES + ("never",),
                           help="lowest severity that makes the exit code 1 (default: warning)")
            c.add_argument("--select", action="append", type=_codes, metavar="PREFIX", help="only checks whose code starts so")
            c.add_argument("--extend-select", action="append", type=_codes, metavar="PREFIX", help="add to the selected checks")
            c.add_argument("--ignore", action="append", type=_codes, metavar="PREFIX", help="skip checks whose code starts so")
            c.add_argument("--reference", action="append", metavar="FILE",
                           help="CSV reference table (subject,aliases,value,unit,tolerance,source) for FC204 (repeatable)")
            c.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in FILE; report its stale entries")
            c.add_argument("--write-baseline", metavar="FILE", help="record every current finding in FILE (exit 0 unless errors)")
    r = sub.add_parser("rules", help="list, validate, test or explain the rules and checks")
    r.add_argument("action", choices=("test", "list", "validate", "explain"))
    r.add_argument("id", nargs="?", metavar="ID", help="explain: a rule id, lexicon entry id, or check code/name")
    _common(r)
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
        config = load_config(args.config, isolated=args.isolated)
        if args.command == "rules":
            from .rulescli import rules_command

            return rules_command(args, resolve(vars(args), config))
        return _check(args, resolve(_cli_values(args), config))
    except RuleFileError as exc:
        print("factcheck: broken rule files:", file=sys.stderr)
        for line in exc.problems:
            print(f"  {line}", file=sys.stderr)
        return EXIT_ERROR
    except (ConfigError, InputError) as exc:
        print(f"factcheck: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR


def _cli_values(args: argparse.Namespace) -> dict:
    values = dict(vars(args))
    for key in ("select", "extend_select", "ignore"):
        values[key] = _flatten(values.get(key))
    return values


def _use_color(args: argparse.Namespace, fmt: str) -> bool:
    if fmt != "text" or args.color == "never":
        return False
    if args.color == "always":
        return True
    return not args.output and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _check(args: argparse.Namespace, settings: Settings) -> int:
    from .baseline import Baseline, baseline_entry, dumps_baseline
    from .runner import Rendered, Stats, run, run_rendered

    checks = args.command == "check"
    write_baseline = getattr(args, "write_baseline", None) if checks else None
    baseline_path = getattr(args, "baseline", None) if checks else None
    for lang in languages(settings.read.lang):
        load_ruleset(lang, settings.rule_dirs)  # fail fast, before any document
    if settings.references and args.command == "check":
        from .checks.reference import load_references

        load_references(settings.references)
    baseline = Baseline.load(baseline_path) if baseline_path else None
    fmt = make_formatter(settings.format, color=_use_color(args, settings.format), verbose=args.verbose)
    summary = Summary(__version__)
    stats = Stats()
    recorded: list[dict] = []
    floor = SEVERITIES.index(settings.fail_on) if checks and settings.fail_on != "never" else None
    failing = False
    progress = Progress.for_stream(sys.stderr, disabled=args.no_progress)
    docs = read_paths(args.paths, settings.read)
    with AtomicOutput(args.output) as out:
        out.write(fmt.begin())
        if fmt.per_document and baseline is None and not write_baseline:
            done = run_rendered(docs, settings, fmt, checks=checks, keep_text=fmt.needs_text, stats=stats)
        else:
            done = run(docs, settings, checks=checks, keep_text=fmt.needs_text, stats=stats)
        for result in done:
            text = None
            if isinstance(result, Rendered):  # finished and rendered already (by a worker with --jobs)
                summary.add(result.result, result.quantities, result.attributions)
                result, text = result.result, result.text
            else:
                if write_baseline:
                    recorded.extend(baseline_entry(result, f) for f in result.findings)
                if baseline is not None:
                    result = baseline.filter(result)
                summary.add(result)
            if floor is not None and any(SEVERITIES.index(f.severity) >= floor for f in result.findings):
                failing = True
            out.write(fmt.document(result) if text is None else fmt.rendered(result, text))
            progress.update(summary.documents, summary.findings, summary.errors)
        progress.close()
        summary.suppressed = stats.suppressed
        if baseline is not None:
            summary.baseline_hidden, summary.stale = baseline.hidden, baseline.stale()
        out.write(fmt.end(summary))
    if write_baseline:
        with AtomicOutput(write_baseline) as bout:
            bout.write(dumps_baseline(recorded))
        print(f"factcheck: wrote {len(recorded)} finding(s) to {write_baseline}", file=sys.stderr)
    if summary.stale and settings.format not in ("text", "github"):
        print(f"factcheck: baseline: {len(summary.stale)} stale entr{'y' if len(summary.stale) == 1 else 'ies'}",
              file=sys.stderr)
    if summary.errors:
        return EXIT_ERROR
    if failing and not write_baseline:
        return EXIT_FINDINGS
    return EXIT_OK
