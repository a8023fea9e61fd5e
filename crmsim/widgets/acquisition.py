"""Acquisition panel: one campaign channel's levers and word of mouth -> KPIs and new customers.

Every change reruns a small simulation (5 000 customers at the start, 36 months, no
order-level table: a few hundredths of a second) with a fixed seed, so that the
difference between two views is the effect of the levers.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from crmsim.analysis import campaign_kpis_by_channel
from crmsim.formatting import format_money, format_number, format_percent, style_fr
from crmsim.model.results import SimulationResult
from crmsim.model.simulate import simulate
from crmsim.plotting.lifetime import plot_acquisition_sources
from crmsim.scenario import Scenario, preset
from crmsim.widgets._base import STYLE, float_slider, render_panel

__all__ = ["CHANNELS", "AcquisitionPanel", "acquisition_scenario"]

#: Campaign channels offered: French label -> key of :class:`crmsim.scenario.Acquisition`.
CHANNELS: dict[str, str] = {
    "mailing": "mailing",
    "téléphone": "phone",
    "e-mail": "email",
    "force de vente": "sales_force",
    "web": "web",
}

_KPI_LABELS = {
    "channel": "Canal",
    "messages": "Messages",
    "responses": "Réponses",
    "orders": "Commandes",
    "cost": "Coût total",
    "response_rate": "Taux de remontée",
    "conversion_rate": "Taux de transformation",
    "contact_cost": "Coût du contact",
    "prospect_acquisition_cost": "Coût par prospect",
    "customer_acquisition_cost": "Coût d'acquisition client",
    "average_order": "Commande moyenne",
    "break_even_orders": "Point mort (commandes)",
}


def acquisition_scenario(initial_customers: int = 5_000, months: int = 36) -> Scenario:
    """The panel's base: the ``cours`` preset scaled down for live reruns."""
    return preset("cours").replace(
        **{
            "market.initial_customers": initial_customers,
            "market.market_size": 20 * initial_customers,
            "events.crisis_month": None,
        },
        months=months,
    )


class AcquisitionPanel(widgets.VBox):
    """Campaign levers of one channel and word-of-mouth levers -> KPI table and new customers.

    Parameters
    ----------
    seed : int, default 2026
        Seed of every simulation of the panel.
    base : Scenario, optional
        Scenario the levers modify (default: :func:`acquisition_scenario`).

    Attributes
    ----------
    channel : ipywidgets.Dropdown
        The channel whose levers are shown (changing it loads that channel's values).
    contacts, response_rate, conversion_rate, contact_cost : ipywidgets sliders
        Contacts per month, response rate, conversion rate and cost per contact (MAD).
    imitation_q, unhappy_tell : ipywidgets sliders
        Bass imitation coefficient (per month) and people told by an unhappy customer.
    summary : ipywidgets.HTML
        French sentences: customers won by campaigns and by word of mouth, cost per customer.
    table_out, plot_out : ipywidgets.Output
        KPI table per channel (HTML) and new customers by source (PNG).
    result : SimulationResult or None
        The last simulation.
    kpis : pandas.DataFrame or None
        The last KPI table (:func:`crmsim.campaign_kpis_by_channel`).
    error : Exception or None
        The crmsim error shown instead of the results, if any.
    """

    def __init__(self, *, seed: int = 2026, base: Scenario | None = None) -> None:
        self.seed = seed
        self.base = base if base is not None else acquisition_scenario()
        self._scenario = self.base
        self._loading = False
        self.channel = widgets.Dropdown(
            options=list(CHANNELS), value="mailing", description="Canal :", style=STYLE
        )
        self.contacts = widgets.IntSlider(
            value=0,
            min=0,
            max=40_000,
            step=500,
            description="Contacts par mois :",
            continuous_update=False,
            style=STYLE,
            layout=widgets.Layout(width="420px"),
        )
        self.response_rate = float_slider("Taux de remontée :", 0.03, 0.0, 0.3, 0.005, percent=True)
        self.conversion_rate = float_slider(
            "Taux de transformation :", 0.35, 0.0, 1.0, 0.05, percent=True
        )
        self.contact_cost = float_slider("Coût du contact (MAD) :", 6.0, 0.0, 200.0, 0.5)
        mk = self.base.market
        self.imitation_q = float_slider(
            "Imitation q (par mois) :", mk.imitation_q, 0.0, 0.02, 0.0005
        )
        self.imitation_q.readout_format = ".4f"
        self.unhappy_tell = float_slider(
            "Personnes informées par un mécontent :", mk.unhappy_tell, 0.0, 20.0, 1.0
        )
        self.summary = widgets.HTML()
        self.table_out = widgets.Output()
        self.plot_out = widgets.Output()
        self.result: SimulationResult | None = None
        self.kpis: pd.DataFrame | None = None
        self.error: Exception | None = None
        super().__init__(
            [
                widgets.HBox([self.channel, self.contacts]),
                widgets.HBox([self.response_rate, self.conversion_rate]),
                widgets.HBox([self.contact_cost]),
                widgets.HBox([self.imitation_q, self.unhappy_tell]),
                self.summary,
                self.table_out,
                self.plot_out,
            ]
        )
        self.add_class("crmsim-acquisition")
        self._load_channel()
        self.channel.observe(self._on_channel, names="value")
        for control in self._levers():
            control.observe(self._update, names="value")
        self._update()

    def __repr__(self) -> str:
        return (
            f"AcquisitionPanel(canal={self.channel.value!r}, contacts={self.contacts.value}, "
            f"q={self.imitation_q.value:g})"
        )

    def _levers(self) -> list[widgets.ValueWidget]:
        return [
            self.contacts,
            self.response_rate,
            self.conversion_rate,
            self.contact_cost,
            self.imitation_q,
            self.unhappy_tell,
        ]

    def _load_channel(self) -> None:
        """Show the levers of the selected channel, as currently set in the scenario."""
        ch = getattr(self._scenario.acquisition, CHANNELS[self.channel.value])
        self._loading = True
        try:
            self.contacts.value = ch.contacts_per_month
            self.response_rate.value = ch.response_rate
            self.conversion_rate.value = ch.conversion_rate
            self.contact_cost.value = ch.contact_cost_mad
        finally:
            self._loading = False

    def _on_channel(self, _change: object = None) -> None:
        self._load_channel()

    def scenario(self) -> Scenario:
        """The scenario described by the controls (raises a French error for a bad value)."""
        key = f"acquisition.{CHANNELS[self.channel.value]}"
        return self._scenario.replace(
            **{
                f"{key}.contacts_per_month": int(self.contacts.value),
                f"{key}.response_rate": float(self.response_rate.value),
                f"{key}.conversion_rate": float(self.conversion_rate.value),
                f"{key}.contact_cost_mad": float(self.contact_cost.value),
                "market.imitation_q": float(self.imitation_q.value),
                "market.unhappy_tell": float(self.unhappy_tell.value),
            }
        )

    def _update(self, _change: object = None) -> None:
        if self._loading:
            return
        self.error = render_panel(
            self.table_out,
            self.plot_out,
            self._render_table,
            lambda: [plot_acquisition_sources(self.result.monthly).figure],  # type: ignore[union-attr]
            self.summary,
        )

    def _render_table(self) -> list[str]:
        self.result = self.kpis = None
        self._scenario = self.scenario()
        self.result = simulate(self._scenario, seed=self.seed, transactions=False)
        mo = self.result.monthly
        self.kpis = campaign_kpis_by_channel(self.result.campaigns)
        campaigns = int(self.kpis["orders"].sum())
        wom, ext = int(mo["new_word_of_mouth"].sum()), int(mo["new_external"].sum())
        total = campaigns + wom + ext
        cac = self.kpis["cost"].sum() / campaigns if campaigns else float("nan")
        months = self._scenario.months
        self.summary.value = (
            f"En {months} mois : <b>{format_number(total, 0)} nouveaux clients</b>, dont "
            f"<b>{format_number(campaigns, 0)}</b> par les campagnes "
            f"({format_percent(campaigns / total if total else float('nan'), 0)}) et "
            f"<b>{format_number(wom, 0)}</b> par le bouche-à-oreille. "
            f"Coût d'acquisition moyen d'un client de campagne : <b>{format_money(cac, decimals=0)}</b>."
        )
        shown = self.kpis[list(_KPI_LABELS)]
        styler = style_fr(
            shown,
            percent=["response_rate", "conversion_rate"],
            money=[
                "cost",
                "contact_cost",
                "prospect_acquisition_cost",
                "customer_acquisition_cost",
                "average_order",
            ],
            number=["messages", "responses", "orders", "break_even_orders"],
            decimals=0,
            labels=_KPI_LABELS,
        )
        return [styler.to_html()]
