"""Distributed runs: a LocalCluster of two worker processes gives the local report."""
from __future__ import annotations

import json

import pytest

from factcheck import __version__
from factcheck.model import Report
from factcheck.pipeline import Options, run_corpus
from factcheck.read import read_paths
from factcheck.report import dumps, report_json

from conftest import FIXTURES

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=50)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def _corpus(tmp_path):
    article = (FIXTURES / "articles/ar/ministry-report.txt").read_text(encoding="utf-8")
    rows = [{"id": f"d{i}", "text": article.replace("800", str(800 + i))} for i in range(20)]
    # Two documents in different batches state the same quantity differently:
    # only the reduce step across partitions can see it (FC202).
    rows[1]["text"] += "\nأعلنت الوزارة أن عدد ضحايا زلزال مدينة الحسيمة بلغ 120 قتيلا."
    rows[17]["text"] += "\nأكدت الوزارة أن عدد ضحايا زلزال مدينة الحسيمة بلغ 45 قتيلا."
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    lines.insert(5, "{broken")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_distributed_report_equals_local(tmp_path, client):
    from factcheck.distributed import run_distributed

    path = _corpus(tmp_path)
    options = Options()
    local = dumps(report_json(Report(tuple(run_corpus(read_paths([str(path)]), options)), __version__)))
    remote = run_distributed(read_paths([str(path)]), options, scheduler=client, batch_size=3, in_flight=1)
    assert dumps(report_json(Report(tuple(remote), __version__))) == local
    assert len(remote) == 21 and remote[5].error is not None
    conflicts = {r.id: [f.related[0]["document"] for f in r.findings if f.code == "FC202"] for r in remote}
    assert conflicts["d1"] == ["d17"] and conflicts["d17"] == ["d1"]


def test_cli_scheduler_output_equals_local(tmp_path, client, capsys):
    from factcheck.cli import main

    path = _corpus(tmp_path)
    address = client.scheduler.address
    outputs = []
    for extra in ([], ["--scheduler", address]):
        code = main(["check", "--isolated", "--format", "json", str(path), *extra])
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    report = json.loads(outputs[0][1])
    assert outputs[0][0] == 2 and report["summary"]["errors"] == 1
    assert any(f["code"] == "FC202" for d in report["documents"] for f in d["findings"])
