"""Checks of a public function's arguments (scalars, flags, seeds, sequences, signature).

Each raises a :class:`crmsim.errors.CrmSimError` subclass with a French message naming the
argument, the value and the fix. :func:`french_arguments` wraps a public function so that
a missing or unknown argument gets such a message instead of Python's own ``TypeError``.
The table checks are in :mod:`crmsim._validation`, which re-exports these.
"""

from __future__ import annotations

import difflib
import functools
import inspect
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from crmsim.errors import ArgumentError, DataError

__all__ = [
    "check_bool",
    "check_in_range",
    "check_instance",
    "check_number",
    "check_numbers",
    "check_seed",
    "check_sequence",
    "did_you_mean",
    "french_arguments",
    "type_fr",
]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return a French "did you mean" suffix for ``word`` among ``choices`` (or "")."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" Vouliez-vous dire « {close[0]} » ?" if close else ""


def french_arguments(func: Callable[..., Any], name: str | None = None) -> Callable[..., Any]:
    """Wrap a public function so that a missing or unknown argument gets a French message.

    Python's own ``TypeError`` (``missing 1 required positional argument``) is replaced by
    a :class:`crmsim.errors.ArgumentError` that names the argument and shows the signature.
    The wrapper keeps the name, docstring and signature (``inspect.signature``) of ``func``.

    Examples
    --------
    >>> def area(width, height):
    ...     return width * height
    >>> try:
    ...     french_arguments(area)(3)
    ... except ArgumentError as exc:
    ...     print(exc)
    area : argument obligatoire manquant « height ». Appel attendu : area(width, height).
    """
    sig = inspect.signature(func)
    shown = name or func.__name__

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            sig.bind(*args, **kwargs)
        except TypeError as exc:
            raise ArgumentError(_binding_message(shown, sig, args, kwargs, exc)) from None
        return func(*args, **kwargs)

    return wrapper


class _Shown:
    """A default value shown by name in a signature (``Market()`` rather than its repr)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _short(default: Any) -> Any:
    if default is inspect.Parameter.empty or len(repr(default)) <= 30:
        return default
    return _Shown(f"{type(default).__name__}(...)")


def _binding_message(
    name: str, sig: inspect.Signature, args: tuple, kwargs: dict, exc: TypeError
) -> str:
    params = {k: v for k, v in sig.parameters.items() if k != "self"}
    if "self" in sig.parameters:
        args = args[1:]
    plain = sig.replace(
        parameters=[
            p.replace(annotation=inspect.Parameter.empty, default=_short(p.default))
            for p in params.values()
        ],
        return_annotation=inspect.Signature.empty,
    )
    shown = f"{name}{plain}"
    unknown = [k for k in kwargs if k not in params]
    if unknown:
        hint = "".join(did_you_mean(k, params) for k in unknown)
        what = f"argument inconnu « {unknown[0]} ».{hint}"
    else:
        positional = [
            p for p in params.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
        required = [
            p.name
            for p in params.values()
            if p.default is inspect.Parameter.empty
            and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
        given = {p.name for p in positional[: len(args)]} | set(kwargs)
        missing = [n for n in required if n not in given]
        if missing:
            what = "argument obligatoire manquant " + ", ".join(f"« {m} »" for m in missing) + "."
        elif len(args) > len(positional):
            keyword = next((k for k, p in params.items() if p.kind == p.KEYWORD_ONLY), "x")
            what = (
                f"trop d’arguments sans nom ({len(args)} donnés, {len(positional)} au plus) : "
                f"nommez les options, par exemple {keyword}=..."
            )
        else:
            what = "argument donné deux fois ou sans son nom."
    return f"{name} : {what} Appel attendu : {shown}."


def check_bool(value: object, name: str) -> bool:
    """``value`` as a bool: True or False only (not "non", not 0/1 text), or a French error."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise DataError(
        f"{name} doit valoir True ou False, reçu {value!r}. Écrivez {name}=False plutôt "
        "qu’un texte comme « non » (un texte non vide compte comme vrai en Python)."
    )


def check_number(value: object, name: str) -> float:
    """``value`` as a finite float (negative allowed), or a French DataError."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        raise DataError(f"{name} doit être un nombre, reçu {value!r}.")
    x = float(value)
    if not math.isfinite(x):
        raise DataError(f"{name} doit être un nombre fini, reçu {value!r}.")
    return x


def check_numbers(values: object, name: str) -> np.ndarray:
    """A number or a non-empty sequence of finite numbers, as a 1-D float array."""
    if isinstance(values, (int, float, np.number)) and not isinstance(values, (bool, np.bool_)):
        return np.array([check_number(values, name)])
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(
        values, (Sequence, np.ndarray, pd.Series)
    ):
        raise DataError(
            f"{name} doit être un nombre ou une liste de nombres, reçu {type(values).__name__}."
        )
    items = list(np.asarray(values, dtype=object).ravel()) if len(values) else []
    if not items:
        raise DataError(f"{name} est vide : donnez au moins une valeur.")
    return np.array([check_number(v, f"{name}[{i}]") for i, v in enumerate(items)])


def check_seed(
    seed: object,
    name: str = "seed",
    *,
    generator: bool = True,
    error: type[Exception] = DataError,
) -> None:
    """Raise ``error`` unless ``seed`` is None, an int >= 0, a SeedSequence (or Generator)."""
    kinds: tuple[type, ...] = (np.random.SeedSequence,)
    if generator:
        kinds += (np.random.Generator,)
    if seed is None or isinstance(seed, kinds):
        return
    if isinstance(seed, (int, np.integer)) and not isinstance(seed, (bool, np.bool_)):
        if seed >= 0:
            return
    raise error(
        f"{name} doit être un entier positif ou nul (par exemple {name}=42) ou None, reçu "
        f"{seed!r}. La même graine redonne exactement les mêmes résultats."
    )


def check_instance(value: object, cls: type, name: str, hint: str) -> None:
    """Raise a French DataError unless ``value`` is a ``cls`` (``hint`` says how to get one)."""
    if not isinstance(value, cls):
        raise DataError(
            f"{name} doit être un objet {cls.__name__}, reçu {type(value).__name__} "
            f"({value!r:.60}). {hint}"
        )


def check_in_range(
    value: object, name: str, low: float, high: float, *, percent: bool = False
) -> float:
    """``value`` as a float in ``[low, high]``, or a French DataError (never clamped)."""
    x = check_number(value, name)
    if not low <= x <= high:

        def show(v: float) -> str:
            return f"{v * 100:g}\u00a0%" if percent else f"{v:g}"

        hint = f" (un pourcentage ? écrivez {x / 100:g})" if percent and 1 < x <= 100 else ""
        raise DataError(
            f"« {name} » accepte une valeur entre {show(low)} et {show(high)}, reçu "
            f"{value!r}{hint}."
        )
    return x


def check_sequence(
    value: object, name: str, *, length: int | None = None, example: str = ""
) -> list:
    """``value`` as a list (from a list, tuple, array or Series), or a French DataError."""
    hint = f" Exemple : {example}." if example else ""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(
        value, (Sequence, np.ndarray, pd.Series, pd.Index)
    ):
        what = f"{length} valeurs" if length else "valeurs"
        raise DataError(f"{name} doit être une liste de {what}, reçu {value!r}.{hint}")
    items = list(value)
    if length is not None and len(items) != length:
        raise DataError(
            f"{name} doit contenir {length} valeurs, reçu {len(items)} ({items!r}).{hint}"
        )
    return items


_TYPES_FR = {
    "str": "texte",
    "NoneType": "None",
    "list": "liste",
    "tuple": "tuple",
    "dict": "dictionnaire",
    "float": "nombre à virgule",
    "int": "entier",
    "bool": "booléen",
    "DataFrame": "tableau DataFrame",
}


def type_fr(value: object) -> str:
    """The French name of ``value``'s type, for messages (« texte », « liste »...)."""
    name = type(value).__name__
    return _TYPES_FR.get(name, name)
