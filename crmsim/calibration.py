"""Calibration: does a run reproduce the course's figures?

:func:`calibration_report` compares a simulation with the loyalty-economics figures of
the course (seed 000/004 slides, listed in ``docs/model.md``): about 10 % of customers
lost per year, the top 20 % of customers making about 80 % of revenue, acquiring a
customer costing about 5 times the yearly cost of keeping one, and about 4 % of
dissatisfied customers complaining. The indicators themselves are computed by
:func:`crmsim.analysis.run_kpis.run_kpis`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from crmsim._validation import check_instance, french_arguments
from crmsim.analysis.run_kpis import run_kpis

if TYPE_CHECKING:
    from crmsim.model.results import SimulationResult

__all__ = ["TARGETS", "calibration_report"]

#: Course figures: KPI key -> (French label, target, low, high, source).
TARGETS: dict[str, tuple[str, float, float, float, str]] = {
    "yearly_churn_rate": ("Part des clients perdus par an", 0.10, 0.08, 0.12, "cours, séance 1"),
    "top20_revenue_share": (
        "Part du CA des 20 % meilleurs clients",
        0.80,
        0.72,
        0.88,
        "loi de Pareto",
    ),
    "acquisition_to_retention_ratio": (
        "Coût d’acquisition / coût annuel de fidélisation d’un client",
        5.0,
        4.0,
        6.0,
        "cours, séance 1",
    ),
    "complaint_share": ("Part des mécontents qui réclament", 0.04, 0.03, 0.05, "expérience client"),
}


@french_arguments
def calibration_report(result: SimulationResult) -> pd.DataFrame:
    """Compare a run with the course's figures: target, obtained value, band, verdict.

    Returns a new DataFrame (print it, or display it in a notebook) with one row per
    figure and the columns ``indicator`` (French label), ``target``, ``obtained``,
    ``low``, ``high`` (the accepted band), ``ok`` (obtained within the band) and
    ``source``. The ``cours`` preset is calibrated to pass every row.

    Examples
    --------
    >>> import crmsim as cs
    >>> report = calibration_report(cs.simulate(seed=1, months=12, transactions=False))
    >>> list(report.columns)
    ['indicator', 'target', 'obtained', 'low', 'high', 'ok', 'source']
    """
    from crmsim.model.results import SimulationResult as Result

    check_instance(result, Result, "result", "Obtenez-le avec cs.simulate(...).")
    values = run_kpis(result.monthly, result.customers, result.campaigns)
    rows = []
    for key, (label, target, low, high, source) in TARGETS.items():
        got = values[key]
        rows.append(
            {
                "indicator": label,
                "target": target,
                "obtained": got,
                "low": low,
                "high": high,
                "ok": bool(low <= got <= high),
                "source": source,
            }
        )
    return pd.DataFrame(rows, index=pd.Index(list(TARGETS), name="kpi"))
