"""The command line: formats, exit codes, bad input, rules test, schema."""
from __future__ import annotations

import json
import subprocess
import sys

import jsonschema

from factcheck.cli import main

from conftest import FIXTURES, ROOT

ARTICLE = str(FIXTURES / "articles/ar/ministry-report.txt")


def _run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_check_text_format_and_exit_code(capsys):
    code, out, _ = _run(capsys, "check", ARTICLE)
    assert code == 1
    lines = out.splitlines()
    # The headline's figure is sourced where the body attributes it; the first unsourced one is on line 5.
    assert lines[0].startswith(f"{ARTICLE}:5:") and " FC101 unsourced-claim " in lines[0]
    assert lines[-1].startswith("1 document(s)")


def test_fail_on_error_gives_zero(capsys):
    code, _, _ = _run(capsys, "check", "--fail-on", "error", ARTICLE)
    assert code == 0


def test_json_validates_against_the_printed_schema(capsys):
    _, schema_text, _ = _run(capsys, "schema")
    code, out, _ = _run(capsys, "check", "--format", "json", ARTICLE)
    report = json.loads(out)
    jsonschema.Draft202012Validator(json.loads(schema_text)).validate(report)
    assert report["summary"] == {**report["summary"], "documents": 1, "errors": 0}
    text = open(ARTICLE, encoding="utf-8").read()
    for q in report["documents"][0]["quantities"]:
        assert text[q["start"]:q["end"]] == q["text"]


def test_extract_has_no_findings(capsys):
    code, out, _ = _run(capsys, "extract", "--format", "json", ARTICLE)
    doc = json.loads(out)["documents"][0]
    assert code == 0 and doc["findings"] == [] and doc["quantities"]


def test_jsonl_with_bad_rows(tmp_path, capsys):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        json.dumps({"id": "good-1", "text": "قال الوزير إن 5 أشخاص قتلوا", "source": "x"}, ensure_ascii=False) + "\n"
        + "{not json\n"
        + json.dumps({"id": "no-text", "body": "x"}) + "\n"
        + "\n"
        + json.dumps({"id": "good-2", "text": "قتل 7 أشخاص"}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    out_file = tmp_path / "report.json"
    code, _, _ = _run(capsys, "check", "--format", "json", "--output", str(out_file), str(corpus))
    assert code == 2
    docs = json.loads(out_file.read_text(encoding="utf-8"))["documents"]
    assert [d["id"] for d in docs] == ["good-1", f"{corpus.as_posix()}:2", "no-text", "good-2"]
    assert docs[0]["error"] is None and docs[3]["error"] is None
    assert "invalid JSON" in docs[1]["error"]["message"] and ":2" in docs[1]["error"]["message"]
    assert "no 'text' field" in docs[2]["error"]["message"]
    assert docs[3]["findings"][0]["code"] == "FC101"


def test_bad_files_become_document_errors(tmp_path, capsys):
    (tmp_path / "bad.txt").write_bytes("قال الوزير".encode() + b"\xff\xfe")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "ok.txt").write_text("قتل 3 أشخاص", encoding="utf-8")
    code, out, _ = _run(capsys, "check", "--format", "json", str(tmp_path), str(tmp_path / "missing.txt"))
    docs = {d["id"].rsplit("/", 1)[-1]: d for d in json.loads(out)["documents"]}
    assert code == 2
    assert "byte offset 19" in docs["bad.txt"]["error"]["message"]
    assert "binary" in docs["bin.txt"]["error"]["message"]
    assert "empty" in docs["empty.txt"]["error"]["message"]
    assert "cannot read" in docs["missing.txt"]["error"]["message"]
    assert docs["ok.txt"]["error"] is None and docs["ok.txt"]["quantities"]


def test_stdin(capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("قتل 3 أشخاص".encode())))
    code, out, _ = _run(capsys, "extract", "--format", "json", "-")
    assert json.loads(out)["documents"][0]["quantities"][0]["value"] == 3


def test_rules_test_and_broken_rules(tmp_path, capsys):
    code, out, _ = _run(capsys, "rules", "test")
    assert code == 0 and out.strip().endswith("0 failed")
    pack = tmp_path / "ar" / "quantity"
    pack.mkdir(parents=True)
    (pack / "x.toml").write_text("schema = 2\n", encoding="utf-8")
    code, _, err = _run(capsys, "check", "--rules", str(tmp_path), ARTICLE)
    assert code == 2 and "x.toml" in err


def test_version_and_usage(capsys):
    assert _run(capsys, "--version")[0] == 0
    assert _run(capsys, "check")[0] == 2


def test_console_script_runs_as_module():
    proc = subprocess.run([sys.executable, "-m", "factcheck", "extract", "--format", "json", ARTICLE],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["documents"][0]["quantities"]


def test_locale_flag_resolves_a_bare_currency(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("دفع المسافر 500 جنيه ثمنا للتذكرة", encoding="utf-8")
    outs = {}
    for extra in ([], ["--locale", "EG"]):
        code, out, _ = _run(capsys, "extract", "--isolated", "--format", "json", *extra, str(article))
        outs[bool(extra)] = json.loads(out)["documents"][0]["quantities"][0]
    assert outs[False]["unit"] is None and "EGP" in outs[False]["unit_candidates"]
    assert outs[True]["unit"] == "EGP"


def test_message_lang_ar(capsys):
    code, out, _ = _run(capsys, "check", "--isolated", "--format", "json", "--message-lang", "ar", ARTICLE)
    messages = [f["message"] for f in json.loads(out)["documents"][0]["findings"]]
    assert messages and all(any("\u0600" <= ch <= "\u06ff" for ch in m.replace("١٢٫٥", "")) for m in messages)
    code, out, _ = _run(capsys, "check", "--isolated", "--format", "json", ARTICLE)
    assert json.loads(out)["documents"][0]["findings"][0]["message"] != messages[0]
