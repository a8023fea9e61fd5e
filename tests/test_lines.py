"""Product lines and cross-selling: equipment rate, development campaigns, their cost."""

from __future__ import annotations

import numpy as np
import pandas.testing as pdt
import pytest
from test_model import _check_identities

import crmsim as cs

SMALL = cs.Scenario(months=24).replace(
    **{"market.market_size": 40_000, "market.initial_customers": 2_000},
)
PUSH = {"lines.development_contact_rate": 0.2, "lines.development_success_rate": 0.5}


@pytest.fixture(scope="module")
def plain() -> cs.SimulationResult:
    return cs.simulate(SMALL, seed=4, transactions=False)


@pytest.fixture(scope="module")
def pushed() -> cs.SimulationResult:
    return cs.simulate(SMALL.replace(**PUSH), seed=4, transactions=False)


def test_equipment_never_exceeds_the_lines_offered():
    sc = SMALL.replace(
        months=18,
        **{
            "lines.lines_offered": 3,
            "lines.development_contact_rate": 1.0,
            "lines.development_success_rate": 1.0,
        },
    )
    res = cs.simulate(sc, seed=1, transactions=False)
    c = res.customers
    assert c["lines_held"].between(1, 3).all()
    assert c["equipment_rate"].between(0, 1).all()
    # everyone contacted every month with certain success: after two months in the run
    # (the month of arrival, then two contacts) every customer holds all the lines
    end = c["churn_month"].fillna(18).to_numpy()
    in_run = end - np.maximum(c["acquisition_month"].to_numpy(), 0)
    assert (c.loc[in_run >= 3, "lines_held"] == 3).all()
    np.testing.assert_allclose(c["equipment_rate"], c["lines_held"] / 3)
    assert res.wallet["lines_held"].max() == 3


def test_initial_lines_are_binomial(plain):
    c = plain.customers
    li = SMALL.lines
    mean = 1 + (li.lines_offered - 1) * li.initial_line_probability
    var = (li.lines_offered - 1) * li.initial_line_probability * (1 - li.initial_line_probability)
    assert abs(c["lines_held"].mean() - mean) < 4 * np.sqrt(var / len(c))
    assert c["lines_held"].min() == 1


def test_development_adds_lines_and_raises_the_share(plain, pushed):
    assert pushed.customers["lines_held"].mean() > plain.customers["lines_held"].mean() + 0.5
    a, b = plain.wallet, pushed.wallet
    last = a["year"].max()
    assert (
        b.loc[b["year"] == last, "share_of_wallet"].mean()
        > a.loc[a["year"] == last, "share_of_wallet"].mean() + 0.03
    )
    rec = pushed.log.monthly
    assert rec["lines_added"].sum() > 0
    assert (rec["lines_added"] <= rec["development_contacts"]).all()
    # the firm's orders do not change: the campaign moves the share, not our revenue
    pdt.assert_series_equal(plain.monthly["revenue"], pushed.monthly["revenue"])


def test_development_costs_are_retention_spending(plain, pushed):
    extra = pushed.monthly["retention_spend"] - plain.monthly["retention_spend"]
    cost = SMALL.lines.development_contact_cost_mad
    np.testing.assert_allclose(extra, cost * pushed.log.monthly["development_contacts"])
    _check_identities(pushed)


def test_no_campaign_no_contact(plain):
    assert plain.log.monthly["development_contacts"].sum() == 0
