"""Which rules read a document: --lang auto, a row's own lang, detection by script."""
from __future__ import annotations

import json

from factcheck.language import detect, languages, resolve, shipped
from factcheck.model import Document
from factcheck.numbers import parse_words
from factcheck.ruleset import Entry, Lexicon

from clihelp import run, write_jsonl

AR = "قال وزير المالية إن العجز بلغ 3 مليارات دولار."
EN = "The finance minister said the deficit reached $3 billion."


def test_both_packs_ship_and_arabic_comes_first():
    assert shipped()[0] == "ar" and "en" in shipped()
    assert languages("auto") == shipped() and languages("en") == ("en",)


def test_detect_by_script():
    assert detect(AR) == "ar"
    assert detect(EN) == "en"
    # An Arabic article that quotes an English name is still Arabic.
    assert detect("قال المتحدث باسم شركة Apple إن المبيعات ارتفعت 5 في المئة.") == "ar"
    # No letters at all: the first shipped language.
    assert detect("2004 - 2005: 12, 15, 20") == shipped()[0]


def test_resolve_keeps_a_given_language_and_reads_a_row_field():
    assert resolve(Document("d", EN, lang="ar")).lang == "ar"  # asked for: not second-guessed
    assert resolve(Document("d", EN, lang="auto")).lang == "en"
    assert resolve(Document("d", EN, lang="auto", meta={"lang": "ar"})).lang == "ar"
    assert resolve(Document("d", EN, lang="auto", meta={"lang": "xx"})).lang == "en"  # no such pack: detected


def test_cli_lang_auto_reads_each_row_with_its_own_rules(tmp_path, capsys):
    corpus = write_jsonl(tmp_path / "mixed.jsonl", [{"id": "ar", "text": AR}, {"id": "en", "text": EN}])
    code, out, _ = run(capsys, "extract", "--isolated", "--format", "json", "--lang", "auto", corpus)
    docs = {d["id"]: d for d in json.loads(out)["documents"]}
    assert code == 0 and docs["ar"]["lang"] == "ar" and docs["en"]["lang"] == "en"
    money = {d: [(q["value"], q["unit"]) for q in docs[d]["quantities"]] for d in docs}
    assert money["ar"] == [(3e9, "USD")] and money["en"] == [(3e9, "USD")]
    # The same English row read with the Arabic rules finds the bare 3 only.
    code, out, _ = run(capsys, "extract", "--isolated", "--format", "json", corpus)
    en = {d["id"]: d for d in json.loads(out)["documents"]}["en"]
    assert en["lang"] == "ar" and [(q["value"], q["unit"]) for q in en["quantities"]] != money["en"]


def _lexicon(words: dict[str, tuple[str, float | None]]) -> Lexicon:
    entries = []
    for word, (cls, value) in words.items():
        data = {"class": cls} if value is None else {"class": cls, "value": value}
        entries.append(Entry(f"t.{word}", "numbers", "test", (word,), data, (), ()))
    return Lexicon("numbers", tuple(entries), {e.forms[0]: e for e in entries})


def test_english_words_compose_with_and_and_hyphens():
    lex = _lexicon({"and": ("joiner", None), "a": ("unit", 1), "two": ("unit", 2), "three": ("unit", 3),
                    "five": ("unit", 5), "twenty": ("ten", 20), "hundred": ("hundred", 100),
                    "thousand": ("scale", 1000), "million": ("scale", 1e6)})
    assert parse_words("three hundred and twenty-five", lex) == 325
    assert parse_words("Twenty-Five", lex) == 25  # sentence case finds the lower-case form
    assert parse_words("two thousand and five", lex) == 2005
    assert parse_words("a million", lex) == 1e6
    assert parse_words("twenty five million", lex) == 25e6
    assert parse_words("and", lex) is None
