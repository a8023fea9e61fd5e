"""Purchases: how many orders each customer places this month, and their value.

The number of orders is the customer's rate rounded at random, ``floor(rate + U)``
(right mean, least variance). For a customer who stays, ``U`` is their departure draw
divided by their probability of staying, a fresh uniform given that they stay; recruits
draw their own. Leavers buy nothing. The value of the orders grows with tenure and is
multiplied by our price level. The buyers and their order counts go to the run log; each
customer's totals (orders, revenue, value, last purchase) are kept as running sums only
when the run logs no purchases (``transactions=False``), otherwise the customers table
sums them from the log (:func:`crmsim.model.tables.purchase_totals`).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from crmsim.model.calendar import Calendar
from crmsim.model.hazards import Leavers
from crmsim.model.population import Population
from crmsim.model.runlog import RunLog

__all__ = ["Orders", "Purchases"]


class Orders(NamedTuple):
    """Orders of one month for rows ``0 .. n+k-1``.

    Attributes
    ----------
    counts : ndarray
        Number of orders of each row (0 for leavers).
    value : ndarray
        Their value at list price (MAD), tenure effects included.
    revenue : ndarray
        Their value at our current price (MAD).
    """

    counts: np.ndarray
    value: np.ndarray
    revenue: np.ndarray


class Purchases:
    """Mechanism "purchases" (parameters: the customers' own rates and baskets).

    Parameters
    ----------
    spend : ndarray
        Spend multiplier by tenure (:attr:`TenureTables.spend`).
    rng : numpy.random.Generator
        The stream of the recruits' rounding draws.
    log : RunLog
        Receives the buyers of each month (``purchases``, when ``log.keep_purchases``).
    """

    def __init__(self, spend: np.ndarray, rng: np.random.Generator, log: RunLog) -> None:
        self.spend, self.rng, self.log = spend, rng, log

    def __call__(
        self,
        m: int,
        pop: Population,
        n: int,
        k: int,
        tenure: np.ndarray,
        leavers: Leavers,
        cal: Calendar,
    ) -> Orders:
        """Orders of the ``n`` customers present at the start of month ``m`` and ``k`` recruits."""
        cols, nk = pop.cols, n + k
        counts = np.empty(nk)
        with np.errstate(divide="ignore", invalid="ignore"):  # keep = 0: a certain leaver
            np.divide(leavers.u, leavers.keep, out=counts[:n])
        if k:
            self.rng.random(k, out=counts[n:])
        counts += cols["order_rate"][:nk]
        np.floor(counts, out=counts)
        counts[leavers.rows] = 0.0
        value = counts * cols["basket"][:nk]  # list-price value of the orders
        value *= self.spend.take(tenure)
        price = cal.price_index
        revenue = value * price if price != 1.0 else value
        buyers = (counts > 0).nonzero()[0]
        if self.log.keep_purchases:
            # ids and order counts: the amounts and every customer's totals (orders,
            # revenue, value, last purchase) are recomputed from them by the tables
            self.log.purchases.append(
                (m, cols["customer_id"].take(buyers), counts.take(buyers).astype(np.int32))
            )
        else:  # no log to sum from: keep the running totals of each customer
            cols["revenue"][:nk] += revenue
            cols["volume"][:nk] += value
            cols["n_orders"][:nk] += counts
            cols["last_purchase_month"][buyers] = m
        return Orders(counts, value, revenue)
