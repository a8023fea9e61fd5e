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


INTRO = intro.EXERCISE
TOOLS = outils.EXERCISE


def _check(exercise, qid, answer, data):
    """A question's check on hand-made data (what the variant's checks call)."""
    return exercise.question(qid).check(answer, data)


@pytest.fixture(scope="module")
def intro_data():
    return INTRO.data("22A1234")


@pytest.fixture(scope="module")
def tools_data():
    return TOOLS.data("cours")


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
    data = {"mensuel": monthly}
    assert intro.yearly_churn(monthly, 2) == pytest.approx(0.24)
    assert _check(INTRO, "q1", 0.24, data).ok
    fb = _check(INTRO, "q1", 24, data)
    assert not fb.ok and "pourcentage" in str(fb)
    assert _check(INTRO, "q1", ..., data).status == "a_completer"
    with pytest.raises(ValueError, match="pas entière"):
        intro.yearly_churn(_monthly([1] * 18), 2)


def test_acquisition_ratio_by_hand():
    monthly = _monthly([0] * 24, active_start=200, spend=100.0)  # 1 200 / 200 = 6 MAD a year
    campaigns = pd.DataFrame(
        {"month": [5, 12, 20], "cost": [999.0, 300.0, 300.0], "orders": [1, 10, 10]}
    )
    data = {"mensuel": monthly, "campagnes": campaigns}
    assert intro.acquisition_ratio(campaigns, monthly, 2) == pytest.approx(30 / 6)
    assert _check(INTRO, "q3", 5.0, data).ok
    assert not _check(INTRO, "q3", 6.0, data).ok


def test_practices_and_mapping_feedback():
    exo = INTRO.start("cours")
    shown = list(exo["pratiques"])
    right = [intro.PRACTICES[k][1] for k in shown]
    assert exo.check("q5", right).ok
    assert exo.check("q5", dict(zip(shown, right, strict=True))).ok
    wrong = ["relationnel" if r == "transactionnel" else "transactionnel" for r in right]
    fb = exo.check("q5", wrong[:1] + right[1:])
    assert not fb.ok
    assert any("spot télévisé" in w and "masse" in w for w in fb.wrong)
    assert "inconnue" in exo.check("q5", ["transaction"] * len(right)).message
    assert "6 réponses" in exo.check("q5", right[:2]).message
    assert exo.check("q5", ...).status == "a_completer"


def test_practices_are_drawn_per_student():
    a, b = INTRO.data("22A1234")["pratiques"], INTRO.data("22B5678")["pratiques"]
    assert len(a) == len(b) == 6 and set(a) <= set(intro.PRACTICES)
    assert list(a) != list(b)
    labels = {intro.PRACTICES[k][1] for k in intro.PRACTICES}
    assert labels == {"transactionnel", "relationnel"}


def test_retention_gain_and_statements():
    data = INTRO.data("22A1234")
    expected = cs.retention_leverage(
        data["marges"],
        data["retention"],
        discount_rate=data["actualisation"],
        acquisition_cost=data["cout_acquisition"],
    )["change"].iloc[1]
    exo = INTRO.start("22A1234")
    assert exo.check("q6", expected).ok
    assert not exo.check("q6", expected * 1.1).ok
    truth = {k: intro.STATEMENTS[k][1] for k in data["affirmations"]}
    assert exo.check("q7", truth).ok
    flipped = {k: not v for k, v in truth.items()}
    fb = exo.check("q7", flipped)
    assert not fb.ok and len(fb.wrong) == len(truth)
    assert all("vrai" not in w.lower() and "faux" not in w.lower() for w in fb.wrong)
    assert "True" in exo.check("q7", {k: "faux" for k in truth}).message
    assert "dictionnaire" in exo.check("q7", False).message
    # the statement the course corrects: +5 points do not raise next year's profit
    assert intro.STATEMENTS["A"][1] is False


def test_intro_variant_data_is_seeded_and_differs_from_the_lesson(intro_data):
    again = INTRO.data("22a1234")
    pd.testing.assert_frame_equal(intro_data["mensuel"], again["mensuel"])
    other = INTRO.data("22B5678")
    assert not intro_data["mensuel"]["churned"].equals(other["mensuel"]["churned"])
    assert intro.exercise_data(seed=7).scenario.name == "guerre_des_prix"  # lesson: « cours »
    # the expected answers come from the tables: a correct computation passes
    rows = intro_data["mensuel"].iloc[12:24]
    answer = rows["churned"].sum() / rows["active_start"].iloc[0]
    assert INTRO.start("22A1234").check("q1", answer).ok


def test_olap_operations_check():
    exo = TOOLS.start("cours")
    shown = list(exo["demandes"])
    right = {k: outils.OLAP_QUESTIONS[k][1] for k in shown}
    assert exo.check("q1", right).ok
    assert exo.check("q1", list(right.values())).ok
    swapped = {k: "slice" if op == "dice" else op for k, op in right.items()}
    fb = exo.check("q1", swapped)
    assert not fb.ok and any("sous-cube" in w for w in fb.wrong)
    assert {op for _, op, _ in outils.OLAP_QUESTIONS.values()} == {
        "roll-up",
        "drill-down",
        "slice",
        "dice",
    }


def test_cube_questions_are_computed_from_the_data(tools_data):
    result = tools_data["resultat"]
    tx, cu = result.transactions, result.customers
    year, segment, product = tools_data["annee"], tools_data["segment"], tools_data["type_produit"]
    cube = cs.olap_cube(tx, cu, dimensions=("year", "segment"))
    table = cube.slice("year", year).table().set_index("segment")
    share = table.loc[segment, "revenue"] / table["revenue"].sum()
    exo = TOOLS.start("cours")
    assert exo.check("q2", share).ok
    assert not exo.check("q2", share * 0.9).ok
    by_quarter = cs.olap_cube(tx, cu, dimensions=("quarter",)).slice("product_type", product)
    quarters = by_quarter.table()
    best = quarters.loc[quarters["basket"].idxmax(), "quarter"]
    assert exo.check("q3", best).ok
    most_revenue = quarters.loc[quarters["revenue"].idxmax(), "quarter"]
    assert most_revenue != best  # the course's version: basket and revenue disagree
    fb = exo.check("q3", most_revenue)
    assert not fb.ok and "ne s’additionne pas" in " ".join(fb.wrong)
    assert "2025-T1" in exo.check("q3", "T3").message


def test_leak_candidates_really_leak(tools_data):
    """The letters marked as leaks differ from what the firm knew at month 18; the others are features."""
    result = tools_data["resultat"]
    t0 = tools_data["mois_observation"]
    features = cs.churn_features(
        result.transactions, result.customers, result.interactions, observation_month=t0
    ).set_index("customer_id")
    customers = result.customers.set_index("customer_id").loc[features.index]
    assert (customers["n_orders"] > features["frequency_12m"]).any()
    assert (customers["tenure_months"] != features["tenure_months"]).any()
    complaints_later = customers["complaints"] != features["complaints"]
    assert complaints_later.any()
    assert (customers["churn_month"] > t0).any()
    exo = TOOLS.start("cours")
    leaks = [k for k in exo["variables"] if outils.LEAK_CANDIDATES[k][1]]
    assert exo.check("q4", leaks).ok
    fb = exo.check("q4", ["a", "b"])
    assert not fb.ok and any("en trop" in w for w in fb.wrong)


def test_lift_and_calls_checks_by_hand():
    test = pd.DataFrame(
        {
            "customer_id": range(20),
            "score": [1 - i / 20 for i in range(20)],
            "churned": [1, 1, 0, 0, 1] + [0] * 15,
        }
    )
    data = {"test": test}
    top = test.head(math.ceil(len(test) / 10))
    lift = top["churned"].mean() / test["churned"].mean()
    assert lift == pytest.approx(1.0 / 0.15)
    assert _check(TOOLS, "q5", lift, data).ok
    assert not _check(TOOLS, "q5", 1.0, data).ok
    assert _check(TOOLS, "q6", (2, 2 * 0.15), data).ok
    fb = _check(TOOLS, "q6", (2, 3), data)
    assert not fb.ok and any("hasard" in w for w in fb.wrong)
    assert "deux nombres" in _check(TOOLS, "q6", 5, data).message


def test_tools_variant_data_is_seeded(tools_data):
    again = TOOLS.data("cours")
    pd.testing.assert_frame_equal(tools_data["resultat"].customers, again["resultat"].customers)
    assert tools_data["resultat"].scenario.months == 30  # the lesson: 36 months, seed 2026
    a, b = TOOLS.data("22A1234"), TOOLS.data("22B5678")
    assert a["variables"] != b["variables"] or a["demandes"] != b["demandes"]
    assert not a["test"]["score"].equals(b["test"]["score"])


def test_hints_escalate_without_the_answer():
    exo = INTRO.start("22A1234")
    first, second = exo.check("q1", 0.01), exo.check("q1", 0.02)
    assert "Plus précisément" not in first.hint and "Plus précisément" in second.hint
    expected = intro.yearly_churn(exo.data["mensuel"], 2)
    assert f"{expected:.4f}".replace(".", ",") not in str(second)


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
