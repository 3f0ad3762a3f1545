"""Stage 4: rule files are validated, and a broken one names file, rule id and field."""
from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.errors import RuleFileError
from factcheck.extract import match_rules, match_rules_many
from factcheck.errors import RuleTimeoutError
from factcheck.ruleset import load_ruleset

GOOD_RULE = '''schema = 1
[[rule]]
id = "ar.quantity.{slug}"
summary = "test rule"
pattern = 'PATTERN'
{extra}
  [[rule.example]]
  text = "x 5 x"
  match = "5"
  [[rule.counterexample]]
  text = "x"
'''


def _rule(slug: str, pattern: str, extra: str = "", header: bool = True) -> str:
    body = GOOD_RULE.format(slug=slug, extra=extra).replace("PATTERN", pattern)
    return body if header else body.split("\n", 1)[1]


def _pack(tmp_path: Path, body: str, name: str = "extra.toml", folder: str = "quantity") -> Path:
    d = tmp_path / "pack" / "ar" / folder
    d.mkdir(parents=True)
    (d / name).write_text(body, encoding="utf-8")
    return tmp_path / "pack"


def test_shipped_rules_load_and_compile(ruleset):
    assert ruleset.rules_of("quantity") and ruleset.rules_of("attribution")
    assert ruleset.lexicon("units").lookup("كيلومتر مربع") is not None


def test_unknown_key_names_file_rule_and_field(tmp_path):
    pack = _pack(tmp_path, _rule("a", r"(?P<value>\d+)", 'colour = "red"'))
    with pytest.raises(RuleFileError) as exc:
        load_ruleset("ar", [pack])
    msg = str(exc.value)
    assert "quantity/extra.toml" in msg and "$.rule[0]" in msg and "colour" in msg


def test_bad_id_and_unknown_macro_and_bad_group(tmp_path):
    pack = _pack(tmp_path, _rule("Bad", r"(?P<value>\d+)"))
    (pack / "ar" / "quantity" / "more.toml").write_text(
        _rule("b", r"{{nosuch}}(?P<value>\d+)") + _rule("c", r"(?P<colour>\d+)", header=False), encoding="utf-8")
    with pytest.raises(RuleFileError) as exc:
        load_ruleset("ar", [pack])
    problems = exc.value.problems
    assert any("$.rule[0].id" in p and "[ar.quantity.Bad]" in p for p in problems)
    assert any("[ar.quantity.b]" in p and "unknown macro {{nosuch}}" in p and ".pattern" in p for p in problems)
    assert any("[ar.quantity.c]" in p and "colour" in p for p in problems)


@pytest.mark.parametrize("slug, extra, field", [
    ("d", "plural-cue = '(?:وا'", "$.rule[0].plural-cue"),
    ("e", "[[rule.agree]]\ncue = 'ت$'\nsource = '(?:وزير'\n", "$.rule[0].agree[0].source"),
])
def test_an_agreement_pattern_that_does_not_compile_names_its_field(tmp_path, slug, extra, field):
    pack = _pack(tmp_path, _rule(slug, r"(?P<value>\d+)", extra))
    with pytest.raises(RuleFileError) as exc:
        load_ruleset("ar", [pack])
    assert any(field in p and f"[ar.quantity.{slug}]" in p and "does not compile" in p for p in exc.value.problems)


def test_toml_syntax_error_names_the_file(tmp_path):
    pack = _pack(tmp_path, 'schema = 1\n[[rule]\nid = "x"\n')
    with pytest.raises(RuleFileError, match=r"quantity/extra.toml: cannot read"):
        load_ruleset("ar", [pack])


def test_a_users_rule_pack_is_added(tmp_path):
    pack = _pack(tmp_path, _rule("five", r"(?<=x )(?P<value>5)(?= x)", 'kind = "test"'))
    rs = load_ruleset("ar", [pack])
    assert rs.rule("ar.quantity.five").path.endswith("quantity/extra.toml")


@pytest.mark.parametrize("way", [None, "whole", "windows", "start"])
def test_catastrophic_pattern_times_out(slow_rule, way):
    # Every way of running a rule passes the time budget on to the regex engine.
    with pytest.raises(RuleTimeoutError, match="ar.quantity.slow"):
        match_rules("5" * 60 + "y", [slow_rule], timeout=0.2, way=way)


def test_a_timeout_costs_only_its_own_text(slow_rule):
    # Texts of a batch take turns rule by rule: the one that times out gets
    # the error, and the others get exactly what they get alone.
    texts = ["55x 5x", "5" * 60 + "y", "x 555x"]
    found = match_rules_many(texts, [slow_rule], timeout=0.2)
    assert isinstance(found[1], RuleTimeoutError) and found[1].rule_id == "ar.quantity.slow"
    assert found[0] == match_rules(texts[0], [slow_rule], timeout=0.2) and len(found[0]) == 2
    assert found[2] == match_rules(texts[2], [slow_rule], timeout=0.2) and len(found[2]) == 1


def test_files_of_one_lexicon_must_agree_where_its_heads_stand(tmp_path):
    lexicon = 'schema = 1\nlexicon = "sources"\nhead = "{head}"\n[[entry]]\nid = "ar.source.x{n}"\nkind = "official"\nforms = ["س{n}"]\n'
    pack = _pack(tmp_path / "one", lexicon.format(head="first", n=1), name="a.toml", folder="lexicon")
    assert load_ruleset("ar", [pack]).lexicon("sources").head == "first"
    pack = _pack(tmp_path / "two", lexicon.format(head="first", n=1), name="a.toml", folder="lexicon")
    (pack / "ar" / "lexicon" / "b.toml").write_text(lexicon.format(head="last", n=2), encoding="utf-8")
    with pytest.raises(RuleFileError) as exc:
        load_ruleset("ar", [pack])  # a pack that says both
    assert any("lexicon/b.toml: $.head" in p and "'last'" in p for p in exc.value.problems)
