"""Customer experience: gap, complaints, recovery, comparison of runs, 20/30/50, ACSI."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import crmsim as cs
from crmsim.analysis import experience as exp
from crmsim.errors import DataError
from crmsim.plotting import experience as exp_plot

# --- gap_by_quality --------------------------------------------------------------------


def test_gap_by_quality_by_hand():
    table = exp.gap_by_quality([5.0, 6.0, 7.0, 8.0], [4.0, 6.0, 8.0, 9.0])
    assert list(table.columns) == ["service_quality", "mean_gap", "share_negative_gap"]
    assert table["share_negative_gap"].tolist() == [1.0, 0.5, 0.0, 0.0]
    assert table["mean_gap"].tolist() == [-2.5, -0.5, 1.5, 2.5]


def test_raising_the_promise_equals_lowering_delivery():
    """Δ = quality − expectation: +1 on every expectation = −1 on the quality."""
    rng = np.random.default_rng(4)
    expect = rng.normal(6.5, 1.0, 500)
    a = exp.gap_by_quality(expect + 1, [7.5])
    b = exp.gap_by_quality(expect, [6.5])
    assert a["share_negative_gap"].iloc[0] == b["share_negative_gap"].iloc[0]


def test_gap_by_quality_errors():
    with pytest.raises(DataError, match="expectations"):
        exp.gap_by_quality([], [7.0])
    with pytest.raises(DataError, match="qualities"):
        exp.gap_by_quality([6.0], [])


# --- complaint_funnel and experience_comparison ----------------------------------------


def _monthly(**values) -> pd.DataFrame:
    base = {
        "new_dissatisfied": [60, 40],
        "complaints": [3, 1],
        "complaints_resolved": [2, 1],
        "churned_dissatisfaction": [4, 6],
        "churned": [10, 12],
        "word_of_mouth_recruits": [5, 7],
        "active": [990, 985],
        "profit": [100.0, 150.0],
    }
    base.update(values)
    return pd.DataFrame(base)


def test_complaint_funnel():
    funnel = exp.complaint_funnel(_monthly())
    assert funnel["complaint_share"] == pytest.approx(0.04)
    assert funnel["silent_share"] == pytest.approx(0.96)
    assert funnel["resolved_share"] == pytest.approx(0.75)
    empty = exp.complaint_funnel(_monthly(new_dissatisfied=[0, 0], complaints=[0, 0]))
    assert np.isnan(empty["complaint_share"]) and np.isnan(empty["resolved_share"])


def test_complaint_funnel_missing_column_is_french():
    with pytest.raises(DataError, match="complaints_resolved"):
        exp.complaint_funnel(_monthly().drop(columns="complaints_resolved"))


def test_experience_comparison_schema_and_values():
    table = exp.experience_comparison({"réf": _monthly(), "écoute": _monthly(complaints=[15, 10])})
    assert list(table.columns) == [
        "scenario",
        "complaint_share",
        "complaints_resolved",
        "churned_dissatisfaction",
        "churned",
        "word_of_mouth_recruits",
        "active_end",
        "profit",
    ]
    assert table["scenario"].tolist() == ["réf", "écoute"]
    assert table["complaint_share"].tolist() == pytest.approx([0.04, 0.25])
    assert table.loc[0, ["churned", "active_end", "profit"]].tolist() == [22, 985, 250.0]


def test_experience_comparison_errors():
    with pytest.raises(DataError, match="dictionnaire non vide"):
        exp.experience_comparison({})
    with pytest.raises(DataError, match=r"b\u202f».*profit"):
        exp.experience_comparison({"a": _monthly(), "b": _monthly().drop(columns="profit")})


# --- recovery_outcomes -------------------------------------------------------------------


def test_recovery_outcomes_counts_first_complaint_and_window():
    inter = pd.DataFrame(
        {
            "month": [3, 5, 4, 5, 2],
            "customer_id": [1, 1, 2, 3, 4],
            "kind": ["réclamation résolue"] * 3 + ["réclamation non résolue", "incident"],
        }
    )
    cust = pd.DataFrame({"customer_id": [1, 2, 3, 4], "churn_month": [5, 4, 7, pd.NA]})
    now = exp.recovery_outcomes(inter, cust)
    assert now["customers"].tolist() == [2, 1]
    assert now["left"].tolist() == [1, 0]  # customer 1: first complaint at 3, left at 5
    later = exp.recovery_outcomes(inter, cust, within_months=2)
    assert later["left"].tolist() == [2, 1]
    assert later["stay_share"].tolist() == [0.0, 0.0]
    with pytest.raises(DataError, match="within_months"):
        exp.recovery_outcomes(inter, cust, within_months=-1)


# --- portfolio_tiers ----------------------------------------------------------------------


def test_portfolio_tiers_by_hand_and_ties():
    base = pd.DataFrame(
        {
            "customer_id": [10, 3, 7, 1, 2, 4, 5, 6, 8, 9],
            "revenue": [50, 30, 5, 5, 4, 2, 1, 1, 1, 1],
        }
    )
    tiers = exp.portfolio_tiers(base)
    assert tiers["strategy"].tolist() == ["Récompenser", "Fidéliser", "Animer"]
    assert tiers["customers"].tolist() == [2, 3, 5]
    assert tiers["share_revenue"].tolist() == pytest.approx([0.8, 0.14, 0.06])
    assert tiers["course_share_revenue"].tolist() == [0.8, 0.15, 0.05]
    assert tiers["relative_value"].iloc[0] == pytest.approx(4.0)
    # Shuffling the rows changes nothing (ties broken by identifier).
    again = exp.portfolio_tiers(base.sample(frac=1, random_state=3))
    pd.testing.assert_frame_equal(tiers, again)


def test_portfolio_tiers_errors():
    base = pd.DataFrame({"customer_id": [1, 2], "revenue": [3.0, -1.0]})
    with pytest.raises(DataError, match="revenue"):
        exp.portfolio_tiers(base)
    with pytest.raises(DataError, match="totaliser 1"):
        exp.portfolio_tiers(base.abs(), tiers=[(0.5, 0.9, "A"), (0.4, 0.1, "B")])
    with pytest.raises(DataError, match="double"):
        exp.portfolio_tiers(pd.DataFrame({"customer_id": [1, 1], "revenue": [1.0, 2.0]}))


# --- ACSI -----------------------------------------------------------------------------


def test_acsi_dataset_and_periods():
    acsi = cs.datasets.load("acsi_index")
    assert {"year", "quarter", "score", "source"} <= set(acsi.columns)
    assert acsi["score"].between(0, 100).all()
    dated = exp.acsi_periods(acsi)
    assert dated["time"].is_monotonic_increasing
    assert dated["period"].iloc[0] == "T4 1994"
    # Document 004: at the end of 2006 the index is back at its 1994 level.
    first, last = dated["score"].iloc[0], dated["score"].iloc[-1]
    assert dated["period"].iloc[-1] == "T4 2006" and last >= first
    assert (dated["score"].iloc[1:-1] < first).all()
    with pytest.raises(DataError, match="quarter"):
        exp.acsi_periods(pd.DataFrame({"year": [2000], "quarter": [5], "score": [70.0]}))


# --- On a real (small, seeded) run --------------------------------------------------------


@pytest.fixture(scope="module")
def runs():
    base = cs.preset("calme").replace(
        **{"market.initial_customers": 3_000, "market.market_size": 60_000}, months=24
    )
    easy = base.replace(
        **{"satisfaction.complaint_rate": 0.25, "satisfaction.resolution_rate": 0.95}
    )
    return {
        "référence": cs.simulate(base, seed=7, transactions=False),
        "réclamation facilitée": cs.simulate(easy, seed=7, transactions=False),
    }


def test_on_simulated_runs(runs):
    table = exp.experience_comparison({k: r.monthly for k, r in runs.items()})
    ref, easy = table.iloc[0], table.iloc[1]
    assert 0.02 < ref["complaint_share"] < 0.07  # the course's 4 %
    assert 0.2 < easy["complaint_share"] < 0.3
    assert easy["complaints_resolved"] > 3 * ref["complaints_resolved"]
    outcome = exp.recovery_outcomes(
        runs["réclamation facilitée"].interactions, runs["réclamation facilitée"].customers
    )
    solved = outcome.iloc[0]
    # 95 % stay after a solved complaint; 4 binomial standard errors.
    se = np.sqrt(0.95 * 0.05 / solved["customers"])
    assert abs(solved["stay_share"] - 0.95) < 4 * se + 0.01
    tiers = exp.portfolio_tiers(runs["référence"].customers)
    assert tiers["share_revenue"].iloc[0] > 0.6
    assert tiers["share_revenue"].is_monotonic_decreasing


def test_plots_are_french(runs):
    customers = runs["référence"].customers
    ax = exp_plot.plot_gap_distribution(customers[customers["active"]])
    assert "Δ = 0" in ax.texts[0].get_text()
    ax2 = exp_plot.plot_portfolio_tiers(exp.portfolio_tiers(customers))
    assert ax2.get_title().startswith("Portefeuille 20/30/50")
    ax3 = exp_plot.plot_acsi(cs.datasets.load("acsi_index"))
    assert ax3.get_ylabel() == "Score (sur 100)"
    ax4 = exp_plot.plot_gap_by_quality(exp.gap_by_quality(customers["expectation"], [7, 8]))
    assert ax4.get_xlabel() == "Qualité délivrée (/10)"
    plt.close("all")


# --- Exercise checks (crmsim.exercises.experience) ---------------------------------------


def test_experience_runs_are_seeded(runs):
    from crmsim.exercises.experience import experience_runs

    a = experience_runs(seed=3, initial_customers=400, months=6)
    b = experience_runs(seed=3, initial_customers=400, months=6)
    pd.testing.assert_frame_equal(a["reference"].monthly, b["reference"].monthly)
    pd.testing.assert_frame_equal(a["ecoute"].customers, b["ecoute"].customers)
    c = experience_runs(seed=4, initial_customers=400, months=6)
    assert not a["reference"].customers.equals(c["reference"].customers)


def test_exercise_checks_right_and_wrong(runs):
    from crmsim.exercises import experience as verif

    ref, easy = runs["référence"], runs["réclamation facilitée"]
    data = {"reference": ref, "ecoute": easy, "qualite": 7.5, "hausse_promesse": 0.5}

    def check(qid, answer):
        return verif.EXERCISE.question(qid).check(answer, data)

    share = ref.monthly["complaints"].sum() / ref.monthly["new_dissatisfied"].sum()
    assert check("q1", share).ok
    wrong = check("q1", share * 100)
    assert not wrong.ok and "pourcentage" in " ".join(wrong.wrong)
    attentes = ref.customers["expectation"]
    assert check("q2", (attentes > 7.5).mean()).ok
    assert not check("q2", (attentes >= 8).mean()).ok
    assert check("q3", 0.5).ok
    assert not check("q3", -0.5).ok
    avoided = (
        ref.monthly["churned_dissatisfaction"].sum() - easy.monthly["churned_dissatisfaction"].sum()
    )
    assert check("q4", avoided).ok
    assert not check("q4", -avoided + 1).ok
    stay = exp.recovery_outcomes(easy.interactions, easy.customers)["stay_share"].iloc[0]
    assert check("q5", stay).ok
    assert not check("q5", 0.5).ok
    ca = ref.customers["revenue"].sort_values(ascending=False)
    top = ca.iloc[: round(0.2 * len(ca))].sum() / ca.sum()
    assert check("q6", top).ok
    assert check("q6", ...).status == "a_completer"


def test_exercise_variants_draw_the_policy_and_the_promise():
    from crmsim.exercises import experience as verif

    course = verif.EXERCISE.data("cours")
    assert (course["qualite"], course["hausse_promesse"]) == (7.5, 0.5)
    assert (course["taux_reclamation"], course["taux_resolution"]) == (0.25, 0.95)
    student = verif.EXERCISE.data("22A1234")
    assert student["ecoute"].scenario.satisfaction.complaint_rate == student["taux_reclamation"]
    assert not student["reference"].monthly.equals(course["reference"].monthly)
    exo = verif.EXERCISE.start("22A1234")
    first, second = exo.check("q3", 0.0), exo.check("q3", 0.0)
    assert "Plus précisément" in second.hint and "Plus précisément" not in first.hint


def test_style_experience_formats():
    table = exp.portfolio_tiers(
        pd.DataFrame({"customer_id": range(10), "revenue": [9000, 8, 5, 4, 3, 2, 1, 1, 1, 1]})
    )
    html = exp_plot.style_experience(table).to_html()
    assert "Récompenser" in html and "Part du CA (cours)" in html
    assert "80,0\u00a0%" in html and "9\u00a0008" in html


def test_cost_indicators_are_rows_of_the_simulation_summary(runs):
    result = runs["référence"]
    table = cs.simulation_summary(result, rows=list(exp.COST_INDICATORS))
    assert len(table) == len(exp.COST_INDICATORS)
    assert {"Indicateur", "Simulation"} <= set(table.columns)
