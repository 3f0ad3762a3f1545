"""Inputs: folders with globs, stdin, and every kind of bad input as a document-level error."""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from factcheck.formats.json import JsonFormatter

from clihelp import SOURCED, UNSOURCED, run, write_jsonl


def _docs(out: str) -> dict[str, dict]:
    return {d["id"].rsplit("/", 1)[-1]: d for d in json.loads(out)["documents"]}


def test_folder_include_exclude(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(UNSOURCED, encoding="utf-8")
    (tmp_path / "b.md").write_text(UNSOURCED, encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "c.txt").write_text(UNSOURCED, encoding="utf-8")
    (tmp_path / "notes.rst").write_text(UNSOURCED, encoding="utf-8")
    _, out, _ = run(capsys, "extract", "--isolated", "--format", "json", tmp_path)
    assert sorted(_docs(out)) == ["a.txt", "b.md", "c.txt"]
    _, out, _ = run(capsys, "extract", "--isolated", "--format", "json", "--exclude", "drafts/*", "--include", "*.md",
                    "--include", "*.rst", tmp_path)
    assert sorted(_docs(out)) == ["b.md", "notes.rst"]


def test_stdin_as_markdown_and_as_jsonl(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(f"**{UNSOURCED}**".encode())))
    code, out, _ = run(capsys, "check", "--isolated", "--format", "json", "--stdin-filename", "a.md", "-")
    doc = json.loads(out)["documents"][0]
    assert code == 1 and doc["id"] == "a.md" and doc["findings"][0]["column"] == 13  # after the two asterisks
    rows = "\n".join(json.dumps({"id": i, "text": UNSOURCED}, ensure_ascii=False) for i in ("x", "y"))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(rows.encode())))
    code, out, _ = run(capsys, "check", "--isolated", "--format", "jsonl", "--stdin-filename", "in.jsonl", "-")
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["x", "y"]


def test_every_bad_input_is_a_document_error_and_the_rest_is_processed(tmp_path, capsys):
    (tmp_path / "bad-utf8.txt").write_bytes("قال الوزير".encode() + b"\xff\xfe")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("  \n\n", encoding="utf-8")
    with open(tmp_path / "huge.txt", "wb") as fh:  # 50 MB on one line
        fh.write(b"7" * (50 * 1024 * 1024))
    (tmp_path / "ok.txt").write_text(UNSOURCED, encoding="utf-8")
    corpus = tmp_path / "rows.jsonl"
    write_jsonl(corpus, [
        {"id": "good", "text": SOURCED},
        "{not json",
        {"id": "no-text", "body": "x"},
        {"id": "number-text", "text": 5},
        "[1, 2]",
        {"id": "empty-text", "text": "  "},
    ])
    with open(corpus, "ab") as fh:
        fh.write(b'{"id": "bad-bytes", "text": "\xff"}\n')
        fh.write(b'{"id": "huge-row", "text": "' + b"7" * (6 * 1024 * 1024) + b'"}\n')
        fh.write(json.dumps({"id": "last", "text": UNSOURCED}, ensure_ascii=False).encode() + b"\n")
    missing = tmp_path / "missing.txt"
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "nowhere")
    out_file = tmp_path / "report.json"
    code, _, _ = run(capsys, "check", "--isolated", "--format", "json", "-o", out_file, tmp_path, missing)
    docs = _docs(out_file.read_text(encoding="utf-8"))
    err = {k: (d["error"] or {}).get("message", "") for k, d in docs.items()}
    assert code == 2
    assert "invalid UTF-8 at byte offset 19" in err["bad-utf8.txt"] and "bad-utf8.txt" in err["bad-utf8.txt"]
    assert "binary" in err["binary.txt"] and "empty" in err["empty.txt"] and "empty" in err["blank.md"]
    assert "52428800 bytes" in err["huge.txt"] and "limit" in err["huge.txt"]
    assert "cannot read" in err["missing.txt"] and "cannot read" in err["dangling.txt"]
    assert "rows.jsonl:2: invalid JSON" in err["rows.jsonl:2"]
    assert "no 'text' field" in err["no-text"] and "must be a string" in err["number-text"]
    assert "must be a JSON object" in err["rows.jsonl:5"] and "is empty" in err["empty-text"]
    assert "rows.jsonl:7: invalid UTF-8 at byte offset 29" in err["rows.jsonl:7"]
    assert "rows.jsonl:8: row larger than the limit" in err["rows.jsonl:8"]
    assert docs["good"]["error"] is None and docs["ok.txt"]["findings"] and docs["last"]["findings"]
    assert docs["last"]["row"] == 9


def test_unreadable_file(tmp_path, capsys, monkeypatch):
    target = tmp_path / "locked.txt"
    target.write_text(UNSOURCED, encoding="utf-8")
    real = Path.read_bytes

    def deny(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    code, out, _ = run(capsys, "check", "--isolated", target)
    assert code == 2 and f"{target.as_posix()}: error: {target.as_posix()}: cannot read: Permission denied" in out


def test_output_is_atomic(tmp_path, capsys, monkeypatch):
    out_file = tmp_path / "report.json"
    out_file.write_text("previous report\n", encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text(UNSOURCED, encoding="utf-8")

    def crash(self, summary):
        raise RuntimeError("disk full")

    monkeypatch.setattr(JsonFormatter, "end", crash)
    with pytest.raises(RuntimeError):
        run(capsys, "check", "--isolated", "--format", "json", "-o", out_file, doc)
    assert out_file.read_text(encoding="utf-8") == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "report.json"]  # no temporary file left
    monkeypatch.undo()
    run(capsys, "check", "--isolated", "--format", "json", "-o", out_file, doc)
    assert json.loads(out_file.read_text(encoding="utf-8"))["summary"]["findings"] == 1
