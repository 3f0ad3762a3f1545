"""Load, validate and compile the declarative rule files under ``rules/``.

Layout: ``rules/<lang>/macros.toml`` (named sub-patterns),
``rules/<lang>/lexicon/*.toml`` (surface forms and their meaning),
``rules/<lang>/<kind>/*.toml`` (quantity and attribution rules, each with
examples). Every file is validated against a JSON Schema in
``rules/schema/``; every problem in every file is collected and raised
together as one :class:`RuleFileError` whose lines read
``path: json_path [rule id]: message``.
"""
from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

import regex

from . import cache
from .errors import RuleFileError
from .normalize import fold, fold_key
from .prefilter import anchor_of, needs_of, reach_of, start_of, triggers_of

RULE_KINDS = ("quantity", "attribution")
# The closed vocabulary of named groups per rule kind; anything else is an error.
GROUPS = {
    "quantity": {"qualifier", "sign", "value", "value2", "scale", "scale2", "unit", "unit2", "noun", "per"},
    "attribution": {"cue", "source", "relay", "quote", "frame"},
}
_MACRO_REF = regex.compile(r"\{\{([a-z][a-z0-9_.-]*)\}\}")


def rules_root() -> Path:
    """The shipped rules: inside the installed package, or the checkout's ``rules/``."""
    # A plain path, not importlib.resources: every run asks, and importing
    # that costs more start-up than the rest of the lookup.
    here = Path(__file__).resolve().parent
    packaged = here / "_rules"
    return packaged if packaged.is_dir() else here.parent / "rules"


@dataclass(frozen=True)
class Sample:
    text: str
    match: str | None = None
    expect: Mapping[str, Any] = field(default_factory=dict)
    xfail: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str  # "quantity" or "attribution"
    path: str
    summary: str
    pattern: str  # after macro expansion and folding
    compiled: Any = field(repr=False, compare=False)
    priority: int
    order: int
    params: Mapping[str, Any]
    examples: tuple[Sample, ...]
    counterexamples: tuple[Sample, ...]
    # What every match contains (one or two sets of literals or DIGIT, one of
    # each set): see prefilter.py. None means the rule scans the whole text.
    triggers: tuple[frozenset, ...] | None = field(default=None, repr=False, compare=False)
    # Where a match starts relative to a trigger, when the pattern says so
    # exactly (prefilter.Anchor): the rule is then tried only there.
    anchor: Any = field(default=None, repr=False, compare=False)
    # How every match begins (prefilter.Start): the rule may then be tried
    # only where one of its start strings begins and its head matches.
    start: Any = field(default=None, repr=False, compare=False)
    head: Any = field(default=None, repr=False, compare=False)  # start.head, compiled
    # The rarest set of which every match holds one, however far the match
    # runs (prefilter.needs_of): a rule is not tried after the last of them.
    needs: frozenset | None = field(default=None, repr=False, compare=False)
    # How far from its trigger a match, and what its look-arounds read, can lie (prefilter.reach_of);
    # None when unbounded: the windows around triggers must reach that far to see every match.
    reach: int | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Entry:
    id: str
    lexicon: str
    path: str
    forms: tuple[str, ...]
    data: Mapping[str, Any]
    examples: tuple[Sample, ...]
    counterexamples: tuple[Sample, ...]


@dataclass(frozen=True)
class Lexicon:
    name: str
    entries: tuple[Entry, ...]
    index: Mapping[str, Entry] = field(repr=False)
    # Where the head of a phrase of several words stands: "last" in English
    # (the state news agency), "first" in Arabic (وكالة الأنباء الرسمية).
    head: str = "first"
    # A source of more words than this counts only where a head of the lexicon
    # opens it (a title, a body, then a name); None: no such limit.
    unheaded_words: int | None = None

    def lookup(self, surface: str, clitics: str = "") -> Entry | None:
        """The entry whose (folded) form is exactly ``surface``, spaces collapsed.

        With ``clitics`` (say "وفبل"), up to two of those one-letter prefixes
        may be stripped when the whole surface is not a form.
        """
        key = " ".join(surface.split())
        entry = self.index.get(key)
        if entry is None and key.lower() != key:
            # Sentence case and capitals (About, MILLION) find the lower-case form;
            # scripts without case (Arabic) never get here.
            entry = self.index.get(key.lower())
        for _ in range(2):
            if entry is not None or not key or key[0] not in clitics:
                break
            key = key[1:]
            entry = self.index.get(key)
        return entry


_DERIVED: dict[tuple[int, str], tuple[tuple[Entry, ...], Any]] = {}


def per_lexicon(lexicon: Lexicon, what: str, build: Callable[[], Any]) -> Any:
    """``build()`` once per lexicon and ``what``: a set or table derived from its entries."""
    key = (id(lexicon.entries), what)
    held = _DERIVED.get(key)
    if held is None:
        if len(_DERIVED) >= 64:  # rulesets loaded and dropped, as in tests: keep the memo small
            _DERIVED.clear()
        held = _DERIVED[key] = (lexicon.entries, build())
    return held[1]


@dataclass(frozen=True)
class Ruleset:
    lang: str
    rules: tuple[Rule, ...]
    lexicons: Mapping[str, Lexicon]
    macros: Mapping[str, str]
    flags: int = 0

    def rules_of(self, *kinds: str) -> tuple[Rule, ...]:
        """The rules of these kinds, kind by kind, each in file order: the same
        tuple on every call (the matcher keeps its plan per tuple, and it is
        asked per document)."""
        by_kind = self.__dict__.get("_by_kind")
        if by_kind is None:
            by_kind = {}
            object.__setattr__(self, "_by_kind", by_kind)  # a memo, not a field: frozen guards the fields
        found = by_kind.get(kinds)
        if found is None:
            found = by_kind[kinds] = tuple(r for kind in kinds for r in self.rules if r.kind == kind)
        return found

    def lexicon(self, name: str) -> Lexicon:
        return self.lexicons.get(name) or Lexicon(name, (), {})

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def entries(self) -> Iterable[Entry]:
        for lex in self.lexicons.values():
            yield from lex.entries


@lru_cache(maxsize=None)
def _schema(name: str) -> Any:
    import jsonschema  # only when the rules are validated, not on a cached load

    path = rules_root() / "schema" / f"{name}.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def load_ruleset(lang: str = "ar", extra_dirs: Iterable[str | Path] = ()) -> Ruleset:
    """The compiled ruleset for ``lang``; cached, so rules compile once per process."""
    return _load(lang, tuple(str(Path(d)) for d in extra_dirs))


@lru_cache(maxsize=None)
def _load(lang: str, extra_dirs: tuple[str, ...]) -> Ruleset:
    root = rules_root()
    files: list[tuple[Path, str]] = []  # (file, display path)
    bases = [(root / lang, f"rules/{lang}")] + [(Path(d) / lang if (Path(d) / lang).is_dir() else Path(d), d) for d in extra_dirs]
    for base, shown in bases:
        if not base.is_dir():
            if base != root / lang:
                raise RuleFileError([f"{shown}: rule folder not found"])
            continue
        for f in sorted(base.rglob("*.toml")):
            files.append((f, f"{shown}/{f.relative_to(base).as_posix()}"))
    if not files:
        raise RuleFileError([f"rules/{lang}: no rule files for language {lang!r}"])
    contents = {shown: _read(f) for f, shown in files}
    key = _cache_key(lang, root, contents)
    cached = cache.load(f"ruleset-{lang}", key) if key else None
    if cached is not None:
        return _thaw(cached)
    problems: list[str] = []
    docs: list[tuple[str, str, dict[str, Any]]] = []  # (display, type, data)
    for f, shown in files:
        try:
            raw = contents[shown]
            if isinstance(raw, OSError):
                raise raw
            data = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            problems.append(f"{shown}: cannot read: {exc}")
            continue
        ftype = "macros" if f.name == "macros.toml" else ("lexicon" if "lexicon" in data else "rule")
        errors = sorted(_schema(ftype).iter_errors(data), key=lambda e: e.json_path)
        for err in errors:
            problems.append(f"{shown}: {err.json_path}{_rule_id_of(data, err.absolute_path)}: {err.message}")
        if not errors:  # later stages see only valid files, but every file is reported
            docs.append((shown, ftype, data))
    macros, lexicons = _collect_macros_and_lexicons(docs, problems)
    # What rebuilds each compiled pattern (cache.py): a rule's under its order, its head's under -1 - order.
    recorded: dict[int, tuple | None] = {}
    rules = _compile_rules(docs, lang, macros, lexicons, problems, recorded)
    if problems:
        raise RuleFileError(problems)
    ruleset = Ruleset(lang, tuple(rules), lexicons, macros)
    if key:
        cache.store(f"ruleset-{lang}", key, _freeze(ruleset, recorded))
    return ruleset


def _read(path: Path) -> bytes | OSError:
    try:
        return path.read_bytes()
    except OSError as exc:
        return exc


def _cache_key(lang: str, root: Path, contents: Mapping[str, bytes | OSError]) -> str | None:
    """What a loaded ruleset depends on: the rule files, the schemas, the loading code."""
    if any(isinstance(v, OSError) for v in contents.values()):
        return None
    here = Path(__file__).resolve().parent
    parts: list[bytes | str] = [lang]
    for shown in sorted(contents):
        parts += [shown, contents[shown]]
    try:
        for f in sorted((root / "schema").glob("*.json")) + [here / n for n in ("ruleset.py", "prefilter.py", "normalize.py")]:
            parts += [f.name, f.read_bytes()]
    except OSError:
        return None
    return cache.key_of(parts)


def _freeze(ruleset: Ruleset, recorded: Mapping[int, tuple | None]) -> tuple:
    """The ruleset without its compiled patterns, plus what rebuilds each."""
    patterns = [(r.compiled.flags & regex.IGNORECASE, recorded.get(r.order), recorded.get(-1 - r.order), r.compiled.flags)
                for r in ruleset.rules]
    return replace(ruleset, rules=tuple(replace(r, compiled=None, head=None) for r in ruleset.rules)), patterns


def _thaw(frozen: tuple) -> Ruleset:
    ruleset, patterns = frozen
    rules = tuple(replace(r, compiled=cache.rebuild(r.pattern, flags, recorded, expected),
                          head=cache.rebuild(r.start.head, flags, head, expected) if r.start is not None else None)
                  for r, (flags, recorded, head, expected) in zip(ruleset.rules, patterns))
    return replace(ruleset, rules=rules)


def _rule_id_of(data: Mapping[str, Any], path: Iterable[Any]) -> str:
    path = list(path)
    if len(path) >= 2 and path[0] in ("rule", "entry"):
        try:
            rid = data[path[0]][path[1]].get("id")
        except (IndexError, KeyError, AttributeError, TypeError):
            rid = None
        if rid:
            return f" [{rid}]"
    return ""


def _samples(items: Iterable[Mapping[str, Any]]) -> tuple[Sample, ...]:
    return tuple(Sample(s["text"], s.get("match"), s.get("expect", {}), s.get("xfail")) for s in items)


def _collect_macros_and_lexicons(docs, problems) -> tuple[dict[str, str], dict[str, Lexicon]]:
    macros: dict[str, str] = {}
    entries: dict[str, list[Entry]] = {}
    seen_ids: dict[str, str] = {}
    heads: dict[str, tuple[str, str]] = {}  # lexicon -> (head, the file that set it)
    unheaded: dict[str, int] = {}  # lexicon -> its unheaded-words
    for shown, ftype, data in docs:
        if ftype == "macros":
            for name, body in data["macros"].items():
                if name in macros:
                    problems.append(f"{shown}: $.macros.{name}: macro defined twice")
                macros[name] = body
        elif ftype == "lexicon":
            if "head" in data:
                set_by = heads.setdefault(data["lexicon"], (data["head"], shown))
                if set_by[0] != data["head"]:
                    problems.append(f"{shown}: $.head: {data['head']!r}, but {set_by[1]} says {set_by[0]!r}")
            if "unheaded-words" in data:  # where files of one lexicon differ, the smallest holds
                unheaded[data["lexicon"]] = min(data["unheaded-words"], unheaded.get(data["lexicon"], 10**9))
            for i, e in enumerate(data["entry"]):
                if e["id"] in seen_ids:
                    problems.append(f"{shown}: $.entry[{i}].id [{e['id']}]: id already used in {seen_ids[e['id']]}")
                seen_ids[e["id"]] = shown
                payload = {k: v for k, v in e.items() if k not in ("id", "forms", "example", "counterexample", "note")}
                entries.setdefault(data["lexicon"], []).append(
                    Entry(e["id"], data["lexicon"], shown, tuple(e["forms"]), payload,
                          _samples(e.get("example", [])), _samples(e.get("counterexample", [])))
                )
    lexicons: dict[str, Lexicon] = {}
    for name, items in entries.items():
        index: dict[str, Entry] = {}
        for entry in items:
            for form in entry.forms:
                index.setdefault(fold_key(form), entry)
        lexicons[name] = Lexicon(name, tuple(items), index, heads.get(name, ("first", ""))[0], unheaded.get(name))
    return macros, lexicons


def _alternation(forms: Iterable[str]) -> str:
    """Folded forms as one pattern that prefers the longest form, inner spaces as \\s+.

    The forms are factored into a trie ("قال|قالت|قالوا" -> "قال(?:ت|وا)?"), so
    the regex engine rejects a position at its first character instead of
    trying every form in turn: two to three times faster on large lexicons,
    and the same matches as a longest-first alternation.
    """
    trie: dict = {}
    for form in {fold_key(f) for f in forms}:
        node = trie
        for token in regex.findall(r" |[^ ]", form):
            node = node.setdefault(token, {})
        node[""] = {}
    return "(?:" + _trie_pattern(trie) + ")"


def _trie_pattern(node: dict) -> str:
    branches = [(r"\s+" if t == " " else regex.escape(t)) + _trie_pattern(child)
                for t, child in sorted(node.items()) if t]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Greedy: a longer form is tried before the form that ends here. Spelled
    # as a branch that may be empty, not as "?": the same matches, but the
    # regex engine sets up state for every repeat of a pattern on every call,
    # and a lexicon's trie has hundreds of them (rule tries ~18% faster).
    return f"(?:{body}|)" if "" in node else body


def _expand(pattern: str, macros: Mapping[str, str], lexicons: Mapping[str, Lexicon], stack: tuple[str, ...] = (),
            memo: dict[str, str] | None = None) -> str:
    """``pattern`` with every {{macro}} and {{lexicon}} spelled out.

    ``memo`` keeps each name's expansion for the next reference: the same
    lexicons are referenced by many macros and rules, and building their
    tries again each time took seconds.
    """
    memo = {} if memo is None else memo

    def sub(m: regex.Match) -> str:
        name = m.group(1)
        if name in stack:
            raise KeyError(f"macro cycle: {' -> '.join(stack + (name,))}")
        if name in memo:
            return memo[name]
        if name in macros:
            out = "(?:" + _expand(macros[name], macros, lexicons, stack + (name,), memo) + ")"
        else:
            lex_name, _, cls = name.partition(".")
            forms = [f for e in lexicons[lex_name].entries if not cls or e.data.get("class") == cls
                     for f in e.forms] if lex_name in lexicons else []
            if not forms:
                raise KeyError(f"unknown macro {{{{{name}}}}}")
            out = _alternation(forms)
        memo[name] = out
        return out

    return _MACRO_REF.sub(sub, pattern)


# Rule fields that hold a pattern of their own (attributions.agrees), checked at load; so do the
# "cue" and "source" of each pair of a rule's "agree" list.
AGREEMENT_PATTERNS = ("plural-cue", "plural-source")
_NO_SOURCE = "(?!)"  # a pattern that finds nothing
_AGREEMENT: dict[str, Any] = {}  # such a pattern -> compiled, once per process


def agreement_pattern(pattern: str) -> Any:
    """A rule's agreement pattern (``AGREEMENT_PATTERNS``), folded and compiled once; raises ``regex.error``."""
    compiled = _AGREEMENT.get(pattern)
    if compiled is None:
        compiled = _AGREEMENT[pattern] = regex.compile(fold(pattern))
    return compiled


def _compile_rules(docs, lang, macros, lexicons, problems, recorded: dict[int, tuple | None]) -> list[Rule]:
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    order = 0
    expanded: dict[str, str] = {}  # macro or lexicon name -> its expansion
    try:  # the code that reads patterns, part of each pattern's cache key
        code: bytes | None = b"".join((Path(__file__).parent / n).read_bytes() for n in ("prefilter.py", "cache.py"))
    except OSError:
        code = None
    for shown, ftype, data in docs:
        if ftype != "rule":
            continue
        for i, r in enumerate(data["rule"]):
            rid, where = r["id"], f"{shown}: $.rule[{i}]"
            kind = rid.split(".")[1]
            if not rid.startswith(f"{lang}."):
                problems.append(f"{where}.id [{rid}]: rule id must start with {lang!r}, the language of its folder")
            if Path(shown).parent.name != kind:
                problems.append(f"{where}.id [{rid}]: a {kind} rule must live in a '{kind}/' folder")
            if rid in seen:
                problems.append(f"{where}.id [{rid}]: id already used in {seen[rid]}")
            seen[rid] = shown
            try:
                pattern = fold(_expand(r["pattern"], macros, lexicons, memo=expanded))
                # Case-sensitive in every language: the prefilter reads literals as written, and
                # an English rule tells a name from a word by its capital ([Ss]aid, [A-Z]\w+).
                compiled, recorded[order], read, head, recorded[-1 - order] = _compiled(pattern, 0, code)
            except KeyError as exc:
                problems.append(f"{where}.pattern [{rid}]: {exc.args[0]}")
                continue
            except regex.error as exc:
                problems.append(f"{where}.pattern [{rid}]: does not compile: {exc}")
                continue
            bad = sorted(set(compiled.groupindex) - GROUPS[kind])
            if bad:
                problems.append(f"{where}.pattern [{rid}]: named groups {bad} are not in the {kind} vocabulary {sorted(GROUPS[kind])}")
            if compiled.groups > len(compiled.groupindex):
                problems.append(f"{where}.pattern [{rid}]: use (?:...) or a named group; positional groups are not allowed")
            params = {k: v for k, v in r.items() if k not in ("id", "summary", "pattern", "priority", "example", "counterexample")}
            for key in AGREEMENT_PATTERNS:
                if key in params:
                    try:
                        agreement_pattern(params[key])
                    except regex.error as exc:
                        problems.append(f"{where}.{key} [{rid}]: does not compile: {exc}")
            # plural-cue/plural-source are one more pair of the "agree" list (a plural cue
            # with no plural-source agrees with no source at all).
            pairs = ([{"cue": params["plural-cue"], "source": params.get("plural-source", _NO_SOURCE)}]
                     if "plural-cue" in params else [])
            for j, pair in enumerate(params.get("agree", ())):
                pair = dict(pair)
                for key in ("cue", "source"):
                    try:  # an agreement pattern may name macros ({{masculine_head}}), expanded here
                        pair[key] = _expand(pair[key], macros, lexicons, memo=expanded)
                        agreement_pattern(pair[key])
                    except KeyError as exc:
                        problems.append(f"{where}.agree[{j}].{key} [{rid}]: {exc.args[0]}")
                    except regex.error as exc:
                        problems.append(f"{where}.agree[{j}].{key} [{rid}]: does not compile: {exc}")
                pairs.append(pair)
            if pairs:
                params["agree"] = pairs
            triggers, anchor, start, needs, reach = read
            rules.append(Rule(rid, kind, shown, r["summary"], pattern, compiled, r.get("priority", 0), order, params,
                              _samples(r["example"]), _samples(r["counterexample"]),
                              triggers, anchor, start, head, needs, reach))
            order += 1
    return rules


def _compiled(pattern: str, flags: int, code: bytes | None) -> tuple:
    """``pattern`` compiled and read for its triggers, anchor, start and needs, with its start's head.

    Returns (compiled, what rebuilds it, (triggers, anchor, start, needs, reach),
    head, what rebuilds the head). Compiling and reading one large pattern
    takes a fraction of a second, so each pattern is also kept in the cache
    on its own: a rule pack added to the shipped rules, or one rule edited,
    costs the time of its own patterns, not of all of them. ``code`` is the
    analysing code, part of the key (None: not kept).
    """
    key = cache.key_of(["pattern", pattern, str(flags), code]) if code is not None else None
    kept = cache.load("pattern", key) if key else None
    if kept is not None:
        recorded, expected, read, head_recorded = kept
        compiled = cache.rebuild(pattern, flags, recorded, expected)
        start = read[2]
        head = cache.rebuild(start.head, expected & regex.IGNORECASE, head_recorded, expected) if start else None
        return compiled, recorded, read, head, head_recorded
    compiled, recorded = cache.compile_recorded(pattern, flags)
    read = (triggers_of(pattern, compiled.flags), anchor_of(pattern, compiled.flags),
            start_of(pattern, compiled.flags), needs_of(pattern, compiled.flags), reach_of(pattern, compiled.flags))
    head, head_recorded = cache.compile_recorded(read[2].head, compiled.flags) if read[2] else (None, None)
    if key:
        cache.store("pattern", key, (recorded, compiled.flags, read, head_recorded))
    return compiled, recorded, read, head, head_recorded
