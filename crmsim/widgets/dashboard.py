"""The instructor dashboard: choose a situation, move the levers, compare with the reference.

Every change reruns the simulation (about 0.05 s for 10 000 customers over 60 months,
without the order-level table) and compares it with the unchanged preset, run with the
same seed, so the difference shown is the effect of the levers alone. The charts are
redrawn in place (:class:`crmsim.plotting.simulation.WhatIfChart`): the whole response
to a lever stays under a tenth of a second (``benchmarks/bench_dashboard.py``).
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as widgets

from crmsim.model.results import SimulationResult
from crmsim.model.simulate import simulate
from crmsim.plotting.simulation import WhatIfChart
from crmsim.reporting import simulation_summary
from crmsim.scenario import Scenario, list_presets, preset
from crmsim.widgets._base import Panel
from crmsim.widgets._controls import STYLE, Param, caption, column, french_slider, seed_box

__all__ = ["LEVERS", "SimulationDashboard"]

#: Largest seed offered (a 32-bit signed integer).

#: The levers of the dashboard: the range shown on each slider (labels, units and kinds
#: come from the Scenario metadata).
LEVERS: tuple[Param, ...] = (
    Param("satisfaction.service_quality", 4.0, 10.0, 0.25),
    Param("satisfaction.complaint_rate", 0.0, 0.5, 0.01),
    Param("satisfaction.resolution_rate", 0.0, 1.0, 0.05),
    Param("loyalty.retention_cost_per_customer_mad", 0.0, 30.0, 1.0),
    Param("loyalty.switching_cost_reduction", 0.0, 0.8, 0.05),
    Param("attrition.offer_gap_pct", 0.0, 10.0, 0.5),
    Param("economics.gross_margin_rate", 0.1, 0.6, 0.01),
    Param("events.crisis_communication"),
)


@lru_cache(maxsize=16)
def _reference(name: str, seed: int, months: int) -> SimulationResult:
    """The unchanged preset, cached: it is the same for every move of a lever."""
    return simulate(preset(name), seed=seed, months=months, transactions=False)


class SimulationDashboard(Panel):
    """Preset + levers -> simulated customer base, KPIs against the reference, charts.

    Parameters
    ----------
    situation : str, default "cours"
        Initial preset (see :func:`crmsim.list_presets`).
    seed : int, default 2026
        Seed of every run (same seed for the reference and the what-if).
    months : int, default 60
        Length of the runs.

    Attributes
    ----------
    situation : ipywidgets.Dropdown
        The preset.
    levers : dict of path -> control
        One control per :data:`LEVERS` entry; set ``.value`` to move it.
    seed_box, months_slider : ipywidgets controls
    description : ipywidgets.HTML
        The preset's French description.
    kpi_out, plot_out : ipywidgets.Output
        The KPI table (HTML) and the charts (PNG).
    chart : WhatIfChart
        The charts, redrawn in place at each update.
    result, reference : SimulationResult or None
        The last what-if run and its reference.
    summary : pandas.DataFrame or None
        The last KPI table (see :func:`crmsim.reporting.simulation_summary`).
    error : Exception or None
        The crmsim error shown instead of the results, if any.
    """

    def __init__(self, situation: str = "cours", *, seed: int = 2026, months: int = 60):
        presets = list_presets()
        self.situation = widgets.Dropdown(
            options=[(name.replace("_", " "), name) for name in presets],
            value=situation if situation in presets else "cours",
            description=caption("Situation"),
            style=STYLE,
        )
        self.seed_box = seed_box(seed)
        self.months_slider = french_slider("Durée (mois) :", months, 12, 120, 12, integer=True)
        self.description = widgets.HTML()
        base = preset(self.situation.value)
        self.levers = {lever.path: lever.control(base.get(lever.path)) for lever in LEVERS}
        self.chart = WhatIfChart()
        self.result: SimulationResult | None = None
        self.reference: SimulationResult | None = None
        super().__init__(
            [
                widgets.HBox([self.situation, self.seed_box, self.months_slider.row]),
                self.description,
                widgets.HTML("<b>Leviers de l’entreprise</b>"),
                column(*self.levers.values()),
            ],
            css_class="crmsim-dashboard",
        )
        self.summary = None
        self.kpi_out = self.table_out
        self.situation.observe(self._on_situation, names="value")
        self.watch(self.seed_box, self.months_slider, *self.levers.values())
        self._on_situation()

    def __repr__(self) -> str:
        return f"SimulationDashboard(situation={self.situation.value!r})"

    def scenario(self) -> Scenario:
        """The preset with the levers' current values."""
        changes = {path: control.value for path, control in self.levers.items()}
        return preset(self.situation.value).replace(**changes)

    def _on_situation(self, _change: object = None) -> None:
        """Load the preset's values into the levers, then run once."""
        base = preset(self.situation.value)
        self.description.value = f"<i>{base.description}</i>"
        with self.loading():
            for path, control in self.levers.items():
                control.value = base.get(path)
        self.refresh()

    def _render_table(self) -> list[str]:
        self.summary = None
        months = self.months_slider.value
        self.reference = _reference(self.situation.value, self.seed_box.value, months)
        self.result = simulate(
            self.scenario(), seed=self.seed_box.value, months=months, transactions=False
        )
        self.summary = simulation_summary(self.result, self.reference)
        # values are already French text: plain HTML, ten times faster than a Styler
        shown = self.summary.drop(columns="value")
        return [shown.to_html(index=False, border=0, classes="crmsim-kpi-table")]

    def _render_plot(self) -> list[bytes]:
        return [self.chart.update(self.result.monthly, self.reference.monthly)]
