"""The one pint registry, and conversion of quantities to canonical units.

Extra units (feddan, dunam, currencies as their own dimensions...) are
declared in pint's own syntax in ``rules/units/definitions.txt``. The
registry is built on first use, so commands that never convert stay fast.
"""
from __future__ import annotations

import sys
from functools import lru_cache

from .model import Normalized
from .ruleset import rules_root

# Units kept as they are rather than reduced to base units: a share stays a share.
_KEEP = {"percent", "permille", "percentage_point"}


def _import_pint():
    """pint, imported without letting it import dask.

    pint imports dask when it is installed (the dask extra), for dask arrays
    of quantities, which we never make: that took a fifth of a one-article
    run. Where dask is already imported (a Dask worker) nothing is hidden.
    """
    hide = "dask" not in sys.modules
    if hide:
        sys.modules["dask"] = None  # type: ignore[assignment]  # "not installed", for find_spec
    try:
        import pint
    finally:
        if hide and "dask" in sys.modules and sys.modules["dask"] is None:
            del sys.modules["dask"]
    return pint


@lru_cache(maxsize=1)
def registry():
    """THE pint UnitRegistry of the process (with our definitions loaded)."""
    pint = _import_pint()

    from .cache import cache_dir

    # pint keeps its parsed definitions in our cache folder (a third of the
    # start-up of a one-article run otherwise); it invalidates them itself.
    folder = cache_dir()
    ureg = pint.UnitRegistry(cache_folder=str(folder / "pint") if folder else None)
    ureg.load_definitions(str(rules_root() / "units" / "definitions.txt"))
    return ureg


@lru_cache(maxsize=None)
def canonical_unit(unit: str) -> str | None:
    """The pint spelling of ``unit`` ("km**2" -> "kilometer ** 2"), or None if unknown."""
    try:
        return str(registry().parse_units(unit))
    except Exception:  # pint raises several unrelated types for bad input
        return None


@lru_cache(maxsize=None)
def commensurable(unit: str, other: str) -> bool:
    """True when pint can convert ``unit`` into ``other`` (dollar and cent, hour and minute)."""
    ureg = registry()
    try:
        return ureg.parse_units(unit).dimensionality == ureg.parse_units(other).dimensionality
    except Exception:  # pint raises several unrelated types for bad input
        return False


def to_canonical(value: float, unit: str) -> Normalized | None:
    """``value unit`` in base units (percent and currencies stay as they are)."""
    plan = _plan(unit)
    if plan is None or type(value) is not float:
        return _to_canonical_pint(value, unit)
    factor, units = plan
    # What pint computes for a multiplicative unit: the magnitude times one cached factor.
    return Normalized(value if factor is None else float(value * factor), units)


@lru_cache(maxsize=None)
def _plan(unit: str) -> tuple[float | None, str] | None:
    """How ``to_canonical`` converts a float in ``unit``: (factor, units), factor None to keep it as it is.

    Building pint quantities was most of the time of reading a figure; the
    conversion depends only on the unit. None (pint every time) for a unit
    pint cannot read or one with an offset (degree Celsius).
    """
    ureg = registry()
    try:
        q = ureg.Quantity(1.0, unit)
        if str(q.units) in _KEEP or q.dimensionless and str(q.units) != "dimensionless":
            return None, str(q.units)
        if not q._is_multiplicative:
            return None
        base = q.to_base_units()
    except Exception:
        return None
    factor = base.magnitude
    return (float(factor), str(base.units)) if type(factor) in (float, int) else None


def _to_canonical_pint(value: float, unit: str) -> Normalized | None:
    ureg = registry()
    try:
        q = ureg.Quantity(value, unit)
        if str(q.units) in _KEEP or q.dimensionless and str(q.units) != "dimensionless":
            return Normalized(float(q.magnitude), str(q.units))
        base = q.to_base_units()
    except Exception:
        return None
    return Normalized(float(base.magnitude), str(base.units))
