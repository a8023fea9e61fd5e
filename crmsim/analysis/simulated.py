"""Summaries of the tables of a simulation run (or of real data with the same columns).

They take the ``monthly``, ``campaigns`` and ``customers`` DataFrames of a
:class:`crmsim.SimulationResult` as plain tables; they never import the engine.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd

from crmsim._resources import check_memory
from crmsim._validation import (
    check_flags,
    check_integers,
    check_numeric,
    check_periods,
    check_table,
    french_arguments,
)
from crmsim.analysis.kpi import campaign_kpis
from crmsim.errors import DataError
from crmsim.labels import CAUSE_COLUMNS, CAUSES

__all__ = ["campaign_kpis_by_channel", "churn_by_cause", "revenue_by_tenure"]


@french_arguments
def churn_by_cause(monthly: pd.DataFrame) -> pd.DataFrame:
    """Departures of a run by attrition cause: count and share.

    Parameters
    ----------
    monthly : DataFrame
        The ``monthly`` table of a run (one ``churned_*`` column per cause).

    Returns
    -------
    DataFrame
        One row per cause, in the course's order.

        Columns
        -------
        cause : str
            insatisfaction, structurelle, conjoncturelle, anecdotique.
        churned : int
            Departures of this cause over the run.
        share : float
            Share of all departures (NaN when nobody left).

    Examples
    --------
    >>> import pandas as pd
    >>> mo = pd.DataFrame({c: [1, 1] for c in CAUSE_COLUMNS})
    >>> churn_by_cause(mo)["share"].tolist()
    [0.25, 0.25, 0.25, 0.25]
    """
    monthly = check_table(monthly, list(CAUSE_COLUMNS), name="monthly")
    counts = [
        int(check_integers(monthly, c, name="monthly", allow_negative=False).sum())
        for c in CAUSE_COLUMNS
    ]
    total = sum(counts)
    return pd.DataFrame(
        {
            "cause": list(CAUSES),
            "churned": counts,
            "share": [c / total if total else float("nan") for c in counts],
        }
    )


@french_arguments
def campaign_kpis_by_channel(
    campaigns: pd.DataFrame, *, channel_col: str = "channel"
) -> pd.DataFrame:
    """The course's seven campaign indicators for each channel of a ``campaigns`` table.

    Sums messages, responses, orders, cost, revenue and gross margin per channel, then
    applies :func:`crmsim.campaign_kpis` (break-even with the gross margin per order).

    Returns
    -------
    DataFrame
        One row per channel with at least one message.

        Columns
        -------
        channel : str
        messages, responses, orders, cost, revenue, gross_margin : float
            Totals over the run.
        contact_cost, response_rate, average_order, prospect_acquisition_cost,
        conversion_rate, customer_acquisition_cost, break_even_orders : float
            The indicators of :func:`crmsim.campaign_kpis` (NaN when undefined).

    Examples
    --------
    >>> import pandas as pd
    >>> camp = pd.DataFrame({"channel": ["mailing", "mailing"], "messages": [5000, 5000],
    ...                      "responses": [200, 200], "orders": [50, 50], "cost": [25000.0] * 2,
    ...                      "revenue": [40000.0] * 2, "gross_margin": [12500.0] * 2})
    >>> row = campaign_kpis_by_channel(camp).iloc[0]
    >>> [float(row[k]) for k in ("response_rate", "customer_acquisition_cost", "break_even_orders")]
    [0.04, 500.0, 200.0]
    """
    cols = ["messages", "responses", "orders", "cost", "revenue", "gross_margin"]
    data = check_table(campaigns, [channel_col, *cols], name="campaigns", keys=[channel_col])
    data = data.assign(**{c: check_numeric(data, c, name="campaigns") for c in cols})
    totals = data.groupby(channel_col, observed=True, sort=False)[cols].sum()
    totals = totals[totals["messages"] > 0]
    rows = []
    for channel, t in totals.iterrows():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            margin = t["gross_margin"] / t["orders"] if t["orders"] else float("nan")
            k = campaign_kpis(
                total_cost=t["cost"],
                messages_sent=t["messages"],
                responses=t["responses"],
                orders=t["orders"],
                order_revenue=t["revenue"],
                gross_margin_per_order=None if math.isnan(margin) else max(margin, 0.0),
            )
        rows.append(
            {
                "channel": str(channel),
                **t.to_dict(),
                **dict(zip(k["indicator_id"], k["value"], strict=True)),
            }
        )
    return pd.DataFrame(rows)


@french_arguments
def revenue_by_tenure(
    transactions: pd.DataFrame,
    customers: pd.DataFrame,
    *,
    months: int,
    period_months: int = 12,
    allow_large: bool = False,
) -> pd.DataFrame:
    """Mean monthly revenue of an active customer by year (or other period) of tenure.

    Divides the revenue of the orders placed at each tenure by the number of customer-months
    observed at that tenure, so that customers who left and the length of the run do not
    bias the comparison.

    Parameters
    ----------
    transactions : DataFrame
        Orders with ``customer_id``, ``month`` and ``amount``.
    customers : DataFrame
        Customers with ``customer_id``, ``acquisition_month``, ``active`` and
        ``churn_month``.
    months : int
        Length of the run (``result.scenario.months``).
    period_months : int, default 12
        Width of a tenure class (12: years of tenure).
    allow_large : bool, default False
        Go past the memory check on ``months``.

    Returns
    -------
    DataFrame
        Columns
        -------
        tenure_period : int
            1 for the first ``period_months`` months of tenure, 2 for the next...
        customer_months : int
            Customer-months observed.
        revenue : float
            Revenue of those months (MAD).
        revenue_per_customer_month : float
            ``revenue / customer_months`` (MAD).

    Examples
    --------
    >>> import pandas as pd
    >>> cu = pd.DataFrame({"customer_id": [0], "acquisition_month": [0], "active": [True],
    ...                    "churn_month": pd.array([pd.NA], dtype="Int64")})
    >>> tx = pd.DataFrame({"customer_id": [0, 0], "month": [0, 13], "amount": [120.0, 240.0]})
    >>> revenue_by_tenure(tx, cu, months=24)["revenue_per_customer_month"].tolist()
    [10.0, 20.0]
    """
    tx = check_table(transactions, ["customer_id", "month", "amount"], name="transactions")
    cu = check_table(
        customers,
        ["customer_id", "acquisition_month", "active", "churn_month"],
        name="customers",
        id_col="customer_id",
    )
    check_table(tx, [], name="transactions", keys=["customer_id"])
    months = check_periods(months, "months")
    width = check_periods(period_months, "period_months")
    check_memory(
        40.0 * months, what=f"{months} mois d’ancienneté", reduce="months", allow_large=allow_large
    )
    acq = check_integers(cu, "acquisition_month", name="customers")
    active = check_flags(cu, "active", "customers")
    churn = check_integers(cu, "churn_month", name="customers", fill=months)
    tx_month = check_integers(tx, "month", name="transactions", allow_negative=False)
    amount = check_numeric(tx, "amount", allow_negative=True, name="transactions").to_numpy()
    last = int(max(tx_month.max(), acq.max(), churn[~active].max(initial=0)))
    if last >= months:
        raise DataError(
            f"months={months} est plus court que la simulation : les tables contiennent le "
            f"mois {last} (les mois sont numérotés à partir de 0). Passez la durée réelle, "
            "months=result.scenario.months."
        )
    unknown = ~tx["customer_id"].isin(cu["customer_id"])
    if unknown.any():
        raise DataError(
            "transactions contient des clients absents de customers (par exemple "
            f"{tx['customer_id'][unknown].iloc[0]!r}) : passez les deux tables du même run."
        )
    end = np.where(active, months, churn)
    t0 = np.maximum(acq, 0) - acq  # first observed tenure (buying months [t0, t1))
    t1 = end - acq
    size = int(t1.max(initial=1)) + 1
    diff = np.zeros(size + 1, np.int64)
    np.add.at(diff, t0, 1)
    np.add.at(diff, t1, -1)
    exposure = np.cumsum(diff)[:size]
    acq_of = pd.Series(acq, index=cu["customer_id"].to_numpy())
    tenure = tx_month - acq_of.reindex(tx["customer_id"]).to_numpy()
    if (tenure < 0).any():
        raise DataError(
            "transactions contient une commande passée avant l’acquisition du client : "
            "vérifiez les colonnes month et acquisition_month."
        )
    revenue = np.bincount(tenure, weights=amount, minlength=size)
    cls = np.arange(size) // width
    table = pd.DataFrame({"cls": cls, "exp": exposure, "rev": revenue[:size]})
    grouped = table.groupby("cls").sum()
    grouped = grouped[grouped["exp"] > 0]
    return pd.DataFrame(
        {
            "tenure_period": grouped.index.to_numpy() + 1,
            "customer_months": grouped["exp"].to_numpy(dtype=np.int64),
            "revenue": grouped["rev"].to_numpy(),
            "revenue_per_customer_month": (grouped["rev"] / grouped["exp"]).to_numpy(),
        }
    )
