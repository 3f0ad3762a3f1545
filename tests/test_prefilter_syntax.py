"""Which patterns the prefilter reads: syntax only the regex module knows is left alone, and only that."""
from __future__ import annotations

import pytest

from factcheck.prefilter import _FOREIGN, start_of, triggers_of


@pytest.mark.parametrize("pattern", [r"(?(1)a|b)", r"\\(?(1)a)", r"(?i)x", r"[[:alpha:]]", r"\p{L}", r"x(?|a|b)"])
def test_regex_only_syntax_is_not_read(pattern):
    assert _FOREIGN.search(pattern)


@pytest.mark.parametrize("pattern", [r"\(?(?P<value>\d{1,2})", r"\\\(?(?:a)", r"a{1,2}", r"(?:x|y)"])
def test_an_escaped_bracket_before_a_group_is_plain_syntax(pattern):
    assert not _FOREIGN.search(pattern)


def test_a_score_pattern_with_an_optional_bracket_is_analysed():
    # A bracket before a group («\(?(?P<value>») once read as a conditional "(?(": the rule then scanned every text whole.
    pattern = r"(?<!\w)(?:بنتيجه|فاز)\s+\(?(?P<value>\d{1,2})\s*[-–:]\s*\d{1,2}\)?"
    start = start_of(pattern)
    assert start is not None and ("word-end", "فاز") in start.triggers
    assert triggers_of(pattern) is not None
