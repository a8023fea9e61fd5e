"""The grader's outputs: per-question CSV, per-student summary, Moodle import, HTML pages.

For ``--out notes.csv``, :func:`write_reports` writes:

``notes.csv``
    one row per student, exercise and question. Columns: etudiant, exercice, question,
    points (empty for a free-text question, graded by hand), points_max, retour (the
    check's French feedback, or the grader's checklist), fichier.
``notes_synthese.csv``
    one row per notebook. Columns: etudiant, exercice, points, points_max (automatic
    questions), a_noter (points of the free-text questions left to the instructor),
    signalements (errors, time limit, tampering, missing identifier), fichier; then one
    row per student with exercice = ``total`` (sums over the student's notebooks, and the
    number of flagged notebooks).
``notes_moodle.csv``
    one row per student, for Moodle's « Importer > Fichier CSV » (UTF-8, comma,
    decimal point). Columns: numero_etudiant (to map to the user field « Numéro
    d’identification »), then for each exercise ``<exercice>`` (points of the automatic
    questions) and ``<exercice> - retour`` (a short comment, to map to « Feedback »).
``notes_retours/<etudiant>.html``
    a French feedback page per student.

Every CSV is UTF-8 with a header row; numbers use a decimal point.
"""

from __future__ import annotations

import csv
import html
from collections import defaultdict
from pathlib import Path

from crmsim.formatting import format_number

__all__ = ["MOODLE_ID_COLUMN", "TOTAL", "write_reports"]

#: The ``exercice`` value of each student's total row in the summary.
TOTAL = "total"
#: Identifier column of the Moodle CSV (mapped to the users' « Numéro d’identification »).
MOODLE_ID_COLUMN = "numero_etudiant"


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _feedback_text(result) -> str:
    if result.feedback is None:
        return "À noter par l’enseignant. Grille : " + " ; ".join(result.question.checklist)
    fb = result.feedback
    parts = [fb.message, *fb.right, *fb.wrong]
    return " ".join(p for p in parts if p)


def _write(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _pending(sub) -> float:
    return sum(r.question.points for r in sub.results if r.points is None)


def _comment(sub) -> str:
    text = f"{_num(sub.points)} / {_num(sub.max_points)} aux questions corrigées automatiquement"
    if _pending(sub):
        text += f" ; {_num(_pending(sub))} point(s) de questions rédigées à noter"
    if sub.flags:
        text += " ; à vérifier : " + " ; ".join(sub.flags)
    return text + "."


def _page(student: str, subs: list) -> str:
    blocks = []
    for sub in subs:
        name = sub.exercise.name if sub.exercise else sub.path.name
        items = []
        for r in sub.results:
            if r.feedback is None:
                answer = html.escape(r.text) if r.text else "<i>pas de réponse</i>"
                grid = "".join(f"<li>{html.escape(c)}</li>" for c in r.question.checklist)
                items.append(
                    f"<li><b>{r.question.qid}</b> (rédigée, notée par l’enseignant)"
                    f"<blockquote>{answer}</blockquote>Points attendus :<ul>{grid}</ul></li>"
                )
            else:
                mark = f"{format_number(r.points or 0, 2)} / {format_number(r.question.points, 2)}"
                items.append(f"<li><b>{r.question.qid}</b> — {mark}{r.feedback._repr_html_()}</li>")
        flags = "".join(f"<li>{html.escape(f)}</li>" for f in sub.flags)
        flag_html = f"<p><b>À vérifier :</b></p><ul>{flags}</ul>" if flags else ""
        blocks.append(
            f"<h2>{html.escape(name)} — {format_number(sub.points, 2)} / "
            f"{format_number(sub.max_points, 2)}</h2>{flag_html}<ol>{''.join(items)}</ol>"
        )
    return (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>Retour — {html.escape(student)}</title></head><body>"
        f"<h1>Retour sur vos exercices — {html.escape(student)}</h1>"
        "<p>Points des questions corrigées automatiquement ; les questions rédigées sont "
        "notées par l’enseignant.</p>" + "".join(blocks) + "</body></html>"
    )


def write_reports(subs: list, out: Path) -> dict[str, Path]:
    """Write the four outputs described in the module docstring; return their paths.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "notes.csv"
    >>> sorted(write_reports([], out))
    ['moodle', 'questions', 'retours', 'synthese']
    >>> out.read_text(encoding="utf-8").strip()
    'etudiant,exercice,question,points,points_max,retour,fichier'
    """
    from crmsim.exercises.grading import slug

    out.parent.mkdir(parents=True, exist_ok=True)
    paths = {
        "questions": out,
        "synthese": out.with_name(f"{out.stem}_synthese.csv"),
        "moodle": out.with_name(f"{out.stem}_moodle.csv"),
        "retours": out.with_name(f"{out.stem}_retours"),
    }
    rows, summary = [], []
    by_student: dict[str, list] = defaultdict(list)
    for sub in subs:
        exercise = sub.exercise.name if sub.exercise else ""
        by_student[sub.student].append(sub)
        for r in sub.results:
            rows.append(
                [
                    sub.student,
                    exercise,
                    r.question.qid,
                    _num(r.points),
                    _num(r.question.points),
                    _feedback_text(r),
                    str(sub.path),
                ]
            )
        summary.append(
            [
                sub.student,
                exercise,
                _num(sub.points),
                _num(sub.max_points),
                _num(_pending(sub)),
                " ; ".join(sub.flags),
                str(sub.path),
            ]
        )
    for student, own in sorted(by_student.items()):
        summary.append(
            [
                student,
                TOTAL,
                _num(sum(s.points for s in own)),
                _num(sum(s.max_points for s in own)),
                _num(sum(_pending(s) for s in own)),
                f"{sum(1 for s in own if s.flags)} carnet(s) signalé(s)",
                "",
            ]
        )
    _write(
        out, ["etudiant", "exercice", "question", "points", "points_max", "retour", "fichier"], rows
    )
    _write(
        paths["synthese"],
        ["etudiant", "exercice", "points", "points_max", "a_noter", "signalements", "fichier"],
        summary,
    )
    names = sorted({s.exercise.name for s in subs if s.exercise})
    moodle = []
    for student, own in sorted(by_student.items()):
        if student.startswith("?"):
            continue  # no identifier: nothing Moodle could match; see the summary
        line = [student]
        for name in names:
            sub = next((s for s in own if s.exercise and s.exercise.name == name), None)
            line += ["", ""] if sub is None else [_num(sub.points), _comment(sub)]
        moodle.append(line)
    header = [MOODLE_ID_COLUMN] + [c for n in names for c in (n, f"{n} - retour")]
    _write(paths["moodle"], header, moodle)
    paths["retours"].mkdir(exist_ok=True)
    for student, own in by_student.items():
        page = paths["retours"] / f"{slug(student)}.html"
        page.write_text(_page(student, own), encoding="utf-8")
    return paths
