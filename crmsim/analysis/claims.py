"""The course's portfolio claims measured on a customer table: segments, tenure effects.

Pure functions on plain tables (the ``customers`` and ``referrals`` DataFrames of a
simulation run, or real data with the same columns); they never import the engine.

- :func:`spend_segments`: the course's loyalty-profitability table (segments I-IV by
  monthly spend, 51/34/12/3 % of customers making 14/22/24/40 % of profit), cut by the
  course's shares of customers;
- :func:`departures_by_tenure`: departures of one cause per customer-month, by tenure
  band, in a window of months ("loyal customers are less sensitive to price" when the
  window is a competitor's price cut and the cause « structurelle »);
- :func:`referrals_by_tenure`: word-of-mouth recruits per customer-month, by the
  referrer's tenure band ("loyal customers recommend more").

A customer is *at risk* in month ``m`` (present at the start of the month, so counted in
its word of mouth and facing its departure draw) when ``acquisition_month < m <= c``,
with ``c`` the month of departure (the last month of the window for a customer still
active); their tenure that month is ``m - acquisition_month``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import pandas as pd

from crmsim._validation import check_numeric, check_table, french_arguments
from crmsim.errors import DataError

__all__ = [
    "COURSE_SEGMENTS",
    "departures_by_tenure",
    "referrals_by_tenure",
    "spend_segments",
    "tenure_bands",
]

#: The course's segment table (slides 000): segment, share of customers, share of profit.
COURSE_SEGMENTS: tuple[tuple[str, float, float], ...] = (
    ("I", 0.51, 0.14),
    ("II", 0.34, 0.22),
    ("III", 0.12, 0.24),
    ("IV", 0.03, 0.40),
)

#: Longest period accepted (the longest simulation, 1 200 months).
MAX_MONTHS = 1_200

#: Default tenure bands (lower bounds in months): 0-11, 12-23, 24 and more.
DEFAULT_BANDS: tuple[int, ...] = (0, 12, 24)


def _int_column(data: pd.DataFrame, column: str, name: str) -> np.ndarray:
    """An integer column (missing values allowed only for ``churn_month``) as float."""
    values = pd.to_numeric(data[column], errors="coerce").astype(float).to_numpy()
    if column != "churn_month" and np.isnan(values).any():
        raise DataError(
            f"{name} : la colonne « {column} » a des valeurs manquantes ou non numériques ; "
            "donnez un mois entier sur chaque ligne."
        )
    return values


@french_arguments
def spend_segments(
    customers: pd.DataFrame,
    months: int,
    *,
    segments: Sequence[tuple[str, float, float]] = COURSE_SEGMENTS,
) -> pd.DataFrame:
    """The course's spend segments on a customer table: share of customers and of profit.

    Each customer's **monthly spend** is their revenue divided by their months as a
    customer within the ``months`` observed (from ``max(acquisition_month, 0)`` to
    their departure or to the end); customers with no month observed are left out.
    Their **profit** is ``gross_margin - cost_to_serve - retention_cost`` (acquisition
    spending is not assigned to customers). Customers are ranked by decreasing monthly
    spend (ties by identifier) and cut by the course's shares of customers, from the
    top: segment IV (the best 3 %), III (12 %), II (34 %), I (51 %); sizes are rounded
    to whole customers from the cumulated shares.

    Parameters
    ----------
    customers : DataFrame
        One row per customer with ``customer_id``, ``acquisition_month``, ``churn_month``
        (missing while active), ``revenue``, ``gross_margin``, ``cost_to_serve`` and
        ``retention_cost`` (the ``customers`` table of a run).
    months : int
        Months observed (the run's ``months``).
    segments : sequence of (segment, share of customers, course share of profit)
        From the lowest spenders to the highest; default :data:`COURSE_SEGMENTS`. The
        shares of customers must be positive and sum to 1.

    Returns
    -------
    DataFrame
        One row per segment, lowest spenders first.

        Columns
        -------
        segment : str
        customers : int
        share_customers : float
        monthly_spend_min_mad, monthly_spend_max_mad, monthly_spend_mean_mad : float
            Monthly spend of the segment's customers (MAD per month).
        profit_mad : float
            Profit of the segment over the months observed (MAD).
        share_profit : float
            Share of the base's profit.
        course_share_profit : float
            The course's figure.
        profit_index : float
            ``share_profit / share_customers``: profit of one of its customers relative
            to the average customer (1 = the average).

    Examples
    --------
    >>> base = pd.DataFrame({
    ...     "customer_id": range(100), "acquisition_month": -1, "churn_month": pd.NA,
    ...     "revenue": np.arange(1.0, 101.0) * 12, "gross_margin": np.arange(1.0, 101.0) * 4,
    ...     "cost_to_serve": 0.0, "retention_cost": 0.0})
    >>> spend_segments(base, 12)[["segment", "customers", "share_profit"]].round(3).values.tolist()
    [['I', 51, 0.263], ['II', 34, 0.461], ['III', 12, 0.217], ['IV', 3, 0.059]]
    """
    cols = [
        "customer_id",
        "acquisition_month",
        "churn_month",
        "revenue",
        "gross_margin",
        "cost_to_serve",
        "retention_cost",
    ]
    data = check_table(customers, cols, name="customers", id_col="customer_id")
    for col in cols[3:]:
        check_numeric(data, col, name="customers")
    if (
        isinstance(months, bool)
        or not isinstance(months, (int, np.integer))
        or not 1 <= months <= MAX_MONTHS
    ):
        raise DataError(
            f"months doit être un nombre entier de mois entre 1 et {MAX_MONTHS}, reçu "
            f"{months!r}. Donnez la durée de la simulation, par exemple months=60."
        )
    shares = _check_segments(segments)
    start = np.maximum(_int_column(data, "acquisition_month", "customers"), 0.0)
    end = _int_column(data, "churn_month", "customers")
    end = np.where(np.isnan(end), months, np.minimum(end, months))
    observed = end - start
    keep = observed > 0
    if not keep.any():
        raise DataError(
            "customers : aucun client n’a de mois observé dans la période ; vérifiez "
            "months et les colonnes acquisition_month et churn_month."
        )
    frame = pd.DataFrame(
        {
            "customer_id": data["customer_id"].to_numpy()[keep],
            "spend": data["revenue"].to_numpy(dtype=float)[keep] / observed[keep],
            "profit": (
                data["gross_margin"].to_numpy(dtype=float)
                - data["cost_to_serve"].to_numpy(dtype=float)
                - data["retention_cost"].to_numpy(dtype=float)
            )[keep],
        }
    ).sort_values(["spend", "customer_id"], ascending=[False, True], kind="mergesort")
    n = len(frame)
    # sizes from the top (last segment first), rounded from the cumulated shares
    bounds = np.round(np.cumsum([0.0, *shares[::-1]]) * n).astype(int)
    total_profit = float(frame["profit"].sum())
    rows = []
    for i, (label, share, course) in enumerate(reversed(list(segments))):
        part = frame.iloc[bounds[i] : bounds[i + 1]]
        rows.append(
            {
                "segment": str(label),
                "customers": len(part),
                "share_customers": len(part) / n,
                "monthly_spend_min_mad": float(part["spend"].min()) if len(part) else np.nan,
                "monthly_spend_max_mad": float(part["spend"].max()) if len(part) else np.nan,
                "monthly_spend_mean_mad": float(part["spend"].mean()) if len(part) else np.nan,
                "profit_mad": float(part["profit"].sum()),
                "course_share_customers": float(share),
                "course_share_profit": float(course),
            }
        )
    out = pd.DataFrame(rows[::-1])
    out["share_profit"] = out["profit_mad"] / total_profit if total_profit else np.nan
    out["profit_index"] = out["share_profit"] / out["share_customers"]
    return out[
        [
            "segment",
            "customers",
            "share_customers",
            "monthly_spend_min_mad",
            "monthly_spend_max_mad",
            "monthly_spend_mean_mad",
            "profit_mad",
            "share_profit",
            "course_share_profit",
            "profit_index",
        ]
    ].reset_index(drop=True)


def _check_segments(segments: object) -> list[float]:
    try:
        shares = [float(s[1]) for s in segments]  # type: ignore[union-attr]
        [float(s[2]) for s in segments]  # type: ignore[union-attr]
    except (TypeError, ValueError, IndexError) as exc:
        raise DataError(
            f"segments doit être une suite de triplets (segment, part des clients, part du "
            f"bénéfice du cours), reçu {segments!r:.80}."
        ) from exc
    if not shares or any(not s > 0 for s in shares) or not np.isclose(sum(shares), 1.0):
        raise DataError(
            f"segments : les parts de clients doivent être positives et totaliser 1, reçu {shares}."
        )
    return shares


def tenure_bands(bands: Sequence[int] = DEFAULT_BANDS) -> list[str]:
    """French labels of tenure bands given by their lower bounds in months.

    Examples
    --------
    >>> tenure_bands((0, 12, 24))
    ['0 à 11 mois', '12 à 23 mois', '24 mois et plus']
    """
    edges = _check_bands(bands)
    labels = [f"{lo} à {hi - 1} mois" for lo, hi in itertools.pairwise(edges)]
    return [*labels, f"{edges[-1]} mois et plus"]


def _check_bands(bands: object) -> list[int]:
    try:
        edges = [int(b) for b in bands]  # type: ignore[union-attr]
        ok = all(float(b) == int(b) for b in bands)  # type: ignore[union-attr]
    except (TypeError, ValueError, OverflowError):
        ok, edges = False, []
    if not ok or not edges or edges[0] != 0 or any(b >= c for b, c in itertools.pairwise(edges)):
        raise DataError(
            f"bands doit donner les bornes basses des tranches d’ancienneté en mois, "
            f"croissantes et commençant à 0, reçu {bands!r:.80}. Exemple : bands=(0, 12, 24)."
        )
    return edges


def _window(start: object, stop: object) -> tuple[int, int]:
    for name, value in (("start", start), ("stop", stop)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
            raise DataError(
                f"{name} doit être un mois (entier positif ou nul), reçu {value!r}. "
                "Exemple : start=12, stop=30 (mois 12 à 29)."
            )
    if stop <= start:  # type: ignore[operator]
        raise DataError(
            f"stop doit être après start (la fenêtre va de start à stop - 1), reçu "
            f"start={start!r}, stop={stop!r}."
        )
    return int(start), int(stop)  # type: ignore[call-overload]


def _rates(
    customers: pd.DataFrame,
    event_tenure: np.ndarray,
    start: int,
    stop: int,
    bands: Sequence[int],
    count: str,
    rate: str,
) -> pd.DataFrame:
    """Customer-months at risk and events by tenure band, with rates and standard errors."""
    edges = _check_bands(bands)
    acq = _int_column(customers, "acquisition_month", "customers")
    last = _int_column(customers, "churn_month", "customers")
    last = np.where(np.isnan(last), stop - 1, np.minimum(last, stop - 1))
    first = np.maximum(acq + 1, start)
    uppers = [*edges[1:], np.inf]
    rows = []
    for label, lo, hi in zip(tenure_bands(edges), edges, uppers, strict=True):
        a = np.maximum(first, acq + lo)
        b = np.minimum(last, acq + hi - 1)
        exposure = float(np.clip(b - a + 1, 0, None).sum())
        events = int(np.count_nonzero((event_tenure >= lo) & (event_tenure < hi)))
        rows.append(
            {
                "tenure_band": label,
                "tenure_min_months": lo,
                "customer_months": int(exposure),
                count: events,
                rate: events / exposure if exposure else np.nan,
                "std_error": np.sqrt(events) / exposure if exposure else np.nan,
            }
        )
    out = pd.DataFrame(rows)
    first_rate = out[rate].iloc[0]
    out["relative_rate"] = out[rate] / first_rate if first_rate else np.nan
    return out


@french_arguments
def departures_by_tenure(
    customers: pd.DataFrame,
    *,
    start: int,
    stop: int,
    cause: str | None = "structurelle",
    bands: Sequence[int] = DEFAULT_BANDS,
) -> pd.DataFrame:
    """Departures per customer-month by tenure band, in the months ``start`` to ``stop - 1``.

    A departure in month ``c`` counts in the band of the tenure ``c -
    acquisition_month`` (the ``tenure_months`` of a leaver); the exposure counts, for
    every month of the window, the customers at risk that month in the band of their
    tenure then (a customer moves from band to band as the months pass).

    Parameters
    ----------
    customers : DataFrame
        ``customer_id``, ``acquisition_month``, ``churn_month`` (missing while active)
        and ``churn_cause``.
    start, stop : int
        The window: months ``start`` to ``stop - 1``.
    cause : str or None, default « structurelle »
        Only departures of this cause (the price-driven cause of the simulator); None
        counts every departure.
    bands : sequence of int
        Lower bounds of the tenure bands in months, from 0 (default 0, 12, 24).

    Returns
    -------
    DataFrame
        One row per tenure band.

        Columns
        -------
        tenure_band : str
            « 0 à 11 mois », « 12 à 23 mois », « 24 mois et plus » (from ``bands``).
        tenure_min_months : int
            Lower bound of the band (months).
        customer_months : int
            Months at risk of the customers of the band within the window.
        departures : int
            Departures of the cause in the window.
        departure_rate : float
            departures / customer_months (monthly probability of leaving).
        std_error : float
            Poisson standard error of the rate, ``sqrt(departures) / customer_months``.
        relative_rate : float
            Rate relative to the first band.

    Examples
    --------
    >>> base = pd.DataFrame({"customer_id": [0, 1, 2], "acquisition_month": [-30, 5, 9],
    ...     "churn_month": [pd.NA, 12, 14], "churn_cause": [None, "structurelle", "structurelle"]})
    >>> departures_by_tenure(base, start=12, stop=15)[["customer_months", "departures"]].values.tolist()
    [[4, 2], [0, 0], [3, 0]]
    """
    data = check_table(
        customers,
        ["customer_id", "acquisition_month", "churn_month", "churn_cause"],
        name="customers",
        id_col="customer_id",
    )
    start, stop = _window(start, stop)
    churn = _int_column(data, "churn_month", "customers")
    acq = _int_column(data, "acquisition_month", "customers")
    left = ~np.isnan(churn) & (churn >= start) & (churn < stop)
    if cause is not None:
        if not isinstance(cause, str):
            raise DataError(
                f"cause doit être le nom d’une cause de départ (texte) ou None, reçu {cause!r}."
            )
        known = sorted(str(v) for v in pd.unique(data["churn_cause"].dropna()))
        if known and cause not in known and cause not in _CAUSES:
            shown = ", ".join(f"« {v} »" for v in known)
            raise DataError(f"cause={cause!r} n’existe pas ; causes présentes : {shown}.")
        left &= (data["churn_cause"] == cause).fillna(False).to_numpy(dtype=bool)
    return _rates(data, churn[left] - acq[left], start, stop, bands, "departures", "departure_rate")


_CAUSES = ("insatisfaction", "structurelle", "conjoncturelle", "anecdotique")


@french_arguments
def referrals_by_tenure(
    referrals: pd.DataFrame,
    customers: pd.DataFrame,
    *,
    start: int,
    stop: int,
    bands: Sequence[int] = DEFAULT_BANDS,
) -> pd.DataFrame:
    """Word-of-mouth recruits per customer-month, by the referrer's tenure band.

    Parameters
    ----------
    referrals : DataFrame
        One row per word-of-mouth recruit: ``month`` and ``referrer_tenure_months`` (the
        ``referrals`` table of a run made with ``referrals=True``).
    customers : DataFrame
        ``customer_id``, ``acquisition_month`` and ``churn_month``: the customers who
        could recommend (exposure).
    start, stop : int
        The window: months ``start`` to ``stop - 1``.
    bands : sequence of int
        Lower bounds of the tenure bands in months, from 0 (default 0, 12, 24).

    Returns
    -------
    DataFrame
        One row per tenure band of the referrer.

        Columns
        -------
        tenure_band : str
            « 0 à 11 mois », « 12 à 23 mois », « 24 mois et plus » (from ``bands``).
        tenure_min_months : int
            Lower bound of the band (months).
        customer_months : int
            Months at risk of the customers of the band within the window.
        recruits : int
            Recruits credited to customers of the band in the window.
        recruit_rate : float
            recruits / customer_months.
        std_error : float
            Poisson standard error of the rate.
        relative_rate : float
            Rate relative to the first band.

    Examples
    --------
    >>> base = pd.DataFrame({"customer_id": [0, 1], "acquisition_month": [-30, 0],
    ...                      "churn_month": [pd.NA, pd.NA]})
    >>> refs = pd.DataFrame({"month": [1, 2, 3], "referrer_tenure_months": [31, 32, 3]})
    >>> referrals_by_tenure(refs, base, start=0, stop=4)[["customer_months", "recruits"]].values.tolist()
    [[3, 1], [0, 0], [4, 2]]
    """
    refs = check_table(
        referrals, ["month", "referrer_tenure_months"], name="referrals", nonempty=False
    )
    data = check_table(
        customers,
        ["customer_id", "acquisition_month", "churn_month"],
        name="customers",
        id_col="customer_id",
    )
    start, stop = _window(start, stop)
    month = _int_column(refs, "month", "referrals")
    tenure = _int_column(refs, "referrer_tenure_months", "referrals")
    inside = (month >= start) & (month < stop)
    return _rates(data, tenure[inside], start, stop, bands, "recruits", "recruit_rate")
