"""The report writer: exactly the standard library's indented JSON, whole or in pieces."""
from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import __version__, report
from factcheck.api import check_text
from factcheck.model import Report
from factcheck.report import document_fragment, dumps, report_json, report_object

from conftest import FIXTURES

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text()
_JSON = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                     max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_dumps_is_the_standard_library_text(obj):
    assert dumps(obj) == json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def _documents():
    texts = [(FIXTURES / "articles/ar/ministry-report.txt").read_text(encoding="utf-8"),
             "بلغ العجز 7 في المئة العام الماضي.", ""]
    return [check_text(t).documents[0] for t in texts]


def test_a_report_of_pieces_is_the_report(monkeypatch):
    docs = _documents()
    whole = dumps(report_json(Report(tuple(docs), __version__)))
    pieces = [document_fragment(d) for d in docs]
    made = dumps(report_object(__version__, pieces, sum(d.error is not None for d in docs),
                               sum(len(d.quantities) for d in docs), sum(len(d.attributions) for d in docs),
                               sum(len(d.findings) for d in docs)))
    assert made == whole and len(docs[0].quantities) > 3

    # A piece the writer cannot write is the standard library's, indented for its place: the same text.
    def unsupported(*args):
        raise report._Unsupported

    monkeypatch.setattr(report, "_encode", unsupported)
    assert [document_fragment(d) for d in docs] == pieces
