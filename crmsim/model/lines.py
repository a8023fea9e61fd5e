"""Product lines and cross-selling: the *taux d'équipement* and development campaigns.

Each customer holds ``1 .. lines_offered`` of the firm's product lines: one when they
join, plus each other line with probability ``initial_line_probability`` (a binomial
draw). Each month a development campaign (RADAR's *Développer*) contacts each customer
present with probability ``development_contact_rate``; a contact adds one line with
probability ``development_success_rate``, never beyond ``lines_offered``. The lines held
raise the share of wallet (see :mod:`crmsim.model.wallet`).

The initial lines are a function of the customer id alone: customer ``i`` takes value
``i % BLOCK`` of block ``i // BLOCK``, drawn from a generator seeded by the mechanism's
key (two integers drawn once from its own stream) and the block number. So the engine
never draws them unless a development campaign needs them (to stop at ``lines_offered``),
and the tables compute them when they are built: with no development campaign, the
mechanism costs nothing during the run. The population records only ``lines_added``.
"""

from __future__ import annotations

from math import comb

import numpy as np

from crmsim.model.population import Population
from crmsim.model.runlog import RunLog
from crmsim.scenario import Scenario

__all__ = ["BLOCK", "Lines", "initial_lines", "lines_held"]

#: Customers per block of initial lines.
BLOCK = 4096


def initial_lines(key: np.ndarray, scenario: Scenario, ids: np.ndarray) -> np.ndarray:
    """Lines held at arrival by the customers ``ids``: ``1 + Binomial(lines - 1, p)``.

    ``key`` is the mechanism's key (``log.extra["lines_key"]``). The draw is by inverse
    distribution function, one uniform per customer, block by block.

    Examples
    --------
    >>> from crmsim.scenario import Scenario
    >>> key = np.array([1, 2])
    >>> a = initial_lines(key, Scenario(), np.arange(10_000))
    >>> bool(a.min() >= 1 and a.max() <= 5), bool((initial_lines(key, Scenario(), np.arange(5)) == a[:5]).all())
    (True, True)
    """
    li = scenario.lines
    k, p = li.lines_offered - 1, li.initial_line_probability
    pmf = np.array([comb(k, j) * p**j * (1 - p) ** (k - j) for j in range(k + 1)])
    cdf = np.cumsum(pmf)[:-1]
    ids = np.asarray(ids, np.int64)
    out = np.empty(len(ids), np.int64)
    blocks = ids // BLOCK
    for b in np.unique(blocks):
        u = np.random.default_rng([int(key[0]), int(key[1]), int(b)]).random(BLOCK)
        sel = blocks == b
        out[sel] = 1 + np.searchsorted(cdf, u[ids[sel] % BLOCK], side="right")
    return out


def lines_held(log: RunLog, scenario: Scenario, ids: np.ndarray, added: np.ndarray) -> np.ndarray:
    """Lines held by customers ``ids`` who gained ``added`` lines through development."""
    return initial_lines(log.extra["lines_key"], scenario, ids) + added


class Lines:
    """Mechanism "product lines" (parameters: ``lines``).

    Parameters
    ----------
    scenario : Scenario
        Its ``lines`` group.
    disc : ndarray
        Discount factor by tenure (:attr:`TenureTables.disc`), for the contact costs.
    rng : numpy.random.Generator
        The stream of this mechanism (the key of the initial lines, contacts, successes).
    log : RunLog
        Receives the key (``extra["lines_key"]``), the monthly counters
        ``development_contacts`` and ``lines_added`` (in ``log.monthly``; they are not
        columns of the ``monthly`` table) and the contact costs (``retention_spend``).

    Examples
    --------
    >>> import crmsim as cs
    >>> res = cs.simulate("industriel", seed=1, months=12, transactions=False)
    >>> held = res.customers["lines_held"]
    >>> bool(held.between(1, res.scenario.lines.lines_offered).all())
    True
    """

    def __init__(
        self, scenario: Scenario, disc: np.ndarray, rng: np.random.Generator, log: RunLog
    ) -> None:
        li = scenario.lines
        self.sc, self.n_lines = scenario, li.lines_offered
        self.rate, self.success = li.development_contact_rate, li.development_success_rate
        self.cost = li.development_contact_cost_mad
        self.disc, self.rng, self.log = disc, rng, log
        self.key = log.extra["lines_key"] = rng.integers(0, 2**62, 2)
        self.init = np.zeros(0, np.int64)  # initial lines by id, extended block by block
        for name in ("development_contacts", "lines_added"):
            log.monthly[name] = np.zeros(scenario.months)

    def __call__(self, m: int, pop: Population, n: int, tenure: np.ndarray) -> np.ndarray:
        """Development campaign of month ``m`` among the ``n`` customers present.

        ``tenure`` is the tenure of every row. Returns the rows that gained a line.
        """
        if self.rate <= 0.0 or n == 0:
            return np.zeros(0, np.int64)
        rows = np.flatnonzero(self.rng.random(n) < self.rate)  # each one independently
        won = rows[self.rng.random(len(rows)) < self.success]
        added, ids = pop["lines_added"], pop["customer_id"][won]
        if len(ids) and ids.max() >= len(self.init):
            top = (int(ids.max()) // BLOCK + 1) * BLOCK
            new = initial_lines(self.key, self.sc, np.arange(len(self.init), top))
            self.init = np.concatenate([self.init, new])
        held = self.init[ids] + added[won]
        won = won[held < self.n_lines]
        added[won] += 1
        cost = self.cost
        pop["event_cost"][rows] += cost
        pop["event_cost_disc"][rows] += cost * self.disc.take(tenure[rows])
        rec = self.log.monthly
        rec["retention_spend"][m] += cost * len(rows)
        rec["development_contacts"][m] = len(rows)
        rec["lines_added"][m] = len(won)
        return won
