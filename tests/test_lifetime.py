"""Tests of crmsim.analysis diffusion, survival, value and simulated: Bass, survival models, CLV, simulated tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crmsim as cs
import crmsim.analysis as lt
from crmsim.errors import DataError

PURE_BASS = {
    "attrition.anecdotal_monthly_rate": 0.0,
    "attrition.dissatisfaction_hazard_per_point": 0.0,
    "attrition.offer_gap_pct": 0.0,
    "market.loyal_recommend_boost": 1.0,
    "satisfaction.service_quality": 10.0,
    "satisfaction.incident_monthly_rate": 0.0,
}


def test_public_names():
    for name in lt.__all__:
        assert getattr(cs, name) is getattr(lt, name)


def test_rate_conversions_round_trip():
    h = lt.yearly_to_monthly(0.10)
    assert h == pytest.approx(0.008741, abs=1e-6)
    assert lt.monthly_to_yearly(h) == pytest.approx(0.10)
    with pytest.raises(DataError, match="pourcentage"):
        lt.yearly_to_monthly(10)


def test_bass_recurrence_and_continuous_curve():
    t = lt.bass_adoption(0.03, 0.38, 1000, 40)
    assert list(t.columns) == ["period", "new_adopters", "adopters", "adopters_continuous"]
    n = t["adopters"].to_numpy()
    assert n[1] == pytest.approx(30)
    assert n[2] == pytest.approx(30 + (0.03 + 0.38 * 0.03) * 970)
    assert np.all(np.diff(n) >= 0) and n[-1] <= 1000
    assert t["new_adopters"].sum() == pytest.approx(n[-1])
    # continuous curve: F(0) = 0, tends to M, peak of the density near ln(q/p)/(p+q)
    assert t["adopters_continuous"].iloc[0] == 0
    assert t["adopters_continuous"].iloc[-1] == pytest.approx(1000, rel=1e-3)
    fine = lt.bass_adoption(0.003, 0.08, 1.0, 200)
    peak = int(np.argmax(np.diff(fine["adopters_continuous"])))
    assert abs(peak + 0.5 - lt.bass_peak(0.003, 0.08)) <= 1
    assert lt.bass_peak(0.5, 0.1) == 0.0
    with pytest.raises(DataError, match="p"):
        lt.bass_adoption(0, 0.3, 100, 10)
    with pytest.raises(DataError, match="periods"):
        lt.bass_adoption(0.01, 0.3, 100, 0)


def test_simulation_matches_discrete_bass_within_two_percent():
    sc = cs.preset("lancement").replace(**PURE_BASS, **{"market.market_size": 100_000})
    res = cs.simulate(sc, seed=7, transactions=False)
    simulated = res.monthly["new_customers"].cumsum().to_numpy()
    theory = lt.bass_adoption(0.003, 0.08, 100_000, sc.months)["adopters"].to_numpy()[1:]
    assert np.max(np.abs(simulated - theory)) / 100_000 < 0.02


def test_geometric_survival():
    s = lt.geometric_survival(0.1, 5)
    assert s["survival"].tolist() == pytest.approx([1, 0.9, 0.81, 0.729, 0.6561, 0.59049])
    assert s["churn_probability"].iloc[1:].sum() == pytest.approx(1 - s["survival"].iloc[-1])
    assert np.isnan(s["retention"].iloc[0]) and s["retention"].iloc[3] == pytest.approx(0.9)


def test_sbg_formulas():
    a, b = lt.sbg_params(0.2, 0.25)
    assert (a, b) == pytest.approx((0.8, 3.2))
    s = lt.sbg_survival(a, b, 30)
    assert s["churn_probability"].iloc[1] == pytest.approx(a / (a + b))
    # S(t) = 1 - sum P(T = k), retention = S(t)/S(t-1), rising with tenure
    surv = s["survival"].to_numpy()
    assert surv[1:] == pytest.approx(1 - np.cumsum(s["churn_probability"].to_numpy()[1:]))
    assert s["retention"].iloc[1:].to_numpy() == pytest.approx(surv[1:] / surv[:-1])
    assert np.all(np.diff(s["retention"].iloc[1:]) > 0)
    # heterogeneity -> 0: geometric
    a0, b0 = lt.sbg_params(0.05, 1e-6)
    near = lt.sbg_survival(a0, b0, 24)["survival"]
    assert near.to_numpy() == pytest.approx(lt.geometric_survival(0.05, 24)["survival"], rel=1e-4)
    with pytest.raises(DataError, match="heterogeneity"):
        lt.sbg_params(0.05, 0)


def test_fit_sbg_recovers_parameters_and_rejects_bad_input():
    survivors = lt.sbg_survival(0.7, 3.0, 12)["survival"] * 1000
    assert lt.fit_sbg(survivors) == pytest.approx((0.7, 3.0), rel=1e-3)
    # Fader & Hardie (2007), "regular" customers, years 0-7: alpha 0.704, beta 1.182
    assert lt.fit_sbg([1000, 631, 468, 382, 326, 289, 262, 241]) == pytest.approx(
        (0.704, 1.182), abs=2e-3
    )
    with pytest.raises(DataError, match="décroissant"):
        lt.fit_sbg([100, 120, 80])
    with pytest.raises(DataError, match="au moins 3"):
        lt.fit_sbg([100, 80])


def test_cohort_survival_censoring_and_truncation():
    toy = pd.DataFrame(
        {
            "acquisition_month": [0, 0, 0, 0, -5],
            "tenure_months": [1, 2, 3, 3, 8],
            "active": [False, False, True, False, False],
        }
    )
    s = lt.cohort_survival(toy)
    assert list(s.columns) == ["tenure", "at_risk", "churned", "hazard", "survival", "retention"]
    assert s["at_risk"].tolist() == [0, 4, 3, 1]
    assert s["churned"].tolist() == [0, 1, 1, 1]
    s2 = lt.cohort_survival(toy, include_initial=True)
    # the initial customer enters at tenure 5 and leaves at tenure 8
    assert s2["at_risk"].iloc[5:9].tolist() == [1, 1, 1, 1]
    assert s2["churned"].iloc[8] == 1
    assert lt.cohort_survival(toy, max_tenure=2)["tenure"].max() == 2
    with pytest.raises(DataError, match="Colonne"):
        lt.cohort_survival(toy.drop(columns="active"))
    with pytest.raises(DataError, match="Aucun client"):
        lt.cohort_survival(toy.iloc[[4]])


def test_constant_hazard_simulation_gives_geometric_survival():
    sc = cs.preset("calme").replace(
        **{
            "attrition.dissatisfaction_hazard_per_point": 0.0,
            "attrition.offer_gap_pct": 0.0,
            "attrition.propensity_heterogeneity": 1e-9,
            "attrition.anecdotal_monthly_rate": 0.02,
            "market.initial_customers": 2000,
            "market.external_influence_p": 0.01,
        },
        months=36,
    )
    res = cs.simulate(sc, seed=3, transactions=False)
    s = lt.cohort_survival(res.customers, max_tenure=24)
    assert s["survival"].iloc[24] == pytest.approx(0.98**24, abs=0.02)


def test_competing_risks():
    t = lt.competing_risks({"a": 0.01, "b": 0.03}, customers=10_000)
    assert list(t.columns) == ["cause", "hazard", "share", "departures"]
    assert t["share"].tolist() == pytest.approx([0.25, 0.75])
    assert t["departures"].sum() == pytest.approx(10_000 * (1 - 0.99 * 0.97))
    assert lt.competing_risks({"a": 0.0})["share"].tolist() == [0.0]
    with pytest.raises(DataError):
        lt.competing_risks({})


def test_clv_formulas_and_errors():
    assert lt.clv(100, 0.8, 0.1) == pytest.approx(100 * 0.8 / 0.3)
    assert lt.clv(100, 0.8, 0.1, timing="start") == pytest.approx(100 * 1.1 / 0.3)
    assert lt.clv(100, 0.8, 0.1, timing="start") == pytest.approx(100 + lt.clv(100, 0.8, 0.1))
    assert lt.clv(100, 0.0, 0.1) == 0
    with pytest.raises(DataError, match="retention"):
        lt.clv(100, 1.0, 0.1)
    with pytest.raises(DataError, match="timing"):
        lt.clv(100, 0.8, 0.1, timing="milieu")
    with pytest.raises(DataError, match="pourcentage"):
        lt.clv(100, 90, 0.1)


@settings(max_examples=40, deadline=None)
@given(
    m=st.floats(1, 1e4),
    r=st.floats(0.0, 0.97),
    d=st.floats(0.0, 0.3),
)
def test_customer_value_reduces_to_clv(m, r, d):
    assert lt.customer_value(m, r, d, horizon=2000) == pytest.approx(lt.clv(m, r, d), rel=1e-6)


def test_tenure_margins_and_customer_value():
    m = lt.tenure_margins(1000, 8, spend_growth=0.1, growth_cap_years=5, cost_to_serve=200)
    assert m[0] == pytest.approx(800) and m[-1] == pytest.approx(1500 - 100)
    assert np.all(np.diff(m) >= 0)
    pv = lt.customer_value([100, 200], 0.5, 0.0, acquisition_cost=10)
    assert pv == pytest.approx(-10 + 100 * 0.5 + 200 * 0.25)
    with pytest.raises(DataError):
        lt.customer_value([], 0.5, 0.1)


def test_retention_leverage_reichheld():
    t = lt.retention_leverage(1200, 0.9, horizon=2000)
    assert list(t.columns) == [
        "situation",
        "retention",
        "defection",
        "expected_lifetime",
        "present_value",
        "change",
    ]
    assert t["expected_lifetime"].tolist() == pytest.approx([10, 20])
    assert t["change"].iloc[1] == pytest.approx(7600 / 5400 - 1)
    # rising margins and an acquisition cost make the lever stronger
    rising = lt.tenure_margins(1000, 20, cost_to_serve=400)
    strong = lt.retention_leverage(rising, 0.8, acquisition_cost=1500)
    flat = lt.retention_leverage(1000 - 400, 0.8, horizon=20)
    assert strong["change"].iloc[1] > flat["change"].iloc[1] > 0
    with pytest.raises(DataError, match="inférieur à 1"):
        lt.retention_leverage(100, 0.97)
    with pytest.warns(UserWarning, match="négative"):
        bad = lt.retention_leverage(10, 0.5, acquisition_cost=1000)
    assert bad["change"].isna().all()


@pytest.fixture(scope="module")
def small_run():
    sc = cs.preset("cours").replace(
        **{"market.initial_customers": 2000, "market.market_size": 50_000}, months=24
    )
    return cs.simulate(sc, seed=11)


def test_campaign_kpis_by_channel_on_a_run(small_run):
    table = lt.campaign_kpis_by_channel(small_run.campaigns)
    assert set(table["channel"]) == {"publipostage", "téléphone", "e-mail", "force de vente", "web"}
    row = table.set_index("channel").loc["publipostage"]
    camp = small_run.campaigns[small_run.campaigns["channel"] == "publipostage"]
    assert row["response_rate"] == pytest.approx(camp["responses"].sum() / camp["messages"].sum())
    assert row["customer_acquisition_cost"] == pytest.approx(
        camp["cost"].sum() / camp["orders"].sum()
    )
    assert row["contact_cost"] == pytest.approx(6.0)
    with pytest.raises(DataError, match="Colonne"):
        lt.campaign_kpis_by_channel(small_run.campaigns.drop(columns="orders"))


def test_revenue_by_tenure_on_a_run(small_run):
    table = lt.revenue_by_tenure(small_run.transactions, small_run.customers, months=24)
    assert list(table.columns) == [
        "tenure_period",
        "customer_months",
        "revenue",
        "revenue_per_customer_month",
    ]
    assert table["revenue"].sum() == pytest.approx(small_run.transactions["amount"].sum())
    # every customer-month of the run is counted once
    assert table["customer_months"].sum() == small_run.monthly["active"].sum()
    # spending grows with tenure (loyalty effect of the cours preset)
    assert (
        table["revenue_per_customer_month"].iloc[-1] > table["revenue_per_customer_month"].iloc[0]
    )


def test_inputs_not_mutated(small_run):
    before = small_run.customers.copy()
    lt.cohort_survival(small_run.customers)
    pd.testing.assert_frame_equal(before, small_run.customers)


def test_churn_by_cause_matches_engine_labels(small_run):
    from crmsim.analysis import simulated
    from crmsim.labels import CAUSE_COLUMNS, CAUSES

    assert (simulated.CAUSES, simulated.CAUSE_COLUMNS) == (CAUSES, CAUSE_COLUMNS)
    table = lt.churn_by_cause(small_run.monthly)
    assert list(table.columns) == ["cause", "churned", "share"]
    assert table["churned"].sum() == small_run.monthly["churned"].sum()
    assert table["share"].sum() == pytest.approx(1)
    with pytest.raises(DataError, match="churned_structural"):
        lt.churn_by_cause(small_run.monthly.drop(columns="churned_structural"))
