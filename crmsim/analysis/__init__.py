"""Pure functions on customer tables: DataFrame in, new DataFrame out.

This subpackage never imports SimPy, matplotlib or ipywidgets; it works on real data as
well as on simulated data.
"""

from crmsim.analysis.abc import abc, abc_summary
from crmsim.analysis.kpi import campaign_kpis
from crmsim.analysis.matrices import matrix_quadrants, portfolio_matrix
from crmsim.analysis.pareto import gini, lorenz, pareto, pareto_head, pareto_summary
from crmsim.analysis.rfm import appetence, frat, rfm, rfm_segments
from crmsim.analysis.scoring import scoring_grid, scoring_positioning
from crmsim.analysis.tcc import radar, sales_table, tcc

__all__ = [
    "abc",
    "abc_summary",
    "appetence",
    "campaign_kpis",
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
