"""Diagnosing attrition: seeded clear cases, stories without their cause, French checks."""

from __future__ import annotations

import pandas as pd
import pytest

from crmsim.exercises import diagnostic as diag


@pytest.fixture(scope="module")
def cases():
    return diag.diagnostic_cases(seed=11)


def _truth(cases) -> dict[int, str]:
    causes = cases.result.customers["churn_cause"].astype(str)
    return {i: causes.iloc[i] for i in cases.customer_ids}


def test_cases_are_seeded_and_balanced(cases):
    again = diag.diagnostic_cases(seed=11)
    assert again.customer_ids == cases.customer_ids
    truth = _truth(cases)
    assert len(truth) == 12
    assert sorted(pd.Series(truth).value_counts().tolist()) == [3, 3, 3, 3]
    other = diag.diagnostic_cases(seed=12)
    assert other.customer_ids != cases.customer_ids


def test_stories_hide_the_cause(cases):
    for i in cases.customer_ids:
        story = diag.case_story(cases, i)
        assert story.startswith(f"Client n° {i}")
        assert "Il part au mois" in story
        assert "raison" not in story and "par insatisfaction" not in story
        assert "Bilan" not in story
    with pytest.raises(Exception, match="ne fait pas partie"):
        diag.case_story(cases, next(i for i in range(100) if i not in cases.customer_ids))


def test_signals_match_the_clear_cases(cases):
    """The signal table is enough to recover every type (the cases were chosen so)."""
    table = diag.signals_table(cases)
    truth = _truth(cases)
    for row in table.itertuples():
        kind = truth[row.customer_id]
        assert row.recent_dissatisfaction == (kind == "insatisfaction")
        if kind == "conjoncturelle":
            assert row.during_crisis
        if kind == "structurelle":
            assert row.during_price_war and not row.during_crisis
        if kind == "anecdotique":
            assert not (row.during_crisis or row.during_price_war)


def test_check_types_right_wrong_and_why(cases):
    truth = _truth(cases)
    assert diag.check_types(truth, cases).ok
    first, second = cases.customer_ids[:2]
    answer = dict(truth)
    answer[first] = "anecdotique" if truth[first] != "anecdotique" else "structurelle"
    answer[second] = "inconnu"
    feedback = diag.check_types(answer, cases)
    assert feedback.status == "incorrect"
    text = " ".join(feedback.wrong)
    assert f"Client {first} : pas" in text.replace("\u202f", " ")
    assert "Relisez son histoire" in text
    assert "inconnu" in text and "pas une réponse possible" in text
    assert "10 réponse(s) juste(s) sur 12" in " ".join(feedback.right)


def test_check_types_missing_extra_and_shape(cases):
    truth = _truth(cases)
    partial = dict(list(truth.items())[:5])
    feedback = diag.check_types(partial, cases)
    assert not feedback.ok and any("Il manque" in w for w in feedback.wrong)
    extra = {**truth, 999_999: "anecdotique"}
    assert any("999999" in w for w in diag.check_types(extra, cases).wrong)
    assert diag.check_types(["anecdotique"], cases).status == "incorrect"
    assert diag.check_types(..., cases).status == "a_completer"
    assert diag.check_types({i: ... for i in truth}, cases).status == "a_completer"


def test_variant_checks_and_escalating_hints():
    exo = diag.EXERCISE.start("22A1234")
    cases = exo.data["cas"]
    truth = _truth(cases)
    assert exo.check("q1", truth).ok
    assert exo.check("q2", {i: diag.TYPES[t] for i, t in truth.items()}).ok
    wrong = {i: "anecdotique" if t != "anecdotique" else "structurelle" for i, t in truth.items()}
    first, second = exo.check("q1", wrong), exo.check("q1", wrong)
    assert "Plus précisément" not in first.hint and "Plus précisément" in second.hint
    bad_levers = exo.check("q2", {i: "aucun" for i in truth})
    assert not bad_levers.ok and "cause" in bad_levers.hint
    assert exo.check("q2", {}).status == "a_completer"
    other = diag.EXERCISE.data("22B5678")["cas"]
    assert other.customer_ids != cases.customer_ids
    assert (
        diag.EXERCISE.data("cours")["cas"].customer_ids
        == diag.diagnostic_cases(seed=diag.COURSE_SEED).customer_ids
    )


def test_check_levers(cases):
    truth = _truth(cases)
    levers = {i: diag.TYPES[t] for i, t in truth.items()}
    assert diag.check_levers(levers, cases).ok
    i = cases.customer_ids[0]
    levers[i] = "aucun" if levers[i] != "aucun" else "prix"
    feedback = diag.check_levers(levers, cases)
    assert not feedback.ok and str(i) in " ".join(feedback.wrong)
    assert set(diag.TYPES.values()) == set(diag.LEVERS)
