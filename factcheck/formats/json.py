"""``json``: the whole report as one object (the published contract); ``jsonl``: one document per line."""
from __future__ import annotations

import json

from ..model import DocumentResult
from ..report import Raw, document_fragment, document_json, dumps, report_object
from . import Formatter, Summary


class JsonFormatter(Formatter):
    """The report is written at the end, from each document's piece of JSON text, written as it came."""

    streaming = False
    per_document = True

    def __init__(self) -> None:
        self.pieces: list[Raw] = []

    def render(self, r: DocumentResult) -> str:
        return document_fragment(r)

    def document(self, r: DocumentResult) -> str:
        return self.rendered(r, self.render(r))

    def rendered(self, r: DocumentResult, text: str) -> str:
        self.pieces.append(Raw(text))
        return ""

    def end(self, s: Summary) -> str:
        obj = report_object(s.version, self.pieces, s.errors, s.quantities, s.attributions, s.findings)
        obj["summary"].update(s.extra_json())
        return dumps(obj)


class JsonlFormatter(Formatter):
    """Each line is one document object of the json report, written as soon as it is done."""

    per_document = True

    def document(self, r: DocumentResult) -> str:
        return json.dumps(document_json(r), ensure_ascii=False) + "\n"
