"""Parallel runs print what serial runs print; a catastrophic user rule never hangs a run."""
from __future__ import annotations

import json
import time

import pytest

from clihelp import SOURCED, UNSOURCED, run, write_jsonl
from conftest import FIXTURES

ARTICLE = (FIXTURES / "articles/ar/ministry-report.txt").read_text(encoding="utf-8")


def _corpus(tmp_path):
    rows = []
    for i in range(60):
        text = (SOURCED, UNSOURCED, ARTICLE)[i % 3]
        row = {"id": f"r{i}", "text": text}
        if i % 7 == 0:
            row["suppress"] = ["FC101 checked against the wire copy"]
        rows.append(row if i % 11 else "{broken")
    corpus = write_jsonl(tmp_path / "corpus.jsonl", rows)
    (tmp_path / "b.md").write_text(f"# خبر\n\n{UNSOURCED}\n", encoding="utf-8")
    return [corpus, tmp_path / "b.md"]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "text", "sarif", "github"])
def test_jobs_2_is_byte_identical_to_jobs_1(tmp_path, capsys, fmt):
    paths = _corpus(tmp_path)
    serial = run(capsys, "check", "--isolated", "--format", fmt, "--jobs", "1", *paths)
    parallel = run(capsys, "check", "--isolated", "--format", fmt, "--jobs", "2", *paths)
    assert serial == parallel
    assert serial[0] == 2 and len(serial[1]) > 1000


QUAKE_A = "أعلنت الوزارة أن عدد ضحايا زلزال مدينة الحسيمة بلغ 120 قتيلا."
QUAKE_B = "أكدت الوزارة أن عدد ضحايا زلزال مدينة الحسيمة بلغ 45 قتيلا."


@pytest.mark.parametrize("fmt", ["json", "jsonl", "text", "sarif"])
def test_workers_render_what_the_main_process_renders(tmp_path, capsys, fmt):
    # With --jobs the workers finish and render each document; documents that a
    # cross-document check reaches (here in the first and the last batch only)
    # are merged and rendered again by the main process.
    rows = [{"id": f"r{i}", "text": (SOURCED, UNSOURCED, ARTICLE)[i % 3]} for i in range(40)]
    rows[0] = {"id": "quake-a", "text": QUAKE_A, "suppress": ["FC101 checked"]}
    rows[-1] = {"id": "quake-b", "text": QUAKE_B}
    corpus = write_jsonl(tmp_path / "corpus.jsonl", rows)
    serial = run(capsys, "check", "--isolated", "--format", fmt, "--verbose", "--jobs", "1", corpus)
    parallel = run(capsys, "check", "--isolated", "--format", fmt, "--verbose", "--jobs", "2", corpus)
    assert serial == parallel
    mark = '"ruleId": "{}"' if fmt == "sarif" else "{}"  # SARIF also lists every rule once
    assert serial[1].count(mark.format("FC202")) == 2 and serial[1].count(mark.format("FC101")) > 10


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_spool_files_are_removed_and_closed(tmp_path, capsys, monkeypatch, jobs):
    # Results are spooled to one file per process while the cross-document
    # checks wait for every document; a run leaves no file and no open handle.
    import tempfile

    from factcheck import runner

    spools = tmp_path / "tmp"
    spools.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spools))
    corpus = write_jsonl(tmp_path / "corpus.jsonl", [{"id": "a", "text": QUAKE_A}, {"id": "b", "text": QUAKE_B}])
    code, out = run(capsys, "check", "--isolated", "--format", "jsonl", "--jobs", jobs, corpus)[:2]
    assert out.count("FC202") == 2
    assert list(spools.iterdir()) == [] and runner._SPOOLS == {}


def test_jobs_2_on_the_shared_corpus(shared_dir, tmp_path, capsys):
    lines = (shared_dir / "corpus/ar-news.jsonl").read_text(encoding="utf-8").splitlines()[:120]
    sample = tmp_path / "sample.jsonl"
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    serial = run(capsys, "check", "--isolated", "--format", "jsonl", "--fail-on", "never", sample)
    parallel = run(capsys, "check", "--isolated", "--format", "jsonl", "--fail-on", "never", "-j", "2", sample)
    assert serial == parallel and len(serial[1].splitlines()) == 120


SLOW_RULE = """schema = 1

[[rule]]
id = "ar.quantity.slow-ones"
summary = "A user rule that backtracks catastrophically on a long run of ones."
pattern = '(?P<value>(?:1|11|111)+)(?:1|11)*z'

  [[rule.example]]
  text = "الرمز 111z هنا"
  match = "111z"

  [[rule.counterexample]]
  text = "لا شيء هنا"
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_catastrophic_user_rule_times_out_per_document(tmp_path, capsys, jobs):
    pack = tmp_path / "pack" / "ar" / "quantity"
    pack.mkdir(parents=True)
    (pack / "slow.toml").write_text(SLOW_RULE, encoding="utf-8")
    corpus = write_jsonl(tmp_path / "c.jsonl", [{"id": "trap", "text": "الرقم " + "1" * 60 + " انتهى"},
                                                {"id": "fine", "text": UNSOURCED}])
    # Unbounded, this pattern backtracks through about 2**60 ways to split the ones: the
    # bound below only has to tell "stopped" from "never ends", with room for a cold
    # rule load on a slow machine.
    began = time.monotonic()
    code, out, _ = run(capsys, "check", "--isolated", "--format", "json", "--rules", tmp_path / "pack",
                       "--rule-timeout", "0.2", "-j", jobs, corpus)
    elapsed = time.monotonic() - began
    docs = {d["id"]: d for d in json.loads(out)["documents"]}
    assert code == 2 and elapsed < 120
    assert "rule ar.quantity.slow-ones timed out after 0.2 s" in docs["trap"]["error"]["message"]
    assert docs["fine"]["error"] is None and [f["code"] for f in docs["fine"]["findings"]] == ["FC101"]
