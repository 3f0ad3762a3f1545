"""FC202 against the labelled stance pairs (benchmarks/stance.py), when ../shared is present."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "stance.py"
# Floor for the disagreeing pairs whose two sides state different figures.
MIN_RECALL = 0.35


def _runner():
    spec = importlib.util.spec_from_file_location("stance", _SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("stance", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def stance(shared_dir: Path):
    path = shared_dir / "corpus" / "ar-claims.jsonl"
    if not path.is_file():
        pytest.skip("no stance corpus in ../shared")
    return _runner().evaluate(path)


def test_agreeing_headlines_never_conflict(stance):
    assert stance.false_alarms == []


def test_disagreeing_figures_are_reported(stance):
    hit, total = stance.rate("disagree")
    assert total >= 20, "the corpus should hold enough disagreeing pairs with figures to measure"
    assert hit / total >= MIN_RECALL, stance.missed[:10]
