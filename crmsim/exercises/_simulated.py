"""Simulated customers for the exercises: one small seeded run of the ``cours`` preset.

The portfolio exercises (Pareto, ABC, matrices) each add a question on simulated
customers. Their bases are small (a few thousand customers over 24 months, a few
hundredths of a second) and always of the ``cours`` preset, so that the student meets
the same kind of base as in the lesson, with another seed and size.

Examples
--------
>>> from crmsim.exercises._simulated import simulated_customers
>>> table = simulated_customers(["customer_id", "revenue"], customers=300, seed=1)
>>> table.columns.tolist()
['customer_id', 'revenue']
>>> table.equals(simulated_customers(["customer_id", "revenue"], customers=300, seed=1))
True
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

__all__ = ["SIMULATED_MONTHS", "draw_size_and_seed", "simulated_customers"]

#: Length of every exercise's simulated run (the lessons simulate 36 months).
SIMULATED_MONTHS = 24


def simulated_customers(
    columns: Sequence[str], *, customers: int, seed: int, months: int = SIMULATED_MONTHS
) -> pd.DataFrame:
    """Columns of the ``customers`` table of a ``cours`` run (``customers`` at the start).

    Parameters
    ----------
    columns : list of str
        Columns kept from :attr:`crmsim.SimulationResult.customers` (see its documentation
        in docs/model.md), in this order.
    customers : int
        Initial customers of :func:`crmsim.small_portfolio` (recruits come on top).
    seed : int
        Seed of the run.
    months : int, default :data:`SIMULATED_MONTHS`

    Returns
    -------
    DataFrame
        One row per customer ever present during the run, with ``columns`` only and a
        fresh index.
    """
    from crmsim import simulate, small_portfolio  # the model is only needed to draw the data

    scenario = small_portfolio("cours", customers=customers, months=months)
    table = simulate(scenario, seed=seed, transactions=False).customers
    return table[list(columns)].reset_index(drop=True)


def draw_size_and_seed(rng) -> tuple[int, int]:
    """A variant's initial customers (500 to 1 000) and seed, drawn from ``rng``.

    Examples
    --------
    >>> import numpy as np
    >>> draw_size_and_seed(np.random.default_rng(0))[0]
    926
    """
    return int(rng.integers(500, 1001)), int(rng.integers(2**31))
