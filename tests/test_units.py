"""Stage 6: one pint registry, canonical units, currencies kept apart."""
from __future__ import annotations

import math

import pint
import pytest

from factcheck.units import canonical_unit, registry, to_canonical


def test_registry_is_built_once():
    assert registry() is registry()


def test_area_normalises_to_square_metres():
    n = to_canonical(27800, "kilometer ** 2")
    assert n.unit == "meter ** 2" and math.isclose(n.value, 2.78e10)


def test_currencies_are_their_own_dimension():
    assert to_canonical(3e9, "USD").unit == "USD"
    with pytest.raises(pint.DimensionalityError):
        registry().Quantity(1, "USD").to("EUR")


def test_percent_stays_percent_and_points_are_apart():
    assert to_canonical(12.5, "percent").unit == "percent"
    with pytest.raises(pint.DimensionalityError):
        registry().Quantity(1, "percentage_point").to("percent")


def test_every_unit_in_the_lexicon_resolves(ruleset):
    for entry in ruleset.lexicon("units").entries:
        for unit in [entry.data.get("unit")] + list(entry.data.get("candidates", [])):
            if unit:
                assert canonical_unit(unit) is not None, f"{entry.path}: {entry.id}: unknown unit {unit!r}"
