"""The check registry: codes, names, severities, selection by code prefix.

A check is a function decorated with :func:`check`; it takes a
:class:`CheckContext` and yields :class:`Hit` values. The runner turns hits
into findings (line, column, severity) and applies select/ignore.
The docstring of every check carries ``Okay:`` and ``FCnnn:`` example lines,
which the test suite runs.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Callable, Iterable, Iterator, Mapping

from ..model import Attribution, Finding, Quantity, Sentence
from .text import find_word, may_hold, tokens

SEVERITIES = ("info", "warning", "error")
# The modules whose import registers checks.
_MODULES = ("sourcing", "consistency", "reference", "plausibility", "corpus")


@dataclass(frozen=True)
class CheckContext:
    """What a check sees of one document. Offsets named ``norm_`` index ``norm_text``."""

    text: str
    lang: str
    quantities: tuple[Quantity, ...]
    attributions: tuple[Attribution, ...]
    norm_text: str = ""
    sentences: tuple[Sentence, ...] = ()
    ruleset: Any = None
    reference: Any = None  # a reference.ReferenceTable, or None
    message_lang: str = "en"
    doc_id: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)
    norm: Any = None  # the normalize.NormalizedText of ``text``: maps ``norm_`` offsets back

    def original(self, norm_start: int, norm_end: int) -> str:
        """The text as written of a span of ``norm_text``."""
        if self.norm is None:
            return self.norm_text[norm_start:norm_end]
        return self.norm.original_text(norm_start, norm_end)

    def say(self, code: str, key: str = "message", **fields: Any) -> str:
        """The message template ``key`` of ``code``, in the report's message language."""
        from .config import settings

        return settings().text(code, self.message_lang, key, **fields)

    def param(self, code: str, name: str) -> Any:
        from .config import settings

        return settings().param(code, name)

    @cached_property
    def words(self):
        from .config import words

        return words(self.lang)

    # Per-document memos: several checks and the cross-document facts read
    # the same sentences. They live on the context, so nothing outlives the
    # document (cached_property writes the instance dict; frozen only guards fields).
    @cached_property
    def line_starts(self) -> list[int]:
        """Offsets where the lines of ``text`` start."""
        return line_starts(self.text)

    @cached_property
    def _sentence_tokens(self) -> dict[int, tuple[str, ...]]:
        return {}

    @cached_property
    def _sentence_changes(self) -> dict[int, bool]:
        return {}

    def sentence_tokens(self, i: int) -> tuple[str, ...]:
        """The tokens of sentence ``i``."""
        toks = self._sentence_tokens.get(i)
        if toks is None:
            s = self.sentences[i]
            toks = self._sentence_tokens[i] = tuple(tokens(self.norm_text, s.norm_start, s.norm_end))
        return toks

    @cached_property
    def _sentence_content(self) -> dict[int, frozenset[str]]:
        return {}

    def figure_context(self, q: Quantity) -> frozenset[str]:
        """The content words of the figure's sentence, less the figure's own: its unit and its noun
        say what it is, the other words which event (for sentence overlap)."""
        from .keys import content_words
        from .text import key_word

        stop = self.words["stopwords"]
        context = self._sentence_content.get(q.sentence)  # a sentence's words are read once
        if context is None:
            context = self._sentence_content[q.sentence] = content_words(self.sentence_tokens(q.sentence), stop)
        return context - {key_word(t) for t in tokens(self.norm_text, q.norm_start, q.norm_end)}

    def states_change(self, i: int) -> bool:
        """Whether sentence ``i`` has a change word (ارتفع، تراجع): its figures are not restated elsewhere."""
        changed = self._sentence_changes.get(i)
        if changed is None:
            words = self.words["change_words"]
            s = self.sentences[i]
            changed = self._sentence_changes[i] = (may_hold(self.norm_text, s.norm_start, s.norm_end, words)
                                                   and find_word(self.sentence_tokens(i), words) >= 0)
        return changed

    @cached_property
    def _subjects(self) -> dict[tuple, tuple[str, str] | None]:
        return {}

    def subject(self, q: Quantity, window: int, before_limit: int | None = None) -> tuple[str, str] | None:
        """``keys.subject_of`` of figure ``q``, worked out once for the checks that ask alike
        (FC201 and the cross-document facts both key the same figures)."""
        from .keys import subject_of

        key = (q.id, window, before_limit)
        if key not in self._subjects:
            self._subjects[key] = subject_of(q, self.norm_text, self.sentences[q.sentence], self.words,
                                             self.ruleset, window, before_limit)
        return self._subjects[key]

    def quote(self, text: str) -> str:
        return f"«{text}»" if self.message_lang == "ar" else f"'{text}'"

    def figures(self, qs: Iterable[Quantity]) -> str:
        sep = "، " if self.message_lang == "ar" else ", "
        return sep.join(self.quote(q.text) for q in qs)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    message: str
    quantities: tuple[str, ...] = ()
    attributions: tuple[str, ...] = ()
    # Other places the finding concerns: {"document", "start", "end", "text", "quantity"}.
    related: tuple[Mapping[str, Any], ...] = ()


@dataclass(frozen=True)
class Check:
    code: str
    name: str
    severity: str
    func: Callable[[CheckContext], Iterable[Hit]] = field(repr=False)

    @property
    def doc(self) -> str:
        return self.func.__doc__ or ""


REGISTRY: dict[str, Check] = {}


def check(code: str, name: str, severity: str = "warning"):
    """Register a check under a stable code and kebab-case name."""
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")

    def deco(func: Callable[[CheckContext], Iterable[Hit]]):
        if code in REGISTRY:
            raise ValueError(f"check code {code} registered twice")
        REGISTRY[code] = Check(code, name, severity, func)
        return func

    return deco


_loaded = False


def load_checks() -> None:
    """Import every check module (registration happens on import)."""
    global _loaded
    if _loaded:  # called once or twice per document: the imports need doing once
        return
    from importlib import import_module

    for name in _MODULES:
        import_module(f"{__name__}.{name}")
    _loaded = True


def selected(code: str, select: Iterable[str] | None, ignore: Iterable[str] | None) -> bool:
    """flake8/ruff selection: the longest matching prefix decides; on a tie, ignore wins."""
    try:
        return _selected_cached(code, select, ignore)
    except TypeError:  # prefixes given as a list: not hashable, so decided afresh
        return _selected(code, select, ignore)


def _selected(code: str, select: Iterable[str] | None, ignore: Iterable[str] | None) -> bool:
    best_sel = max((len(p) for p in (select or ("FC",)) if code.startswith(p)), default=-1)
    best_ign = max((len(p) for p in (ignore or ()) if code.startswith(p)), default=-1)
    return best_sel >= 0 and best_sel > best_ign


# The same few codes and selections are asked about for every document.
_selected_cached = lru_cache(maxsize=4096)(_selected)


def line_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def position(line_starts: list[int], offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset``, given where each line starts."""
    line = bisect_right(line_starts, offset)
    return line, offset - line_starts[line - 1] + 1


def run_checks(ctx: CheckContext, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
               severities: Mapping[str, str] | None = None) -> tuple[Finding, ...]:
    """Every selected check over one document, sorted by position then code."""
    load_checks()
    lines = ctx.line_starts
    out: list[Finding] = []
    for code in sorted(REGISTRY):
        chk = REGISTRY[code]
        if not selected(code, select, ignore):
            continue
        severity = (severities or {}).get(code, chk.severity)
        for hit in chk.func(ctx):
            line, column = position(lines, hit.start)
            end_line, end_column = position(lines, hit.end)
            out.append(Finding(code, chk.name, severity, hit.message, hit.start, hit.end, line, column,
                               hit.quantities, hit.attributions, related=hit.related,
                               end_line=end_line, end_column=end_column))
    out.sort(key=lambda f: (f.start, f.code, f.end))
    return tuple(out)


def collect_facts(ctx: CheckContext, select: Iterable[str] | None = None,
                  ignore: Iterable[str] | None = None) -> tuple:
    """The compact per-figure records cross-document checks need, when one is selected."""
    load_checks()
    if not any(selected(code, select, ignore) for code in CORPUS_REGISTRY):
        return ()
    from .corpus import document_facts

    return document_facts(ctx)


# Cross-document checks: a reducer class per code. A reducer is fed every
# DocumentResult with ``add`` (in input order), can absorb another reducer
# fed a later part of the corpus with ``merge`` (so partitions reduce
# separately, as on a cluster), and returns extra findings per document id
# from ``finish``. It keeps compact keys per document, never the documents.
CORPUS_REGISTRY: dict[str, Check] = {}


def corpus_check(code: str, name: str, severity: str = "warning"):
    """Register a cross-document reducer class under a stable code and name."""
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")

    def deco(cls):
        if code in REGISTRY or code in CORPUS_REGISTRY:
            raise ValueError(f"check code {code} registered twice")
        cls.code = code
        CORPUS_REGISTRY[code] = Check(code, name, severity, cls)
        return cls

    return deco


def corpus_reducers(select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
                    message_lang: str = "en") -> list:
    """A fresh reducer for every selected cross-document check, in code order."""
    load_checks()
    return [c.func(message_lang) for code, c in sorted(CORPUS_REGISTRY.items())  # type: ignore[call-arg]
            if selected(code, select, ignore)]


def merge_corpus_findings(results: list, reducers: list, severities: Mapping[str, str] | None = None) -> list:
    """Results with the findings of the finished reducers merged in, by position."""
    from dataclasses import replace

    extra: dict[str, list[Finding]] = {}
    for reducer in reducers:
        code = reducer.code
        severity = (severities or {}).get(code, CORPUS_REGISTRY[code].severity)
        for doc_id, findings in reducer.finish().items():
            extra.setdefault(doc_id, []).extend(replace(f, severity=severity) for f in findings)
    if not extra:
        return results
    out = []
    for r in results:
        if r.id in extra and r.error is None:
            merged = sorted(tuple(r.findings) + tuple(extra[r.id]), key=lambda f: (f.start, f.code, f.end))
            r = replace(r, findings=tuple(merged))
        out.append(r)
    return out


def run_corpus_checks(results: list, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
                      severities: Mapping[str, str] | None = None, message_lang: str = "en") -> list:
    """Results with the findings of every selected cross-document check merged in."""
    reducers = corpus_reducers(select, ignore, message_lang)
    if not reducers:
        return results
    for reducer in reducers:
        for r in results:
            reducer.add(r)
    return merge_corpus_findings(results, reducers, severities)


def all_checks() -> Iterator[Check]:
    """Every registered check, per-document and cross-document, by code."""
    load_checks()
    both = {**REGISTRY, **CORPUS_REGISTRY}
    for code in sorted(both):
        yield both[code]
