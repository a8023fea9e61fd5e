"""crmsim: a Jupyter course and agent-based simulation suite for customer relationship management.

The public namespace is flat::

    import crmsim as cs
    table = cs.pareto(cs.datasets.load("pareto_clients"), target=0.8)

Importing crmsim changes no global state (no rcParams, pandas options, warning filters or
global random generator).
"""

from __future__ import annotations

from crmsim import datasets, formatting
from crmsim.analysis import (
    abc,
    abc_summary,
    appetence,
    campaign_kpis,
    frat,
    gini,
    lorenz,
    matrix_quadrants,
    pareto,
    pareto_head,
    pareto_summary,
    portfolio_matrix,
    radar,
    rfm,
    rfm_segments,
    sales_table,
    scoring_grid,
    scoring_positioning,
    tcc,
)
from crmsim.calibration import calibration_report
from crmsim.errors import CrmSimError, DataError, ScenarioError
from crmsim.experiments import sweep
from crmsim.model import SimulationResult, simulate
from crmsim.scenario import Scenario, list_presets, load_scenario, preset, save_scenario

__version__ = "0.1.0"

__all__ = [
    "CrmSimError",
    "DataError",
    "Scenario",
    "ScenarioError",
    "SimulationResult",
    "__version__",
    "abc",
    "abc_summary",
    "appetence",
    "calibration_report",
    "campaign_kpis",
    "datasets",
    "formatting",
    "frat",
    "gini",
    "list_presets",
    "load_scenario",
    "lorenz",
    "matrix_quadrants",
    "pareto",
    "pareto_head",
    "pareto_summary",
    "portfolio_matrix",
    "preset",
    "radar",
    "rfm",
    "rfm_segments",
    "sales_table",
    "save_scenario",
    "scoring_grid",
    "scoring_positioning",
    "simulate",
    "sweep",
    "tcc",
]


def __getattr__(name: str):
    """Import the plotting and widget layers on first use (they need matplotlib/ipywidgets)."""
    if name in {"plotting", "widgets", "exercises"}:
        import importlib

        return importlib.import_module(f"crmsim.{name}")
    raise AttributeError(f"module 'crmsim' has no attribute {name!r}")
