"""Baseline round trip: record, hide, report what went stale, catch what is new."""
from __future__ import annotations

import json

from clihelp import SOURCED, UNSOURCED, run

SECOND = "وقتل 40 شخصا في الحادث."


def test_baseline_round_trip(tmp_path, capsys):
    doc = tmp_path / "a.txt"
    doc.write_text(f"{UNSOURCED}\n{SECOND}\n", encoding="utf-8")
    base = tmp_path / "baseline.json"
    code, _, err = run(capsys, "check", "--isolated", "--write-baseline", base, doc)
    recorded = json.loads(base.read_text(encoding="utf-8"))
    assert code == 0 and "wrote 2 finding(s)" in err
    assert recorded["format"] == "factcheck-baseline/1" and [e["code"] for e in recorded["findings"]] == ["FC101", "FC101"]

    # Same text, moved down by a new paragraph: everything is hidden, nothing stale.
    doc.write_text(f"{SOURCED}\n\n{UNSOURCED}\n{SECOND}\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--isolated", "--format", "json", "--baseline", base, doc)
    report = json.loads(out)
    assert code == 0 and report["documents"][0]["findings"] == []
    assert report["summary"]["baseline"] == {"hidden": 2, "stale": []}

    # One finding fixed (a source added), one new: the new one fails the run, the fixed one is stale.
    doc.write_text(f"{UNSOURCED}\nقال الدفاع المدني إنه قتل 40 شخصا في الحادث.\nوأصيب 12 آخرون.\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--isolated", "--baseline", base, doc)
    assert code == 1
    lines = out.splitlines()
    assert [line for line in lines if "FC101" in line and ":3:" in line] and sum("FC101" in line for line in lines) == 2
    assert "baseline: 1 finding(s) hidden, 1 stale entry" in out
    stale = [line for line in lines if line.strip().startswith("stale:")]
    assert len(stale) == 1 and recorded["findings"][1]["fingerprint"] in stale[0]


def test_a_broken_baseline_is_exit_2(tmp_path, capsys):
    bad = tmp_path / "b.json"
    bad.write_text('{"findings": 3}', encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text(UNSOURCED, encoding="utf-8")
    code, _, err = run(capsys, "check", "--isolated", "--baseline", bad, doc)
    assert code == 2 and "not a factcheck baseline" in err
