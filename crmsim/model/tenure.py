"""Functions of tenure as lookup tables, and the active customers counted by cohort.

Tenure effects (spend growth, falling cost to serve, discounting, fading price
sensitivity) depend only on the scenario and on a customer's tenure in months, so they
are computed once per run as arrays indexed by tenure. :class:`Cohorts` counts the
active customers by month of acquisition, so that word of mouth and the monthly cost to
serve need no pass over the whole population.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from crmsim.scenario import Scenario

__all__ = ["Cohorts", "TenureTables"]


@dataclass(frozen=True)
class TenureTables:
    """Lookup tables indexed by tenure ``t = 0, 1, ...`` months (see docs/model.md).

    Attributes
    ----------
    d : float
        Monthly discount rate, from the yearly one.
    disc : ndarray
        Discount factor ``(1 + d)^-t``.
    spend : ndarray
        Spend multiplier ``1 + growth x min(t / 12, cap)``.
    serve : ndarray
        Monthly cost to serve (MAD).
    damp : ndarray
        Price-sensitivity factor ``1 / (1 + t / half-life)``.
    cum_serve, cum_serve_disc, cum_disc : ndarray
        Cumulative sums (with a leading 0) for closed-form lifetime totals.

    Examples
    --------
    >>> tt = TenureTables.of(Scenario(months=12))
    >>> float(tt.disc[0]), float(tt.spend[12])
    (1.0, 1.08)
    """

    d: float
    disc: np.ndarray
    spend: np.ndarray
    serve: np.ndarray
    damp: np.ndarray
    cum_serve: np.ndarray
    cum_serve_disc: np.ndarray
    cum_disc: np.ndarray

    @classmethod
    def of(cls, scenario: Scenario) -> TenureTables:
        """Tables long enough for every tenure of a run of ``scenario``."""
        lo, ec = scenario.loyalty, scenario.economics
        t = np.arange(scenario.market.initial_tenure_max_months + scenario.months + 2, dtype=float)
        d = (1.0 + ec.yearly_discount_rate) ** (1.0 / 12.0) - 1.0
        disc = (1.0 + d) ** -t
        spend = 1.0 + lo.spend_growth_per_year * np.minimum(t / 12.0, lo.spend_growth_cap_years)
        factor = np.maximum(
            1.0 - lo.cost_to_serve_decline_per_year * t / 12.0, lo.cost_to_serve_floor
        )
        serve = ec.cost_to_serve_mad * factor
        return cls(
            d=d,
            disc=disc,
            spend=spend,
            serve=serve,
            damp=1.0 / (1.0 + t / lo.price_sensitivity_half_life_months),
            cum_serve=np.concatenate([[0.0], np.cumsum(serve)]),
            cum_serve_disc=np.concatenate([[0.0], np.cumsum(serve * disc)]),
            cum_disc=np.concatenate([[0.0], np.cumsum(disc)]),
        )


class Cohorts:
    """Active customers by month of acquisition (index ``month + offset``).

    Parameters
    ----------
    offset : int
        The longest tenure of the initial base (its customers have negative months).
    months : int
        Length of the run.

    Examples
    --------
    >>> c = Cohorts(offset=2, months=3)
    >>> c.add_month(0, 5); c.add(np.array([-1, -2, -1])); c.remove(np.array([-1]))
    >>> c.counts.tolist(), c.loyal(12)
    ([1, 1, 5, 0, 0, 0], 7)
    """

    def __init__(self, offset: int, months: int) -> None:
        self.offset = offset
        self.counts = np.zeros(offset + months + 1, np.int64)

    def add_month(self, month: int, k: int) -> None:
        """``k`` customers acquired in ``month``."""
        self.counts[month + self.offset] += k

    def add(self, acquisition_months: np.ndarray) -> None:
        """Customers with the given acquisition months."""
        self.counts += np.bincount(acquisition_months + self.offset, minlength=len(self.counts))

    def remove(self, acquisition_months: np.ndarray) -> None:
        """Departures with the given acquisition months."""
        self.counts -= np.bincount(acquisition_months + self.offset, minlength=len(self.counts))

    def loyal(self, month: int, years: int = 1) -> int:
        """Customers acquired ``12 x years`` months before ``month`` or earlier."""
        cut = month - 12 * years + self.offset
        return int(self.counts[: cut + 1].sum()) if cut >= 0 else 0

    def total_serve(self, month: int, serve: np.ndarray) -> float:
        """Cost to serve of every active customer in ``month`` (``serve`` by tenure)."""
        top = month + self.offset
        return float(self.counts[: top + 1] @ serve[top::-1])
