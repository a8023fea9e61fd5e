"""Customer experience: the promise/delivery gap, complaints, recovery and the 20/30/50 portfolio.

Pure functions on plain tables: the ``customers``, ``monthly`` and ``interactions``
DataFrames of a simulation run (or real data with the same columns). They never import
the engine.

Examples
--------
>>> import pandas as pd
>>> gap_by_quality(pd.Series([6.0, 7.0, 8.0]), [7.0])["share_negative_gap"].round(3).tolist()
[0.333]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from crmsim._validation import check_columns, check_table, ensure_frame
from crmsim.errors import DataError

__all__ = [
    "COST_INDICATORS",
    "COURSE_TIERS",
    "LABELS_FR",
    "acsi_periods",
    "complaint_funnel",
    "experience_comparison",
    "gap_by_quality",
    "portfolio_tiers",
    "recovery_outcomes",
]

#: The course's portfolio (document 004): share of customers, share of revenue, strategy.
COURSE_TIERS: tuple[tuple[float, float, str], ...] = (
    (0.20, 0.80, "Récompenser"),
    (0.30, 0.15, "Fidéliser"),
    (0.50, 0.05, "Animer"),
)

#: Rows of :func:`crmsim.simulation_summary` that compare the cost of winning a customer
#: with the cost of keeping one (the course's « 5 fois plus cher »).
COST_INDICATORS: tuple[str, ...] = (
    "acquisition_cost_per_customer",
    "yearly_retention_cost_per_customer",
    "acquisition_to_retention_ratio",
)

#: French headings of the columns returned here (for ``crmsim.formatting.style_fr(labels=...)``).
LABELS_FR: dict[str, str] = {
    "service_quality": "Qualité délivrée (/10)",
    "mean_gap": "Écart moyen qualité − attente (points)",
    "share_negative_gap": "Part des clients en écart négatif",
    "new_dissatisfied": "Clients devenus mécontents",
    "complaints": "Réclamations",
    "complaint_share": "Part des mécontents qui réclament",
    "silent_share": "Part des mécontents silencieux",
    "complaints_resolved": "Réclamations résolues sur-le-champ",
    "resolved_share": "Part résolue sur-le-champ",
    "scenario": "Situation",
    "churned": "Départs",
    "churned_dissatisfaction": "Départs par insatisfaction",
    "word_of_mouth_recruits": "Recrues du bouche-à-oreille",
    "active_end": "Clients à la fin",
    "profit": "Bénéfice cumulé (MAD)",
    "group": "Après la réclamation",
    "customers": "Clients",
    "left": "Partis dans le délai",
    "stay_share": "Part restée",
    "tier": "Tranche",
    "strategy": "Stratégie",
    "share_customers": "Part des clients",
    "revenue": "CA (MAD)",
    "share_revenue": "Part du CA",
    "course_share_revenue": "Part du CA (cours)",
    "relative_value": "CA par client / moyenne",
    "period": "Période",
    "score": "Score ACSI (/100)",
}


def gap_by_quality(expectations: Iterable[float], qualities: Iterable[float]) -> pd.DataFrame:
    """The promise/delivery gap for several levels of delivered quality.

    A customer is satisfied when the quality delivered is at least what they expect
    (Δ = quality − expectation ≥ 0, the gap model). For each quality level, the share of
    customers whose expectation is above it is the share that delivery leaves
    dissatisfied before any incident; raising expectations (promising more) has the
    same effect as lowering the quality delivered.

    Parameters
    ----------
    expectations : array-like of float
        Each customer's expected quality (0-10), e.g. ``customers["expectation"]``.
    qualities : iterable of float
        Levels of delivered service quality (0-10).

    Returns
    -------
    DataFrame
        One row per quality level.

        Columns
        -------
        service_quality : float
            The delivered quality.
        mean_gap : float
            Mean of quality − expectation (points; negative = under the promise).
        share_negative_gap : float
            Share of customers whose expectation exceeds the quality (0-1).

    Examples
    --------
    >>> gap_by_quality([5.0, 6.0, 7.0, 8.0], [6.5, 7.5]).round(2).to_dict("list")
    {'service_quality': [6.5, 7.5], 'mean_gap': [0.0, 1.0], 'share_negative_gap': [0.5, 0.25]}
    """
    values = np.asarray(list(expectations), dtype=float)
    if values.size == 0 or not np.isfinite(values).all():
        raise DataError(
            "expectations doit contenir au moins une attente, toutes finies "
            f"(reçu {values.size} valeur(s)). Passez par exemple customers['expectation']."
        )
    levels = np.asarray(list(qualities), dtype=float)
    if levels.size == 0:
        raise DataError("qualities doit contenir au moins un niveau de qualité (0 à 10).")
    return pd.DataFrame(
        {
            "service_quality": levels,
            "mean_gap": levels - values.mean(),
            "share_negative_gap": [(values > q).mean() for q in levels],
        }
    )


def complaint_funnel(monthly: pd.DataFrame) -> pd.Series:
    """From dissatisfaction to a solved complaint, over a whole run.

    Parameters
    ----------
    monthly : DataFrame
        The ``monthly`` table of a run, with ``new_dissatisfied``, ``complaints`` and
        ``complaints_resolved``.

    Returns
    -------
    Series
        ``new_dissatisfied`` (customers who became dissatisfied), ``complaints``,
        ``complaint_share`` (complaints / new_dissatisfied: the course's « 4 % »),
        ``silent_share`` (1 − complaint_share), ``complaints_resolved`` and
        ``resolved_share`` (resolved / complaints). Shares are NaN when undefined.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"new_dissatisfied": [60, 40], "complaints": [3, 1],
    ...                   "complaints_resolved": [2, 1]})
    >>> complaint_funnel(m)[["complaint_share", "resolved_share"]].tolist()
    [0.04, 0.75]
    """
    cols = ["new_dissatisfied", "complaints", "complaints_resolved"]
    data = check_table(monthly, cols, name="monthly")
    new, comp, solved = (float(data[c].sum()) for c in cols)
    share = comp / new if new else float("nan")
    return pd.Series(
        {
            "new_dissatisfied": new,
            "complaints": comp,
            "complaint_share": share,
            "silent_share": 1.0 - share,
            "complaints_resolved": solved,
            "resolved_share": solved / comp if comp else float("nan"),
        }
    )


def experience_comparison(runs: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Compare runs (one ``monthly`` table each) on complaints, departures and word of mouth.

    Parameters
    ----------
    runs : mapping of str -> DataFrame
        Situation name -> the ``monthly`` table of its run (same length and seed, so
        that the differences come from the changed parameters).

    Returns
    -------
    DataFrame
        One row per situation, in the mapping's order.

        Columns
        -------
        scenario : str
        complaint_share : float
            Complaints / customers who became dissatisfied.
        complaints_resolved : int
            Complaints solved at once.
        churned_dissatisfaction : int
            Departures for dissatisfaction.
        churned : int
            All departures.
        word_of_mouth_recruits : int
            Customers recruited by word of mouth.
        active_end : int
            Customers at the end of the run.
        profit : float
            Cumulated profit (MAD).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"new_dissatisfied": [50], "complaints": [2], "complaints_resolved": [2],
    ...     "churned_dissatisfaction": [5], "churned": [9], "word_of_mouth_recruits": [4],
    ...     "active": [100], "profit": [1000.0]})
    >>> experience_comparison({"a": m})[["scenario", "complaint_share", "active_end"]].values.tolist()
    [['a', 0.04, 100]]
    """
    if not isinstance(runs, Mapping) or not runs:
        raise DataError(
            "runs doit être un dictionnaire non vide {nom de la situation: table monthly}, "
            f"reçu {type(runs).__name__}."
        )
    counts = ["complaints_resolved", "churned_dissatisfaction", "churned", "word_of_mouth_recruits"]
    rows = []
    for name, monthly in runs.items():
        where = f"la table monthly de « {name} »"
        data = ensure_frame(monthly, where)
        check_columns(data, [*counts, "new_dissatisfied", "complaints", "active", "profit"], where)
        if data.empty:
            raise DataError(f"{where} est vide : simulez au moins un mois.")
        row = {"scenario": str(name)}
        row["complaint_share"] = complaint_funnel(data)["complaint_share"]
        row.update({c: int(data[c].sum()) for c in counts})
        row["active_end"] = int(data["active"].iloc[-1])
        row["profit"] = float(data["profit"].sum())
        rows.append(row)
    return pd.DataFrame(rows)


def recovery_outcomes(
    interactions: pd.DataFrame,
    customers: pd.DataFrame,
    *,
    within_months: int = 0,
    resolved_kind: str = "réclamation résolue",
    unresolved_kind: str = "réclamation non résolue",
) -> pd.DataFrame:
    """What customers do after a complaint: solved at once, or not.

    A customer counts once per group, at their first complaint of that kind; they
    « left » if their departure month is at most ``within_months`` after it.

    Parameters
    ----------
    interactions : DataFrame
        Columns ``month``, ``customer_id``, ``kind`` (the ``interactions`` table of a run).
    customers : DataFrame
        Columns ``customer_id`` and ``churn_month`` (missing while active).
    within_months : int, default 1
        How long after the complaint a departure is counted.
    resolved_kind, unresolved_kind : str
        The ``kind`` values of a complaint solved at once and of an unsolved one.

    Returns
    -------
    DataFrame
        Two rows: ``résolue sur-le-champ`` and ``non résolue``.

        Columns
        -------
        group : str
        customers : int
            Customers who made such a complaint.
        left : int
            Of them, those who left within ``within_months`` months.
        stay_share : float
            1 − left / customers (NaN without customers): the course's « 95 % come back ».

    Examples
    --------
    >>> import pandas as pd
    >>> inter = pd.DataFrame({"month": [3, 4, 5], "customer_id": [1, 2, 3],
    ...     "kind": ["réclamation résolue", "réclamation résolue", "réclamation non résolue"]})
    >>> cust = pd.DataFrame({"customer_id": [1, 2, 3], "churn_month": [None, 4, 6]})
    >>> recovery_outcomes(inter, cust)[["group", "customers", "left"]].values.tolist()
    [['résolue sur-le-champ', 2, 1], ['non résolue', 1, 0]]
    """
    inter = check_table(interactions, ["month", "customer_id", "kind"], name="interactions")
    cust = check_table(customers, ["customer_id", "churn_month"], name="customers")
    if isinstance(within_months, bool) or not isinstance(within_months, (int, np.integer)):
        raise DataError(
            f"within_months doit être un nombre entier de mois ≥ 0, reçu {within_months!r}."
        )
    if within_months < 0:
        raise DataError(f"within_months doit être ≥ 0, reçu {within_months}.")
    churn = pd.Series(
        pd.to_numeric(cust["churn_month"], errors="coerce").to_numpy(dtype=float),
        index=cust["customer_id"].to_numpy(),
    )
    rows = []
    for label, kind in (("résolue sur-le-champ", resolved_kind), ("non résolue", unresolved_kind)):
        first = inter.loc[inter["kind"] == kind].groupby("customer_id")["month"].min()
        gone = churn.reindex(first.index).to_numpy(dtype=float)
        left = int(np.sum(gone - first.to_numpy(dtype=float) <= within_months))
        n = len(first)
        rows.append(
            {
                "group": label,
                "customers": n,
                "left": left,
                "stay_share": 1.0 - left / n if n else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def portfolio_tiers(
    customers: pd.DataFrame,
    *,
    revenue_col: str = "revenue",
    customer_col: str = "customer_id",
    tiers: Sequence[tuple[float, float, str]] = COURSE_TIERS,
) -> pd.DataFrame:
    """Cut a customer base into the course's 20/30/50 tranches and compare with 80/15/5.

    Customers are ranked by decreasing revenue (ties by identifier, so the cut is
    reproducible); the first 20 % form the first tranche (strategy « Récompenser »), the
    next 30 % the second (« Fidéliser »), the rest the third (« Animer »). Tranche sizes
    are rounded to whole customers from the cumulated shares.

    Parameters
    ----------
    customers : DataFrame
        One row per customer, with ``customer_col`` and ``revenue_col``.
    revenue_col, customer_col : str
        Column names.
    tiers : sequence of (share of customers, course share of revenue, strategy)
        Default :data:`COURSE_TIERS`; the shares of customers must sum to 1.

    Returns
    -------
    DataFrame
        One row per tranche.

        Columns
        -------
        tier : int
            1, 2, 3 (1 = the best customers).
        strategy : str
            Récompenser, Fidéliser, Animer.
        customers : int
        share_customers : float
        revenue : float
            Revenue of the tranche (MAD).
        share_revenue : float
            Share of the base's revenue.
        course_share_revenue : float
            The course's figure (80 %, 15 %, 5 %).
        relative_value : float
            Revenue per customer of the tranche / revenue per customer of the base.

    Examples
    --------
    >>> import pandas as pd
    >>> base = pd.DataFrame({"customer_id": range(10), "revenue": [50, 30, 5, 5, 4, 2, 1, 1, 1, 1]})
    >>> portfolio_tiers(base)[["customers", "share_revenue"]].values.tolist()
    [[2.0, 0.8], [3.0, 0.14], [5.0, 0.06]]
    """
    data = check_table(
        customers, [customer_col, revenue_col], name="customers", id_col=customer_col
    )
    shares = [float(t[0]) for t in tiers]
    if not tiers or any(s <= 0 for s in shares) or not np.isclose(sum(shares), 1.0):
        raise DataError(
            f"tiers : les parts de clients doivent être positives et totaliser 1, reçu {shares}."
        )
    revenue = pd.to_numeric(data[revenue_col], errors="coerce")
    if revenue.isna().any() or (revenue < 0).any():
        raise DataError(
            f"La colonne « {revenue_col} » de customers doit contenir des montants ≥ 0 "
            "(pas de valeur manquante)."
        )
    ranked = (
        pd.DataFrame({"id": data[customer_col].to_numpy(), "revenue": revenue.to_numpy()})
        .sort_values(["revenue", "id"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )
    n, total = len(ranked), float(ranked["revenue"].sum())
    bounds = np.rint(np.cumsum([0.0, *shares]) * n).astype(int)
    rows = []
    for k, (_share, course, strategy) in enumerate(tiers):
        part = ranked.iloc[bounds[k] : bounds[k + 1]]
        rev = float(part["revenue"].sum())
        rows.append(
            {
                "tier": k + 1,
                "strategy": strategy,
                "customers": len(part),
                "share_customers": len(part) / n,
                "revenue": rev,
                "share_revenue": rev / total if total else float("nan"),
                "course_share_revenue": float(course),
                "relative_value": (rev / len(part)) / (total / n)
                if len(part) and total
                else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def acsi_periods(acsi: pd.DataFrame) -> pd.DataFrame:
    """Date the points of the ACSI table: a French period label and a decimal year.

    Parameters
    ----------
    acsi : DataFrame
        Columns ``year``, ``quarter`` (1-4, missing for a yearly figure) and ``score``
        (``crmsim.datasets.load("acsi_index")``).

    Returns
    -------
    DataFrame
        A sorted copy with two more columns.

        Columns
        -------
        period : str
            « T4 1994 » for a quarter, « 1997 » for a year.
        time : float
            Middle of the period in decimal years (1994.875, 1997.5), for a time axis.

    Examples
    --------
    >>> import pandas as pd
    >>> t = acsi_periods(pd.DataFrame({"year": [1997, 1994], "quarter": [None, 4], "score": [71, 75]}))
    >>> t[["period", "time"]].values.tolist()
    [['T4 1994', 1994.875], ['1997', 1997.5]]
    """
    data = check_table(acsi, ["year", "quarter", "score"], name="acsi")
    quarter = pd.to_numeric(data["quarter"], errors="coerce")
    if ((quarter < 1) | (quarter > 4)).any():
        raise DataError("La colonne « quarter » de acsi doit valoir 1, 2, 3 ou 4 (ou rester vide).")
    out = data.copy()
    year = out["year"].astype(int)
    out["period"] = [
        f"T{int(q)} {y}" if pd.notna(q) else str(y) for y, q in zip(year, quarter, strict=True)
    ]
    out["time"] = np.where(quarter.notna(), year + (quarter.fillna(1) - 0.5) / 4, year + 0.5)
    return out.sort_values("time", kind="stable").reset_index(drop=True)
