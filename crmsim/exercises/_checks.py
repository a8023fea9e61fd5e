"""Generic answer comparisons used by the lesson-specific checks."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from crmsim.exercises._feedback import Feedback, is_unanswered
from crmsim.formatting import format_number

__all__ = ["check_number", "check_sequence", "check_set"]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _shown(value: float) -> str:
    """A value as a student would write it: no useless decimals."""
    text = format_number(value, 4).rstrip("0").rstrip(",")
    return text if text not in ("", "-") else "0"


def _as_float(answer: object) -> float | None:
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
        return Feedback(
            "incorrect",
            f"La réponse doit être un nombre, reçu {type(answer).__name__}.",
            hint=hint,
        )
    if np.isclose(value, expected, rtol=rel_tol, atol=1e-12):
        return Feedback("correct", f"Bravo, {what} est juste : {_shown(value)}.")
    wrong = []
    if percent_hint and np.isclose(value, expected * 100, rtol=rel_tol):
        wrong.append("La valeur semble exprimée en pourcentage : donnez une part entre 0 et 1.")
    elif value > expected:
        wrong.append("La valeur est trop grande.")
    else:
        wrong.append("La valeur est trop petite.")
    return Feedback("incorrect", f"{_cap(what)} n'est pas encore juste.", wrong=wrong, hint=hint)


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
        return Feedback("correct", f"Bravo, {what} est juste.", right=right)
    return Feedback("incorrect", f"{_cap(what)} n'est pas encore juste.", right, wrong, hint)


def check_sequence(
    answer: object, expected: Iterable[float], *, what: str, hint: str, rel_tol: float = 1e-3
) -> Feedback:
    """Compare an ordered sequence of numbers with ``expected``, element by element."""
    if is_unanswered(answer):
        return Feedback.todo(what)
    expected = np.asarray(list(expected), dtype=float)
    try:
        given = np.asarray(list(answer), dtype=float)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Feedback(
            "incorrect", "La réponse doit être une suite de nombres (liste ou Series).", hint=hint
        )
    if given.shape != expected.shape:
        return Feedback(
            "incorrect",
            f"{_cap(what)} doit compter {len(expected)} valeurs, reçu {len(given)}.",
            hint=hint,
        )
    close = np.isclose(given, expected, rtol=rel_tol, atol=1e-9)
    if close.all():
        return Feedback("correct", f"Bravo, {what} est juste.")
    first = int(np.argmin(close))
    return Feedback(
        "incorrect",
        f"{_cap(what)} n'est pas encore juste.",
        right=[f"{int(close.sum())} valeur(s) sur {len(expected)} sont justes."],
        wrong=[f"La première valeur fausse est à la position {first + 1}."],
        hint=hint,
    )
