"""Every output format: text, json, jsonl, sarif, github, html."""
from __future__ import annotations

import json

import jsonschema
import pytest

from factcheck.report import validate_report

from clihelp import SOURCED, UNSOURCED, run, write_jsonl
from conftest import FIXTURES

ARTICLE = FIXTURES / "articles/ar/ministry-report.txt"
BRIEF = FIXTURES / "articles/md/ministry-brief.md"


def test_text_is_flake8_style_and_coloured_only_when_asked(capsys):
    code, out, _ = run(capsys, "check", "--isolated", ARTICLE)
    first = out.splitlines()[0]
    assert code == 1 and first.startswith(f"{ARTICLE}:5:35: FC101 unsourced-claim figure 'أكثر من 250 ألف لاجئ'")
    assert "\033[" not in out  # captured output is not a terminal
    _, coloured, _ = run(capsys, "check", "--isolated", "--color", "always", ARTICLE)
    assert "\033[" in coloured and "FC101" in coloured


def test_verbose_text_lists_figures_in_base_units(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("قال الوزير إن السائق قطع بين 5 و10 كيلومترات، وبلغت المساحة 27.8 ألف كيلومتر مربع.",
                       encoding="utf-8")
    _, out, _ = run(capsys, "check", "--isolated", "--verbose", article)
    assert "= 5..10 kilometer (5000..10000 meter) [measure, range]" in out
    assert "= 27800 kilometer ** 2 (2.78e+10 meter ** 2) [measure, exact]" in out


def test_json_and_jsonl_agree_and_validate(tmp_path, capsys):
    corpus = write_jsonl(tmp_path / "c.jsonl", [{"id": "a", "text": SOURCED}, {"id": "b", "text": UNSOURCED}, "{bad"])
    _, out, _ = run(capsys, "check", "--isolated", "--format", "json", corpus)
    report = json.loads(out)
    validate_report(report)
    _, lines, _ = run(capsys, "check", "--isolated", "--format", "jsonl", corpus)
    docs = [json.loads(line) for line in lines.splitlines()]
    assert docs == report["documents"]
    assert [d["row"] for d in docs] == [1, 2, 3]
    assert [f["code"] for f in docs[1]["findings"]] == ["FC101"] and docs[1]["findings"][0]["fingerprint"]


def _sarif(capsys, *paths):
    code, out, _ = run(capsys, "check", "--isolated", "--format", "sarif", *paths)
    return code, json.loads(out)


def test_sarif_is_valid_against_the_official_schema(shared_dir, tmp_path, capsys):
    schema = json.loads((shared_dir / "schemas/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    corpus = write_jsonl(tmp_path / "c.jsonl", [{"id": "b", "text": UNSOURCED}, {"id": "x"}])
    code, log = _sarif(capsys, ARTICLE, BRIEF, corpus)
    jsonschema.validate(log, schema)
    run_ = log["runs"][0]
    assert code == 2 and run_["columnKind"] == "unicodeCodePoints"
    assert run_["invocations"][0]["executionSuccessful"] is False
    assert "no 'text' field" in run_["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    by_uri = {}
    for r in run_["results"]:
        by_uri.setdefault(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], []).append(r)
    first = by_uri[ARTICLE.as_posix()][0]
    # The region spans the flagged figure: its end column is the one after it (exclusive, as SARIF says).
    figure = "أكثر من 250 ألف لاجئ"
    col = ARTICLE.read_text(encoding="utf-8").splitlines()[4].index(figure) + 1
    assert first["ruleId"] == "FC101" and first["locations"][0]["physicalLocation"]["region"] == \
        {"startLine": 5, "startColumn": col, "endLine": 5, "endColumn": col + len(figure)}
    rules = run_["tool"]["driver"]["rules"]
    assert rules[first["ruleIndex"]]["id"] == "FC101"
    row = by_uri[corpus.as_posix()][0]
    assert row["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert row["properties"]["document"] == "b" and row["properties"]["column"] == 11


def test_sarif_fingerprints_survive_edits_elsewhere(tmp_path, capsys):
    doc = tmp_path / "a.txt"
    doc.write_text(f"{UNSOURCED}\n{SOURCED}\nوقتل 40 شخصا في الحادث.\n", encoding="utf-8")
    _, before = _sarif(capsys, doc)
    doc.write_text(f"مقدمة جديدة بلا أرقام.\n\n{SOURCED}\n{UNSOURCED}\nوقتل 40 شخصا في الحادث.\n", encoding="utf-8")
    _, after = _sarif(capsys, doc)
    fp = lambda log: [(r["partialFingerprints"]["factcheck/v1"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
                      for r in log["runs"][0]["results"]]
    (b1, l1), (b2, l2) = fp(before)
    (a1, m1), (a2, m2) = fp(after)
    assert (b1, b2) == (a1, a2) and (l1, l2) != (m1, m2)  # lines moved, fingerprints kept
    doc.write_text(f"{UNSOURCED.replace('الماضي', 'الحالي')}\nوقتل 40 شخصا في الحادث.\n", encoding="utf-8")
    _, edited = _sarif(capsys, doc)
    assert fp(edited)[0][0] != b1 and fp(edited)[1][0] == b2  # the edited line's finding changes, only it


def test_github_workflow_commands(tmp_path, capsys):
    corpus = write_jsonl(tmp_path / "c,1.jsonl", [{"id": "b", "text": UNSOURCED}, "[1]"])
    code, out, _ = run(capsys, "check", "--isolated", "--format", "github", ARTICLE, corpus)
    lines = out.splitlines()
    assert code == 2
    figure = "أكثر من 250 ألف لاجئ"
    col = ARTICLE.read_text(encoding="utf-8").splitlines()[4].index(figure) + 1
    assert lines[0].startswith(f"::warning file={ARTICLE},line=5,col={col},endLine=5,endColumn={col + len(figure)},"
                               "title=FC101 unsourced-claim::figure")
    shown = corpus.as_posix().replace(",", "%2C")
    assert f"::warning file={shown},line=1,title=FC101 unsourced-claim::[b 1:11] figure" in out
    assert any(line.startswith(f"::error file={shown},line=2,title=factcheck%3A document not checked::") for line in lines)


def test_html_page_escapes_marks_and_lays_out_rtl(tmp_path, capsys):
    evil = tmp_path / "evil.txt"
    evil.write_text(f'<script>alert("x")</script> {UNSOURCED} & <img src=x onerror=alert(1)>', encoding="utf-8")
    out_file = tmp_path / "r.html"
    code, out, _ = run(capsys, "check", "--isolated", "--format", "html", "-o", out_file, evil, BRIEF)
    page = out_file.read_text(encoding="utf-8")
    assert code == 1 and out == ""
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page and "&amp;" in page
    assert page.count('<article dir="rtl" lang="ar">') == 2
    assert '<span class="q flag sev-warning"' in page and 'class="src"' in page and 'class="cue"' in page
    assert 'href="#d0-f0"' in page and 'id="d0-f0"' in page
    assert 'class="mk"' in page  # Markdown markup shown muted


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "github", "html"])
def test_every_format_is_deterministic(fmt, capsys):
    first = run(capsys, "check", "--isolated", "--format", fmt, ARTICLE, BRIEF)
    assert first == run(capsys, "check", "--isolated", "--format", fmt, ARTICLE, BRIEF) and first[1]
