"""French summary tables of simulation runs, for lessons and the instructor dashboard."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from crmsim._validation import (
    check_bool,
    check_instance,
    check_sequence,
    did_you_mean,
    french_arguments,
)
from crmsim.analysis.run_kpis import run_kpis
from crmsim.errors import DataError
from crmsim.formatting import format_money, format_number, format_percent
from crmsim.model.results import SimulationResult

__all__ = ["SUMMARY_ROWS", "simulation_summary"]

#: Indicators of :func:`simulation_summary`: KPI key -> (French label, format).
SUMMARY_ROWS: dict[str, tuple[str, str]] = {
    "active_end": ("Clients actifs à la fin", "number"),
    "yearly_churn_rate": ("Clients perdus par an", "percent"),
    "share_insatisfaction": ("Départs par insatisfaction", "percent"),
    "share_structurelle": ("Départs structurels", "percent"),
    "share_conjoncturelle": ("Départs conjoncturels", "percent"),
    "share_anecdotique": ("Départs anecdotiques", "percent"),
    "complaint_share": ("Part des mécontents qui réclament", "percent"),
    "revenue": ("Chiffre d’affaires cumulé", "money"),
    "profit": ("Bénéfice cumulé", "money"),
    "acquisition_cost_per_customer": ("Coût d’acquisition d’un client", "money"),
    "yearly_retention_cost_per_customer": ("Coût annuel de fidélisation d’un client", "money"),
    "acquisition_to_retention_ratio": ("Acquisition / fidélisation (ratio)", "ratio"),
    "top20_revenue_share": ("Part du CA des 20 % meilleurs clients", "percent"),
    "customer_equity": ("Capital client (somme des CLV)", "money"),
}


def _kpis(result: SimulationResult) -> dict[str, float]:
    return run_kpis(result.monthly, result.customers, result.campaigns)


def _fmt(value: float, kind: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n.d."
    if kind == "percent":
        return format_percent(value, 1)
    if kind == "money":
        return format_money(value, decimals=0)
    if kind == "ratio":
        return format_number(value, 1)
    return format_number(value, 0)


def _delta(value: float, base: float, kind: str) -> str:
    if any(isinstance(v, float) and math.isnan(v) for v in (value, base)):
        return "n.d."
    diff = value - base
    if kind == "percent":
        text = f"{format_number(diff * 100, 1)}\u00a0pt"
    elif kind == "money":
        text = format_money(diff, decimals=0)
    else:
        text = format_number(diff, 1 if kind == "ratio" else 0)
    significant = any(ch in "123456789" for ch in text)
    return f"+{text}" if diff > 0 and significant else text


@french_arguments
def simulation_summary(
    result: SimulationResult,
    baseline: SimulationResult | None = None,
    *,
    rows: Sequence[str] | None = None,
    relative: bool = False,
) -> pd.DataFrame:
    """Headline indicators of a run, formatted in French, optionally against a baseline.

    Parameters
    ----------
    result : SimulationResult
        The run to summarise.
    baseline : SimulationResult, optional
        A reference run (e.g. the same preset before a what-if change).
    rows : sequence of str, optional
        KPI keys to keep, in this order (default: every key of :data:`SUMMARY_ROWS`).
    relative : bool, default False
        With ``baseline``, also give the relative change ``result / baseline - 1``.

    Returns
    -------
    DataFrame
        One row per indicator of :data:`SUMMARY_ROWS`, index = KPI key.

        Columns
        -------
        Indicateur : str
            French label.
        Simulation : str
            Formatted value of ``result``.
        Référence, Écart : str
            Only with ``baseline``: its formatted value and the difference
            (percentage points for rates).
        value : float
            Raw value of ``result`` (for tests and further computing).
        Variation : str
            Only with ``baseline`` and ``relative``: the relative change, as a percentage.
        change : float
            Only with ``baseline`` and ``relative``: the raw relative change.

    Raises
    ------
    DataError
        A key of ``rows`` that is not an indicator; the message lists them.

    Examples
    --------
    >>> import crmsim as cs
    >>> table = simulation_summary(cs.simulate(seed=1, months=12, transactions=False))
    >>> table.loc["yearly_churn_rate", "Indicateur"]
    'Clients perdus par an'
    """
    check_instance(result, SimulationResult, "result", "Obtenez-le avec cs.simulate(...).")
    if baseline is not None:
        check_instance(baseline, SimulationResult, "baseline", "Obtenez-le avec cs.simulate(...).")
    relative = check_bool(relative, "relative")
    keys = list(SUMMARY_ROWS) if rows is None else check_sequence(rows, "rows")
    unknown = [k for k in keys if k not in SUMMARY_ROWS]
    if unknown:
        raise DataError(
            f"Indicateur(s) inconnu(s) : {', '.join(unknown)}."
            f"{did_you_mean(unknown[0], SUMMARY_ROWS)} "
            f"Indicateurs disponibles : {', '.join(SUMMARY_ROWS)}."
        )
    values = _kpis(result)
    base = _kpis(baseline) if baseline is not None else None
    table = []
    for key in keys:
        label, kind = SUMMARY_ROWS[key]
        row = {"Indicateur": label, "Simulation": _fmt(values[key], kind)}
        if base is not None:
            row["Référence"] = _fmt(base[key], kind)
            row["Écart"] = _delta(values[key], base[key], kind)
        row["value"] = values[key]
        if base is not None and relative:
            change = values[key] / base[key] - 1 if base[key] else math.nan
            row["Variation"] = _fmt(change, "percent")
            row["change"] = change
        table.append(row)
    return pd.DataFrame(table, index=pd.Index(keys, name="kpi"))
