"""Charts and the French table of the e-CRM lesson (triggers of a simulated web audience).

Each ``plot_*`` function draws on ``ax`` (a new figure when missing) and returns the Axes;
fonts are set per element, never through global settings.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from crmsim._validation import check_columns, ensure_frame
from crmsim.ecrm import SUMMARY_COLUMNS, TRIGGER_LABELS, TRIGGERS, AudienceResult
from crmsim.errors import DataError
from crmsim.formatting import format_money, style_fr
from crmsim.plotting._base import FONT, french_axis, new_axes, style_axes

__all__ = [
    "TRIGGER_COLORS",
    "plot_trigger_activity",
    "plot_trigger_effects",
    "plot_trigger_value",
    "style_action_costs",
    "style_threshold_sweep",
    "style_trigger_rules",
    "style_trigger_summary",
]

#: One colour per trigger, the same in every chart of the lesson.
TRIGGER_COLORS: dict[str, str] = {
    "banniere": "#5b9bd5",
    "email": "#ed7d31",
    "appel": "#70ad47",
    "enquete": "#7030a0",
}

_SHORT = {
    "banniere": "Bannière",
    "email": "E-mail",
    "appel": "Appel",
    "enquete": "Enquête",
    "ensemble": "Ensemble",
}

#: French headings of :func:`crmsim.ecrm.trigger_summary`'s columns.
SUMMARY_LABELS: dict[str, str] = {
    "label": "Déclencheur",
    "active": "Actif",
    "actions": "Actions",
    "cost_mad": "Coût (MAD)",
    "conversion_with": "Conversion avec",
    "conversion_without": "Conversion sans",
    "lapse_with": "Départs avec",
    "lapse_without": "Départs sans",
    "extra_orders": "Commandes en plus",
    "extra_margin_mad": "Marge en plus (MAD)",
    "extra_loyal": "Visiteurs gardés en plus",
    "net_value_mad": "Valeur nette (MAD)",
    "pays": "Rentable",
}


#: French headings of :func:`crmsim.ecrm.trigger_table`'s columns.
RULE_LABELS: dict[str, str] = {
    "pages_seen": "Pages consultées",
    "event_detected": "Événement détecté",
    "action": "Action déclenchée",
    "rule": "Règle de la simulation",
}

#: French headings of the columns of :func:`crmsim.ecrm.threshold_sweep` shown to students.
SWEEP_LABELS: dict[str, str] = {
    "value": "Seuil",
    "actions": "Actions",
    "cost_mad": "Coût (MAD)",
    "extra_orders": "Commandes en plus",
    "extra_loyal": "Visiteurs gardés en plus",
    "net_value_mad": "Valeur nette (MAD)",
}


def style_trigger_rules(rules: pd.DataFrame):
    """The course's tracking table with the simulation's rules, French headings, no codes.

    Examples
    --------
    >>> from crmsim.ecrm import trigger_table
    >>> "Règle de la simulation" in style_trigger_rules(trigger_table()).to_html()
    True
    """
    table = ensure_frame(rules, "rules")
    check_columns(table, list(RULE_LABELS), "rules")
    return style_fr(table[list(RULE_LABELS)], labels=RULE_LABELS)


def style_action_costs(costs: pd.DataFrame):
    """Actions and their cost (:meth:`crmsim.ecrm.AudienceResult.action_costs`) in French.

    Examples
    --------
    >>> from crmsim.ecrm import WebAudience, simulate_audience
    >>> res = simulate_audience(WebAudience(visitors=200, days=30), seed=1)
    >>> "Coût (MAD)" in style_action_costs(res.action_costs()).to_html()
    True
    """
    table = ensure_frame(costs, "costs")
    check_columns(table, ["action", "actions", "cost_mad"], "costs")
    labels = {"action": "Action", "actions": "Actions", "cost_mad": "Coût (MAD)"}
    return style_fr(table, number=["actions", "cost_mad"], decimals=0, labels=labels)


def style_threshold_sweep(sweep: pd.DataFrame):
    """A threshold sweep (:func:`crmsim.ecrm.threshold_sweep`): counts and MAD, no decimals.

    Only the columns of :data:`SWEEP_LABELS` are shown, under their French headings.

    Examples
    --------
    >>> from crmsim.ecrm import WebAudience, threshold_sweep
    >>> sweep = threshold_sweep(
    ...     WebAudience(visitors=200, days=30), "silence_days", [7, 14], trigger="enquete", seed=1
    ... )
    >>> "Valeur nette (MAD)" in style_threshold_sweep(sweep).to_html()
    True
    """
    table = ensure_frame(sweep, "sweep")
    check_columns(table, list(SWEEP_LABELS), "sweep")
    numbers = [c for c in SWEEP_LABELS if c != "value"]
    return style_fr(table[list(SWEEP_LABELS)], number=numbers, decimals=0, labels=SWEEP_LABELS)


def _summary(summary: pd.DataFrame) -> pd.DataFrame:
    summary = ensure_frame(summary, "summary")
    check_columns(summary, list(SUMMARY_COLUMNS), "summary")
    return summary


def _active(summary: pd.DataFrame, ensemble: bool) -> pd.DataFrame:
    rows = summary[summary["active"].astype(bool)]
    if not ensemble:
        rows = rows[rows["trigger"] != "ensemble"]
    if rows.empty:
        raise DataError(
            "Aucun déclencheur actif dans summary : activez au moins un déclencheur "
            "(WebAudience(banner=True, ...)) avant de tracer le graphique."
        )
    return rows


def style_trigger_summary(summary: pd.DataFrame):
    """The trigger summary as a French table (pandas Styler): rates in %, MAD, oui/non.

    Examples
    --------
    >>> from crmsim.ecrm import WebAudience, trigger_summary
    >>> t = trigger_summary(WebAudience(visitors=200, days=60), seed=1)
    >>> "Valeur nette (MAD)" in style_trigger_summary(t).to_html()
    True
    """
    table = _summary(summary).drop(columns=["trigger"]).copy()
    table["active"] = np.where(table["active"].astype(bool), "oui", "non")
    table["pays"] = [
        "—" if pd.isna(p) else ("oui" if p else "non") for p in table["pays"].astype(object)
    ]
    for col in ("extra_orders", "extra_loyal"):
        table[col] = ["—" if pd.isna(x) else f"{int(x):+d}".replace("-", "−") for x in table[col]]
    return style_fr(
        table,
        percent=["conversion_with", "conversion_without", "lapse_with", "lapse_without"],
        number=["cost_mad", "extra_margin_mad", "net_value_mad"],
        decimals=1,
        labels=SUMMARY_LABELS,
    ).format({"actions": lambda v: f"{int(v):,}".replace(",", "\u00a0")}, subset=["actions"])


def plot_trigger_value(summary: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """What each active trigger brings (margin and loyal visitors) and costs, and its net value.

    Parameters
    ----------
    summary : DataFrame
        Output of :func:`crmsim.ecrm.trigger_summary`.
    ax : Axes, optional
        Where to draw; a new figure when missing.
    """
    rows = _active(_summary(summary), ensemble=False)
    ax = new_axes(ax)
    y = np.arange(len(rows))[::-1]
    cost = rows["cost_mad"].to_numpy(float)
    net = rows["net_value_mad"].to_numpy(float)
    gain = net + cost
    ax.barh(y + 0.18, gain, height=0.36, color="#2e75b6", label="gain (marge et fidélité)")
    ax.barh(y - 0.18, -cost, height=0.36, color="#c00000", alpha=0.75, label="coût des actions")
    ax.scatter(net, y, marker="D", s=70, color="black", zorder=3, label="valeur nette")
    for yi, value in zip(y, net, strict=True):
        ax.annotate(
            format_money(value, decimals=0),
            (value, yi),
            xytext=(8, 6),
            textcoords="offset points",
            fontsize=FONT["annotation"],
        )
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, [_SHORT[t] for t in rows["trigger"]], fontsize=FONT["label"])
    french_axis(ax, "x")
    ax.legend(fontsize=FONT["legend"], loc="best")
    return style_axes(
        ax,
        "Ce que rapporte et coûte chaque déclencheur",
        "MAD sur la période (comparé au même public sans ce déclencheur)",
        "",
    )


def plot_trigger_effects(summary: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Change of the conversion rate and of the departure rate due to each active trigger.

    Bars in percentage points: with the trigger minus without it (same seed).
    """
    rows = _active(_summary(summary), ensemble=True)
    ax = new_axes(ax)
    x = np.arange(len(rows))
    conv = (rows["conversion_with"] - rows["conversion_without"]).to_numpy(float)
    lapse = (rows["lapse_with"] - rows["lapse_without"]).to_numpy(float)
    ax.bar(x - 0.2, conv, width=0.4, color="#1f4e79", label="conversion")
    ax.bar(x + 0.2, lapse, width=0.4, color="#c00000", label="départs du site")
    ax.axhline(0, color="black", lw=0.8)
    ax.set_xticks(x, [_SHORT[t] for t in rows["trigger"]], fontsize=FONT["label"])
    french_axis(ax, "y", percent=True, decimals=1)
    ax.legend(fontsize=FONT["legend"], loc="best")
    return style_axes(
        ax,
        "Effet de chaque déclencheur (avec − sans)",
        "",
        "Écart (points de pourcentage)",
    )


def plot_trigger_activity(
    result: AudienceResult, *, every_days: int = 7, ax: Axes | None = None
) -> Axes:
    """Actions fired per period (stacked by trigger) and the visits of the audience.

    Parameters
    ----------
    result : AudienceResult
        A run of :func:`crmsim.ecrm.simulate_audience`.
    every_days : int, default 7
        Length of a period (7 = one bar per week).
    """
    if not isinstance(result, AudienceResult):
        raise DataError(
            f"result doit être le résultat de simulate_audience(...), reçu {type(result).__name__}."
        )
    if not isinstance(every_days, int) or every_days < 1:
        raise DataError(f"every_days doit être un entier ≥ 1, reçu {every_days!r}.")
    periods = int(np.ceil(result.audience.days / every_days))
    ax = new_axes(ax)
    x = np.arange(periods)
    act = result.actions[result.actions["step"] == "déclenchement"]
    bottom = np.zeros(periods)
    for trigger in TRIGGERS:
        days = act.loc[act["trigger"] == trigger, "day"].to_numpy()
        counts = np.bincount((days // every_days).astype(int), minlength=periods)[:periods]
        if counts.any():
            ax.bar(
                x,
                counts,
                bottom=bottom,
                color=TRIGGER_COLORS[trigger],
                label=TRIGGER_LABELS[trigger],
            )
            bottom += counts
    ax.set_ylim(0, max(float(bottom.max()), 1.0) * 1.1)
    visits = np.bincount(
        (result.sessions["day"].to_numpy() // every_days).astype(int), minlength=periods
    )[:periods]
    right = ax.twinx()
    right.plot(x, visits, color="black", lw=2, marker="o", label="visites")
    right.set_ylim(0, visits.max() * 1.15 if visits.any() else 1)
    right.set_ylabel("Visites", fontsize=FONT["label"])
    right.tick_params(labelsize=FONT["ticks"])
    french_axis(right, "y")
    french_axis(ax, "y")
    handles, labels = ax.get_legend_handles_labels()
    h2, l2 = right.get_legend_handles_labels()
    ax.legend(
        handles + h2,
        labels + l2,
        fontsize=FONT["legend"],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.16),
        ncol=3,
    )
    unit = "semaine" if every_days == 7 else f"période de {every_days} jours"
    return style_axes(
        ax, f"Actions déclenchées par {unit}", f"Numéro de {unit} (à partir de 0)", "Actions"
    )
