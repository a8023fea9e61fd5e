"""Agent-based simulation of a customer base (SimPy calendar, NumPy population).

The public entry point is :func:`simulate`; it returns a :class:`SimulationResult`.
This package never imports matplotlib or ipywidgets.
"""

from __future__ import annotations

from crmsim.model.results import COLUMNS, SimulationResult
from crmsim.model.simulate import simulate

__all__ = ["COLUMNS", "SimulationResult", "simulate"]
