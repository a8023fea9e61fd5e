"""B2B accounts of the ``industriel`` preset: scoring notes, grids and RADAR on them."""

from __future__ import annotations

import numpy as np
import pandas.testing as pdt
import pytest
from test_model import _check_identities

import crmsim as cs
from crmsim import labels as L
from crmsim.analysis.tcc import RADAR_STRATEGIES
from crmsim.model.accounts import CRITERIA, quintile_notes


@pytest.fixture(scope="module")
def res() -> cs.SimulationResult:
    return cs.simulate("industriel", seed=7)


def test_a_few_hundred_accounts(res):
    assert 200 <= len(res.accounts) <= 1_000
    assert res.customers["active"].sum() == len(res.accounts)


def test_accounts_have_the_shape_of_the_course_notes(res):
    course = cs.datasets.load("scoring_notes")
    assert list(res.accounts.columns) == list(course.columns)
    assert list(CRITERIA) == list(cs.datasets.load("scoring_criteria")["criterion_id"])


def test_every_criterion_within_1_5(res):
    notes = res.accounts[list(CRITERIA)]
    assert notes.apply(lambda s: s.between(1, 5).all()).all()
    for col in notes:
        assert np.issubdtype(notes[col].dtype, np.integer), col
        assert notes[col].nunique() >= 3, col


def test_scoring_grid_and_bubble_chart_run_on_accounts(res):
    criteria = cs.datasets.load("scoring_criteria")
    notes = res.accounts.drop(columns=["revenue"])
    for grid in ("potentiel", "performance"):
        out = cs.scoring_grid(notes, criteria, grid=grid)
        assert out["score"].between(1, 5).all()
    pos = cs.account_positioning(res.accounts, criteria)
    assert len(pos) == len(res.accounts)
    assert set(pos["potential_level"]) == {"fort", "faible"}
    np.testing.assert_allclose(pos["share_revenue_pct"].sum(), 100)
    assert len(set(pos["strategy"])) == 4


def test_industriel_reproducible_for_a_seed(res):
    again = cs.simulate("industriel", seed=7)
    for name in ("monthly", "customers", "accounts", "supplier_sales", "wallet"):
        pdt.assert_frame_equal(getattr(again, name), getattr(res, name))
    other = cs.simulate("industriel", seed=8)
    assert not other.accounts.equals(res.accounts)


def test_every_radar_objective_occurs_in_industriel(res):
    ss = res.supplier_sales
    out = cs.radar(
        cs.supplier_sales_for_tcc(ss, 5),
        firm=L.FIRM,
        previous_sales=cs.supplier_sales_for_tcc(ss, 4),
    )
    assert set(out["strategy"]) == set(RADAR_STRATEGIES)


def test_identities_industriel(res):
    _check_identities(res)


def test_quintile_notes_split_in_fifths():
    notes = quintile_notes(np.random.default_rng(0).random(1_000))
    assert np.bincount(notes)[1:].tolist() == [200] * 5
