"""SARIF 2.1.0, for code-scanning dashboards (GitHub's among them).

Columns are counted in Unicode code points (``columnKind``), as every
offset in the report is. A finding in a JSONL row points at the row's line
of the file and carries the document id and its line and column inside the
text as properties. ``partialFingerprints`` holds the finding's stable
fingerprint, so dashboards track a finding across edits elsewhere in the file.
"""
from __future__ import annotations

from typing import Any

from ..checks import all_checks
from ..model import DocumentResult
from ..report import Raw, dumps, piece
from ..suppress import META_CHECKS
from . import Formatter, Summary

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "factcheck/v1"


def _rules() -> list[dict[str, Any]]:
    rows = [(c.code, c.name, c.severity, c.doc) for c in all_checks()]
    rows += [(code, name, severity, doc) for code, ((_, name, severity), doc) in META_CHECKS.items()]
    out = []
    for code, name, severity, doc in sorted(rows):
        lines = [ln.strip() for ln in doc.strip().splitlines()]
        short = lines[0] if lines else name
        out.append({
            "id": code, "name": name,
            "shortDescription": {"text": short},
            "fullDescription": {"text": " ".join(ln for ln in lines if ln) or short},
            "defaultConfiguration": {"level": _LEVEL[severity]},
            "help": {"text": f"factcheck rules explain {code}"},
        })
    return out


def _artifact(r: DocumentResult) -> dict[str, Any]:
    return {"uri": r.path or "stdin", "uriBaseId": "%SRCROOT%"} if r.path else {"uri": "stdin"}


# How deep results and notes sit in the log (spaces before their lines), for pieces written apart.
_RESULT_INDENT, _NOTE_INDENT = 8, 12


class SarifFormatter(Formatter):
    """One run; each document's results and notes are written as pieces of JSON text as it comes."""

    streaming = False
    per_document = True

    def __init__(self) -> None:
        self.rules = _rules()
        self.index = {r["id"]: i for i, r in enumerate(self.rules)}
        self.results: list[Raw] = []
        self.notes: list[Raw] = []

    def render(self, r: DocumentResult) -> tuple[tuple[Raw, ...], tuple[Raw, ...]]:
        """The document's results and notes, written for their places in the log."""
        results, notes = self._objects(r)
        return (tuple(piece(x, _RESULT_INDENT) for x in results), tuple(piece(x, _NOTE_INDENT) for x in notes))

    def rendered(self, r: DocumentResult, text: Any) -> str:
        results, notes = text
        self.results.extend(results)
        self.notes.extend(notes)
        return ""

    def document(self, r: DocumentResult) -> str:
        return self.rendered(r, self.render(r))

    def _objects(self, r: DocumentResult) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        if r.error is not None:
            note: dict[str, Any] = {"level": "error", "message": {"text": r.error}, "descriptor": {"id": "document-error"}}
            if r.path:
                region = {"region": {"startLine": r.row}} if r.row else {}
                note["locations"] = [{"physicalLocation": {"artifactLocation": _artifact(r), **region}}]
            return [], [note]
        out = []
        for f in r.findings:
            if r.row is not None:
                region = {"startLine": r.row}
                props = {"document": r.id, "line": f.line, "column": f.column}
            else:
                region = {"startLine": f.line, "startColumn": f.column}
                if f.end_line is not None:
                    region.update(endLine=f.end_line, endColumn=f.end_column)
                props = {"document": r.id}
            result: dict[str, Any] = {
                "ruleId": f.code,
                "level": _LEVEL.get(f.severity, "warning"),
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": _artifact(r), "region": region}}],
                "properties": {**props, "name": f.name, "quantities": list(f.quantities)},
            }
            if f.code in self.index:
                result["ruleIndex"] = self.index[f.code]
            if f.fingerprint:
                result["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
            out.append(result)
        return out, []

    def end(self, s: Summary) -> str:
        run: dict[str, Any] = {
            "tool": {"driver": {"name": "factcheck", "version": s.version, "semanticVersion": s.version,
                                "informationUri": "https://pypi.org/project/factcheck-news/", "rules": self.rules}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": s.errors == 0, "toolExecutionNotifications": self.notes}],
            "results": self.results,
            "properties": {"documents": s.documents, "errors": s.errors, "suppressed": s.suppressed},
        }
        if s.baseline_hidden is not None:
            run["properties"]["baseline"] = {"hidden": s.baseline_hidden, "stale": s.stale}
        log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
        return dumps(log)
