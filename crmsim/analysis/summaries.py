"""Small summary tables used by the lessons on acquisition, attrition and loyalty.

Pure functions on DataFrames (no simulation): the totals of one campaign channel, the
effect of a lever between two situations, the key points of survival curves, and the
value of a customer before and after a retention gain for several acquisition costs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from crmsim._validation import (
    check_columns,
    check_numbers,
    check_numeric,
    check_sequence,
    check_table,
    did_you_mean,
    french_arguments,
)
from crmsim.analysis.kpi import campaign_kpis
from crmsim.analysis.value import retention_leverage
from crmsim.errors import DataError

__all__ = ["channel_kpis", "lever_effects", "leverage_by_acquisition_cost", "survival_summary"]

_CAMPAIGN_COLUMNS = [
    "channel",
    "messages",
    "responses",
    "orders",
    "cost",
    "revenue",
    "gross_margin",
]


def _check_name(value: object, name: str, example: str) -> str:
    """A label (a channel, a column, a situation): non-empty text, or a French DataError."""
    if not isinstance(value, str) or not value:
        raise DataError(f"{name} doit être un texte non vide, reçu {value!r}. Exemple : {example}.")
    return value


def _check_tenure(value: object, name: str, low: int) -> int:
    """A tenure (a number of periods) as an int >= ``low``, or a French DataError."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise DataError(
            f"{name} doit être une durée entière (un nombre de périodes), reçu {value!r}."
        )
    if value < low:
        raise DataError(f"{name} doit valoir au moins {low}, reçu {value!r}.")
    return int(value)


@french_arguments
def channel_kpis(campaigns: pd.DataFrame, channel: str) -> pd.DataFrame:
    """The course's seven indicators for one channel, over all its campaigns.

    The monthly campaigns of the channel are added up; the gross margin per order is
    the margin of the first month of the customers acquired.

    Parameters
    ----------
    campaigns : DataFrame
        ``SimulationResult.campaigns``: one row per channel and month, with columns
        ``channel, messages, responses, orders, cost, revenue, gross_margin``.
    channel : str
        Value of the ``channel`` column (e.g. ``"téléphone"``).

    Returns
    -------
    DataFrame
        The table of :func:`crmsim.campaign_kpis`.

        Columns
        -------
        indicator_id, indicator, value, unit, formula
            As in :func:`crmsim.campaign_kpis`.

    Examples
    --------
    >>> import pandas as pd
    >>> camp = pd.DataFrame({"channel": ["web", "web"], "messages": [500, 500],
    ...     "responses": [20, 20], "orders": [5, 5], "cost": [1000.0, 1000.0],
    ...     "revenue": [800.0, 800.0], "gross_margin": [250.0, 250.0]})
    >>> float(channel_kpis(camp, "web").set_index("indicator_id").loc["break_even_orders", "value"])
    40.0
    """
    check_table(campaigns, _CAMPAIGN_COLUMNS, name="campaigns")
    _check_name(channel, "channel", "channel='mailing'")
    for column in _CAMPAIGN_COLUMNS[1:]:
        check_numeric(campaigns, column, name="campaigns")
    rows = campaigns[campaigns["channel"] == channel]
    if rows.empty:
        known = ", ".join(map(str, campaigns["channel"].unique()))
        raise DataError(
            f"channel inconnu\u00a0: {channel!r}. Canaux présents dans le tableau\u00a0: {known}."
        )
    totals = rows[_CAMPAIGN_COLUMNS[1:]].astype(float).sum()
    if totals["orders"] <= 0:
        raise DataError(
            f"Le canal « {channel} » n’a aucune commande dans campaigns : la marge par commande "
            "n’est pas définie. Choisissez un canal qui a produit des commandes."
        )
    return campaign_kpis(
        total_cost=totals["cost"],
        messages_sent=totals["messages"],
        responses=totals["responses"],
        orders=totals["orders"],
        order_revenue=totals["revenue"],
        gross_margin_per_order=totals["gross_margin"] / totals["orders"],
    )


@french_arguments
def lever_effects(
    comparison: pd.DataFrame,
    pairs: Iterable[tuple[str, str, str]],
    *,
    situation_col: str = "situation",
) -> pd.DataFrame:
    """Relative change of one cause's departures between a situation and its reference.

    Parameters
    ----------
    comparison : DataFrame
        One row per situation, a column per cause (departures), as returned by
        :func:`crmsim.portfolio_sim.compare_situations`.
    pairs : iterable of (lever, reference, cause)
        The situation with the lever, the one without, and the cause the lever targets.

    Returns
    -------
    DataFrame
        Columns
        -------
        lever, reference, cause : str
        change : float
            ``departures(lever) / departures(reference) - 1`` for that cause.

    Examples
    --------
    >>> import pandas as pd
    >>> comp = pd.DataFrame({"situation": ["a", "b"], "insatisfaction": [100, 75]})
    >>> lever_effects(comp, [("b", "a", "insatisfaction")])["change"].tolist()
    [-0.25]
    """
    _check_name(situation_col, "situation_col", "situation_col='situation'")
    comparison = check_table(comparison, [situation_col], name="comparison", id_col=situation_col)
    example = "pairs=[('avec le levier', 'référence', 'insatisfaction')]"
    items = check_sequence(pairs, "pairs", example=example)
    if not items:
        raise DataError(f"pairs est vide : donnez au moins un triplet. Exemple : {example}.")
    triples = [
        tuple(check_sequence(item, f"pairs[{i}]", length=3, example=example))
        for i, item in enumerate(items)
    ]
    table = comparison.set_index(situation_col)
    rows = []
    for lever, reference, cause in triples:
        for name in (lever, reference):
            if name not in table.index:
                known = ", ".join(f"« {v} »" for v in table.index)
                raise DataError(
                    f"situation inconnue\u00a0: {name!r}. Situations du tableau "
                    f"comparison\u00a0: {known}.{did_you_mean(str(name), map(str, table.index))}"
                )
        if not isinstance(cause, str) or cause not in table.columns:
            known = ", ".join(f"« {c} »" for c in table.columns) or "aucune"
            raise DataError(
                f"cause inconnue\u00a0: {cause!r}. Colonnes de départs dans comparison\u00a0: "
                f"{known}.{did_you_mean(str(cause), map(str, table.columns))}"
            )
        check_columns(comparison, [cause], name="comparison")
        departures = check_numeric(comparison, cause, name="comparison")
        departures.index = comparison[situation_col].to_numpy()
        if departures[reference] == 0:
            raise DataError(
                f"La situation de référence « {reference} » n’a aucun départ pour la cause "
                f"« {cause} » : la variation relative n’est pas définie. Choisissez une autre "
                "référence ou une simulation plus longue."
            )
        change = float(departures[lever] / departures[reference] - 1)
        rows.append({"lever": lever, "reference": reference, "cause": cause, "change": change})
    return pd.DataFrame(rows, columns=["lever", "reference", "cause", "change"])


@french_arguments
def survival_summary(
    curves: Mapping[str, pd.DataFrame], *, at: int = 24, early: int = 1, late: int = 36
) -> pd.DataFrame:
    """Survival at ``at`` periods and retention at ``early`` and ``late``, curve by curve.

    Parameters
    ----------
    curves : dict of {name: DataFrame}
        Survival tables with columns ``tenure, survival, retention`` (from
        :func:`crmsim.cohort_survival`, :func:`crmsim.geometric_survival`,
        :func:`crmsim.sbg_survival`).

    Returns
    -------
    DataFrame
        Columns
        -------
        curve : str
        survival_{at}, retention_{early}, retention_{late} : float
            Shares between 0 and 1.

    Examples
    --------
    >>> import crmsim as cs
    >>> table = survival_summary({"géométrique": cs.geometric_survival(0.02, 48)})
    >>> round(float(table.loc[0, "retention_36"]), 2)
    0.98
    """
    if not isinstance(curves, Mapping) or not curves:
        raise DataError(
            f"curves doit être un dictionnaire non vide {{nom: tableau de survie}}, reçu "
            f"{curves!r:.80}. Exemple : curves={{'géométrique': cs.geometric_survival(0.02, 48)}}."
        )
    at = _check_tenure(at, "at", 0)
    early = _check_tenure(early, "early", 1)
    late = _check_tenure(late, "late", 1)
    rows = []
    for name, table in curves.items():
        where = f"curves[{name!r}]"
        check_table(table, ["tenure", "survival", "retention"], name=where, id_col="tenure")
        s = table.set_index("tenure")
        row: dict[str, object] = {"curve": name}
        for column, tenure, label in (
            ("survival", at, f"survival_{at}"),
            ("retention", early, f"retention_{early}"),
            ("retention", late, f"retention_{late}"),
        ):
            if tenure not in s.index:
                raise DataError(
                    f"La courbe {where} s’arrête à la durée {s.index.max()!r} : la durée "
                    f"{tenure} n’y figure pas. Calculez la courbe sur au moins "
                    f"{max(at, early, late)} périodes."
                )
            value = s.loc[tenure, column]
            if isinstance(value, (bool, np.bool_)) or not isinstance(
                value, (int, float, np.number)
            ):
                raise DataError(
                    f"La colonne « {column} » de {where} doit être numérique, reçu {value!r} "
                    f"(durée {tenure})."
                )
            if not math.isfinite(float(value)) or not 0 <= float(value) <= 1:
                raise DataError(
                    f"La colonne « {column} » de {where} vaut {value!r} à la durée {tenure} : "
                    "il faut une part entre 0 et 1. Corrigez le tableau de survie."
                )
            row[label] = float(value)
        rows.append(row)
    return pd.DataFrame(rows)


@french_arguments
def leverage_by_acquisition_cost(
    margins: Sequence[float] | float,
    retention: float,
    costs: Iterable[float],
    *,
    improvement: float = 0.05,
    discount_rate: float = 0.10,
) -> pd.DataFrame:
    """Value of a new customer before and after a retention gain, for several acquisition costs.

    Each row is :func:`crmsim.retention_leverage` with one acquisition cost.

    Returns
    -------
    DataFrame
        Columns
        -------
        acquisition_cost : float
            MAD paid to acquire the customer.
        value_before, value_after : float
            Present value of a new customer (MAD) at ``retention`` and at
            ``retention + improvement``.
        change : float
            ``value_after / value_before - 1``.

    Examples
    --------
    >>> table = leverage_by_acquisition_cost(1000, 0.8, [0, 2000], discount_rate=0.1)
    >>> table["change"].round(2).tolist()
    [0.27, 1.1]
    """
    values = check_numbers(costs, "costs")
    rows = []
    for cost in values:
        with np.errstate(over="ignore", invalid="ignore"):
            t = retention_leverage(
                margins,
                retention,
                improvement=improvement,
                discount_rate=discount_rate,
                acquisition_cost=float(cost),
            )
        numbers = t[["present_value", "change"]].to_numpy(dtype=float)
        if not np.isfinite(numbers).all():
            raise DataError(
                "Les montants de margins ou costs sont trop grands : la valeur du client "
                "dépasse la capacité d’un nombre à virgule. Changez d’unité (milliers, "
                "millions de MAD)."
            )
        before, after = t["present_value"].iloc[0], t["present_value"].iloc[1]
        rows.append(
            {
                "acquisition_cost": float(cost),
                "value_before": before,
                "value_after": after,
                "change": t["change"].iloc[1],
            }
        )
    return pd.DataFrame(rows, columns=["acquisition_cost", "value_before", "value_after", "change"])
