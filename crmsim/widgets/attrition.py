"""Attrition panel: a situation (preset) and the lever of each cause -> churn by cause.

Every change reruns a small simulation (5 000 customers at the start, 48 months, no
order-level table) with a fixed seed. The lever of each cause, shown beside its
departures, comes from the course table ``datasets/attrition_types.csv``.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from crmsim import datasets
from crmsim.analysis import churn_by_cause
from crmsim.formatting import format_number, format_percent, style_fr
from crmsim.model.results import SimulationResult
from crmsim.model.simulate import simulate
from crmsim.plotting.simulation import plot_churn_by_cause
from crmsim.scenario import Scenario, list_presets
from crmsim.widgets._base import Panel
from crmsim.widgets._controls import STYLE, Param, column, dropdown, scaled_preset

__all__ = ["LEVERS", "PRESETS", "AttritionPanel", "aligned_prices"]

#: Situations offered by the panel (presets of :func:`crmsim.list_presets`).
PRESETS: tuple[str, ...] = (
    "cours",
    "calme",
    "crise",
    "guerre_des_prix",
    "ecoute_client",
    "programme_fidelite",
)

#: The Scenario parameters offered as controls (labels and units from the metadata).
LEVERS: tuple[Param, ...] = (
    Param("satisfaction.service_quality", 4.0, 10.0, 0.25),
    Param("satisfaction.resolution_rate", 0.0, 1.0, 0.05),
    Param("events.crisis_communication"),
)


def aligned_prices(scenario: Scenario, *, delay_months: int = 3) -> Scenario:
    """``scenario`` with the cause of structural attrition removed.

    No permanent gap of the offer behind the competitor's, and, when the competitor cuts
    its prices, the firm aligns its own ``delay_months`` later.

    Examples
    --------
    >>> from crmsim.scenario import preset
    >>> out = aligned_prices(preset("guerre_des_prix"))
    >>> out.attrition.offer_gap_pct, out.events.firm_alignment_month
    (0.0, 15)
    """
    changes: dict[str, object] = {"attrition.offer_gap_pct": 0.0}
    cut = scenario.events.competitor_price_cut_month
    if cut is not None:
        changes["events.firm_alignment_month"] = cut + delay_months
    return scenario.replace(**changes)


class AttritionPanel(Panel):
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
        Remove the price/offer gap (:func:`aligned_prices`).
    levers : dict of path -> control
        The Scenario controls of :data:`LEVERS` (the three above).
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
        descriptions = list_presets()
        self.situation = dropdown(
            "Situation :",
            [(f"{p}\u00a0: {descriptions[p]}", p) for p in PRESETS],
            value=situation,
        )
        base = self._base()
        self.levers = {lever.path: lever.control(base.get(lever.path)) for lever in LEVERS}
        self.service_quality = self.levers["satisfaction.service_quality"]
        self.resolution_rate = self.levers["satisfaction.resolution_rate"]
        self.crisis_communication = self.levers["events.crisis_communication"]
        self.align_prices = widgets.Checkbox(
            value=False, description="Supprimer l’écart de prix et d’offre", style=STYLE
        )
        self.result: SimulationResult | None = None
        self.causes: pd.DataFrame | None = None
        super().__init__(
            [
                self.situation,
                column(self.service_quality, self.resolution_rate),
                widgets.HBox([self.crisis_communication, self.align_prices]),
            ],
            css_class="crmsim-attrition",
        )
        self._load_preset()
        self.situation.observe(self._on_situation, names="value")
        self.watch(*self.levers.values(), self.align_prices)
        self.refresh()

    def __repr__(self) -> str:
        return (
            f"AttritionPanel(situation={self.situation.value!r}, "
            f"qualite={self.service_quality.value:g})"
        )

    def _base(self) -> Scenario:
        return scaled_preset(self.situation.value, self._n0, self._months)

    def _load_preset(self) -> None:
        base = self._base()
        with self.loading():
            for path, control in self.levers.items():
                control.value = base.get(path)
            self.align_prices.value = False

    def _on_situation(self, _change: object = None) -> None:
        self._load_preset()
        self.refresh()

    def scenario(self) -> Scenario:
        """The scenario described by the controls."""
        changed = self._base().replace(
            **{path: control.value for path, control in self.levers.items()}
        )
        return aligned_prices(changed) if self.align_prices.value else changed

    def _render_plot(self) -> list:
        return [plot_churn_by_cause(self.result.monthly).figure]  # type: ignore[union-attr]

    def _render_table(self) -> list[str]:
        self.result = self.causes = None
        self.result = simulate(self.scenario(), seed=self.seed, transactions=False)
        k = self.result.kpis()
        self.causes = churn_by_cause(self.result.monthly)
        first = self.causes.sort_values("churned", ascending=False).iloc[0]
        self.summary.value = (
            f"Attrition annuelle\u00a0: <b>{format_percent(k['yearly_churn_rate'], 1)}</b>\u00a0; "
            f"<b>{format_number(int(self.causes['churned'].sum()), 0)} départs</b> en "
            f"{self._months} mois, dont <b>{format_percent(first['share'], 0)}</b> "
            f"pour la cause « \u00a0{first['cause']}\u00a0 ». Clients actifs à la fin\u00a0: "
            f"<b>{format_number(k['active_end'], 0)}</b>."
        )
        types = datasets.load("attrition_types")
        table = self.causes.merge(types[["cause", "lever"]], on="cause")
        styler = style_fr(
            table,
            percent=["share"],
            number=["churned"],
            decimals=0,
            labels={"cause": "Cause", "churned": "Départs", "share": "Part", "lever": "Levier"},
        )
        return [styler.to_html()]
