"""Inline suppressions: Markdown comments and a JSONL field, with a required reason."""
from __future__ import annotations

import json

from clihelp import SOURCED, UNSOURCED, run, write_jsonl


def _findings(out: str):
    return [(f["code"], f["line"]) for d in json.loads(out)["documents"] for f in d["findings"]]


def test_markdown_comment_suppresses_its_paragraph_only(tmp_path, capsys):
    md = tmp_path / "a.md"
    md.write_text(f"<!-- factcheck: ignore FC101 copied from the agency wire -->\n{UNSOURCED}\n{UNSOURCED}\n\n"
                  f"{UNSOURCED} <!-- factcheck: ignore FC1 the ministry confirmed by phone -->\n\n{UNSOURCED}\n",
                  encoding="utf-8")
    code, out, _ = run(capsys, "check", "--isolated", "--format", "json", md)
    report = json.loads(out)
    assert _findings(out) == [("FC101", 7)] and code == 1
    assert report["summary"]["suppressed"] == 3


def test_unused_and_reasonless_suppressions_are_reported(tmp_path, capsys):
    md = tmp_path / "a.md"
    md.write_text(f"<!-- factcheck: ignore FC101 old note -->\n{SOURCED}\n\n"
                  f"<!-- factcheck: ignore FC101 -->\n{UNSOURCED}\n\n"
                  f"<!-- factcheck: ignore-file FC3 nothing of the kind -->\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--isolated", "--format", "json", md)
    got = [(f["code"], f["name"], f["line"]) for f in json.loads(out)["documents"][0]["findings"]]
    assert got == [("FC001", "unused-suppression", 1), ("FC002", "invalid-suppression", 4), ("FC101", "unsourced-claim", 5),
                   ("FC001", "unused-suppression", 7)]
    assert code == 1
    # Ignoring FC0 silences the meta-findings like any other check.
    _, out, _ = run(capsys, "check", "--isolated", "--format", "json", "--ignore", "FC0", md)
    assert _findings(out) == [("FC101", 5)]


def test_jsonl_suppression_field(tmp_path, capsys):
    corpus = write_jsonl(tmp_path / "c.jsonl", [
        {"id": "a", "text": UNSOURCED, "suppress": ["FC101 figure from the ministry's own table"]},
        {"id": "b", "text": UNSOURCED, "suppress": [{"code": "FC101", "reason": "agency copy"}]},
        {"id": "c", "text": UNSOURCED, "suppress": [{"code": "FC101"}]},
        {"id": "d", "text": SOURCED, "note": [{"code": "FC101", "reason": "stale"}]},
        {"id": "e", "text": SOURCED, "note": [{"code": "FC101", "reason": "stale"}]},
    ])
    code, out, _ = run(capsys, "check", "--isolated", "--format", "json", corpus)
    docs = {d["id"]: [f["code"] for f in d["findings"]] for d in json.loads(out)["documents"]}
    assert docs == {"a": [], "b": [], "c": ["FC002", "FC101"], "d": [], "e": []} and code == 1
    _, out, _ = run(capsys, "check", "--isolated", "--format", "json", "--suppress-field", "note", corpus)
    docs = {d["id"]: [f["code"] for f in d["findings"]] for d in json.loads(out)["documents"]}
    assert docs["a"] == ["FC101"] and docs["d"] == ["FC001"] and docs["e"] == ["FC001"]
