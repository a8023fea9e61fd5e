from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from crmsim.exercises import EXERCISES, Feedback, is_unanswered
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
        if cell.cell_type == "code" and "exo.check(" in cell.source:
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
    exo = EXERCISES["03_pareto"].start("cours")
    todo = exo.check("q2", ...)
    assert todo.status == "a_completer" and "À compléter" in str(todo)
    assert is_unanswered(None) and not is_unanswered(0)
    good = exo.check("q2", [20, 2, 16, 1])
    assert good.ok and "Bravo" in good._repr_html_()
    bad = exo.check("q2", [1, 16, 3])
    assert bad.status == "incorrect"
    assert any("Il manque 2" in w for w in bad.wrong)
    assert any("en trop" in w for w in bad.wrong)
    assert bad.hint
    # never reveals the answer
    assert "20" not in str(bad) and "16, 2" not in str(bad)
    with pytest.raises(ValueError):
        Feedback("bof", "x")


def test_numeric_checks():
    exo = EXERCISES["03_pareto"].start("cours")
    assert exo.check("q3", 5 / 19).ok
    assert "trop grande" in str(exo.check("q3", 0.9))
    assert "pourcentage" in str(exo.check("q3", 100 * 5 / 19))
    assert "nombre" in str(exo.check("q3", "beaucoup"))
    assert not exo.check("q1", [0.1, 0.2]).ok
    assert "position 1" in str(exo.check("q1", [0.5] * 20))


def test_values_are_shown_without_useless_decimals():
    from crmsim.exercises._checks import _shown

    assert _shown(5399.99999) == "5\u00a0400"
    assert _shown(1e6) == "1\u00a0000\u00a0000"
    assert _shown(0.2) == "0,2"
    assert _shown(3.9) == "3,9"
    assert _shown(-0.00001) == "0"


# ---- lessons teach, exercises test: no expected value in the lesson's stored outputs


def _needles(value) -> list[str]:
    """How an expected value would be printed: French and Python forms, distinctive only."""
    from crmsim.formatting import format_number, format_percent

    if isinstance(value, dict):
        return [n for v in value.values() if not isinstance(v, str) for n in _needles(v)]
    if isinstance(value, str):
        return [value] if value.isdigit() and len(value) >= 3 else []
    if isinstance(value, (list, tuple, pd.Series, np.ndarray)):
        items = list(value.tolist() if hasattr(value, "tolist") else value)
        if len(items) >= 2 and all(isinstance(i, (int, str)) for i in items):
            joined = (
                [", ".join(map(str, items))] if len(items) >= 3 or isinstance(items[0], int) else []
            )
            return [str(items), str(sorted(items)), *joined]
        return [n for i in items for n in _needles(i)]
    value = float(value)
    if value.is_integer():
        distinctive = abs(value) >= 100 and value % 100 != 0
        return [format_number(value, 0), str(int(value))] if distinctive else []
    if len(f"{abs(value):.3g}".replace(".", "").strip("0")) <= 2:
        return []  # a round value (0.8, 0.25) is not distinctive
    out = [format_number(value, 2), f"{value:.2f}", f"{value:.3f}"]
    if 0 < abs(value) < 1:
        out += [format_percent(value, 1), format_percent(value, 2)]
    return [n for n in out if sum(c.isdigit() for c in n.lstrip("0,.-")) >= 3]


#: Exercises whose lesson has another name (the others: the notebook of the same stem).
LESSONS = {"11b_diagnostic_attrition": "11_attrition"}


def _lesson_text(name: str) -> str:
    parts = []
    for cell in nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4).cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
            continue
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            data = out.get("data", {})
            parts += [data.get("text/plain", ""), data.get("text/html", "")]
    return "\n".join(parts)


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_lessons_do_not_show_the_answers_of_their_exercise(name):
    import re

    from tests.test_variants import run_solution

    answers = run_solution(name, "cours")
    text = _lesson_text(LESSONS.get(name, name))
    for question in EXERCISES[name].questions:
        if question.free_text:
            continue
        for needle in _needles(answers[question.answer]):
            pattern = r"(?<![\d,.])" + re.escape(needle) + r"(?![\d]|[,.]\d)"
            found = re.search(pattern, text)
            assert not found, f"{name} {question.qid} : « {needle} » figure dans la leçon"


def test_leak_needles():
    assert "1, 16, 2, 20" in _needles([1, 16, 2, 20])
    assert _needles(330) == ["330", "330"] and _needles(0.8) == [] and _needles(1000) == []
    assert "18,75\u00a0%" in _needles(0.1875)
    assert _needles(5) == [] and _needles("255") == ["255"]
