"""The one pint registry, and conversion of quantities to canonical units.

Extra units (feddan, dunam, currencies as their own dimensions...) are
declared in pint's own syntax in ``rules/units/definitions.txt``. The
registry is built on first use, so commands that never convert stay fast.

A run asks pint three things of a unit: its spelling, how a float in it
converts to base units, and its dimension. The answers depend only on the
unit, pint and our definitions, so they are kept in a small table in the
ruleset cache (``cache.py``): a warm run on one article never imports pint
(a third of its start-up otherwise).
"""
from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .model import Normalized
from .ruleset import rules_root

# Units kept as they are rather than reduced to base units: a share stays a share.
_KEEP = {"percent", "permille", "percentage_point"}


class UnitFacts(NamedTuple):
    """What pint says of one unit string; ``canonical`` None when pint cannot read it."""

    canonical: str | None
    # How a float converts: (scale, offset, base units), read as value * scale + offset;
    # scale None keeps the value as it is (percent, currencies); None: ask pint each time.
    plan: tuple[float | None, float, str] | None
    dimension: tuple | None  # the unit's dimensionality, sorted (commensurable units share it)


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
    ureg.load_definitions(str(_definitions()))
    return ureg


def _definitions() -> Path:
    return rules_root() / "units" / "definitions.txt"


def unit_facts(unit: str) -> UnitFacts:
    """What pint says of ``unit``, from the cached table, or from pint (then kept)."""
    table, key = _table()
    facts = table.get(unit)
    if facts is None:
        facts = table[unit] = _facts_from_pint(unit)
        if key is not None:
            from . import cache

            cache.store("units", key, dict(table))
    return facts


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, UnitFacts], str | None]:
    """The table of unit facts of this process, and its cache key (None: not cached)."""
    from importlib.util import find_spec

    from . import cache

    spec = find_spec("pint")
    try:
        # pint's version, without importing pint: where its code lies and when it was written.
        stat = Path(spec.origin).stat() if spec and spec.origin else None
        parts = [_definitions().read_bytes(), Path(__file__).read_bytes(),
                 f"{spec.origin if spec else None} {stat.st_mtime_ns if stat else 0} {stat.st_size if stat else 0}"]
    except OSError:
        return {}, None
    key = cache.key_of(parts)
    table = cache.load("units", key)
    return (table if isinstance(table, dict) else {}), key


def _facts_from_pint(unit: str) -> UnitFacts:
    ureg = registry()
    try:
        parsed = ureg.parse_units(unit)
    except Exception:  # pint raises several unrelated types for bad input
        return UnitFacts(None, None, None)
    canonical = str(parsed)
    dimension = tuple(sorted(parsed.dimensionality.items()))
    return UnitFacts(canonical, _plan_from_pint(canonical), dimension)


def _plan_from_pint(unit: str) -> tuple[float | None, float, str] | None:
    """How a float in ``unit`` converts to base units, or None (pint every time).

    Building pint quantities was most of the time of reading a figure; the
    conversion depends only on the unit: a factor (kilometre), or a factor
    and an offset (degree Celsius), checked here on sample values against
    what pint computes.
    """
    ureg = registry()
    try:
        q = ureg.Quantity(1.0, unit)
        if _kept(q):
            return None, 0.0, str(q.units)
        base = q.to_base_units()
        if q._is_multiplicative:
            scale, offset = base.magnitude, 0.0
        else:  # pint's own factor and offset (degree Celsius: 1 and 273.15)
            converter = ureg._units[str(q.units)].converter
            scale, offset = converter.scale, converter.offset
    except Exception:
        return None
    if type(scale) not in (float, int) or type(offset) not in (float, int):
        return None
    plan = (float(scale), float(offset), str(base.units))
    for value in (0.5, -3.0, 37.2, 1e9, 123.456):
        if _apply(plan, value) != _to_canonical_pint(value, unit):
            return None
    return plan


def _apply(plan: tuple[float | None, float, str], value: float) -> Normalized:
    scale, offset, units = plan
    if scale is None:
        return Normalized(value, units)
    # What pint computes: the magnitude times one factor, plus the offset of an offset unit.
    return Normalized(float(value * scale + offset) if offset else float(value * scale), units)


def canonical_unit(unit: str) -> str | None:
    """The pint spelling of ``unit`` ("km**2" -> "kilometer ** 2"), or None if unknown."""
    return unit_facts(unit).canonical


def commensurable(unit: str, other: str) -> bool:
    """True when pint can convert ``unit`` into ``other`` (dollar and cent, hour and minute)."""
    a, b = unit_facts(unit), unit_facts(other)
    return a.canonical is not None and b.canonical is not None and a.dimension == b.dimension


def convert(value: float, unit: str, to: str) -> float:
    """``value unit`` in ``to`` (commensurable units): by the cached factors where both
    have one and no offset (months and years), else by pint (currencies, degrees)."""
    a, b = unit_facts(unit).plan, unit_facts(to).plan
    if a is not None and b is not None and a[0] is not None and b[0] is not None and not a[1] and not b[1] \
            and a[2] == b[2] and b[0]:
        return float(value) * a[0] / b[0]
    ureg = registry()
    return float(ureg.Quantity(value, unit).to(to).magnitude)


@lru_cache(maxsize=512)
def scales_only(unit: str) -> bool:
    """Whether ``unit`` converts to base units by a factor alone (not degree Celsius, not pint each time)."""
    plan = unit_facts(unit).plan
    return plan is not None and not plan[1]


def to_canonical(value: float, unit: str) -> Normalized | None:
    """``value unit`` in base units (percent and currencies stay as they are)."""
    plan = unit_facts(unit).plan
    n = _to_canonical_pint(value, unit) if plan is None or type(value) is not float else _apply(plan, value)
    return None if n is None else Normalized(significant(n.value), n.unit)


def significant(x: float) -> float:
    """``x`` to twelve significant digits: what a conversion means, without the float error of its
    factors (233 litres are 0.233 m³, not 0.23300000000000007; -157 °C is 116.15 K, not
    116.14999999999998). News copy never states a figure to more than a few digits."""
    return float(f"{x:.12g}")


def _kept(q) -> bool:
    """Whether a pint quantity stays in its own unit: a share (percent), or a named dimensionless unit."""
    return str(q.units) in _KEEP or q.dimensionless and str(q.units) != "dimensionless"


def _to_canonical_pint(value: float, unit: str) -> Normalized | None:
    ureg = registry()
    try:
        q = ureg.Quantity(value, unit)
        if _kept(q):
            return Normalized(float(q.magnitude), str(q.units))
        base = q.to_base_units()
    except Exception:
        return None
    return Normalized(float(base.magnitude), str(base.units))
