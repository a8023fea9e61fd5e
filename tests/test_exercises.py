from pathlib import Path

import nbformat
import pytest

from crmsim.exercises import Feedback, is_unanswered
from crmsim.exercises import pareto as checks
from crmsim.exercises.build import make_exercise, out_of_date, strip_solution

ROOT = Path(__file__).resolve().parents[1]


def test_exercises_are_in_sync_with_solutions():
    assert out_of_date(ROOT) == []


def test_every_solution_has_an_exercise_and_a_lesson_link():
    solutions = sorted(p.name for p in (ROOT / "solutions").glob("*.ipynb"))
    exercises = sorted(p.name for p in (ROOT / "exercises").glob("*.ipynb"))
    assert solutions and solutions == exercises


def _check_outputs(path):
    texts = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code" and "check_" in cell.source:
            texts += [o.get("data", {}).get("text/plain", "") for o in cell.outputs]
    return texts


@pytest.mark.parametrize("path", sorted((ROOT / "solutions").glob("*.ipynb")), ids=str)
def test_every_check_passes_in_the_solutions(path):
    texts = _check_outputs(path)
    assert texts and all(t.startswith("[Correct]") for t in texts), texts


@pytest.mark.parametrize("path", sorted((ROOT / "exercises").glob("*.ipynb")), ids=str)
def test_every_check_says_to_complete_in_the_exercises(path):
    texts = _check_outputs(path)
    assert texts and all(t.startswith("[À compléter]") for t in texts), texts


def test_strip_solution_keeps_assigned_names_and_indentation():
    source = "\n".join(
        [
            "x = 1",
            "### BEGIN SOLUTION",
            "a, b = 1, 2",
            "c: int = 3",
            "### END SOLUTION",
            "for i in range(2):",
            "    ### BEGIN SOLUTION",
            "    print(i)",
            "    ### END SOLUTION",
            "check(a)",
        ]
    )
    assert strip_solution(source).split("\n") == [
        "x = 1",
        "a = ...  # à compléter",
        "b = ...  # à compléter",
        "c = ...  # à compléter",
        "for i in range(2):",
        "    ...  # À compléter",
        "check(a)",
    ]
    compile(strip_solution(source), "<exercise>", "exec")


@pytest.mark.parametrize(
    "source",
    [
        "### BEGIN SOLUTION\nx = 1",
        "x = 1\n### END SOLUTION",
        "### BEGIN SOLUTION\n### BEGIN SOLUTION",
    ],
)
def test_unbalanced_markers_are_reported(source):
    with pytest.raises(ValueError, match="SOLUTION"):
        strip_solution(source)


def test_markdown_answers_are_removed():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(
                "Question ?\n<!-- BEGIN SOLUTION -->\nLa réponse.\n<!-- END SOLUTION -->"
            )
        ]
    )
    student = make_exercise(nb, "x.ipynb")
    assert "La réponse" not in student.cells[1].source
    assert "Votre réponse" in student.cells[1].source
    assert "Version élève" in student.cells[0].source


def test_feedback_states_and_rendering():
    todo = checks.check_pareto_head(...)
    assert todo.status == "a_completer" and "À compléter" in str(todo)
    assert is_unanswered(None) and not is_unanswered(0)
    good = checks.check_pareto_head([20, 2, 16, 1])
    assert good.ok and "Bravo" in good._repr_html_()
    bad = checks.check_pareto_head([1, 16, 3])
    assert bad.status == "incorrect"
    assert any("Il manque 2" in w for w in bad.wrong)
    assert any("en trop" in w for w in bad.wrong)
    assert bad.hint
    # never reveals the answer
    assert "20" not in str(bad) and "16, 2" not in str(bad)
    with pytest.raises(ValueError):
        Feedback("bof", "x")


def test_numeric_checks():
    assert checks.check_total_revenue(1_000_000).ok
    assert "trop grande" in str(checks.check_total_revenue(2_000_000))
    assert "pourcentage" in str(checks.check_head_customer_share(20))
    assert checks.check_head_customer_share(0.2).ok
    assert "nombre" in str(checks.check_total_revenue("beaucoup"))
    assert checks.check_gini(0.5459, "sample_customers_500").ok
    assert not checks.check_cumulative_shares([0.1, 0.2]).ok
    assert "position 1" in str(checks.check_cumulative_shares([0.5] * 20))


def test_values_are_shown_without_useless_decimals():
    from crmsim.exercises._checks import _shown

    assert _shown(5399.99999) == "5\u00a0400"
    assert _shown(1e6) == "1\u00a0000\u00a0000"
    assert _shown(0.2) == "0,2"
    assert _shown(3.9) == "3,9"
    assert _shown(-0.00001) == "0"
