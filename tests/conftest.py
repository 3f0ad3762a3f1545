"""Shared fixtures. Tests that read ../shared skip cleanly when it is absent."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


def benchmark_module(name: str) -> ModuleType:
    """A script of benchmarks/ loaded as a module (benchmarks/NAME.py), for the tests that assert its targets."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def ruleset():
    from factcheck.ruleset import load_ruleset

    return load_ruleset("ar")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present (it only exists next to the project's own checkout)")
    return SHARED


@pytest.fixture(scope="session")
def seed_text(shared_dir: Path) -> str:
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("no seed article in ../shared/seeds")
    return seeds[0].read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def slow_rule(tmp_path_factory):
    """A user's rule that backtracks without end on "5" * 60 + "y" (and matches "55x", "5x")."""
    from factcheck.ruleset import load_ruleset

    folder = tmp_path_factory.mktemp("slow") / "ar" / "quantity"
    folder.mkdir(parents=True)
    (folder / "slow.toml").write_text('''schema = 1
[[rule]]
id = "ar.quantity.slow"
summary = "a pattern that backtracks without end"
pattern = '(?P<value>(?:5|55)+)x'
  [[rule.example]]
  text = "x 55x x"
  match = "55x"
  [[rule.counterexample]]
  text = "x"
''', encoding="utf-8")
    return load_ruleset("ar", [folder.parent.parent]).rule("ar.quantity.slow")


def pytest_configure(config):
    """The ruleset and pint caches of this run go to a fresh folder, not the user's."""
    import os
    import tempfile

    os.environ.setdefault("FACTCHECK_CACHE_DIR", tempfile.mkdtemp(prefix="factcheck-cache-"))
