"""Adapters from a simulated run's tables to the course's TCC and scoring tables.

:func:`supplier_sales_for_tcc` turns the ``supplier_sales`` table of a run (one row per
customer, year and supplier) into the course's long sales table (``firm``, ``customer``,
``sales``: the shape of ``datasets/tcc_sales.csv``) for one year, so that
:func:`crmsim.tcc`, :func:`crmsim.sales_table` and :func:`crmsim.radar` run on simulated
customers exactly as on the course's 4 x 5 table. :func:`account_positioning` runs both
scoring grids and the potential x performance positioning on an ``accounts`` table (the
shape of ``datasets/scoring_notes.csv``).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from crmsim._validation import check_integers, check_numeric, check_table, french_arguments
from crmsim.analysis.scoring import scoring_grid, scoring_positioning
from crmsim.errors import DataError

__all__ = ["account_positioning", "supplier_sales_for_tcc"]


@french_arguments
def supplier_sales_for_tcc(
    supplier_sales: pd.DataFrame,
    year: int | None = None,
    *,
    customers: Iterable[int] | None = None,
) -> pd.DataFrame:
    """One year of a run's supplier sales in the course's long format (firm, customer, sales).

    Parameters
    ----------
    supplier_sales : DataFrame
        The ``supplier_sales`` table of a run: ``customer_id``, ``year``, ``supplier``,
        ``sales_mad`` (other columns are ignored).
    year : int, optional
        The year kept (1 = the first twelve months); default the last one.
    customers : iterable of int, optional
        Keep only these customer ids (a sample, to read the table by eye).

    Returns
    -------
    DataFrame
        A new table, one row per supplier and customer with sales that year, suppliers
        then customers in the order of the input (the firm, « Entreprise », first).

        Columns
        -------
        firm : str
            The supplier.
        customer : int
            The customer id.
        sales : float
            The supplier's sales to the customer in the year (MAD).

    Raises
    ------
    DataError
        Missing column, or a year absent from the table.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"customer_id": [7, 7, 7], "year": [1, 1, 2],
    ...     "supplier": ["Entreprise", "Alizé", "Alizé"], "sales_mad": [30.0, 90.0, 120.0]})
    >>> supplier_sales_for_tcc(table, 1).to_dict("list")
    {'firm': ['Entreprise', 'Alizé'], 'customer': [7, 7], 'sales': [30.0, 90.0]}
    """
    cols = ["customer_id", "year", "supplier", "sales_mad"]
    table = check_table(supplier_sales, cols, name="supplier_sales")
    for col in ("customer_id", "year", "sales_mad"):
        check_numeric(table, col, name="supplier_sales")
    years = sorted(int(y) for y in pd.unique(table["year"]))
    if year is None:
        year = years[-1]
    if year not in years:
        raise DataError(
            f"year (année) doit être une année du tableau ({years[0]} à {years[-1]}), "
            f"reçu {year!r}."
        )
    part = table[table["year"].to_numpy() == year]
    if customers is not None:
        if isinstance(customers, (str, bytes)) or not isinstance(customers, Iterable):
            raise DataError(
                f"customers doit être une liste de numéros de clients, reçu {customers!r} "
                "(par exemple customers=[1, 2, 3])."
            )
        ids = check_integers(
            pd.DataFrame({"customers": list(customers)}), "customers", name="customers"
        )
        part = part[part["customer_id"].isin(ids)]
    firm = part["supplier"].astype(str).to_numpy()
    order = np.argsort(pd.Categorical(firm, categories=pd.unique(firm)).codes, kind="stable")
    return pd.DataFrame(
        {
            "firm": firm[order],
            "customer": part["customer_id"].to_numpy()[order],
            "sales": check_numeric(part, "sales_mad", name="supplier_sales").to_numpy()[order],
        }
    )


@french_arguments
def account_positioning(
    accounts: pd.DataFrame, criteria: pd.DataFrame, *, revenue_col: str = "revenue"
) -> pd.DataFrame:
    """Both grid scores and the potential x performance positioning of scored accounts.

    Parameters
    ----------
    accounts : DataFrame
        ``customer_id``, ``revenue_col`` and one note (1-5) per criterion of both grids:
        the ``accounts`` table of a run or the course's ``scoring_notes``.
    criteria : DataFrame
        The two grids (``datasets/scoring_criteria.csv``).
    revenue_col : str, default "revenue"
        Revenue column, sizing the bubbles (it is not a note).

    Returns
    -------
    DataFrame
        The columns of :func:`crmsim.scoring_positioning` (potential, performance, their
        means and levels, strategy, share of revenue, bubble diameter).

    Examples
    --------
    >>> import crmsim as cs
    >>> pos = account_positioning(cs.datasets.load("scoring_notes"),
    ...                           cs.datasets.load("scoring_criteria"))
    >>> pos[["potential", "performance"]].to_numpy().tolist()[0]
    [5.0, 4.0]
    """
    table = check_table(accounts, ["customer_id", revenue_col], name="accounts")
    notes = table.drop(columns=[revenue_col])
    scores = pd.DataFrame({"customer_id": table["customer_id"].to_numpy()})
    for grid, name in (("potentiel", "potential"), ("performance", "performance")):
        scored = scoring_grid(notes, criteria, grid=grid, score_name=name)
        scores[name] = scored[name].to_numpy()
    scores[revenue_col] = table[revenue_col].to_numpy()
    return scoring_positioning(scores, revenue_col=revenue_col)
