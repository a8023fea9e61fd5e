"""French number formatting for tables, plot labels and CSV exports.

French typography writes ``1 000 000,00`` and ``18,75 %``: a space groups thousands,
a comma marks decimals and a space precedes the percent sign. crmsim uses the
no-break space U+00A0 for both spaces, so a number is never split across lines; no
operating-system locale is needed, the output is the same on every machine.

Exports for a French spreadsheet (Excel) use ``;`` between fields and ``,`` for decimals.
"""

from __future__ import annotations

import inspect
import math
import os
from collections.abc import Iterable, Mapping
from numbers import Real
from pathlib import Path

import numpy as np
import pandas as pd

from crmsim._validation import check_bool, check_columns, ensure_frame, french_arguments
from crmsim.errors import ArgumentError, DataError

__all__ = [
    "LABELS_FR",
    "NBSP",
    "format_money",
    "format_number",
    "format_percent",
    "french_labels",
    "style_fr",
    "to_csv_fr",
]

#: The no-break space used as thousands separator and before ``%``.
NBSP = "\u00a0"

#: Text shown for a missing value (non disponible).
MISSING = "n.d."

#: French headings for the column names used across crmsim (identifiers stay English).
LABELS_FR: dict[str, str] = {
    "rank": "Rang",
    "customer_id": "Client",
    "revenue": "CA (MAD)",
    "share": "Part du CA",
    "cum_share": "Part cumulée du CA",
    "cum_customers_share": "Part cumulée des clients",
    "in_head": "Dans la tête",
    "target": "Part cible du CA",
    "customers": "Clients",
    "customers_share": "Part des clients",
    "revenue_share": "Part du CA obtenue",
    "cum_revenue_share": "Part cumulée du CA",
    "abc_class": "Classe",
    "share_customers": "Part des clients",
    "share_revenue": "Part du CA",
    "strategy": "Stratégie",
    "quadrant": "Quadrant",
    "potential": "Potentiel",
    "performance": "Performances",
    "segment": "Segment",
    "recency_days": "Récence (jours)",
    "frequency": "Fréquence (achats)",
    "monetary_total": "Montant total (MAD)",
    "monetary_value": "Montant moyen (MAD)",
    "r_score": "Score R",
    "f_score": "Score F",
    "m_score": "Score M",
    "rfm_code": "Code RFM",
    "firm": "Entreprise",
    "customer": "Client",
    "sales": "Ventes",
    "customer_potential": "Potentiel d'achat du client",
    "tcc": "TCC",
    "indicator": "Indicateur",
    "value": "Valeur",
    "unit": "Unité",
    "formula": "Formule",
}


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, Real) and math.isnan(float(value)))


def _check_decimals(decimals: object) -> int:
    if isinstance(decimals, bool) or not isinstance(decimals, (int, np.integer)):
        raise ArgumentError(f"decimals doit être un nombre entier de décimales, reçu {decimals!r}.")
    if not 0 <= decimals <= 15:
        raise DataError(f"decimals doit être compris entre 0 et 15, reçu {decimals!r}.")
    return int(decimals)


def _check_names(names: object, argument: str) -> list[str]:
    if isinstance(names, (str, bytes)) or not isinstance(names, Iterable):
        raise ArgumentError(
            f"{argument} doit être une liste de noms de colonnes, reçu {names!r} "
            f"(écrivez par exemple {argument}=['revenue'])."
        )
    return list(names)


@french_arguments
def format_number(value: float | None, decimals: int = 2) -> str:
    """Format a number the French way: ``1 000 000,00``.

    Parameters
    ----------
    value : float
        The number; ``None`` or NaN gives ``"n.d."``.
    decimals : int, default 2
        Digits after the decimal comma (rounded half to even, as Python does).

    Examples
    --------
    >>> format_number(1000000)
    '1\\xa0000\\xa0000,00'
    >>> format_number(-1234.5, decimals=1)
    '-1\\xa0234,5'
    >>> format_number(float("nan"))
    'n.d.'
    """
    if _is_missing(value):
        return MISSING
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ArgumentError(f"format_number attend un nombre, reçu {value!r}.")
    decimals = _check_decimals(decimals)
    if not math.isfinite(float(value)):
        return "∞" if float(value) > 0 else "-∞"
    text = f"{float(value):,.{int(decimals)}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]  # never show "-0,00"
    return text.replace(",", NBSP).replace(".", ",")


@french_arguments
def format_percent(value: float | None, decimals: int = 2) -> str:
    """Format a share (0.1875) as a French percentage: ``18,75 %``.

    Examples
    --------
    >>> format_percent(0.1875)
    '18,75\\xa0%'
    >>> format_percent(0.8, decimals=0)
    '80\\xa0%'
    """
    if _is_missing(value):
        return MISSING
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ArgumentError(f"format_percent attend un nombre (une part, 0.1875), reçu {value!r}.")
    return f"{format_number(float(value) * 100, decimals)}{NBSP}%"


@french_arguments
def format_money(value: float | None, currency: str = "MAD", decimals: int = 2) -> str:
    """Format an amount with its currency: ``1 000 000,00 MAD``.

    Examples
    --------
    >>> format_money(225000)
    '225\\xa0000,00\\xa0MAD'
    >>> format_money(12.5, currency="€")
    '12,50\\xa0€'
    """
    if _is_missing(value):
        return MISSING
    if not isinstance(currency, str):
        raise ArgumentError(f"currency doit être un texte (« MAD », « € »), reçu {currency!r}.")
    return f"{format_number(value, decimals)}{NBSP}{currency}"


@french_arguments
def french_labels(columns: Iterable[str], extra: Mapping[str, str] | None = None) -> dict:
    """Map column names to French headings (unknown names are kept as they are)."""
    if extra is not None and not isinstance(extra, Mapping):
        raise ArgumentError(f"extra doit être un dictionnaire {{colonne: titre}}, reçu {extra!r}.")
    labels = {**LABELS_FR, **(extra or {})}
    return {c: labels.get(c, c) for c in _check_names(columns, "columns")}


@french_arguments
def style_fr(
    data: pd.DataFrame,
    *,
    percent: Iterable[str] = (),
    money: Iterable[str] = (),
    number: Iterable[str] = (),
    decimals: int = 2,
    currency: str = "MAD",
    labels: Mapping[str, str] | None = None,
    hide_index: bool = True,
):
    """Return a pandas Styler showing ``data`` with French formats and headings.

    Columns listed in ``percent`` are shares (0-1) shown as ``18,75 %``; ``money``
    columns get the currency; ``number`` columns are grouped by thousands. Headings are
    translated with :data:`LABELS_FR` (plus ``labels``). The data are not changed and
    the Styler has a fixed id, so the HTML is the same at every run.

    Examples
    --------
    >>> import pandas as pd
    >>> styler = style_fr(pd.DataFrame({"share": [0.1875]}), percent=["share"])
    >>> "18,75\\xa0%" in styler.to_html()
    True
    """
    data = ensure_frame(data, "data")
    check_columns(data, list(data.columns), "data")
    percent, money, number = (
        _check_names(v, k) for k, v in (("percent", percent), ("money", money), ("number", number))
    )
    decimals = _check_decimals(decimals)
    if not isinstance(currency, str):
        raise ArgumentError(f"currency doit être un texte (« MAD », « € »), reçu {currency!r}.")
    hide_index = check_bool(hide_index, "hide_index")
    formats = {}
    for col in percent:
        formats[col] = lambda v, d=decimals: format_percent(v, d)
    for col in money:
        formats[col] = lambda v, d=decimals, c=currency: format_money(v, c, d)
    for col in number:
        formats[col] = lambda v, d=decimals: format_number(v, d)
    unknown = [c for c in formats if c not in data.columns]
    if unknown:
        shown = ", ".join(f"« {c} »" for c in unknown)
        raise DataError(f"Colonnes à formater absentes du tableau : {shown}.")
    styler = data.style.format(formats).set_uuid("crmsim")
    styler = styler.relabel_index(list(french_labels(data.columns, labels).values()), axis=1)
    if hide_index:
        styler = styler.hide(axis="index")
    return styler


@french_arguments
def to_csv_fr(data: pd.DataFrame, path: str | os.PathLike, **kwargs) -> Path:
    """Write ``data`` as a CSV that French Excel opens directly.

    Fields are separated by ``;``, decimals use ``,`` and the file starts with a UTF-8
    byte-order mark so accents display correctly. Returns the path written.
    """
    data = ensure_frame(data, "data")
    if not isinstance(path, (str, os.PathLike)) or not str(path).strip():
        raise ArgumentError(f"path doit être un chemin de fichier (texte), reçu {path!r}.")
    path = Path(path)
    if path.is_dir():
        raise DataError(f"path désigne un dossier ({path}) : donnez un nom de fichier .csv.")
    options = {"sep": ";", "decimal": ",", "index": False, "encoding": "utf-8-sig"}
    allowed = set(inspect.signature(pd.DataFrame.to_csv).parameters) - {"self", "path_or_buf"}
    unknown = [k for k in kwargs if k not in allowed]
    if unknown:
        raise ArgumentError(
            f"to_csv_fr : option inconnue « {unknown[0]} » (les options sont celles de "
            "DataFrame.to_csv, par exemple float_format=...)."
        )
    options.update(kwargs)
    try:
        data.to_csv(path, **options)
    except OSError as exc:
        from crmsim._output import os_error_fr

        raise DataError(f"Impossible d’écrire {path} : {os_error_fr(exc)}.") from None
    return path
