"""Satisfaction and customer care: incidents, the satisfaction gap, complaints, surveys.

Each month the satisfaction of the customers present is smoothed towards the gap between
the quality they experience and their expectation (minus incidents and the crisis drop).
A customer who becomes dissatisfied complains with a small probability; a complaint
solved at once usually keeps the customer (recovery), an unsolved one raises their
dissatisfaction hazard. Surveys measure satisfaction on a sample and can trigger
call-backs of the customers flagged "à risque". See ``docs/model.md``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from crmsim import labels as L
from crmsim.model.calendar import Calendar
from crmsim.model.population import Population
from crmsim.model.runlog import RunLog
from crmsim.scenario import Scenario

__all__ = ["Care", "CareOutcome"]


class CareOutcome(NamedTuple):
    """What the satisfaction update of one month hands to the next mechanisms.

    Attributes
    ----------
    dissatisfied : ndarray of int
        Rows dissatisfied after the update (negative gap, not recovered).
    forced : ndarray of int
        Rows that leave for insatisfaction whatever happens (solved complaint, lost anyway).
    changed : ndarray of int
        Rows whose hazard factors must be refreshed (complaint opened or closed).
    """

    dissatisfied: np.ndarray
    forced: np.ndarray
    changed: np.ndarray


class Care:
    """Mechanism "satisfaction and care" (parameters: ``satisfaction``).

    Parameters
    ----------
    scenario : Scenario
        Its ``satisfaction`` group.
    disc : ndarray
        Discount factor by tenure (:attr:`TenureTables.disc`), for one-off costs.
    rng : numpy.random.Generator
        The stream of incidents and complaints.
    survey_rng : numpy.random.Generator
        The stream of survey samples and call-backs.
    log : RunLog
        Receives monthly counts, costs, interactions and survey events.
    """

    def __init__(
        self,
        scenario: Scenario,
        disc: np.ndarray,
        rng: np.random.Generator,
        survey_rng: np.random.Generator,
        log: RunLog,
    ) -> None:
        self.sa = scenario.satisfaction
        self.disc, self.rng, self.survey_rng, self.log = disc, rng, survey_rng, log
        p = self.sa.incident_monthly_rate
        self._incident_intensity = -np.log1p(-p) if 0 < p < 1 else 0.0  # per customer
        w = self.sa.satisfaction_memory
        self._keep_w = 1.0 - w
        self._incident_drop = w * self.sa.incident_severity
        self._empty = np.zeros(0, np.int64)

    def incidents(self, n: int) -> np.ndarray:
        """Rows hit by a service incident this month, each with the incident probability.

        Draws a Poisson number of hits with mean ``-n ln(1 - p)`` at uniform positions:
        a row is hit at least once with probability exactly ``p``, independently of the
        others, at a cost proportional to the number of incidents rather than to ``n``.
        """
        p = self.sa.incident_monthly_rate
        if p <= 0 or n == 0:
            return self._empty
        if p >= 1:
            return np.arange(n)
        hits = self.rng.integers(0, n, self.rng.poisson(n * self._incident_intensity))
        if len(hits) < 2:
            return hits
        hits.sort()
        first = np.empty(len(hits), bool)  # drop repeated positions (faster than np.unique)
        first[0] = True
        np.not_equal(hits[1:], hits[:-1], out=first[1:])
        return hits[first]

    def __call__(self, m: int, pop: Population, n: int, cal: Calendar) -> CareOutcome:
        """Update the satisfaction of rows ``0 .. n-1`` for month ``m``; handle complaints."""
        sa, rec, log, cols = self.sa, self.log.monthly, self.log, pop.cols
        ids = cols["customer_id"]
        inc = self.incidents(n)
        sat = cols["satisfaction"][:n]
        sat *= self._keep_w
        sat += cols["pull"][:n]  # w * (quality - expectation), fixed per customer
        if cal.quality_drop:
            sat -= sa.satisfaction_memory * cal.quality_drop
        if len(inc):
            sat[inc] -= self._incident_drop
            log.interactions.append((m, ids.take(inc), L.INCIDENT))
        dis = cols["dissatisfied"][:n]
        now_dis = sat < 0
        changed = np.not_equal(now_dis, dis, out=dis).nonzero()[0]  # dis: scratch from here
        became = now_dis.take(changed)
        newly, back = changed[became], changed[~became]
        unresolved = cols["unresolved"]
        was = back[unresolved.take(back)]
        if len(was):
            unresolved[was] = False
        log.interaction(m, ids.take(newly), L.DISSATISFIED)
        log.interaction(m, ids.take(back), L.SATISFIED_AGAIN)
        forced, opened = self.complaints(m, pop, newly, now_dis)
        dis[:] = now_dis
        rec["new_dissatisfied"][m] = len(newly)
        rec["incidents"][m] = len(inc)
        rec["mean_satisfaction"][m] = sat.sum() / n if n else np.nan
        dis_rows = now_dis.nonzero()[0]
        rec["dissatisfied"][m] = len(dis_rows)
        changed_factors = np.concatenate((was, opened)) if len(opened) else was
        return CareOutcome(dis_rows, forced, changed_factors)

    def complaints(
        self, m: int, pop: Population, newly: np.ndarray, now_dis: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Complaints of newly dissatisfied customers: (rows forced out, rows left unsolved)."""
        sa, rng, cols = self.sa, self.rng, pop.cols
        complainers = newly[rng.random(len(newly)) < sa.complaint_rate]
        self.log.monthly["complaints"][m] = len(complainers)
        if not len(complainers):
            return complainers, complainers
        cols["complaints"][complainers] += 1
        solved = rng.random(len(complainers)) < sa.resolution_rate
        resolved = complainers[solved]
        open_ = complainers[~solved]
        stays = rng.random(len(resolved)) < sa.recovery_stay_rate
        forced, fixed = resolved[~stays], resolved[stays]
        if len(fixed):
            self.recover(pop, fixed)
            now_dis[fixed] = False
        if len(open_):
            cols["unresolved"][open_] = True
        self.charge(m, pop, complainers, sa.complaint_cost_mad)
        ids = cols["customer_id"]
        self.log.interaction(m, ids.take(resolved), L.RESOLVED)
        self.log.interaction(m, ids.take(open_), L.UNRESOLVED)
        self.log.monthly["complaints_resolved"][m] = len(resolved)
        return forced, open_

    def recover(self, pop: Population, rows: np.ndarray) -> None:
        """Win back customers whose problem was solved (complaint or call-back).

        Their satisfaction is reset to ``recovery_boost`` and their own expectation gap is
        closed for good (``pull`` raised to at least 0): handling the complaint told the
        firm what this customer expects, and the follow-up meets it. This is what makes
        "easy complaints, quick answers" a retention lever, as the course teaches.
        """
        cols = pop.cols
        cols["satisfaction"][rows] = self.sa.recovery_boost
        cols["recovered"][rows] = True
        pull = cols["pull"]
        pull[rows] = np.maximum(pull.take(rows), 0.0)

    def charge(self, m: int, pop: Population, rows: np.ndarray, cost: float) -> None:
        """Charge a one-off retention cost (complaint, call-back) to some customers."""
        cols = pop.cols
        tenure = m - cols["acquisition_month"].take(rows)
        cols["event_cost"][rows] += cost
        cols["event_cost_disc"][rows] += cost * self.disc.take(tenure)
        self.log.monthly["retention_spend"][m] += cost * len(rows)

    def survey(self, m: int, pop: Population) -> np.ndarray:
        """Satisfaction survey on a random sample; optional call-back of at-risk customers.

        Returns the rows whose hazard factors changed (successful call-backs).
        """
        sa, rng = self.sa, self.survey_rng
        k = min(sa.survey_sample_size, pop.n)
        if k == 0:
            return np.zeros(0, np.int64)
        idx = np.sort(rng.choice(pop.n, k, replace=False))
        sat = pop["satisfaction"][idx]
        perceived = float(np.clip(pop["expectation"][idx] + sat, 0, 10).mean())
        share = float(np.mean(sat < 0))
        self.log.event(m, "satisfaction_survey", share, respondents=k, perceived=perceived)
        if not sa.survey_callback:
            return np.zeros(0, np.int64)
        at_risk = idx[sat < 0]
        ok = at_risk[rng.random(len(at_risk)) < sa.callback_success_rate]
        self.recover(pop, ok)
        pop["dissatisfied"][ok] = False
        pop["unresolved"][ok] = False
        self.charge(m, pop, at_risk, sa.callback_cost_mad)
        self.log.interaction(m, pop["customer_id"][at_risk], L.CALLBACK)
        return ok
