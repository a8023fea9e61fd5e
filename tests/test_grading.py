"""The grading command on a folder of five submissions of exercise 7 (kpi)."""

import csv
from pathlib import Path

import nbformat
import pytest

from crmsim.exercises import EXERCISES
from crmsim.exercises.__main__ import main
from crmsim.exercises._checks import check_sequence
from crmsim.exercises.build import BEGIN, END
from crmsim.exercises.grading import load_checks

ROOT = Path(__file__).resolve().parents[1]
NAME = "09_kpi"


def _submission(student: str, changes: dict[str, str] | None = None):
    """The published exercise with the solution's answers, as a student would hand it in."""
    exercise = nbformat.read(ROOT / "exercises" / f"{NAME}.ipynb", as_version=4)
    solution = {
        c.id: c for c in nbformat.read(ROOT / "solutions" / f"{NAME}.ipynb", as_version=4).cells
    }
    for cell in exercise.cells:
        cell.outputs = [] if cell.cell_type == "code" else None
        if cell.cell_type == "markdown":
            cell.pop("outputs")
        if cell.id == "numero-etudiant":
            cell.source = f'NUMERO_ETUDIANT = "{student}"'
        elif cell.id == "reponse-q7":
            cell.source = cell.source.replace(
                "…", "Le publipostage électronique est plus rentable."
            )
        elif cell.cell_type == "code" and "à compléter" in cell.source:
            cell.source = solution[cell.id].source.replace(BEGIN, "").replace(END, "")
        for key, new in (changes or {}).items():
            if cell.id == key:
                cell.source = new(cell.source)
    return exercise


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("copies")
    cases = {
        "22G0001": {},
        "22G0002": {
            "code-q4": lambda s: s.replace("resultat = commandes", "resultat = 2 * commandes"),
            "code-q6": lambda s: s.replace(
                'plus_rentable = "électronique" if', 'plus_rentable = "aucune" if'
            ),
        },
        "22G0003": {"code-q3": lambda s: s.replace("/ marge_par_commande)", "/ marge_inconnue)")},
        "22G0004": {"donnees": lambda s: s.replace("start(NUMERO_ETUDIANT)", 'start("cours")')},
        "22G0005": {"code-q4": lambda s: "while True:\n    pass\n" + s},
    }
    for student, changes in cases.items():
        nbformat.write(_submission(student, changes), folder / f"{student}_{NAME}.ipynb")
    checks = folder.parent / "cachees.py"
    checks.write_text(
        "from crmsim.exercises.variants import Question\n"
        "from tests.test_grading import strict_costs\n"
        f"CHECKS = {{'{NAME}': [Question('cache1', 'couts', strict_costs, hidden=True)]}}\n",
        encoding="utf-8",
    )
    out = folder.parent / "sortie" / "notes.csv"
    argv = ["grade", str(folder), "--out", str(out), "--time-limit", "15", "--checks", str(checks)]
    assert main([*argv, "--exercises", str(ROOT / "exercises")]) == 0
    read = lambda p: list(csv.DictReader(p.open(encoding="utf-8")))  # noqa: E731
    return {
        "questions": read(out),
        "summary": {
            r["etudiant"]: r
            for r in read(out.with_name("notes_synthese.csv"))
            if r["exercice"] != "total"
        },
        "totals": {
            r["etudiant"]: r
            for r in read(out.with_name("notes_synthese.csv"))
            if r["exercice"] == "total"
        },
        "moodle": read(out.with_name("notes_moodle.csv")),
        "moodle_header": out.with_name("notes_moodle.csv")
        .read_text(encoding="utf-8")
        .splitlines()[0],
        "pages": out.with_name("notes_retours"),
    }


def strict_costs(answer, data):
    """A hidden check: the two costs to 1e-9 (students see the 1e-3 one)."""
    from crmsim.analysis.kpi import campaign_kpis

    kpis = campaign_kpis(**data["emailing"]).set_index("indicator_id")["value"]
    expected = [kpis["contact_cost"], kpis["customer_acquisition_cost"]]
    return check_sequence(answer, expected, what="les coûts (précis)", hint="", rel_tol=1e-9)


def _points(graded, student):
    return {r["question"]: r["points"] for r in graded["questions"] if r["etudiant"] == student}


def test_correct_submission_gets_every_point(graded):
    row = graded["summary"]["22G0001"]
    assert (row["points"], row["points_max"], row["a_noter"]) == ("8", "8", "2")
    assert row["signalements"] == ""
    assert _points(graded, "22G0001")["q7"] == ""  # free text: graded by hand
    assert _points(graded, "22G0001")["q8"] == "1"  # the simulated campaigns
    total = graded["totals"]["22G0001"]
    assert (total["points"], total["points_max"], total["a_noter"]) == ("8", "8", "2")


def test_partly_wrong_submission(graded):
    points = _points(graded, "22G0002")
    assert points["q4"] == "0" and points["q6"] == "0"
    assert graded["summary"]["22G0002"]["signalements"] == ""
    assert graded["summary"]["22G0002"]["points"] == "6"


def test_erroring_submission_is_graded_for_what_runs(graded):
    points = _points(graded, "22G0003")
    assert points["q3"] == "0" and points["q5"] == "0"
    assert [points[q] for q in ("q1", "q2", "q4", "q6", "cache1")] == ["1"] * 5
    assert "NameError" in graded["summary"]["22G0003"]["signalements"]
    assert graded["summary"]["22G0003"]["points"] == "6"


def test_tampered_submission_is_flagged_and_checked_on_its_own_variant(graded):
    row = graded["summary"]["22G0004"]
    assert "cellule 4 modifiée" in row["signalements"]
    assert _points(graded, "22G0004")["q1"] == "0"  # answers from the course's data
    assert _points(graded, "22G0004")["q8"] == "0"  # the course's simulated campaigns
    assert float(row["points"]) <= 2


def test_hanging_submission_is_stopped_and_flagged(graded):
    row = graded["summary"]["22G0005"]
    assert "temps limite" in row["signalements"]
    points = _points(graded, "22G0005")
    assert [points[q] for q in ("q1", "q2", "q3")] == ["1", "1", "1"]
    assert points["q4"] == "0" and points["q6"] == "0"  # q6 needs q4's result
    assert points["q5"] == "1"  # graded in the grace period after the interrupted cell
    assert points["q8"] == "1"
    assert row["points"] == "6"


def test_moodle_csv_columns_and_pages(graded):
    assert graded["moodle_header"] == f"numero_etudiant,{NAME},{NAME} - retour"
    rows = {r["numero_etudiant"]: r for r in graded["moodle"]}
    assert sorted(rows) == [f"22G000{i}" for i in range(1, 6)]
    assert rows["22G0001"][NAME] == "8"
    assert "à vérifier" in rows["22G0004"][f"{NAME} - retour"]
    page = (graded["pages"] / "22G0001.html").read_text(encoding="utf-8")
    assert 'lang="fr"' in page and "Le publipostage électronique est plus rentable." in page


def test_missing_identifier_and_unknown_files_never_crash(tmp_path):
    from crmsim.exercises.grading import grade_submission

    (tmp_path / "vide.ipynb").write_text("pas un carnet", encoding="utf-8")
    sub = grade_submission(tmp_path / "vide.ipynb", EXERCISES)
    assert sub.flags and sub.results == []


def test_load_checks_requires_a_mapping(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("CHECKS = 3\n", encoding="utf-8")
    with pytest.raises(Exception, match="CHECKS"):
        load_checks(bad)
