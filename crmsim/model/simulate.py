"""The public entry point :func:`simulate`."""

from __future__ import annotations

import os
from collections.abc import Callable

from crmsim._resources import check_simulation_args
from crmsim._validation import check_bool, french_arguments
from crmsim.model._random import SeedLike, spawn_generators
from crmsim.model.engine import Engine
from crmsim.model.referrals import Referrals
from crmsim.model.results import SimulationResult
from crmsim.scenario import Scenario, resolve_scenario

__all__ = ["simulate"]


@french_arguments
def simulate(
    scenario: Scenario | str | os.PathLike[str] | None = None,
    *,
    seed: SeedLike = None,
    months: int | None = None,
    transactions: bool = True,
    referrals: bool = False,
    progress: bool | Callable[[int], object] = False,
    allow_large: bool = False,
) -> SimulationResult:
    """Simulate a customer base month by month and return its tables.

    Parameters
    ----------
    scenario : Scenario, str or pathlib.Path, optional
        The scenario, the name of a preset (see :func:`crmsim.list_presets`) or a TOML
        scenario file (see :func:`crmsim.scenario.resolve_scenario`). Default: ``cours``.
    seed : None, int, numpy.random.Generator or numpy.random.SeedSequence
        Source of randomness, normalised once. The same seed gives identical tables;
        ``None`` draws fresh entropy (recorded in ``result.seed``, so the run can be redone).
    months : int, optional
        Overrides ``scenario.months``.
    transactions : bool, default True
        Record the purchases needed by the order-level ``transactions`` table (skip it for
        very large runs: the table is then empty; the dynamics and every other table are
        identical either way). Every table is built on first access, so a run whose
        ``transactions`` table is never read does not pay for it.
    referrals : bool, default False
        Record which customer recruited each word-of-mouth recruit (the ``referrals``
        table; empty otherwise). The attribution draws from its own stream: every other
        table is identical with or without it.
    progress : bool or callable, default False
        ``True`` shows a progress bar on stderr; a callable is called with each month index.
    allow_large : bool, default False
        Go past the memory check: before anything is allocated, the memory the run needs
        is estimated from the scenario (customers ever present, months, transactions) and
        a French error is raised when it exceeds half the memory available.

    Returns
    -------
    SimulationResult
        Tables ``customers``, ``transactions``, ``monthly``, ``campaigns``, ``events`` and
        ``interactions`` (columns in :class:`SimulationResult`), plus the scenario and seed.

    Examples
    --------
    >>> import crmsim as cs
    >>> res = cs.simulate(seed=1, months=12)
    >>> len(res.monthly)
    12
    >>> res.customers["churn_cause"].cat.categories.tolist()
    ['insatisfaction', 'structurelle', 'conjoncturelle', 'anecdotique']
    """
    scenario = resolve_scenario(scenario, months=months)
    check_simulation_args(scenario, seed, transactions, progress, allow_large)
    referrals = check_bool(referrals, "referrals")
    rngs, used_seed = spawn_generators(seed, Engine.STREAMS + referrals)
    engine = Engine(scenario, rngs, transactions)
    if referrals:  # the seventh stream: the first six are the same whatever their number
        engine.referrals = Referrals(scenario, rngs[Engine.STREAMS], engine.log)
    bar = None
    callback = progress if callable(progress) else None
    if progress is True:
        from tqdm.auto import tqdm

        bar = tqdm(total=scenario.months, desc="Simulation", unit="mois", leave=False)
        callback = lambda m: bar.update(1)  # noqa: E731
    try:
        log = engine.run(callback)
    finally:
        if bar is not None:
            bar.close()
    return SimulationResult(scenario, used_seed, log, rngs[1].bit_generator.state)
