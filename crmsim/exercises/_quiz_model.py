"""Data model of the self-check quizzes and the pure answer check.

:class:`Question`, :class:`Quiz` and :class:`Verdict` hold validated data;
:func:`check_answer` compares a student's response with a question's answer. Loading and
validation are in :mod:`crmsim.exercises.quiz`, the ipywidgets view in
:mod:`crmsim.exercises._quiz_view`.

Examples
--------
>>> q = Question("q", "vrai_faux", "Le CA cumulé croît.", "On ajoute des montants positifs.", answer=True)
>>> check_answer(q, False).status
'incorrect'
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from crmsim.errors import DataError

__all__ = ["KINDS", "Question", "Quiz", "Verdict", "check_answer"]

#: The kinds of question and what each one needs, in French (for the error messages).
KINDS: dict[str, str] = {
    "choix": "une seule bonne réponse parmi « choices » (answer = son indice, à partir de 0)",
    "multiple": "plusieurs bonnes réponses parmi « choices » (answer = liste d’indices)",
    "vrai_faux": "une affirmation (answer = true ou false)",
    "association": "relier chaque élément de gauche à son élément de droite (pairs)",
}


@dataclass(frozen=True)
class Question:
    """One validated question of a quiz.

    Attributes
    ----------
    id : str
        Identifier, unique in its file (e.g. ``"pareto-1"``).
    kind : {"choix", "multiple", "vrai_faux", "association"}
    prompt : str
        The question, in French.
    explanation : str
        Why the right answer is right, shown once the student has answered.
    choices : tuple of str
        The options of a ``choix`` or ``multiple`` question (empty otherwise).
    answer : int, tuple of int, bool or None
        Index of the right choice (``choix``), sorted indices of the right choices
        (``multiple``), the truth of the statement (``vrai_faux``); ``None`` for
        ``association``.
    pairs : tuple of (str, str)
        Each left item with its right item (``association`` only).
    """

    id: str
    kind: str
    prompt: str
    explanation: str
    choices: tuple[str, ...] = ()
    answer: int | tuple[int, ...] | bool | None = None
    pairs: tuple[tuple[str, str], ...] = ()

    @property
    def left_items(self) -> list[str]:
        """Left items of an association, in the file's order."""
        return [left for left, _ in self.pairs]

    @property
    def right_options(self) -> list[str]:
        """Distinct right items of an association, sorted (the order gives nothing away)."""
        return sorted({right for _, right in self.pairs}, key=str.casefold)


@dataclass(frozen=True)
class Quiz:
    """A validated quiz: a title and its questions.

    Attributes
    ----------
    name : str
        The quiz's name (file stem, e.g. ``"pareto"``).
    title : str
        Title shown above the questions.
    questions : tuple of Question
    source : str
        File the quiz was read from (for messages).
    """

    name: str
    title: str
    questions: tuple[Question, ...]
    source: str = ""

    def question(self, question_id: str) -> Question:
        """The question whose id is ``question_id``."""
        for q in self.questions:
            if q.id == question_id:
                return q
        known = ", ".join(q.id for q in self.questions)
        raise DataError(
            f"Le quiz « {self.name} » n’a pas de question « {question_id} » (questions : {known})."
        )


@dataclass(frozen=True)
class Verdict:
    """The check of one answer: status, a French sentence, details and the explanation.

    Attributes
    ----------
    status : {"a_completer", "correct", "incorrect"}
    message : str
        « Bonne réponse ! », « Réponse incorrecte. » or what is still missing.
    details : list of str
        What is wrong (missing or extra choices, wrong pairs), in French.
    explanation : str
        The question's explanation (empty while unanswered).
    """

    status: str
    message: str
    details: list[str] = field(default_factory=list)
    explanation: str = ""

    @property
    def ok(self) -> bool:
        """True when the answer is right."""
        return self.status == "correct"

    def __str__(self) -> str:
        lines = [self.message, *(f"  ✘ {d}" for d in self.details)]
        if self.explanation:
            lines.append(f"Explication : {self.explanation}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        css = {"correct": "juste", "incorrect": "faux"}.get(self.status, "a-completer")
        color, background = {
            "correct": ("#375623", "#e2efda"),
            "incorrect": ("#9c0006", "#ffc7ce"),
        }.get(self.status, ("#7f6000", "#fff2cc"))
        details = "".join(f"<li>{html.escape(d)}</li>" for d in self.details)
        body = f'<ul style="margin:2px 0">{details}</ul>' if details else ""
        if self.explanation:
            body += (
                '<div class="crmsim-quiz-explication"><b>Explication :</b> '
                f"{html.escape(self.explanation)}</div>"
            )
        return (
            f'<div class="crmsim-quiz-verdict crmsim-quiz-{css}" style="border-left:4px solid '
            f'{color};background:{background};padding:4px 8px;color:{color}">'
            f"<b>{html.escape(self.message)}</b>{body}</div>"
        )


def _unanswered(response: Any) -> bool:
    if response is None or response is Ellipsis:
        return True
    if isinstance(response, (str, Mapping, Sequence, set, frozenset)) and not isinstance(
        response, bool
    ):
        return len(response) == 0
    return False


def check_answer(question: Question, response: Any) -> Verdict:
    """Check a student's response to ``question``; pure (no widget, no state).

    Parameters
    ----------
    question : Question
    response
        ``choix``: the index of the chosen option; ``multiple``: the indices of the
        ticked options; ``vrai_faux``: ``True`` or ``False``; ``association``: a mapping
        left item -> chosen right item (or the right items in the order of the left
        items). ``None`` or ``...`` means "not answered yet".

    Returns
    -------
    Verdict
        ``correct`` or ``incorrect`` with the explanation, or ``a_completer`` (no
        explanation) when nothing is answered.

    Examples
    --------
    >>> q = Question("q", "multiple", "Lesquels ?", "Parce que.", ("a", "b", "c"), (0, 2))
    >>> v = check_answer(q, [0, 1])
    >>> v.status, v.details
    ('incorrect', ['1 bonne réponse non cochée.', '1 réponse cochée à tort.'])
    >>> check_answer(q, {2, 0}).message
    'Bonne réponse !'
    """
    if _unanswered(response):
        return Verdict("a_completer", "Choisissez une réponse, puis cliquez sur « Vérifier ».")
    if question.kind == "association":
        return _check_association(question, response)
    details: list[str] = []
    if question.kind == "vrai_faux":
        right = bool(response) == question.answer
    elif question.kind == "choix":
        right = response == question.answer
    else:
        given = set(response) if isinstance(response, Iterable) else {response}
        expected = set(question.answer)  # type: ignore[arg-type]
        missing, extra = expected - given, given - expected
        if missing:
            details.append(
                _count(len(missing), "bonne réponse non cochée", "bonnes réponses non cochées")
            )
        if extra:
            details.append(_count(len(extra), "réponse cochée à tort", "réponses cochées à tort"))
        right = not details
    return _verdict(question, right, details)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one}." if n == 1 else f"{n} {many}."


def _check_association(question: Question, response: Any) -> Verdict:
    lefts = question.left_items
    if isinstance(response, Mapping):
        chosen = {left: response.get(left) for left in lefts}
    else:
        chosen = dict(zip(lefts, list(response), strict=False))
    unanswered = [left for left in lefts if chosen.get(left) in (None, "")]
    if unanswered:
        return Verdict(
            "a_completer",
            f"Reliez chaque élément ({len(unanswered)} sans réponse), puis cliquez sur "
            "« Vérifier ».",
        )
    wrong = [left for left, right in question.pairs if chosen[left] != right]
    details = [f"« {left} » n’est pas bien relié." for left in wrong]
    if wrong:
        details.insert(0, f"{len(lefts) - len(wrong)} association(s) juste(s) sur {len(lefts)}.")
    return _verdict(question, not wrong, details)


def _verdict(question: Question, right: bool, details: list[str]) -> Verdict:
    if right:
        return Verdict("correct", "Bonne réponse !", explanation=question.explanation)
    return Verdict("incorrect", "Réponse incorrecte.", details, question.explanation)
