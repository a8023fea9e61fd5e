"""Hazards of the four attrition types (competing risks), a mixin of the engine.

Each customer has four monthly hazards: insatisfaction, structurelle, conjoncturelle and
anecdotique. The engine needs the probability of staying, ``prod_k (1 - h_k)``, for every
customer each month, and the hazards themselves only for the leavers (to draw one cause
in proportion to them). Per-customer factors are kept up to date by :meth:`refresh`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["HazardsMixin"]


class HazardsMixin:
    """Hazard computations of :class:`crmsim.model.engine.Engine` (uses its state)."""

    pop: Any
    sc: Any
    cal: Any
    damp_tab: np.ndarray
    max_str_factor: float
    _neg_damp: tuple[float, np.ndarray]

    def refresh(self, rows: slice | np.ndarray) -> None:
        """Recompute the hazard factors of ``rows`` after a membership or complaint change."""
        if not isinstance(rows, slice) and not len(rows):
            return
        pop, lo = self.pop, self.sc.loyalty
        ctrl = (1.0 - lo.switching_cost_reduction) * (
            1.0 - lo.programme_hazard_reduction * pop["member"][rows]
        )
        mult = np.where(
            pop["unresolved"][rows], self.sc.satisfaction.unresolved_hazard_multiplier, 1.0
        )
        pop["ctrl"][rows] = ctrl
        pop["ins_factor"][rows] = self.sc.attrition.dissatisfaction_hazard_per_point * mult * ctrl
        pop["str_factor"][rows] = pop["price_sensitivity"][rows] * ctrl

    def _gap_pct(self) -> float:
        """Price gap to the competitor (in %, 0 if we are cheaper) plus the offer gap."""
        cal = self.cal
        gap = 100.0 * max(cal.price_index / cal.competitor_price_index - 1.0, 0.0)
        return gap + self.sc.attrition.offer_gap_pct

    def _controllable(self) -> float | None:
        """Scalar multiplier of the controllable hazards, or None when it is per customer."""
        lo = self.sc.loyalty
        if self.cal.programme_active and lo.programme_hazard_reduction > 0:
            return None
        return 1.0 - lo.switching_cost_reduction

    def cause_hazards(self, month: int, rows: np.ndarray) -> np.ndarray:
        """Monthly hazard of each cause (rows: order of ``labels.CAUSES``) for some customers.

        insatisfaction: ``per_point x max(-satisfaction, 0)`` (x the multiplier after an
        unsolved complaint); structurelle: ``per_gap_point x gap% x price sensitivity /
        (1 + tenure / half-life)``; conjoncturelle: the crisis hazard; anecdotique: the
        customer's propensity. The first three are multiplied by the switching-cost and
        programme reductions (folded into ``ins_factor``, ``str_factor`` and ``ctrl``).
        """
        cols, att = self.pop.cols, self.sc.attrition
        out = np.zeros((4, len(rows)))
        out[0] = np.maximum(-cols["satisfaction"][rows], 0.0) * cols["ins_factor"][rows]
        base = att.structural_hazard_per_gap_point * self._gap_pct()
        if base > 0:
            tenure = month - cols["acquisition_month"][rows]
            out[1] = base * self.damp_tab[tenure] * cols["str_factor"][rows]
        if self.cal.crisis_hazard > 0:
            ctrl = self._controllable()
            out[2] = self.cal.crisis_hazard * (cols["ctrl"][rows] if ctrl is None else ctrl)
        np.minimum(out, 1.0, out=out)
        out[3] = cols["churn_propensity"][rows]
        return out

    def keep_probability(
        self, month: int, tenure: np.ndarray, n: int, dis_rows: np.ndarray
    ) -> np.ndarray:
        """Probability of staying, ``prod_k (1 - h_k)``, for rows ``0 .. n-1``.

        Computed in place with as few passes as possible; only the dissatisfied rows
        (``dis_rows``) have a dissatisfaction hazard.
        """
        cols = self.pop.cols
        keep_anec = cols["keep_anecdotal"][:n]
        base = self.sc.attrition.structural_hazard_per_gap_point * self._gap_pct()
        if base > 0:
            if self._neg_damp[0] != base:
                self._neg_damp = (base, -base * self.damp_tab)
            keep = self._neg_damp[1][tenure]  # -h_str / price sensitivity
            keep *= cols["str_factor"][:n]
            keep += 1.0
            if base * self.max_str_factor > 1.0:  # some hazard may exceed 1
                np.maximum(keep, 0.0, out=keep)
            keep *= keep_anec
        else:
            keep = keep_anec.copy()
        if self.cal.crisis_hazard > 0:
            ctrl = self._controllable()
            h = self.cal.crisis_hazard * (cols["ctrl"][:n] if ctrl is None else ctrl)
            keep *= 1.0 - np.minimum(h, 1.0)
        if len(dis_rows) and self.sc.attrition.dissatisfaction_hazard_per_point > 0:
            h = -cols["satisfaction"][dis_rows]
            h *= cols["ins_factor"][dis_rows]
            np.clip(h, 0.0, 1.0, out=h)
            keep[dis_rows] *= 1.0 - h
        return keep
