"""Turn the surface of a number (normalised text) into its value.

Digits: Western after normalisation, with thousands and decimal separators
as real copy writes them. Words: looked up in the ``numbers`` lexicon
(``rules/<lang>/lexicon/numbers.toml``), whose entries carry a ``value`` and a
``class`` (unit, ten, hundred, scale, fraction), and combined the usual way:
smaller parts add up, a scale word multiplies what came before it.
"""
from __future__ import annotations

import regex

from .ruleset import Lexicon

_DIGITS = regex.compile(r"[0-9]")
_GROUPED3 = regex.compile(r"^[0-9]{1,3}(?:[,،][0-9]{3})+$")


def parse_digits(surface: str) -> float | None:
    """Value of a digit string with separators: 1,500 / 1,5 / 2.000.000 / 27.8 / 2ر21."""
    s = "".join(surface.split())
    sign = 1.0
    if s[:1] in "-−–":
        sign, s = -1.0, s[1:]
    elif s[:1] == "+":
        s = s[1:]
    if "ر" in s:  # wire-copy habit: decimals written "2ر21" mean 21.2
        frac, _, whole = s.partition("ر")
        s = f"{whole}.{frac}"
    if not s or not _DIGITS.search(s):
        return None
    if _GROUPED3.match(s) and ("،" in s or s.count(",") > 1 or len(s.split(",")[-1]) == 3):
        s = s.replace(",", "").replace("،", "")
    elif "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif s.count(".") > 1:
        s = s.replace(".", "")
    elif s.count(",") == 1:
        s = s.replace(",", ".")
    elif "," in s or "،" in s:
        s = s.replace(",", "").replace("،", "")
    try:
        return sign * float(s)
    except ValueError:
        return None


def parse_words(surface: str, lexicon: Lexicon) -> float | None:
    """Value of a number written in words, composed from the lexicon's entries."""
    total = 0.0
    current = 0.0
    seen = False
    for word in surface.split():
        entry = lexicon.lookup(word)
        if entry is None and word.startswith("و"):
            entry = lexicon.lookup(word[1:])
        if entry is None or "value" not in entry.data:
            return None
        seen = True
        value = float(entry.data["value"])
        cls = entry.data.get("class")
        if cls == "scale":
            total += (current or 1.0) * value
            current = 0.0
        elif cls == "hundred" and current and current < 10:
            current *= value
        else:
            current += value
    return total + current if seen else None


def parse_number(surface: str, lexicon: Lexicon) -> float | None:
    """Value of a number surface, in digits or in words; None when it is neither."""
    if _DIGITS.search(surface):
        return parse_digits(surface)
    return parse_words(surface, lexicon)
