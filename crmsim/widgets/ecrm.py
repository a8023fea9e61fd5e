"""e-CRM panel: switch the four triggers, change their thresholds -> effect, cost, net value.

Every change reruns the simulated web audience (:func:`crmsim.ecrm.simulate_audience`,
2 000 visitors over 90 days by default) with a fixed seed, then
:func:`crmsim.ecrm.trigger_summary` compares it with the same audience without each trigger.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd

from crmsim.ecrm import (
    TRIGGER_FIELDS,
    TRIGGERS,
    AudienceResult,
    WebAudience,
    simulate_audience,
    trigger_summary,
)
from crmsim.formatting import format_money, format_number, format_percent
from crmsim.plotting.ecrm import plot_trigger_effects, plot_trigger_value, style_trigger_summary
from crmsim.widgets._base import STYLE, render_panel
from crmsim.widgets._controls import column, french_slider

__all__ = ["EcrmPanel"]

_SWITCHES = {
    "banniere": "Mot-clé de recherche → bannière d’autopromotion",
    "email": "Page produit vue N fois sans achat → e-mail de relance avec remise",
    "appel": "Commande abandonnée avant le paiement → appel du service client",
    "enquete": "Visiteur régulier silencieux → enquête à la visite suivante",
}


class EcrmPanel(widgets.VBox):
    """The four triggers of the course's tracking table as switches, with two thresholds.

    Parameters
    ----------
    audience : WebAudience, optional
        Starting parameters (default: ``WebAudience(visitors=2000)``, 90 days, the four
        triggers on, e-mail after 5 views, survey after 31 days of silence).
    seed : int, default 2026
        Seed of every run (the same for the runs with and without a trigger).

    Attributes
    ----------
    switches : dict of ipywidgets.Checkbox
        One per trigger (keys ``banniere``, ``email``, ``appel``, ``enquete``).
    email_views : ipywidgets.IntSlider
        Product-page views without an order that send the e-mail.
    silence_days : ipywidgets.IntSlider
        Days of silence of a regular visitor that bring the survey.
    summary : ipywidgets.HTML
    table_out, plot_out : ipywidgets.Output
        The trigger summary (HTML) and the value and effect charts (PNG).
    result : AudienceResult or None
    table : pandas.DataFrame or None
        The last :func:`crmsim.ecrm.trigger_summary`.
    error : Exception or None
    """

    def __init__(self, audience: WebAudience | None = None, *, seed: int = 2026) -> None:
        self.audience = audience if audience is not None else WebAudience(visitors=2_000)
        self.seed = seed
        a = self.audience
        self.switches = {
            t: widgets.Checkbox(
                value=bool(getattr(a, TRIGGER_FIELDS[t])),
                description=_SWITCHES[t],
                style=STYLE,
                layout=widgets.Layout(width="620px"),
            )
            for t in TRIGGERS
        }
        self.email_views = french_slider(
            "E-mail après N consultations sans achat :",
            a.email_views_threshold,
            1,
            15,
            1,
            integer=True,
        )
        self.silence_days = french_slider(
            "Silence avant l’enquête (jours) :", a.silence_days, 7, 90, 1, integer=True
        )
        self.summary = widgets.HTML()
        self.table_out = widgets.Output()
        self.plot_out = widgets.Output()
        self.result: AudienceResult | None = None
        self.table: pd.DataFrame | None = None
        self.error: Exception | None = None
        super().__init__(
            [
                widgets.HTML("<b>Déclencheurs actifs</b> (règles du tableau 3 du cours)"),
                *self.switches.values(),
                column(self.email_views, self.silence_days),
                self.summary,
                self.table_out,
                self.plot_out,
            ]
        )
        self.add_class("crmsim-ecrm")
        for control in [*self.switches.values(), self.email_views, self.silence_days]:
            control.observe(self._update, names="value")
        self._update()

    def __repr__(self) -> str:
        on = [t for t, box in self.switches.items() if box.value]
        return (
            f"EcrmPanel(actifs={on}, email_apres={self.email_views.value}, "
            f"silence_jours={self.silence_days.value})"
        )

    def current_audience(self) -> WebAudience:
        """The audience the controls describe."""
        return self.audience.replace(
            email_views_threshold=self.email_views.value,
            silence_days=self.silence_days.value,
            **{TRIGGER_FIELDS[t]: box.value for t, box in self.switches.items()},
        )

    def _update(self, _change: object = None) -> None:
        self.error = render_panel(
            self.table_out, self.plot_out, self._render_table, self._figures, self.summary
        )

    def _render_table(self) -> list:
        self.result = self.table = None
        result = simulate_audience(self.current_audience(), seed=self.seed)
        self.result = result
        self.table = trigger_summary(result=result)
        k, total = result.kpis(), self.table.set_index("trigger").loc["ensemble"]
        if not bool(total["active"]):
            self.summary.value = (
                f"Aucun déclencheur actif : {format_percent(k['conversion_rate'], 1)} des "
                f"visiteurs commandent et {format_percent(k['lapse_rate'], 1)} délaissent le "
                "site. Cochez un déclencheur pour mesurer ce qu’il apporte."
            )
            return [style_trigger_summary(self.table).to_html()]
        verdict = "rapportent" if total["net_value_mad"] > 0 else "coûtent"
        self.summary.value = (
            f"{format_number(k['visitors'], 0)} visiteurs, {format_number(k['sessions'], 0)} "
            f"visites en {result.audience.days} "
            f"jours. Avec ces déclencheurs, <b>{format_percent(k['conversion_rate'], 1)}</b> "
            f"des visiteurs commandent (contre {format_percent(total['conversion_without'], 1)} "
            f"sans aucun) et <b>{format_percent(k['lapse_rate'], 1)}</b> délaissent le site "
            f"(contre {format_percent(total['lapse_without'], 1)}). Ensemble, ils {verdict} "
            f"<b>{format_money(abs(total['net_value_mad']), decimals=0)}</b> nets "
            f"(coût des actions : {format_money(total['cost_mad'], decimals=0)})."
        )
        return [style_trigger_summary(self.table).to_html()]

    def _figures(self) -> list:
        if self.table is None or not self.table["active"].any():
            return []
        # fixed margins: a constrained layout would double the time of the chart
        fig, (left, right) = plt.subplots(1, 2, figsize=(14, 4.8))
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.14, top=0.91, wspace=0.22)
        plot_trigger_value(self.table, ax=left)
        plot_trigger_effects(self.table, ax=right)
        return [fig]
