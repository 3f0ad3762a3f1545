"""Markdown inputs: markup blanked for the pipeline, offsets kept in the original file."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.markdown import strip_markdown
from factcheck.pipeline import process_document
from factcheck.read import ReadOptions, read_paths


def test_markup_is_blanked_in_place():
    text = "# عنوان\n\n1. قالت [وزارة الصحة](http://x.org/5) إن **12**% `99` <b>x</b>\n| a | 5 |\n"
    view = strip_markdown(text)
    assert len(view) == len(text) and [i for i, c in enumerate(text) if c == "\n"] == [i for i, c in enumerate(view) if c == "\n"]
    for gone in ("#", "1.", "http", "**", "`99`", "<b>", "|", "[", "]("):
        assert gone not in view
    assert "وزارة الصحة" in view and "12" in view and "x" in view


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="#*_[]()<>!-|`~> \n1٢aب.:", max_size=80))
def test_view_always_keeps_length_and_lines(text):
    view = strip_markdown(text)
    assert len(view) == len(text)
    assert all((a == "\n") == (b == "\n") for a, b in zip(text, view))


def test_figures_in_markdown_have_offsets_of_the_original_file(tmp_path):
    text = "## الحصيلة\n\n- قتل **40** شخصا، بحسب [الدفاع المدني](https://example.org).\n1. وأصيب 12 آخرون في [المدينة](x).\n"
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    doc = next(read_paths([str(path)], ReadOptions()))
    result = process_document(doc)
    assert result.error is None
    for q in result.quantities:
        assert text[q.start:q.end] == q.text
    texts = [q.text for q in result.quantities]
    assert any("40" in t for t in texts) and any("12" in t for t in texts)
    assert not any(t.strip() in ("1", "1.") for t in texts)  # the list number is markup, not a figure


def test_markdown_only_file_is_an_error(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("<!-- nothing -->\n---\n", encoding="utf-8")
    assert "no text outside the Markdown markup" in next(read_paths([str(path)])).error
