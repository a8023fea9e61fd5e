"""What each trigger brings and costs: same seed, with and without the trigger."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from crmsim import datasets
from crmsim._validation import (
    check_sequence,
    check_table,
    did_you_mean,
    french_arguments,
    type_fr,
)
from crmsim.ecrm.engine import FIRE, AudienceEngine
from crmsim.ecrm.params import (
    TRIGGER_FIELDS,
    TRIGGER_LABELS,
    TRIGGERS,
    WebAudience,
    check_audience,
)
from crmsim.ecrm.results import AudienceResult, seed_sequence, simulate_audience
from crmsim.errors import DataError, ScenarioError

__all__ = ["SUMMARY_COLUMNS", "threshold_sweep", "trigger_summary", "trigger_table"]

#: Columns of :func:`trigger_summary`: name -> description.
SUMMARY_COLUMNS: dict[str, str] = {
    "trigger": "banniere, email, appel, enquete, or ensemble (all active triggers together)",
    "label": "French name of the action",
    "active": "the trigger is switched on in the audience (bool)",
    "actions": "times the trigger fired in the run with it (int)",
    "cost_mad": "cost of its actions, incentives included (MAD)",
    "conversion_with": "share of visitors who ordered, with the trigger",
    "conversion_without": "the same, same seed, trigger off",
    "lapse_with": "share of visitors who left the site for good, with the trigger",
    "lapse_without": "the same, same seed, trigger off",
    "extra_orders": "orders with minus orders without (int)",
    "extra_margin_mad": "gross margin with minus without (MAD)",
    "extra_loyal": "visitors still loyal at the end, with minus without (int)",
    "net_value_mad": "change of margin - actions' cost + loyal visitors x retained_value_mad (MAD)",
    "pays": "net_value_mad > 0 (bool)",
}


def _kpis(t: dict[str, np.ndarray], retained_value: float) -> dict[str, float]:
    loyal = int((~t["lapsed"]).sum())
    margin, cost = float(t["margin"].sum()), float(t["cost"].sum())
    return {
        "orders": int(t["orders"].sum()),
        "conversion": float((t["orders"] > 0).mean()),
        "lapse": float(t["lapsed"].mean()),
        "margin": margin,
        "loyal": loyal,
        "value": margin - cost + loyal * retained_value,
    }


def _without(
    audience: WebAudience, ss: np.random.SeedSequence, on: dict, off_triggers: list[str]
) -> dict[str, np.ndarray]:
    """Totals of the run with ``off_triggers`` switched off.

    Only the visitors whose decisions those triggers changed are simulated again; the
    others live the same life with the same seed and simply do without the actions' cost.
    """
    index = [TRIGGERS.index(t) for t in off_triggers]
    row = index[0] if len(index) == 1 else 4
    touched = np.flatnonzero(on["touched"][row])
    changed = audience.replace(**{TRIGGER_FIELDS[t]: False for t in off_triggers})
    redo = AudienceEngine(changed, ss).run(only=touched).totals()
    out = {k: v.copy() for k, v in on.items()}
    out["cost"][index] = 0.0
    for key in ("orders", "margin", "cost", "lapsed"):
        out[key][..., touched] = redo[key][..., touched]
    return out


def _row(key: str, label: str, on: dict, off: dict, a: WebAudience, cost: float, fired: int):
    k_on, k_off = _kpis(on, a.retained_value_mad), _kpis(off, a.retained_value_mad)
    net = k_on["value"] - k_off["value"]
    return {
        "trigger": key,
        "label": label,
        "active": True,
        "actions": fired,
        "cost_mad": cost,
        "conversion_with": k_on["conversion"],
        "conversion_without": k_off["conversion"],
        "lapse_with": k_on["lapse"],
        "lapse_without": k_off["lapse"],
        "extra_orders": k_on["orders"] - k_off["orders"],
        "extra_margin_mad": k_on["margin"] - k_off["margin"],
        "extra_loyal": k_on["loyal"] - k_off["loyal"],
        "net_value_mad": net,
        "pays": bool(net > 0),
    }


@french_arguments
def trigger_summary(
    audience: WebAudience | None = None,
    *,
    seed: int | np.random.Generator | None = None,
    result: AudienceResult | None = None,
) -> pd.DataFrame:
    """Effect, cost and net value of each active trigger, and of all of them together.

    Each active trigger is compared with the same audience and the **same seed** with only
    that trigger switched off; the last row, ``ensemble``, compares with every trigger off.
    An inactive trigger gets a row with ``active`` False, no action and missing effects.
    Thanks to common random numbers, only the visitors a trigger touched are simulated
    again without it: the others would live exactly the same life.

    Parameters
    ----------
    audience : WebAudience, optional
        The audience and its trigger switches (default ``WebAudience()``).
    seed : None, int or numpy.random.Generator
        Seed of every run (normalised once, then shared by all).
    result : AudienceResult, optional
        A run already made by :func:`simulate_audience` (its audience and seed are used;
        ``audience`` and ``seed`` must then be left out).

    Returns
    -------
    pandas.DataFrame
        One row per trigger of the course (in its order) plus ``ensemble``.

    Columns
    -------
    See :data:`SUMMARY_COLUMNS`: ``trigger``, ``label``, ``active``, ``actions``,
    ``cost_mad``, ``conversion_with``, ``conversion_without``, ``lapse_with``,
    ``lapse_without``, ``extra_orders``, ``extra_margin_mad``, ``extra_loyal``,
    ``net_value_mad``, ``pays``.

    Examples
    --------
    >>> from crmsim.ecrm import WebAudience, trigger_summary
    >>> t = trigger_summary(WebAudience(visitors=300, days=60, survey=False), seed=1)
    >>> t["active"].tolist()
    [True, True, True, False, True]
    >>> bool(t.set_index("trigger").loc["appel", "actions"] > 0)
    True
    """
    if result is not None:
        if not isinstance(result, AudienceResult):
            raise ScenarioError(
                f"result doit être le résultat de simulate_audience(...) ou None, reçu "
                f"{type_fr(result)} ({result!r:.60})."
            )
        if audience is not None or seed is not None:
            raise ScenarioError(
                "Avec result=..., laissez audience et seed de côté : l’audience et la graine "
                "du résultat sont reprises."
            )
        audience, seed = result.audience, result.seed
        on = result.totals
        ss, _ = seed_sequence(seed)
        actions = result.actions
    else:
        audience = check_audience(audience)
        ss, seed = seed_sequence(seed)
        result = simulate_audience(audience, seed=seed)
        on, actions = result.totals, result.actions
    active = list(audience.active_triggers())
    rows = []
    for key in TRIGGERS:
        if key in active:
            fired, cost = _fired_and_cost(actions, key)
            off = _without(audience, ss, on, [key])
            rows.append(_row(key, TRIGGER_LABELS[key], on, off, audience, cost, fired))
        else:
            rows.append({"trigger": key, "label": TRIGGER_LABELS[key], "active": False})
    fired = int((actions["step"] == "déclenchement").sum())
    off = _without(audience, ss, on, active)
    total = float(actions["cost_mad"].sum())
    rows.append(_row("ensemble", "Tous les déclencheurs actifs", on, off, audience, total, fired))
    rows[-1]["active"] = bool(active)
    table = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
    table["active"] = table["active"].astype(bool)
    table["actions"] = table["actions"].fillna(0).astype("int64")
    table["cost_mad"] = table["cost_mad"].fillna(0.0).astype(float)
    table["extra_orders"] = table["extra_orders"].astype("Int64")
    table["extra_loyal"] = table["extra_loyal"].astype("Int64")
    table["pays"] = table["pays"].astype("boolean")
    return table


def _fired_and_cost(actions: pd.DataFrame, key: str) -> tuple[int, float]:
    mine = actions[actions["trigger"] == key]
    return int((mine["step"] == "déclenchement").sum()), float(mine["cost_mad"].sum())


@french_arguments
def threshold_sweep(
    audience: WebAudience | None,
    parameter: str,
    values,
    *,
    trigger: str,
    seed: int | np.random.Generator | None = None,
) -> pd.DataFrame:
    """Net value of one trigger for several values of one parameter (a threshold, a cost...).

    For each value, the audience (with ``trigger`` switched on, the other triggers as
    given) is compared with the same audience and seed without ``trigger``, as in
    :func:`trigger_summary`.

    Parameters
    ----------
    audience : WebAudience or None
        The starting audience (default ``WebAudience()``).
    parameter : str
        A field of :class:`WebAudience`, e.g. ``"email_views_threshold"`` or ``"silence_days"``.
    values : iterable
        The values to try.
    trigger : str
        The trigger evaluated: banniere, email, appel or enquete.
    seed : None, int or numpy.random.Generator
        Seed shared by every run.

    Returns
    -------
    pandas.DataFrame

    Columns
    -------
    value
        The parameter's value.
    actions, cost_mad, conversion_with, conversion_without, lapse_with, lapse_without, extra_orders, extra_margin_mad, extra_loyal, net_value_mad, pays
        As in :func:`trigger_summary`, for ``trigger``.

    Examples
    --------
    >>> from crmsim.ecrm import WebAudience, threshold_sweep
    >>> t = threshold_sweep(WebAudience(visitors=300, days=60), "email_views_threshold",
    ...                     [2, 5], trigger="email", seed=1)
    >>> t["value"].tolist(), bool(t["actions"].iloc[0] > t["actions"].iloc[1])
    ([2, 5], True)
    """
    audience = check_audience(audience)
    if not isinstance(trigger, str) or trigger not in TRIGGERS:
        raise ScenarioError(
            f"trigger doit valoir l’un de {list(TRIGGERS)}, reçu {trigger!r}."
            + did_you_mean(str(trigger), TRIGGERS)
        )
    fields = [f.name for f in dataclasses.fields(WebAudience)]
    if not isinstance(parameter, str) or parameter not in fields:
        raise ScenarioError(
            f"parameter doit être le nom d’un paramètre de WebAudience, reçu {parameter!r}."
            + did_you_mean(str(parameter), fields)
            + " La liste est donnée par WebAudience.parameters()."
        )
    example = "[2, 5, 8]"
    values = check_sequence(values, "values", example=example)
    if not values:
        raise ScenarioError(f"values est vide : donnez au moins une valeur. Exemple : {example}.")
    ss, seed = seed_sequence(seed)
    index = TRIGGERS.index(trigger)
    rows = []
    for value in values:
        a = audience.replace(**{parameter: value, TRIGGER_FIELDS[trigger]: True})
        engine = AudienceEngine(a, ss).run()  # no tables needed: totals and the action log
        on = engine.totals()
        off = _without(a, ss, on, [trigger])
        fired = sum(1 for x in engine.actions if x[3] == index and x[4] == FIRE)
        cost = float(on["cost"][index].sum())
        row = _row(trigger, TRIGGER_LABELS[trigger], on, off, a, cost, fired)
        rows.append({"value": value, **row})
    table = pd.DataFrame(rows).drop(columns=["trigger", "label", "active"])
    return table.astype({"extra_orders": "int64", "extra_loyal": "int64", "pays": bool})


@french_arguments
def best_value(sweep: pd.DataFrame):
    """The value of the swept parameter with the highest net value in a :func:`threshold_sweep`.

    Ties go to the first value tried.

    Parameters
    ----------
    sweep : pandas.DataFrame
        A table of :func:`threshold_sweep` (columns ``value`` and ``net_value_mad``).

    Examples
    --------
    >>> import pandas as pd
    >>> best_value(pd.DataFrame({"value": [1, 3, 5], "net_value_mad": [10.0, 40.0, 25.0]}))
    3
    """
    table = check_table(sweep, ["value", "net_value_mad"], name="sweep")
    net = pd.to_numeric(table["net_value_mad"], errors="coerce")
    if net.isna().all():
        raise DataError(
            "La colonne « net_value_mad » de sweep ne contient aucune valeur numérique : "
            "passez le tableau rendu par threshold_sweep."
        )
    value = table.loc[net.idxmax(), "value"]
    return value.item() if isinstance(value, np.generic) else value


@french_arguments
def trigger_table(audience: WebAudience | None = None) -> pd.DataFrame:
    """The course's tracking table (Tableau 3) with the rule each simulated trigger uses.

    Columns
    -------
    trigger
        Code of the trigger in the simulation (banniere, email, appel, enquete).
    pages_seen, event_detected, action
        The course's table (``datasets/ecrm_triggers.csv``).
    rule
        The exact rule of the simulation, with the audience's thresholds, in French.

    Examples
    --------
    >>> from crmsim.ecrm import trigger_table
    >>> trigger_table()["rule"].iloc[1]
    '5e consultation de la page produit sans commande depuis la dernière commande'
    """
    a = check_audience(audience)
    table = datasets.load("ecrm_triggers").reset_index(drop=True)
    nth = "1re" if a.email_views_threshold == 1 else f"{a.email_views_threshold}e"
    rules = [
        "visite arrivée par un mot-clé de recherche : bannière sur la page d’arrivée",
        f"{nth} consultation de la page produit sans commande depuis la dernière commande",
        "commande commencée puis arrêtée avant le paiement : appel "
        f"{a.call_delay_days:g} jour(s) plus tard",
        f"visiteur régulier (au moins {a.regular_min_visits} visites) qui revient après "
        f"{a.silence_days} jours ou plus sans visite : enquête à cette visite",
    ]
    table.insert(0, "trigger", list(TRIGGERS))
    table["rule"] = rules
    return table
