"""Check settings as data: parameters and messages (``rules/checks/checks.toml``)
and per-language word lists (``rules/checks/<lang>.toml``).

Both files are validated against ``rules/schema/``; word lists are folded
like the text, so they are written in ordinary spelling.
"""
from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Mapping

from .. import cache
from ..errors import RuleFileError
from ..normalize import fold_key
from ..ruleset import rules_root

MESSAGE_LANGS = ("en", "ar")


@dataclass(frozen=True)
class CheckSettings:
    """Parameters and message templates of every check code."""

    checks: Mapping[str, Mapping[str, Any]]

    def params(self, code: str) -> Mapping[str, Any]:
        return self.checks.get(code, {}).get("params", {})

    def param(self, code: str, name: str) -> Any:
        try:
            return self.checks[code]["params"][name]
        except KeyError:
            raise RuleFileError([f"rules/checks/checks.toml: $.check.{code}.params: missing parameter {name!r}"]) from None

    def text(self, code: str, lang: str, key: str = "message", **fields: Any) -> str:
        """The template ``key`` of ``code`` in ``lang`` (English when absent), filled in."""
        msgs = self.checks.get(code, {})
        table = msgs.get(lang if lang in MESSAGE_LANGS else "en") or msgs.get("en", {})
        template = table.get(key) or msgs.get("en", {}).get(key, key)
        return template.format_map(_Blank(fields))


class _Blank(dict):
    """str.format_map helper: an unknown placeholder prints as nothing."""

    def __missing__(self, key: str) -> str:
        return ""


@dataclass(frozen=True)
class Words:
    """Folded word lists of one language; phrases keep single spaces."""

    lang: str
    lists: Mapping[str, frozenset[str]]
    countries: Mapping[str, frozenset[str]]
    # The measured thing may stand before its metric head (the unemployment rate,
    # the city's population), as in English; in Arabic it follows (نسبة البطالة).
    object_before_head: bool = False
    # What a figure of people counts when an event word stands next to it
    # (مقتل 12 شخصاً، 12 people were killed): name -> {"before", "after", "metrics": folded
    # words, "label": the name shown in messages}.
    subjects: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def __getitem__(self, name: str) -> frozenset[str]:
        if not self.lists:  # a language with no word lists: the checks that need them stay silent
            return frozenset()
        try:
            return self.lists[name]
        except KeyError:
            raise RuleFileError([f"rules/checks/{self.lang}.toml: $.words: missing list {name!r}"]) from None

    @cached_property
    def metric_names(self) -> Mapping[str, str]:
        """Metric keys that name an event (عدد القتلى -> killed), from the subjects' metric phrases."""
        from .keys import metric_key  # keys reads these lists: imported here, not at load

        table: dict[str, str] = {}
        for name, lists in self.subjects.items():
            for phrase in lists.get("metrics", ()):
                key = metric_key(phrase.split(" "), self)
                if key is not None:
                    table[key] = name
        return table

    @cached_property
    def people_nouns(self) -> frozenset[str]:
        """Noun ids whose figure counts people: those of people_nouns and the self-describing ones."""
        return self["people_nouns"] | self["self_describing_nouns"]

    @cached_property
    def country_starts(self) -> Mapping[str, tuple[str, ...]]:
        """The currency codes whose country names start with each word: one pass finds them all."""
        out: dict[str, list[str]] = {}
        for code, names in self.countries.items():
            for first in {name.split(" ")[0] for name in names}:
                out.setdefault(first, []).append(code)
        return {first: tuple(codes) for first, codes in out.items()}


def _validated(path, schema_name: str) -> dict[str, Any]:
    """The file's data, checked against its schema.

    A file already found valid is read from the ruleset cache (``cache.py``),
    keyed by the file and its schema: importing ``jsonschema`` alone took a
    quarter of a one-article run.
    """
    shown = f"rules/{path.relative_to(rules_root()).as_posix()}"
    try:
        raw = path.read_bytes()
        schema_raw = (rules_root() / "schema" / f"{schema_name}.schema.json").read_bytes()
    except OSError as exc:
        raise RuleFileError([f"{shown}: cannot read: {exc}"]) from None
    key = cache.key_of([shown, raw, schema_raw])
    data = cache.load("checks", key)
    if isinstance(data, dict):
        return data
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RuleFileError([f"{shown}: cannot read: {exc}"]) from None
    import jsonschema

    errors = sorted(jsonschema.Draft202012Validator(json.loads(schema_raw)).iter_errors(data), key=lambda e: e.json_path)
    if errors:
        raise RuleFileError([f"{shown}: {e.json_path}: {e.message}" for e in errors])
    cache.store("checks", key, data)
    return data


@lru_cache(maxsize=1)
def settings() -> CheckSettings:
    """The shipped check settings (loaded once per process)."""
    data = _validated(rules_root() / "checks" / "checks.toml", "checks")
    return CheckSettings(data["check"])


@lru_cache(maxsize=None)
def words(lang: str) -> Words:
    """The check word lists of ``lang``; empty lists when the language has none."""
    path = rules_root() / "checks" / f"{lang}.toml"
    if not path.is_file():
        return Words(lang, {}, {})
    data = _validated(path, "check-words")

    def folded(items):
        return frozenset(fold_key(w) for w in items)

    return Words(lang, {k: folded(v) for k, v in data["words"].items()},
                 {k: folded(v) for k, v in data.get("countries", {}).items()},
                 bool(data.get("object-before-head", False)),
                 {name: {k: v if k == "label" else folded(v) for k, v in table.items()}  # a label is shown as written
                  for name, table in data.get("subjects", {}).items()})
