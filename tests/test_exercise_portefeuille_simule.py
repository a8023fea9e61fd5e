"""Exercise 15 (every method on one simulated base): data and checks by hand."""

import pytest

import crmsim as cs
from crmsim.exercises import EXERCISES
from crmsim.exercises.portefeuille_simule import COURSE_SEED

EXERCISE = EXERCISES["15_portefeuille_simule"]


@pytest.fixture(scope="module")
def course():
    return EXERCISE.data("cours")


def test_course_version_is_a_seeded_industrial_base(course):
    run = cs.simulate(cs.small_portfolio("industriel", customers=200, months=36), seed=COURSE_SEED)
    assert course["clients"].equals(cs.portfolio_revenue(run, 3))
    assert course["comptes"].equals(run.accounts)
    assert course["client_tcc"] in set(course["clients"]["customer_id"])
    assert course["compte_scoring"] in set(course["comptes"]["customer_id"])
    assert set(course["ventes"]["firm"]) == {"Entreprise", "Alizé", "Borée", "Chergui"}


def test_tcc_check_against_the_sales_table(course):
    table = cs.sales_table(course["ventes"])
    client = str(course["client_tcc"])
    expected = table.loc["Entreprise", client] / table.loc["Total", client]
    exo = EXERCISE.start("cours")
    assert exo.check("q3", expected).ok
    assert "pourcentage" in str(exo.check("q3", 100 * expected))
    assert not exo.check("q3", expected * 1.1).ok


def test_wrong_answers_get_hints_never_the_answer(course):
    exo = EXERCISE.start("cours")
    head = cs.pareto_summary(course["clients"], targets=[0.8])["customers_share"].iloc[0]
    first, second = exo.check("q1", 0.2), exo.check("q1", 0.21)
    assert not first.ok and first.hint and "Plus précisément" in second.hint
    assert f"{100 * head:.1f}".replace(".", ",") not in str(second)
    choice = exo.check("q4", "Conquérir")
    assert not choice.ok and "Réactiver" in choice.message  # lists the allowed answers
    assert exo.check("q5", 3).status == "incorrect"


def test_variants_change_the_base_and_the_customers_asked_about():
    a, b = EXERCISE.data("22A1234"), EXERCISE.data("22B5678")
    assert len(a["clients"]) != len(b["clients"]) or not a["clients"].equals(b["clients"])
    assert (a["client_tcc"], a["client_radar"]) != (b["client_tcc"], b["client_radar"])
