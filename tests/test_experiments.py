"""Tests of crmsim.experiments.sweep."""

from __future__ import annotations

import pandas.testing as pdt
import pytest

import crmsim as cs
from crmsim.errors import ScenarioError

SMALL = cs.Scenario(months=12).replace(
    **{"market.initial_customers": 800, "market.market_size": 20_000},
)
KPI_COLUMNS = list(cs.simulate(SMALL, seed=0, transactions=False).kpis())


def test_long_table_layout():
    grid = {
        "attrition.offer_gap_pct": [0.0, 10.0],
        "attrition.anecdotal_monthly_rate": [0.005, 0.02],
    }
    t = cs.sweep(SMALL, grid, replications=2, seed=3, progress=False)
    assert list(t.columns) == ["run_id", "replication", "seed", *grid, *KPI_COLUMNS]
    assert len(t) == 8 and t["run_id"].tolist() == list(range(8))
    assert t["replication"].tolist() == [0, 1] * 4
    assert t["seed"].is_unique
    assert t[list(grid)].drop_duplicates().shape[0] == 4


def test_rows_reproducible_alone():
    t = cs.sweep(
        SMALL, {"attrition.offer_gap_pct": [0.0, 8.0]}, replications=2, seed=5, progress=False
    )
    row = t.iloc[3]
    res = cs.simulate(
        SMALL.replace(**{"attrition.offer_gap_pct": row["attrition.offer_gap_pct"]}),
        seed=int(row["seed"]),
        transactions=False,
    )
    assert res.kpis()["revenue"] == pytest.approx(row["revenue"], rel=1e-12)


def test_same_seed_same_table_parallel_equals_serial():
    grid = {"attrition.offer_gap_pct": [0.0, 8.0]}
    serial = cs.sweep(SMALL, grid, replications=2, seed=9, progress=False)
    again = cs.sweep(SMALL, grid, replications=2, seed=9, progress=False)
    parallel = cs.sweep(SMALL, grid, replications=2, seed=9, n_jobs=2, progress=False)
    pdt.assert_frame_equal(serial, again)
    pdt.assert_frame_equal(serial, parallel)
    other = cs.sweep(SMALL, grid, replications=2, seed=10, progress=False)
    assert not other["revenue"].equals(serial["revenue"])


def test_lever_has_expected_effect():
    t = cs.sweep(
        SMALL, {"attrition.offer_gap_pct": [0.0, 20.0]}, replications=2, seed=1, progress=False
    )
    mean = t.groupby("attrition.offer_gap_pct")["share_structurelle"].mean()
    assert mean[20.0] > mean[0.0] + 0.2


def test_no_grid_runs_base_and_progress_bar(capsys):
    t = cs.sweep(SMALL, None, replications=2, seed=1, progress=True)
    assert len(t) == 2 and "Balayage" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"grid": {"offer_gap_pc": [1]}}, "Vouliez-vous dire"),
        ({"grid": {"attrition.offer_gap_pct": 3}}, "liste de valeurs"),
        ({"grid": {"attrition.offer_gap_pct": []}}, "vide"),
        ({"grid": {"attrition.anecdotal_monthly_rate": [2]}}, "pourcentage"),
        ({"replications": 0}, "replications"),
        ({"n_jobs": 0}, "n_jobs"),
        ({"base": 3}, "base"),
    ],
)
def test_bad_arguments(kwargs, fragment):
    kwargs.setdefault("base", SMALL)
    with pytest.raises(ScenarioError, match=fragment):
        cs.sweep(progress=False, **kwargs)


def test_dask_client_path():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=1) as client:
        t = cs.sweep(
            SMALL, {"attrition.offer_gap_pct": [0.0, 5.0]}, seed=2, client=client, progress=False
        )
    pdt.assert_frame_equal(
        t, cs.sweep(SMALL, {"attrition.offer_gap_pct": [0.0, 5.0]}, seed=2, progress=False)
    )
