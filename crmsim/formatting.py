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
from html import escape
from numbers import Real
from pathlib import Path

import numpy as np
import pandas as pd

from crmsim._validation import (
    check_bool,
    check_columns,
    check_periods,
    ensure_frame,
    french_arguments,
)
from crmsim.errors import ArgumentError, DataError

__all__ = [
    "COLUMN_FORMATS",
    "LABELS_FR",
    "NBSP",
    "format_money",
    "format_number",
    "format_percent",
    "french_labels",
    "kpi_display",
    "preview_fr",
    "style_fr",
    "table_fr",
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
    "customer_potential": "Potentiel d’achat du client",
    "tcc": "TCC",
    "indicator": "Indicateur",
    "value": "Valeur",
    "unit": "Unité",
    "formula": "Formule",
    "grid": "Grille",
    "criterion": "Critère",
    "coefficient": "Coefficient",
    # portfolio matrices (lesson 5): margins in % of revenue, indices and marks
    "current_profitability": "Rentabilité actuelle (% du CA)",
    "potential_profitability": "Rentabilité potentielle (% du CA)",
    "loyalty": "Fidélité (indice 0-100)",
    "strategic_importance": "Importance stratégique (note 1-10)",
    "relationship_difficulty": "Difficulté de la relation (note 1-10)",
    # simulated campaigns and acquisition (lesson 10)
    "month": "Mois",
    "channel": "Canal",
    "messages": "Messages émis",
    "responses": "Réponses",
    "orders": "Commandes",
    "cost": "Coût (MAD)",
    "gross_margin": "Marge brute (MAD)",
    "response_rate": "Taux de remontée",
    "conversion_rate": "Taux de transformation",
    "customer_acquisition_cost": "Coût d’acquisition du client (MAD)",
    "break_even_orders": "Point mort (commandes)",
    "first_month_coverage": "Coût couvert par la marge du 1er mois",
    # attrition (lesson 11)
    "cause": "Cause",
    "hazard": "Risque mensuel",
    "departures": "Départs",
    "churned": "Départs",
    "situation": "Situation",
    "yearly_churn_rate": "Attrition annuelle",
    "insatisfaction": "Insatisfaction (départs)",
    "structurelle": "Structurelle (départs)",
    "conjoncturelle": "Conjoncturelle (départs)",
    "anecdotique": "Anecdotique (départs)",
    "lever": "Levier",
    "reference": "Comparé à",
    "change": "Variation",
    "curve": "Courbe",
    "survival_24": "Survie à 24 mois",
    "retention_1": "Rétention au mois 1",
    "retention_36": "Rétention au mois 36",
    # loyalty economics (lesson 12)
    "obtained": "Obtenu",
    "low": "Bas",
    "high": "Haut",
    "ok": "Dans la fourchette",
    "tenure_period": "Année d’ancienneté",
    "customer_months": "Mois-clients observés",
    "revenue_per_customer_month": "CA par client et par mois (MAD)",
    "retention": "Rétention",
    "defection": "Défection",
    "expected_lifetime": "Durée de vie moyenne (ans)",
    "present_value": "Valeur actuelle d’un client (MAD)",
    "acquisition_cost": "Coût d’acquisition (MAD)",
    "value_before": "Valeur d’un client avant (MAD)",
    "value_after": "Valeur d’un client après (MAD)",
    "monthly_spend_min_mad": "Dépense mensuelle min. (MAD)",
    "monthly_spend_max_mad": "Dépense mensuelle max. (MAD)",
    "monthly_spend_mean_mad": "Dépense mensuelle moyenne (MAD)",
    "profit_mad": "Bénéfice (MAD)",
    "course_share_profit": "Part du bénéfice selon le cours",
    # the course's claims on a simulated base: effects of tenure (lesson 12)
    "tenure_band": "Ancienneté",
    "tenure_min_months": "Ancienneté minimale (mois)",
    "recruits": "Recrues par bouche-à-oreille",
    "departure_rate": "Départs par mois-client",
    "recruit_rate": "Recrues par mois-client",
    "std_error": "Erreur type",
    "relative_rate": "Rapport à la première tranche",
    "share_profit": "Part du bénéfice",
    "profit_index": "Bénéfice par client (moyenne = 1)",
    "revenue_index": "CA par client (moyenne = 1)",
    "tier": "Tranche",
    # purchase journal, FRAT and appetence (lesson 7)
    "date": "Date",
    "amount": "Montant (MAD)",
    "product_type": "Type de produit",
    "mean_days_between": "F : délai moyen entre achats (jours)",
    "seniority_days": "R : ancienneté (jours)",
    "last_amount": "Dernière commande (MAD)",
    "mean_amount": "Commande moyenne (MAD)",
    "last_to_mean": "A : dernière / moyenne",
    "share_strategic": "T : part stratégique",
    "main_type": "Type dominant",
    "interest": "Intérêt (note 1-10)",
    "capacity": "Capacité (note 1-10)",
    "interest_level": "Niveau d’intérêt",
    "capacity_level": "Niveau de capacité",
    # scoring criteria (lesson 6, datasets/scoring_criteria.csv)
    "attractivite_secteur": "Attractivité du secteur d’activité (note 1-5)",
    "niveau_technologie": "Niveau de technologie (note 1-5)",
    "ca_client": "Chiffre d’affaires du client (note 1-5)",
    "frequence_achat_12m": "Fréquence d’achat sur 12 mois (note 1-5)",
    "type_marche_derive": "Type de marché dérivé (note 1-5)",
    "ventes_realisees": "Niveau des ventes réalisées avec le client (note 1-5)",
    "anciennete_portefeuille": "Ancienneté dans le portefeuille clients (note 1-5)",
    "taux_equipement": "Taux d’équipement (note 1-5)",
    "capacite_production": "Capacité de production annuelle (note 1-5)",
    "difficulte_conditions": "Difficulté des conditions commerciales (note 1-5)",
    # every method on one simulated base (lesson 15, crmsim.portfolio_views)
    "base": "Base",
    "head_customers": "Clients de la tête (80 % du CA)",
    "gini": "Indice de Gini",
    "group": "Meilleurs clients selon",
    "in_head_share": "Dont dans la tête de Pareto",
    "value_level": "Valeur (TCC)",
    "scoring_strategy": "Grille de scoring",
    "contact_cost": "Coût du contact (MAD)",
    "average_order": "Commande moyenne (MAD)",
    "prospect_acquisition_cost": "Coût d’acquisition du prospect (MAD)",
}

#: How :func:`table_fr` shows each known column: ``(kind, decimals)``. Kinds:
#: ``"count"`` (whole number, rounded), ``"ceil"`` (whole number rounded up, e.g. a
#: break-even point), ``"money"`` (MAD, unit in the heading), ``"percent"`` (a share
#: 0-1 shown in %, unit in the heading), ``"number"`` and ``"text"``.
COLUMN_FORMATS: dict[str, tuple[str, int]] = {
    "revenue": ("money", 0),
    "cost": ("money", 0),
    "gross_margin": ("money", 0),
    "monetary_total": ("money", 0),
    "monetary_value": ("money", 0),
    "customer_acquisition_cost": ("money", 0),
    "present_value": ("money", 0),
    "acquisition_cost": ("money", 0),
    "value_before": ("money", 0),
    "value_after": ("money", 0),
    "revenue_per_customer_month": ("money", 0),
    "monthly_spend_min_mad": ("count", 0),
    "monthly_spend_max_mad": ("count", 0),
    "monthly_spend_mean_mad": ("count", 0),
    "profit_mad": ("money", 0),
    "course_share_profit": ("percent", 0),
    "tenure_min_months": ("count", 0),
    "recruits": ("count", 0),
    "departure_rate": ("percent", 2),
    "recruit_rate": ("percent", 2),
    "std_error": ("percent", 2),
    "relative_rate": ("number", 2),
    "share": ("percent", 1),
    "cum_share": ("percent", 1),
    "cum_customers_share": ("percent", 0),
    "cum_revenue_share": ("percent", 1),
    "customers_share": ("percent", 0),
    "revenue_share": ("percent", 1),
    "share_customers": ("percent", 0),
    "share_revenue": ("percent", 0),
    "share_profit": ("percent", 0),
    "response_rate": ("percent", 2),
    "conversion_rate": ("percent", 1),
    "first_month_coverage": ("percent", 0),
    "hazard": ("percent", 2),
    "yearly_churn_rate": ("percent", 1),
    "change": ("percent", 0),
    "survival_24": ("percent", 1),
    "retention_1": ("percent", 1),
    "retention_36": ("percent", 1),
    "retention": ("percent", 0),
    "defection": ("percent", 0),
    "customers": ("count", 0),
    "month": ("count", 0),
    "messages": ("count", 0),
    "responses": ("count", 0),
    "orders": ("count", 0),
    "departures": ("count", 0),
    "churned": ("count", 0),
    "insatisfaction": ("count", 0),
    "structurelle": ("count", 0),
    "conjoncturelle": ("count", 0),
    "anecdotique": ("count", 0),
    "customer_months": ("count", 0),
    "break_even_orders": ("ceil", 0),
    "current_profitability": ("number", 1),
    "potential_profitability": ("number", 1),
    "expected_lifetime": ("number", 1),
    "profit_index": ("number", 1),
    "revenue_index": ("number", 1),
    "amount": ("money", 2),
    "last_amount": ("money", 0),
    "mean_amount": ("money", 0),
    "mean_days_between": ("number", 1),
    "seniority_days": ("count", 0),
    "last_to_mean": ("number", 2),
    "share_strategic": ("percent", 0),
    "interest": ("number", 1),
    "capacity": ("number", 1),
    "head_customers": ("count", 0),
    "gini": ("percent", 1),
    "in_head_share": ("percent", 0),
    "contact_cost": ("money", 2),
    "average_order": ("money", 0),
    "prospect_acquisition_cost": ("money", 0),
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
        raise ArgumentError(f"currency doit être un texte (« MAD », « € »), reçu {currency!r}.")
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
        raise ArgumentError(f"currency doit être un texte (« MAD », « € »), reçu {currency!r}.")
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
        shown = ", ".join(f"« {c} »" for c in unknown)
        raise DataError(f"Colonnes à formater absentes du tableau : {shown}.")
    styler = data.style.format(formats).set_uuid("crmsim")
    styler = styler.relabel_index(list(french_labels(data.columns, labels).values()), axis=1)
    if hide_index:
        styler = styler.hide(axis="index")
    return styler


def _cell_formatter(kind: str, decimals: int):
    if kind == "count":
        return lambda v: format_number(v if _is_missing(v) else round(float(v)), 0)
    if kind == "ceil":
        return lambda v: format_number(v if _is_missing(v) else math.ceil(float(v) - 1e-9), 0)
    if kind == "percent":
        return lambda v: format_number(v if _is_missing(v) else float(v) * 100, decimals)
    return lambda v: format_number(v, decimals)


def _heading(label: str, kind: str) -> str:
    if kind == "percent" and "%" not in label:
        return f"{label} (%)"
    if kind == "money" and "MAD" not in label:
        return f"{label} (MAD)"
    return label


_KINDS = ("count", "ceil", "money", "percent", "number", "bool", "text")


def _check_mapping(value: object, argument: str, example: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ArgumentError(
            f"{argument} doit être un dictionnaire ou None, reçu {value!r}. Exemple : "
            f"{argument}={example}."
        )
    return dict(value)


def _check_formats(formats: object) -> dict:
    example = "{'revenue': ('money', 0)}"
    checked = _check_mapping(formats, "formats", example)
    for col, spec in checked.items():
        if (
            isinstance(spec, (str, bytes))
            or not isinstance(spec, (tuple, list))
            or len(spec) != 2
            or spec[0] not in _KINDS
        ):
            kinds = ", ".join(f"« {k} »" for k in _KINDS)
            raise ArgumentError(
                f"formats[{col!r}] doit être un couple (genre, décimales), reçu {spec!r} ; "
                f"genres possibles : {kinds}. Exemple : formats={example}."
            )
        checked[col] = (spec[0], _check_decimals(spec[1]))
    return checked


@french_arguments
def table_fr(
    data: pd.DataFrame,
    columns: Iterable[str] | None = None,
    *,
    labels: Mapping[str, str] | None = None,
    formats: Mapping[str, tuple[str, int]] | None = None,
    hide_index: bool = True,
    code_names: bool = False,
):
    """Show a table to students: French headings with units, French numbers.

    Each column is shown by its kind in :data:`COLUMN_FORMATS` (plus ``formats``):
    counts as whole numbers, break-even points rounded up, amounts in MAD and shares in
    % with the unit in the heading (never in the cells), other numbers with at most two
    decimals; ``True``/``False`` become « oui »/« non », dates read day/month/year. Headings come from
    :data:`LABELS_FR` (plus ``labels``). Unknown float columns get two decimals, unknown
    integer columns are counts. The data are not changed; the Styler has a fixed id. An
    empty table is shown with its headings only.

    Parameters
    ----------
    data : DataFrame
    columns : list of str, optional
        Columns to show, in this order (default: all).
    labels : dict, optional
        Extra or overriding French headings.
    formats : dict, optional
        Extra or overriding ``{column: (kind, decimals)}``.
    hide_index : bool, default True
    code_names : bool, default False
        Also show each column's name, as written in code, under its heading (for the
        data of an exercise, which the student reads by these names).

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"orders": [34.9], "response_rate": [0.0421],
    ...                      "revenue": [1234.5], "ok": [True]})
    >>> html = table_fr(data).to_html()
    >>> "Commandes" in html and ">35<" in html and "Taux de remontée (%)" in html
    True
    >>> "4,21" in html and "CA (MAD)" in html and "1\xa0234" in html and "oui" in html
    True
    >>> ">30/06/2024<" in table_fr(pd.DataFrame({"date": pd.to_datetime(["2024-06-30"])})).to_html()
    True
    """
    data = ensure_frame(data, "data")
    if columns is not None:
        names = _check_names(columns, "columns")
        if not names:
            raise DataError(
                "columns est vide : donnez au moins une colonne à montrer, ou columns=None "
                "pour toutes."
            )
        check_columns(data, names, "data")
        shown = data[names]
    else:
        check_columns(data, list(data.columns), "data")
        shown = data
    kinds = {**COLUMN_FORMATS, **_check_formats(formats)}
    all_labels = {**LABELS_FR, **_check_mapping(labels, "labels", "{'revenue': 'CA (MAD)'}")}
    code_names = check_bool(code_names, "code_names")
    hide_index = check_bool(hide_index, "hide_index")
    formatters, headings = {}, []
    for col in shown.columns:
        series = shown[col]
        if col in kinds:
            kind, decimals = kinds[col]
        elif pd.api.types.is_bool_dtype(series):
            kind, decimals = "bool", 0
        elif pd.api.types.is_datetime64_any_dtype(series):
            kind, decimals = "date", 0
        elif pd.api.types.is_integer_dtype(series):
            kind, decimals = "count", 0
        elif pd.api.types.is_float_dtype(series):
            kind, decimals = "number", 2
        else:
            kind, decimals = "text", 0
        if kind == "bool" or (kind == "text" and series.map(type).eq(bool).all()):
            formatters[col] = lambda v: MISSING if v is None else ("oui" if v else "non")
        elif kind == "date":
            formatters[col] = lambda v: MISSING if pd.isna(v) else f"{v:%d/%m/%Y}"
        elif kind != "text":
            formatters[col] = _cell_formatter(kind, decimals)
        heading = _heading(str(all_labels.get(col, col)), kind)
        if code_names:
            name = escape(str(col))
            heading = (
                f"{heading}<br><code>{name}</code>" if heading != col else f"<code>{name}</code>"
            )
        headings.append(heading)
    styler = shown.style.format(formatters).set_uuid("crmsim")
    styler = styler.relabel_index(headings, axis=1)
    return styler.hide(axis="index") if hide_index else styler


def _needed_decimals(value: float, most: int = 4) -> int:
    return next((d for d in range(most) if round(value, d) == round(value, most)), most)


@french_arguments
def preview_fr(data: pd.DataFrame | Mapping, rows: int = 5, **kwargs):
    """Show the data of an exercise: French headings and numbers, and the names for code.

    A table is shown by its first ``rows`` rows as :func:`table_fr` shows them, each
    heading followed by the column's name to use in code; a dictionary (the numbers of
    an exercise) as a table « Nom dans le code » / « Valeur », numbers in French format
    with the decimals they need (at most four: a model parameter such as 0,003 is data
    to copy, not a result to round). Extra keywords go to :func:`table_fr`.

    Examples
    --------
    >>> import pandas as pd
    >>> html = preview_fr(pd.DataFrame({"customer_id": [1], "revenue": [5000.0]})).to_html()
    >>> "CA (MAD)<br><code>revenue</code>" in html and "5\xa0000" in html
    True
    >>> html = preview_fr({"total_cost": 12000, "orders": 168}).to_html()
    >>> ">total_cost<" in html and ">12\xa0000<" in html and "Nom dans le code" in html
    True
    >>> ">0,003<" in preview_fr({"p": 0.003}).to_html()
    True
    """
    rows = check_periods(rows, "rows (lignes montrées)")
    if not isinstance(data, Mapping):
        data = ensure_frame(data, "data")
    if isinstance(data, Mapping):
        values = [
            format_number(v, _needed_decimals(float(v)))
            if isinstance(v, Real) and not isinstance(v, bool)
            else str(v)
            for v in data.values()
        ]
        table = pd.DataFrame({"name": [str(k) for k in data], "value": values})
        return table_fr(table, labels={"name": "Nom dans le code"}, formats={"value": ("text", 0)})
    return table_fr(data.head(rows), code_names=True, **kwargs)


@french_arguments
def kpi_display(kpis: pd.DataFrame, *, currency: str = "MAD"):
    """Show the course's campaign indicators: one row each, the unit in its own column.

    Rates are shown in % (two decimals), amounts with two decimals, and the break-even
    point as a whole number of orders **rounded up** (the course's rule: a fraction of
    an order cannot be sold, and the next whole order is the first that covers the
    cost).

    Parameters
    ----------
    kpis : DataFrame
        The table of :func:`crmsim.campaign_kpis` (columns ``indicator_id, indicator,
        value, unit, formula``).

    Returns
    -------
    pandas Styler
        Columns « Indicateur », « Valeur », « Unité », « Formule ».

    Examples
    --------
    >>> import crmsim as cs
    >>> kpis = cs.campaign_kpis(total_cost=10_000, messages_sent=5_000, responses=130,
    ...                         orders=40, order_revenue=30_000, gross_margin_per_order=130)
    >>> html = kpi_display(kpis).to_html()
    >>> ">77<" in html and ">2,60<" in html and ">%<" in html   # 76,9 orders -> 77
    True
    """
    check = ["indicator_id", "indicator", "value", "unit", "formula"]
    if not isinstance(kpis, pd.DataFrame) or not set(check) <= set(kpis.columns):
        raise DataError(
            "kpi_display attend le tableau renvoyé par campaign_kpis(...) (colonnes "
            "indicator_id, indicator, value, unit, formula)."
        )
    check_columns(kpis, check, "kpis")
    if len(kpis) == 0:
        raise DataError(
            "Le tableau kpis est vide (0 ligne) : passez le tableau renvoyé par campaign_kpis(...)."
        )
    if not isinstance(currency, str) or not currency.strip():
        raise ArgumentError(f"currency doit être un texte (« MAD », « € »), reçu {currency!r}.")
    values, units = [], []
    for value, unit in zip(kpis["value"], kpis["unit"], strict=True):
        if unit == "taux":
            values.append(format_percent(value, 2).removesuffix(f"{NBSP}%"))
            units.append("%")
        elif unit == "commandes":
            whole = value if _is_missing(value) else math.ceil(float(value) - 1e-9)
            values.append(format_number(whole, 0))
            units.append("commandes (arrondi à l’entier supérieur)")
        else:
            values.append(format_number(value, 2))
            units.append(str(unit).replace("MAD", currency))
    table = pd.DataFrame(
        {
            "Indicateur": kpis["indicator"].to_numpy(),
            "Valeur": values,
            "Unité": units,
            "Formule": kpis["formula"].to_numpy(),
        }
    )
    return table.style.set_uuid("crmsim").hide(axis="index")


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
        raise DataError(f"path désigne un dossier ({path}) : donnez un nom de fichier .csv.")
    options = {"sep": ";", "decimal": ",", "index": False, "encoding": "utf-8-sig"}
    allowed = set(inspect.signature(pd.DataFrame.to_csv).parameters) - {"self", "path_or_buf"}
    unknown = [k for k in kwargs if k not in allowed]
    if unknown:
        raise ArgumentError(
            f"to_csv_fr : option inconnue « {unknown[0]} » (les options sont celles de "
            "DataFrame.to_csv, par exemple float_format=...)."
        )
    options.update(kwargs)
    try:
        data.to_csv(path, **options)
    except OSError as exc:
        from crmsim._output import os_error_fr

        raise DataError(f"Impossible d’écrire {path} : {os_error_fr(exc)}.") from None
    return path
