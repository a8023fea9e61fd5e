"""Referrals (optional): which customer recruited each word-of-mouth recruit.

The Bass word of mouth of :class:`~crmsim.model.acquisition.Acquisition` counts
recruits in aggregate: every prospect adopts with probability ``p + q N_eff / M``,
where ``N_eff`` weights the customers present at the start of the month by what they
tell others. When a run is asked to record its referrals
(``simulate(..., referrals=True)``), this mechanism attributes each word-of-mouth
recruit of the month to one referrer, drawn among the customers present at the start
of the month with probability proportional to their positive weight in ``N_eff``:
1 for a satisfied customer, ``loyal_recommend_boost`` for a satisfied customer of 12
months or more, ``recovered_tell / happy_tell`` for a satisfied customer whose complaint
was solved, 0 for a dissatisfied one (who deters instead of recommending). A customer's
expected number of recruits is then proportional to their weight, as in the Bass sum.

It draws from its own stream (the seventh child of the seed) and changes no state of
the population: every other table of a run is identical with or without it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim import labels as L
from crmsim.model.population import Population
from crmsim.model.runlog import RunLog
from crmsim.scenario import Scenario

__all__ = ["Referrals", "referrals_table"]


class Referrals:
    """Mechanism "who recruited whom" (parameters: ``market``; optional).

    Parameters
    ----------
    scenario : Scenario
        Its ``market`` group (the word-of-mouth weights).
    rng : numpy.random.Generator
        The referrals' own stream (the seventh child of the seed; no other mechanism draws
        from it).
    log : RunLog
        Receives, in ``log.extra["referrals"]``, one tuple per month with recruits:
        ``(month, recruit ids, referrer ids, referrer tenures in months)``.
    """

    def __init__(self, scenario: Scenario, rng: np.random.Generator, log: RunLog) -> None:
        mk = scenario.market
        self.loyal = float(mk.loyal_recommend_boost)
        self.recovered = float(mk.recovered_tell / mk.happy_tell)
        self.rng = rng
        self.records: list[tuple[int, np.ndarray, np.ndarray, np.ndarray]] = []
        log.extra["referrals"] = self.records

    def weights(self, m: int, pop: Population, n: int) -> np.ndarray:
        """Positive word-of-mouth weight of the ``n`` customers present at the start of ``m``."""
        cols = pop.cols
        weight = np.where(cols["acquisition_month"][:n] <= m - 12, self.loyal, 1.0)
        weight[cols["recovered"][:n]] = self.recovered
        weight[cols["dissatisfied"][:n]] = 0.0
        return weight

    def __call__(self, m: int, pop: Population, n: int, channels: np.ndarray) -> None:
        """Attribute the word-of-mouth recruits of month ``m`` (rows ``n`` on) to referrers.

        Called after the recruits joined (rows ``n .. n + len(channels) - 1``, in the
        order of ``channels``); rows below ``n`` still hold their state of the start of
        the month.
        """
        positions = np.flatnonzero(channels == L.WORD_OF_MOUTH)
        if not len(positions) or not n:
            return
        cum = np.cumsum(self.weights(m, pop, n))
        if cum[-1] <= 0.0:
            return
        rows = np.searchsorted(cum, self.rng.random(len(positions)) * cum[-1], side="right")
        rows = np.minimum(rows, n - 1)
        ids = pop.cols["customer_id"]
        tenure = m - pop.cols["acquisition_month"].take(rows)
        self.records.append((m, ids.take(n + positions), ids.take(rows), tenure))


def referrals_table(log: RunLog) -> pd.DataFrame:
    """The ``referrals`` table: one row per word-of-mouth recruit of a run that recorded them.

    Empty (with its columns) when the run was not asked for its referrals.
    """
    records = log.extra.get("referrals") or []
    columns = ["month", "customer_id", "referrer_id", "referrer_tenure_months"]
    if not records:
        return pd.DataFrame({c: np.array([], dtype=np.int64) for c in columns})
    months = np.concatenate([np.full(len(r[1]), r[0], dtype=np.int64) for r in records])
    parts = [np.concatenate([r[i] for r in records]).astype(np.int64) for i in (1, 2, 3)]
    return pd.DataFrame(dict(zip(columns, [months, *parts], strict=True)))
