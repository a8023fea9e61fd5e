"""The simulation engine: SimPy drives the calendar, small mechanisms update the population.

The engine owns the shared state, passed explicitly to each mechanism: the
:class:`~crmsim.model.population.Population` (one NumPy array per attribute), the
:class:`~crmsim.model.tenure.Cohorts` (active customers by acquisition month), the
:class:`~crmsim.model.calendar.Calendar` (price levels, crisis, programme) and the
:class:`~crmsim.model.runlog.RunLog`. Each month (SimPy time ``m + 0.5``) :meth:`Engine.step`
calls the mechanisms in the order of docs/model.md; each one reads its own parameters
from the scenario once, draws from the random stream it was given, and returns what the
next ones need. Adding a mechanism means writing one unit and one line in the step.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

import numpy as np
import simpy

from crmsim import labels as L
from crmsim.model.acquisition import Acquisition
from crmsim.model.calendar import Calendar
from crmsim.model.care import Care
from crmsim.model.customers import SCHEMA, Newcomers
from crmsim.model.economics import Economics
from crmsim.model.hazards import Departures
from crmsim.model.lines import Lines
from crmsim.model.population import Population
from crmsim.model.purchases import Purchases
from crmsim.model.runlog import RunLog
from crmsim.model.tenure import Cohorts, TenureTables
from crmsim.model.wallet import Wallet
from crmsim.scenario import Scenario

__all__ = ["Engine"]


class Engine:
    """One simulation run: shared state, mechanisms and the SimPy calendar (use ``simulate``).

    Parameters
    ----------
    scenario : Scenario
        The parameters of the run.
    rngs : list of numpy.random.Generator
        The streams derived from the seed: ``rngs[0]`` drives the monthly mechanisms (in
        the order of the step), ``rngs[1]`` is kept for the transactions table, ``rngs[2]``
        drives the surveys, ``rngs[3]`` the product lines, ``rngs[4]`` the wallet tables and
        ``rngs[5]`` the accounts table. A new mechanism gets a new stream, so the draws of
        the others do not change.
    transactions : bool
        Record the buyers of each month (needed for the ``transactions`` table).
    """

    #: Number of random streams the engine uses (see ``rngs``).
    STREAMS = 6

    def __init__(self, scenario: Scenario, rngs: list[np.random.Generator], transactions: bool):
        self.sc = scenario
        main, self.rng_tx, rng_survey = rngs[:3]
        self.rng = main
        self.months = scenario.months
        self.log = RunLog(scenario.months, keep_purchases=transactions)
        self.env = simpy.Environment()
        self.cal = Calendar(self.env, scenario, self.log)
        mk = scenario.market
        self.pop = Population(
            SCHEMA, capacity=min(mk.market_size, mk.initial_customers * 5 // 4 + 4096)
        )
        self.cohorts = Cohorts(mk.initial_tenure_max_months, scenario.months)
        tables = TenureTables.of(scenario)
        # the mechanisms, in the order of the monthly step
        self.acquisition = Acquisition(scenario, main, self.log)
        self.newcomers = Newcomers(scenario, main, self.log)
        self.care = Care(scenario, tables.disc, main, rng_survey, self.log)
        self.departures = Departures(scenario, tables.damp, main, self.log)
        self.purchases = Purchases(tables.spend, main, self.log)
        self.economics = Economics(scenario, tables, self.log)
        self.lines = Lines(scenario, tables.disc, rngs[3], self.log)
        self.wallet = Wallet(scenario, rngs[4], self.log)
        self.referrals: Any = None  # optional Referrals (referrals.py), set by simulate
        self.log.extra["accounts_stream"] = rngs[5].bit_generator.state

    # ------------------------------------------------------------------ one month
    def step(self, m: int) -> None:
        """Month ``m``: the mechanisms in order (docs/model.md, "The monthly update")."""
        pop, cal, cohorts, rec = self.pop, self.cal, self.cohorts, self.log.monthly
        n = rec["active_start"][m] = pop.n
        # 1. acquisition and word of mouth (recruits join after row n; no update this month)
        channels = self.acquisition(m, pop, cohorts, cal)
        self.departures.refresh(pop, self.newcomers(m, pop, cohorts, cal, channels))
        if self.referrals is not None:  # who recruited whom (own stream, no state change)
            self.referrals(m, pop, n, channels)
        k, tenure = len(channels), m - pop["acquisition_month"]
        self.lines(m, pop, n, tenure)  # development campaign (product lines)
        # 2-3. satisfaction, incidents and complaints of the n customers present
        care = self.care(m, pop, n, cal)
        self.departures.refresh(pop, care.changed)
        # 4. hazards and departures (competing risks)
        out = self.departures(m, pop, n, k, tenure, care.dissatisfied, care.forced, cal)
        # 5. purchases of stayers and recruits
        orders = self.purchases(m, pop, n, k, tenure, out, cal)
        # 6. economics
        self.economics(m, pop, orders, tenure, out.rows, cal, cohorts)
        self.acquisition.first_month(m, channels, orders.revenue[n:], cal.price_index)
        self.departures.remove(pop, out, cohorts)
        self.wallet(m, pop)  # year-end snapshot for the share of wallet
        self.end_of_month(m)

    def end_of_month(self, m: int) -> None:
        """Record the state of the population and of the calendar at the end of month ``m``."""
        rec, cal = self.log.monthly, self.cal
        rec["active"][m] = self.pop.n
        rec["loyalty_members"][m] = np.count_nonzero(self.pop["member"])
        rec["price_index"][m] = cal.price_index
        rec["competitor_price_index"][m] = cal.competitor_price_index
        rec["crisis"][m] = cal.crisis_active
        rec["retention_spend"][m] += cal.communication_cost

    # ------------------------------------------------------------------ calendar hooks
    def on_programme_launch(self) -> None:
        """Calendar: the programme starts; current customers may join."""
        self.departures.refresh(self.pop, self.newcomers.enrol_all(self.cal.month, self.pop))

    def on_survey(self, m: int) -> None:
        """Calendar: a satisfaction survey (and its call-backs) after the update of month ``m``."""
        self.departures.refresh(self.pop, self.care.survey(m, self.pop))

    # ------------------------------------------------------------------ run
    def monthly_process(
        self, progress: Callable[[int], object] | None
    ) -> Generator[Any, Any, None]:
        """SimPy process: the population update in the middle of every month."""
        yield self.env.timeout(0.5)
        for m in range(self.months):
            self.step(m)
            if progress is not None:
                progress(m)
            yield self.env.timeout(1)

    def run(self, progress: Callable[[int], object] | None = None) -> RunLog:
        """Run every month and return the log (with the final population and forecast)."""
        mk = self.sc.market
        k0 = mk.initial_customers
        if k0:
            tenure0 = self.rng.integers(1, mk.initial_tenure_max_months + 1, k0)
            channels = np.full(k0, L.INITIAL, np.int8)
            rows = self.newcomers(0, self.pop, self.cohorts, self.cal, channels, tenure0)
            self.departures.refresh(self.pop, rows)
        self.cal.start(self.on_programme_launch, self.on_survey)
        self.env.process(self.monthly_process(progress))
        self.env.run(until=self.months)
        self.close()
        return self.log

    def close(self) -> None:
        """End of the run: hand the final population and the CLV forecast to the log."""
        pop, months = self.pop, self.months
        tenure = months - pop["acquisition_month"]
        dis_rows = (pop["satisfaction"] < 0).nonzero()[0]
        keep = self.departures.keep_probability(pop, tenure, pop.n, dis_rows, self.cal)
        clv, risk = self.economics.forecast(pop, tenure, keep, self.cal)
        self.log.population = pop
        self.log.forecast = {
            "customer_id": pop["customer_id"].copy(),
            "expected_clv": clv,
            "churn_risk": risk,
        }
