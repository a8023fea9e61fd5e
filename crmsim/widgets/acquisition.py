"""Acquisition panel: one campaign channel's levers and word of mouth -> KPIs and new customers.

Every change reruns a small simulation (5 000 customers at the start, 36 months, no
order-level table: a few hundredths of a second) with a fixed seed, so that the
difference between two views is the effect of the levers. The controls are built from
the Scenario metadata (:data:`CHANNEL_LEVERS`, :data:`WORD_OF_MOUTH_LEVERS`).
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from crmsim.analysis import campaign_kpis_by_channel
from crmsim.analysis.campaign_results import new_customers_by_source
from crmsim.formatting import format_money, format_number, format_percent, style_fr
from crmsim.model.results import SimulationResult
from crmsim.model.simulate import simulate
from crmsim.plotting.lifetime import plot_acquisition_sources
from crmsim.scenario import Scenario
from crmsim.widgets._base import Panel
from crmsim.widgets._controls import STYLE, Param, caption, column, scaled_preset

__all__ = [
    "CHANNELS",
    "CHANNEL_LEVERS",
    "WORD_OF_MOUTH_LEVERS",
    "AcquisitionPanel",
    "acquisition_scenario",
]

#: Campaign channels offered: French label -> key of :class:`crmsim.scenario.Acquisition`.
CHANNELS: dict[str, str] = {
    "publipostage": "mailing",
    "téléphone": "phone",
    "e-mail": "email",
    "force de vente": "sales_force",
    "web": "web",
}

#: Levers of one channel (attribute name -> parameter); the metadata is the same for every
#: channel, the panel applies them to the channel selected.
CHANNEL_LEVERS: dict[str, Param] = {
    "contacts": Param("acquisition.mailing.contacts_per_month", 0, 40_000, 500),
    "response_rate": Param("acquisition.mailing.response_rate", 0.0, 0.3, 0.005),
    "conversion_rate": Param("acquisition.mailing.conversion_rate", 0.0, 1.0, 0.05),
    "contact_cost": Param("acquisition.mailing.contact_cost_mad", 0.0, 200.0, 0.5),
}

#: Word-of-mouth levers (attribute name -> parameter).
WORD_OF_MOUTH_LEVERS: dict[str, Param] = {
    "imitation_q": Param("market.imitation_q", 0.0, 0.02, 0.0005),
    "unhappy_tell": Param("market.unhappy_tell", 0.0, 20.0, 1.0),
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
    "customer_acquisition_cost": "Coût d’acquisition client",
    "average_order": "Commande moyenne",
    "break_even_orders": "Point mort (commandes)",
}


def acquisition_scenario(initial_customers: int = 5_000, months: int = 36) -> Scenario:
    """The panel's base: the ``cours`` preset scaled down for live reruns."""
    return scaled_preset("cours", initial_customers, months, **{"events.crisis_month": None})


class AcquisitionPanel(Panel):
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
        self.channel = widgets.Dropdown(
            options=list(CHANNELS), value="publipostage", description=caption("Canal"), style=STYLE
        )
        for name, lever in {**CHANNEL_LEVERS, **WORD_OF_MOUTH_LEVERS}.items():
            setattr(self, name, lever.control(self._scenario.get(lever.path)))
        self.result: SimulationResult | None = None
        self.kpis: pd.DataFrame | None = None
        super().__init__(
            [
                self.channel,
                widgets.HBox(
                    [
                        column(
                            widgets.HTML("<b>Campagnes du canal choisi</b>"),
                            *(getattr(self, name) for name in CHANNEL_LEVERS),
                        ),
                        column(
                            widgets.HTML("<b>Bouche-à-oreille</b>"),
                            *(getattr(self, name) for name in WORD_OF_MOUTH_LEVERS),
                        ),
                    ]
                ),
            ],
            css_class="crmsim-acquisition",
            layout="stacked",
        )
        self._load_channel()
        self.channel.observe(self._on_channel, names="value")
        self.watch(*self._levers())
        self.refresh()

    def __repr__(self) -> str:
        return (
            f"AcquisitionPanel(canal={self.channel.value!r}, contacts={self.contacts.value}, "
            f"q={self.imitation_q.value:g})"
        )

    def _levers(self) -> list[widgets.ValueWidget]:
        return [getattr(self, name) for name in (*CHANNEL_LEVERS, *WORD_OF_MOUTH_LEVERS)]

    def _channel_path(self, lever: Param) -> str:
        """The lever's path for the channel selected."""
        return lever.path.replace(
            "acquisition.mailing.", f"acquisition.{CHANNELS[self.channel.value]}."
        )

    def _load_channel(self) -> None:
        """Show the levers of the selected channel, as currently set in the scenario."""
        with self.loading():
            for name, lever in CHANNEL_LEVERS.items():
                getattr(self, name).value = self._scenario.get(self._channel_path(lever))

    def _on_channel(self, _change: object = None) -> None:
        self._load_channel()

    def scenario(self) -> Scenario:
        """The scenario described by the controls (raises a French error for a bad value)."""
        changes = {
            self._channel_path(lever): getattr(self, name).value
            for name, lever in CHANNEL_LEVERS.items()
        }
        changes.update(
            {lever.path: getattr(self, name).value for name, lever in WORD_OF_MOUTH_LEVERS.items()}
        )
        return self._scenario.replace(**changes)

    def _render_plot(self) -> list:
        return [plot_acquisition_sources(self.result.monthly).figure]  # type: ignore[union-attr]

    def _render_table(self) -> list[str]:
        self.result = self.kpis = None
        self._scenario = self.scenario()
        self.result = simulate(self._scenario, seed=self.seed, transactions=False)
        self.kpis = campaign_kpis_by_channel(self.result.campaigns)
        sources = new_customers_by_source(self.result.monthly, self.result.campaigns)
        sources = sources.set_index("source")
        total = int(sources["customers"].sum())
        campaigns, wom = sources.loc["campaigns"], sources.loc["word_of_mouth"]
        self.summary.value = (
            f"En {self._scenario.months} mois\u00a0: <b>{format_number(total, 0)} nouveaux "
            f"clients</b>, dont <b>{format_number(campaigns['customers'], 0)}</b> par les "
            f"campagnes ({format_percent(campaigns['share'], 0)}) et "
            f"<b>{format_number(wom['customers'], 0)}</b> par le bouche-à-oreille. "
            "Coût d’acquisition moyen d’un client de campagne\u00a0: "
            f"<b>{format_money(campaigns['cost_per_customer'], decimals=0)}</b>."
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
