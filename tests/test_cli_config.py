"""Configuration: discovery, validation, and precedence (flag > file > default)."""
from __future__ import annotations

import json

from factcheck.config import load_config, resolve

from clihelp import SOURCED, UNSOURCED, run


def _codes(out: str) -> list[str]:
    return [f["code"] for d in json.loads(out)["documents"] for f in d["findings"]]


def _setup(tmp_path, monkeypatch, config: str, name: str = "pyproject.toml"):
    (tmp_path / name).write_text(config, encoding="utf-8")
    (tmp_path / "wire").mkdir()
    (tmp_path / "a.txt").write_text(UNSOURCED, encoding="utf-8")
    (tmp_path / "wire" / "b.txt").write_text(UNSOURCED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)


def test_pyproject_table_select_ignore_per_file_and_severity(tmp_path, monkeypatch, capsys):
    _setup(tmp_path, monkeypatch, '[tool.factcheck]\nper-file-ignores = {"wire/*" = ["FC1"]}\n'
                                  'severity = {FC101 = "error"}\nformat = "json"\n')
    code, out, _ = run(capsys, "check", "a.txt", "wire/b.txt")
    docs = json.loads(out)["documents"]
    assert code == 1 and [f["severity"] for f in docs[0]["findings"]] == ["error"] and docs[1]["findings"] == []
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nignore = ["FC101"]\nformat = "json"\n', encoding="utf-8")
    code, out, _ = run(capsys, "check", "a.txt")
    assert code == 0 and _codes(out) == []
    # Flags beat the file: --select starts afresh, --format text beats format = "json".
    code, out, _ = run(capsys, "check", "--select", "FC101", "--format", "text", "a.txt")
    assert code == 1 and "FC101" in out and not out.startswith("{")


def test_factcheck_toml_wins_over_pyproject_and_fail_on_precedence(tmp_path, monkeypatch, capsys):
    _setup(tmp_path, monkeypatch, '[tool.factcheck]\nignore = ["FC"]\n')
    (tmp_path / "factcheck.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    code, out, _ = run(capsys, "check", "a.txt")
    assert code == 0 and "FC101" in out  # the finding shows; fail-on = "error" from factcheck.toml
    assert run(capsys, "check", "--fail-on", "warning", "a.txt")[0] == 1
    assert run(capsys, "check", "--isolated", "a.txt")[0] == 1
    assert run(capsys, "check", "--config", "pyproject.toml", "a.txt")[0] == 0  # everything ignored there


def test_config_is_found_from_a_subfolder_and_paths_are_relative_to_it(tmp_path, monkeypatch):
    (tmp_path / "factcheck.toml").write_text('rules = ["pack"]\nlang = "ar"\nextend-select = ["FC2"]\nselect = ["FC1"]\n',
                                             encoding="utf-8")
    sub = tmp_path / "x" / "y"
    sub.mkdir(parents=True)
    config = load_config(cwd=sub)
    settings = resolve({"rules": ["cli-pack"], "extend_select": ["FC3"]}, config)
    assert config.path == (tmp_path / "factcheck.toml").resolve()
    assert settings.rule_dirs == (str(tmp_path.resolve() / "pack"), "cli-pack")
    assert settings.select == ("FC1", "FC2", "FC3")
    assert resolve({"select": ["FC101"]}, config).select == ("FC101",)


def test_invalid_config_is_exit_2_with_the_key(tmp_path, monkeypatch, capsys):
    _setup(tmp_path, monkeypatch, '[tool.factcheck]\nselct = ["FC1"]\nfail-on = "sometimes"\n')
    code, _, err = run(capsys, "check", "a.txt")
    assert code == 2 and "selct" in err and "sometimes" in err and "pyproject.toml" in err


def test_config_rule_folder_and_default_language(tmp_path, monkeypatch, capsys):
    _setup(tmp_path, monkeypatch, '[tool.factcheck]\nrules = ["missing-pack"]\n')
    code, _, err = run(capsys, "check", "a.txt")
    assert code == 2 and "missing-pack: rule folder not found" in err
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nlang = "xx"\n', encoding="utf-8")
    code, _, err = run(capsys, "check", "a.txt")
    assert code == 2 and "no rule files for language 'xx'" in err
    assert run(capsys, "check", "--lang", "ar", "a.txt")[0] == 1


def test_sourced_text_passes(tmp_path, monkeypatch, capsys):
    _setup(tmp_path, monkeypatch, '[tool.factcheck]\n')
    (tmp_path / "ok.txt").write_text(SOURCED, encoding="utf-8")
    assert run(capsys, "check", "ok.txt")[0] == 0
