"""What a campaign brings: its result against its cost, and the new customers by source.

These are the figures the lessons' panels state in their sentences; they are computed
here (tested), the panels only format them.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import pandas as pd

from crmsim._validation import check_table

__all__ = ["CampaignResult", "campaign_result", "new_customers_by_source"]


class CampaignResult(NamedTuple):
    """Gross margin made by a campaign's orders, and its result after the campaign's cost."""

    gross_margin: float
    result: float
    break_even_reached: bool | None


def campaign_result(
    orders: float,
    gross_margin_per_order: float,
    total_cost: float,
    *,
    break_even_orders: float = math.nan,
) -> CampaignResult:
    """Gross margin (orders x margin per order), result (margin - cost), break-even reached.

    Parameters
    ----------
    orders : float
        Orders obtained by the campaign.
    gross_margin_per_order : float
        Gross margin of one order (MAD).
    total_cost : float
        Total cost of the campaign (MAD).
    break_even_orders : float, optional
        Break-even of :func:`crmsim.campaign_kpis`; NaN (default) when undefined, then
        ``break_even_reached`` is ``None``.

    Examples
    --------
    >>> campaign_result(100, 250, 50_000, break_even_orders=200.0)
    CampaignResult(gross_margin=25000.0, result=-25000.0, break_even_reached=False)
    """
    margin = float(orders) * float(gross_margin_per_order)
    reached = None if math.isnan(break_even_orders) else bool(orders >= break_even_orders)
    return CampaignResult(margin, margin - float(total_cost), reached)


def new_customers_by_source(monthly: pd.DataFrame, campaigns: pd.DataFrame) -> pd.DataFrame:
    """New customers of a run by source, with the cost of a customer won by campaigns.

    Parameters
    ----------
    monthly : DataFrame
        ``monthly`` table of a run (columns ``new_word_of_mouth``, ``new_external``).
    campaigns : DataFrame
        ``campaigns`` table of the run (columns ``orders``, ``cost``): each first order of
        a campaign is a new customer.

    Returns
    -------
    DataFrame
        Three rows: ``campaigns``, ``word_of_mouth``, ``external``.

        Columns
        -------
        source : str
            The source.
        customers : int
            New customers won over the run.
        share : float
            Share of all new customers (0-1; NaN when there are none).
        cost : float
            Spent on the source (MAD; campaigns only, 0 otherwise).
        cost_per_customer : float
            ``cost / customers`` for campaigns (NaN when no customer or other sources).

    Examples
    --------
    >>> monthly = pd.DataFrame({"new_word_of_mouth": [5, 5], "new_external": [0, 10]})
    >>> campaigns = pd.DataFrame({"orders": [10, 10], "cost": [1000.0, 1000.0]})
    >>> out = new_customers_by_source(monthly, campaigns)
    >>> out["customers"].tolist(), out["share"].tolist(), float(out["cost_per_customer"].iloc[0])
    ([20, 10, 10], [0.5, 0.25, 0.25], 100.0)
    """
    monthly = check_table(monthly, ["new_word_of_mouth", "new_external"], name="monthly")
    campaigns = check_table(campaigns, ["orders", "cost"], name="campaigns", nonempty=False)
    won = int(campaigns["orders"].sum())
    cost = float(campaigns["cost"].sum())
    counts = [won, int(monthly["new_word_of_mouth"].sum()), int(monthly["new_external"].sum())]
    total = sum(counts)
    return pd.DataFrame(
        {
            "source": ["campaigns", "word_of_mouth", "external"],
            "customers": counts,
            "share": [c / total if total else math.nan for c in counts],
            "cost": [cost, 0.0, 0.0],
            "cost_per_customer": [cost / won if won else math.nan, math.nan, math.nan],
        }
    )
