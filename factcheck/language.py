"""Which language's rules read a document: the one asked for, or, with ``auto``, its own.

With ``--lang auto`` a JSONL row's own ``lang`` field names its language
when the project ships rules for it; otherwise the script decides: a text
with at least as many Arabic letters as Latin ones is Arabic (an Arabic
article quotes English names; an English one rarely quotes Arabic), any
other text with Latin letters is English, and a text with neither (a
table of figures) is read with the first shipped language.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import regex

from .model import Document
from .ruleset import rules_root

AUTO = "auto"
# Enough text to tell the script of an article; a long one is not read twice.
_SAMPLE = 4000
_ARABIC = regex.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = regex.compile(r"[A-Za-z\u00C0-\u024F]")


@lru_cache(maxsize=1)
def shipped() -> tuple[str, ...]:
    """The languages with a rule folder under ``rules/``, Arabic first."""
    found = sorted(p.name for p in rules_root().iterdir()
                   if p.is_dir() and len(p.name) == 2 and any(p.rglob("*.toml")))
    return tuple(sorted(found, key=lambda lang: (lang != "ar", lang)))


def languages(lang: str) -> tuple[str, ...]:
    """The rulesets a run with ``lang`` may need: every shipped one for ``auto``."""
    return shipped() if lang == AUTO else (lang,)


def detect(text: str) -> str:
    """The shipped language whose script ``text`` is written in (see the module docstring)."""
    langs = shipped()
    sample = text[:_SAMPLE]
    arabic = len(_ARABIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    if arabic and arabic >= latin and "ar" in langs:
        return "ar"
    if latin and "en" in langs:
        return "en"
    return langs[0] if langs else "ar"


def resolve(doc: Document) -> Document:
    """``doc`` with its language settled: unchanged unless it was read with ``auto``."""
    if doc.lang != AUTO:
        return doc
    given = doc.meta.get("lang") if doc.meta else None
    lang = given if isinstance(given, str) and given in shipped() else detect(doc.view or doc.text)
    return replace(doc, lang=lang)
