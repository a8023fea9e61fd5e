"""Self-check quizzes: questions in TOML data files, validated on load, checked by a pure function.

Each lesson ends with a short quiz whose questions live in
``crmsim/exercises/quizzes/<sujet>.toml`` (the lesson's file name without its number), so
an instructor adds or edits a question without writing Python. The format::

    title = "Quiz : la loi de Pareto"

    [[questions]]
    id = "pareto-1"                  # unique in the file
    kind = "choix"                   # choix, multiple, vrai_faux or association
    prompt = "Que dit la loi de Pareto ?"
    choices = ["…", "…", "…"]        # choix and multiple only
    answer = 1                       # choix: index from 0; multiple: list of indices;
                                     # vrai_faux: true or false; association: no answer
    pairs = [["gauche", "droite"]]   # association only: each left item with its right item
    explanation = "…"                # shown once the student has answered

This module holds the data model (:class:`Quiz`, :class:`Question`), the validation
(:func:`load_quiz`, :func:`parse_quiz`, which raise a French :class:`~crmsim.errors.DataError`
naming the file, the question and the field) and the answer check (:func:`check_answer`, a
pure function). The ipywidgets view is apart (``crmsim.exercises._quiz_view``) and is only
imported by :func:`quiz`. The module itself is callable: ``cs.exercises.quiz("pareto")``
is :func:`quiz`.

Examples
--------
>>> from crmsim.exercises.quiz import check_answer, load_quiz
>>> q = load_quiz("pareto")
>>> q.name, len(q.questions) >= 3
('pareto', True)
>>> first = q.questions[0]
>>> check_answer(first, None).status
'a_completer'
>>> check_answer(first, first.answer).ok
True
"""

from __future__ import annotations

import sys
import types
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from crmsim.errors import DataError
from crmsim.exercises._quiz_model import KINDS, Question, Quiz, Verdict, check_answer
from crmsim.exercises.variants import topic

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = [
    "KINDS",
    "Question",
    "Quiz",
    "Verdict",
    "available_quizzes",
    "check_answer",
    "load_quiz",
    "parse_quiz",
    "quiz",
]

#: Fields of each kind of question, besides the common ones.
_FIELDS = {
    "choix": {"choices", "answer"},
    "multiple": {"choices", "answer"},
    "vrai_faux": {"answer"},
    "association": {"pairs"},
}
_COMMON = {"id", "kind", "prompt", "explanation"}
_PACKAGE = "crmsim.exercises.quizzes"


# --- Loading and validation ----------------------------------------------------------


def available_quizzes() -> list[str]:
    """Names of the quizzes shipped with crmsim, sorted.

    Examples
    --------
    >>> "pareto" in available_quizzes()
    True
    """
    folder = resources.files(_PACKAGE)
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def load_quiz(source: str | Path) -> Quiz:
    """Read and validate a quiz: a shipped quiz's name, or the path of a TOML file.

    Parameters
    ----------
    source : str or pathlib.Path
        ``"pareto"`` (a lesson's name, its number optional: ``"03_pareto"`` works too) or
        the path of a ``.toml`` file.

    Returns
    -------
    Quiz

    Raises
    ------
    DataError
        In French, naming the file, the question (number and id) and the field: unknown
        quiz, TOML syntax error (with its line), missing or unknown field, unknown kind,
        answer index out of range, duplicate id, missing explanation...

    Examples
    --------
    >>> load_quiz("03_pareto").title.startswith("Quiz")
    True
    >>> load_quiz("inconnu")
    Traceback (most recent call last):
    ...
    crmsim.errors.DataError: Quiz « inconnu » introuvable. Quiz disponibles : ...
    """
    text_source = str(source)
    if isinstance(source, Path) or text_source.endswith(".toml") or "/" in text_source:
        path = Path(source)
        if not path.is_file():
            raise DataError(f"Fichier de quiz introuvable : « {path} ».")
        return parse_quiz(path.read_text(encoding="utf-8"), name=path.stem, source=path.name)
    name = topic(text_source)
    resource = resources.files(_PACKAGE) / f"{name}.toml"
    if not resource.is_file():
        known = ", ".join(available_quizzes())
        raise DataError(
            f"Quiz « {text_source} » introuvable. Quiz disponibles : {known} "
            "(ou donnez le chemin d’un fichier .toml)."
        )
    return parse_quiz(resource.read_text(encoding="utf-8"), name=name, source=f"{name}.toml")


def parse_quiz(text: str, *, name: str = "quiz", source: str = "") -> Quiz:
    """Validate the TOML text of a quiz (see :func:`load_quiz`).

    Examples
    --------
    >>> text = '''
    ... title = "Essai"
    ... [[questions]]
    ... id = "q1"
    ... kind = "vrai_faux"
    ... prompt = "Le CA cumulé croît."
    ... answer = true
    ... explanation = "On ajoute des montants positifs."
    ... '''
    >>> parse_quiz(text).questions[0].answer
    True
    >>> parse_quiz(text.replace("true", "2"), source="essai.toml")
    Traceback (most recent call last):
    ...
    crmsim.errors.DataError: Quiz « essai.toml », question 1 (id « q1 ») : le champ « answer » doit valoir true ou false, reçu 2.
    """
    where = f"Quiz « {source or name} »"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(
            f"{where} : erreur de syntaxe TOML ({exc}). Vérifiez les guillemets, les crochets "
            "et les virgules à cette ligne."
        ) from None
    unknown = sorted(set(data) - {"title", "questions"})
    if unknown:
        raise DataError(
            f"{where} : champ(s) inconnu(s) au premier niveau : {', '.join(unknown)} "
            "(attendus : title et les [[questions]])."
        )
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise DataError(f"{where} : le champ « title » manque ou est vide (un texte).")
    raw = data.get("questions")
    if not isinstance(raw, list) or not raw:
        raise DataError(
            f"{where} : aucune question. Ajoutez au moins un bloc [[questions]] "
            "avec id, kind, prompt et explanation."
        )
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for number, item in enumerate(raw, start=1):
        question = _parse_question(item, f"{where}, question {number}")
        if question.id in seen:
            raise DataError(
                f"{where}, question {number} : l’identifiant « {question.id} » est déjà "
                f"celui de la question {seen[question.id]}. Chaque id doit être unique."
            )
        seen[question.id] = number
        questions.append(question)
    return Quiz(name=name, title=title.strip(), questions=tuple(questions), source=source)


def _text(item: Mapping, key: str, where: str) -> str:
    value = item.get(key)
    if value is None:
        raise DataError(f"{where} : le champ « {key} » manque.")
    if not isinstance(value, str) or not value.strip():
        raise DataError(
            f"{where} : le champ « {key} » doit être un texte non vide, reçu {value!r}."
        )
    return value.strip()


def _parse_question(item: Any, where: str) -> Question:
    if not isinstance(item, dict):
        raise DataError(f"{where} : une question doit être un bloc [[questions]].")
    qid = _text(item, "id", where)
    where = f"{where} (id « {qid} »)"
    kind = _text(item, "kind", where)
    if kind not in KINDS:
        allowed = "\u202f; ".join(f"{k} : {v}" for k, v in KINDS.items())
        raise DataError(f"{where} : le champ « kind » vaut « {kind} », inconnu. Types : {allowed}.")
    prompt = _text(item, "prompt", where)
    explanation = _text(item, "explanation", where)
    allowed_fields = _COMMON | _FIELDS[kind]
    extra = sorted(set(item) - allowed_fields)
    if extra:
        raise DataError(
            f"{where} : champ(s) « {', '.join(extra)} » inattendu(s) pour kind = « {kind} » "
            f"(champs permis : {', '.join(sorted(allowed_fields))})."
        )
    for key in sorted(_FIELDS[kind]):
        if key not in item:
            raise DataError(f"{where} : le champ « {key} » manque ({KINDS[kind]}).")
    if kind == "vrai_faux":
        if not isinstance(item["answer"], bool):
            raise DataError(
                f"{where} : le champ « answer » doit valoir true ou false, reçu {item['answer']!r}."
            )
        return Question(qid, kind, prompt, explanation, answer=item["answer"])
    if kind == "association":
        return Question(qid, kind, prompt, explanation, pairs=_parse_pairs(item["pairs"], where))
    choices = _parse_choices(item["choices"], where)
    answer = _parse_index_answer(item["answer"], kind, len(choices), where)
    return Question(qid, kind, prompt, explanation, choices=choices, answer=answer)


def _parse_choices(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) < 2:
        raise DataError(f"{where} : le champ « choices » doit être une liste d’au moins 2 textes.")
    if not all(isinstance(c, str) and c.strip() for c in value):
        raise DataError(f"{where} : chaque élément de « choices » doit être un texte non vide.")
    choices = tuple(c.strip() for c in value)
    if len(set(choices)) != len(choices):
        raise DataError(f"{where} : le champ « choices » contient deux fois le même choix.")
    return choices


def _is_index(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _parse_index_answer(value: Any, kind: str, n: int, where: str) -> int | tuple[int, ...]:
    span = f"de 0 à {n - 1}, les choix étant numérotés à partir de 0"
    if kind == "choix":
        if not _is_index(value):
            raise DataError(
                f"{where} : le champ « answer » doit être l’indice d’un choix ({span}), "
                f"reçu {value!r}."
            )
        if not 0 <= value < n:
            raise DataError(f"{where} : le champ « answer » vaut {value}, hors des choix ({span}).")
        return value
    if not isinstance(value, list) or not value or not all(_is_index(v) for v in value):
        raise DataError(
            f"{where} : le champ « answer » doit être une liste non vide d’indices ({span}), "
            f"reçu {value!r}."
        )
    outside = [v for v in value if not 0 <= v < n]
    if outside:
        raise DataError(
            f"{where} : le champ « answer » contient {outside}, hors des choix ({span})."
        )
    if len(set(value)) != len(value):
        raise DataError(f"{where} : le champ « answer » contient deux fois le même indice.")
    return tuple(sorted(value))


def _parse_pairs(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    shape = 'une liste de paires [["élément de gauche", "élément de droite"], ...]'
    if not isinstance(value, list) or len(value) < 2:
        raise DataError(f"{where} : le champ « pairs » doit être {shape}, avec au moins 2 paires.")
    pairs = []
    for position, pair in enumerate(value, start=1):
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not all(isinstance(p, str) and p.strip() for p in pair)
        ):
            raise DataError(
                f"{where} : la paire {position} du champ « pairs » doit contenir exactement "
                f"deux textes non vides, reçu {pair!r}."
            )
        pairs.append((pair[0].strip(), pair[1].strip()))
    lefts = [left for left, _ in pairs]
    if len(set(lefts)) != len(lefts):
        raise DataError(
            f"{where} : le champ « pairs » contient deux fois le même élément de gauche."
        )
    if len({right for _, right in pairs}) < 2:
        raise DataError(
            f"{where} : le champ « pairs » doit proposer au moins 2 éléments de droite différents."
        )
    return tuple(pairs)


# --- Display ------------------------------------------------------------------------------


def quiz(source: str | Path):
    """Show a lesson's quiz in the notebook (JupyterLab, Voila): one « Vérifier » per question.

    Parameters
    ----------
    source : str or pathlib.Path
        As for :func:`load_quiz` (``"pareto"`` or a file path).

    Returns
    -------
    crmsim.exercises._quiz_view.QuizPanel
        An ipywidgets panel (its ``repr`` is short and stable, for stored outputs).

    Examples
    --------
    >>> panel = quiz("pareto")
    >>> panel
    QuizPanel(quiz='pareto', questions=...)
    """
    from crmsim.exercises._quiz_view import QuizPanel

    return QuizPanel(load_quiz(source))


class _CallableModule(types.ModuleType):
    """``crmsim.exercises.quiz(...)`` calls :func:`quiz`, the module stays importable."""

    def __call__(self, source: str | Path):
        return quiz(source)


sys.modules[__name__].__class__ = _CallableModule
