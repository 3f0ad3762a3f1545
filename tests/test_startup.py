"""Start-up: what a one-article run imports, and what it must not break."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def _run(code: str) -> str:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_the_unit_registry_leaves_dask_importable():
    # pint is imported with dask hidden from it; dask itself must still import afterwards.
    out = _run("import sys; from factcheck.units import registry, to_canonical; registry(); "
               "print(to_canonical(2, 'kilometer').unit, 'dask' in sys.modules and sys.modules['dask'] is None); "
               "import importlib.util; print(importlib.util.find_spec('dask') is not None)")
    first, second = out.splitlines()
    assert first == "meter False"
    assert second in ("True", "False")  # dask is optional; when installed it is found again


def test_cached_rules_need_no_schema_validator():
    # After the first load the rules come from the cache: nothing to validate, no jsonschema.
    _run("from factcheck.ruleset import load_ruleset; load_ruleset('ar')")
    out = _run("import sys; from factcheck.ruleset import load_ruleset; load_ruleset('ar'); "
               "print('jsonschema' in sys.modules)")
    assert out == "False"


def test_cached_check_settings_need_no_schema_validator():
    # The check settings are validated once; later runs read them from the cache.
    code = ("import sys; from factcheck.checks.config import settings, words; settings(); words('ar'); "
            "print('jsonschema' in sys.modules)")
    _run(code)
    assert _run(code) == "False"


def test_a_warm_one_article_run_imports_nothing_it_does_not_use():
    # Each of these costs start-up and serves only some runs: units outside the
    # cached table, validation, RFC 2822 dates, finding packaged files, pools.
    heavy = ("pint", "jsonschema", "email.utils", "importlib.resources", "concurrent.futures")
    article = ROOT / "fixtures" / "articles" / "ar" / "ministry-report.txt"
    code = ("import contextlib, io, sys; from factcheck.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()) as out: main(['check', {str(article)!r}])\n"
            "assert 'FC101' in out.getvalue()\n"
            f"print(sorted(m for m in {heavy!r} if m in sys.modules))")
    _run(code)  # the first run may fill the caches
    assert _run(code) == "[]"
