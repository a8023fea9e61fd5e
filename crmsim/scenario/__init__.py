"""Simulation scenarios: frozen, validated parameter sets grouped by theme.

A :class:`Scenario` holds every lever of the simulation. It is made of frozen, keyword-only
dataclasses with defaults, so ``Scenario()`` runs (it is the calibrated ``cours`` preset).
Each field carries its bounds, French label and unit in ``field(metadata=...)``: validation,
the documentation (``docs/model.md``) and the widget sliders share this one source, available
through :meth:`Scenario.parameters`.

The package is split by concept:

- :mod:`crmsim.scenario.fields`: how a parameter is declared (metadata) and validated;
- :mod:`crmsim.scenario.sections`: the parameter groups (:class:`Market`, :class:`Channel`...);
- :mod:`crmsim.scenario.core`: the :class:`Scenario`, its parameter paths and variants;
- :mod:`crmsim.scenario.presets`: the named scenarios of the course;
- :mod:`crmsim.scenario.toml_io`: commented TOML files.

Conventions: one period is one month; rates are monthly probabilities in [0, 1]; money is in
MAD (dirhams); satisfaction, expectations and service quality are on a 0-10 scale.

Examples
--------
>>> from crmsim.scenario import Scenario, preset
>>> sc = Scenario()
>>> sc.name, sc.months
('cours', 60)
>>> sc2 = sc.replace(**{"attrition.anecdotal_monthly_rate": 0.005}, months=24)
>>> sc2.attrition.anecdotal_monthly_rate, sc2.months
(0.005, 24)
>>> preset("crise").events.crisis_month
24
"""

from __future__ import annotations

from crmsim.scenario.core import Parameter, Scenario, iter_leaf_paths
from crmsim.scenario.presets import list_presets, preset, resolve_scenario
from crmsim.scenario.sections import (
    Acquisition,
    Attrition,
    Channel,
    Customers,
    Economics,
    Events,
    Loyalty,
    Market,
    Satisfaction,
)
from crmsim.scenario.toml_io import load_scenario, save_scenario

__all__ = [
    "Acquisition",
    "Attrition",
    "Channel",
    "Customers",
    "Economics",
    "Events",
    "Loyalty",
    "Market",
    "Parameter",
    "Satisfaction",
    "Scenario",
    "iter_leaf_paths",
    "list_presets",
    "load_scenario",
    "preset",
    "resolve_scenario",
    "save_scenario",
]
