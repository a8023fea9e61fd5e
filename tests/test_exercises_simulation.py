"""Answer checks of the simulation lessons (8: acquisition, 9: attrition, 10: loyalty)."""

import math

import pytest

import crmsim as cs
from crmsim.exercises import acquisition as acq
from crmsim.exercises import attrition as att
from crmsim.exercises import loyalty as loy


@pytest.fixture(scope="module")
def run():
    sc = cs.preset("crise").replace(
        **{"market.initial_customers": 2000, "market.market_size": 40_000}, months=36
    )
    return cs.simulate(sc, seed=5, transactions=False)


def test_acquisition_checks(run):
    camp = run.campaigns[run.campaigns["channel"] == "mailing"]
    rate = camp["responses"].sum() / camp["messages"].sum()
    assert acq.check_response_rate(rate, run.campaigns).ok
    assert "pourcentage" in str(acq.check_response_rate(rate * 100, run.campaigns))
    assert acq.check_response_rate(..., run.campaigns).status == "a_completer"
    cac = camp["cost"].sum() / camp["orders"].sum()
    assert acq.check_customer_acquisition_cost(cac, run.campaigns).ok
    wrong = acq.check_customer_acquisition_cost(
        camp["cost"].sum() / camp["responses"].sum(), run.campaigns
    )
    assert wrong.status == "incorrect" and "commandes" in wrong.hint
    n = 0.0
    for _ in range(12):
        n = n + (0.003 + 0.08 * n / 50_000) * (50_000 - n)
    assert acq.check_bass_adopters(n, 0.003, 0.08, 50_000, 12).ok
    assert not acq.check_bass_adopters(n * 1.1, 0.003, 0.08, 50_000, 12).ok
    assert acq.check_bass_peak(math.log(0.08 / 0.003) / 0.083, 0.003, 0.08).ok
    assert acq.check_word_of_mouth_balance(10 / 3).ok
    assert not acq.check_word_of_mouth_balance(3 / 10).ok


def test_attrition_checks(run):
    mo = run.monthly
    cols = [
        "churned_dissatisfaction",
        "churned_structural",
        "churned_circumstantial",
        "churned_incidental",
    ]
    total = mo[cols].sum().sum()
    shares = {
        c: mo[col].sum() / total
        for c, col in zip(
            ["insatisfaction", "structurelle", "conjoncturelle", "anecdotique"], cols, strict=True
        )
    }
    assert att.check_cause_shares(shares, mo).ok
    assert "Il manque" in str(att.check_cause_shares({"insatisfaction": 1.0}, mo))
    assert att.check_cause_shares(list(shares.values()), mo).ok
    peak = int(mo.loc[mo["churned_circumstantial"].idxmax(), "month"])
    assert att.check_crisis_peak_month(peak, mo).ok
    assert not att.check_crisis_peak_month(peak + 5, mo).ok
    h = {"a": 0.004, "b": 0.002, "c": 0.0055}
    assert att.check_departure_probability(1 - 0.996 * 0.998 * 0.9945, h).ok
    assert not att.check_departure_probability(0.0115, h).ok
    hm = 1 - 0.9 ** (1 / 12)
    assert att.check_monthly_hazard(hm).ok
    assert not att.check_monthly_hazard(0.1 / 12).ok
    assert att.check_survival(0.9**3, 36).ok
    assert not att.check_survival(0.9**3, 36, yearly_rate=0.2).ok
    assert att.check_sbg_retention((10 + 11) / (1 + 10 + 11), 1.0, 10.0, 12).ok
    assert att.check_complaints_kept(38).ok
    assert not att.check_complaints_kept(40).ok


def test_loyalty_checks():
    assert loy.check_clv(5400, 1200, 0.9, 0.1).ok
    assert loy.check_clv(6600, 1200, 0.9, 0.1, timing="start").ok
    assert not loy.check_clv(6600, 1200, 0.9, 0.1).ok
    assert loy.check_retention_change(7600 / 5400 - 1, 1200, 0.9, 0.1).ok
    assert "pourcentage" in str(loy.check_retention_change(40.74, 1200, 0.9, 0.1))
    pv = -150 + 100 * 0.8 / 1.1 + 200 * (0.8 / 1.1) ** 2
    assert loy.check_customer_value(pv, [100, 200], 0.8, 0.1, 150).ok
    assert loy.check_segment_profit_ratio((0.40 / 0.03) / (0.14 / 0.51)).ok
    assert loy.check_tier_revenue_index(4).ok
    assert loy.check_tier_revenue_index(0.1, tier=3).ok
    assert loy.check_clv(None, 1200, 0.9, 0.1).status == "a_completer"
