"""Attrition panel: a situation (preset) and the lever of each cause -> churn by cause.

Every change reruns a small simulation (5 000 customers at the start, 48 months, no
order-level table) with a fixed seed.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from crmsim.analysis import churn_by_cause
from crmsim.formatting import format_number, format_percent, style_fr
from crmsim.model.labels import CAUSES
from crmsim.model.results import SimulationResult
from crmsim.model.simulate import simulate
from crmsim.plotting.simulation import plot_churn_by_cause
from crmsim.scenario import Scenario, list_presets, preset
from crmsim.widgets._base import STYLE, float_slider, render_panel

__all__ = ["ATTRITION_TYPES", "PRESETS", "AttritionPanel"]

#: Situations offered by the panel (presets of :func:`crmsim.list_presets`).
PRESETS: tuple[str, ...] = (
    "cours",
    "calme",
    "crise",
    "guerre_des_prix",
    "ecoute_client",
    "programme_fidelite",
)

#: The course's four attrition types: signal to watch and lever (one row per cause).
ATTRITION_TYPES = pd.DataFrame(
    {
        "cause": list(CAUSES),
        "signal": [
            "réclamation avant le départ, enquêtes de satisfaction",
            "persistant, visible sur tout le marché (prix, offre du concurrent)",
            "pic de départs daté, pendant un événement",
            "aucun signal utile",
        ],
        "lever": [
            "qualité de service, réclamation facile et traitée sur-le-champ",
            "supprimer la cause : aligner les prix, faire évoluer l'offre",
            "gestion de crise, communication intensive",
            "rien de raisonnable : ne pas s'épuiser à la combattre",
        ],
    }
)


class AttritionPanel(widgets.VBox):
    """Preset + one lever per cause -> departures by cause over time and their shares.

    Parameters
    ----------
    situation : str, default "crise"
        Initial preset (one of :data:`PRESETS`).
    seed : int, default 2026
        Seed of every simulation.
    initial_customers : int, default 5000
        Size of the starting base (kept small for live reruns).
    months : int, default 48

    Attributes
    ----------
    situation : ipywidgets.Dropdown
        The preset; changing it resets the levers to that preset's values.
    service_quality, resolution_rate : ipywidgets sliders
        Delivered service quality (0-10) and share of complaints solved at once.
    crisis_communication : ipywidgets.Checkbox
        Crisis communication during a crisis (if the situation has one).
    align_prices : ipywidgets.Checkbox
        Remove the price/offer gap: no permanent offer gap, alignment 3 months after a
        competitor's price cut.
    summary : ipywidgets.HTML
    table_out, plot_out : ipywidgets.Output
        Departures by cause (HTML) and churn by cause per month (PNG).
    result : SimulationResult or None
    causes : pandas.DataFrame or None
        The last table of :func:`churn_by_cause`.
    error : Exception or None
    """

    def __init__(
        self,
        situation: str = "crise",
        *,
        seed: int = 2026,
        initial_customers: int = 5_000,
        months: int = 48,
    ) -> None:
        self.seed, self._n0, self._months = seed, initial_customers, months
        self._loading = False
        descriptions = list_presets()
        self.situation = widgets.Dropdown(
            options=[(f"{p} : {descriptions[p]}", p) for p in PRESETS],
            value=situation,
            description="Situation :",
            style=STYLE,
            layout=widgets.Layout(width="760px"),
        )
        self.service_quality = float_slider("Qualité de service (/10) :", 7.5, 4.0, 10.0, 0.25)
        self.resolution_rate = float_slider(
            "Réclamations résolues sur-le-champ :", 0.8, 0.0, 1.0, 0.05, percent=True
        )
        self.crisis_communication = widgets.Checkbox(
            value=False, description="Communication de crise", style=STYLE
        )
        self.align_prices = widgets.Checkbox(
            value=False, description="Supprimer l'écart de prix et d'offre", style=STYLE
        )
        self.summary = widgets.HTML()
        self.table_out = widgets.Output()
        self.plot_out = widgets.Output()
        self.result: SimulationResult | None = None
        self.causes: pd.DataFrame | None = None
        self.error: Exception | None = None
        super().__init__(
            [
                self.situation,
                widgets.HBox([self.service_quality, self.resolution_rate]),
                widgets.HBox([self.crisis_communication, self.align_prices]),
                self.summary,
                widgets.HBox([self.table_out, self.plot_out]),
            ]
        )
        self.add_class("crmsim-attrition")
        self._load_preset()
        self.situation.observe(self._on_situation, names="value")
        for control in self._levers():
            control.observe(self._update, names="value")
        self._update()

    def __repr__(self) -> str:
        return (
            f"AttritionPanel(situation={self.situation.value!r}, "
            f"qualite={self.service_quality.value:g})"
        )

    def _levers(self) -> list[widgets.ValueWidget]:
        return [
            self.service_quality,
            self.resolution_rate,
            self.crisis_communication,
            self.align_prices,
        ]

    def _base(self) -> Scenario:
        return preset(self.situation.value).replace(
            **{"market.initial_customers": self._n0, "market.market_size": 20 * self._n0},
            months=self._months,
        )

    def _load_preset(self) -> None:
        base = self._base()
        self._loading = True
        try:
            self.service_quality.value = base.satisfaction.service_quality
            self.resolution_rate.value = base.satisfaction.resolution_rate
            self.crisis_communication.value = base.events.crisis_communication
            self.align_prices.value = False
        finally:
            self._loading = False

    def _on_situation(self, _change: object = None) -> None:
        self._load_preset()
        self._update()

    def scenario(self) -> Scenario:
        """The scenario described by the controls."""
        base = self._base()
        changes: dict[str, object] = {
            "satisfaction.service_quality": float(self.service_quality.value),
            "satisfaction.resolution_rate": float(self.resolution_rate.value),
            "events.crisis_communication": bool(self.crisis_communication.value),
        }
        if self.align_prices.value:
            changes["attrition.offer_gap_pct"] = 0.0
            cut = base.events.competitor_price_cut_month
            if cut is not None:
                changes["events.firm_alignment_month"] = cut + 3
        return base.replace(**changes)

    def _update(self, _change: object = None) -> None:
        if self._loading:
            return
        self.error = render_panel(
            self.table_out,
            self.plot_out,
            self._render_table,
            lambda: [plot_churn_by_cause(self.result.monthly).figure],  # type: ignore[union-attr]
            self.summary,
        )

    def _render_table(self) -> list[str]:
        self.result = self.causes = None
        self.result = simulate(self.scenario(), seed=self.seed, transactions=False)
        k = self.result.kpis()
        self.causes = churn_by_cause(self.result.monthly)
        first = self.causes.sort_values("churned", ascending=False).iloc[0]
        self.summary.value = (
            f"Attrition annuelle : <b>{format_percent(k['yearly_churn_rate'], 1)}</b> ; "
            f"<b>{format_number(int(self.causes['churned'].sum()), 0)} départs</b> en "
            f"{self._months} mois, dont <b>{format_percent(first['share'], 0)}</b> "
            f"pour la cause « {first['cause']} ». Clients actifs à la fin : "
            f"<b>{format_number(k['active_end'], 0)}</b>."
        )
        table = self.causes.merge(ATTRITION_TYPES[["cause", "lever"]], on="cause")
        styler = style_fr(
            table,
            percent=["share"],
            number=["churned"],
            decimals=0,
            labels={"cause": "Cause", "churned": "Départs", "share": "Part", "lever": "Levier"},
        )
        return [styler.to_html()]
