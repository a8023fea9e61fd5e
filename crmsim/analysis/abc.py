"""ABC analysis: three classes of customers ranked by revenue.

Customers are sorted by decreasing revenue (ties keep the ascending order of their
identifiers) and cut into classes A, B and C:

* ``by="customers"`` (the course's method): A holds the first 10 % of the customers, B the
  next 30 %, C the last 60 %; one then reads which share of revenue each class makes
  (about 60 %, 30 % and 10 % in the course's example).
* ``by="revenue"`` (the inventory-style variant): A is the smallest head of best customers
  whose cumulative revenue reaches 80 %, B extends it up to 95 %, C is the rest.

Class sizes in the customer method are ``round(n x share)`` (halves rounded up), taken
cumulatively so that the three classes always partition the customers.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from crmsim._validation import check_fraction, check_sequence, french_arguments
from crmsim.analysis.pareto import pareto
from crmsim.errors import DataError

__all__ = ["ABC_CLASSES", "abc", "abc_summary"]

#: Class labels, best first.
ABC_CLASSES: tuple[str, str, str] = ("A", "B", "C")

_TOL = 1e-9


def _check_shares(shares: Sequence[float]) -> tuple[float, float, float]:
    """Validate the three customer shares (they must sum to 1)."""
    shares = check_sequence(shares, "shares (parts de clients A, B, C)")
    if len(shares) != 3:
        raise DataError(
            f"shares doit contenir trois parts de clients (A, B, C), reçu {list(shares)!r}. "
            "Exemple : shares=(0.10, 0.30, 0.60)."
        )
    checked = [
        check_fraction(s, "shares (parts de clients A, B, C)", open_low=False) for s in shares
    ]
    total = sum(checked)
    if abs(total - 1) > 1e-6:
        raise DataError(
            f"shares doit totaliser 1 (100 % des clients), reçu {list(shares)!r} "
            f"(somme {total:g}). Exemple : shares=(0.10, 0.30, 0.60)."
        )
    return checked[0], checked[1], checked[2]


def _check_cuts(revenue_cuts: Sequence[float]) -> tuple[float, float]:
    """Validate the two cumulative revenue thresholds of the 80/95 variant."""
    revenue_cuts = check_sequence(revenue_cuts, "revenue_cuts (seuils cumulés de CA)")
    if len(revenue_cuts) != 2:
        raise DataError(
            f"revenue_cuts doit contenir deux seuils cumulés (fin de A, fin de B), reçu "
            f"{list(revenue_cuts)!r}. Exemple : revenue_cuts=(0.80, 0.95)."
        )
    low, high = (check_fraction(c, "revenue_cuts (seuils cumulés de CA)") for c in revenue_cuts)
    if low > high:
        raise DataError(
            f"revenue_cuts doit être croissant (seuil de A puis seuil de B), reçu "
            f"{list(revenue_cuts)!r}. Exemple : revenue_cuts=(0.80, 0.95)."
        )
    return low, high


@french_arguments
def abc(
    data: pd.DataFrame,
    *,
    by: str = "customers",
    shares: Sequence[float] = (0.10, 0.30, 0.60),
    revenue_cuts: Sequence[float] = (0.80, 0.95),
    customer_col: str = "customer_id",
    revenue_col: str = "revenue",
) -> pd.DataFrame:
    """Assign each customer to class A, B or C.

    Parameters
    ----------
    data : DataFrame
        One row per customer, with an identifier and a non-negative revenue.
    by : {"customers", "revenue"}, default "customers"
        ``"customers"`` cuts by share of customers (``shares``); ``"revenue"`` cuts by
        cumulative share of revenue (``revenue_cuts``).
    shares : three floats summing to 1, default (0.10, 0.30, 0.60)
        Shares of customers in A, B and C (used when ``by="customers"``). The first
        ``round(n x shares[0])`` customers are A, up to ``round(n x (shares[0] +
        shares[1]))`` they are B (halves rounded up).
    revenue_cuts : two increasing floats, default (0.80, 0.95)
        Cumulative shares of revenue closing A and B (used when ``by="revenue"``): a
        customer is A while the revenue of the better customers is below 80 %, so the
        customer who crosses 80 % is still A.
    customer_col, revenue_col : str
        Names of the identifier and revenue columns.

    Returns
    -------
    DataFrame
        A new table, one row per customer, best first (ties in revenue in ascending
        order of identifiers, whatever the input order).

        Columns
        -------
        rank : int
            1 for the largest revenue.
        ``customer_col`` : identifier, as given.
        ``revenue_col`` : float
            Revenue of the customer.
        share : float
            Share of total revenue (0-1).
        cum_share : float
            Cumulative share of revenue of this customer and all better ones (0-1).
        cum_customers_share : float
            rank / number of customers (0-1).
        abc_class : str
            "A", "B" or "C".

    Raises
    ------
    DataError
        Missing column, empty table, duplicated identifier, negative or non-numeric
        revenue, total revenue of zero, unknown ``by``, shares not summing to 1.

    See Also
    --------
    abc_summary : customers and revenue per class.

    Examples
    --------
    >>> import crmsim as cs
    >>> classes = cs.abc(cs.datasets.load("abc_clients"))
    >>> classes.groupby("abc_class")["customer_id"].apply(list).to_dict()["A"]
    [19, 5]
    >>> classes.groupby("abc_class")["customer_id"].apply(list).to_dict()["B"]
    [2, 16, 9, 15, 3, 8]
    """
    if by not in ("customers", "revenue"):
        raise DataError(
            f"by doit valoir « customers » (parts de clients, méthode du cours) ou "
            f"« revenue » (parts cumulées du CA), reçu {by!r}."
        )
    share_a, share_b, _ = _check_shares(shares)
    cut_a, cut_b = _check_cuts(revenue_cuts)
    # The ranking is the Pareto table's (same validation, same stable tie order).
    table = pareto(data, target=1.0, customer_col=customer_col, revenue_col=revenue_col)
    table = table.drop(columns="in_head")
    n = len(table)
    rank = table["rank"].to_numpy()
    if by == "customers":
        end_a = int(np.floor(n * share_a + 0.5 + _TOL))
        end_b = int(np.floor(n * (share_a + share_b) + 0.5 + _TOL))
        labels = np.where(rank <= end_a, "A", np.where(rank <= end_b, "B", "C"))
    else:
        before = table["cum_share"].to_numpy() - table["share"].to_numpy()
        labels = np.where(before < cut_a - _TOL, "A", np.where(before < cut_b - _TOL, "B", "C"))
    table["abc_class"] = labels
    return table


@french_arguments
def abc_summary(
    data: pd.DataFrame,
    *,
    by: str = "customers",
    shares: Sequence[float] = (0.10, 0.30, 0.60),
    revenue_cuts: Sequence[float] = (0.80, 0.95),
    customer_col: str = "customer_id",
    revenue_col: str = "revenue",
) -> pd.DataFrame:
    """Customers and revenue of each ABC class.

    Same parameters as :func:`abc`, which it calls.

    Returns
    -------
    DataFrame
        Three rows, A, B and C (a class may be empty).

        Columns
        -------
        abc_class : str
            "A", "B" or "C".
        customers : int
            Number of customers in the class.
        share_customers : float
            customers / all customers (0-1).
        revenue : float
            Revenue of the class.
        share_revenue : float
            Share of total revenue (0-1).

    Examples
    --------
    >>> import crmsim as cs
    >>> summary = cs.abc_summary(cs.datasets.load("abc_clients"))
    >>> summary[["abc_class", "customers", "share_revenue"]].to_string(index=False)
    'abc_class  customers  share_revenue\\n        A          2          0.600\\n        B          6          0.315\\n        C         12          0.085'
    """
    table = abc(
        data,
        by=by,
        shares=shares,
        revenue_cuts=revenue_cuts,
        customer_col=customer_col,
        revenue_col=revenue_col,
    )
    grouped = table.groupby("abc_class")
    counts = grouped.size().reindex(ABC_CLASSES, fill_value=0)
    revenue = grouped[revenue_col].sum().reindex(ABC_CLASSES, fill_value=0.0)
    total = float(table[revenue_col].sum())
    return pd.DataFrame(
        {
            "abc_class": list(ABC_CLASSES),
            "customers": counts.to_numpy().astype(int),
            "share_customers": counts.to_numpy() / len(table),
            "revenue": revenue.to_numpy().astype(float),
            "share_revenue": revenue.to_numpy() / total,
        }
    )
