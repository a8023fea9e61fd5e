"""Pure functions on customer tables: DataFrame in, new DataFrame out.

This subpackage never imports SimPy, matplotlib or ipywidgets; it works on real data as
well as on simulated data.
"""

from crmsim.analysis.pareto import gini, lorenz, pareto, pareto_head, pareto_summary

__all__ = ["gini", "lorenz", "pareto", "pareto_head", "pareto_summary"]
