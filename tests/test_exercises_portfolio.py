"""Answer checks of the portfolio lessons (ABC, matrices, scoring): correct, incorrect, to do."""

import subprocess
import sys
from pathlib import Path

import pytest

import crmsim as cs
from crmsim.exercises import abc, matrices, scoring

ROOT = Path(__file__).resolve().parents[1]

# (check, a correct answer, a wrong answer, a piece of the answer a hint must not show)
CASES = [
    (abc.check_class_sizes, [2, 6, 12], [2, 6, 10], None),
    (abc.check_class_a, [5, 19], [19], "5"),
    (abc.check_class_b, [2, 16, 9, 15, 3, 8], [2, 16, 9], "15, 3, 8"),
    (abc.check_revenue_shares, [0.6, 0.315, 0.085], [0.6, 0.3, 0.1], "0,315"),
    (abc.check_revenue_method_a, [19, 5, 2, 16, 9], [19, 5], "2, 16, 9"),
    (matrices.check_median_revenue, 75_250, 145_706.25, "75"),
    (matrices.check_key_customers_median, ["M03", "M04", "M05"], ["M04"], "M03"),
    (matrices.check_key_customers_mean, ["M04"], ["M03", "M04", "M05"], "M04"),
    (matrices.check_dubinsky_develop, ["M16", "M01"], ["M01"], "M16"),
    (scoring.check_potential_score_c, 3, 3.5, None),
    (scoring.check_performance_scores, [4, 4, 3, 1, 5], [4, 4, 3, 2, 5], None),
    (scoring.check_key_customers, ["A", "B"], ["A", "B", "C"], None),
    (scoring.check_bubble_diameter_a, 3, 0.3, None),
    (scoring.check_score_after_equipment, 3.9, 3.6, "3,9"),
]
IDS = [case[0].__name__ for case in CASES]


@pytest.mark.parametrize(("check", "right", "wrong", "secret"), CASES, ids=IDS)
def test_correct_incorrect_and_to_complete(check, right, wrong, secret):
    assert check(...).status == "a_completer"
    assert "À compléter" in str(check(None))
    good = check(right)
    assert good.ok, str(good)
    bad = check(wrong)
    assert bad.status == "incorrect" and bad.hint, str(bad)
    if secret is not None:
        assert secret not in bad.message + " ".join(bad.wrong) + bad.hint


def test_course_answers_of_the_abc_exercise():
    summary = cs.abc_summary(cs.datasets.load("abc_clients"))
    assert summary["customers"].tolist() == [2, 6, 12]
    assert summary["share_revenue"].round(3).tolist() == [0.6, 0.315, 0.085]


def test_feedback_details():
    percent = abc.check_revenue_shares([60, 31.5, 8.5])
    assert percent.status == "incorrect" and "pourcentages" in str(percent)
    assert "doit compter 3 valeurs" in str(abc.check_revenue_shares([0.6, 0.4]))
    assert "liste" in str(abc.check_class_a("19"))
    extra = matrices.check_key_customers_median(["M03", "M04", "M05", "M10"])
    assert any("en trop" in w for w in extra.wrong)
    assert "trop grande" in str(matrices.check_median_revenue(145_706.25))
    assert "trop petite" in str(scoring.check_bubble_diameter_a(0.3))
    assert "nombre" in str(scoring.check_potential_score_c("trois"))


def test_scoring_notes_reproduce_the_course_scores():
    from crmsim.widgets.scoring import grid_scores

    scores = grid_scores(cs.datasets.load("scoring_notes"), cs.datasets.load("scoring_criteria"))
    course = cs.datasets.load("scoring_clients")
    assert scores["customer_id"].tolist() == course["customer_id"].tolist()
    assert scores["potential"].tolist() == course["potential"].tolist()
    assert scores["performance"].tolist() == course["performance"].tolist()
    assert scores["revenue"].sum() == 1_000_000


def test_matrix_clients_csv_is_the_generator_output(tmp_path):
    out = tmp_path / "matrix_clients.csv"
    subprocess.run(
        [sys.executable, str(ROOT / "datasets" / "make_matrix_clients.py"), str(out)],
        check=True,
        capture_output=True,
    )
    shipped = (ROOT / "datasets" / "matrix_clients.csv").read_bytes()
    assert out.read_bytes() == shipped
    table = cs.datasets.load("matrix_clients")
    assert len(table) == 16 and table["customer_id"].is_unique
    assert table["revenue"].mean() > 1.5 * table["revenue"].median()  # mean and median differ
