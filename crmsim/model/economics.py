"""Economics: gross margin, cost to serve, retention spending, expected and realised CLV.

Revenue and margin are added up each month; each customer's discounted margin is kept as
a running sum only when the run logs no purchases (otherwise the customers table sums it
from the purchases log, :func:`crmsim.model.tables.purchase_totals`). The per-customer
cost to serve and retention spending depend only on tenure and membership, so they are
summed in closed form when the customers table is built (:func:`lifetime_costs`).
"""

from __future__ import annotations

import numpy as np

from crmsim.model.calendar import Calendar
from crmsim.model.population import Population
from crmsim.model.purchases import Orders
from crmsim.model.runlog import RunLog
from crmsim.model.tenure import Cohorts, TenureTables
from crmsim.scenario import Scenario

__all__ = ["Economics", "lifetime_costs"]


class Economics:
    """Mechanism "economics" (parameters: ``economics``, ``loyalty`` costs).

    Parameters
    ----------
    scenario : Scenario
        Its ``economics`` group and the retention and programme costs of ``loyalty``.
    tables : TenureTables
        Discount factors and cost to serve by tenure.
    log : RunLog
        Receives monthly revenue, margin, cost to serve and retention spending.
    """

    def __init__(self, scenario: Scenario, tables: TenureTables, log: RunLog) -> None:
        self.ec, self.lo = scenario.economics, scenario.loyalty
        self.tt, self.log = tables, log

    def __call__(
        self,
        m: int,
        pop: Population,
        orders: Orders,
        tenure: np.ndarray,
        leavers: np.ndarray,
        cal: Calendar,
        cohorts: Cohorts,
    ) -> None:
        """Margin and costs of month ``m`` for the rows that have ``orders``.

        ``leavers`` (row positions) left at the start of the month: they buy nothing and
        cost nothing. Gross margin is ``revenue - (1 - gross_margin_rate) x volume``
        (volume: value at list price).
        """
        lo, rec, cols = self.lo, self.log.monthly, pop.cols
        value = orders.value
        n_rows = len(value)
        unit_margin = cal.price_index - (1.0 - self.ec.gross_margin_rate)
        if not self.log.keep_purchases:  # else summed from the purchases log by the tables
            discounted = value * self.tt.disc.take(tenure)
            discounted *= unit_margin
            cols["margin_disc"][:n_rows] += discounted
        # cost to serve of everybody present (histogram by acquisition month), minus leavers
        serve = self.tt.serve
        serve_total = cohorts.total_serve(m, serve)
        if len(leavers):
            serve_total -= float(serve.take(tenure.take(leavers)).sum())
        retention = lo.retention_cost_per_customer_mad * (n_rows - len(leavers))
        if cal.programme_active:
            member = cols["member"][:n_rows]
            members = np.count_nonzero(member) - np.count_nonzero(member.take(leavers))
            retention += lo.programme_cost_per_member_mad * members
        total = float(value.sum())
        rec["revenue"][m] += total * cal.price_index
        rec["gross_margin"][m] += total * unit_margin
        rec["cost_to_serve"][m] += serve_total
        rec["retention_spend"][m] += retention

    def forecast(
        self, pop: Population, tenure: np.ndarray, keep: np.ndarray, cal: Calendar
    ) -> tuple[np.ndarray, np.ndarray]:
        """Expected CLV and next-month departure probability of the active customers.

        ``keep`` is their probability of staying next month (from the hazards).
        """
        ec, lo = self.ec, self.lo
        value = pop["order_rate"] * pop["basket"] * self.tt.spend[tenure]
        margin = value * (cal.price_index - (1.0 - ec.gross_margin_rate))
        retention = lo.retention_cost_per_customer_mad + (
            lo.programme_cost_per_member_mad * pop["member"] if cal.programme_active else 0.0
        )
        contribution = margin - self.tt.serve[tenure] - retention
        with np.errstate(divide="ignore", invalid="ignore"):
            clv = contribution * keep / (1.0 + self.tt.d - keep)
        return clv, 1.0 - keep


def lifetime_costs(
    data: dict[str, np.ndarray], scenario: Scenario, tables: TenureTables
) -> dict[str, np.ndarray]:
    """Per-customer cost to serve, retention cost and realised CLV in closed form.

    Each customer pays the cost to serve of their tenure and the retention budget in every
    month they are active (from ``max(acquisition, 0)`` to departure or to the end).
    ``data`` holds the population's ``acquisition_month``, ``churn_month``,
    ``join_month``, ``event_cost``, ``event_cost_disc`` and ``margin_disc``.
    """
    lo, tt = scenario.loyalty, tables
    acq = data["acquisition_month"]
    end = np.where(data["churn_month"] >= 0, data["churn_month"], scenario.months)
    t0 = np.maximum(acq, 0) - acq
    t1 = end - acq
    serve = tt.cum_serve[t1] - tt.cum_serve[t0]
    serve_disc = tt.cum_serve_disc[t1] - tt.cum_serve_disc[t0]
    base = lo.retention_cost_per_customer_mad
    retention = base * (t1 - t0) + data["event_cost"]
    retention_disc = base * (tt.cum_disc[t1] - tt.cum_disc[t0]) + data["event_cost_disc"]
    joined = data["join_month"] >= 0
    if joined.any():
        tj = np.where(joined, data["join_month"] - acq, t1)
        prog = lo.programme_cost_per_member_mad
        retention = retention + prog * (t1 - tj)
        retention_disc = retention_disc + prog * (tt.cum_disc[t1] - tt.cum_disc[tj])
    return {
        "cost_to_serve": serve,
        "retention_cost": retention,
        "realised_clv": data["margin_disc"] - serve_disc - retention_disc,
    }
