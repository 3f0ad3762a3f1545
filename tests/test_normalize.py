"""Stage 2: the fold and its offset map."""
from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.normalize import _TABLE, fold, normalize_text


def test_folds_letters_digits_and_separators():
    nt = normalize_text("أُعلِنَ إنّ آلافاً ى ة ٢٧٫٨ ۱۲ ٪ ٬")
    assert nt.text == "اعلن ان الافا ي ه 27.8 12 % ,"


def test_persian_letters_fold_to_their_arabic_look_alikes():
    # web copy typed on a Persian keyboard: Farsi yeh and keheh for ي and ك
    assert fold("ریال کیلومتر ھذه") == fold("ريال كيلومتر هذه")
    from factcheck.api import find_quantities

    text = "أعلنت الحكومة برنامجا بقيمة ٢٥٠ مليار ریال سعودي."
    [q] = find_quantities(text)
    assert (q.kind, q.unit) == ("money", "SAR") and text[q.start:q.end] == "٢٥٠ مليار ریال سعودي"


def test_drops_tatweel_bidi_and_zero_width_and_maps_back():
    original = "قال\u200f: كـيلومتراً\u200b ٥"
    nt = normalize_text(original)
    assert nt.text == "قال: كيلومترا 5"
    start = nt.text.index("كيلومترا")
    s, e = nt.to_original(start, start + len("كيلومترا"))
    # The tanween on the last letter belongs to the word.
    assert original[s:e] == "كـيلومتراً"


def test_a_span_keeps_the_tatweel_that_stretches_its_last_letter():
    original = "عام 1436هـ وعام 1437"
    nt = normalize_text(original)
    assert nt.text == "عام 1436ه وعام 1437"
    end = nt.text.index("ه ") + 1
    assert nt.original_text(nt.text.index("1436"), end) == "1436هـ"
    # only the letter's own stretch: the space after it stays out
    assert nt.original_text(0, 3) == "عام"


def test_presentation_forms_expand_and_map_to_one_character():
    original = "ﻻ بد"
    nt = normalize_text(original)
    assert nt.text == "لا بد"
    assert nt.to_original(0, 2) == (0, 1)
    assert nt.to_original(1, 2) == (0, 1)
    assert nt.original_text(3, 5) == "بد"


def test_nbsp_becomes_space_without_moving_offsets():
    nt = normalize_text("27\u00a0ألف")
    assert nt.text == "27 الف"
    assert nt.to_original(3, 6) == (3, 6)


@pytest.mark.parametrize("text, expected", [
    ("وأكد لـ»المدينة« أن", "وأكد لـ«المدينة» أن"),  # opened with », closed with «
    ("الحساب الرسمي لـ»تداول»، أن", "الحساب الرسمي لـ«تداول»، أن"),  # closed with » again
    ("قال «نعم» ثم »لا«", "قال «نعم» ثم «لا»"),  # both ways on one line
    ("«نعم» و» لا", "«نعم» و» لا"),  # a » before a space opens nothing
    ("قال »نعم\nثم« لا", "قال »نعم\nثم« لا"),  # a quotation does not run past its line
    ("«نعم «لا»", "«نعم «لا»"),  # a stray « is left alone
    ("وقال: نعم». وأضاف «لا» ثم", "وقال: نعم». وأضاف «لا» ثم"),  # a stray closing » before a stop
])
def test_quotations_opened_with_the_closing_guillemet_are_turned(text, expected):
    nt = normalize_text(text)
    assert nt.text == fold(expected)
    # One character for one: every turned mark maps back to the mark as written.
    for i, c in enumerate(nt.text):
        if c in "«»":
            assert text[nt.orig_index(i)] in "«»"


def test_fold_equals_normalised_text():
    text = "وفقاً لـ«الوطن» ٣٫٥ مليون"
    assert fold(text) == normalize_text(text).text


_ARABIC_NOISE = st.sampled_from(list("\u064b\u064c\u064e\u0650\u0651\u0652\u0640\u200f\u200e\u200b\ufefb\ufef7\u00a0٫٬٪"))
_TEXT = st.lists(st.one_of(st.characters(), _ARABIC_NOISE, st.sampled_from(list("أإآىةؤئ٠١٢٣۴۵"))), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_offset_map_holds_on_arbitrary_unicode(text):
    nt = normalize_text(text)
    for m in regex.finditer(r"\S+", nt.text):
        s, e = nt.to_original(m.start(), m.end())
        assert 0 <= s <= e <= len(text)
        # Folding the original span gives back the normalised token (a quotation
        # written »so« may have had its marks turned: orient_guillemets).
        assert fold(text[s:e]).replace("»", "«") == m.group().replace("»", "«")


_FOLDED = st.sampled_from(sorted(chr(cp) for cp in _TABLE))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.characters(), _FOLDED), max_size=80).map("".join))
def test_fold_is_one_simultaneous_translation(text):
    # fold() replaces one kind of character at a time: the same only while no
    # output of the table is itself folded again.
    assert not any(ch in _TABLE for out in _TABLE.values() for ch in map(ord, out))
    assert fold(text) == text.translate(_TABLE)
