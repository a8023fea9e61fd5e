"""Pareto (20/80) analysis, Lorenz curve and Gini concentration index.

The Pareto method sorts customers by decreasing revenue and accumulates their shares: the
*head* is the smallest group of best customers whose cumulative revenue reaches a target
share (80 % in the classic "20/80" rule). The Lorenz curve is the same accumulation read
from the smallest customers up; the Gini index measures how far it bends away from
perfect equality.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from crmsim._validation import (
    check_fraction,
    check_numeric,
    check_sequence,
    check_table,
    french_arguments,
)
from crmsim.errors import DataError

__all__ = ["gini", "lorenz", "pareto", "pareto_head", "pareto_summary"]

# Cumulative shares are compared to targets with this tolerance, so that 0.8 reached by a
# floating-point sum such as 0.30000000000000004 + 0.5 still counts as reached.
_TOL = 1e-9


def _revenues(
    data: pd.DataFrame, customer_col: str, revenue_col: str
) -> tuple[pd.Series, pd.Series]:
    """Validate a customers x revenue table and return (ids, revenues as float)."""
    data = check_table(data, [customer_col, revenue_col], id_col=customer_col)
    revenue = check_numeric(data, revenue_col)
    if revenue.sum() <= 0:
        raise DataError(
            f"Le chiffre d’affaires total (colonne « {revenue_col} ») est nul : aucune "
            "part ne peut être calculée. Vérifiez que la bonne colonne est utilisée."
        )
    return data[customer_col], revenue


@french_arguments
def pareto(
    data: pd.DataFrame,
    *,
    target: float = 0.8,
    customer_col: str = "customer_id",
    revenue_col: str = "revenue",
) -> pd.DataFrame:
    """Sort customers by decreasing revenue and accumulate their shares (Pareto table).

    Parameters
    ----------
    data : DataFrame
        One row per customer, with an identifier and a non-negative revenue.
    target : float, default 0.8
        Share of total revenue the head must reach, in (0, 1].
    customer_col, revenue_col : str
        Names of the identifier and revenue columns.

    Returns
    -------
    DataFrame
        A new table, one row per customer, best first; ties in revenue keep the
        ascending order of the identifiers (stable sort), so the result never depends
        on the input row order.

        Columns
        -------
        rank : int
            1 for the largest revenue.
        ``customer_col`` : identifier, as given.
        ``revenue_col`` : float
            Revenue of the customer.
        share : float
            Customer's share of total revenue (0-1).
        cum_share : float
            Cumulative share of revenue of this customer and all better ones (0-1).
        cum_customers_share : float
            Cumulative share of customers, rank / number of customers (0-1).
        in_head : bool
            True for the smallest group of best customers whose cumulative share
            reaches ``target``.

    Raises
    ------
    DataError
        Missing column, empty table, duplicated identifier, negative, missing or
        non-numeric revenue, total revenue of zero, target outside (0, 1].

    Examples
    --------
    >>> import pandas as pd
    >>> from crmsim.analysis import pareto
    >>> sales = pd.DataFrame({"customer_id": [1, 2, 3, 4], "revenue": [10, 70, 5, 15]})
    >>> table = pareto(sales, target=0.8)
    >>> table[["customer_id", "cum_share", "in_head"]].to_string(index=False)
    ' customer_id  cum_share  in_head\\n           2       0.70     True\\n           4       0.85     True\\n           1       0.95    False\\n           3       1.00    False'
    """
    target = check_fraction(target, "target (part cible du CA)")
    ids, revenue = _revenues(data, customer_col, revenue_col)
    table = pd.DataFrame({customer_col: ids.to_numpy(), revenue_col: revenue.to_numpy()})
    # Stable order: ids ascending first, then a stable sort on decreasing revenue.
    table = table.sort_values(customer_col, kind="mergesort")
    table = table.sort_values(revenue_col, ascending=False, kind="mergesort")
    table = table.reset_index(drop=True)
    n = len(table)
    total = table[revenue_col].sum()
    table.insert(0, "rank", np.arange(1, n + 1))
    table["share"] = table[revenue_col] / total
    table["cum_share"] = table[revenue_col].cumsum() / total
    table["cum_customers_share"] = table["rank"] / n
    reached = table["cum_share"].to_numpy() >= target - _TOL
    head_size = int(np.argmax(reached)) + 1
    table["in_head"] = table["rank"] <= head_size
    return table


@french_arguments
def pareto_head(
    data: pd.DataFrame,
    *,
    target: float = 0.8,
    customer_col: str = "customer_id",
    revenue_col: str = "revenue",
) -> pd.DataFrame:
    """Return the head of the Pareto table: the fewest best customers reaching ``target``.

    Same parameters and columns as :func:`pareto`, restricted to ``in_head`` rows.

    Examples
    --------
    >>> import crmsim as cs
    >>> head = cs.pareto_head(cs.datasets.load("pareto_clients"), target=0.8)
    >>> head["customer_id"].tolist(), float(head["share"].sum())
    ([1, 16, 2, 20], 0.8)
    """
    table = pareto(data, target=target, customer_col=customer_col, revenue_col=revenue_col)
    return table[table["in_head"]].reset_index(drop=True)


@french_arguments
def pareto_summary(
    data: pd.DataFrame,
    *,
    targets: Sequence[float] = (0.5, 0.8, 0.9, 0.95),
    customer_col: str = "customer_id",
    revenue_col: str = "revenue",
) -> pd.DataFrame:
    """For each target share of revenue, how many of the best customers it takes.

    Returns
    -------
    DataFrame
        Columns
        -------
        target : float
            Target share of revenue (0-1).
        customers : int
            Size of the head reaching the target.
        customers_share : float
            That size as a share of all customers (0-1).
        revenue_share : float
            Share of revenue actually made by the head (>= target).

    Examples
    --------
    >>> import crmsim as cs
    >>> summary = cs.pareto_summary(cs.datasets.load("pareto_clients"), targets=[0.8])
    >>> summary.iloc[0].to_dict()
    {'target': 0.8, 'customers': 4.0, 'customers_share': 0.2, 'revenue_share': 0.8}
    """
    targets = check_sequence(targets, "targets (parts cibles)", example="targets=[0.5, 0.8]")
    if len(targets) == 0:
        raise DataError("targets est vide : donnez au moins une part cible, par exemple [0.8].")
    checked = [check_fraction(t, "targets (parts cibles du CA)") for t in targets]
    table = pareto(data, target=1.0, customer_col=customer_col, revenue_col=revenue_col)
    cum = table["cum_share"].to_numpy()
    n = len(table)
    rows = []
    for t in checked:
        size = int(np.argmax(cum >= t - _TOL)) + 1
        rows.append(
            {
                "target": t,
                "customers": size,
                "customers_share": size / n,
                "revenue_share": float(cum[size - 1]),
            }
        )
    return pd.DataFrame(rows)


@french_arguments
def lorenz(
    data: pd.DataFrame, *, customer_col: str = "customer_id", revenue_col: str = "revenue"
) -> pd.DataFrame:
    """Points of the Lorenz curve of revenue, from the smallest customers up.

    The curve joins (0, 0) to (1, 1); the further it sags below the diagonal, the more
    concentrated the revenue. It is the Pareto curve read from the other end.

    Returns
    -------
    DataFrame
        ``n + 1`` rows, starting at (0, 0).

        Columns
        -------
        cum_customers_share : float
            Share of customers, smallest first (0-1).
        cum_revenue_share : float
            Share of revenue they make together (0-1).

    Examples
    --------
    >>> import pandas as pd
    >>> from crmsim.analysis import lorenz
    >>> curve = lorenz(pd.DataFrame({"customer_id": [1, 2], "revenue": [30, 10]}))
    >>> curve.to_numpy().tolist()
    [[0.0, 0.0], [0.5, 0.25], [1.0, 1.0]]
    """
    _, revenue = _revenues(data, customer_col, revenue_col)
    values = np.sort(revenue.to_numpy())
    n = len(values)
    return pd.DataFrame(
        {
            "cum_customers_share": np.arange(n + 1) / n,
            "cum_revenue_share": np.concatenate([[0.0], np.cumsum(values) / values.sum()]),
        }
    )


@french_arguments
def gini(
    data: pd.DataFrame, *, customer_col: str = "customer_id", revenue_col: str = "revenue"
) -> float:
    """Gini concentration index of revenue, between 0 (all equal) and 1 - 1/n.

    Computed as one minus twice the area under the Lorenz curve (trapezoids), which
    equals the mean absolute difference between two customers divided by twice the
    mean revenue. With ``n`` customers its maximum, one customer making everything, is
    ``1 - 1/n``.

    Examples
    --------
    >>> import pandas as pd
    >>> from crmsim.analysis import gini
    >>> gini(pd.DataFrame({"customer_id": [1, 2, 3, 4], "revenue": [5, 5, 5, 5]}))
    0.0
    >>> gini(pd.DataFrame({"customer_id": [1, 2, 3, 4], "revenue": [0, 0, 0, 8]}))
    0.75
    """
    curve = lorenz(data, customer_col=customer_col, revenue_col=revenue_col)
    x = curve["cum_customers_share"].to_numpy()
    y = curve["cum_revenue_share"].to_numpy()
    area = float(np.sum(np.diff(x) * (y[1:] + y[:-1]) / 2))
    return round(1.0 - 2.0 * area, 12)
