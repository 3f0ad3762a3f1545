"""The one pint registry, and conversion of quantities to canonical units.

Extra units (feddan, dunam, currencies as their own dimensions...) are
declared in pint's own syntax in ``rules/units/definitions.txt``. The
registry is built on first use, so commands that never convert stay fast.
"""
from __future__ import annotations

from functools import lru_cache

from .model import Normalized
from .ruleset import rules_root

# Units kept as they are rather than reduced to base units: a share stays a share.
_KEEP = {"percent", "permille", "percentage_point"}


@lru_cache(maxsize=1)
def registry():
    """THE pint UnitRegistry of the process (with our definitions loaded)."""
    import pint

    ureg = pint.UnitRegistry(cache_folder=None)
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
    ureg = registry()
    try:
        q = ureg.Quantity(value, unit)
        if str(q.units) in _KEEP or q.dimensionless and str(q.units) != "dimensionless":
            return Normalized(float(q.magnitude), str(q.units))
        base = q.to_base_units()
    except Exception:
        return None
    return Normalized(float(base.magnitude), str(base.units))
