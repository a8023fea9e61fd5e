"""Agent-based simulation of a customer base (SimPy calendar, NumPy population).

The public entry point is :func:`simulate`; it returns a :class:`SimulationResult`.
The engine (:mod:`~crmsim.model.engine`) calls one small unit per mechanism each month:
:mod:`~crmsim.model.acquisition`, :mod:`~crmsim.model.customers`,
:mod:`~crmsim.model.care`, :mod:`~crmsim.model.hazards`, :mod:`~crmsim.model.purchases`
and :mod:`~crmsim.model.economics`, with the calendar events of
:mod:`~crmsim.model.calendar`; they write to a :mod:`~crmsim.model.runlog`, from which
:mod:`~crmsim.model.tables` builds each table on first access. This package never
imports matplotlib, ipywidgets or the layers above it (calibration, reporting...).
"""

from __future__ import annotations

from crmsim.model.results import COLUMNS, SimulationResult
from crmsim.model.simulate import simulate

__all__ = ["COLUMNS", "SimulationResult", "simulate"]
