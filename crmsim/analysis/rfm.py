"""Scoring from a purchase log: RFM, FRAT, and the appetence grid.

RFM reads three numbers per customer from its transactions:

* **R**, recency: days between the last purchase and the analysis date (``as_of``).
  This is the standard definition. The course's slide defines R as "the sum of sales over
  a period", which is a monetary measure, not a recency: we teach the standard one.
* **F**, frequency: number of purchases.
* **M**, monetary: total amount of the purchases (the course's "Σ des commandes").

Each is turned into a score from 1 to 5 by quantiles (5 = best: most recent, most
frequent, largest amount). Names follow the lifetimes package where the meaning matches
(``T``, ``monetary_value``); lifetimes' own ``recency`` (first to last purchase) is
FRAT's seniority here, called ``seniority_days``, and its ``frequency`` counts *repeat*
purchases (ours minus one).

FRAT (course): F, mean time between purchases; R, seniority (first to last order);
A, last order amount / mean order amount; T, type of products bought (stratégique or
tactique). Appetence (course): interest in the offer x capacity to mobilise resources to
buy it.
"""

from __future__ import annotations

import unicodedata
import warnings

import numpy as np
import pandas as pd

from crmsim._validation import (
    check_numeric,
    check_table,
    did_you_mean,
    french_arguments,
)
from crmsim.analysis.matrices import levels, split_value
from crmsim.errors import DataError

__all__ = [
    "APPETENCE_STRATEGIES",
    "RFM_SEGMENTS",
    "appetence",
    "frat",
    "quantile_scores",
    "rfm",
    "rfm_segment",
    "rfm_segments",
]

#: Segments of the R x FM grid (FM = mean of F and M, halves rounded up), with an action.
RFM_SEGMENTS: dict[str, str] = {
    "Meilleurs clients": "Récompenser, faire ambassadeurs, proposer les nouveautés en premier",
    "Fidèles": "Programme de fidélité, ventes additionnelles",
    "Fidèles potentiels": "Offres d’adhésion, recommandations personnalisées",
    "Nouveaux clients": "Accueil, accompagnement du premier achat",
    "Prometteurs": "Faire découvrir la gamme, petites incitations",
    "À surveiller": "Offres limitées dans le temps, relance ciblée",
    "Presque endormis": "Relancer avec une offre pertinente avant la perte",
    "À risque": "Campagne de réactivation personnalisée",
    "À ne pas perdre": "Contact direct, offre forte : ils valaient beaucoup",
    "En hibernation": "Relance peu coûteuse, sinon laisser partir",
    "Perdus": "Ne plus investir, sauf campagne de reconquête bon marché",
}


def rfm_segment(r: int, f: int, m: int) -> str:
    """French RFM segment of the scores (r, f, m), each from 1 to 5.

    The rule reads the R x FM grid, with FM = (F + M) / 2 rounded up:

    * R = 5: FM 4-5 "Meilleurs clients", FM 2-3 "Fidèles potentiels", FM 1 "Nouveaux clients";
    * R = 4: FM 4-5 "Fidèles", FM 2-3 "Fidèles potentiels", FM 1 "Prometteurs";
    * R = 3: FM 4-5 "Fidèles", FM 3 "À surveiller", FM 1-2 "Presque endormis";
    * R = 1-2: FM 5 "À ne pas perdre", FM 3-4 "À risque", FM 1-2 "En hibernation",
      except R = 1 and FM = 1, "Perdus".

    Every one of the 125 codes falls in exactly one segment (see :func:`rfm_segments`).
    This grid is a common marketing convention, not the course's (which names no segment).

    Examples
    --------
    >>> from crmsim.analysis.rfm import rfm_segment
    >>> rfm_segment(5, 5, 4), rfm_segment(1, 1, 1), rfm_segment(2, 5, 5)
    ('Meilleurs clients', 'Perdus', 'À ne pas perdre')
    """
    for name, v in (("r", r), ("f", f), ("m", m)):
        if v not in (1, 2, 3, 4, 5):
            raise DataError(f"Le score {name} doit être un entier de 1 à 5, reçu {v!r}.")
    fm = (f + m + 1) // 2
    if r <= 2:
        if fm == 5:
            return "À ne pas perdre"
        if fm >= 3:
            return "À risque"
        return "Perdus" if (r == 1 and fm == 1) else "En hibernation"
    if r == 3:
        return "Presque endormis" if fm <= 2 else ("À surveiller" if fm == 3 else "Fidèles")
    if fm >= 4:
        return "Meilleurs clients" if r == 5 else "Fidèles"
    if fm == 1:
        return "Nouveaux clients" if r == 5 else "Prometteurs"
    return "Fidèles potentiels"


@french_arguments
def rfm_segments() -> pd.DataFrame:
    """All 125 RFM codes with their segment: each code belongs to exactly one segment.

    Returns
    -------
    DataFrame
        Columns
        -------
        rfm_code : str
            "111" to "555".
        r_score, f_score, m_score : int
            The three scores.
        segment : str
            French segment name (a key of :data:`RFM_SEGMENTS`).
        action : str
            Suggested action, in French.

    Examples
    --------
    >>> from crmsim.analysis import rfm_segments
    >>> table = rfm_segments()
    >>> len(table), table["rfm_code"].is_unique
    (125, True)
    """
    rows = []
    for r in range(1, 6):
        for f in range(1, 6):
            for m in range(1, 6):
                seg = rfm_segment(r, f, m)
                rows.append(
                    {
                        "rfm_code": f"{r}{f}{m}",
                        "r_score": r,
                        "f_score": f,
                        "m_score": m,
                        "segment": seg,
                        "action": RFM_SEGMENTS[seg],
                    }
                )
    return pd.DataFrame(rows)


def quantile_scores(values: pd.Series | np.ndarray, bins: int = 5) -> np.ndarray:
    """Scores 1..bins by quantile of ``values`` (larger value, larger score).

    Rule: with r the rank of a value (1 = smallest; equal values share the *lowest* rank
    of their group) among n values, score = 1 + floor(bins x (r - 1) / n). Equal values
    therefore always get the same score, the one of the first member of their group, and
    the result never depends on row order. When all values are equal, every score is 1.

    Examples
    --------
    >>> from crmsim.analysis.rfm import quantile_scores
    >>> quantile_scores([10, 20, 30, 40, 50]).tolist()
    [1, 2, 3, 4, 5]
    >>> quantile_scores([1, 1, 1, 2, 9]).tolist()
    [1, 1, 1, 4, 5]
    """
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or bins < 2:
        raise DataError(f"bins doit être un entier au moins égal à 2, reçu {bins!r}.")
    ranks = pd.Series(np.asarray(values, dtype=float)).rank(method="min").to_numpy()
    n = len(ranks)
    return (1 + np.floor(bins * (ranks - 1) / n)).astype(int)


def _parse_dates(column: pd.Series) -> pd.Series:
    """Dates from ISO text (2024-03-15) or, failing that, French day-first text (15/03/2024)."""
    if pd.api.types.is_datetime64_any_dtype(column):
        return column
    dates = pd.to_datetime(column, errors="coerce", format="ISO8601")
    if dates.isna().sum() > column.isna().sum():
        with warnings.catch_warnings():  # local: silence pandas' format-inference notice
            warnings.simplefilter("ignore", UserWarning)
            dayfirst = pd.to_datetime(column, errors="coerce", dayfirst=True)
        if dayfirst.notna().sum() > dates.notna().sum():
            dates = dayfirst
    return dates


def _log(
    transactions: pd.DataFrame,
    customer_col: str,
    date_col: str,
    amount_col: str,
    as_of: object,
    extra: list[str],
) -> tuple[pd.DataFrame, pd.Timestamp]:
    """Validate a transaction log; return (customer, date, amount, extra...) up to as_of."""
    transactions = check_table(
        transactions,
        [customer_col, date_col, amount_col, *extra],
        name="transactions",
        keys=[customer_col],
    )
    if transactions[customer_col].isna().any():
        where = transactions.index[transactions[customer_col].isna()][0]
        raise DataError(f"Identifiant client manquant dans « {customer_col} » (ligne {where!r}).")
    dates = _parse_dates(transactions[date_col])
    bad = transactions[date_col][dates.isna()]
    if len(bad):
        raise DataError(
            f"Date illisible ou manquante dans « {date_col} » : {bad.iloc[0]!r} (ligne "
            f"{bad.index[0]!r}). Utilisez le format AAAA-MM-JJ, par exemple 2024-03-15."
        )
    amount = check_numeric(transactions, amount_col, name="transactions")
    log = pd.DataFrame(
        {
            "customer": transactions[customer_col].to_numpy(),
            "date": dates.to_numpy(),
            "amount": amount.to_numpy(),
        }
    )
    for col in extra:
        log[col] = transactions[col].to_numpy()
    if as_of is None:
        as_of_ts = log["date"].max()
    else:
        try:
            as_of_ts = pd.Timestamp(as_of) if not isinstance(as_of, pd.Timestamp) else as_of
        except (ValueError, TypeError, OverflowError):
            as_of_ts = pd.NaT
        if pd.isna(as_of_ts) or isinstance(as_of, (bool, int, float)):
            raise DataError(
                f'as_of doit être une date (par exemple as_of="2024-12-31"), reçu {as_of!r}.'
            )
        log = log[log["date"] <= as_of_ts]
        if len(log) == 0:
            raise DataError(
                f"Aucune transaction au plus tard le {as_of_ts.date()} (as_of) : la première "
                f"date du journal est le {dates.min().date()}. Choisissez une date plus tardive."
            )
    return log, as_of_ts.normalize()


@french_arguments
def rfm(
    transactions: pd.DataFrame,
    *,
    as_of: object = None,
    bins: int = 5,
    customer_col: str = "customer_id",
    date_col: str = "date",
    amount_col: str = "amount",
) -> pd.DataFrame:
    """RFM measures, 1-5 scores, code and segment of each customer of a transaction log.

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase: customer, date (parsable by ``pandas.to_datetime``) and
        non-negative amount.
    as_of : date-like, optional
        Analysis date. Purchases after it are ignored (the log is read as on that day).
        Defaults to the last purchase date of the log.
    bins : int, default 5
        Number of score levels (see :func:`quantile_scores` for the tie rule). Segments
        are named only for ``bins=5`` (otherwise ``segment`` is missing).
    customer_col, date_col, amount_col : str
        Column names.

    Returns
    -------
    DataFrame
        A new table, one row per customer (sorted by identifier).

        Columns
        -------
        ``customer_col`` : identifier, as given.
        recency_days : int
            Days from the last purchase to ``as_of`` (standard recency; 0 = bought that day).
        frequency : int
            Number of purchases.
        monetary_total : float
            Total amount of the purchases (the M of RFM).
        monetary_value : float
            Mean amount per purchase (lifetimes' ``monetary_value``).
        T : int
            Days from the first purchase to ``as_of`` (customer age, as in lifetimes).
        r_score, f_score, m_score : int
            Scores 1 to ``bins`` by quantile; r_score = ``bins`` for the most recent.
        rfm_code : str
            The three scores as text, e.g. "545".
        rfm_total : int
            r_score + f_score + m_score.
        segment : str
            French segment (:func:`rfm_segment`), missing when ``bins != 5``.

    Raises
    ------
    DataError
        Missing column, empty log, unreadable date, negative or non-numeric amount,
        no purchase before ``as_of``, ``bins`` below 2.

    Examples
    --------
    >>> import pandas as pd
    >>> from crmsim.analysis import rfm
    >>> log = pd.DataFrame({"customer_id": [1, 1, 2, 3, 3, 3],
    ...     "date": ["2024-01-05", "2024-03-01", "2024-02-01", "2024-01-10", "2024-02-20",
    ...              "2024-03-10"],
    ...     "amount": [100, 50, 20, 80, 60, 90]})
    >>> out = rfm(log, as_of="2024-03-31", bins=3)
    >>> out[["customer_id", "recency_days", "frequency", "monetary_total", "rfm_code"]].to_string(index=False)
    ' customer_id  recency_days  frequency  monetary_total rfm_code\\n           1            30          2           150.0      222\\n           2            59          1            20.0      111\\n           3            21          3           230.0      333'
    """
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or bins < 2:
        raise DataError(f"bins doit être un entier au moins égal à 2, reçu {bins!r}.")
    log, as_of_ts = _log(transactions, customer_col, date_col, amount_col, as_of, [])
    grouped = log.groupby("customer", sort=True)
    last = grouped["date"].max()
    first = grouped["date"].min()
    out = pd.DataFrame(
        {
            customer_col: last.index.to_numpy(),
            "recency_days": (as_of_ts - last.dt.normalize()).dt.days.to_numpy(),
            "frequency": grouped.size().to_numpy(),
            "monetary_total": grouped["amount"].sum().to_numpy(),
            "monetary_value": grouped["amount"].mean().to_numpy(),
            "T": (as_of_ts - first.dt.normalize()).dt.days.to_numpy(),
        }
    )
    out["r_score"] = quantile_scores(-out["recency_days"].to_numpy(dtype=float), bins)
    out["f_score"] = quantile_scores(out["frequency"], bins)
    out["m_score"] = quantile_scores(out["monetary_total"], bins)
    out["rfm_code"] = [
        f"{r}{f}{m}" for r, f, m in zip(out["r_score"], out["f_score"], out["m_score"], strict=True)
    ]
    out["rfm_total"] = out["r_score"] + out["f_score"] + out["m_score"]
    if bins == 5:
        out["segment"] = [
            rfm_segment(r, f, m)
            for r, f, m in zip(out["r_score"], out["f_score"], out["m_score"], strict=True)
        ]
    else:
        out["segment"] = pd.Series([None] * len(out), dtype=object)
    return out


def _fold(text: object) -> str:
    """Lower-case, strip and remove accents (so 'Stratégique' matches 'strategique')."""
    norm = unicodedata.normalize("NFKD", str(text).strip().lower())
    return "".join(ch for ch in norm if not unicodedata.combining(ch))


@french_arguments
def frat(
    transactions: pd.DataFrame,
    *,
    as_of: object = None,
    customer_col: str = "customer_id",
    date_col: str = "date",
    amount_col: str = "amount",
    product_type_col: str = "product_type",
    strategic: str = "strategique",
    tactical: str = "tactique",
) -> pd.DataFrame:
    """FRAT measures of each customer: time between purchases, seniority, last/mean, type.

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase: customer, date, non-negative amount and product type.
    as_of : date-like, optional
        Purchases after this date are ignored.
    customer_col, date_col, amount_col, product_type_col : str
        Column names.
    strategic, tactical : str
        The two product types (compared without case or accents).

    Returns
    -------
    DataFrame
        A new table, one row per customer (sorted by identifier).

        Columns
        -------
        ``customer_col`` : identifier, as given.
        orders : int
            Number of purchases.
        mean_days_between : float
            F: mean gap in days between consecutive purchases (NaN with one purchase).
        seniority_days : int
            R: days between the first and the last purchase (lifetimes' ``recency``).
        last_amount, mean_amount : float
            Amount of the last purchase and mean amount.
        last_to_mean : float
            A: last_amount / mean_amount (NaN when the mean is 0).
        share_strategic : float
            T: share of the amount spent on strategic products (0-1; by count of
            purchases when the total amount is 0).
        main_type : str
            "stratégique" if share_strategic >= 0.5, else "tactique".

    Warns
    -----
    UserWarning
        When some customers have a single purchase (their mean_days_between is NaN) or
        a mean amount of 0.

    Examples
    --------
    >>> import pandas as pd
    >>> from crmsim.analysis import frat
    >>> log = pd.DataFrame({"customer_id": [1, 1, 1],
    ...     "date": ["2024-01-01", "2024-01-11", "2024-01-31"], "amount": [100, 100, 400],
    ...     "product_type": ["tactique", "tactique", "strategique"]})
    >>> row = frat(log).iloc[0]
    >>> float(row["mean_days_between"]), int(row["seniority_days"]), float(row["last_to_mean"])
    (15.0, 30, 2.0)
    >>> round(float(row["share_strategic"]), 3)
    0.667
    """
    log, _ = _log(transactions, customer_col, date_col, amount_col, as_of, [product_type_col])
    folded = log[product_type_col].map(_fold)
    allowed = {_fold(strategic), _fold(tactical)}
    unknown = log.loc[~folded.isin(allowed), product_type_col]
    if len(unknown):
        raise DataError(
            f"Type de produit inconnu dans « {product_type_col} » : {unknown.iloc[0]!r}. "
            f"Types attendus : « {strategic} » ou « {tactical} »."
            f"{did_you_mean(str(unknown.iloc[0]), [strategic, tactical])}"
        )
    log = log.assign(is_strategic=(folded == _fold(strategic)).to_numpy())
    log = log.sort_values(["customer", "date"], kind="mergesort")
    grouped = log.groupby("customer", sort=True)
    first = grouped["date"].min()
    last = grouped["date"].max()
    orders = grouped.size()
    seniority = (last.dt.normalize() - first.dt.normalize()).dt.days
    mean_gap = (seniority / (orders - 1)).where(orders > 1)
    mean_amount = grouped["amount"].mean()
    last_amount = grouped["amount"].last()
    total = grouped["amount"].sum()
    strategic_amount = log["amount"].where(log["is_strategic"], 0.0).groupby(log["customer"]).sum()
    by_count = grouped["is_strategic"].mean()
    share = (strategic_amount / total).where(total > 0, by_count)
    n_single = int((orders == 1).sum())
    if n_single:
        warnings.warn(
            f"{n_single} client(s) n’ont qu’un achat : leur délai moyen entre achats "
            "(mean_days_between) est indéfini (NaN).",
            stacklevel=3,  # the caller, past the french_arguments wrapper
        )
    if (mean_amount == 0).any():
        warnings.warn(
            f"{int((mean_amount == 0).sum())} client(s) ont un montant moyen nul : "
            "last_to_mean est indéfini (NaN).",
            stacklevel=3,  # the caller, past the french_arguments wrapper
        )
    return pd.DataFrame(
        {
            customer_col: orders.index.to_numpy(),
            "orders": orders.to_numpy(),
            "mean_days_between": mean_gap.to_numpy(dtype=float),
            "seniority_days": seniority.to_numpy(),
            "last_amount": last_amount.to_numpy(dtype=float),
            "mean_amount": mean_amount.to_numpy(dtype=float),
            "last_to_mean": (last_amount / mean_amount.where(mean_amount > 0)).to_numpy(
                dtype=float
            ),
            "share_strategic": share.to_numpy(dtype=float),
            "main_type": np.where(share.to_numpy() >= 0.5, "stratégique", "tactique"),
        }
    )


#: Appetence quadrants by (interest level, capacity level).
APPETENCE_STRATEGIES: dict[tuple[str, str], str] = {
    ("fort", "fort"): "Cœur de cible : proposer l’offre maintenant",
    ("fort", "faible"): "Lever le frein financier : paiement échelonné, entrée de gamme",
    ("faible", "fort"): "Susciter l’intérêt : démonstration, essai, argumentaire",
    ("faible", "faible"): "Ne pas solliciter pour cette offre",
}


@french_arguments
def appetence(
    data: pd.DataFrame,
    *,
    split: str | float = "median",
    customer_col: str = "customer_id",
    interest_col: str = "interest",
    capacity_col: str = "capacity",
) -> pd.DataFrame:
    """Appetence grid: interest in the offer (y) x capacity to buy it (x).

    Parameters
    ----------
    data : DataFrame
        One row per customer with an interest score and a capacity score (numbers).
    split : {"median", "mean"} or float, default "median"
        Where both axes are cut; a value on the cut counts as "fort".
    customer_col, interest_col, capacity_col : str
        Column names.

    Returns
    -------
    DataFrame
        A new table, one row per customer in the input order.

        Columns
        -------
        ``customer_col`` : identifier, as given.
        ``interest_col``, ``capacity_col`` : float
            The two scores.
        interest_level, capacity_level : str
            "fort" or "faible".
        strategy : str
            Recommended action, in French.

    Examples
    --------
    >>> import pandas as pd
    >>> from crmsim.analysis import appetence
    >>> grid = appetence(pd.DataFrame({"customer_id": [1, 2],
    ...     "interest": [5, 4], "capacity": [1, 5]}), split=3)
    >>> grid["strategy"].tolist()
    ['Lever le frein financier\\xa0: paiement échelonné, entrée de gamme', 'Cœur de cible\\xa0: proposer l’offre maintenant']
    """
    data = check_table(data, [customer_col, interest_col, capacity_col], id_col=customer_col)
    interest = check_numeric(data, interest_col, allow_negative=True)
    capacity = check_numeric(data, capacity_col, allow_negative=True)
    i_level = levels(interest, split_value(interest, split, "split"))
    c_level = levels(capacity, split_value(capacity, split, "split"))
    return pd.DataFrame(
        {
            customer_col: data[customer_col].to_numpy(),
            interest_col: interest.to_numpy(),
            capacity_col: capacity.to_numpy(),
            "interest_level": i_level,
            "capacity_level": c_level,
            "strategy": [
                APPETENCE_STRATEGIES[(i, c)] for i, c in zip(i_level, c_level, strict=True)
            ],
        }
    )
