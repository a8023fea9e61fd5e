"""Customers entering the population: drawn profiles and starting state; programme enrolment.

The heterogeneity of customers (basket, order rate, expectation, price sensitivity,
churn propensity, strategic share) is drawn once, when they arrive (see docs/model.md).
Recruits' profiles are drawn in blocks of at least 4 096, one call per block rather than
one per month.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from crmsim import labels as L
from crmsim.model.calendar import Calendar
from crmsim.model.population import Population
from crmsim.model.runlog import RunLog
from crmsim.model.tenure import Cohorts
from crmsim.scenario import Scenario

__all__ = ["SCHEMA", "Newcomers"]

#: Attributes of a customer in the population (derived hazard factors at the end).
SCHEMA: dict[str, Any] = {
    "customer_id": np.int64,
    "acquisition_month": np.int64,
    "channel": np.int8,
    "basket": np.float64,
    "order_rate": np.float64,
    "expectation": np.float64,
    "price_sensitivity": np.float64,
    "churn_propensity": np.float64,
    "strategic_share": np.float64,
    "satisfaction": np.float64,
    "dissatisfied": np.bool_,
    "unresolved": np.bool_,
    "recovered": np.bool_,
    "member": np.bool_,
    "join_month": np.int64,
    "complaints": np.int64,
    "n_orders": np.float64,
    "last_purchase_month": np.int64,
    "revenue": np.float64,
    "volume": np.float64,
    "margin_disc": np.float64,
    "event_cost": np.float64,
    "event_cost_disc": np.float64,
    "churn_month": np.int64,
    "churn_cause": np.int8,
    "lines_added": np.int64,  # product lines added by development (crmsim.model.lines)
    # derived per-customer factors, refreshed when membership or complaints change
    "pull": np.float64,
    "keep_anecdotal": np.float64,
    "ctrl": np.float64,
    "ins_factor": np.float64,
    "str_factor": np.float64,
}


class Newcomers:
    """New customers join the population (parameters: ``customers``, ``attrition``...).

    Parameters
    ----------
    scenario : Scenario
        Its ``customers`` and ``attrition`` groups (profiles), ``satisfaction`` (starting
        gap) and ``loyalty.programme_enrolment``.
    rng : numpy.random.Generator
        The stream of profiles and enrolments.
    log : RunLog
        Receives the programme enrolments.
    """

    def __init__(self, scenario: Scenario, rng: np.random.Generator, log: RunLog) -> None:
        self.sc, self.rng, self.log = scenario, rng, log
        self.next_id = 0
        self.pool: dict[str, np.ndarray] = {}
        self.pool_pos = self.pool_size = 0

    def draw_profiles(self, k: int) -> dict[str, np.ndarray]:
        """Draw the heterogeneity of ``k`` customers (see docs/model.md)."""
        rng, cu, att = self.rng, self.sc.customers, self.sc.attrition
        mu, h = att.anecdotal_monthly_rate, att.propensity_heterogeneity
        s, sig = cu.strategic_share, cu.price_sensitivity_sigma
        return {
            "basket": cu.basket_median_mad * np.exp(cu.basket_sigma * rng.standard_normal(k)),
            "order_rate": rng.gamma(
                cu.order_rate_shape, cu.order_rate_mean / cu.order_rate_shape, k
            ),
            "expectation": np.clip(rng.normal(cu.expectation_mean, cu.expectation_sd, k), 0, 10),
            "price_sensitivity": np.exp(sig * rng.standard_normal(k) - sig**2 / 2),
            "churn_propensity": rng.beta(mu / h, (1 - mu) / h, k)
            if 0 < mu < 1 and h > 0
            else np.full(k, mu),
            "strategic_share": rng.beta(10 * s, 10 * (1 - s), k) if 0 < s < 1 else np.full(k, s),
        }

    def _profiles(self, k: int) -> dict[str, np.ndarray]:
        """Next ``k`` recruits' profiles, drawn in blocks (one call per block, not per month)."""
        if self.pool_pos + k > self.pool_size:
            self.pool_size = max(k, 4096)
            self.pool = self.draw_profiles(self.pool_size)
            self.pool_pos = 0
        sl = slice(self.pool_pos, self.pool_pos + k)
        self.pool_pos += k
        return {name: arr[sl] for name, arr in self.pool.items()}

    def __call__(
        self,
        month: int,
        pop: Population,
        cohorts: Cohorts,
        cal: Calendar,
        channels: np.ndarray,
        tenure0: np.ndarray | None = None,
    ) -> slice:
        """Append customers of the given channel codes; return their rows.

        ``tenure0`` (months of tenure already) marks the initial base, whose profiles are
        drawn in one go; recruits take theirs from the block pool.
        """
        k = len(channels)
        if k == 0:
            return slice(pop.n, pop.n)
        acq = month if tenure0 is None else month - tenure0
        prof = self.draw_profiles(k) if tenure0 is not None else self._profiles(k)
        sa = self.sc.satisfaction
        sat = sa.service_quality - cal.quality_drop - prof["expectation"]
        member: Any = False
        join: Any = -1
        if cal.programme_active:
            member = self.rng.random(k) < self.sc.loyalty.programme_enrolment
            join = np.where(member, max(month, 0), -1)
        first = self.next_id
        self.next_id += k
        # scalars fill the whole block of new rows
        pop.add(
            k,
            {
                "customer_id": np.arange(first, first + k),
                "acquisition_month": acq,
                "channel": channels,
                **prof,
                "satisfaction": sat,
                "dissatisfied": False,  # set by the first monthly update (complaint chance)
                "unresolved": False,
                "recovered": False,
                "member": member,
                "join_month": join,
                "complaints": 0,
                "n_orders": 0.0,
                "last_purchase_month": -1,
                "revenue": 0.0,
                "volume": 0.0,
                "margin_disc": 0.0,
                "event_cost": 0.0,
                "event_cost_disc": 0.0,
                "churn_month": -1,
                "churn_cause": -1,
                "lines_added": 0,
                "pull": sa.satisfaction_memory * (sa.service_quality - prof["expectation"]),
                "keep_anecdotal": 1.0 - prof["churn_propensity"],
                "ctrl": 0.0,
                "ins_factor": 0.0,
                "str_factor": 0.0,
            },
        )
        if tenure0 is None:
            cohorts.add_month(month, k)
        else:
            cohorts.add(acq)
        if cal.programme_active:
            self.log.interaction(max(month, 0), np.flatnonzero(member) + first, L.JOINED)
        return slice(pop.n - k, pop.n)

    def enrol_all(self, month: int, pop: Population) -> np.ndarray:
        """Programme launch: each current customer joins with the enrolment probability.

        Returns the rows that joined (their hazard factors change).
        """
        join = (self.rng.random(pop.n) < self.sc.loyalty.programme_enrolment) & ~pop["member"]
        pop["member"][join] = True
        pop["join_month"][join] = month
        rows = np.flatnonzero(join)
        self.log.interaction(month, pop["customer_id"][rows], L.JOINED)
        return rows
