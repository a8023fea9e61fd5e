"""Grade submitted exercise notebooks: run them, re-check every answer, write the marks.

:func:`grade_submission` runs one notebook with nbclient in a fresh kernel (a time limit
for the whole notebook; a cell that errors does not stop the others), reads the answer
variables and ``NUMERO_ETUDIANT`` from the kernel, re-derives the student's variant from
the identifier and runs every check itself: what the notebook printed is never read. It
compares the notebook with the published exercise (``exercises/NN.ipynb``): a cell
changed outside the answer lines, removed or added is flagged. Extra checks the students
do not see (``Question(..., hidden=True)``, here or in a ``--checks`` file) are applied
too. Nothing a notebook does stops the run: errors, hangs and tampering become flags.

:func:`grade_folder` does it for every ``*.ipynb`` under a folder (with a progress bar)
and writes the tables of :mod:`crmsim.exercises.reports`.
"""

from __future__ import annotations

import importlib.util
import json
import re
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from crmsim.errors import DataError
from crmsim.exercises._feedback import Feedback
from crmsim.exercises.variants import Exercise, Question, normalize_student_id

__all__ = ["GradedQuestion", "Submission", "grade_folder", "grade_submission", "load_checks"]

_MARK = "@@crmsim-reponses@@"
# Run in the student's kernel after the notebook: the answers as tagged JSON.
_DUMP = """
def _crmsim_dump(names):
    import json, math
    import numpy as np
    import pandas as pd
    def enc(v, depth=0):
        if depth > 4: return {"t": "autre", "type": type(v).__name__}
        if v is Ellipsis: return {"t": "vide"}
        if v is None or isinstance(v, (bool, str)): return v
        if isinstance(v, np.generic): v = v.item()
        if isinstance(v, int): return v
        if isinstance(v, float): return v if math.isfinite(v) else {"t": "nan"}
        if isinstance(v, pd.Series):
            return {"t": "series", "index": [enc(i, depth + 1) for i in v.index],
                    "values": [enc(x, depth + 1) for x in v.tolist()]}
        if isinstance(v, dict): return {"t": "dict", "items": [[enc(k, depth + 1), enc(x, depth + 1)] for k, x in v.items()]}
        if isinstance(v, (list, tuple, set, np.ndarray, pd.Index)):
            return [enc(x, depth + 1) for x in (sorted(v, key=str) if isinstance(v, set) else list(v))]
        return {"t": "autre", "type": type(v).__name__}
    g = globals()
    print(%r + json.dumps({n: enc(g[n]) for n in names if n in g}))
_crmsim_dump(%r)
"""


def _decode(value: object) -> object:
    import pandas as pd

    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    kind = value.get("t")
    if kind == "vide":
        return Ellipsis
    if kind == "nan":
        return float("nan")
    if kind == "series":
        return pd.Series(
            [_decode(v) for v in value["values"]], index=[_decode(i) for i in value["index"]]
        )
    if kind == "dict":
        return {_decode(k): _decode(v) for k, v in value["items"]}
    return _Opaque(value.get("type", "?"))


class _Opaque:
    """An answer of a type the grader does not rebuild (a function, a figure...)."""

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name

    def __repr__(self) -> str:
        return f"<{self.type_name}>"


@dataclass
class GradedQuestion:
    """One question of one submission: points (``None`` = to be graded by hand)."""

    question: Question
    points: float | None
    feedback: Feedback | None = None
    text: str = ""


@dataclass
class Submission:
    """A graded notebook."""

    path: Path
    exercise: Exercise | None
    student_id: str = ""
    results: list[GradedQuestion] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def points(self) -> float:
        """Points of the automatic questions."""
        return sum(r.points or 0.0 for r in self.results if r.points is not None)

    @property
    def max_points(self) -> float:
        """Maximum of the automatic questions."""
        return sum(r.question.points for r in self.results if r.points is not None)

    @property
    def student(self) -> str:
        """The student identifier, or the file's name when the identifier is missing."""
        return self.student_id or f"?{self.path.stem}"


def load_checks(path: str | Path) -> dict[str, list[Question]]:
    r"""Read the extra hidden checks of a Python file: ``CHECKS = {"03_pareto": [Question]}``.

    Each ``Question`` names the notebook variable it reads and a ``check(answer, data)``
    computed on the student's variant, like the visible ones.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "cachees.py").write_text(
    ...     "from crmsim.exercises.variants import Question\n"
    ...     "from crmsim.exercises.pareto import EXERCISE\n"
    ...     "CHECKS = {'03_pareto': [Question('h1', 'tete', EXERCISE.question('q2').check,"
    ...     " hidden=True)]}\n",
    ...     encoding="utf-8",
    ... )
    >>> load_checks(folder / "cachees.py")["03_pareto"][0].qid
    'h1'
    """
    spec = importlib.util.spec_from_file_location("crmsim_extra_checks", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    checks = getattr(module, "CHECKS", None)
    if not isinstance(checks, Mapping):
        raise DataError(f"{path} doit définir CHECKS = {{nom d’exercice: [Question, ...]}}.")
    return {name: list(questions) for name, questions in checks.items()}


def _identify(nb, path: Path, exercises: Mapping[str, Exercise]) -> Exercise | None:
    name = nb.metadata.get("crmsim", {}).get("exercise")
    if name in exercises:
        return exercises[name]
    for name in sorted(exercises, key=len, reverse=True):
        if name in path.stem:
            return exercises[name]
    return None


def _lines(source: str) -> list[str]:
    return [line.rstrip() for line in source.strip().splitlines() if line.strip()]


def _tampering(nb, reference, free_ids: set[str]) -> list[str]:
    """Cells changed outside the answers, removed or added (compared by cell id)."""
    flags = []
    given = {cell.get("id"): cell for cell in nb.cells}
    for index, ref in enumerate(reference.cells, start=1):
        cell = given.get(ref.get("id"))
        if cell is None:
            flags.append(f"cellule {index} supprimée ou remplacée")
        elif ref.get("id") in free_ids:
            continue
        elif ref.cell_type == "code" and "à compléter" in ref.source.lower():
            fixed = [
                x
                for x in _lines(ref.source)
                if "à compléter" not in x.lower() and not x.lstrip().startswith("#")
            ]
            rest = iter(_lines(cell.source))
            if not all(any(line == x for x in rest) for line in fixed):
                flags.append(f"cellule {index} modifiée hors des lignes de réponse")
        elif _lines(cell.source) != _lines(ref.source):
            flags.append(f"cellule {index} modifiée (ce n’est pas une cellule de réponse)")
    known = {ref.get("id") for ref in reference.cells}
    added = [c for c in nb.cells if c.get("id") not in known and c.cell_type == "code"]
    if added:
        flags.append(f"{len(added)} cellule(s) de code ajoutée(s)")
    return flags


#: Seconds granted to the cells after one was interrupted for time (at most the limit).
GRACE_SECONDS = 20.0


def _run(nb, names: Sequence[str], workdir: Path, time_limit: float) -> tuple[dict, list[str]]:
    """Execute ``nb`` and return (decoded variables, flags).

    The time limit covers the whole notebook. A cell still running at the limit is
    interrupted; the cells after it then get one grace period (``GRACE_SECONDS``, at most
    the limit), so that an endless loop in one answer does not cost the independent
    answers that follow it, whatever the load of the machine.
    """
    from nbclient import NotebookClient

    flags: list[str] = []
    client = NotebookClient(
        nb,
        timeout=max(1, int(time_limit)),
        kernel_name="python3",
        allow_errors=True,
        interrupt_on_timeout=True,
        record_timing=False,
        resources={"metadata": {"path": str(workdir)}},
    )
    deadline = time.monotonic() + time_limit
    answers: dict = {}
    graced = False
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                flags.append(
                    f"temps limite ({time_limit:g} s) dépassé : cellules suivantes non exécutées"
                )
                break
            client.timeout = max(1, int(remaining))
            try:
                client.execute_cell(cell, index)
            except Exception as exc:  # a dead kernel, a broken cell: flag, do not crash
                flags.append(f"cellule {index + 1} non exécutée ({type(exc).__name__})")
                break
            errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
            for error in errors:
                if error.get("ename") == "KeyboardInterrupt":
                    flags.append(f"cellule {index + 1} interrompue : temps limite dépassé")
                    if not graced:
                        graced = True
                        deadline = time.monotonic() + min(GRACE_SECONDS, time_limit)
                else:
                    flags.append(f"cellule {index + 1} : erreur {error.get('ename')}")
        dump = nbformat.v4.new_code_cell(_DUMP % (_MARK, list(names)))
        nb.cells.append(dump)
        client.timeout = 30
        try:
            client.execute_cell(dump, len(nb.cells) - 1)
            text = "".join(o.get("text", "") for o in dump.outputs if o.get("name") == "stdout")
            payload = text.split(_MARK, 1)[1] if _MARK in text else "{}"
            answers = {k: _decode(v) for k, v in json.loads(payload).items()}
        except Exception as exc:
            flags.append(f"réponses illisibles après exécution ({type(exc).__name__})")
    return answers, flags


_ANSWER_PROMPT = re.compile(r"\*Votre réponse\s*:\*")


def _free_text(nb, question: Question) -> str:
    for cell in nb.cells:
        if cell.get("id") == question.answer:
            # the prompt's space before ":" may be ordinary, U+00A0 or U+202F
            text = _ANSWER_PROMPT.split(cell.source, maxsplit=1)[-1]
            text = text.replace("\u202f", " ")
            return "" if text.strip() in ("", "…") else text.strip()
    return ""


def grade_submission(
    path: str | Path,
    exercises: Mapping[str, Exercise],
    *,
    reference_dir: str | Path = "exercises",
    time_limit: float = 120,
    extra: Mapping[str, Sequence[Question]] | None = None,
) -> Submission:
    """Run and grade one notebook; never raises on what the notebook contains.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from crmsim.exercises import EXERCISES
    >>> broken = pathlib.Path(tempfile.mkdtemp()) / "22A1234_01_pareto.ipynb"
    >>> _ = broken.write_text("pas un carnet", encoding="utf-8")
    >>> grade_submission(broken, EXERCISES).flags
    ['fichier illisible (NotJSONError)']
    """
    path = Path(path)
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:
        return Submission(path, None, flags=[f"fichier illisible ({type(exc).__name__})"])
    exercise = _identify(nb, path, exercises)
    if exercise is None:
        return Submission(path, None, flags=["exercice non reconnu (nom du fichier ?)"])
    sub = Submission(path, exercise)
    questions = [*exercise.questions, *(extra or {}).get(exercise.name, [])]
    reference = Path(reference_dir) / f"{exercise.name}.ipynb"
    free_ids = {q.answer for q in questions if q.free_text}
    if reference.exists():
        sub.flags += _tampering(nb, nbformat.read(reference, as_version=4), free_ids)
    names = ["NUMERO_ETUDIANT", *(q.answer for q in questions if not q.free_text)]
    with tempfile.TemporaryDirectory() as workdir:
        answers, flags = _run(nb, names, Path(workdir), time_limit)
    sub.flags += flags
    try:
        sub.student_id = normalize_student_id(answers.get("NUMERO_ETUDIANT", Ellipsis))
        data = exercise.data(sub.student_id)
    except DataError:
        data = None
        sub.flags.append("numéro étudiant manquant ou invalide : questions automatiques à 0")
    for question in questions:
        if question.free_text:
            text = _free_text(nb, question)
            sub.results.append(GradedQuestion(question, None, None, text))
            continue
        if data is None:
            feedback = Feedback("incorrect", "Variante inconnue : numéro étudiant manquant.")
        elif question.answer not in answers:
            feedback = Feedback(
                "incorrect", f"Variable « {question.answer} » absente après exécution."
            )
        else:
            check = Exercise(exercise.name, exercise.make_data, [question])
            feedback = check.grade({question.answer: answers[question.answer]}, sub.student_id)
            feedback = feedback[0][1] if feedback else Feedback.todo(question.answer)
        sub.results.append(
            GradedQuestion(question, question.points if feedback.ok else 0.0, feedback)
        )
    return sub


def grade_folder(
    folder: str | Path,
    out: str | Path,
    exercises: Mapping[str, Exercise],
    *,
    reference_dir: str | Path = "exercises",
    time_limit: float = 120,
    extra: Mapping[str, Sequence[Question]] | None = None,
    progress: bool = True,
) -> list[Submission]:
    """Grade every notebook under ``folder`` and write the reports next to ``out``."""
    from tqdm.auto import tqdm

    from crmsim.exercises.reports import write_reports

    paths = sorted(p for p in Path(folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    subs = []
    for path in tqdm(paths, desc="Copies corrigées", unit="copie", disable=not progress):
        subs.append(
            grade_submission(
                path, exercises, reference_dir=reference_dir, time_limit=time_limit, extra=extra
            )
        )
    write_reports(subs, Path(out))
    return subs


def slug(text: str) -> str:
    """A file-name-safe version of a student identifier.

    Examples
    --------
    >>> slug("?copie 3")
    '_copie_3'
    """
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text) or "inconnu"
