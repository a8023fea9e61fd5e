"""Customer lifetime value and the economics of retention (Reichheld & Sasser 1990).

``clv`` is the textbook formula with constant margin ``m``, retention ``r`` and discount
rate ``d``: ``m r / (1 + d - r)`` when margins arrive at the end of each period,
``m (1 + d) / (1 + d - r)`` when the first one is received now. ``customer_value`` and
``retention_leverage`` extend it to margins that grow with tenure and to an acquisition
cost, which is how the "5 points of retention" effect is reproduced.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from crmsim._resources import check_memory
from crmsim._validation import (
    check_number,
    check_numbers,
    check_periods,
    check_positive,
    check_rate,
    french_arguments,
)
from crmsim.errors import DataError

__all__ = ["clv", "customer_value", "retention_leverage", "tenure_margins"]


@french_arguments
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
    r = check_rate(retention, "retention (taux de rétention)", high_open=True)
    d = check_positive(discount_rate, "discount_rate (taux d’actualisation)", strict=False)
    m = check_number(margin, "margin (marge par période)")
    if timing == "end":
        value = m * r / (1.0 + d - r)
    elif timing == "start":
        value = m * (1.0 + d) / (1.0 + d - r)
    else:
        raise DataError(f"timing doit valoir « end » ou « start », reçu {timing!r}.")
    return _finite(value, "la valeur client (CLV)")


def _finite(value: float, what: str) -> float:
    if not math.isfinite(value):
        raise DataError(
            f"{what} dépasse la capacité d’un nombre à virgule : les montants sont trop "
            "grands. Exprimez-les en milliers ou en millions de MAD."
        )
    return value


@french_arguments
def tenure_margins(
    first_margin: float,
    years: int,
    *,
    spend_growth: float = 0.08,
    growth_cap_years: float = 5.0,
    cost_to_serve: float = 0.0,
    cost_decline: float = 0.10,
    cost_floor: float = 0.5,
    allow_large: bool = False,
) -> np.ndarray:
    """Yearly margin of a customer by year of tenure: spending grows, serving costs fall.

    Year ``t = 1 .. years``: ``first_margin (1 + g min(t - 1, cap)) - c max(1 - k (t - 1), floor)``,
    the same shape as the simulation's loyalty effects (``loyalty.spend_growth_per_year``,
    ``loyalty.cost_to_serve_decline_per_year``...). ``allow_large=True`` goes past the
    memory check on ``years``.

    Examples
    --------
    >>> tenure_margins(1000, 4, cost_to_serve=300).round(0).tolist()
    [700.0, 810.0, 920.0, 1030.0]
    """
    first = check_number(first_margin, "first_margin (marge de la première année)")
    years = check_periods(years, "years")
    check_memory(
        16.0 * years, what=f"{years} années de marges", reduce="years", allow_large=allow_large
    )
    g = check_positive(spend_growth, "spend_growth", strict=False)
    c = check_positive(cost_to_serve, "cost_to_serve", strict=False)
    k = check_positive(cost_decline, "cost_decline", strict=False)
    floor = check_rate(cost_floor, "cost_floor")
    cap = check_positive(growth_cap_years, "growth_cap_years", strict=False)
    t = np.arange(years, dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):
        margins = first * (1.0 + g * np.minimum(t, cap)) - c * np.maximum(1.0 - k * t, floor)
    if not np.isfinite(margins).all():
        _finite(math.inf, "la marge d’une année")
    return margins


@french_arguments
def customer_value(
    margins: Sequence[float] | float,
    retention: float,
    discount_rate: float,
    *,
    acquisition_cost: float = 0.0,
    horizon: int | None = None,
    allow_large: bool = False,
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
    allow_large : bool, default False
        Go past the memory check (a French error when the horizon would not fit).

    Examples
    --------
    >>> round(customer_value(1200, 0.9, 0.1, horizon=400), 2)
    5400.0
    >>> round(customer_value([100, 200, 300], 0.8, 0.1, acquisition_cost=150), 2)
    143.91
    """
    m = check_numbers(margins, "margins (marges annuelles)")
    r = check_rate(retention, "retention (taux de rétention)")
    d = check_positive(discount_rate, "discount_rate (taux d’actualisation)", strict=False)
    a = check_positive(acquisition_cost, "acquisition_cost (coût d’acquisition)", strict=False)
    if horizon is None:
        horizon = 100 if len(m) == 1 else len(m)
    horizon = check_periods(horizon, "horizon")
    check_memory(
        32.0 * horizon,
        what=f"un horizon de {horizon} ans",
        reduce="horizon",
        allow_large=allow_large,
    )
    path = np.concatenate([m, np.full(max(horizon - len(m), 0), m[-1])])[:horizon]
    t = np.arange(1, horizon + 1, dtype=float)
    return _finite(float(-a + np.sum(path * (r / (1.0 + d)) ** t)), "la valeur actuelle")


@french_arguments
def retention_leverage(
    margins: Sequence[float] | float,
    retention: float,
    *,
    improvement: float = 0.05,
    discount_rate: float = 0.10,
    acquisition_cost: float = 0.0,
    horizon: int | None = None,
    allow_large: bool = False,
) -> pd.DataFrame:
    """Reichheld & Sasser's effect: value of a customer when defections fall by some points.

    Their famous figures (+85 % for bank branches, +50 % for insurance brokerage, +30 % for
    an auto-service chain, for 5 points fewer defections) are changes in the **present
    value of a customer** (:func:`customer_value`), not in a firm's yearly profit.

    Parameters
    ----------
    improvement : float, default 0.05
        Retention points gained (0.05: five points fewer defections).
    margins, retention, discount_rate, acquisition_cost, horizon, allow_large
        As in :func:`customer_value`.

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
    r = check_rate(retention, "retention (taux de rétention)", high_open=True)
    dr = check_rate(improvement, "improvement (gain de rétention)")
    if r + dr >= 1:
        raise DataError(
            f"retention + improvement doit rester inférieur à 1, reçu {r:g} + {dr:g}\u00a0: "
            "un client ne peut pas rester pour toujours à coup sûr."
        )
    rows = []
    for name, rate in (("actuel", r), ("amélioré", r + dr)):
        pv = customer_value(
            margins,
            rate,
            discount_rate,
            acquisition_cost=acquisition_cost,
            horizon=horizon,
            allow_large=allow_large,
        )
        rows.append((name, rate, 1.0 - rate, 1.0 / (1.0 - rate), pv))
    table = pd.DataFrame(
        rows, columns=["situation", "retention", "defection", "expected_lifetime", "present_value"]
    )
    base = table["present_value"].iloc[0]
    if base <= 0:
        warnings.warn(
            "La valeur actuelle de départ est négative ou nulle : la variation relative "
            "n’a pas de sens (NaN).",
            stacklevel=3,  # the caller, past the french_arguments wrapper
        )
        table["change"] = np.nan
    else:
        table["change"] = table["present_value"] / base - 1.0
    return table
