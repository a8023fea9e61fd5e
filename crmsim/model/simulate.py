"""The public entry point :func:`simulate`."""

from __future__ import annotations

from collections.abc import Callable

from crmsim._resources import check_simulation_args
from crmsim._validation import french_arguments
from crmsim.errors import ScenarioError
from crmsim.model._random import SeedLike, spawn_generators
from crmsim.model.engine import Engine
from crmsim.model.results import SimulationResult, build_result
from crmsim.scenario import Scenario, preset

__all__ = ["simulate"]


@french_arguments
def simulate(
    scenario: Scenario | str | None = None,
    *,
    seed: SeedLike = None,
    months: int | None = None,
    transactions: bool = True,
    progress: bool | Callable[[int], object] = False,
    allow_large: bool = False,
) -> SimulationResult:
    """Simulate a customer base month by month and return its tables.

    Parameters
    ----------
    scenario : Scenario or str, optional
        The scenario, or the name of a preset (see :func:`crmsim.list_presets`).
        Default: the ``cours`` preset.
    seed : None, int, numpy.random.Generator or numpy.random.SeedSequence
        Source of randomness, normalised once. The same seed gives identical tables;
        ``None`` draws fresh entropy (recorded in ``result.seed``, so the run can be redone).
    months : int, optional
        Overrides ``scenario.months``.
    transactions : bool, default True
        Build the order-level ``transactions`` table (skip it for very large runs; the
        dynamics and every other table are identical either way).
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
    if scenario is None:
        scenario = Scenario()
    elif isinstance(scenario, str):
        scenario = preset(scenario)
    elif not isinstance(scenario, Scenario):
        raise ScenarioError(
            f"scenario doit être un Scenario ou un nom de préréglage, reçu {type(scenario).__name__}."
        )
    if months is not None:
        scenario = scenario.replace(months=months)
    check_simulation_args(scenario, seed, transactions, progress, allow_large)
    rngs, used_seed = spawn_generators(seed, 3)
    engine = Engine(scenario, rngs, transactions)
    bar = None
    callback = progress if callable(progress) else None
    if progress is True:
        from tqdm.auto import tqdm

        bar = tqdm(total=scenario.months, desc="Simulation", unit="mois", leave=False)
        callback = lambda m: bar.update(1)  # noqa: E731
    try:
        engine.run(callback)
    finally:
        if bar is not None:
            bar.close()
    return build_result(engine, used_seed)
