"""Pure functions on customer tables: DataFrame in, new DataFrame out.

This subpackage never imports SimPy, matplotlib or ipywidgets; it works on real data as
well as on simulated data.
"""

from crmsim.analysis.abc import abc, abc_summary
from crmsim.analysis.diffusion import bass_adoption, bass_peak
from crmsim.analysis.kpi import campaign_kpis
from crmsim.analysis.matrices import matrix_quadrants, portfolio_matrix
from crmsim.analysis.pareto import gini, lorenz, pareto, pareto_head, pareto_summary
from crmsim.analysis.rfm import appetence, frat, rfm, rfm_segments
from crmsim.analysis.run_kpis import run_kpis
from crmsim.analysis.scoring import scoring_grid, scoring_positioning
from crmsim.analysis.simulated import campaign_kpis_by_channel, churn_by_cause, revenue_by_tenure
from crmsim.analysis.survival import (
    cohort_survival,
    competing_risks,
    fit_sbg,
    geometric_survival,
    monthly_to_yearly,
    sbg_params,
    sbg_survival,
    yearly_to_monthly,
)
from crmsim.analysis.tcc import radar, sales_table, tcc
from crmsim.analysis.value import clv, customer_value, retention_leverage, tenure_margins

__all__ = [
    "abc",
    "abc_summary",
    "appetence",
    "bass_adoption",
    "bass_peak",
    "campaign_kpis",
    "campaign_kpis_by_channel",
    "churn_by_cause",
    "clv",
    "cohort_survival",
    "competing_risks",
    "customer_value",
    "fit_sbg",
    "frat",
    "geometric_survival",
    "gini",
    "lorenz",
    "matrix_quadrants",
    "monthly_to_yearly",
    "pareto",
    "pareto_head",
    "pareto_summary",
    "portfolio_matrix",
    "radar",
    "retention_leverage",
    "revenue_by_tenure",
    "rfm",
    "rfm_segments",
    "run_kpis",
    "sales_table",
    "sbg_params",
    "sbg_survival",
    "scoring_grid",
    "scoring_positioning",
    "tcc",
    "tenure_margins",
    "yearly_to_monthly",
]
