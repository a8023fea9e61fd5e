"""Hazards and departures: the four attrition types as competing monthly risks.

Each customer has four monthly hazards: insatisfaction, structurelle, conjoncturelle and
anecdotique. One uniform draw per customer decides whether they leave, with probability
``1 - prod_k (1 - h_k)``; each leaver gets one cause drawn in proportion to their hazards.
The probability of staying is needed for everybody, the hazards themselves only for the
leavers. Per-customer factors (``ctrl``, ``ins_factor``, ``str_factor``) are kept up to
date by :meth:`Departures.refresh` whenever membership or a complaint changes them.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from crmsim.labels import CAUSE_COLUMNS
from crmsim.model.calendar import Calendar
from crmsim.model.population import Population
from crmsim.model.runlog import RunLog
from crmsim.model.tenure import Cohorts
from crmsim.scenario import Scenario

__all__ = ["Departures", "Leavers"]


class Leavers(NamedTuple):
    """Outcome of the departure draw of one month.

    Attributes
    ----------
    keep : ndarray
        Probability of staying of rows ``0 .. n-1``.
    u : ndarray
        The departure draw of rows ``0 .. n-1`` (a row leaves when ``u >= keep``).
    churn : ndarray of bool
        Rows ``0 .. n+k-1`` that leave (recruits of the month never do).
    rows : ndarray of int
        Positions of the leavers.
    causes : ndarray of int8
        Cause code of each leaver (order of :data:`crmsim.labels.CAUSES`).
    """

    keep: np.ndarray
    u: np.ndarray
    churn: np.ndarray
    rows: np.ndarray
    causes: np.ndarray


class Departures:
    """Mechanism "hazards and departures" (parameters: ``attrition``, ``loyalty``).

    Parameters
    ----------
    scenario : Scenario
        Its ``attrition``, ``loyalty`` and ``satisfaction.unresolved_hazard_multiplier``.
    damp : ndarray
        Price-sensitivity factor by tenure (:attr:`TenureTables.damp`).
    rng : numpy.random.Generator
        The stream of the departure and cause draws.
    log : RunLog
        Receives the monthly departure counts by cause.
    """

    def __init__(
        self, scenario: Scenario, damp: np.ndarray, rng: np.random.Generator, log: RunLog
    ) -> None:
        self.att, self.lo = scenario.attrition, scenario.loyalty
        self.unresolved_multiplier = scenario.satisfaction.unresolved_hazard_multiplier
        self.damp, self.rng, self.log = damp, rng, log
        self.max_str_factor = 0.0
        self._neg_damp: tuple[float, np.ndarray] = (0.0, np.zeros(0))
        # per-run constants of refresh: ctrl by membership, the insatisfaction factor by
        # (membership, unsolved complaint); same operations as the formulas, done once
        lo, per_point = self.lo, self.att.dissatisfaction_hazard_per_point
        ctrl = np.array(
            [
                (1.0 - lo.switching_cost_reduction) * (1.0 - lo.programme_hazard_reduction * x)
                for x in (0.0, 1.0)
            ]
        )
        mult = np.array([1.0, self.unresolved_multiplier])
        self._ctrl_tab = ctrl
        self._ins_tab = (per_point * mult[:, None] * ctrl[None, :]).ravel()  # [2 u + member]
        self._cause_counts = [log.monthly[c] for c in CAUSE_COLUMNS]

    # ------------------------------------------------------------------ factors
    def refresh(self, pop: Population, rows: slice | np.ndarray) -> None:
        """Recompute the hazard factors of ``rows`` after a membership or complaint change."""
        if not isinstance(rows, slice) and not len(rows):
            return
        cols = pop.cols
        member = cols["member"][rows].view(np.int8)
        key = cols["unresolved"][rows].view(np.int8) * np.int8(2)
        key += member
        ctrl = self._ctrl_tab.take(member)
        cols["ctrl"][rows] = ctrl
        cols["ins_factor"][rows] = self._ins_tab.take(key)
        str_factor = cols["price_sensitivity"][rows] * ctrl  # rows may be a slice: a view
        cols["str_factor"][rows] = str_factor
        if len(str_factor):
            top = str_factor.max()
            if top > self.max_str_factor:
                self.max_str_factor = float(top)

    def _gap_pct(self, cal: Calendar) -> float:
        """Price gap to the competitor (in %, 0 if we are cheaper) plus the offer gap."""
        gap = 100.0 * max(cal.price_index / cal.competitor_price_index - 1.0, 0.0)
        return gap + self.att.offer_gap_pct

    def _controllable(self, cal: Calendar) -> float | None:
        """Scalar multiplier of the controllable hazards, or None when it is per customer."""
        lo = self.lo
        if cal.programme_active and lo.programme_hazard_reduction > 0:
            return None
        return 1.0 - lo.switching_cost_reduction

    # ------------------------------------------------------------------ hazards
    def cause_hazards(
        self, month: int, pop: Population, rows: np.ndarray, cal: Calendar
    ) -> np.ndarray:
        """Monthly hazard of each cause (rows: order of ``labels.CAUSES``) for some customers.

        insatisfaction: ``per_point x max(-satisfaction, 0)`` (x the multiplier after an
        unsolved complaint); structurelle: ``per_gap_point x gap% x price sensitivity /
        (1 + tenure / half-life)``; conjoncturelle: the crisis hazard; anecdotique: the
        customer's propensity. The first three are multiplied by the switching-cost and
        programme reductions (folded into ``ins_factor``, ``str_factor`` and ``ctrl``).
        """
        cols = pop.cols
        out = np.zeros((4, len(rows)))
        h = out[0]
        np.negative(cols["satisfaction"].take(rows), out=h)
        np.maximum(h, 0.0, out=h)
        h *= cols["ins_factor"].take(rows)
        base = self.att.structural_hazard_per_gap_point * self._gap_pct(cal)
        if base > 0:
            tenure = month - cols["acquisition_month"].take(rows)
            h = out[1]
            np.multiply(base, self.damp.take(tenure), out=h)
            h *= cols["str_factor"].take(rows)
        if cal.crisis_hazard > 0:
            ctrl = self._controllable(cal)
            out[2] = cal.crisis_hazard * (cols["ctrl"].take(rows) if ctrl is None else ctrl)
        np.minimum(out[:3], 1.0, out=out[:3])
        out[3] = cols["churn_propensity"].take(rows)
        return out

    def keep_probability(
        self, pop: Population, tenure: np.ndarray, n: int, dis_rows: np.ndarray, cal: Calendar
    ) -> np.ndarray:
        """Probability of staying, ``prod_k (1 - h_k)``, for rows ``0 .. n-1``.

        Computed in place with as few passes as possible; only the dissatisfied rows
        (``dis_rows``) have a dissatisfaction hazard.
        """
        cols = pop.cols
        keep_anec = cols["keep_anecdotal"][:n]
        base = self.att.structural_hazard_per_gap_point * self._gap_pct(cal)
        if base > 0:
            if self._neg_damp[0] != base:
                self._neg_damp = (base, -base * self.damp)
            keep = self._neg_damp[1].take(tenure)  # -h_str / price sensitivity
            keep *= cols["str_factor"][:n]
            keep += 1.0
            if base * self.max_str_factor > 1.0:  # some hazard may exceed 1
                np.maximum(keep, 0.0, out=keep)
            keep *= keep_anec
        else:
            keep = keep_anec.copy()
        if cal.crisis_hazard > 0:
            ctrl = self._controllable(cal)
            h = cal.crisis_hazard * (cols["ctrl"][:n] if ctrl is None else ctrl)
            keep *= 1.0 - np.minimum(h, 1.0)
        if len(dis_rows) and self.att.dissatisfaction_hazard_per_point > 0:
            h = cols["satisfaction"].take(dis_rows)
            np.negative(h, out=h)
            h *= cols["ins_factor"].take(dis_rows)
            np.maximum(h, 0.0, out=h)
            np.minimum(h, 1.0, out=h)
            np.subtract(1.0, h, out=h)
            h *= keep.take(dis_rows)
            keep[dis_rows] = h
        return keep

    # ------------------------------------------------------------------ the month
    def __call__(
        self,
        m: int,
        pop: Population,
        n: int,
        k: int,
        tenure: np.ndarray,
        dis_rows: np.ndarray,
        forced: np.ndarray,
        cal: Calendar,
    ) -> Leavers:
        """Draw the departures of the ``n`` customers present at the start of month ``m``.

        ``k`` recruits follow them in the population (they cannot leave this month);
        ``forced`` rows leave for insatisfaction whatever the draw (a solved complaint
        that did not win them back). Writes the churn month and cause of the leavers.
        """
        rng, rec = self.rng, self.log.monthly
        keep = self.keep_probability(pop, tenure[:n], n, dis_rows, cal)
        u = rng.random(n)
        churn = np.zeros(n + k, bool)
        np.greater_equal(u, keep, out=churn[:n])
        if len(forced):
            churn[forced] = True
        leavers = churn.nonzero()[0]
        n_out = len(leavers)
        rec["churned"][m] = n_out
        if not n_out:
            for counts in self._cause_counts:
                counts[m] = 0
            return Leavers(keep, u, churn, leavers, np.zeros(0, np.int8))
        cum = self.cause_hazards(m, pop, leavers, cal).cumsum(axis=0)
        draw = rng.random(n_out)
        draw *= cum[3]
        # the first cause whose cumulative hazard exceeds the draw (at most the last one)
        causes = (draw >= cum[:3]).sum(axis=0, dtype=np.int8)
        if len(forced):  # leavers are sorted and hold every forced row
            causes[np.searchsorted(leavers, forced)] = 0
        cols = pop.cols
        cols["churn_month"][leavers] = m
        cols["churn_cause"][leavers] = causes
        by_cause = np.bincount(causes, minlength=4).tolist()
        for counts, count in zip(self._cause_counts, by_cause, strict=True):
            counts[m] = count
        return Leavers(keep, u, churn, leavers, causes)

    @staticmethod
    def remove(pop: Population, out: Leavers, cohorts: Cohorts) -> None:
        """Take the leavers out of the population (to its archive) and of the cohorts."""
        if len(out.rows):
            cohorts.remove(pop["acquisition_month"][out.rows])
        pop.remove(out.churn)
