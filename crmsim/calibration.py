"""Calibration: does a run reproduce the course's figures?

:func:`calibration_report` compares a simulation with the loyalty-economics figures of
the course (seed 000/004 slides, listed in ``docs/model.md``): about 10 % of customers
lost per year, the top 20 % of customers making about 80 % of revenue, acquiring a
customer costing about 5 times the yearly cost of keeping one, and about 4 % of
dissatisfied customers complaining.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from crmsim._validation import check_instance, french_arguments
from crmsim.model import labels as L

if TYPE_CHECKING:
    from crmsim.model.results import SimulationResult

__all__ = ["TARGETS", "calibration_report", "kpis"]

#: Course figures: KPI key -> (French label, target, low, high, source).
TARGETS: dict[str, tuple[str, float, float, float, str]] = {
    "yearly_churn_rate": ("Part des clients perdus par an", 0.10, 0.08, 0.12, "cours, séance 1"),
    "top20_revenue_share": (
        "Part du CA des 20 % meilleurs clients",
        0.80,
        0.72,
        0.88,
        "loi de Pareto",
    ),
    "acquisition_to_retention_ratio": (
        "Coût d'acquisition / coût annuel de fidélisation d'un client",
        5.0,
        4.0,
        6.0,
        "cours, séance 1",
    ),
    "complaint_share": ("Part des mécontents qui réclament", 0.04, 0.03, 0.05, "expérience client"),
}


def _top_share(values: np.ndarray, fraction: float = 0.2) -> float:
    values = np.sort(np.asarray(values, dtype=float))[::-1]
    if len(values) == 0 or values.sum() <= 0:
        return float("nan")
    k = max(int(np.ceil(fraction * len(values))), 1)
    return float(values[:k].sum() / values.sum())


def kpis(result: SimulationResult) -> dict[str, float]:
    """Headline indicators of a run, as a flat dict of floats.

    ``yearly_churn_rate`` is 1 - (1 - c)^12 with c the pooled monthly rate (departures /
    customers at the start of each month); ``top20_revenue_share`` ranks every customer
    of the run by revenue; ``acquisition_cost_per_customer`` is campaign cost / campaign
    orders (the course's *coût d'acquisition du client*); ``yearly_retention_cost_per_customer``
    is 12 x retention spending per customer-month; ``complaint_share`` is complaints /
    customers who became dissatisfied.

    Examples
    --------
    >>> import crmsim as cs
    >>> k = kpis(cs.simulate(seed=1, months=12, transactions=False))
    >>> 0 < k["yearly_churn_rate"] < 1
    True
    """
    mo, cu, ca = result.monthly, result.customers, result.campaigns
    exposure = float(mo["active_start"].sum())
    churned = float(mo["churned"].sum())
    monthly_rate = churned / exposure if exposure else float("nan")
    orders = float(ca["orders"].sum())
    cac = float(ca["cost"].sum()) / orders if orders else float("nan")
    ret = 12.0 * float(mo["retention_spend"].sum()) / exposure if exposure else float("nan")
    new_dis = float(mo["new_dissatisfied"].sum())
    out = {
        "active_end": float(mo["active"].iloc[-1]),
        "customers_ever": float(len(cu)),
        "yearly_churn_rate": 1.0 - (1.0 - monthly_rate) ** 12,
        "revenue": float(mo["revenue"].sum()),
        "profit": float(mo["profit"].sum()),
        "top20_revenue_share": _top_share(cu["revenue"].to_numpy()),
        "acquisition_cost_per_customer": cac,
        "yearly_retention_cost_per_customer": ret,
        "acquisition_to_retention_ratio": cac / ret if ret else float("nan"),
        "complaint_share": float(mo["complaints"].sum()) / new_dis if new_dis else float("nan"),
        "customer_equity": result.customer_equity,
        "mean_satisfaction": float(mo["mean_satisfaction"].mean()),
    }
    for cause, col in zip(L.CAUSES, L.CAUSE_COLUMNS, strict=False):
        out[f"share_{cause}"] = float(mo[col].sum()) / churned if churned else float("nan")
    return out


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
    values = kpis(result)
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
