"""Small summary tables used by the lessons on acquisition, attrition and loyalty.

Pure functions on DataFrames (no simulation): the totals of one campaign channel, the
effect of a lever between two situations, the key points of survival curves, and the
value of a customer before and after a retention gain for several acquisition costs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from crmsim._validation import check_table
from crmsim.analysis.kpi import campaign_kpis
from crmsim.analysis.value import retention_leverage
from crmsim.errors import DataError

__all__ = ["channel_kpis", "lever_effects", "leverage_by_acquisition_cost", "survival_summary"]

_CAMPAIGN_COLUMNS = [
    "channel",
    "messages",
    "responses",
    "orders",
    "cost",
    "revenue",
    "gross_margin",
]


def channel_kpis(campaigns: pd.DataFrame, channel: str) -> pd.DataFrame:
    """The course's seven indicators for one channel, over all its campaigns.

    The monthly campaigns of the channel are added up; the gross margin per order is
    the margin of the first month of the customers acquired.

    Parameters
    ----------
    campaigns : DataFrame
        ``SimulationResult.campaigns``: one row per channel and month, with columns
        ``channel, messages, responses, orders, cost, revenue, gross_margin``.
    channel : str
        Value of the ``channel`` column (e.g. ``"téléphone"``).

    Returns
    -------
    DataFrame
        The table of :func:`crmsim.campaign_kpis`.

        Columns
        -------
        indicator_id, indicator, value, unit, formula
            As in :func:`crmsim.campaign_kpis`.

    Examples
    --------
    >>> import pandas as pd
    >>> camp = pd.DataFrame({"channel": ["web", "web"], "messages": [500, 500],
    ...     "responses": [20, 20], "orders": [5, 5], "cost": [1000.0, 1000.0],
    ...     "revenue": [800.0, 800.0], "gross_margin": [250.0, 250.0]})
    >>> float(channel_kpis(camp, "web").set_index("indicator_id").loc["break_even_orders", "value"])
    40.0
    """
    check_table(campaigns, _CAMPAIGN_COLUMNS, name="campaigns")
    rows = campaigns[campaigns["channel"] == channel]
    if rows.empty:
        known = ", ".join(map(str, campaigns["channel"].unique()))
        raise DataError(
            f"channel inconnu\u00a0: {channel!r}. Canaux présents dans le tableau\u00a0: {known}."
        )
    totals = rows[_CAMPAIGN_COLUMNS[1:]].sum()
    return campaign_kpis(
        total_cost=totals["cost"],
        messages_sent=totals["messages"],
        responses=totals["responses"],
        orders=totals["orders"],
        order_revenue=totals["revenue"],
        gross_margin_per_order=totals["gross_margin"] / totals["orders"],
    )


def lever_effects(
    comparison: pd.DataFrame,
    pairs: Iterable[tuple[str, str, str]],
    *,
    situation_col: str = "situation",
) -> pd.DataFrame:
    """Relative change of one cause's departures between a situation and its reference.

    Parameters
    ----------
    comparison : DataFrame
        One row per situation, a column per cause (departures), as returned by
        :func:`crmsim.portfolio_sim.compare_situations`.
    pairs : iterable of (lever, reference, cause)
        The situation with the lever, the one without, and the cause the lever targets.

    Returns
    -------
    DataFrame
        Columns
        -------
        lever, reference, cause : str
        change : float
            ``departures(lever) / departures(reference) - 1`` for that cause.

    Examples
    --------
    >>> import pandas as pd
    >>> comp = pd.DataFrame({"situation": ["a", "b"], "insatisfaction": [100, 75]})
    >>> lever_effects(comp, [("b", "a", "insatisfaction")])["change"].tolist()
    [-0.25]
    """
    table = comparison.set_index(situation_col)
    rows = []
    for lever, reference, cause in pairs:
        for name in (lever, reference):
            if name not in table.index:
                raise DataError(
                    f"situation inconnue\u00a0: {name!r}. Situations du tableau\u00a0: "
                    f"{', '.join(map(str, table.index))}."
                )
        if cause not in table.columns:
            raise DataError(
                f"cause inconnue\u00a0: {cause!r} (colonnes\u00a0: {list(table.columns)})."
            )
        change = table.loc[lever, cause] / table.loc[reference, cause] - 1
        rows.append({"lever": lever, "reference": reference, "cause": cause, "change": change})
    return pd.DataFrame(rows, columns=["lever", "reference", "cause", "change"])


def survival_summary(
    curves: Mapping[str, pd.DataFrame], *, at: int = 24, early: int = 1, late: int = 36
) -> pd.DataFrame:
    """Survival at ``at`` periods and retention at ``early`` and ``late``, curve by curve.

    Parameters
    ----------
    curves : dict of {name: DataFrame}
        Survival tables with columns ``tenure, survival, retention`` (from
        :func:`crmsim.cohort_survival`, :func:`crmsim.geometric_survival`,
        :func:`crmsim.sbg_survival`).

    Returns
    -------
    DataFrame
        Columns
        -------
        curve : str
        survival_{at}, retention_{early}, retention_{late} : float
            Shares between 0 and 1.

    Examples
    --------
    >>> import crmsim as cs
    >>> table = survival_summary({"géométrique": cs.geometric_survival(0.02, 48)})
    >>> round(float(table.loc[0, "retention_36"]), 2)
    0.98
    """
    rows = []
    for name, table in curves.items():
        s = table.set_index("tenure")
        rows.append(
            {
                "curve": name,
                f"survival_{at}": s.loc[at, "survival"],
                f"retention_{early}": s.loc[early, "retention"],
                f"retention_{late}": s.loc[late, "retention"],
            }
        )
    return pd.DataFrame(rows)


def leverage_by_acquisition_cost(
    margins: Sequence[float] | float,
    retention: float,
    costs: Iterable[float],
    *,
    improvement: float = 0.05,
    discount_rate: float = 0.10,
) -> pd.DataFrame:
    """Value of a new customer before and after a retention gain, for several acquisition costs.

    Each row is :func:`crmsim.retention_leverage` with one acquisition cost.

    Returns
    -------
    DataFrame
        Columns
        -------
        acquisition_cost : float
            MAD paid to acquire the customer.
        value_before, value_after : float
            Present value of a new customer (MAD) at ``retention`` and at
            ``retention + improvement``.
        change : float
            ``value_after / value_before - 1``.

    Examples
    --------
    >>> table = leverage_by_acquisition_cost(1000, 0.8, [0, 2000], discount_rate=0.1)
    >>> table["change"].round(2).tolist()
    [0.27, 1.1]
    """
    rows = []
    for cost in costs:
        t = retention_leverage(
            margins,
            retention,
            improvement=improvement,
            discount_rate=discount_rate,
            acquisition_cost=cost,
        )
        before, after = t["present_value"].iloc[0], t["present_value"].iloc[1]
        rows.append(
            {
                "acquisition_cost": float(cost),
                "value_before": before,
                "value_after": after,
                "change": t["change"].iloc[1],
            }
        )
    return pd.DataFrame(rows, columns=["acquisition_cost", "value_before", "value_after", "change"])
