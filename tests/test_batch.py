"""Documents processed a batch at a time give what each gives alone."""
from __future__ import annotations

import pytest

from factcheck import runner
from factcheck.model import Document
from factcheck.pipeline import Options, process_batch, process_document, process_documents
from factcheck.runner import Job, work, work_batch

from conftest import FIXTURES


def _docs() -> list[Document]:
    docs = [Document(p.name, p.read_text(encoding="utf-8"), str(p)) for p in sorted(FIXTURES.rglob("*.txt"))]
    assert len(docs) >= 3
    return [
        docs[0],
        Document("unreadable", "", "bad.txt", error="bad.txt: not UTF-8"),  # failed on reading
        docs[1],
        Document("empty", ""),
        Document("english", "Revenue rose 5% to $3 million, the minister said.", None, "xx"),  # no rules for xx
        *docs[2:],
    ]


def test_a_batch_gives_each_document_what_it_gets_alone():
    docs = _docs()
    alone = [process_document(d) for d in docs]
    assert process_batch(docs) == alone
    assert list(process_documents(iter(docs))) == alone
    # The batch really holds results and errors side by side.
    assert any(r.quantities for r in alone) and any(r.attributions for r in alone)
    assert [r.error is not None for r in alone[1:5]] == [True, False, False, True]


def test_a_batch_with_checks_off_is_the_same_too():
    docs = _docs()
    options = Options(checks=False)
    assert process_batch(docs, options) == [process_document(d, options) for d in docs]


def test_a_bug_in_one_document_costs_that_document_only(monkeypatch):
    docs = [d for d in _docs() if d.error is None][:3]
    job = Job(Options())
    want = [work(d, job) for d in docs]
    real = runner.process_batch

    def buggy(batch, options):
        if any(d.id == docs[1].id for d in batch):
            raise ZeroDivisionError("a bug")
        return real(batch, options)

    monkeypatch.setattr(runner, "process_batch", buggy)
    items = work_batch(docs, job)
    assert [i.result.id for i in items] == [d.id for d in docs]
    assert items[0] == want[0] and items[2] == want[2]
    assert "internal error" in items[1].result.error and "ZeroDivisionError" in items[1].result.error


@pytest.mark.parametrize("size", [1, 2, 5])
def test_batches_of_any_size_agree(size, monkeypatch):
    import factcheck.pipeline as pipeline

    docs = _docs()
    want = [process_document(d) for d in docs]
    monkeypatch.setattr(pipeline, "BATCH", size)
    assert list(process_documents(docs)) == want
