"""Stage 3: sentences and paragraphs."""
from __future__ import annotations

from factcheck.segment import split_sentences


def _texts(text):
    return [text[s.norm_start:s.norm_end] for s in split_sentences(text)]


def test_splits_on_enders_but_not_decimals():
    assert _texts("بلغ النمو 12.5 في المئة. وقال الوزير ذلك؟ نعم!") == [
        "بلغ النمو 12.5 في المئة.", "وقال الوزير ذلك؟", "نعم!"]


def test_no_split_inside_quotes():
    text = "وقال: «أنجزنا الكثير. وسنواصل» ثم غادر. انتهى"
    assert _texts(text) == ["وقال: «أنجزنا الكثير. وسنواصل» ثم غادر.", "انتهى"]


def test_lines_are_paragraphs_and_reset_open_quotes():
    text = "قال: «بدأنا\nثم انتهى. وهكذا"
    sents = split_sentences(text)
    assert [(text[s.norm_start:s.norm_end], s.paragraph) for s in sents] == [
        ("قال: «بدأنا", 0), ("ثم انتهى.", 1), ("وهكذا", 1)]


def test_thousands_dots_are_not_sentence_ends():
    assert _texts("بلغ العدد 2.000.000 شخص. ثم") == ["بلغ العدد 2.000.000 شخص.", "ثم"]
