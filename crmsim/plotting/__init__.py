"""Plots for the lessons: seaborn/matplotlib, French titles and axes.

Every ``plot_*`` function takes ``ax=None`` (a new figure is made when missing), returns
the matplotlib Axes, and never changes global settings (rcParams, seaborn theme): sizes
that make a figure readable on a projector are set on the figure itself.
"""

from crmsim.plotting._base import french_axis
from crmsim.plotting.ecrm import (
    plot_trigger_activity,
    plot_trigger_effects,
    plot_trigger_value,
    style_action_costs,
    style_threshold_sweep,
    style_trigger_rules,
    style_trigger_summary,
)
from crmsim.plotting.gains import (
    plot_gains,
    plot_gains_and_lift,
    plot_lift,
    style_churn_by_survey,
    style_coefficients,
    style_gains,
)
from crmsim.plotting.lifetime import (
    plot_acquisition_sources,
    plot_bass,
    plot_clv_curve,
    plot_survival,
    plot_tenure_margins,
)
from crmsim.plotting.methods import (
    plot_course_comparison,
    plot_method_overlap,
    plot_scoring_cloud,
    plot_tcc_distribution,
)
from crmsim.plotting.pareto import plot_lorenz, plot_pareto
from crmsim.plotting.portfolio import (
    kpi_table,
    plot_abc,
    plot_matrix,
    plot_radar,
    plot_rfm_heatmap,
    plot_scoring_bubbles,
)
from crmsim.plotting.simulation import plot_churn_by_cause, plot_customer_base

__all__ = [
    "french_axis",
    "kpi_table",
    "plot_abc",
    "plot_acquisition_sources",
    "plot_bass",
    "plot_churn_by_cause",
    "plot_clv_curve",
    "plot_course_comparison",
    "plot_customer_base",
    "plot_gains",
    "plot_gains_and_lift",
    "plot_lift",
    "plot_lorenz",
    "plot_matrix",
    "plot_method_overlap",
    "plot_pareto",
    "plot_radar",
    "plot_rfm_heatmap",
    "plot_scoring_bubbles",
    "plot_scoring_cloud",
    "plot_survival",
    "plot_tcc_distribution",
    "plot_tenure_margins",
    "plot_trigger_activity",
    "plot_trigger_effects",
    "plot_trigger_value",
    "style_action_costs",
    "style_churn_by_survey",
    "style_coefficients",
    "style_gains",
    "style_threshold_sweep",
    "style_trigger_rules",
    "style_trigger_summary",
]
