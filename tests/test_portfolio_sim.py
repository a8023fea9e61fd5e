"""Helpers of the lessons on acquisition, attrition and loyalty (crmsim.portfolio_sim, summaries)."""

import pandas as pd
import pytest

import crmsim as cs
from crmsim.errors import DataError

SMALL = {"customers": 300, "months": 12}


def test_small_portfolio_matches_the_attrition_panel_sizes():
    sc = cs.small_portfolio(
        "guerre_des_prix", customers=400, months=10, **{"events.firm_alignment_month": 5}
    )
    assert sc.market.initial_customers == 400 and sc.market.market_size == 8_000
    assert sc.months == 10 and sc.events.firm_alignment_month == 5
    assert cs.preset("guerre_des_prix").events.firm_alignment_month != 5  # a copy


def test_compare_situations_schema_seed_and_lever():
    situations = {
        "calme": cs.small_portfolio("calme", **SMALL),
        "qualité +1": cs.small_portfolio("calme", **SMALL, **{"satisfaction.service_quality": 9.5}),
    }
    a = cs.compare_situations(situations, seed=3)
    b = cs.compare_situations(situations, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert list(a.columns) == [
        "situation", "yearly_churn_rate", "insatisfaction", "structurelle", "conjoncturelle",
        "anecdotique",
    ]  # fmt: skip
    assert a["situation"].tolist() == list(situations)
    assert a[["insatisfaction", "anecdotique"]].dtypes.map(pd.api.types.is_integer_dtype).all()
    assert a.loc[1, "insatisfaction"] <= a.loc[0, "insatisfaction"]
    effects = cs.lever_effects(a, [("qualité +1", "calme", "anecdotique")])
    expected = a.loc[1, "anecdotique"] / a.loc[0, "anecdotique"] - 1
    assert effects.loc[0, "change"] == pytest.approx(expected)


def test_lever_effects_french_errors():
    comp = pd.DataFrame({"situation": ["a"], "insatisfaction": [3]})
    with pytest.raises(DataError, match=r"situation inconnue.*'b'"):
        cs.lever_effects(comp, [("b", "a", "insatisfaction")])
    with pytest.raises(DataError, match="cause inconnue"):
        cs.lever_effects(comp, [("a", "a", "structurelle")])


def test_find_customer_filters_and_explains_when_nobody_matches():
    res = cs.simulate(
        cs.small_portfolio("crise", customers=500, months=30), seed=2026, transactions=False
    )
    cid = cs.find_customer(res, churn_cause="conjoncturelle")
    row = res.customers.set_index("customer_id").loc[cid]
    assert row["churn_cause"] == "conjoncturelle"
    with pytest.raises(DataError, match="Aucun client"):
        cs.find_customer(res, interaction="n’existe pas")


def test_selection_effect_unequal_customers_survive_longer_same_mean():
    curves = cs.selection_effect(customers=1_000, months=36, max_tenure=24, seed=5)
    summary = cs.survival_summary(curves, at=24, early=1, late=20)
    s = summary.set_index("curve")
    assert (
        s.loc["simulation, clients inégaux", "survival_24"]
        > s.loc["simulation, clients identiques", "survival_24"]
    )
    assert s.loc["sBG", "retention_20"] > s.loc["sBG", "retention_1"]
    assert s.loc["géométrique", "retention_20"] == pytest.approx(0.98)


def test_individual_risks_seeded_with_the_right_mean():
    a = cs.individual_risks(0.02, 0.2, customers=50_000, seed=1)
    assert (a == cs.individual_risks(0.02, 0.2, customers=50_000, seed=1)).all()
    assert a.mean() == pytest.approx(0.02, rel=0.05)
    assert ((a >= 0) & (a <= 1)).all()


def test_channel_kpis_adds_the_months_and_rejects_unknown_channels():
    camp = pd.DataFrame({
        "channel": ["web", "web", "e-mail"], "messages": [100, 300, 50], "responses": [4, 12, 1],
        "orders": [1, 3, 1], "cost": [100.0, 300.0, 5.0], "revenue": [80.0, 240.0, 9.0],
        "gross_margin": [20.0, 60.0, 3.0],
    })  # fmt: skip
    k = cs.channel_kpis(camp, "web").set_index("indicator_id")["value"]
    assert k["response_rate"] == pytest.approx(16 / 400)
    assert k["break_even_orders"] == pytest.approx(400 / 20)
    with pytest.raises(DataError, match="Canaux présents"):
        cs.channel_kpis(camp, "fax")


def test_leverage_by_acquisition_cost_rows_and_growth():
    t = cs.leverage_by_acquisition_cost(1000, 0.8, [0, 500, 1000])
    assert list(t.columns) == ["acquisition_cost", "value_before", "value_after", "change"]
    assert t["change"].is_monotonic_increasing
    assert (t["value_after"] > t["value_before"]).all()
