"""Economics: revenue, margin, costs, realised and expected CLV, a mixin of the engine.

Tenure effects (spend growth, falling cost to serve, discounting) are lookup tables
indexed by tenure in months. Revenue and discounted margin are accumulated each month;
the per-customer cost to serve and retention spending depend only on tenure and
membership, so they are summed in closed form at the end (:meth:`costs`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["EconomicsMixin"]


class EconomicsMixin:
    """Economic accounting of :class:`crmsim.model.engine.Engine` (uses its state)."""

    pop: Any
    sc: Any
    cal: Any
    rec: dict[str, np.ndarray]
    months: int
    keep_tx: bool
    tx: list
    by_acq: np.ndarray
    acq_offset: int
    keep_probability: Any

    def _tables(self) -> None:
        """Functions of tenure (months) as lookup tables, plus their cumulative sums."""
        sc, lo = self.sc, self.sc.loyalty
        t = np.arange(sc.market.initial_tenure_max_months + self.months + 2, dtype=float)
        self.d = (1.0 + sc.economics.yearly_discount_rate) ** (1.0 / 12.0) - 1.0
        self.disc = (1.0 + self.d) ** -t
        self.spend_tab = 1.0 + lo.spend_growth_per_year * np.minimum(
            t / 12.0, lo.spend_growth_cap_years
        )
        factor = np.maximum(
            1.0 - lo.cost_to_serve_decline_per_year * t / 12.0, lo.cost_to_serve_floor
        )
        self.serve_tab = sc.economics.cost_to_serve_mad * factor
        self.damp_tab = 1.0 / (1.0 + t / lo.price_sensitivity_half_life_months)
        self.cum_serve = np.concatenate([[0.0], np.cumsum(self.serve_tab)])
        self.cum_serve_disc = np.concatenate([[0.0], np.cumsum(self.serve_tab * self.disc)])
        self.cum_disc = np.concatenate([[0.0], np.cumsum(self.disc)])

    def account(
        self,
        m: int,
        sl: slice,
        counts: np.ndarray,
        tenure: np.ndarray,
        leavers: np.ndarray | None = None,
    ) -> np.ndarray:
        """Revenue and margin of month ``m`` for the rows ``sl``; monthly cost totals.

        ``leavers`` (row positions within ``sl``) left at the start of the month: they
        buy nothing and cost nothing. Returns the revenue of the rows. Gross margin is
        ``revenue - (1 - gross_margin_rate) x volume`` (volume: value at list price).
        """
        pop, lo, cal, rec = self.pop, self.sc.loyalty, self.cal, self.rec
        if leavers is None:
            leavers = np.zeros(0, np.int64)
        cols = pop.cols
        value = counts * cols["basket"][sl]  # list-price value of the orders
        value *= self.spend_tab[tenure]
        revenue = value * cal.price_index if cal.price_index != 1.0 else value
        cols["revenue"][sl] += revenue
        cols["volume"][sl] += value
        unit_margin = cal.price_index - (1.0 - self.sc.economics.gross_margin_rate)
        discounted = value * self.disc[tenure]
        discounted *= unit_margin
        cols["margin_disc"][sl] += discounted
        cols["n_orders"][sl] += counts
        bought = counts > 0
        np.copyto(cols["last_purchase_month"][sl], m, where=bought)
        # cost to serve of everybody present (histogram by acquisition month), minus leavers
        top = m + self.acq_offset
        serve_total = float(self.by_acq[: top + 1] @ self.serve_tab[top::-1])
        serve_total -= float(self.serve_tab[tenure[leavers]].sum())
        n_pay = len(counts) - len(leavers)
        retention = lo.retention_cost_per_customer_mad * n_pay
        if cal.programme_active:
            member = cols["member"][sl]
            members = np.count_nonzero(member) - np.count_nonzero(member[leavers])
            retention += lo.programme_cost_per_member_mad * members
        total = float(value.sum())
        rec["revenue"][m] += total * cal.price_index
        rec["gross_margin"][m] += total * unit_margin
        rec["cost_to_serve"][m] += serve_total
        rec["retention_spend"][m] += retention
        if self.keep_tx:
            rows = bought.nonzero()[0]
            ids, strat = cols["customer_id"][sl], cols["strategic_share"][sl]
            self.tx.append(
                (m, ids[rows], counts[rows].astype(np.int64), revenue[rows], strat[rows])
            )
        return revenue

    def forecast(self) -> tuple[np.ndarray, np.ndarray]:
        """Expected CLV and next-month departure probability of the active customers."""
        pop, ec, lo, cal = self.pop, self.sc.economics, self.sc.loyalty, self.cal
        n = pop.n
        tenure = self.months - pop["acquisition_month"]
        keep = self.keep_probability(self.months, tenure, n, (pop["satisfaction"] < 0).nonzero()[0])
        value = pop["order_rate"] * pop["basket"] * self.spend_tab[tenure]
        margin = value * (cal.price_index - (1.0 - ec.gross_margin_rate))
        retention = lo.retention_cost_per_customer_mad + (
            lo.programme_cost_per_member_mad * pop["member"] if cal.programme_active else 0.0
        )
        contribution = margin - self.serve_tab[tenure] - retention
        with np.errstate(divide="ignore", invalid="ignore"):
            clv = contribution * keep / (1.0 + self.d - keep)
        return clv, 1.0 - keep

    def costs(self, data: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Per-customer cost to serve, retention cost and realised CLV in closed form.

        Each customer pays the cost to serve of their tenure and the retention budget in
        every month they are active (from ``max(acquisition, 0)`` to departure or end).
        """
        lo = self.sc.loyalty
        acq = data["acquisition_month"]
        end = np.where(data["churn_month"] >= 0, data["churn_month"], self.months)
        t0 = np.maximum(acq, 0) - acq
        t1 = end - acq
        serve = self.cum_serve[t1] - self.cum_serve[t0]
        serve_disc = self.cum_serve_disc[t1] - self.cum_serve_disc[t0]
        base = lo.retention_cost_per_customer_mad
        retention = base * (t1 - t0) + data["event_cost"]
        retention_disc = base * (self.cum_disc[t1] - self.cum_disc[t0]) + data["event_cost_disc"]
        joined = data["join_month"] >= 0
        if joined.any():
            tj = np.where(joined, data["join_month"] - acq, t1)
            prog = lo.programme_cost_per_member_mad
            retention = retention + prog * (t1 - tj)
            retention_disc = retention_disc + prog * (self.cum_disc[t1] - self.cum_disc[tj])
        return {
            "cost_to_serve": serve,
            "retention_cost": retention,
            "realised_clv": data["margin_disc"] - serve_disc - retention_disc,
        }
