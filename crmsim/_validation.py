"""Input checks shared by the analysis functions.

Each helper raises :class:`crmsim.errors.DataError` with a French message naming the
argument, the offending value and the fix. They never mutate their input.
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
    "check_columns",
    "check_flags",
    "check_fraction",
    "check_ids_unique",
    "check_in_range",
    "check_instance",
    "check_integers",
    "check_keys",
    "check_nonempty",
    "check_number",
    "check_numbers",
    "check_numeric",
    "check_periods",
    "check_positive",
    "check_rate",
    "check_seed",
    "check_sequence",
    "check_table",
    "did_you_mean",
    "ensure_frame",
    "french_arguments",
    "type_fr",
]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return a French "did you mean" suffix for ``word`` among ``choices`` (or "")."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" Vouliez-vous dire « {close[0]} » ?" if close else ""


def ensure_frame(data: object, name: str = "data") -> pd.DataFrame:
    """Check that ``data`` is a DataFrame and return it (not copied)."""
    if not isinstance(data, pd.DataFrame):
        raise DataError(
            f"{name} doit être un DataFrame pandas, reçu {type(data).__name__}. "
            "Chargez vos données avec pandas.read_csv(...) ou crmsim.datasets.load(...)."
        )
    return data


def check_nonempty(data: pd.DataFrame, name: str = "data") -> None:
    """Raise if the table has no row."""
    if len(data) == 0:
        raise DataError(
            f"Le tableau {name} est vide (0 ligne) : il faut au moins un client pour l'analyse."
        )


def check_columns(data: pd.DataFrame, columns: Sequence[str], name: str = "data") -> None:
    """Raise if one of ``columns`` is missing, listing missing and available columns."""
    doubled = [c for c in dict.fromkeys(columns) if (data.columns == c).sum() > 1]
    if doubled:
        shown = ", ".join(f"« {c} »" for c in doubled)
        raise DataError(
            f"Colonne(s) en double dans {name} : {shown}. Gardez une seule colonne de ce nom "
            "(par exemple data.loc[:, ~data.columns.duplicated()])."
        )
    missing = [c for c in columns if c not in data.columns]
    if missing:
        available = ", ".join(f"« {c} »" for c in data.columns) or "aucune"
        hint = "".join(did_you_mean(m, data.columns) for m in missing)
        shown = ", ".join(f"« {m} »" for m in missing)
        raise DataError(
            f"Colonne(s) manquante(s) dans {name} : {shown}. Colonnes disponibles : "
            f"{available}.{hint} Renommez la colonne ou passez le bon nom en argument "
            "(par exemple revenue_col=...)."
        )


def check_numeric(
    data: pd.DataFrame, column: str, *, allow_negative: bool = False, name: str = "data"
) -> pd.Series:
    """Return ``data[column]`` as float, raising on text, missing or negative values."""
    series = data[column]
    if pd.api.types.is_bool_dtype(series) or (
        series.dtype == object and series.map(lambda v: isinstance(v, (bool, np.bool_))).any()
    ):
        raise DataError(
            f"La colonne « {column} » de {name} contient des valeurs vrai/faux (booléennes), "
            "pas des nombres : vérifiez que c’est la bonne colonne (par exemple "
            "revenue_col=...)."
        )
    if not pd.api.types.is_numeric_dtype(series):
        converted = pd.to_numeric(series, errors="coerce")
        bad = series[converted.isna() & series.notna()]
        if len(bad):
            raise DataError(
                f"La colonne « {column} » de {name} doit être numérique ; valeur non "
                f"numérique trouvée : {bad.iloc[0]!r} (ligne {bad.index[0]!r}). "
                "Corrigez la saisie (séparateur décimal « . » en Python, pas d'espace ni de "
                "symbole monétaire)."
            )
        series = converted
    values = series.astype(float)
    if values.isna().any():
        where = values.index[values.isna()][0]
        raise DataError(
            f"La colonne « {column} » de {name} contient une valeur manquante (ligne "
            f"{where!r}). Complétez-la ou retirez la ligne avant l'analyse."
        )
    if not np.isfinite(values.to_numpy()).all():
        where = values.index[~np.isfinite(values.to_numpy())][0]
        raise DataError(
            f"La colonne « {column} » de {name} contient une valeur infinie (ligne {where!r})."
        )
    with np.errstate(over="ignore"):
        total = float(np.abs(values.to_numpy()).sum())
    if not math.isfinite(total):
        raise DataError(
            f"Les valeurs de la colonne « {column} » de {name} sont trop grandes : leur somme "
            "dépasse la capacité d’un nombre à virgule (environ 1,8 × 10^308). Changez "
            "d’unité (milliers, millions) avant l’analyse."
        )
    if not allow_negative and (values < 0).any():
        where = values.index[values < 0][0]
        raise DataError(
            f"La colonne « {column} » de {name} contient un montant négatif : "
            f"{values[where]:g} (ligne {where!r}). Un chiffre d'affaires ne peut pas être "
            "négatif : corrigez la valeur ou retirez les avoirs avant l'analyse."
        )
    return values


def check_ids_unique(data: pd.DataFrame, column: str, name: str = "data") -> None:
    """Raise if ``data[column]`` contains duplicated identifiers."""
    dup = data[column][data[column].duplicated(keep=False)]
    if len(dup):
        shown = ", ".join(str(v) for v in pd.unique(dup)[:5])
        raise DataError(
            f"Identifiants en double dans la colonne « {column} » de {name} : {shown}. "
            "Chaque client doit apparaître une seule fois : regroupez d'abord les lignes, "
            f"par exemple data.groupby('{column}', as_index=False).sum()."
        )


def check_table(
    data: object,
    columns: Sequence[str],
    *,
    name: str = "data",
    id_col: str | None = None,
    keys: Sequence[str] = (),
    nonempty: bool = True,
) -> pd.DataFrame:
    """The usual checks of an input table, in order; returns it (not copied).

    ``data`` must be a DataFrame with ``columns``, at least one row (``nonempty``) and,
    when ``id_col`` is given, no duplicated identifier in that column. ``id_col`` and
    ``keys`` (identifier columns that may repeat, such as the customer of a transaction)
    may not hold a missing value nor mix text and numbers.
    """
    data = ensure_frame(data, name)
    check_columns(data, columns, name)
    if nonempty:
        check_nonempty(data, name)
    for key in ([id_col] if id_col is not None else []) + list(keys):
        check_keys(data, key, name)
    if id_col is not None:
        check_ids_unique(data, id_col, name)
    return data


def check_keys(data: pd.DataFrame, column: str, name: str = "data") -> None:
    """Raise if an identifier column has a missing or infinite value, or mixes types."""
    series = data[column]
    missing = series.isna()
    if pd.api.types.is_float_dtype(series):
        missing |= np.isinf(series.to_numpy())
    if missing.any():
        where = series.index[missing.to_numpy()][0]
        raise DataError(
            f"Identifiant client manquant ou infini dans la colonne « {column} » de {name} "
            f"(ligne {where!r}). Chaque ligne doit désigner un client : complétez "
            "l’identifiant ou retirez la ligne."
        )
    if series.dtype == object:
        kinds = {"texte" if isinstance(v, str) else "nombre" for v in series}
        if len(kinds) > 1:
            raise DataError(
                f"La colonne « {column} » de {name} mélange des identifiants en texte et en "
                "nombre : écrivez-les tous de la même façon (par exemple "
                f"data['{column}'].astype(str))."
            )


def check_fraction(value: object, name: str, *, open_low: bool = True) -> float:
    """Return ``value`` as a float in (0, 1] (or [0, 1]), raising a French error otherwise."""
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise DataError(f"{name} doit être un nombre entre 0 et 1, reçu {value!r}.") from None
    low_ok = x > 0 if open_low else x >= 0
    if not (low_ok and x <= 1) or np.isnan(x):
        hint = f" (un pourcentage ? écrivez {x / 100:g})" if 1 < x <= 100 else ""
        bound = "strictement positif et au plus 1" if open_low else "entre 0 et 1"
        raise DataError(f"{name} doit être {bound}, reçu {value!r}{hint}.")
    return x


def check_rate(
    value: object, name: str, *, low_open: bool = False, high_open: bool = False
) -> float:
    """``value`` as a float in [0, 1] (bounds optionally open), or a French DataError."""
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise DataError(f"{name} doit être un nombre entre 0 et 1, reçu {value!r}.") from None
    bad = math.isnan(x) or x < 0 or x > 1 or (low_open and x == 0) or (high_open and x == 1)
    if bad:
        hint = f" (un pourcentage ? écrivez {x / 100:g})" if 1 < x <= 100 else ""
        low = "strictement positif" if low_open else "au moins 0"
        high = "strictement inférieur à 1" if high_open else "au plus 1"
        raise DataError(f"{name} doit être {low} et {high}, reçu {value!r}{hint}.")
    return x


def check_positive(value: object, name: str, *, strict: bool = True) -> float:
    """``value`` as a finite float >= 0 (> 0 when ``strict``), or a French DataError."""
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise DataError(f"{name} doit être un nombre, reçu {value!r}.") from None
    if math.isnan(x) or x < 0 or (strict and x == 0) or math.isinf(x):
        what = "strictement positif" if strict else "positif ou nul"
        raise DataError(f"{name} doit être un nombre {what} et fini, reçu {value!r}.")
    return x


def check_periods(value: object, name: str = "periods") -> int:
    """``value`` as an int >= 1 (a number of periods), or a French DataError."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise DataError(f"{name} doit être un nombre entier de périodes ≥ 1, reçu {value!r}.")
    return int(value)


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
    area : argument obligatoire manquant « height ». Appel attendu : area(width, height).
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
        what = f"argument inconnu « {unknown[0]} ».{hint}"
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
            what = "argument obligatoire manquant " + ", ".join(f"« {m} »" for m in missing) + "."
        elif len(args) > len(positional):
            keyword = next((k for k, p in params.items() if p.kind == p.KEYWORD_ONLY), "x")
            what = (
                f"trop d’arguments sans nom ({len(args)} donnés, {len(positional)} au plus) : "
                f"nommez les options, par exemple {keyword}=..."
            )
        else:
            what = "argument donné deux fois ou sans son nom."
    return f"{name} : {what} Appel attendu : {shown}."


def check_integers(
    data: pd.DataFrame,
    column: str,
    *,
    name: str = "data",
    allow_negative: bool = True,
    fill: int | None = None,
) -> np.ndarray:
    """``data[column]`` as an int64 array: whole numbers, no missing value unless ``fill``."""
    series = data[column]
    if fill is not None:
        series = series.astype("Float64" if series.dtype != object else object).fillna(fill)
    values = check_numeric(data.assign(**{column: series}), column, allow_negative=True, name=name)
    if not (values == np.round(values)).all():
        where = values.index[values != np.round(values)][0]
        raise DataError(
            f"La colonne « {column} » de {name} doit contenir des nombres entiers (des mois, "
            f"des comptes) ; valeur trouvée : {values[where]:g} (ligne {where!r})."
        )
    if not allow_negative and (values < 0).any():
        where = values.index[values < 0][0]
        raise DataError(
            f"La colonne « {column} » de {name} contient une valeur négative : "
            f"{values[where]:g} (ligne {where!r}) ; une durée ou un nombre ne peut pas être "
            "négatif."
        )
    return values.to_numpy(dtype=np.int64)


def check_flags(data: pd.DataFrame, column: str, name: str = "data") -> np.ndarray:
    """``data[column]`` as a bool array: True/False (or 0/1) only, never text or missing."""
    series = data[column]
    if pd.api.types.is_bool_dtype(series) and not series.isna().any():
        return series.to_numpy(dtype=bool)
    ok = series.map(
        lambda v: (
            isinstance(v, (bool, np.bool_))
            or (isinstance(v, (int, float, np.integer, np.floating)) and v in (0, 1))
        )
    )
    if not ok.all():
        where = series.index[~ok.to_numpy()][0]
        raise DataError(
            f"La colonne « {column} » de {name} doit contenir des valeurs vrai/faux (True / "
            f"False) ; valeur trouvée : {series[where]!r} (ligne {where!r}). Convertissez-la, "
            f"par exemple data['{column}'] == 'oui'."
        )
    return series.astype(bool).to_numpy()


def check_bool(value: object, name: str) -> bool:
    """``value`` as a bool: True or False only (not "non", not 0/1 text), or a French error."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise DataError(
        f"{name} doit valoir True ou False, reçu {value!r}. Écrivez {name}=False plutôt "
        "qu’un texte comme « non » (un texte non vide compte comme vrai en Python)."
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
        raise DataError(f"{name} est vide : donnez au moins une valeur.")
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

        hint = f" (un pourcentage ? écrivez {x / 100:g})" if percent and 1 < x <= 100 else ""
        raise DataError(
            f"« {name} » accepte une valeur entre {show(low)} et {show(high)}, reçu "
            f"{value!r}{hint}."
        )
    return x


def check_sequence(
    value: object, name: str, *, length: int | None = None, example: str = ""
) -> list:
    """``value`` as a list (from a list, tuple, array or Series), or a French DataError."""
    hint = f" Exemple : {example}." if example else ""
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
