"""Purchases: how many orders each customer places this month, and their value.

The number of orders is the customer's rate rounded at random, ``floor(rate + U)``
(right mean, least variance). For a customer who stays, ``U`` is their departure draw
divided by their probability of staying, a fresh uniform given that they stay; recruits
draw their own. Leavers buy nothing. The value of the orders grows with tenure and is
multiplied by our price level.
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
        cols = pop.cols
        counts = np.empty(n + k)
        with np.errstate(divide="ignore", invalid="ignore"):  # keep = 0: a certain leaver
            np.divide(leavers.u, leavers.keep, out=counts[:n])
        counts[n:] = self.rng.random(k)
        counts += cols["order_rate"][: n + k]
        np.floor(counts, out=counts)
        counts[leavers.rows] = 0.0
        sl = slice(0, n + k)
        value = counts * cols["basket"][sl]  # list-price value of the orders
        value *= self.spend.take(tenure)
        revenue = value * cal.price_index if cal.price_index != 1.0 else value
        cols["revenue"][sl] += revenue
        cols["volume"][sl] += value
        cols["n_orders"][sl] += counts
        buyers = (counts > 0).nonzero()[0]
        cols["last_purchase_month"][buyers] = m
        if self.log.keep_purchases:  # ids and order counts; amounts are recomputed from them
            self.log.purchases.append(
                (m, cols["customer_id"][buyers], counts[buyers].astype(np.int32))
            )
        return Orders(counts, value, revenue)
