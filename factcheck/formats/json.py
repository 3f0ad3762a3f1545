"""``json``: the whole report as one object (the published contract); ``jsonl``: one document per line."""
from __future__ import annotations

import json

from ..model import DocumentResult, Report
from ..report import document_json, dumps, report_json
from . import Formatter, Summary


class JsonFormatter(Formatter):
    streaming = False

    def __init__(self) -> None:
        self.results: list[DocumentResult] = []

    def document(self, r: DocumentResult) -> str:
        self.results.append(r)
        return ""

    def end(self, s: Summary) -> str:
        obj = report_json(Report(tuple(self.results), s.version))
        obj["summary"].update(s.extra_json())
        return dumps(obj)


class JsonlFormatter(Formatter):
    """Each line is one document object of the json report, written as soon as it is done."""

    per_document = True

    def document(self, r: DocumentResult) -> str:
        return json.dumps(document_json(r), ensure_ascii=False) + "\n"
