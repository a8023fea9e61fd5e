"""Headline indicators of a simulation run, computed from its tables.

Each indicator is a function of the ``monthly``, ``customers`` or ``campaigns`` table of
a :class:`crmsim.SimulationResult` (or of real tables with the same columns); this
module never imports the engine. :func:`run_kpis` gathers them in one flat dict, the
form used by calibration, summaries and parameter sweeps.

Examples
--------
>>> import pandas as pd
>>> mo = pd.DataFrame({"active_start": [100, 100], "churned": [1, 1]})
>>> round(yearly_churn_rate(mo), 4)
0.1136
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim._validation import check_numeric, check_table, french_arguments
from crmsim.labels import CAUSE_COLUMNS, CAUSES

__all__ = [
    "KPI_KEYS",
    "acquisition_cost_per_customer",
    "churn_shares",
    "complaint_share",
    "customer_equity",
    "run_kpis",
    "top_revenue_share",
    "yearly_churn_rate",
    "yearly_retention_cost_per_customer",
]

#: Keys of :func:`run_kpis`, in order.
KPI_KEYS: tuple[str, ...] = (
    "active_end",
    "customers_ever",
    "yearly_churn_rate",
    "revenue",
    "profit",
    "top20_revenue_share",
    "acquisition_cost_per_customer",
    "yearly_retention_cost_per_customer",
    "acquisition_to_retention_ratio",
    "complaint_share",
    "customer_equity",
    "mean_satisfaction",
    *(f"share_{c}" for c in CAUSES),
)


#: Columns of the ``monthly`` table :func:`run_kpis` reads (all numeric).
MONTHLY_COLUMNS: tuple[str, ...] = (
    "active",
    "active_start",
    "churned",
    "revenue",
    "profit",
    "retention_spend",
    "complaints",
    "new_dissatisfied",
    "mean_satisfaction",
    *CAUSE_COLUMNS,
)
SIGNED_COLUMNS = ("profit", "mean_satisfaction")


def _ratio(num: float, den: float) -> float:
    return num / den if den else float("nan")


def yearly_churn_rate(monthly: pd.DataFrame) -> float:
    """``1 - (1 - c)^12`` with ``c`` the pooled monthly rate: departures / customers at start.

    Columns used: ``active_start``, ``churned``.
    """
    rate = _ratio(float(monthly["churned"].sum()), float(monthly["active_start"].sum()))
    return 1.0 - (1.0 - rate) ** 12


def top_revenue_share(customers: pd.DataFrame, fraction: float = 0.2) -> float:
    """Share of revenue made by the best ``fraction`` of customers (column ``revenue``).

    Examples
    --------
    >>> top_revenue_share(pd.DataFrame({"revenue": [80.0, 5, 5, 5, 5]}))
    0.8
    """
    values = np.sort(customers["revenue"].to_numpy(dtype=float))[::-1]
    if len(values) == 0 or values.sum() <= 0:
        return float("nan")
    k = max(int(np.ceil(fraction * len(values))), 1)
    return float(values[:k].sum() / values.sum())


def acquisition_cost_per_customer(campaigns: pd.DataFrame) -> float:
    """Campaign cost / campaign orders: the course's *coût d'acquisition du client*.

    Columns used: ``cost``, ``orders``.
    """
    return _ratio(float(campaigns["cost"].sum()), float(campaigns["orders"].sum()))


def yearly_retention_cost_per_customer(monthly: pd.DataFrame) -> float:
    """12 x retention spending per customer-month (``retention_spend``, ``active_start``)."""
    spend = 12.0 * float(monthly["retention_spend"].sum())
    return _ratio(spend, float(monthly["active_start"].sum()))


def complaint_share(monthly: pd.DataFrame) -> float:
    """Complaints / customers who became dissatisfied (``complaints``, ``new_dissatisfied``)."""
    return _ratio(float(monthly["complaints"].sum()), float(monthly["new_dissatisfied"].sum()))


def customer_equity(customers: pd.DataFrame) -> float:
    """Sum of the expected CLVs of the customers (column ``expected_clv``; 0 for the gone)."""
    return float(customers["expected_clv"].sum())


def churn_shares(monthly: pd.DataFrame) -> dict[str, float]:
    """Share of departures of each attrition cause: ``{"share_<cause>": share}``.

    Columns used: ``churned`` and the ``churned_*`` columns of :data:`crmsim.labels.CAUSE_COLUMNS`.
    """
    churned = float(monthly["churned"].sum())
    return {
        f"share_{cause}": _ratio(float(monthly[col].sum()), churned)
        for cause, col in zip(CAUSES, CAUSE_COLUMNS, strict=True)
    }


@french_arguments
def run_kpis(
    monthly: pd.DataFrame, customers: pd.DataFrame, campaigns: pd.DataFrame
) -> dict[str, float]:
    """Every headline indicator of a run, as a flat dict of floats (keys: :data:`KPI_KEYS`).

    The tables are checked first (columns :data:`MONTHLY_COLUMNS` of ``monthly``,
    ``revenue`` and ``expected_clv`` of ``customers``, ``cost`` and ``orders`` of
    ``campaigns``, numeric, no missing value); a ratio whose denominator is 0 is NaN
    (for instance the acquisition cost of a run without campaigns).

    ``active_end`` and ``customers_ever`` count customers at the end and ever;
    ``revenue`` and ``profit`` sum the monthly columns; ``mean_satisfaction`` averages the
    monthly mean gap; the other keys are the functions of this module
    (``top20_revenue_share`` is :func:`top_revenue_share`, ``acquisition_to_retention_ratio``
    divides the acquisition cost by the yearly retention cost).

    Examples
    --------
    >>> import crmsim as cs
    >>> res = cs.simulate(seed=1, months=12, transactions=False)
    >>> k = run_kpis(res.monthly, res.customers, res.campaigns)
    >>> 0 < k["yearly_churn_rate"] < 1, list(k) == list(KPI_KEYS)
    (True, True)
    """
    monthly = check_table(monthly, list(MONTHLY_COLUMNS), name="monthly")
    for col in MONTHLY_COLUMNS:
        check_numeric(monthly, col, allow_negative=col in SIGNED_COLUMNS, name="monthly")
    customers = check_table(customers, ["revenue", "expected_clv"], name="customers")
    check_numeric(customers, "revenue", name="customers")
    check_numeric(customers, "expected_clv", allow_negative=True, name="customers")
    campaigns = check_table(campaigns, ["cost", "orders"], name="campaigns", nonempty=False)
    for col in ("cost", "orders"):
        check_numeric(campaigns, col, name="campaigns")
    cac = acquisition_cost_per_customer(campaigns)
    ret = yearly_retention_cost_per_customer(monthly)
    return {
        "active_end": float(monthly["active"].iloc[-1]),
        "customers_ever": float(len(customers)),
        "yearly_churn_rate": yearly_churn_rate(monthly),
        "revenue": float(monthly["revenue"].sum()),
        "profit": float(monthly["profit"].sum()),
        "top20_revenue_share": top_revenue_share(customers),
        "acquisition_cost_per_customer": cac,
        "yearly_retention_cost_per_customer": ret,
        "acquisition_to_retention_ratio": _ratio(cac, ret),
        "complaint_share": complaint_share(monthly),
        "customer_equity": customer_equity(customers),
        "mean_satisfaction": float(monthly["mean_satisfaction"].mean()),
        **churn_shares(monthly),
    }
