"""Customer lifetime: word of mouth (Bass), survival, retention and customer lifetime value.

Pure functions for the simulation lessons (acquisition, attrition, loyalty economics). They
work on numbers and on plain DataFrames (a simulation's tables or real data) and never
import SimPy.

Conventions: one period is whatever the rates are expressed in (a month for the
simulation, a year for the loyalty-economics formulas); a *retention rate* ``r`` is the
probability of staying one more period, ``1 - r`` the attrition (defection) rate; a
*hazard* is a per-period departure probability.

Formulas (see the lessons for the derivations):

- Bass, discrete: ``N[t+1] = N[t] + (p + q N[t] / M) (M - N[t])``; continuous:
  ``F(t) = (1 - exp(-(p+q) t)) / (1 + (q/p) exp(-(p+q) t))``, peak at ``ln(q/p) / (p+q)``.
- constant hazard ``h``: ``S(t) = (1 - h)^t`` (geometric lifetime, mean ``1/h``);
- shifted-beta-geometric (churn probability ~ Beta(alpha, beta) across customers):
  ``S(t) = B(alpha, beta + t) / B(alpha, beta)``, retention
  ``r_t = (beta + t - 1) / (alpha + beta + t - 1)`` rising with tenure;
- customer lifetime value: ``m r / (1 + d - r)`` (margin at the end of each period) or
  ``m (1 + d) / (1 + d - r)`` (first margin received now).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import optimize, special

from crmsim._validation import check_columns, check_nonempty, ensure_frame
from crmsim.analysis.kpi import campaign_kpis
from crmsim.errors import DataError

#: Monthly columns counting departures by cause (``monthly`` table of a run), course order.
CAUSE_COLUMNS = (
    "churned_dissatisfaction",
    "churned_structural",
    "churned_circumstantial",
    "churned_incidental",
)
CAUSES = ("insatisfaction", "structurelle", "conjoncturelle", "anecdotique")

__all__ = [
    "bass_adoption",
    "bass_peak",
    "campaign_kpis_by_channel",
    "churn_by_cause",
    "clv",
    "cohort_survival",
    "competing_risks",
    "customer_value",
    "fit_sbg",
    "geometric_survival",
    "monthly_to_yearly",
    "retention_leverage",
    "revenue_by_tenure",
    "sbg_params",
    "sbg_survival",
    "tenure_margins",
    "yearly_to_monthly",
]


# ---------------------------------------------------------------------- input checks
def _rate(value: object, name: str, *, low_open: bool = False, high_open: bool = False) -> float:
    """``value`` as a float in [0, 1] (bounds optionally open), or a French DataError."""
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise DataError(f"{name} doit être un nombre entre 0 et 1, reçu {value!r}.") from None
    bad = math.isnan(x) or x < 0 or x > 1 or (low_open and x == 0) or (high_open and x == 1)
    if bad:
        hint = f" (un pourcentage ? écrivez {x / 100:g})" if 1 < x <= 100 else ""
        low = "strictement positif" if low_open else "au moins 0"
        high = "strictement inférieur à 1" if high_open else "au plus 1"
        raise DataError(f"{name} doit être {low} et {high}, reçu {value!r}{hint}.")
    return x


def _positive(value: object, name: str, *, strict: bool = True) -> float:
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise DataError(f"{name} doit être un nombre, reçu {value!r}.") from None
    if math.isnan(x) or x < 0 or (strict and x == 0) or math.isinf(x):
        what = "strictement positif" if strict else "positif ou nul"
        raise DataError(f"{name} doit être un nombre {what} et fini, reçu {value!r}.")
    return x


def _periods(value: object, name: str = "periods") -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise DataError(f"{name} doit être un nombre entier de périodes ≥ 1, reçu {value!r}.")
    return int(value)


# ---------------------------------------------------------------------- rates
def yearly_to_monthly(yearly_rate: float) -> float:
    """Monthly rate equivalent to a yearly attrition rate: ``1 - (1 - a)^(1/12)``.

    Losing 10 % of customers a year is not 10/12 % a month but 0.874 % (the monthly losses
    apply to an ever smaller base).

    Examples
    --------
    >>> round(yearly_to_monthly(0.10), 5)
    0.00874
    """
    a = _rate(yearly_rate, "yearly_rate (taux annuel)")
    return 1.0 - (1.0 - a) ** (1.0 / 12.0)


def monthly_to_yearly(monthly_rate: float) -> float:
    """Yearly rate equivalent to a monthly rate: ``1 - (1 - h)^12``.

    Examples
    --------
    >>> round(monthly_to_yearly(0.00874), 3)
    0.1
    """
    h = _rate(monthly_rate, "monthly_rate (taux mensuel)")
    return 1.0 - (1.0 - h) ** 12


# ---------------------------------------------------------------------- Bass
def bass_adoption(p: float, q: float, market_size: float, periods: int) -> pd.DataFrame:
    """Bass diffusion from zero adopters: discrete recurrence and continuous curve.

    Parameters
    ----------
    p : float
        External (innovation) coefficient per period: advertising, media, campaigns.
    q : float
        Imitation coefficient per period: word of mouth from adopters.
    market_size : float
        Potential adopters M.
    periods : int
        Number of periods computed.

    Returns
    -------
    DataFrame
        One row per period ``t = 0 .. periods``.

        Columns
        -------
        period : int
            Periods elapsed (in a simulation, ``period = month + 1`` at the end of a month).
        new_adopters : float
            ``N[t] - N[t-1]`` (0 at ``t = 0``): adopters of period t, discrete form.
        adopters : float
            ``N[t]`` from the recurrence ``N[t+1] = N[t] + (p + q N[t]/M)(M - N[t])``:
            the expectation of an agent simulation with monthly adoption draws.
        adopters_continuous : float
            ``M F(t)`` with the continuous Bass curve (differs from the discrete form by a
            discretisation bias that shrinks with shorter periods).

    Examples
    --------
    >>> table = bass_adoption(0.03, 0.38, 1000, 3)
    >>> table["adopters"].round(1).tolist()
    [0.0, 30.0, 70.2, 122.8]
    >>> round(float(table["adopters_continuous"].iloc[1]), 1)
    35.8
    """
    p = _rate(p, "p (influence externe)")
    q = _positive(q, "q (imitation)", strict=False)
    m = _positive(market_size, "market_size (taille du marché)")
    periods = _periods(periods)
    if p == 0:
        raise DataError(
            "p (influence externe) vaut 0 : sans premier adoptant, personne ne peut imiter "
            "et la diffusion ne démarre jamais. Donnez un p positif (par exemple 0.003)."
        )
    n = np.zeros(periods + 1)
    for t in range(periods):
        n[t + 1] = n[t] + min(p + q * n[t] / m, 1.0) * (m - n[t])
    t = np.arange(periods + 1, dtype=float)
    e = np.exp(-(p + q) * t)
    f = (1.0 - e) / (1.0 + (q / p) * e)
    return pd.DataFrame(
        {
            "period": np.arange(periods + 1),
            "new_adopters": np.diff(n, prepend=0.0),
            "adopters": n,
            "adopters_continuous": m * f,
        }
    )


def bass_peak(p: float, q: float) -> float:
    """Time of the adoption peak of the continuous Bass curve: ``ln(q/p) / (p + q)``.

    Returns 0 when ``q <= p`` (imitation too weak: adoptions decline from the start).

    Examples
    --------
    >>> round(bass_peak(0.003, 0.08), 1)
    39.6
    """
    p = _rate(p, "p (influence externe)", low_open=True)
    q = _positive(q, "q (imitation)", strict=False)
    return math.log(q / p) / (p + q) if q > p else 0.0


# ---------------------------------------------------------------------- survival models
def geometric_survival(hazard: float, periods: int) -> pd.DataFrame:
    """Survival of customers who all share the same constant hazard (geometric lifetime).

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
    h = _rate(hazard, "hazard (risque de départ par période)")
    periods = _periods(periods)
    t = np.arange(periods + 1)
    s = (1.0 - h) ** t
    churn = np.where(t > 0, h * (1.0 - h) ** np.maximum(t - 1, 0), 0.0)
    retention = np.where(t > 0, 1.0 - h, np.nan)
    return pd.DataFrame(
        {"tenure": t, "survival": s, "churn_probability": churn, "retention": retention}
    )


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
    mu = _rate(mean, "mean (probabilité moyenne de départ)", low_open=True, high_open=True)
    h = _rate(heterogeneity, "heterogeneity (hétérogénéité)", low_open=True, high_open=True)
    return mu / h, (1.0 - mu) / h


def sbg_survival(alpha: float, beta: float, periods: int) -> pd.DataFrame:
    """Shifted-beta-geometric survival (Fader & Hardie 2007) of a heterogeneous cohort.

    Each customer keeps a constant churn probability drawn from Beta(alpha, beta). The
    cohort's retention rate ``r_t = (beta + t - 1) / (alpha + beta + t - 1)`` rises with
    tenure although no customer changes: the churn-prone leave first (selection effect).

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
    a = _positive(alpha, "alpha")
    b = _positive(beta, "beta")
    periods = _periods(periods)
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
    n = np.asarray(list(survivors), dtype=float)
    if n.ndim != 1 or len(n) < 3 or not np.isfinite(n).all():
        raise DataError(
            "survivors doit être une suite d'au moins 3 effectifs finis (n_0, n_1, ...), "
            f"reçu {len(n)} valeur(s)."
        )
    if (np.diff(n) > 1e-9 * n[0]).any() or n[-1] < 0 or n[0] <= 0:
        raise DataError(
            "survivors doit être positif et décroissant (une cohorte ne regagne pas de "
            "clients) : vérifiez l'ordre des valeurs."
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


def cohort_survival(
    customers: pd.DataFrame,
    *,
    include_initial: bool = False,
    max_tenure: int | None = None,
    acquisition_col: str = "acquisition_month",
    tenure_col: str = "tenure_months",
    active_col: str = "active",
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
    data = ensure_frame(customers, "customers")
    check_columns(data, [acquisition_col, tenure_col, active_col], "customers")
    acq = data[acquisition_col].to_numpy(dtype=np.int64)
    tenure = data[tenure_col].to_numpy(dtype=np.int64)
    active = data[active_col].to_numpy(dtype=bool)
    keep = np.ones(len(data), bool) if include_initial else acq >= 0
    acq, tenure, active = acq[keep], tenure[keep], active[keep]
    if len(acq) == 0:
        raise DataError(
            "Aucun client acquis pendant la simulation dans customers : la survie d'une "
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
    h = np.array([_rate(v, f"hazards[{k!r}]") for k, v in hazards.items()])
    n = _positive(customers, "customers (taille de la base)")
    total = 1.0 - np.prod(1.0 - h)
    share = h / h.sum() if h.sum() > 0 else np.zeros_like(h)
    return pd.DataFrame(
        {"cause": list(hazards), "hazard": h, "share": share, "departures": n * total * share}
    )


# ---------------------------------------------------------------------- value
def clv(margin: float, retention: float, discount_rate: float, *, timing: str = "end") -> float:
    """Customer lifetime value with a constant margin and retention rate.

    Parameters
    ----------
    margin : float
        Margin per period (MAD), net of the cost of serving and keeping the customer.
    retention : float
        Probability of staying one more period (0 <= r < 1).
    discount_rate : float
        Discount rate per period (d = 10 % a year means 1 MAD next year is worth 1/1.1 now).
    timing : {"end", "start"}
        ``"end"``: margin received at the end of each period the customer stays,
        ``CLV = m r / (1 + d - r)``. ``"start"``: the first margin is received now,
        ``CLV = m (1 + d) / (1 + d - r)`` (the "end" value plus today's margin).

    Examples
    --------
    >>> round(clv(1200, 0.9, 0.1), 6)
    5400.0
    >>> round(clv(1200, 0.9, 0.1, timing="start"), 6)
    6600.0
    """
    r = _rate(retention, "retention (taux de rétention)", high_open=True)
    d = _positive(discount_rate, "discount_rate (taux d'actualisation)", strict=False)
    try:
        m = float(margin)
    except (TypeError, ValueError):
        raise DataError(
            f"margin (marge par période) doit être un nombre, reçu {margin!r}."
        ) from None
    if timing == "end":
        return m * r / (1.0 + d - r)
    if timing == "start":
        return m * (1.0 + d) / (1.0 + d - r)
    raise DataError(f"timing doit valoir « end » ou « start », reçu {timing!r}.")


def tenure_margins(
    first_margin: float,
    years: int,
    *,
    spend_growth: float = 0.08,
    growth_cap_years: float = 5.0,
    cost_to_serve: float = 0.0,
    cost_decline: float = 0.10,
    cost_floor: float = 0.5,
) -> np.ndarray:
    """Yearly margin of a customer by year of tenure: spending grows, serving costs fall.

    Year ``t = 1 .. years``: ``first_margin (1 + g min(t - 1, cap)) - c max(1 - k (t - 1), floor)``,
    the same shape as the simulation's loyalty effects (``loyalty.spend_growth_per_year``,
    ``loyalty.cost_to_serve_decline_per_year``...).

    Examples
    --------
    >>> tenure_margins(1000, 4, cost_to_serve=300).round(0).tolist()
    [700.0, 810.0, 920.0, 1030.0]
    """
    years = _periods(years, "years")
    g = _positive(spend_growth, "spend_growth", strict=False)
    c = _positive(cost_to_serve, "cost_to_serve", strict=False)
    k = _positive(cost_decline, "cost_decline", strict=False)
    floor = _rate(cost_floor, "cost_floor")
    cap = _positive(growth_cap_years, "growth_cap_years", strict=False)
    t = np.arange(years, dtype=float)
    return float(first_margin) * (1.0 + g * np.minimum(t, cap)) - c * np.maximum(1.0 - k * t, floor)


def customer_value(
    margins: Sequence[float] | float,
    retention: float,
    discount_rate: float,
    *,
    acquisition_cost: float = 0.0,
    horizon: int | None = None,
) -> float:
    """Present value of a new customer whose margin changes with tenure.

    ``PV = - acquisition_cost + sum_{t=1..H} m_t r^t / (1 + d)^t``: margin ``m_t`` of tenure
    year t, received at the end of the year if the customer is still there (probability
    ``r^t``). With a constant margin and an infinite horizon this is :func:`clv`.

    Parameters
    ----------
    margins : float or sequence of float
        Margin of each year of tenure (the last one is repeated up to ``horizon``).
    horizon : int, optional
        Years counted (default: ``len(margins)``, or 100 for a single number).

    Examples
    --------
    >>> round(customer_value(1200, 0.9, 0.1, horizon=400), 2)
    5400.0
    >>> round(customer_value([100, 200, 300], 0.8, 0.1, acquisition_cost=150), 2)
    143.91
    """
    m = np.atleast_1d(np.asarray(margins, dtype=float))
    if m.ndim != 1 or len(m) == 0 or not np.isfinite(m).all():
        raise DataError("margins doit être un nombre ou une suite de marges annuelles finies.")
    r = _rate(retention, "retention (taux de rétention)")
    d = _positive(discount_rate, "discount_rate (taux d'actualisation)", strict=False)
    a = _positive(acquisition_cost, "acquisition_cost (coût d'acquisition)", strict=False)
    if horizon is None:
        horizon = 100 if len(m) == 1 else len(m)
    horizon = _periods(horizon, "horizon")
    path = np.concatenate([m, np.full(max(horizon - len(m), 0), m[-1])])[:horizon]
    t = np.arange(1, horizon + 1, dtype=float)
    return float(-a + np.sum(path * (r / (1.0 + d)) ** t))


def retention_leverage(
    margins: Sequence[float] | float,
    retention: float,
    *,
    improvement: float = 0.05,
    discount_rate: float = 0.10,
    acquisition_cost: float = 0.0,
    horizon: int | None = None,
) -> pd.DataFrame:
    """Reichheld & Sasser's effect: value of a customer when defections fall by some points.

    Their famous figures (+85 % for bank branches, +50 % for insurance brokerage, +30 % for
    an auto-service chain, for 5 points fewer defections) are changes in the **present
    value of a customer** (:func:`customer_value`), not in a firm's yearly profit.

    Returns
    -------
    DataFrame
        Two rows, ``actuel`` and ``amélioré``.

        Columns
        -------
        situation : str
        retention : float
            Yearly retention rate (the improved one is ``retention + improvement``).
        defection : float
            ``1 - retention``.
        expected_lifetime : float
            Mean lifetime in years, ``1 / defection``.
        present_value : float
            Present value of a new customer (MAD).
        change : float
            Relative change of the present value against ``actuel`` (0 for ``actuel``).

    Examples
    --------
    >>> t = retention_leverage(1200, 0.90, horizon=400)
    >>> t["present_value"].round(0).tolist(), round(float(t["change"].iloc[1]), 3)
    ([5400.0, 7600.0], 0.407)
    """
    r = _rate(retention, "retention (taux de rétention)", high_open=True)
    dr = _rate(improvement, "improvement (gain de rétention)")
    if r + dr >= 1:
        raise DataError(
            f"retention + improvement doit rester inférieur à 1, reçu {r:g} + {dr:g}: "
            "un client ne peut pas rester pour toujours à coup sûr."
        )
    rows = []
    for name, rate in (("actuel", r), ("amélioré", r + dr)):
        pv = customer_value(
            margins, rate, discount_rate, acquisition_cost=acquisition_cost, horizon=horizon
        )
        rows.append((name, rate, 1.0 - rate, 1.0 / (1.0 - rate), pv))
    table = pd.DataFrame(
        rows, columns=["situation", "retention", "defection", "expected_lifetime", "present_value"]
    )
    base = table["present_value"].iloc[0]
    if base <= 0:
        warnings.warn(
            "La valeur actuelle de départ est négative ou nulle : la variation relative "
            "n'a pas de sens (NaN).",
            stacklevel=2,
        )
        table["change"] = np.nan
    else:
        table["change"] = table["present_value"] / base - 1.0
    return table


# ---------------------------------------------------------------------- simulated tables
def churn_by_cause(monthly: pd.DataFrame) -> pd.DataFrame:
    """Departures of a run by attrition cause: count and share.

    Parameters
    ----------
    monthly : DataFrame
        The ``monthly`` table of a run (one ``churned_*`` column per cause).

    Returns
    -------
    DataFrame
        One row per cause, in the course's order.

        Columns
        -------
        cause : str
            insatisfaction, structurelle, conjoncturelle, anecdotique.
        churned : int
            Departures of this cause over the run.
        share : float
            Share of all departures (NaN when nobody left).

    Examples
    --------
    >>> import pandas as pd
    >>> mo = pd.DataFrame({c: [1, 1] for c in CAUSE_COLUMNS})
    >>> churn_by_cause(mo)["share"].tolist()
    [0.25, 0.25, 0.25, 0.25]
    """
    monthly = ensure_frame(monthly, "monthly")
    check_columns(monthly, list(CAUSE_COLUMNS), "monthly")
    counts = [int(monthly[c].sum()) for c in CAUSE_COLUMNS]
    total = sum(counts)
    return pd.DataFrame(
        {
            "cause": list(CAUSES),
            "churned": counts,
            "share": [c / total if total else float("nan") for c in counts],
        }
    )


def campaign_kpis_by_channel(
    campaigns: pd.DataFrame, *, channel_col: str = "channel"
) -> pd.DataFrame:
    """The course's seven campaign indicators for each channel of a ``campaigns`` table.

    Sums messages, responses, orders, cost, revenue and gross margin per channel, then
    applies :func:`crmsim.campaign_kpis` (break-even with the gross margin per order).

    Returns
    -------
    DataFrame
        One row per channel with at least one message.

        Columns
        -------
        channel : str
        messages, responses, orders, cost, revenue, gross_margin : float
            Totals over the run.
        contact_cost, response_rate, average_order, prospect_acquisition_cost,
        conversion_rate, customer_acquisition_cost, break_even_orders : float
            The indicators of :func:`crmsim.campaign_kpis` (NaN when undefined).

    Examples
    --------
    >>> import pandas as pd
    >>> camp = pd.DataFrame({"channel": ["mailing", "mailing"], "messages": [5000, 5000],
    ...                      "responses": [200, 200], "orders": [50, 50], "cost": [25000.0] * 2,
    ...                      "revenue": [40000.0] * 2, "gross_margin": [12500.0] * 2})
    >>> row = campaign_kpis_by_channel(camp).iloc[0]
    >>> [float(row[k]) for k in ("response_rate", "customer_acquisition_cost", "break_even_orders")]
    [0.04, 500.0, 200.0]
    """
    data = ensure_frame(campaigns, "campaigns")
    cols = ["messages", "responses", "orders", "cost", "revenue", "gross_margin"]
    check_columns(data, [channel_col, *cols], "campaigns")
    check_nonempty(data, "campaigns")
    totals = data.groupby(channel_col, observed=True, sort=False)[cols].sum()
    totals = totals[totals["messages"] > 0]
    rows = []
    for channel, t in totals.iterrows():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            margin = t["gross_margin"] / t["orders"] if t["orders"] else float("nan")
            k = campaign_kpis(
                total_cost=t["cost"],
                messages_sent=t["messages"],
                responses=t["responses"],
                orders=t["orders"],
                order_revenue=t["revenue"],
                gross_margin_per_order=None if math.isnan(margin) else max(margin, 0.0),
            )
        rows.append(
            {
                "channel": str(channel),
                **t.to_dict(),
                **dict(zip(k["indicator_id"], k["value"], strict=True)),
            }
        )
    return pd.DataFrame(rows)


def revenue_by_tenure(
    transactions: pd.DataFrame,
    customers: pd.DataFrame,
    *,
    months: int,
    period_months: int = 12,
) -> pd.DataFrame:
    """Mean monthly revenue of an active customer by year (or other period) of tenure.

    Divides the revenue of the orders placed at each tenure by the number of customer-months
    observed at that tenure, so that customers who left and the length of the run do not
    bias the comparison.

    Parameters
    ----------
    transactions : DataFrame
        Orders with ``customer_id``, ``month`` and ``amount``.
    customers : DataFrame
        Customers with ``customer_id``, ``acquisition_month``, ``active`` and
        ``churn_month``.
    months : int
        Length of the run (``result.scenario.months``).
    period_months : int, default 12
        Width of a tenure class (12: years of tenure).

    Returns
    -------
    DataFrame
        Columns
        -------
        tenure_period : int
            1 for the first ``period_months`` months of tenure, 2 for the next...
        customer_months : int
            Customer-months observed.
        revenue : float
            Revenue of those months (MAD).
        revenue_per_customer_month : float
            ``revenue / customer_months`` (MAD).

    Examples
    --------
    >>> import pandas as pd
    >>> cu = pd.DataFrame({"customer_id": [0], "acquisition_month": [0], "active": [True],
    ...                    "churn_month": pd.array([pd.NA], dtype="Int64")})
    >>> tx = pd.DataFrame({"customer_id": [0, 0], "month": [0, 13], "amount": [120.0, 240.0]})
    >>> revenue_by_tenure(tx, cu, months=24)["revenue_per_customer_month"].tolist()
    [10.0, 20.0]
    """
    tx = ensure_frame(transactions, "transactions")
    cu = ensure_frame(customers, "customers")
    check_columns(tx, ["customer_id", "month", "amount"], "transactions")
    check_columns(cu, ["customer_id", "acquisition_month", "active", "churn_month"], "customers")
    check_nonempty(tx, "transactions")
    months = _periods(months, "months")
    width = _periods(period_months, "period_months")
    acq = cu["acquisition_month"].to_numpy(dtype=np.int64)
    end = np.where(
        cu["active"].to_numpy(dtype=bool),
        months,
        cu["churn_month"].fillna(months).to_numpy(dtype=np.int64),
    )
    t0 = np.maximum(acq, 0) - acq  # first observed tenure (buying months [t0, t1))
    t1 = end - acq
    size = int(t1.max(initial=1)) + 1
    diff = np.zeros(size + 1, np.int64)
    np.add.at(diff, t0, 1)
    np.add.at(diff, t1, -1)
    exposure = np.cumsum(diff)[:size]
    acq_of = pd.Series(acq, index=cu["customer_id"].to_numpy())
    tenure = tx["month"].to_numpy(dtype=np.int64) - acq_of.reindex(tx["customer_id"]).to_numpy()
    revenue = np.bincount(tenure, weights=tx["amount"].to_numpy(dtype=float), minlength=size)
    cls = np.arange(size) // width
    table = pd.DataFrame({"cls": cls, "exp": exposure, "rev": revenue[:size]})
    grouped = table.groupby("cls").sum()
    grouped = grouped[grouped["exp"] > 0]
    return pd.DataFrame(
        {
            "tenure_period": grouped.index.to_numpy() + 1,
            "customer_months": grouped["exp"].to_numpy(dtype=np.int64),
            "revenue": grouped["rev"].to_numpy(),
            "revenue_per_customer_month": (grouped["rev"] / grouped["exp"]).to_numpy(),
        }
    )
