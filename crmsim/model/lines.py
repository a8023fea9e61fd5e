"""Product lines and cross-selling: the *taux d'équipement* and development campaigns.

Each customer holds ``1 .. lines_offered`` of the firm's product lines: one when they
join, plus each other line with probability ``initial_line_probability`` (a binomial
draw). Each month a development campaign (RADAR's *Développer*) contacts a share
``development_contact_rate`` of the customers present; a contact adds one line with
probability ``development_success_rate``, never beyond ``lines_offered``. The lines held
raise the share of wallet (see :mod:`crmsim.model.wallet`). The mechanism draws from its
own stream, so the other mechanisms' draws do not change; with no development campaign
its monthly cost is one slice assignment (the recruits' lines, drawn in blocks).
"""

from __future__ import annotations

import numpy as np

from crmsim.model.population import Population
from crmsim.model.runlog import RunLog
from crmsim.scenario import Scenario

__all__ = ["Lines"]

#: Recruits' initial lines are drawn in blocks of at least this size.
BLOCK = 4096


class Lines:
    """Mechanism "product lines" (parameters: ``lines``).

    Parameters
    ----------
    scenario : Scenario
        Its ``lines`` group.
    disc : ndarray
        Discount factor by tenure (:attr:`TenureTables.disc`), for the contact costs.
    rng : numpy.random.Generator
        The stream of this mechanism (initial lines, contacts, successes).
    log : RunLog
        Receives the monthly counters ``development_contacts`` and ``lines_added``
        (in ``log.monthly``; they are not columns of the ``monthly`` table) and the
        contact costs (``retention_spend``).

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
        self.n_lines = li.lines_offered
        self.p_init = li.initial_line_probability
        self.rate, self.success = li.development_contact_rate, li.development_success_rate
        self.cost = li.development_contact_cost_mad
        self.disc, self.rng, self.log = disc, rng, log
        self.pool = np.zeros(0, np.int64)
        self.pos = 0
        for key in ("development_contacts", "lines_added"):
            log.monthly[key] = np.zeros(scenario.months)

    def _initial(self, k: int) -> np.ndarray:
        """Initial lines of the next ``k`` customers (drawn in blocks)."""
        if self.pos + k > len(self.pool):
            size = max(k, BLOCK)
            self.pool = 1 + self.rng.binomial(self.n_lines - 1, self.p_init, size)
            self.pos = 0
        self.pos += k
        return self.pool[self.pos - k : self.pos]

    def __call__(self, m: int, pop: Population, n: int, tenure: np.ndarray) -> np.ndarray:
        """Lines of the month ``m``: newcomers' lines, then the development campaign.

        ``n`` customers were present at the start of the month (rows ``0 .. n-1``); the
        rows after them are this month's recruits (in month 0, every row is new: the
        initial base too). ``tenure`` is the tenure of every row. Returns the rows that
        gained a line.
        """
        first = 0 if m == 0 else n
        if pop.n > first:
            pop["lines_held"][first:] = self._initial(pop.n - first)
        if self.rate <= 0.0 or n == 0:
            return np.zeros(0, np.int64)
        rows = np.flatnonzero(self.rng.random(n) < self.rate)  # each one independently
        won = rows[self.rng.random(len(rows)) < self.success]
        lines = pop["lines_held"]
        won = won[lines[won] < self.n_lines]
        lines[won] += 1
        cost = self.cost
        pop["event_cost"][rows] += cost
        pop["event_cost_disc"][rows] += cost * self.disc.take(tenure[rows])
        rec = self.log.monthly
        rec["retention_spend"][m] += cost * len(rows)
        rec["development_contacts"][m] = len(rows)
        rec["lines_added"][m] = len(won)
        return won
