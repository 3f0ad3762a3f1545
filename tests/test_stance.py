"""FC202 against the labelled stance pairs (benchmarks/stance.py), when ../shared is present."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import benchmark_module

# Floor for the disagreeing pairs whose two sides state different figures.
MIN_RECALL = 0.35


@pytest.fixture(scope="module")
def stance(shared_dir: Path):
    path = shared_dir / "corpus" / "ar-claims.jsonl"
    if not path.is_file():
        pytest.skip("no stance corpus in ../shared")
    return benchmark_module("stance").evaluate(path)


def test_agreeing_headlines_never_conflict(stance):
    assert stance.false_alarms == []


def test_disagreeing_figures_are_reported(stance):
    hit, total = stance.rate("disagree")
    assert total >= 20, "the corpus should hold enough disagreeing pairs with figures to measure"
    assert hit / total >= MIN_RECALL, stance.missed[:10]
