"""Pure functions on customer tables: DataFrame in, new DataFrame out.

This subpackage never imports SimPy, matplotlib or ipywidgets; it works on real data as
well as on simulated data.
"""

from crmsim.analysis.abc import abc, abc_summary
from crmsim.analysis.churn_features import (
    churn_by_survey,
    churn_dataset,
    churn_features,
    churn_labels,
)
from crmsim.analysis.churn_model import ChurnModel, fit_churn_model, gains_table
from crmsim.analysis.diffusion import bass_adoption, bass_peak
from crmsim.analysis.kpi import campaign_kpis
from crmsim.analysis.matrices import matrix_quadrants, portfolio_matrix
from crmsim.analysis.olap import OlapCube, olap_cube, olap_facts
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
from crmsim.analysis.wallet import account_positioning, supplier_sales_for_tcc

__all__ = [
    "ChurnModel",
    "OlapCube",
    "abc",
    "abc_summary",
    "account_positioning",
    "appetence",
    "bass_adoption",
    "bass_peak",
    "campaign_kpis",
    "campaign_kpis_by_channel",
    "churn_by_cause",
    "churn_by_survey",
    "churn_dataset",
    "churn_features",
    "churn_labels",
    "clv",
    "cohort_survival",
    "competing_risks",
    "customer_value",
    "fit_churn_model",
    "fit_sbg",
    "frat",
    "gains_table",
    "geometric_survival",
    "gini",
    "lorenz",
    "matrix_quadrants",
    "monthly_to_yearly",
    "olap_cube",
    "olap_facts",
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
    "supplier_sales_for_tcc",
    "tcc",
    "tenure_margins",
    "yearly_to_monthly",
]
