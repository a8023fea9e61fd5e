"""Every solution under many student identifiers: one variant per student, all checks pass.

The solutions' own answer code runs in-process here (the same cells the notebooks run, on
the same data generators) for 20 identifiers; ``test_exercises.py`` executes a few
notebooks with a real kernel.
"""

import ast
import functools
import hashlib
from pathlib import Path

import matplotlib
import nbformat
import numpy as np
import pandas as pd
import pytest

from crmsim.errors import DataError
from crmsim.exercises import EXERCISES
from crmsim.exercises.build import BEGIN, END
from crmsim.exercises.variants import COURSE, normalize_student_id, variant_seed

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
IDS = [f"{2200 + i}A{hashlib.sha1(str(i).encode()).hexdigest()[:4].upper()}" for i in range(20)]


def _code(name: str) -> list[str]:
    nb = nbformat.read(ROOT / "solutions" / f"{name}.ipynb", as_version=4)
    cells = [c.source for c in nb.cells if c.cell_type == "code"]
    return [s.replace(BEGIN, "").replace(END, "") for s in cells]


@functools.cache
def run_solution(name: str, student_id: str) -> dict:
    """Run the solution's code cells in-process for ``student_id``; return its namespace."""
    cells = _code(name)
    assert "NUMERO_ETUDIANT" in cells[0], "la première cellule doit demander le numéro"
    namespace = {"display": lambda *args, **kwargs: None}
    exec(f"NUMERO_ETUDIANT = {student_id!r}", namespace)
    for source in cells[1:]:
        exec(compile(source, f"{name}.ipynb", "exec"), namespace)
    return namespace


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_solution_passes_every_check_for_20_students(name):
    exercise = EXERCISES[name]
    for student in [COURSE, *IDS]:
        answers = run_solution(name, student)
        for question, feedback in exercise.grade(answers, student):
            assert feedback.ok, f"{name} {question.qid} ({student}) : {feedback}"


def _same(a, b) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (str, int, float, np.number)) and isinstance(b, (str, int, float, np.number)):
        return a == b if isinstance(a, str) or isinstance(b, str) else bool(np.isclose(a, b))
    a, b = list(a), list(b)
    return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_two_students_get_different_answers(name):
    """Numbers and lists differ between two students; a choice takes both values over 20."""
    exercise = EXERCISES[name]
    first, second = run_solution(name, "22A1234"), run_solution(name, "22B5678")
    choices = {}
    for question in exercise.questions:
        if question.free_text:
            continue
        a, b = first[question.answer], second[question.answer]
        if isinstance(a, str) and not a.isdigit():
            choices[question.answer] = set()
            continue
        assert not _same(a, b), f"{name} {question.qid} : même réponse pour deux numéros"
    for student in IDS:
        if not choices:
            break
        answers = run_solution(name, student)
        for var in choices:
            choices[var].add(answers[var])
    for var, seen in choices.items():
        assert len(seen) >= 2, f"{name} {var} : toujours la même réponse ({seen})"


def test_seed_is_stable_and_documented():
    # BLAKE2b, 8 bytes, big endian, of "crmsim-exercice|<topic>|<ID>": the same forever,
    # whatever the lesson's number (the topic is the name without it).
    key = b"crmsim-exercice|pareto|22A1234"
    expected = int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big")
    assert variant_seed("22a1234 ", "03_pareto") == expected


def test_same_student_same_tables_course_tables_for_cours():
    for exercise in EXERCISES.values():
        a, b = exercise.data("22A1234"), exercise.data("22a1234")
        for key in a:
            if isinstance(a[key], pd.DataFrame):
                pd.testing.assert_frame_equal(a[key], b[key])
    pareto = EXERCISES["03_pareto"].data(COURSE)["clients"]
    assert pareto["revenue"].sum() == 1_000_000


@pytest.mark.parametrize("bad", ["", "  ", "ab", "22 A 1234", "é1234", 12.5, True, None])
def test_invalid_identifier_french_error(bad):
    with pytest.raises(DataError, match="NUMERO_ETUDIANT"):
        normalize_student_id(bad)


def test_missing_identifier_keeps_the_notebook_running_but_checks_wait():
    exo = EXERCISES["03_pareto"].start(...)
    assert exo.pending and "numéro étudiant" in repr(exo)
    assert exo.check("q2", [1, 16, 2, 20]).status == "a_completer"
    with pytest.raises(DataError, match="invalide"):
        EXERCISES["03_pareto"].start("22 A")


def test_student_tables_are_copies():
    exo = EXERCISES["03_pareto"].start("22A1234")
    clients = exo["clients"]
    clients["revenue"] = 0
    assert exo.data["clients"]["revenue"].sum() > 0


def test_hints_escalate_and_never_show_the_answer():
    exo = EXERCISES["12_fidelite"].start("22A1234")
    expected = run_solution("12_fidelite", "22A1234")["clv_fin"]
    first, second = exo.check("q1", 1.0), exo.check("q1", 2.0)
    assert first.hint and "Plus précisément" not in first.hint
    assert "Plus précisément" in second.hint and len(second.hint) > len(first.hint)
    shown = f"{expected:.0f}"
    assert all(shown not in str(f) for f in (first, second))


@pytest.mark.parametrize(
    ("qid", "answer", "words"),
    [
        ("q2", "12", "une liste"),
        ("q2", ["1", "16"], "sans guillemets"),
        ("q3", "0,25", "sans guillemets"),
        ("q1", {"a": 1}, "liste de nombres"),
        ("q4", 3, "entre guillemets"),
        ("q3", object(), "nombre"),
    ],
)
def test_wrong_types_get_a_french_message_and_never_raise(qid, answer, words):
    feedback = EXERCISES["03_pareto"].start("cours").check(qid, answer)
    assert feedback.status == "incorrect" and words in feedback.message, feedback.message


def test_every_exercise_has_a_free_text_question_with_a_checklist():
    for exercise in EXERCISES.values():
        free = [q for q in exercise.questions if q.free_text]
        assert free and all(len(q.checklist) >= 2 for q in free), exercise.name
        ids = {
            c.get("id")
            for c in nbformat.read(ROOT / "solutions" / f"{exercise.name}.ipynb", 4).cells
        }
        assert all(q.answer in ids for q in free), exercise.name
        tree = ast.parse("\n".join(_code(exercise.name)))
        assigned = {
            n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
        }
        assert {q.answer for q in exercise.questions if not q.free_text} <= assigned


def test_solution_notebooks_run_in_a_kernel_for_two_students():
    """The real notebooks' cells, in one Jupyter kernel, for two identifiers."""
    from nbclient import NotebookClient

    cells = []
    for student in ("22K0001", "22K0002"):
        for name in sorted(EXERCISES):
            code = _code(name)
            cells.append(nbformat.v4.new_code_cell(f"NUMERO_ETUDIANT = {student!r}"))
            cells += [nbformat.v4.new_code_cell(source) for source in code[1:]]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    checks = [c for c in nb.cells if "exo.check(" in c.source]
    assert len(checks) == 2 * sum(
        1 for e in EXERCISES.values() for q in e.questions if not q.free_text
    )
    for cell in checks:
        text = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
        assert text.startswith("[Correct]"), (cell.source, text)


def test_variants_are_frozen_for_a_given_identifier():
    """Golden values: a change of generator, seed rule or NumPy stream shows up here."""
    kpi = EXERCISES["09_kpi"].data("22A1234")
    assert kpi["emailing"] == {
        "total_cost": 25400.0,
        "messages_sent": 43000,
        "responses": 1833,
        "orders": 115,
        "order_revenue": 101200.0,
        "gross_margin_per_order": 220,
    }
    assert kpi["mailing"] == {"total_cost": 50000.0, "orders": 221, "gross_margin_per_order": 250}
    pareto = EXERCISES["03_pareto"].data("22A1234")["clients"]
    assert pareto["revenue"].head(3).tolist() == [51600.0, 5800.0, 38000.0]
