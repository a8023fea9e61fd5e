"""Input checks shared by the analysis functions: tables, columns, rates, periods.

Each helper raises :class:`crmsim.errors.DataError` with a French message naming the
argument, the offending value and the fix. They never mutate their input. The checks of
scalar arguments and of a call's signature live in :mod:`crmsim._arguments` and are
re-exported here, so every module imports its checks from one place.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from crmsim._arguments import (
    check_bool,
    check_in_range,
    check_instance,
    check_number,
    check_numbers,
    check_seed,
    check_sequence,
    did_you_mean,
    french_arguments,
    type_fr,
)
from crmsim.errors import DataError

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
            f"Le tableau {name} est vide (0 ligne) : il faut au moins un client pour l’analyse."
        )


def check_columns(data: pd.DataFrame, columns: Sequence[str], name: str = "data") -> None:
    """Raise if one of ``columns`` is missing, listing missing and available columns."""
    doubled = [c for c in dict.fromkeys(columns) if (data.columns == c).sum() > 1]
    if doubled:
        shown = ", ".join(f"« {c} »" for c in doubled)
        raise DataError(
            f"Colonne(s) en double dans {name} : {shown}. Gardez une seule colonne de ce nom "
            "(par exemple data.loc[:, ~data.columns.duplicated()])."
        )
    missing = [c for c in columns if c not in data.columns]
    if missing:
        available = ", ".join(f"« {c} »" for c in data.columns) or "aucune"
        hint = "".join(did_you_mean(m, data.columns) for m in missing)
        shown = ", ".join(f"« {m} »" for m in missing)
        raise DataError(
            f"Colonne(s) manquante(s) dans {name} : {shown}. Colonnes disponibles : "
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
            f"La colonne « {column} » de {name} contient des valeurs vrai/faux (booléennes), "
            "pas des nombres : vérifiez que c’est la bonne colonne (par exemple "
            "revenue_col=...)."
        )
    if not pd.api.types.is_numeric_dtype(series):
        converted = pd.to_numeric(series, errors="coerce")
        bad = series[converted.isna() & series.notna()]
        if len(bad):
            raise DataError(
                f"La colonne « {column} » de {name} doit être numérique ; valeur non "
                f"numérique trouvée : {bad.iloc[0]!r} (ligne {bad.index[0]!r}). "
                "Corrigez la saisie (séparateur décimal « . » en Python, pas d’espace ni de "
                "symbole monétaire)."
            )
        series = converted
    values = series.astype(float)
    if values.isna().any():
        where = values.index[values.isna()][0]
        raise DataError(
            f"La colonne « {column} » de {name} contient une valeur manquante (ligne "
            f"{where!r}). Complétez-la ou retirez la ligne avant l’analyse."
        )
    if not np.isfinite(values.to_numpy()).all():
        where = values.index[~np.isfinite(values.to_numpy())][0]
        raise DataError(
            f"La colonne « {column} » de {name} contient une valeur infinie (ligne {where!r})."
        )
    with np.errstate(over="ignore"):
        total = float(np.abs(values.to_numpy()).sum())
    if not math.isfinite(total):
        raise DataError(
            f"Les valeurs de la colonne « {column} » de {name} sont trop grandes : leur somme "
            "dépasse la capacité d’un nombre à virgule (environ 1,8 × 10^308). Changez "
            "d’unité (milliers, millions) avant l’analyse."
        )
    if not allow_negative and (values < 0).any():
        where = values.index[values < 0][0]
        raise DataError(
            f"La colonne « {column} » de {name} contient un montant négatif : "
            f"{values[where]:g} (ligne {where!r}). Un chiffre d’affaires ne peut pas être "
            "négatif : corrigez la valeur ou retirez les avoirs avant l’analyse."
        )
    return values


def check_ids_unique(data: pd.DataFrame, column: str, name: str = "data") -> None:
    """Raise if ``data[column]`` contains duplicated identifiers."""
    dup = data[column][data[column].duplicated(keep=False)]
    if len(dup):
        shown = ", ".join(str(v) for v in pd.unique(dup)[:5])
        raise DataError(
            f"Identifiants en double dans la colonne « {column} » de {name} : {shown}. "
            "Chaque client doit apparaître une seule fois : regroupez d’abord les lignes, "
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
            f"Identifiant client manquant ou infini dans la colonne « {column} » de {name} "
            f"(ligne {where!r}). Chaque ligne doit désigner un client : complétez "
            "l’identifiant ou retirez la ligne."
        )
    if series.dtype == object:
        kinds = {"texte" if isinstance(v, str) else "nombre" for v in series}
        if len(kinds) > 1:
            raise DataError(
                f"La colonne « {column} » de {name} mélange des identifiants en texte et en "
                "nombre : écrivez-les tous de la même façon (par exemple "
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
        hint = f" (un pourcentage ? écrivez {x / 100:g})" if 1 < x <= 100 else ""
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
        hint = f" (un pourcentage ? écrivez {x / 100:g})" if 1 < x <= 100 else ""
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
            f"La colonne « {column} » de {name} doit contenir des nombres entiers (des mois, "
            f"des comptes) ; valeur trouvée : {values[where]:g} (ligne {where!r})."
        )
    if not allow_negative and (values < 0).any():
        where = values.index[values < 0][0]
        raise DataError(
            f"La colonne « {column} » de {name} contient une valeur négative : "
            f"{values[where]:g} (ligne {where!r}) ; une durée ou un nombre ne peut pas être "
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
            f"La colonne « {column} » de {name} doit contenir des valeurs vrai/faux (True / "
            f"False) ; valeur trouvée : {series[where]!r} (ligne {where!r}). Convertissez-la, "
            f"par exemple data['{column}'] == 'oui'."
        )
    return series.astype(bool).to_numpy()
