"""The word helpers the checks share: windowed token reads equal whole-span reads."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.checks.text import find_word, head_tokens, may_hold, tail_tokens, tokens

# Arabic and Latin letters, both digit systems, separators, punctuation and
# several kinds of white space: what a token boundary can depend on.
_ALPHABET = st.sampled_from(list("ابتثجحخدمنهويلكفقةءأإآى" "abcXYZ" "0123456789٠١٢٣٤٥٦٧٨٩" ".,٫٬،؛:()-/%«»")
                            + [" ", " ", " ", "\n", "\u00a0", "\t"])
TEXTS = st.lists(_ALPHABET, max_size=1500).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(0, 1600), st.integers(0, 1600), st.integers(-1, 12))
def test_head_tokens_is_the_head_of_the_whole_span(text: str, a: int, b: int, n: int) -> None:
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert head_tokens(text, start, end, n) == tokens(text, start, end)[:n]


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(0, 1600), st.integers(0, 1600), st.integers(-1, 12))
def test_tail_tokens_is_the_tail_of_the_whole_span(text: str, a: int, b: int, n: int) -> None:
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert tail_tokens(text, start, end, n) == tokens(text, start, end)[-n:]


def test_windowed_reads_cross_a_long_run_with_no_space() -> None:
    # A run far longer than the first window, with no white space to start from.
    text = "قال " + "ب" * 5000 + " 12 ألف"
    assert tail_tokens(text, 0, len(text), 3) == ["ب" * 5000, "12", "ألف"]
    assert head_tokens(text, 0, len(text), 2) == ["قال", "ب" * 5000]


WORDS = frozenset({"ارتفع", "تراجع بشدة", "زاد"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["وارتفع", "فزاد", "تراجع", "بشدة", "الزاد", "قال", "12", "،", "زيد", " "]),
                max_size=30).map(" ".join))
def test_may_hold_never_rules_out_a_sentence_find_word_matches(text: str) -> None:
    if find_word(tokens(text, 0, len(text)), WORDS) >= 0:
        assert may_hold(text, 0, len(text), WORDS)


def test_may_hold_rules_out_a_sentence_without_the_words() -> None:
    text = "قال الوزير إن عدد الطلاب بلغ 50 ألفا"
    assert not may_hold(text, 0, len(text), WORDS)
    assert may_hold("وارتفع العدد", 0, 12, WORDS)


def test_may_hold_with_no_usable_first_word() -> None:
    # An empty list, or entries whose first word is empty (a stray leading space in a user's word list).
    assert not may_hold("وارتفع العدد", 0, 12, frozenset())
    odd = frozenset({" ارتفع"})
    assert not may_hold("وارتفع العدد", 0, 12, odd)
    assert find_word(tokens("وارتفع العدد", 0, 12), odd) == -1
