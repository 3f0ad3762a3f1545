"""Properties over arbitrary text: never raise, spans always slice the original."""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck import check_text

_PIECES = st.sampled_from([
    "قال الوزير إن ", "٢٧٫٨", "ألف", " كيلومتر مربع", "%", " في المئة", "«", "»", "، ", ".", "\n", "وتابع: ",
    "بحسب مصادر", "حوالى ", "أكثر من ", "\u200f", "\u0651", "ﻻ", "1,500", "2ر21", " ", "عام 2017",
])
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=5)), max_size=40).map("".join)


_EN_PIECES = st.sampled_from([
    "The minister said ", "2½", "¾", " and a quarter", " miles", "£5.7bn", " per cent", "%", "\u201c", "\u201d",
    '"', ", said the report, and ", "Mr Smith", " top 10", "(Saha 70)", "\n24 ", "Lopez (Spain)", "three",
    " hundred", " thousand", "several", "a quarter of a million", " people", "10 Downing Street", "1,500", ".", " ",
    "analysts at Citigroup", " reported profits of ", "the official news agency", "-", "–",
])
_EN_TEXT = st.lists(st.one_of(_EN_PIECES, st.text(max_size=5)), max_size=40).map("".join)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
@example("٢٧٫٨1,500 كيلومتر مربع")  # a dot and a comma in one figure once broke a check
def test_check_text_never_raises_and_spans_slice_the_original(text):
    _assert_spans(text, "ar")


@settings(max_examples=200, deadline=None)
@given(_EN_TEXT)
@example("Some 1½¾ million people, said the report, and 2½½C")  # fraction characters run together
def test_english_check_text_never_raises_and_spans_slice_the_original(text):
    _assert_spans(text, "en")


def _assert_spans(text: str, lang: str) -> None:
    doc = check_text(text, lang).documents[0]
    assert doc.error is None
    for q in doc.quantities:
        assert text[q.start:q.end] == q.text
    for a in doc.attributions:
        assert text[a.cue.start:a.cue.end] == a.cue.text
        if a.source is not None:
            assert text[a.source.start:a.source.end] == a.source.text
    for f in doc.findings:
        assert 0 <= f.start <= f.end <= len(text)
