"""GitHub Actions workflow commands: ``::warning file=…,line=…,col=…,title=…::message``."""
from __future__ import annotations

from ..model import DocumentResult
from . import Formatter, Summary

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(Formatter):
    per_document = True

    def document(self, r: DocumentResult) -> str:
        file = _prop(r.path) if r.path else None
        if r.error is not None:
            props = ([f"file={file}"] if file else []) + ([f"line={r.row}"] if file and r.row else [])
            props.append("title=" + _prop("factcheck: document not checked"))
            return f"::error {','.join(props)}::{_data(r.error)}\n"
        out = []
        for f in r.findings:
            title = _prop(f"{f.code} {f.name}")
            if r.row is not None:  # a JSONL row: point at the row, say where in its text
                loc = f"file={file},line={r.row}"
                message = f"[{r.id} {f.line}:{f.column}] {f.message}"
            elif file:
                loc = f"file={file},line={f.line},col={f.column}"
                if f.end_line is not None:
                    loc += f",endLine={f.end_line},endColumn={f.end_column}"
                message = f.message
            else:
                loc, message = "", f"[stdin {f.line}:{f.column}] {f.message}"
            props = f"{loc},title={title}" if loc else f"title={title}"
            out.append(f"::{_LEVEL.get(f.severity, 'warning')} {props}::{_data(message)}\n")
        return "".join(out)

    def end(self, s: Summary) -> str:
        return (f"factcheck: {s.documents} document(s), {s.findings} finding(s), {s.errors} error(s)"
                + (f", {len(s.stale)} stale baseline entr{'y' if len(s.stale) == 1 else 'ies'}" if s.stale else "") + "\n")
