"""crmsim: a Jupyter course and agent-based simulation suite for customer relationship management.

The public namespace is flat::

    import crmsim as cs
    table = cs.pareto(cs.datasets.load("pareto_clients"), target=0.8)

Importing crmsim changes no global state (no rcParams, pandas options, warning filters or
global random generator).
"""

from __future__ import annotations

from crmsim import datasets, ecrm, formatting
from crmsim.analysis import (
    ChurnModel,
    OlapCube,
    abc,
    abc_summary,
    account_positioning,
    appetence,
    bass_adoption,
    bass_peak,
    campaign_kpis,
    campaign_kpis_by_channel,
    churn_by_cause,
    churn_by_survey,
    churn_dataset,
    churn_features,
    churn_labels,
    clv,
    cohort_survival,
    competing_risks,
    customer_value,
    fit_churn_model,
    fit_sbg,
    frat,
    gains_table,
    geometric_survival,
    gini,
    lorenz,
    matrix_quadrants,
    monthly_to_yearly,
    olap_cube,
    olap_facts,
    pareto,
    pareto_head,
    pareto_summary,
    portfolio_matrix,
    radar,
    retention_leverage,
    revenue_by_tenure,
    rfm,
    rfm_segments,
    run_kpis,
    sales_table,
    sbg_params,
    sbg_survival,
    scoring_grid,
    scoring_positioning,
    supplier_sales_for_tcc,
    tcc,
    tenure_margins,
    yearly_to_monthly,
)
from crmsim.analysis.claims import spend_segments
from crmsim.analysis.summaries import (
    channel_kpis,
    lever_effects,
    leverage_by_acquisition_cost,
    survival_summary,
)
from crmsim.calibration import calibration_report
from crmsim.course_comparison import compare_with_course
from crmsim.errors import CrmSimError, DataError, ScenarioError
from crmsim.experiments import sweep
from crmsim.model import SimulationResult, simulate
from crmsim.portfolio_sim import (
    compare_situations,
    find_customer,
    individual_risks,
    portfolio_claims,
    price_war_departures,
    selection_effect,
    small_portfolio,
    word_of_mouth_by_tenure,
)
from crmsim.portfolio_views import method_overlap, portfolio_methods, portfolio_revenue
from crmsim.reporting import simulation_summary
from crmsim.scenario import Scenario, list_presets, load_scenario, preset, save_scenario

__version__ = "0.1.0"

__all__ = [
    "ChurnModel",
    "CrmSimError",
    "DataError",
    "OlapCube",
    "Scenario",
    "ScenarioError",
    "SimulationResult",
    "__version__",
    "abc",
    "abc_summary",
    "account_positioning",
    "appetence",
    "bass_adoption",
    "bass_peak",
    "calibration_report",
    "campaign_kpis",
    "campaign_kpis_by_channel",
    "channel_kpis",
    "churn_by_cause",
    "churn_by_survey",
    "churn_dataset",
    "churn_features",
    "churn_labels",
    "clv",
    "cohort_survival",
    "compare_situations",
    "compare_with_course",
    "competing_risks",
    "customer_value",
    "datasets",
    "ecrm",
    "find_customer",
    "fit_churn_model",
    "fit_sbg",
    "formatting",
    "frat",
    "gains_table",
    "geometric_survival",
    "gini",
    "individual_risks",
    "lever_effects",
    "leverage_by_acquisition_cost",
    "list_presets",
    "load_scenario",
    "lorenz",
    "matrix_quadrants",
    "method_overlap",
    "monthly_to_yearly",
    "olap_cube",
    "olap_facts",
    "pareto",
    "pareto_head",
    "pareto_summary",
    "portfolio_claims",
    "portfolio_matrix",
    "portfolio_methods",
    "portfolio_revenue",
    "preset",
    "price_war_departures",
    "radar",
    "retention_leverage",
    "revenue_by_tenure",
    "rfm",
    "rfm_segments",
    "run_kpis",
    "sales_table",
    "save_scenario",
    "sbg_params",
    "sbg_survival",
    "scoring_grid",
    "scoring_positioning",
    "selection_effect",
    "simulate",
    "simulation_summary",
    "small_portfolio",
    "spend_segments",
    "supplier_sales_for_tcc",
    "survival_summary",
    "sweep",
    "tcc",
    "tenure_margins",
    "word_of_mouth_by_tenure",
    "yearly_to_monthly",
]


def __getattr__(name: str):
    """Import the plotting and widget layers on first use (they need matplotlib/ipywidgets)."""
    if name in {"plotting", "widgets", "exercises"}:
        import importlib

        return importlib.import_module(f"crmsim.{name}")
    raise AttributeError(f"module 'crmsim' has no attribute {name!r}")
