"""Competitive contribution rate (TCC) and the RADAR customer-strategy matrix.

The TCC (taux de contribution compétitif) of a firm at a customer is the firm's sales at
that customer divided by the customer's purchase potential, here all suppliers' sales at
that customer:

    TCC = firm's sales at the customer / all firms' sales at the customer.

It is a share of wallet, between 0 and 1. In the course's exercise firm A sells 30 to
customer λ, whose purchases total 160 (millions of dirhams): TCC = 30 / 160 = 18,75 %.

RADAR names five strategies: Réactiver, Acquérir, Développer (équiper), Accompagner,
Retenir. The course gives four steps (value customers by TCC, set a value threshold,
place them by value on the vertical axis and by relational objective on the horizontal
one, draw circles proportional to revenue) but no rule saying which customer gets which
strategy, no threshold, and no definition of the "relational objective". :func:`radar`
makes these choices explicit (see its docstring).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from crmsim._validation import (
    check_fraction,
    check_numeric,
    check_table,
    did_you_mean,
    french_arguments,
)
from crmsim.errors import DataError

__all__ = ["RADAR_STRATEGIES", "radar", "sales_table", "tcc"]

#: The five RADAR strategies in the order of the horizontal axis (conquest to loyalty).
RADAR_STRATEGIES: dict[str, str] = {
    "Réactiver": "Reconquérir un client perdu ou dont la part décline",
    "Acquérir": "Conquérir un client où l’entreprise ne vend pas encore",
    "Développer": "Équiper davantage un client actuel où la part de l’entreprise est faible",
    "Accompagner": "Suivre un client bien servi mais de petit potentiel avec des offres ad hoc",
    "Retenir": "Fidéliser un grand compte bien servi par des actions personnalisées",
}


def _sales_matrix(
    sales: pd.DataFrame, firm_col: str, customer_col: str, sales_col: str, name: str = "sales"
) -> pd.DataFrame:
    """Validate a long sales table and return a firms x customers matrix (missing = 0)."""
    sales = check_table(
        sales, [firm_col, customer_col, sales_col], name=name, keys=[firm_col, customer_col]
    )
    values = check_numeric(sales, sales_col, name=name)
    keys = sales[[firm_col, customer_col]].astype(str)
    dup = keys.duplicated(keep=False)
    if dup.any():
        first = keys[dup].iloc[0]
        raise DataError(
            f"Couple entreprise × client en double dans {name} : "
            f"({first[firm_col]}, {first[customer_col]}). Une seule ligne de ventes par "
            "couple : additionnez d’abord les lignes (groupby(...).sum())."
        )
    firms = list(pd.unique(keys[firm_col]))
    customers = list(pd.unique(keys[customer_col]))
    table = pd.DataFrame(
        {
            "firm": keys[firm_col].to_numpy(),
            "customer": keys[customer_col].to_numpy(),
            "sales": values.to_numpy(),
        }
    )
    matrix = table.pivot(index="firm", columns="customer", values="sales")
    return matrix.reindex(index=firms, columns=customers).fillna(0.0)


@french_arguments
def sales_table(
    sales: pd.DataFrame,
    *,
    firm_col: str = "firm",
    customer_col: str = "customer",
    sales_col: str = "sales",
) -> pd.DataFrame:
    """The course's wide sales table: firms in rows, customers in columns, with totals.

    Returns
    -------
    DataFrame
        Index: the firms (in order of appearance) then "Total". Columns: the customers
        (in order of appearance) then "Total". A firm absent at a customer sells 0.

    Examples
    --------
    >>> import crmsim as cs
    >>> table = cs.sales_table(cs.datasets.load("tcc_sales"))
    >>> table.loc["Total"].tolist()
    [160.0, 150.0, 150.0, 90.0, 120.0, 670.0]
    """
    matrix = _sales_matrix(sales, firm_col, customer_col, sales_col)
    matrix["Total"] = matrix.sum(axis=1)
    matrix.loc["Total"] = matrix.sum(axis=0)
    matrix.index.name = firm_col
    matrix.columns.name = customer_col
    return matrix


@french_arguments
def tcc(
    sales: pd.DataFrame,
    *,
    firm: str | None = None,
    firm_col: str = "firm",
    customer_col: str = "customer",
    sales_col: str = "sales",
) -> pd.DataFrame:
    """Competitive contribution rate of each firm (or of ``firm``) at each customer.

    Parameters
    ----------
    sales : DataFrame
        Long table, one row per (firm, customer) with non-negative sales (as in
        ``datasets/tcc_sales.csv``). A missing pair means no sales.
    firm : str, optional
        Keep only this firm's rows (all firms by default).
    firm_col, customer_col, sales_col : str
        Column names.

    Returns
    -------
    DataFrame
        A new table, one row per (firm, customer), firms then customers in order of
        appearance.

        Columns
        -------
        ``firm_col``, ``customer_col`` : str
            The firm and the customer.
        ``sales_col`` : float
            The firm's sales at the customer.
        customer_potential : float
            The customer's purchase potential: all firms' sales there.
        tcc : float
            sales / customer_potential, in [0, 1]; NaN (with a warning) where the
            customer's potential is 0.
        firm_share : float
            Share of the firm's total sales made at this customer (0-1), for circle
            sizes; NaN if the firm sells nothing at all.

    Warns
    -----
    UserWarning
        When a customer has a purchase potential of 0 (its TCC is undefined).

    Examples
    --------
    >>> import crmsim as cs
    >>> out = cs.tcc(cs.datasets.load("tcc_sales"), firm="A")
    >>> dict(zip(out["customer"], out["tcc"].round(4)))
    {'λ': 0.1875, 'ξ': 0.3333, 'μ': 0.2667, 'η': 0.2222, 'Σ': 0.0833}
    """
    matrix = _sales_matrix(sales, firm_col, customer_col, sales_col)
    if firm is not None and str(firm) not in matrix.index:
        known = ", ".join(f"« {f} »" for f in matrix.index)
        raise DataError(
            f"Entreprise inconnue : {firm!r}. Entreprises du tableau : {known}."
            f"{did_you_mean(str(firm), matrix.index)}"
        )
    potential = matrix.sum(axis=0)
    zero = potential[potential == 0]
    if len(zero):
        shown = ", ".join(str(c) for c in zero.index)
        warnings.warn(
            f"Potentiel d’achat nul chez : {shown} (aucune vente) ; leur TCC est indéfini (NaN).",
            stacklevel=3,  # the caller, past the french_arguments wrapper
        )
    firms = [str(firm)] if firm is not None else list(matrix.index)
    block = matrix.loc[firms].to_numpy(dtype=float)  # firms x customers
    pot = np.broadcast_to(potential.to_numpy(dtype=float), block.shape)
    total = block.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(pot > 0, block / np.where(pot > 0, pot, 1.0), np.nan)
        share = np.where(total > 0, block / np.where(total > 0, total, 1.0), np.nan)
    n_cust = block.shape[1]
    return pd.DataFrame(
        {
            firm_col: np.repeat(np.array(firms, dtype=object), n_cust),
            customer_col: np.tile(np.asarray(matrix.columns, dtype=object), len(firms)),
            sales_col: block.ravel(),
            "customer_potential": pot.ravel(),
            "tcc": rate.ravel(),
            "firm_share": share.ravel(),
        }
    )


@french_arguments
def radar(
    sales: pd.DataFrame,
    *,
    firm: str,
    threshold: float | None = None,
    previous_sales: pd.DataFrame | None = None,
    firm_col: str = "firm",
    customer_col: str = "customer",
    sales_col: str = "sales",
) -> pd.DataFrame:
    """Map each customer of ``firm`` to a RADAR strategy from its TCC.

    The rule (our choice; the course leaves it open):

    * **vertical axis, value**: the TCC, "forte" at or above ``threshold``. The default
      threshold is the fair share 1 / number of competing firms (25 % with four firms):
      as the course says, a TCC rarely reaches 100 % in a competitive market, so the
      threshold must be read against competition.
    * **horizontal axis, relational objective**: *conquête* where the firm has no or a
      declining position (Réactiver, Acquérir), *fidélisation* where it serves the customer
      (Développer, Accompagner, Retenir). The five letters are read from left to right.

    Decision, for each customer:

    1. TCC = 0: **Réactiver** if the firm sold there in ``previous_sales``, else
       **Acquérir**.
    2. 0 < TCC < threshold: **Réactiver** if the TCC fell since ``previous_sales``
       (share declining: win the customer back), else **Développer** (équiper: raise the
       share of wallet).
    3. TCC >= threshold: **Retenir** if the customer's purchase potential is at least the
       median potential (a large, well-served account, target of competitors' conquest),
       else **Accompagner** (well served but small: ad hoc offers).

    "Réactiver" needs the history: without ``previous_sales`` it never appears and a
    customer with TCC = 0 is "Acquérir". A customer with a potential of 0 (nobody sells
    there; TCC NaN, see :func:`tcc`) is "Acquérir" with value_level "faible".

    Parameters
    ----------
    sales : DataFrame
        Long sales table (firm, customer, sales) for the current period.
    firm : str
        The firm whose portfolio is analysed.
    threshold : float, optional
        Value threshold on the TCC, in (0, 1]; default 1 / number of firms.
    previous_sales : DataFrame, optional
        Same table for an earlier period, to detect lost and declining customers.
    firm_col, customer_col, sales_col : str
        Column names (the same in both tables).

    Returns
    -------
    DataFrame
        The columns of :func:`tcc` for ``firm``, plus:

        Columns
        -------
        previous_tcc : float
            TCC in ``previous_sales`` (NaN without it, or for a new customer).
        threshold : float
            The value threshold used.
        value_level : str
            "forte" (TCC >= threshold) or "faible".
        objective : str
            "conquête" or "fidélisation" (horizontal axis).
        strategy : str
            One of Réactiver, Acquérir, Développer, Accompagner, Retenir.
        description : str
            What the strategy means, in French.

    Examples
    --------
    >>> import crmsim as cs
    >>> out = cs.radar(cs.datasets.load("tcc_sales"), firm="A")
    >>> dict(zip(out["customer"], out["strategy"]))
    {'λ': 'Développer', 'ξ': 'Retenir', 'μ': 'Retenir', 'η': 'Développer', 'Σ': 'Développer'}
    """
    if firm is None:
        raise DataError('radar porte sur une entreprise : précisez-la, par exemple firm="A".')
    table = tcc(sales, firm=firm, firm_col=firm_col, customer_col=customer_col, sales_col=sales_col)
    n_firms = len(_sales_matrix(sales, firm_col, customer_col, sales_col).index)
    if threshold is None:
        threshold = 1.0 / n_firms
    threshold = check_fraction(threshold, "threshold (seuil de TCC)")
    if previous_sales is not None:
        prev = tcc(
            previous_sales,
            firm_col=firm_col,
            customer_col=customer_col,
            sales_col=sales_col,
        )
        prev = prev[prev[firm_col] == str(firm)].set_index(customer_col)["tcc"]
        previous = table[customer_col].map(prev).to_numpy(dtype=float)
    else:
        previous = np.full(len(table), np.nan)
    median_potential = float(table["customer_potential"].median())
    strategies = []
    for t, p, pot in zip(table["tcc"], previous, table["customer_potential"], strict=True):
        if np.isnan(t):
            strategies.append("Acquérir")
        elif t == 0:
            strategies.append("Réactiver" if p > 0 else "Acquérir")
        elif t < threshold:
            strategies.append("Réactiver" if (not np.isnan(p) and t < p) else "Développer")
        else:
            strategies.append("Retenir" if pot >= median_potential else "Accompagner")
    out = table.copy()
    out["previous_tcc"] = previous
    out["threshold"] = threshold
    out["value_level"] = np.where(out["tcc"].to_numpy() >= threshold, "forte", "faible")
    out["objective"] = [
        "conquête" if s in ("Réactiver", "Acquérir") else "fidélisation" for s in strategies
    ]
    out["strategy"] = strategies
    out["description"] = [RADAR_STRATEGIES[s] for s in strategies]
    return out
