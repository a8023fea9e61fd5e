"""Special cases of the engine reduce to the textbook formulas (see docs/model.md).

Each test switches off every mechanism but one and compares the simulation with the
theory, with tolerances derived from the sampling error (a few standard errors), and a
fixed seed so that the outcome is reproducible.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import optimize
from scipy.special import betaln

import crmsim as cs
from crmsim.labels import CAUSE_COLUMNS

CAMPAIGNS_OFF = {
    f"acquisition.{c}.contacts_per_month": 0
    for c in ("mailing", "phone", "email", "sales_force", "web")
}

#: Every departure cause and every random disturbance switched off.
QUIET = cs.Scenario().replace(
    **CAMPAIGNS_OFF,
    **{
        "market.external_influence_p": 0.0,
        "market.imitation_q": 0.0,
        "attrition.anecdotal_monthly_rate": 0.0,
        "attrition.propensity_heterogeneity": 0.0,
        "attrition.dissatisfaction_hazard_per_point": 0.0,
        "attrition.structural_hazard_per_gap_point": 0.0,
        "attrition.offer_gap_pct": 0.0,
        "events.crisis_month": None,
        "satisfaction.incident_monthly_rate": 0.0,
        "satisfaction.complaint_rate": 0.0,
        "customers.expectation_mean": 0.0,
        "customers.expectation_sd": 0.0,
        "satisfaction.survey_every_months": 0,
        "market.loyal_recommend_boost": 1.0,
    },
)


def cohort(n: int, months: int, **changes) -> cs.Scenario:
    """``n`` customers acquired together one month before the start, no acquisition."""
    return QUIET.replace(
        months=months,
        **{
            "market.market_size": n,
            "market.initial_customers": n,
            "market.initial_tenure_max_months": 1,
        },
        **changes,
    )


def survival(res: cs.SimulationResult, horizon: int) -> np.ndarray:
    """Empirical S(t) = P(T > t), t = 0..horizon, for a cohort (T = lifetime in months)."""
    c = res.customers
    lifetime = np.where(c["active"], np.inf, c["tenure_months"].to_numpy(float))
    return np.array([(lifetime > t).mean() for t in range(horizon + 1)])


def test_bass_diffusion_matches_discrete_recurrence():
    m_size, p, q, months = 100_000, 0.003, 0.05, 150
    sc = QUIET.replace(
        months=months,
        **{
            "market.market_size": m_size,
            "market.initial_customers": 0,
            "market.external_influence_p": p,
            "market.imitation_q": q,
        },
    )
    theory, n = [], 0.0
    for _ in range(months):
        n = n + (p + q * n / m_size) * (m_size - n)
        theory.append(n)
    theory = np.array(theory)
    runs = [cs.simulate(sc, seed=seed, transactions=False) for seed in range(2024, 2028)]
    sims = np.array([r.monthly["active"].to_numpy(float) for r in runs])
    # every run stays within 2 % of the market of the recurrence at every month
    # (observed: about 0.5 %; early noise of the first adopters is amplified by imitation)
    assert np.max(np.abs(sims - theory)) / m_size < 0.02
    # once diffusion is under way the mean of the runs is within 2 % of N_t itself
    # (one run's relative sd is at most 1.3 % there, so the mean of 4 has at most 0.65 %)
    under_way = theory > 0.2 * m_size
    assert np.max(np.abs(sims.mean(axis=0)[under_way] / theory[under_way] - 1)) < 0.02
    # adopters split between external influence (p) and imitation (q), nobody leaves
    m = runs[0].monthly
    assert m["new_external"].sum() + m["new_word_of_mouth"].sum() == sims[0, -1]
    assert m["new_word_of_mouth"].sum() > m["new_external"].sum()
    assert m["churned"].sum() == 0


def test_constant_hazard_gives_geometric_survival():
    n, h, horizon = 20_000, 0.03, 48
    res = cs.simulate(
        cohort(n, horizon, **{"attrition.anecdotal_monthly_rate": h}), seed=11, transactions=False
    )
    s_emp = survival(res, horizon)
    t = np.arange(horizon + 1)
    s_th = (1 - h) ** t
    se = np.sqrt(s_th * (1 - s_th) / n) + 1e-12
    assert np.all(np.abs(s_emp - s_th) <= 4.5 * se)
    # memoryless: the monthly churn rate is the same at every tenure
    rate = res.monthly["churn_rate"].to_numpy()
    se_rate = np.sqrt(h * (1 - h) / res.monthly["active_start"].to_numpy())
    assert np.all(np.abs(rate - h) <= 4.5 * se_rate)
    assert (res.customers["churn_cause"].dropna() == "anecdotique").all()


def test_beta_propensity_gives_shifted_beta_geometric():
    n, horizon, mean, het = 40_000, 36, 0.08, 0.2
    alpha, beta = mean / het, (1 - mean) / het
    sc = cohort(
        n,
        horizon,
        **{"attrition.anecdotal_monthly_rate": mean, "attrition.propensity_heterogeneity": het},
    )
    res = cs.simulate(sc, seed=5, transactions=False)
    theta = res.customers["churn_propensity"]
    assert theta.mean() == pytest.approx(mean, abs=4 * theta.std() / np.sqrt(n))
    s_emp = survival(res, horizon)
    t = np.arange(horizon + 1)
    s_th = np.exp(betaln(alpha, beta + t) - betaln(alpha, beta))
    se = np.sqrt(s_th * (1 - s_th) / n) + 1e-12
    assert np.all(np.abs(s_emp - s_th) <= 4.5 * se)
    # retention rises with tenure although no customer changes (selection effect)
    r_emp = s_emp[1:] / s_emp[:-1]
    r_th = (beta + t[1:] - 1) / (alpha + beta + t[1:] - 1)
    assert np.all(np.diff(r_th) > 0)
    assert r_emp[24:].mean() > r_emp[:6].mean() + 0.02
    assert np.abs(r_emp[:12] - r_th[:12]).max() < 0.01
    # maximum likelihood on the cohort's survivors recovers alpha and beta
    alive = np.round(s_emp * n)

    def nll(log_ab):
        a, b = np.exp(log_ab)
        p = np.exp(betaln(a + 1, b + t[1:] - 1) - betaln(a, b))
        s_end = np.exp(betaln(a, b + horizon) - betaln(a, b))
        return -(np.sum(-np.diff(alive) * np.log(p)) + alive[-1] * np.log(s_end))

    fit = optimize.minimize(nll, x0=np.log([1.0, 1.0]), method="Nelder-Mead")
    a_hat, b_hat = np.exp(fit.x)
    assert a_hat == pytest.approx(alpha, rel=0.15)
    assert b_hat == pytest.approx(beta, rel=0.15)


def test_clv_formula():
    h, months = 0.05, 240
    n = 20_000
    sc = QUIET.replace(
        months=months,
        **{
            "market.market_size": n,
            "market.initial_customers": 0,
            "market.external_influence_p": 1.0,
            "attrition.anecdotal_monthly_rate": h,
            "loyalty.spend_growth_per_year": 0.0,
            "loyalty.cost_to_serve_decline_per_year": 0.0,
            "economics.cost_to_serve_mad": 20.0,
            "loyalty.retention_cost_per_customer_mad": 5.0,
            "economics.yearly_discount_rate": 0.12,
        },
        # the whole market adopts in month 0: one cohort
    )
    res = cs.simulate(sc, seed=8, transactions=False)
    c = res.customers
    assert (c["acquisition_month"] == 0).all() and len(c) == n
    d = 1.12 ** (1 / 12) - 1
    r = 1 - h
    margin = c["order_rate"] * c["basket_mad"] * sc.economics.gross_margin_rate - 25.0
    # first margin at acquisition, then one per month while the customer stays
    expected = margin.mean() * (1 + d) / (1 + d - r)
    se = c["realised_clv"].std() / np.sqrt(n)
    assert c["realised_clv"].mean() == pytest.approx(expected, abs=4 * se)
    # forward-looking CLV of an active customer: m r / (1 + d - r), exactly
    short = cs.simulate(sc.replace(months=6), seed=8, transactions=False).customers
    live = short[short["active"]]
    m_live = live["order_rate"] * live["basket_mad"] * sc.economics.gross_margin_rate - 25.0
    np.testing.assert_allclose(live["expected_clv"], m_live * r / (1 + d - r), rtol=1e-10)
    np.testing.assert_allclose(live["monthly_churn_risk"], h, rtol=1e-12)


def test_churn_shares_match_hazard_shares():
    n, months = 20_000, 24
    h_ins, h_str, h_conj, h_anec = 0.02, 0.01, 0.015, 0.01
    sc = cohort(
        n,
        months,
        **{
            "attrition.anecdotal_monthly_rate": h_anec,
            "customers.expectation_mean": QUIET.satisfaction.service_quality + 1.0,
            "satisfaction.satisfaction_memory": 1.0,
            "attrition.dissatisfaction_hazard_per_point": h_ins,
            "attrition.offer_gap_pct": 2.0,
            "attrition.structural_hazard_per_gap_point": h_str / 2.0,
            "customers.price_sensitivity_sigma": 0.0,
            "loyalty.price_sensitivity_half_life_months": 1e6,
            "events.crisis_month": 0,
            "events.crisis_duration_months": months,
            "events.crisis_extra_hazard": h_conj,
            "events.crisis_quality_drop": 0.0,
            "events.crisis_communication": False,
            "market.unhappy_tell": 3.0,
        },
        # insatisfaction: every customer one point below expectation, constant
        # structurelle: a constant 2 % gap, uniform price sensitivity, no tenure effect
        # conjoncturelle: a crisis lasting the whole run
    )
    res = cs.simulate(sc, seed=21, transactions=False)
    m = res.monthly
    hazards = np.array([h_ins, h_str, h_conj, h_anec])
    churned = m[list(CAUSE_COLUMNS)].sum().to_numpy()
    total = churned.sum()
    shares = churned / total
    expected = hazards / hazards.sum()
    se = np.sqrt(expected * (1 - expected) / total)
    assert np.all(np.abs(shares - expected) <= 4 * se), (shares, expected)
    # and the overall departure probability is 1 - prod(1 - h_k)
    leave = 1 - np.prod(1 - hazards)
    rate = m["churned"].sum() / m["active_start"].sum()
    assert rate == pytest.approx(
        leave, abs=4 * np.sqrt(leave * (1 - leave) / m["active_start"].sum())
    )
