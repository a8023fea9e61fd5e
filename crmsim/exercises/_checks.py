"""Generic answer comparisons used by the lesson-specific checks."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from crmsim.exercises._feedback import Feedback, is_unanswered
from crmsim.formatting import format_number

__all__ = ["check_choice", "check_number", "check_sequence", "check_set", "type_message"]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _shown(value: float, percent: bool = False) -> str:
    """A value as the course shows it: at most two decimals, none useless; a share in %.

    Examples
    --------
    >>> _shown(2757.3314), _shown(0.2), _shown(0.0129, percent=True)
    ('2\xa0757,33', '0,2', '1,29\xa0%')
    """
    if percent:
        return f"{_shown(value * 100)}\u00a0%"
    text = format_number(value, 2).rstrip("0").rstrip(",")
    return text if text not in ("", "-") else "0"


def type_message(answer: object, wanted: str, example: str) -> str:
    """French message for an answer of the wrong type: what was given, what to give.

    Examples
    --------
    >>> print(type_message("12,5", "un nombre", "12.5"))
    Vous avez donné un texte (« 12,5 ») : il faut un nombre, sans guillemets et avec un point décimal, par exemple 12.5.
    """
    if isinstance(answer, str):
        return (
            f"Vous avez donné un texte (« {answer[:30]} ») : il faut {wanted}, sans "
            f"guillemets et avec un point décimal, par exemple {example}."
        )
    return (
        f"Il faut {wanted}, par exemple {example} ; reçu un objet de type {type(answer).__name__}."
    )


def _as_float(answer: object) -> float | None:
    if isinstance(answer, (str, bytes, bool)):
        return None
    try:
        value = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return value if np.isfinite(value) else None


def check_number(
    answer: object,
    expected: float,
    *,
    what: str,
    hint: str,
    rel_tol: float = 1e-3,
    percent_hint: bool = False,
) -> Feedback:
    """Compare a numeric answer with ``expected`` (relative tolerance ``rel_tol``)."""
    if is_unanswered(answer):
        return Feedback.todo(what)
    value = _as_float(answer)
    if value is None:
        return Feedback("incorrect", type_message(answer, "un nombre", "12.5"), hint=hint)
    if np.isclose(value, expected, rtol=rel_tol, atol=1e-12):
        return Feedback(
            "correct", f"Bravo, c’est juste : {what} vaut {_shown(value, percent_hint)}."
        )
    wrong = []
    if percent_hint and np.isclose(value, expected * 100, rtol=rel_tol):
        wrong.append("La valeur semble exprimée en pourcentage : donnez une part entre 0 et 1.")
    elif value > expected:
        wrong.append("La valeur est trop grande.")
    else:
        wrong.append("La valeur est trop petite.")
    return Feedback("incorrect", f"Pas encore juste : {what}.", wrong=wrong, hint=hint)


def check_set(
    answer: object, expected: Iterable, *, what: str, hint: str, label: str = "élément"
) -> Feedback:
    """Compare an unordered collection of identifiers with ``expected``."""
    if is_unanswered(answer):
        return Feedback.todo(what)
    if isinstance(answer, (str, bytes)) or not isinstance(answer, Iterable):
        return Feedback(
            "incorrect", "La réponse doit être une liste, par exemple [3, 7].", hint=hint
        )
    given = list(answer.tolist() if isinstance(answer, (pd.Series, pd.Index)) else answer)
    expected = set(expected)
    numeric_ids = all(isinstance(e, (int, np.integer)) for e in expected)
    if numeric_ids and any(isinstance(g, str) for g in given):
        return Feedback(
            "incorrect",
            "Les identifiants de clients sont des nombres entiers : écrivez par exemple "
            "[3, 7], sans guillemets (pas ['3', '7']).",
            hint=hint,
        )
    given = [g.item() if isinstance(g, np.generic) else g for g in given]
    found = {g for g in given if g in expected}
    extra = [g for g in given if g not in expected]
    right, wrong = [], []
    if found:
        right.append(f"{len(found)} {label}(s) sur {len(expected)} bien trouvé(s).")
    if extra:
        wrong.append(f"{len(extra)} {label}(s) en trop.")
    if len(found) < len(expected):
        wrong.append(f"Il manque {len(expected) - len(found)} {label}(s).")
    if len(given) != len(set(given)):
        wrong.append("La liste contient des doublons.")
    if not wrong:
        return Feedback("correct", f"Bravo, c’est juste : {what}.", right=right)
    return Feedback("incorrect", f"Pas encore juste : {what}.", right, wrong, hint)


def check_sequence(
    answer: object, expected: Iterable[float], *, what: str, hint: str, rel_tol: float = 1e-3
) -> Feedback:
    """Compare an ordered sequence of numbers with ``expected``, element by element."""
    if is_unanswered(answer):
        return Feedback.todo(what)
    expected = np.asarray(list(expected), dtype=float)
    if isinstance(answer, (str, bytes, dict)):
        given = None
    else:
        try:
            given = np.asarray(list(answer), dtype=float)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            given = None
    if given is None or given.ndim != 1:
        return Feedback(
            "incorrect",
            "La réponse doit être une liste de nombres (ou une Series), par exemple "
            "[0.5, 0.8, 1.0], sans guillemets.",
            hint=hint,
        )
    if given.shape != expected.shape:
        return Feedback(
            "incorrect",
            f"{_cap(what)} doit compter {len(expected)} valeurs, reçu {len(given)}.",
            hint=hint,
        )
    close = np.isclose(given, expected, rtol=rel_tol, atol=1e-9)
    if close.all():
        return Feedback("correct", f"Bravo, c’est juste : {what}.")
    first = int(np.argmin(close))
    return Feedback(
        "incorrect",
        f"Pas encore juste : {what}.",
        right=[f"{int(close.sum())} valeur(s) sur {len(expected)} juste(s)."]
        if close.any()
        else [],
        wrong=[f"La première valeur fausse est à la position {first + 1}."],
        hint=hint,
    )


def check_choice(
    answer: object, expected: str, options: Iterable[str], *, what: str, hint: str
) -> Feedback:
    """Compare a choice among ``options`` (text, case and accents as written) with ``expected``.

    Examples
    --------
    >>> check_choice("b", "B", ["A", "B"], what="le choix", hint="").ok
    True
    >>> print(check_choice(2, "B", ["A", "B"], what="le choix", hint="").message)
    Il faut une des réponses proposées, entre guillemets : 'A' ou 'B'.
    """
    if is_unanswered(answer):
        return Feedback.todo(what)
    options = list(options)
    listed = " ou ".join(repr(o) for o in options)
    if not isinstance(answer, str):
        return Feedback(
            "incorrect",
            f"Il faut une des réponses proposées, entre guillemets : {listed}.",
            hint=hint,
        )
    chosen = next((o for o in options if o.casefold() == answer.strip().casefold()), None)
    if chosen is None:
        return Feedback(
            "incorrect", f"« {answer} » n’est pas une des réponses proposées : {listed}.", hint=hint
        )
    if chosen == expected:
        return Feedback("correct", f"Bravo, c’est juste : {what}.")
    return Feedback("incorrect", f"Pas encore juste : {what}.", hint=hint)
