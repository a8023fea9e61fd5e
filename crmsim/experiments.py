"""Parameter sweeps: a grid of scenarios x replications, run in parallel, one long table.

Each run gets its own child of one :class:`numpy.random.SeedSequence` (``spawn``), turned
into an integer seed recorded in the table, so any row can be redone alone with
``crmsim.simulate(scenario, seed=row.seed)``. Runs go to worker processes with joblib, or
to a Dask cluster when a ``dask.distributed`` client is given (optional extra).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from crmsim._resources import check_sweep
from crmsim._validation import check_bool, check_seed, french_arguments
from crmsim.analysis.run_kpis import run_kpis
from crmsim.errors import ScenarioError
from crmsim.model import simulate
from crmsim.scenario import Scenario, resolve_scenario

__all__ = ["sweep"]


def _run_one(scenario: Scenario, seed: int) -> dict[str, float]:
    """One simulation without transactions, reduced to its KPIs (runs in a worker)."""
    res = simulate(scenario, seed=seed, transactions=False)
    return run_kpis(res.monthly, res.customers, res.campaigns)


def _points(base: Scenario, grid: Mapping[str, Sequence[Any]]) -> list[dict[str, Any]]:
    _points_check(grid)
    keys = list(grid)
    return [dict(zip(keys, combo, strict=True)) for combo in itertools.product(*grid.values())]


def _points_check(grid: Mapping[str, Sequence[Any]]) -> None:
    for key, values in grid.items():
        if isinstance(values, (str, bytes)) or not isinstance(values, Sequence | np.ndarray):
            raise ScenarioError(
                f"grid[{key!r}] doit être une liste de valeurs, reçu {values!r}. "
                f"Exemple : {{{key!r}: [0.01, 0.02, 0.03]}}."
            )
        if len(values) == 0:
            raise ScenarioError(f"grid[{key!r}] est vide : donnez au moins une valeur.")


@french_arguments
def sweep(
    base: Scenario | str | None = None,
    grid: Mapping[str, Sequence[Any]] | None = None,
    *,
    replications: int = 1,
    seed: int | np.random.SeedSequence | None = None,
    n_jobs: int = 1,
    client: Any = None,
    progress: bool = True,
    allow_large: bool = False,
) -> pd.DataFrame:
    """Simulate every combination of ``grid`` values, ``replications`` times each.

    Parameters
    ----------
    base : Scenario or str, optional
        Scenario (or preset name) that the grid modifies; default ``cours``.
    grid : mapping of str to sequence, optional
        Full parameter path (as accepted by :meth:`Scenario.replace`, e.g.
        ``"attrition.offer_gap_pct"``) -> values to try. The runs
        cover the Cartesian product. ``None`` or ``{}`` runs the base scenario only.
    replications : int, default 1
        Runs per grid point, each with its own seed.
    seed : int or SeedSequence, optional
        Root of the seeds: the same ``seed`` gives the same table. ``None`` draws fresh
        entropy.
    n_jobs : int, default 1
        Worker processes for joblib (``-1``: all cores). Ignored when ``client`` is given.
    client : dask.distributed.Client, optional
        Run on this Dask cluster instead of local processes.
    progress : bool, default True
        Show a progress bar on stderr.
    allow_large : bool, default False
        Go past the checks made before any run: at most 20 000 simulations, and the
        parallel runs' estimated memory within half the memory available.

    Returns
    -------
    pandas.DataFrame
        One row per run, in grid order then replication order.

    Columns
    -------
    - ``run_id``: 0, 1, 2, ... (grid point x replication)
    - ``replication``: 0 .. replications-1
    - ``seed``: integer seed of the run (``simulate(..., seed=seed)`` redoes it)
    - one column per grid key, named as in ``grid``
    - the KPIs of :func:`crmsim.analysis.run_kpis.run_kpis`: ``active_end``, ``customers_ever``,
      ``yearly_churn_rate``, ``revenue``, ``profit``, ``top20_revenue_share``,
      ``acquisition_cost_per_customer``, ``yearly_retention_cost_per_customer``,
      ``acquisition_to_retention_ratio``, ``complaint_share``, ``customer_equity``,
      ``mean_satisfaction``, ``share_insatisfaction``, ``share_structurelle``,
      ``share_conjoncturelle``, ``share_anecdotique``

    Examples
    --------
    >>> import crmsim as cs
    >>> small = cs.Scenario(months=6).replace(
    ...     **{"market.initial_customers": 500, "market.market_size": 10_000}
    ... )
    >>> gap = "attrition.offer_gap_pct"
    >>> table = cs.sweep(small, {gap: [0, 5]}, replications=2, seed=1, progress=False)
    >>> table[["run_id", "replication", gap]].values.tolist()
    [[0, 0, 0], [1, 1, 0], [2, 0, 5], [3, 1, 5]]
    """
    base = resolve_scenario(base, argument="base")
    if grid is not None and not isinstance(grid, Mapping):
        raise ScenarioError(
            f"grid doit être un dictionnaire {{paramètre: [valeurs]}}, reçu {grid!r}. "
            "Exemple : {'months': [12, 24]}."
        )
    grid = dict(grid or {})
    check_seed(seed, generator=False, error=ScenarioError)
    check_bool(progress, "progress")
    if isinstance(replications, np.integer):
        replications = int(replications)
    if isinstance(n_jobs, np.integer):
        n_jobs = int(n_jobs)
    if isinstance(replications, bool) or not isinstance(replications, int) or replications < 1:
        raise ScenarioError(
            f"replications doit être un entier au moins égal à 1, reçu {replications!r}."
        )
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0:
        raise ScenarioError(
            f"n_jobs doit être un entier non nul (-1 = tous les cœurs), reçu {n_jobs!r}."
        )
    _points_check(grid)
    check_sweep(base, [len(v) for v in grid.values()], replications, n_jobs, allow_large)
    points = _points(base, grid)
    scenarios = [base.replace(**p) for p in points]  # validates every key and value first
    root = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
    children = root.spawn(len(points) * replications)
    # 53-bit seeds: exact even when a row is read back as floats (``table.iloc[i]``).
    seeds = [int(c.generate_state(1, np.uint64)[0] >> np.uint64(11)) for c in children]
    jobs = [
        (scenarios[i], seeds[i * replications + r])
        for i in range(len(points))
        for r in range(replications)
    ]
    results = _execute(jobs, n_jobs=n_jobs, client=client, progress=progress)
    rows = []
    for run_id, (kpi, (_, s)) in enumerate(zip(results, jobs, strict=True)):
        point = points[run_id // replications]
        rows.append(
            {"run_id": run_id, "replication": run_id % replications, "seed": s, **point, **kpi}
        )
    table = pd.DataFrame(rows)
    return table


def _execute(
    jobs: list[tuple[Scenario, int]], *, n_jobs: int, client: Any, progress: bool
) -> list[dict]:
    from tqdm.auto import tqdm

    bar = tqdm(
        total=len(jobs), desc="Balayage", unit="simulation", disable=not progress, leave=False
    )
    try:
        if client is not None:
            return _execute_dask(jobs, client, bar)
        if n_jobs == 1 or len(jobs) == 1:
            out = []
            for sc, s in jobs:
                out.append(_run_one(sc, s))
                bar.update(1)
            return out
        from joblib import Parallel, delayed

        parallel = Parallel(n_jobs=n_jobs, return_as="generator")
        out = []
        for res in parallel(delayed(_run_one)(sc, s) for sc, s in jobs):
            out.append(res)
            bar.update(1)
        return out
    finally:
        bar.close()


def _execute_dask(jobs: list[tuple[Scenario, int]], client: Any, bar: Any) -> list[dict]:
    from dask.distributed import as_completed  # optional extra, imported only here

    futures = client.map(_run_one, [sc for sc, _ in jobs], [s for _, s in jobs], pure=False)
    for _ in as_completed(futures):
        bar.update(1)
    return client.gather(futures)
