"""Acquisition and word of mouth: campaigns, then Bass adoption among the prospects.

Each campaign channel sends the contacts the calendar posted this month; responses and
orders are binomial. Then every remaining prospect adopts with probability
``p + q N_eff / M`` (Bass mixed-influence form), where ``N_eff`` weights the customers
present at the start of the month by what they tell others (satisfied, loyal, recovered,
dissatisfied). Prospects are used up: a lost customer does not come back.
"""

from __future__ import annotations

import numpy as np

from crmsim import labels as L
from crmsim.model.calendar import Calendar
from crmsim.model.population import Population
from crmsim.model.runlog import RunLog
from crmsim.model.tenure import Cohorts
from crmsim.scenario import Scenario

__all__ = ["Acquisition"]


class Acquisition:
    """Mechanism "acquisition and word of mouth" (parameters: ``market``, ``acquisition``).

    Parameters
    ----------
    scenario : Scenario
        Its ``market`` and ``acquisition`` groups, and the gross margin rate (for the
        first-month margin of campaign recruits).
    rng : numpy.random.Generator
        The stream of campaign responses, orders and adoptions.
    log : RunLog
        Receives the campaigns and the monthly recruit counts.

    Attributes
    ----------
    prospects : int
        Members of the market who are not (and never were) customers.
    """

    def __init__(self, scenario: Scenario, rng: np.random.Generator, log: RunLog) -> None:
        self.mk, self.acq = scenario.market, scenario.acquisition
        self.gross_margin_rate = scenario.economics.gross_margin_rate
        self.rng, self.log = rng, log
        self.prospects = self.mk.market_size - self.mk.initial_customers
        # per campaign channel: code, key, its parameters, the monthly counter of recruits
        self.channels = [
            (code, key, getattr(self.acq, key), log.monthly[f"new_{key}"])
            for code, key in enumerate(L.CAMPAIGN_CHANNELS)
        ]

    def word_of_mouth(self, m: int, pop: Population, cohorts: Cohorts) -> float:
        """Effective number of recommenders ``N_eff`` at the start of month ``m`` (Bass)."""
        mk, cols, n = self.mk, pop.cols, pop.n
        dis = cols["dissatisfied"][:n]
        rows = (dis | cols["recovered"][:n]).nonzero()[0]  # not plain satisfied
        n_dis = int(np.count_nonzero(dis.take(rows)))
        n_rcv = len(rows) - n_dis  # recovered and satisfied
        n_loyal = cohorts.loyal(m)  # acquired in month m - 12 or before
        if n_loyal:
            n_loyal -= int(np.count_nonzero(cols["acquisition_month"].take(rows) <= m - 12))
        return (
            (pop.n - n_dis - n_rcv - n_loyal)
            + mk.loyal_recommend_boost * n_loyal
            + mk.recovered_tell / mk.happy_tell * n_rcv
            - mk.unhappy_tell / mk.happy_tell * n_dis
        )

    def __call__(self, m: int, pop: Population, cohorts: Cohorts, cal: Calendar) -> np.ndarray:
        """Recruits of month ``m``: campaign orders, then Bass adopters; their channel codes.

        Uses the contacts the calendar posted (``cal.pending_contacts``, reset to 0).
        """
        n_eff = self.word_of_mouth(m, pop, cohorts)
        rng, rec = self.rng, self.log.monthly
        recruits = [0] * len(L.CHANNELS)
        pending, binomial, campaigns = cal.pending_contacts, rng.binomial, self.log.campaigns
        spend = rec["acquisition_spend"][m]
        for code, key, ch, new_col in self.channels:
            contacts = min(pending[key], self.prospects)
            pending[key] = 0
            if contacts <= 0:
                continue
            responses = int(binomial(contacts, ch.response_rate))
            orders = int(binomial(responses, ch.conversion_rate))
            self.prospects -= orders
            cost = contacts * ch.contact_cost_mad
            spend += cost
            new_col[m] = orders
            campaigns.append((m, code, contacts, responses, orders, cost, 0.0, 0.0))
            recruits[code] = orders
        rec["acquisition_spend"][m] = spend
        mk = self.mk
        prob = min(mk.external_influence_p + mk.imitation_q * max(n_eff, 0.0) / mk.market_size, 1.0)
        adopters = int(rng.binomial(self.prospects, prob)) if self.prospects > 0 else 0
        external = int(rng.binomial(adopters, mk.external_influence_p / prob)) if adopters else 0
        self.prospects -= adopters
        rec["new_word_of_mouth"][m] = rec["word_of_mouth_recruits"][m] = adopters - external
        rec["new_external"][m] = external
        recruits[L.WORD_OF_MOUTH], recruits[L.EXTERNAL] = adopters - external, external
        channels = np.repeat(np.arange(len(L.CHANNELS), dtype=np.int8), recruits)
        rec["new_customers"][m] = len(channels)
        return channels

    def first_month(
        self, m: int, channels: np.ndarray, revenue: np.ndarray, price_index: float
    ) -> None:
        """Record the first-month revenue and margin of this month's campaign recruits."""
        if not len(channels):
            return
        margin = revenue * ((price_index - (1.0 - self.gross_margin_rate)) / price_index)
        by_rev = np.bincount(channels, weights=revenue, minlength=len(L.CHANNELS))
        by_mar = np.bincount(channels, weights=margin, minlength=len(L.CHANNELS))
        camps = self.log.campaigns
        i = len(camps) - 1
        while i >= 0 and camps[i][0] == m:
            mm, c, ct, rs, od, cs, _, _ = camps[i]
            camps[i] = (mm, c, ct, rs, od, cs, float(by_rev[c]), float(by_mar[c]))
            i -= 1
