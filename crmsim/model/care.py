"""Customer care: incidents, complaints and satisfaction surveys, a mixin of the engine.

A dissatisfied customer complains with a small probability; a complaint solved at once
usually keeps the customer (recovery), an unsolved one raises their dissatisfaction
hazard. Surveys measure satisfaction on a sample and can trigger call-backs of the
customers flagged "à risque". See ``docs/model.md``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from crmsim.formatting import format_number, format_percent
from crmsim.model import labels as L

__all__ = ["CareMixin"]


class CareMixin:
    """Customer-care steps of :class:`crmsim.model.engine.Engine` (uses its state)."""

    pop: Any
    sc: Any
    cal: Any
    rec: dict[str, np.ndarray]
    rng: np.random.Generator
    rng_survey: np.random.Generator
    disc: np.ndarray
    refresh: Any
    log_interactions: Any

    def incidents(self, n: int) -> np.ndarray:
        """Rows hit by a service incident this month, each with the incident probability.

        Draws a Poisson number of hits with mean ``-n ln(1 - p)`` at uniform positions:
        a row is hit at least once with probability exactly ``p``, independently of the
        others, at a cost proportional to the number of incidents rather than to ``n``.
        """
        p = self.sc.satisfaction.incident_monthly_rate
        if p <= 0 or n == 0:
            return np.zeros(0, np.int64)
        if p >= 1:
            return np.arange(n)
        hits = np.sort(self.rng.integers(0, n, self.rng.poisson(-n * np.log1p(-p))))
        first = np.ones(len(hits), bool)  # drop repeated positions (faster than np.unique)
        np.not_equal(hits[1:], hits[:-1], out=first[1:])
        return hits[first]

    def complaints(self, m: int, newly: np.ndarray, now_dis: np.ndarray) -> np.ndarray:
        """Complaints of newly dissatisfied customers; returns rows forced out (not recovered)."""
        pop, sa, rng = self.pop, self.sc.satisfaction, self.rng
        complainers = newly[rng.random(len(newly)) < sa.complaint_rate]
        self.rec["complaints"][m] = len(complainers)
        if not len(complainers):
            return complainers
        pop["complaints"][complainers] += 1
        solved = rng.random(len(complainers)) < sa.resolution_rate
        fixed, open_ = complainers[solved], complainers[~solved]
        stays = rng.random(len(fixed)) < sa.recovery_stay_rate
        forced, fixed = fixed[~stays], fixed[stays]
        self.recover(fixed)
        now_dis[fixed] = False
        pop["unresolved"][open_] = True
        self.refresh(open_)
        self.charge(m, complainers, sa.complaint_cost_mad)
        ids = pop["customer_id"]
        self.log_interactions(m, ids[complainers[solved]], L.RESOLVED)
        self.log_interactions(m, ids[open_], L.UNRESOLVED)
        self.rec["complaints_resolved"][m] = len(fixed) + len(forced)
        return forced

    def recover(self, rows: np.ndarray) -> None:
        """Win back customers whose problem was solved (complaint or call-back).

        Their satisfaction is reset to ``recovery_boost`` and their own expectation gap is
        closed for good (``pull`` raised to at least 0): handling the complaint told the
        firm what this customer expects, and the follow-up meets it. This is what makes
        "easy complaints, quick answers" a retention lever, as the course teaches.
        """
        pop = self.pop
        pop["satisfaction"][rows] = self.sc.satisfaction.recovery_boost
        pop["recovered"][rows] = True
        pop["pull"][rows] = np.maximum(pop["pull"][rows], 0.0)

    def charge(self, m: int, rows: np.ndarray, cost: float) -> None:
        """Charge a one-off retention cost (complaint, call-back) to some customers."""
        pop = self.pop
        tenure = m - pop["acquisition_month"][rows]
        pop["event_cost"][rows] += cost
        pop["event_cost_disc"][rows] += cost * self.disc[tenure]
        self.rec["retention_spend"][m] += cost * len(rows)

    def survey(self, m: int) -> None:
        """Satisfaction survey on a random sample; optional call-back of at-risk customers."""
        pop, sa, rng = self.pop, self.sc.satisfaction, self.rng_survey
        k = min(sa.survey_sample_size, pop.n)
        if k == 0:
            return
        idx = np.sort(rng.choice(pop.n, k, replace=False))
        sat = pop["satisfaction"][idx]
        perceived = np.clip(pop["expectation"][idx] + sat, 0, 10).mean()
        share = float(np.mean(sat < 0))
        self.cal.log(
            "satisfaction_survey",
            f"Enquête de satisfaction : {k} répondants, qualité perçue moyenne "
            f"{format_number(perceived, 1)}/10, {format_percent(share, 1)} de mécontents.",
            share,
        )
        if not sa.survey_callback:
            return
        at_risk = idx[sat < 0]
        ok = at_risk[rng.random(len(at_risk)) < sa.callback_success_rate]
        self.recover(ok)
        pop["dissatisfied"][ok] = False
        pop["unresolved"][ok] = False
        self.refresh(ok)
        self.charge(m, at_risk, sa.callback_cost_mad)
        self.log_interactions(m, pop["customer_id"][at_risk], L.CALLBACK)
