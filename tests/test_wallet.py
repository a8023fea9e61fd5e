"""Share of wallet and competitors: the wallet and supplier_sales tables, TCC and RADAR on them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

import crmsim as cs
from crmsim import labels as L
from crmsim.analysis.tcc import RADAR_STRATEGIES
from crmsim.model.wallet import share_of_wallet

SMALL = cs.Scenario(months=36).replace(
    **{
        "market.market_size": 40_000,
        "market.initial_customers": 2_000,
        "events.competitor_price_cut_month": 14,
        "events.competitor_price_cut": 0.15,
        "wallet.prospect_sample": 300,
    },
)


@pytest.fixture(scope="module")
def res() -> cs.SimulationResult:
    return cs.simulate(SMALL, seed=5, transactions=False)


def test_share_of_wallet_within_bounds(res):
    w = res.wallet
    lo, hi = SMALL.wallet.min_share, SMALL.wallet.max_share
    assert len(w) > 5_000
    assert w["share_of_wallet"].between(lo, hi).all()
    assert 0 <= lo <= hi <= 1
    assert (w["months_active"].between(1, 12)).all()
    assert (w["competitor_sales_mad"] >= 0).all() and (w["firm_sales_mad"] >= 0).all()


def test_share_responds_to_satisfaction_tenure_lines_and_price():
    sc = cs.Scenario()
    base = dict(offset=np.zeros(1), satisfaction=np.zeros(1), tenure_months=np.array([12]))
    s0 = share_of_wallet(sc, lines=np.array([1]), gap_pct=0.0, **base)
    assert share_of_wallet(sc, lines=np.array([2]), gap_pct=0.0, **base) > s0
    assert share_of_wallet(sc, lines=np.array([1]), gap_pct=10.0, **base) < s0
    happier = {**base, "satisfaction": np.ones(1)}
    assert share_of_wallet(sc, lines=np.array([1]), gap_pct=0.0, **happier) > s0
    older = {**base, "tenure_months": np.array([36])}
    assert share_of_wallet(sc, lines=np.array([1]), gap_pct=0.0, **older) > s0


def test_price_gap_follows_the_calendar(res):
    w = res.wallet
    cheapest = min(c.price_index for c in (SMALL.wallet.competitor_a, SMALL.wallet.competitor_b))
    before = w.loc[w["year"] == 1, "price_gap_pct"]
    np.testing.assert_allclose(before, 100 * (1 / cheapest - 1))
    after = w.loc[w["year"] == 3, "price_gap_pct"]
    np.testing.assert_allclose(after, 100 * (1 / (cheapest * 0.85) - 1))


def test_tcc_from_supplier_sales_equals_engine_share(res):
    ss, w = res.supplier_sales, res.wallet
    status = ss.drop_duplicates(["customer_id", "year"]).set_index(["customer_id", "year"])
    checked = 0
    for year in (1, 2, 3):
        out = cs.tcc(cs.supplier_sales_for_tcc(ss, year), firm=L.FIRM)
        out = out.assign(customer=out["customer"].astype(int)).set_index("customer")
        wy = w[(w["year"] == year) & (w["firm_sales_mad"] > 0)].set_index("customer_id")
        still = status.loc[[(c, year) for c in wy.index], "status"].to_numpy() == "client"
        wy = wy[still]
        np.testing.assert_allclose(out.loc[wy.index, "tcc"], wy["share_of_wallet"], rtol=1e-9)
        checked += len(wy)
    assert checked > 5_000


def test_firm_sales_are_the_engine_revenue(res):
    ss, c = res.supplier_sales, res.customers
    firm = ss[ss["supplier"] == L.FIRM].groupby("customer_id")["sales_mad"].sum()
    np.testing.assert_allclose(firm, c.loc[firm.index, "revenue"], rtol=1e-9)
    assert (c.loc[~c["customer_id"].isin(firm.index), "revenue"] == 0).all()
    by_year = ss[ss["supplier"] == L.FIRM].groupby("year")["sales_mad"].sum()
    monthly = res.monthly.groupby(res.monthly["month"] // 12)["revenue"].sum()
    np.testing.assert_allclose(by_year.to_numpy(), monthly.to_numpy(), rtol=1e-9)


def test_leaver_budget_goes_to_one_competitor(res):
    ss, c = res.supplier_sales, res.customers
    gone = c.loc[~c["active"] & (c["churn_month"] < 24), "customer_id"]
    last = ss[(ss["year"] == 3) & ss["customer_id"].isin(gone)]
    assert last["customer_id"].nunique() == len(gone) > 100
    assert (last["supplier"] != L.FIRM).all()
    assert (last.groupby("customer_id").size() == 1).all()
    assert (last["status"] == "client perdu").all()
    # the year of departure: their sales before it and their budget after it
    left = c.loc[~c["active"] & (c["churn_month"] % 12 == 6), "customer_id"]
    part = ss[ss["customer_id"].isin(left)]
    assert (part["sales_mad"] > 0).all()


def test_prospects_buy_only_from_competitors(res):
    ss = res.supplier_sales
    pro = ss[ss["status"] == "prospect"]
    assert pro["customer_id"].nunique() == 300
    assert pro["customer_id"].min() == len(res.customers)
    assert (pro["supplier"] != L.FIRM).all()
    assert set(pro["supplier"]) == set(L.COMPETITORS)


def test_supplier_sales_reproducible_and_order_free(res):
    again = cs.simulate(SMALL, seed=5, transactions=False)
    pdt.assert_frame_equal(again.supplier_sales, res.supplier_sales)
    other = cs.simulate(SMALL, seed=5, transactions=False)
    _ = other.customers, other.wallet
    pdt.assert_frame_equal(other.supplier_sales, res.supplier_sales)
    pdt.assert_frame_equal(other.wallet, res.wallet)
    assert list(res.supplier_sales["supplier"].cat.categories) == list(L.SUPPLIERS)


def test_new_streams_leave_the_dynamics_alone():
    a = cs.simulate(SMALL.replace(months=12), seed=9, transactions=False)
    b = cs.simulate(
        SMALL.replace(months=12, **{"lines.initial_line_probability": 0.9}),
        seed=9,
        transactions=False,
    )
    pdt.assert_frame_equal(a.monthly, b.monthly)
    cols = ["revenue", "churn_month", "satisfaction", "n_orders"]
    pdt.assert_frame_equal(a.customers[cols], b.customers[cols])
    assert b.customers["lines_held"].mean() > a.customers["lines_held"].mean()


def test_radar_runs_on_simulated_customers_as_on_the_course_table(res):
    ss = res.supplier_sales
    now, before = cs.supplier_sales_for_tcc(ss, 3), cs.supplier_sales_for_tcc(ss, 2)
    out = cs.radar(now, firm=L.FIRM, previous_sales=before)
    assert set(out["strategy"]) == set(RADAR_STRATEGIES)
    table = cs.sales_table(cs.supplier_sales_for_tcc(ss, 3, customers=[0, 1, 2, 3, 4]))
    assert list(table.index) == [L.FIRM, *L.COMPETITORS, "Total"]
    assert table.shape == (5, 6)


def test_adapter_rejects_an_unknown_year(res):
    with pytest.raises(cs.DataError, match="year"):
        cs.supplier_sales_for_tcc(res.supplier_sales, 9)


def test_course_shape_is_kept():
    course = cs.datasets.load("tcc_sales")
    sim = cs.supplier_sales_for_tcc(
        pd.DataFrame(
            {
                "customer_id": [1, 1],
                "year": [1, 1],
                "supplier": [L.FIRM, "Alizé"],
                "sales_mad": [1.0, 3.0],
            }
        )
    )
    assert list(sim.columns) == list(course.columns)
    assert cs.tcc(sim, firm=L.FIRM)["tcc"].tolist() == [0.25]


def test_competitor_split_follows_the_attractions(res):
    """Dirichlet weights: each customer's mean share of a competitor is its attraction share."""
    ss = res.supplier_sales
    comp = ss[(ss["supplier"] != L.FIRM) & (ss["year"] == 1) & (ss["status"] == "client")]
    wide = comp.pivot_table(
        index="customer_id", columns="supplier", values="sales_mad", observed=True, fill_value=0
    )[list(L.COMPETITORS)]
    shares = wide.div(wide.sum(axis=1), axis=0)
    att = np.array([c.quality / c.price_index for c in _competitors(SMALL)])
    expected = att / att.sum()
    se = shares.std().to_numpy() / np.sqrt(len(shares))
    assert (np.abs(shares.mean().to_numpy() - expected) < 4.5 * se).all()


def _competitors(sc: cs.Scenario) -> list:
    return [sc.wallet.competitor_a, sc.wallet.competitor_b, sc.wallet.competitor_c]
