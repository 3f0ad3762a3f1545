"""The disk cache of the loaded ruleset: same rules, no compiling, misses on change."""
from __future__ import annotations

import pickle

import pytest
import regex

from factcheck import cache, ruleset
from factcheck.extract import match_rules

TEXT = "وقال الوزير إن نحو 27.8 ألف كيلومتر مربع، أي 40% من المساحة، حُرّرت بين 2014 و2017."

RULE = """schema = 1

[[rule]]
id = "ar.quantity.test-widgets"
summary = "widgets"
pattern = '(?P<value>{{digits}})\\s+WORD'
[[rule.example]]
text = "صنعنا 5 WORD اليوم"
match = "5 WORD"
[[rule.counterexample]]
text = "صنعنا 5 اليوم"
"""


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A cache folder of its own, and no ruleset already loaded in this process."""
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    ruleset._load.cache_clear()
    yield tmp_path / "cache"
    ruleset._load.cache_clear()


def _load_counting_compiles(monkeypatch, *args):
    calls = []
    real = regex.compile

    def counting(pattern, *a, **k):
        calls.append(pattern)
        return real(pattern, *a, **k)

    monkeypatch.setattr(ruleset.regex, "compile", counting)
    ruleset._load.cache_clear()
    try:
        return ruleset.load_ruleset(*args), calls
    finally:
        monkeypatch.setattr(ruleset.regex, "compile", real)


def test_second_load_compiles_nothing_and_matches_the_same(fresh, monkeypatch):
    first, calls_first = _load_counting_compiles(monkeypatch, "ar")
    assert list(fresh.glob("ruleset-ar-*.pickle")), "the first load writes the cache"
    second, calls_second = _load_counting_compiles(monkeypatch, "ar")
    assert calls_second == [] and len(calls_first) >= len(first.rules)
    assert [(r.id, r.pattern, r.triggers, r.compiled.flags) for r in first.rules] == \
        [(r.id, r.pattern, r.triggers, r.compiled.flags) for r in second.rules]
    spans = lambda rs: [(m.rule_id, m.norm_start, m.norm_end, sorted(m.groups.items())) for m in match_rules(TEXT, rs.rules)]
    assert spans(first) == spans(second) and spans(first)


def test_a_changed_rule_file_misses_the_cache(fresh, tmp_path):
    pack = tmp_path / "pack" / "quantity"
    pack.mkdir(parents=True)
    (pack / "widgets.toml").write_text(RULE, encoding="utf-8")
    rs = ruleset.load_ruleset("ar", [tmp_path / "pack"])
    assert "WORD" in rs.rule("ar.quantity.test-widgets").pattern
    (pack / "widgets.toml").write_text(RULE.replace("WORD", "THING"), encoding="utf-8")
    ruleset._load.cache_clear()
    rs = ruleset.load_ruleset("ar", [tmp_path / "pack"])
    assert "THING" in rs.rule("ar.quantity.test-widgets").pattern


def test_a_damaged_cache_file_is_a_miss(fresh, monkeypatch):
    ruleset.load_ruleset("ar")
    files = list(fresh.glob("*.pickle"))
    assert any(f.name.startswith("pattern-") for f in files) and any(f.name.startswith("ruleset-ar-") for f in files)
    for f in files:
        f.write_bytes(b"not a pickle")
    rs, calls = _load_counting_compiles(monkeypatch, "ar")
    assert len(calls) >= len(rs.rules) and rs.rules
    # ... and the damaged files were replaced by good ones.
    for f in fresh.glob("*.pickle"):
        key, _ = pickle.loads(f.read_bytes())
        assert isinstance(key, str)


def test_a_rule_pack_compiles_only_its_own_patterns(fresh, monkeypatch, tmp_path):
    shipped = ruleset.load_ruleset("ar")
    pack = tmp_path / "pack" / "quantity"
    pack.mkdir(parents=True)
    (pack / "widgets.toml").write_text(RULE, encoding="utf-8")
    rs, calls = _load_counting_compiles(monkeypatch, "ar", [tmp_path / "pack"])
    widgets = rs.rule("ar.quantity.test-widgets")
    # The shipped patterns come from the cache, each on its own: only the pack's rule (and its head) compile.
    assert calls and set(calls) <= {widgets.pattern, widgets.start.head if widgets.start else None}
    assert [(r.id, r.pattern, r.triggers, r.start, r.needs) for r in shipped.rules] == \
        [(r.id, r.pattern, r.triggers, r.start, r.needs) for r in rs.rules if r.id != widgets.id]
    spans = lambda rules: [(m.rule_id, m.norm_start, m.norm_end, sorted(m.groups.items()))
                           for m in match_rules(TEXT + " 7 WORD", rules)]
    assert spans(shipped.rules) == [s for s in spans(rs.rules) if s[0] != widgets.id]
    assert [s[0] for s in spans([widgets])] == [widgets.id]


def test_cache_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    cache.store("x", "k", 1)
    assert cache.load("x", "k") is None


def test_rebuild_falls_back_to_compiling_when_the_record_is_wrong():
    compiled = cache.rebuild(r"\d+", 0, ("another pattern",), 0)
    assert compiled.pattern == r"\d+" and compiled.findall("a 12 b") == ["12"]
    compiled, recorded = cache.compile_recorded(r"(?P<value>\d+)%")
    assert recorded is not None
    again = cache.rebuild(r"(?P<value>\d+)%", 0, recorded, compiled.flags)
    assert again.groupindex == compiled.groupindex and again.search("x 50% y").span() == (2, 5)
