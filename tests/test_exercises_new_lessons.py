"""Answer checks of the introduction and of the lesson on CRM tools."""

import math
import sys
from pathlib import Path

import pandas as pd
import pytest

import crmsim as cs
from crmsim.exercises import introduction as intro
from crmsim.exercises import outils_grc as outils

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def intro_data():
    return intro.exercise_data(seed=7)


@pytest.fixture(scope="module")
def tools_data():
    return outils.exercise_data(seed=7)


def _monthly(churned, active_start=100, spend=50.0):
    n = len(churned)
    return pd.DataFrame(
        {
            "month": range(n),
            "churned": churned,
            "active_start": [active_start] * n,
            "retention_spend": [spend] * n,
        }
    )


def test_yearly_churn_by_hand():
    monthly = _monthly([1] * 12 + [2] * 12)
    assert intro.yearly_churn(monthly, 2) == pytest.approx(0.24)
    assert intro.check_yearly_churn(0.24, monthly).ok
    fb = intro.check_yearly_churn(24, monthly)
    assert not fb.ok and "pourcentage" in str(fb)
    assert intro.check_yearly_churn(..., monthly).status == "a_completer"
    with pytest.raises(ValueError, match="pas entière"):
        intro.yearly_churn(_monthly([1] * 18), 2)


def test_acquisition_ratio_by_hand():
    monthly = _monthly([0] * 24, active_start=200, spend=100.0)  # 1 200 / 200 = 6 MAD a year
    campaigns = pd.DataFrame(
        {"month": [5, 12, 20], "cost": [999.0, 300.0, 300.0], "orders": [1, 10, 10]}
    )
    assert intro.acquisition_ratio(campaigns, monthly, 2) == pytest.approx(30 / 6)
    assert intro.check_acquisition_ratio(5.0, campaigns, monthly).ok
    assert not intro.check_acquisition_ratio(6.0, campaigns, monthly).ok


def test_practices_and_mapping_feedback():
    right = [label for label, _ in intro.PRACTICES.values()]
    assert intro.check_practices(right).ok
    assert intro.check_practices(dict(zip(intro.PRACTICES, right, strict=True))).ok
    wrong = ["relationnel" if r == "transactionnel" else "transactionnel" for r in right]
    fb = intro.check_practices(wrong[:1] + right[1:])
    assert not fb.ok
    assert any("spot télévisé" in w and "masse" in w for w in fb.wrong)
    assert "inconnue" in intro.check_practices(["transaction"] * len(right)).message
    assert "6 réponses" in intro.check_practices(right[:2]).message
    assert intro.check_practices(...).status == "a_completer"


def test_retention_gain_and_profit_claim():
    margins = cs.tenure_margins(1_800, 10, spend_growth=0.06, cost_to_serve=300)
    expected = cs.retention_leverage(margins, 0.86, acquisition_cost=500)["change"].iloc[1]
    assert intro.check_retention_gain(expected, margins, 0.86, acquisition_cost=500).ok
    assert not intro.check_retention_gain(expected * 1.1, margins, 0.86, acquisition_cost=500).ok
    assert intro.check_profit_claim(False).ok
    assert not intro.check_profit_claim(True).ok
    assert "True" in intro.check_profit_claim("faux").message


def test_intro_exercise_data_is_seeded_and_differs_from_the_lesson(intro_data):
    again = intro.exercise_data(seed=7)
    pd.testing.assert_frame_equal(intro_data.monthly, again.monthly)
    other = intro.exercise_data(seed=8)
    assert not intro_data.monthly["churned"].equals(other.monthly["churned"])
    assert intro_data.scenario.name == "guerre_des_prix"  # the lesson uses « cours »
    # the expected answers come from the tables: a correct computation passes
    rows = intro_data.monthly.iloc[12:24]
    answer = rows["churned"].sum() / rows["active_start"].iloc[0]
    assert intro.check_yearly_churn(answer, intro_data.monthly).ok


def test_olap_operations_check():
    right = [op for op, _ in outils.OLAP_QUESTIONS.values()]
    assert outils.check_olap_operations(right).ok
    swapped = ["slice" if op == "dice" else op for op in right]
    fb = outils.check_olap_operations(swapped)
    assert not fb.ok and any("sous-cube" in w for w in fb.wrong)


def test_cube_questions_are_computed_from_the_data(tools_data):
    tx, cu = tools_data.transactions, tools_data.customers
    cube = cs.olap_cube(tx, cu, dimensions=("year", "segment"))
    table = cube.slice("year", 2025).table().set_index("segment")
    share = table.loc["A", "revenue"] / table["revenue"].sum()
    assert outils.check_segment_share(share, tx, cu).ok
    assert not outils.check_segment_share(share * 0.9, tx, cu).ok
    by_quarter = cs.olap_cube(tx, cu, dimensions=("quarter",)).slice("product_type", "stratégique")
    quarters = by_quarter.table()
    best = quarters.loc[quarters["revenue"].idxmax(), "quarter"]
    assert outils.check_best_quarter(best, tx, cu).ok
    other = (
        quarters["quarter"].iloc[0]
        if quarters["quarter"].iloc[0] != best
        else quarters["quarter"].iloc[1]
    )
    assert not outils.check_best_quarter(other, tx, cu).ok
    assert "2025-T1" in outils.check_best_quarter("T3", tx, cu).message


def test_leak_candidates_really_leak(tools_data):
    """The letters marked as leaks differ from what the firm knew at month 18; the others are features."""
    t0 = 18
    features = cs.churn_features(
        tools_data.transactions, tools_data.customers, tools_data.interactions, observation_month=t0
    ).set_index("customer_id")
    customers = tools_data.customers.set_index("customer_id").loc[features.index]
    assert (customers["n_orders"] > features["frequency_12m"]).any()
    assert (customers["tenure_months"] != features["tenure_months"]).any()
    complaints_later = customers["complaints"] != features["complaints"]
    assert complaints_later.any()
    leaks = [k for k, (_, leak) in outils.LEAK_CANDIDATES.items() if leak]
    assert outils.check_leaks(leaks).ok
    fb = outils.check_leaks(["a", "b"])
    assert not fb.ok and any("en trop" in w for w in fb.wrong)


def test_lift_and_calls_checks_by_hand():
    test = pd.DataFrame(
        {
            "customer_id": range(20),
            "score": [1 - i / 20 for i in range(20)],
            "churned": [1, 1, 0, 0, 1] + [0] * 15,
        }
    )
    top = test.head(math.ceil(len(test) / 10))
    lift = top["churned"].mean() / test["churned"].mean()
    assert lift == pytest.approx(1.0 / 0.15)
    assert outils.check_top_decile_lift(lift, test).ok
    assert not outils.check_top_decile_lift(1.0, test).ok
    assert outils.check_calls((2, 2 * 0.15), test).ok
    fb = outils.check_calls((2, 3), test)
    assert not fb.ok and any("hasard" in w for w in fb.wrong)
    assert "deux nombres" in outils.check_calls(5, test).message


def test_tools_exercise_data_is_seeded(tools_data):
    again = outils.exercise_data(seed=7)
    pd.testing.assert_frame_equal(tools_data.customers, again.customers)
    assert tools_data.scenario.months == 30  # the lesson uses 36 months and seed 2026


def test_document_001_tables_load_and_are_documented():
    readme = (ROOT / "datasets" / "README.md").read_text(encoding="utf-8")
    principles = cs.datasets.load("crm_principles")
    assert principles["number"].tolist() == list(range(1, 11))
    assert {"Segmentation", "Un seul contact", "Boucler la boucle"} <= set(principles["principle"])
    mix = cs.datasets.load("marketing_mix_4p4c")
    assert mix["p_name"].str.split().str[0].tolist() == ["Produit", "Prix", "Place", "Promotion"]
    assert mix["c_name"].tolist() == ["Client", "Coût", "Confort", "Communication"]
    levers = cs.datasets.load("booz_allen_levers")
    assert len(levers) == 5 and "Retain" in set(levers["lever_en"])
    for name, frame in (
        ("crm_principles", principles),
        ("marketing_mix_4p4c", mix),
        ("booz_allen_levers", levers),
    ):
        assert f"`{name}.csv`" in readme and "source 001" in readme
        for column in frame.columns:
            assert f"`{column}`" in readme


@pytest.mark.parametrize("name", ["introduction", "outils_grc"])
def test_quiz_files_follow_the_format(name):
    path = ROOT / "crmsim" / "exercises" / "quizzes" / f"{name}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["title"].startswith("Quiz")
    questions = data["questions"]
    assert len(questions) >= 6
    assert len({q["id"] for q in questions}) == len(questions)
    kinds = {q["kind"] for q in questions}
    assert kinds <= {"choix", "multiple", "vrai_faux", "association"} and len(kinds) >= 3
    for q in questions:
        assert q["id"].startswith(f"{name}-") and q["prompt"] and q["explanation"]
        if q["kind"] == "choix":
            assert isinstance(q["answer"], int) and 0 <= q["answer"] < len(q["choices"])
        elif q["kind"] == "multiple":
            assert q["answer"] and all(0 <= i < len(q["choices"]) for i in q["answer"])
        elif q["kind"] == "vrai_faux":
            assert isinstance(q["answer"], bool)
        else:
            assert len(q["pairs"]) >= 2 and all(len(p) == 2 for p in q["pairs"])
