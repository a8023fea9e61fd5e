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
from crmsim.errors import CrmSimError, DataError, ScenarioError

__version__ = "0.1.0"

__all__ = [
    "CrmSimError",
    "DataError",
    "ScenarioError",
    "__version__",
    "abc",
    "abc_summary",
    "appetence",
    "campaign_kpis",
    "datasets",
    "formatting",
    "frat",
    "gini",
    "lorenz",
    "matrix_quadrants",
    "pareto",
    "pareto_head",
    "pareto_summary",
    "portfolio_matrix",
    "radar",
    "rfm",
    "rfm_segments",
    "sales_table",
    "scoring_grid",
    "scoring_positioning",
    "tcc",
]


def __getattr__(name: str):
    """Import the plotting and widget layers on first use (they need matplotlib/ipywidgets)."""
    if name in {"plotting", "widgets", "exercises"}:
        import importlib

        return importlib.import_module(f"crmsim.{name}")
    raise AttributeError(f"module 'crmsim' has no attribute {name!r}")
