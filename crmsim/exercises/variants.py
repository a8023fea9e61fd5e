"""One variant of each exercise per student, drawn from the student's identifier.

An exercise is an :class:`Exercise`: a name (the notebook's stem, ``"03_pareto"``), a data
generator ``make_data(rng)`` and its questions (:class:`Question`). The first code cell of
the notebook asks for the identifier, the second one calls :meth:`Exercise.start`::

    NUMERO_ETUDIANT = "22A1234"          # à compléter in the student version
    exo = verif.EXERCISE.start(NUMERO_ETUDIANT)
    clients = exo["clients"]             # the student's own tables
    ...
    exo.check("q1", answer)              # French feedback, hints that escalate

Seeds
-----
The seed of a variant is :func:`variant_seed`: the first 8 bytes of the BLAKE2b digest
(``digest_size=8``) of ``"crmsim-exercice|<topic>|<identifier>"`` in UTF-8, read as a
big-endian unsigned integer, where ``<topic>`` is the exercise's name without its lesson
number (:func:`topic`: ``"03_pareto"`` -> ``"pareto"``, so renumbering the lessons changes
no student's data) and ``<identifier>`` is the normalised identifier (stripped, upper
case). It depends on nothing else (neither the machine nor Python's ``hash``), so a
student gets the same numbers everywhere and the grader finds them again. The reserved
identifier :data:`COURSE` (``"cours"``) is the course's own version: ``make_data`` is then
called with ``rng=None`` and returns the course tables, used by the solutions.
"""

from __future__ import annotations

import copy
import hashlib
import html
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from crmsim.errors import DataError
from crmsim.exercises._feedback import Feedback, is_unanswered

__all__ = [
    "COURSE",
    "Exercise",
    "Question",
    "Variant",
    "normalize_student_id",
    "topic",
    "variant_seed",
]

#: Reserved identifier of the course's own version of every exercise.
COURSE = "cours"

_MISSING = (
    "indiquez d’abord votre numéro étudiant dans la première cellule, entre guillemets "
    '(NUMERO_ETUDIANT = "22A1234"), puis relancez tout le carnet (menu Exécuter) : '
    "vos données et les vérifications en dépendent."
)
_ID = re.compile(r"^[A-Z0-9][A-Z0-9_-]{2,31}$")


def normalize_student_id(value: object) -> str:
    """Return the identifier as used for the seed, or raise a French :class:`DataError`.

    Examples
    --------
    >>> normalize_student_id(" 22a1234 ")
    '22A1234'
    >>> normalize_student_id("Cours")
    'cours'
    >>> normalize_student_id(2201234)
    '2201234'
    """
    if is_unanswered(value) or (isinstance(value, str) and not value.strip()):
        raise DataError(
            "NUMERO_ETUDIANT est vide : écrivez votre numéro étudiant entre guillemets dans la "
            'première cellule, par exemple NUMERO_ETUDIANT = "22A1234", puis relancez le carnet.'
        )
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise DataError(
            f"NUMERO_ETUDIANT doit être un texte, reçu {value!r} ({type(value).__name__}) : "
            'écrivez-le entre guillemets, par exemple NUMERO_ETUDIANT = "22A1234".'
        )
    text = str(value).strip()
    if text.lower() == COURSE:
        return COURSE
    text = text.upper()
    if not _ID.match(text):
        raise DataError(
            f"NUMERO_ETUDIANT invalide : {value!r}. Il faut 3 à 32 caractères, lettres sans "
            "accent, chiffres, « - » ou « _ », sans espace (par exemple « 22A1234 ») : "
            "recopiez le numéro de votre carte d’étudiant."
        )
    return text


def topic(name: str) -> str:
    """A lesson's or exercise's name without its number: what stays when lessons move.

    Examples
    --------
    >>> topic("03_pareto"), topic("11b_diagnostic_attrition"), topic("pareto")
    ('pareto', 'diagnostic_attrition', 'pareto')
    """
    return re.sub(r"^\d+[a-z]?_", "", name)


def variant_seed(student_id: object, exercise: str) -> int:
    """The seed of a student's variant of ``exercise`` (stable, see the module docstring).

    Examples
    --------
    >>> variant_seed("22A1234", "03_pareto") == variant_seed(" 22a1234", "03_pareto")
    True
    >>> variant_seed("22A1234", "03_pareto") != variant_seed("22A1234", "04_abc")
    True
    >>> variant_seed("22A1234", "03_pareto") == variant_seed("22A1234", "03_pareto")
    True
    """
    key = f"crmsim-exercice|{topic(exercise)}|{normalize_student_id(student_id)}"
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


@dataclass(frozen=True)
class Question:
    """One question of an exercise.

    Attributes
    ----------
    qid : str
        Short identifier, ``"q1"``.
    answer : str
        Name of the notebook variable holding the answer (what the grader reads); for a
        free-text question, the id of the Markdown cell holding the answer.
    check : callable or None
        ``check(answer, data) -> Feedback``; ``None`` for a free-text question.
    detail : str
        The second, more precise hint (which step, which column), shown from the
        second wrong answer on. Never the answer itself.
    points : float
        Points of the question (free text: points given by the instructor).
    checklist : tuple of str
        For free text: what the grader looks for in the answer.
    hidden : bool
        Applied by the grader only (students never see it run).
    """

    qid: str
    answer: str
    check: Callable[[object, Mapping], Feedback] | None = None
    detail: str = ""
    points: float = 1.0
    checklist: tuple[str, ...] = ()
    hidden: bool = False

    @property
    def free_text(self) -> bool:
        """True for an interpretation question graded by the instructor."""
        return self.check is None


def _show(feedback: Feedback) -> None:
    """Display ``feedback`` in a running notebook (nothing outside IPython)."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython is a dependency of the course
        return
    if get_ipython() is not None:
        display(feedback)


def _safe_check(question: Question, answer: object, data: Mapping) -> Feedback:
    try:
        return question.check(answer, data)  # type: ignore[misc]
    except Exception as exc:  # a check never raises on a student's answer
        return Feedback(
            "incorrect",
            "Réponse illisible pour la vérification : donnez une valeur du type demandé "
            f"dans l’énoncé (reçu {type(answer).__name__}, {type(exc).__name__}).",
        )


@dataclass
class Variant(Mapping):
    """A student's variant: its tables (read like a dict) and its answer checks.

    The tables handed out are copies: changing them does not change what the checks
    expect.
    """

    exercise: Exercise
    student_id: str
    seed: int | None
    _data: dict = field(repr=False)
    _wrong: dict = field(default_factory=dict, repr=False)

    def __getitem__(self, key: str):
        return copy.deepcopy(self._data[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    @property
    def data(self) -> dict:
        """The variant's tables and parameters (the checks' reference, not a copy)."""
        return self._data

    @property
    def pending(self) -> bool:
        """True while the student identifier is missing."""
        return not self.student_id

    def check(self, qid: str, answer: object) -> Feedback:
        """Check ``answer`` to question ``qid``; hints get more precise after a miss."""
        question = self.exercise.question(qid)
        if self.pending:
            return Feedback.todo(_MISSING)
        feedback = _safe_check(question, answer, self._data)
        if feedback.status != "incorrect":
            return feedback
        misses = self._wrong[qid] = self._wrong.get(qid, 0) + 1
        if misses >= 2 and question.detail:
            hint = f"{feedback.hint} Plus précisément : {question.detail}".strip()
            return Feedback(feedback.status, feedback.message, feedback.right, feedback.wrong, hint)
        return feedback

    def _repr_html_(self) -> str:
        if self.pending:
            return Feedback(
                "incorrect", "Numéro étudiant manquant\u202f: " + _MISSING
            )._repr_html_()
        return f"<p>{html.escape(repr(self))}</p>"

    def __repr__(self) -> str:
        if self.pending:
            return str(Feedback("incorrect", "Numéro étudiant manquant\u202f: " + _MISSING))
        who = "version du cours" if self.seed is None else f"numéro {self.student_id}"
        return f"Variante de l’exercice {self.exercise.name} ({who})"


@dataclass(frozen=True)
class Exercise:
    """An exercise: its name, its data generator and its questions.

    ``make_data(rng)`` returns a dict of tables and parameters; ``rng`` is ``None`` for
    the course's version (:data:`COURSE`), else a seeded ``numpy.random.Generator``.
    """

    name: str
    make_data: Callable[[np.random.Generator | None], dict]
    questions: Sequence[Question]

    def question(self, qid: str) -> Question:
        """The question ``qid`` (French error listing the known ones otherwise)."""
        for question in self.questions:
            if question.qid == qid:
                return question
        known = ", ".join(q.qid for q in self.questions)
        raise DataError(f"question inconnue : {qid!r} (questions de {self.name} : {known}).")

    def data(self, student_id: object) -> dict:
        """The tables of a student's variant (the course's ones for ``"cours"``)."""
        sid = normalize_student_id(student_id)
        if sid == COURSE:
            return self.make_data(None)
        return self.make_data(np.random.default_rng(variant_seed(sid, self.name)))

    def start(self, student_id: object) -> Variant:
        """Return the student's :class:`Variant` (first cell of the notebook).

        While the identifier is still ``...`` the notebook keeps running (on the course's
        tables) but the variant shows a French error and every check answers « à
        compléter » until the identifier is given; an invalid identifier raises.

        Examples
        --------
        >>> from crmsim.exercises import pareto
        >>> exo = pareto.EXERCISE.start("cours")
        >>> exo
        Variante de l’exercice 03_pareto (version du cours)
        >>> exo.check("q2", ...).status
        'a_completer'
        """
        if is_unanswered(student_id):
            _show(Feedback("incorrect", "Numéro étudiant manquant\u202f: " + _MISSING))
            return Variant(self, "", None, self.data(COURSE))
        sid = normalize_student_id(student_id)
        seed = None if sid == COURSE else variant_seed(sid, self.name)
        return Variant(self, sid, seed, self.data(sid))

    def grade(self, answers: Mapping[str, object], student_id: object) -> list[tuple]:
        """Check every automatic question: ``(question, feedback)`` pairs, hidden included.

        Free-text questions are left out (the instructor grades them).
        """
        data = self.data(student_id)
        out = []
        for question in self.questions:
            if question.free_text:
                continue
            answer = answers.get(question.answer, Ellipsis)
            out.append((question, _safe_check(question, answer, data)))
        return out
