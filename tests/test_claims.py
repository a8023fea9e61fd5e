"""The course's portfolio claims on a simulated base: segments, 20/30/50, tenure effects."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import crmsim as cs
from crmsim.analysis.claims import (
    COURSE_SEGMENTS,
    departures_by_tenure,
    referrals_by_tenure,
    spend_segments,
    tenure_bands,
)
from crmsim.analysis.experience import portfolio_tiers
from crmsim.errors import DataError
from crmsim.labels import CHANNEL_LABELS, WORD_OF_MOUTH
from crmsim.model.referrals import Referrals

EXISTING = [
    "customers",
    "transactions",
    "monthly",
    "campaigns",
    "events",
    "interactions",
    "wallet",
    "supplier_sales",
]


@pytest.fixture(scope="module")
def price_war() -> cs.SimulationResult:
    sc = cs.small_portfolio("guerre_des_prix", customers=5_000, months=36)
    return cs.simulate(sc, seed=11, transactions=False, referrals=True)


@pytest.fixture(scope="module")
def referred() -> cs.SimulationResult:
    sc = cs.small_portfolio("cours", customers=5_000, months=48)
    return cs.simulate(sc, seed=2, transactions=False, referrals=True)


# ------------------------------------------------------------ referrals in the engine
@pytest.mark.parametrize("preset", ["cours", "guerre_des_prix", "lancement"])
def test_recording_referrals_changes_no_existing_table(preset):
    sc = cs.small_portfolio(preset, customers=400, months=24)
    if preset == "lancement":
        sc = cs.preset("lancement").replace(months=24, **{"market.market_size": 8_000})
    plain = cs.simulate(sc, seed=3)
    recorded = cs.simulate(sc, seed=3, referrals=True)
    for name in EXISTING:
        pd.testing.assert_frame_equal(getattr(plain, name), getattr(recorded, name), obj=name)
    assert len(recorded.referrals) == recorded.monthly["word_of_mouth_recruits"].sum() > 0


def test_recording_referrals_from_a_generator_seed_changes_nothing_else():
    sc = cs.small_portfolio("cours", customers=500, months=12)
    plain = cs.simulate(sc, seed=np.random.default_rng(5), transactions=False)
    recorded = cs.simulate(sc, seed=np.random.default_rng(5), transactions=False, referrals=True)
    pd.testing.assert_frame_equal(plain.customers, recorded.customers)
    pd.testing.assert_frame_equal(plain.monthly, recorded.monthly)


def test_referrals_table_is_consistent_with_the_customers(referred):
    refs, cust = referred.referrals, referred.customers.set_index("customer_id")
    assert list(refs.columns) == list(cs.model.COLUMNS["referrals"])
    assert refs["customer_id"].is_unique
    recruits = cust.loc[refs["customer_id"]]
    assert (recruits["channel"] == CHANNEL_LABELS[WORD_OF_MOUTH]).all()
    assert (recruits["acquisition_month"].to_numpy() == refs["month"].to_numpy()).all()
    n_wom = (cust["channel"] == CHANNEL_LABELS[WORD_OF_MOUTH]).sum()
    assert len(refs) == n_wom == referred.monthly["word_of_mouth_recruits"].sum()
    # the referrer was present at the start of the month, with the recorded tenure
    ref = cust.loc[refs["referrer_id"]]
    acq = ref["acquisition_month"].to_numpy()
    assert (acq < refs["month"].to_numpy()).all()
    left = ref["churn_month"].astype("float").to_numpy()
    assert (np.isnan(left) | (left >= refs["month"].to_numpy())).all()
    assert (refs["referrer_tenure_months"].to_numpy() == refs["month"].to_numpy() - acq).all()
    # same seed, same table
    again = cs.simulate(referred.scenario, seed=2, transactions=False, referrals=True)
    pd.testing.assert_frame_equal(refs, again.referrals)


def test_referral_weights_follow_the_word_of_mouth_weights():
    sc = cs.preset("cours")
    ref = Referrals(sc, np.random.default_rng(0), cs.model.runlog.RunLog(2))

    pop = SimpleNamespace(
        cols={
            "acquisition_month": np.array([-20, -20, 5, 5, -30, 0]),
            "recovered": np.array([False, True, False, True, False, False]),
            "dissatisfied": np.array([False, False, False, False, True, False]),
        }
    )
    w = ref.weights(10, pop, 5)
    mk = sc.market
    assert w.tolist() == [
        mk.loyal_recommend_boost,
        mk.recovered_tell / mk.happy_tell,
        1.0,
        mk.recovered_tell / mk.happy_tell,
        0.0,
    ]


def test_a_run_without_referrals_has_an_empty_table_and_a_french_error():
    res = cs.simulate(cs.small_portfolio("cours", customers=300, months=6), seed=1)
    assert res.referrals.empty
    assert list(res.referrals.columns) == list(cs.model.COLUMNS["referrals"])
    with pytest.raises(DataError, match="referrals=True"):
        cs.word_of_mouth_by_tenure(res)


# ------------------------------------------------------------ the measured effects
def test_loyal_customers_leave_less_during_a_price_cut(price_war):
    table = cs.price_war_departures(price_war)
    assert table["tenure_band"].tolist() == tenure_bands()
    rate, se = table["departure_rate"].to_numpy(), table["std_error"].to_numpy()
    # the rate falls from band to band, each step by more than 3 standard errors
    for i in range(2):
        assert rate[i] - rate[i + 1] > 3 * np.hypot(se[i], se[i + 1])
    # window = the cut (month 12) to the month before the alignment (30)
    mo = price_war.monthly
    assert table["customer_months"].sum() == mo["active_start"].iloc[12:30].sum()
    assert table["departures"].sum() == mo["churned_structural"].iloc[12:30].sum()


def test_loyal_customers_recommend_more(referred):
    table = cs.word_of_mouth_by_tenure(referred)
    rate, se = table["recruit_rate"].to_numpy(), table["std_error"].to_numpy()
    assert rate[2] - rate[0] > 3 * np.hypot(se[0], se[2])
    assert rate[1] > rate[0]
    assert table["customer_months"].sum() == referred.monthly["active_start"].sum()


def test_price_war_departures_needs_a_price_cut():
    res = cs.simulate(cs.small_portfolio("cours", customers=300, months=6), seed=1)
    with pytest.raises(DataError, match="guerre_des_prix"):
        cs.price_war_departures(res)


def test_departures_by_tenure_counts_months_at_risk_by_band():
    base = pd.DataFrame(
        {
            "customer_id": [0, 1, 2, 3],
            "acquisition_month": [-30, 5, 9, 13],
            "churn_month": [pd.NA, 12, 14, pd.NA],
            "churn_cause": [None, "structurelle", "anecdotique", None],
        }
    )
    table = departures_by_tenure(base, start=12, stop=15, bands=(0, 6, 24))
    # customer 0: 3 months aged 42-44; 1: month 12 aged 7; 2: months 12-14 aged 3-5;
    # 3 (acquired in 13): month 14 aged 1
    assert table["customer_months"].tolist() == [4, 1, 3]
    assert table["departures"].tolist() == [0, 1, 0]
    every = departures_by_tenure(base, start=12, stop=15, cause=None, bands=(0, 6, 24))
    assert every["departures"].tolist() == [1, 1, 0]
    assert table["tenure_band"].tolist() == ["0 à 5 mois", "6 à 23 mois", "24 mois et plus"]


def test_referrals_by_tenure_keeps_the_window():
    base = pd.DataFrame({"customer_id": [0], "acquisition_month": [-1], "churn_month": [pd.NA]})
    refs = pd.DataFrame({"month": [0, 5, 9], "referrer_tenure_months": [1, 6, 10]})
    table = referrals_by_tenure(refs, base, start=0, stop=6, bands=(0, 12))
    assert table["recruits"].tolist() == [2, 0]
    assert table["customer_months"].tolist() == [6, 0]
    assert np.isclose(table["recruit_rate"].iloc[0], 2 / 6)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"start": 5, "stop": 5},
        {"start": -1, "stop": 5},
        {"start": 0, "stop": 5, "bands": (1, 12)},
        {"start": 0, "stop": 5, "bands": (0, 12, 6)},
        {"start": 0, "stop": 5, "bands": "douze"},
        {"start": 0, "stop": 5, "cause": "déménagement"},
    ],
)
def test_departures_by_tenure_refuses_bad_arguments_in_french(kwargs):
    base = pd.DataFrame(
        {
            "customer_id": [0],
            "acquisition_month": [0],
            "churn_month": [3],
            "churn_cause": ["anecdotique"],
        }
    )
    with pytest.raises(DataError) as err:
        departures_by_tenure(base, **kwargs)
    assert "reçu" in str(err.value) or "existe pas" in str(err.value)


# ------------------------------------------------------------ segments and tranches
def test_course_segments_are_the_course_table():
    course = cs.datasets.load("loyalty_segments")
    assert [s[0] for s in COURSE_SEGMENTS] == course["segment"].tolist()
    assert np.allclose([s[1] for s in COURSE_SEGMENTS], course["share_customers"])
    assert np.allclose([s[2] for s in COURSE_SEGMENTS], course["share_profit"])


def test_spend_segments_cut_by_the_course_shares(referred):
    cust = referred.customers
    table = spend_segments(cust, 48)
    assert table["segment"].tolist() == ["I", "II", "III", "IV"]
    observed = (
        cust["churn_month"].astype("float").fillna(48) - cust["acquisition_month"].clip(lower=0)
    ) > 0
    n = int(observed.sum())
    assert table["customers"].sum() == n
    assert np.allclose(table["share_customers"], [0.51, 0.34, 0.12, 0.03], atol=1 / n)
    assert table["share_profit"].sum() == pytest.approx(1.0)
    profit = (cust["gross_margin"] - cust["cost_to_serve"] - cust["retention_cost"])[observed]
    assert table["profit_mad"].sum() == pytest.approx(profit.sum())
    # segments are ordered by spend and do not overlap
    assert (table["monthly_spend_max_mad"].iloc[:-1].to_numpy()
            <= table["monthly_spend_min_mad"].iloc[1:].to_numpy()).all()  # fmt: skip
    assert table["course_share_profit"].tolist() == [0.14, 0.22, 0.24, 0.40]


def test_spend_segments_refuses_bad_arguments_in_french(referred):
    with pytest.raises(DataError, match="totaliser 1"):
        spend_segments(referred.customers, 48, segments=[("I", 0.5, 0.1), ("II", 0.4, 0.9)])
    with pytest.raises(DataError, match="months"):
        spend_segments(referred.customers, 0)
    with pytest.raises(DataError, match="revenue"):
        spend_segments(referred.customers.drop(columns="revenue"), 48)


def test_portfolio_claims_report(referred):
    report = cs.portfolio_claims(referred)
    assert report.index.tolist() == [
        "segment_I", "segment_II", "segment_III", "segment_IV",
        "tranche_1", "tranche_2", "tranche_3",
    ]  # fmt: skip
    assert list(report.columns) == [
        "indicator",
        "target",
        "obtained",
        "low",
        "high",
        "ok",
        "source",
    ]
    assert report["target"].tolist() == [0.14, 0.22, 0.24, 0.40, 0.80, 0.15, 0.05]
    tiers = portfolio_tiers(referred.customers)
    assert report["obtained"].iloc[4:].tolist() == tiers["share_revenue"].tolist()
    assert report.loc["tranche_1", "ok"]  # the 20/80 of the calibration
    assert report["ok"].dtype == bool
    assert (report["low"] < report["target"]).all() and (report["target"] < report["high"]).all()
