"""Survival and retention: geometric and shifted-beta-geometric models, cohorts, competing risks.

Conventions: a *hazard* is a per-period departure probability, the *retention rate* ``r``
is the probability of staying one more period and ``1 - r`` the attrition rate.

- constant hazard ``h``: ``S(t) = (1 - h)^t`` (geometric lifetime, mean ``1/h``);
- shifted-beta-geometric (Fader & Hardie 2007; churn probability ~ Beta(alpha, beta) across
  customers): ``S(t) = B(alpha, beta + t) / B(alpha, beta)`` and retention
  ``r_t = (beta + t - 1) / (alpha + beta + t - 1)``, rising with tenure by selection alone;
- competing risks: with hazards ``h_k`` a customer leaves with probability
  ``1 - prod(1 - h_k)``, for cause ``k`` with probability ``h_k / sum(h)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import optimize, special

from crmsim._resources import check_memory
from crmsim._validation import (
    check_bool,
    check_flags,
    check_integers,
    check_numbers,
    check_periods,
    check_positive,
    check_rate,
    check_table,
    french_arguments,
)
from crmsim.errors import DataError

__all__ = [
    "cohort_survival",
    "competing_risks",
    "fit_sbg",
    "geometric_survival",
    "monthly_to_yearly",
    "sbg_params",
    "sbg_survival",
    "yearly_to_monthly",
]


@french_arguments
def yearly_to_monthly(yearly_rate: float) -> float:
    """Monthly rate equivalent to a yearly attrition rate: ``1 - (1 - a)^(1/12)``.

    Losing 10 % of customers a year is not 10/12 % a month but 0.874 % (the monthly losses
    apply to an ever smaller base).

    Examples
    --------
    >>> round(yearly_to_monthly(0.10), 5)
    0.00874
    """
    a = check_rate(yearly_rate, "yearly_rate (taux annuel)")
    return 1.0 - (1.0 - a) ** (1.0 / 12.0)


@french_arguments
def monthly_to_yearly(monthly_rate: float) -> float:
    """Yearly rate equivalent to a monthly rate: ``1 - (1 - h)^12``.

    Examples
    --------
    >>> round(monthly_to_yearly(0.00874), 3)
    0.1
    """
    h = check_rate(monthly_rate, "monthly_rate (taux mensuel)")
    return 1.0 - (1.0 - h) ** 12


@french_arguments
def geometric_survival(hazard: float, periods: int, *, allow_large: bool = False) -> pd.DataFrame:
    """Survival of customers who all share the same constant hazard (geometric lifetime).

    Parameters
    ----------
    periods : int
        Last tenure computed.
    allow_large : bool, default False
        Go past the memory check (a French error when the table would not fit).

    Returns
    -------
    DataFrame
        Columns
        -------
        tenure : int
            Periods since acquisition, ``0 .. periods``.
        survival : float
            ``S(t) = (1 - h)^t``: share of a cohort still customers after t periods.
        churn_probability : float
            ``P(T = t) = h (1 - h)^(t-1)`` (0 at t = 0).
        retention : float
            ``S(t) / S(t-1) = 1 - h``, the same at every tenure (NaN at t = 0).

    Examples
    --------
    >>> s = geometric_survival(yearly_to_monthly(0.10), 36)
    >>> round(float(s["survival"].iloc[12]), 3), round(float(s["survival"].iloc[36]), 3)
    (0.9, 0.729)
    """
    h = check_rate(hazard, "hazard (risque de départ par période)")
    periods = check_periods(periods)
    check_memory(
        40.0 * (periods + 1),
        what=f"la survie sur {periods} périodes",
        reduce="periods",
        allow_large=allow_large,
    )
    t = np.arange(periods + 1)
    s = (1.0 - h) ** t
    churn = np.where(t > 0, h * (1.0 - h) ** np.maximum(t - 1, 0), 0.0)
    retention = np.where(t > 0, 1.0 - h, np.nan)
    return pd.DataFrame(
        {"tenure": t, "survival": s, "churn_probability": churn, "retention": retention}
    )


@french_arguments
def sbg_params(mean: float, heterogeneity: float) -> tuple[float, float]:
    """Beta(alpha, beta) with a given mean churn probability and heterogeneity ``1/(alpha+beta)``.

    This is how the simulation draws each customer's anecdotal churn propensity
    (``attrition.anecdotal_monthly_rate`` and ``attrition.propensity_heterogeneity``):
    ``alpha = mean / heterogeneity``, ``beta = (1 - mean) / heterogeneity``. Heterogeneity 0
    means identical customers (geometric); close to 1, very unequal ones.

    Examples
    --------
    >>> a, b = sbg_params(0.0055, 0.02)
    >>> round(a, 3), round(b, 3)
    (0.275, 49.725)
    """
    mu = check_rate(mean, "mean (probabilité moyenne de départ)", low_open=True, high_open=True)
    h = check_rate(heterogeneity, "heterogeneity (hétérogénéité)", low_open=True, high_open=True)
    return mu / h, (1.0 - mu) / h


@french_arguments
def sbg_survival(
    alpha: float, beta: float, periods: int, *, allow_large: bool = False
) -> pd.DataFrame:
    """Shifted-beta-geometric survival (Fader & Hardie 2007) of a heterogeneous cohort.

    Each customer keeps a constant churn probability drawn from Beta(alpha, beta). The
    cohort's retention rate ``r_t = (beta + t - 1) / (alpha + beta + t - 1)`` rises with
    tenure although no customer changes: the churn-prone leave first (selection effect).

    Parameters
    ----------
    periods : int
        Last tenure computed.
    allow_large : bool, default False
        Go past the memory check (a French error when the table would not fit).

    Returns
    -------
    DataFrame
        Columns
        -------
        tenure : int
            ``0 .. periods``.
        survival : float
            ``S(t) = B(alpha, beta + t) / B(alpha, beta)``.
        churn_probability : float
            ``P(T = t) = B(alpha + 1, beta + t - 1) / B(alpha, beta)`` (0 at t = 0).
        retention : float
            ``S(t) / S(t-1)`` (NaN at t = 0).

    Examples
    --------
    >>> s = sbg_survival(1.0, 10.0, 12)
    >>> round(float(s["retention"].iloc[1]), 4), round(float(s["retention"].iloc[12]), 4)
    (0.9091, 0.9545)
    """
    a = check_positive(alpha, "alpha")
    b = check_positive(beta, "beta")
    periods = check_periods(periods)
    check_memory(
        40.0 * (periods + 1),
        what=f"la survie sur {periods} périodes",
        reduce="periods",
        allow_large=allow_large,
    )
    t = np.arange(periods + 1, dtype=float)
    log_b0 = special.betaln(a, b)
    s = np.exp(special.betaln(a, b + t) - log_b0)
    churn = np.where(
        t > 0, np.exp(special.betaln(a + 1.0, b + np.maximum(t - 1.0, 0.0)) - log_b0), 0.0
    )
    retention = np.where(t > 0, (b + t - 1.0) / (a + b + t - 1.0), np.nan)
    return pd.DataFrame(
        {
            "tenure": t.astype(np.int64),
            "survival": s,
            "churn_probability": churn,
            "retention": retention,
        }
    )


@french_arguments
def fit_sbg(survivors: Sequence[float]) -> tuple[float, float]:
    """Maximum-likelihood shifted-beta-geometric fit to a cohort's survivors.

    Parameters
    ----------
    survivors : sequence of float
        ``n_0 > n_1 > ... > n_T``: customers of a cohort still present after 0, 1, ..., T
        periods (counts, or a survival curve times the cohort size).

    Returns
    -------
    (alpha, beta) : tuple of float
        Maximises ``sum (n_{t-1} - n_t) ln P(T = t) + n_T ln S(T)``.

    Examples
    --------
    >>> s = sbg_survival(0.7, 3.0, 8)["survival"] * 1000
    >>> a, b = fit_sbg(s)
    >>> round(a, 2), round(b, 2)
    (0.7, 3.0)
    """
    n = check_numbers(survivors, "survivors (effectifs de la cohorte)")
    if len(n) < 3:
        raise DataError(
            "survivors doit être une suite d’au moins 3 effectifs finis (n_0, n_1, ...), "
            f"reçu {len(n)} valeur(s)."
        )
    if (np.diff(n) > 1e-9 * n[0]).any() or n[-1] < 0 or n[0] <= 0:
        raise DataError(
            "survivors doit être positif et décroissant (une cohorte ne regagne pas de "
            "clients) : vérifiez l’ordre des valeurs."
        )
    lost = -np.diff(n)
    t = np.arange(1, len(n), dtype=float)
    last = len(n) - 1

    def negll(log_ab: np.ndarray) -> float:
        a, b = np.exp(log_ab)
        log_b0 = special.betaln(a, b)
        ll = np.sum(lost * (special.betaln(a + 1.0, b + t - 1.0) - log_b0))
        ll += n[-1] * (special.betaln(a, b + last) - log_b0)
        return -float(ll)

    best = optimize.minimize(negll, x0=np.log([1.0, 10.0]), method="Nelder-Mead",
                             options={"xatol": 1e-8, "fatol": 1e-10, "maxiter": 4000})  # fmt: skip
    a, b = np.exp(best.x)
    return float(a), float(b)


@french_arguments
def cohort_survival(
    customers: pd.DataFrame,
    *,
    include_initial: bool = False,
    max_tenure: int | None = None,
    acquisition_col: str = "acquisition_month",
    tenure_col: str = "tenure_months",
    active_col: str = "active",
    allow_large: bool = False,
) -> pd.DataFrame:
    """Empirical survival by tenure (Kaplan-Meier) of the customers of a simulation.

    Customers still active at the end are *censored*: they count as at risk for every
    period they were observed, never as departures. With the simulation's convention a
    customer who leaves with ``tenure_months = t`` left during their t-th month
    (``T = t``), and an active customer of tenure t has survived ``t - 1`` monthly risks.

    Parameters
    ----------
    customers : DataFrame
        The ``customers`` table of a :class:`crmsim.SimulationResult` (or a table with the
        same three columns).
    include_initial : bool, default False
        Also use the customers present at the start (acquisition month < 0), from the
        tenure at which they enter the observation (left truncation). Off by default: the
        simulation draws their churn propensity without the selection their past
        survival would have made, so mixing them in hides the selection effect.
    max_tenure : int, optional
        Last tenure shown (default: the largest observed).
    allow_large : bool, default False
        Go past the memory check on ``max_tenure``.

    Returns
    -------
    DataFrame
        Columns
        -------
        tenure : int
            ``0 .. max_tenure``.
        at_risk : int
            Customers exposed to departure at this tenure.
        churned : int
            Departures at this tenure.
        hazard : float
            ``churned / at_risk`` (NaN when nobody is at risk).
        survival : float
            Kaplan-Meier estimate ``prod (1 - hazard)``; 1 at tenure 0.
        retention : float
            ``1 - hazard`` (NaN at tenure 0).

    Examples
    --------
    >>> import pandas as pd
    >>> toy = pd.DataFrame({"acquisition_month": [0, 0, 0, 0],
    ...                     "tenure_months": [1, 2, 3, 3], "active": [False, False, True, False]})
    >>> cohort_survival(toy)["survival"].round(3).tolist()
    [1.0, 0.75, 0.5, 0.0]
    """
    data = check_table(customers, [acquisition_col, tenure_col, active_col], name="customers")
    include_initial = check_bool(include_initial, "include_initial")
    acq = check_integers(data, acquisition_col, name="customers")
    tenure = check_integers(data, tenure_col, name="customers", allow_negative=False)
    active = check_flags(data, active_col, "customers")
    if max_tenure is not None:
        max_tenure = check_periods(max_tenure, "max_tenure")
        check_memory(
            48.0 * max_tenure,
            what=f"une table de {max_tenure} anciennetés",
            reduce="max_tenure",
            allow_large=allow_large,
        )
    keep = np.ones(len(data), bool) if include_initial else acq >= 0
    acq, tenure, active = acq[keep], tenure[keep], active[keep]
    if len(acq) == 0:
        raise DataError(
            "Aucun client acquis pendant la simulation dans customers : la survie d’une "
            "cohorte ne peut pas être estimée (essayez include_initial=True)."
        )
    entry = np.maximum(-acq - 1, 0)
    duration = np.where(active, tenure - 1, tenure)
    observed = duration > entry
    entry, duration, event = entry[observed], duration[observed], ~active[observed]
    top = int(duration.max()) if len(duration) else 1
    top = top if max_tenure is None else int(max_tenure)
    size = max(top, int(duration.max(initial=0))) + 2
    # at_risk(t) = #{entry < t <= duration}: difference array over tenures
    diff = np.zeros(size + 1, np.int64)
    np.add.at(diff, entry + 1, 1)
    np.add.at(diff, duration + 1, -1)
    at_risk = np.cumsum(diff)[: top + 1]
    churned = np.bincount(duration[event], minlength=size)[: top + 1]
    at_risk[0], churned[0] = 0, 0
    with np.errstate(divide="ignore", invalid="ignore"):
        hazard = np.where(at_risk > 0, churned / np.maximum(at_risk, 1), np.nan)
    hazard[0] = np.nan
    survival = np.cumprod(np.concatenate([[1.0], 1.0 - np.nan_to_num(hazard[1:])]))
    return pd.DataFrame(
        {
            "tenure": np.arange(top + 1),
            "at_risk": at_risk,
            "churned": churned,
            "hazard": hazard,
            "survival": survival,
            "retention": 1.0 - hazard,
        }
    )


@french_arguments
def competing_risks(hazards: Mapping[str, float], *, customers: float = 1000.0) -> pd.DataFrame:
    """Departures of a customer base exposed to several independent causes in one period.

    A customer stays only if no cause makes them leave: the departure probability is
    ``1 - prod_k (1 - h_k)``, and a departure is attributed to cause k with probability
    ``h_k / sum_j h_j``.

    Parameters
    ----------
    hazards : mapping of str to float
        Per-period hazard of each cause, e.g. ``{"insatisfaction": 0.004, ...}``.
    customers : float, default 1000
        Size of the base, for the expected departures.

    Returns
    -------
    DataFrame
        One row per cause.

        Columns
        -------
        cause : str
        hazard : float
            The hazard given.
        share : float
            Share of the departures due to this cause.
        departures : float
            Expected departures of this cause among ``customers``.

        ``departures.sum() / customers`` is the probability of leaving in the period.

    Examples
    --------
    >>> t = competing_risks({"insatisfaction": 0.004, "anecdotique": 0.006})
    >>> t["share"].round(2).tolist(), round(float(t["departures"].sum()), 3)
    ([0.4, 0.6], 9.976)
    """
    if not isinstance(hazards, Mapping) or not hazards:
        raise DataError(
            "hazards doit être un dictionnaire non vide {cause: risque}, reçu "
            f"{type(hazards).__name__}."
        )
    h = np.array([check_rate(v, f"hazards[{k!r}]") for k, v in hazards.items()])
    n = check_positive(customers, "customers (taille de la base)")
    total = 1.0 - np.prod(1.0 - h)
    share = h / h.sum() if h.sum() > 0 else np.zeros_like(h)
    return pd.DataFrame(
        {"cause": list(hazards), "hazard": h, "share": share, "departures": n * total * share}
    )
