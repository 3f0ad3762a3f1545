"""Every check's docstring examples, and the fixture blocks of fixtures/checks/.

A line ``Okay: text`` must give no finding at all; ``FC201: text`` (or
``FC201 FC101: text``) must give exactly the listed codes, no more and no
fewer. Cross-document checks take two documents per line, split on ``||``.
Checks run with the example reference table fixtures/checks/reference.csv.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from factcheck.checks import CORPUS_REGISTRY, all_checks
from factcheck.model import Document
from factcheck.pipeline import Options, run_corpus

from conftest import FIXTURES

REFERENCE = str(FIXTURES / "checks" / "reference.csv")
OPTIONS = Options(reference=REFERENCE)
_LINE = re.compile(r"^\s*((?:FC\d{3}\s*)+|Okay):\s*(.+)$")


def _codes(texts: list[str], lang: str = "ar") -> list[set[str]]:
    docs = [Document(f"d{i}", t, lang=lang) for i, t in enumerate(texts)]
    results = run_corpus(docs, OPTIONS)
    for r in results:
        assert r.error is None, r.error
    return [{f.code for f in r.findings} for r in results]


def _docstring_cases():
    for chk in all_checks():
        for i, line in enumerate(chk.doc.splitlines()):
            m = _LINE.match(line)
            if m:
                codes = set() if m.group(1) == "Okay" else set(m.group(1).split())
                yield pytest.param(chk.code, codes, m.group(2).strip(), id=f"{chk.code}-{chk.name}:{i}")


@pytest.mark.parametrize(("code", "expected", "text"), list(_docstring_cases()))
def test_docstring_example(code, expected, text):
    parts = [t.strip() for t in text.split("||")] if code in CORPUS_REGISTRY else [text]
    found = set().union(*_codes(parts))
    missing, unexpected = expected - found, found - expected
    assert not missing and not unexpected, f"-missing {sorted(missing)} +unexpected {sorted(unexpected)}"


def test_every_check_has_passing_and_failing_examples():
    for chk in all_checks():
        heads = [_LINE.match(line).group(1).strip() for line in chk.doc.splitlines() if _LINE.match(line)]
        assert "Okay" in heads, f"{chk.code} has no Okay: example"
        assert any(chk.code in h.split() for h in heads), f"{chk.code} has no {chk.code}: example"


def _blocks(path: Path):
    """``#: CODES`` / ``#: Okay`` headers, each followed by one article; ``#: --`` separates documents."""
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#:"):
            if current:
                yield current
            head = line[2:].strip()
            current = (set() if head == "Okay" else set(head.split()), [])
        elif current is not None:
            current[1].append(line)
    if current:
        yield current


def _fixture_cases():
    # fixtures/checks/FC*.txt are Arabic copy; fixtures/checks/<lang>/FC*.txt another language's.
    for lang, folder in [("ar", FIXTURES / "checks")] + [(p.name, p) for p in sorted((FIXTURES / "checks").iterdir())
                                                          if p.is_dir()]:
        for path in sorted(folder.glob("FC*.txt")):
            for i, (codes, lines) in enumerate(_blocks(path)):
                yield pytest.param(codes, "\n".join(lines).strip(), lang, id=f"{lang}/{path.name}:{i}")


@pytest.mark.parametrize(("expected", "text", "lang"), list(_fixture_cases()))
def test_fixture_block(expected, text, lang):
    docs = [t.strip() for t in text.split("\n--\n")]
    found = set().union(*_codes(docs, lang))
    missing, unexpected = expected - found, found - expected
    assert not missing and not unexpected, f"-missing {sorted(missing)} +unexpected {sorted(unexpected)}"
