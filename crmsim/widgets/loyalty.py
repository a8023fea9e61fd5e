"""Loyalty-economics panel: retention, margin and discount -> CLV and the "+5 points" effect.

No simulation: the panel evaluates the formulas of :mod:`crmsim.analysis.value`
(instantaneous), on yearly periods.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from crmsim.analysis import clv, retention_leverage, tenure_margins
from crmsim.formatting import format_money, format_percent, style_fr
from crmsim.plotting.lifetime import plot_clv_curve
from crmsim.widgets._base import Panel
from crmsim.widgets._controls import column, french_slider

__all__ = ["LoyaltyPanel"]

_LABELS = {
    "situation": "Situation",
    "retention": "Rétention annuelle",
    "defection": "Attrition annuelle",
    "expected_lifetime": "Durée de vie moyenne (ans)",
    "present_value": "Valeur actuelle d’un client",
    "change": "Variation",
}


class LoyaltyPanel(Panel):
    """Sliders of loyalty economics -> CLV, value of a new customer, the 5-point effect.

    Parameters
    ----------
    retention : float, default 0.90
        Initial yearly retention rate (the course's ~10 % yearly attrition).
    horizon : int, default 20
        Years counted in the value of a new customer.

    Attributes
    ----------
    retention, margin, growth, discount_rate, acquisition_cost, improvement : sliders
        Yearly retention, first-year margin (MAD), margin growth per year of tenure,
        yearly discount rate, acquisition cost (MAD), retention points gained.
    summary : ipywidgets.HTML
    table_out, plot_out : ipywidgets.Output
        The before/after table (HTML) and the CLV curve (PNG).
    table : pandas.DataFrame or None
        Last table of :func:`crmsim.retention_leverage`.
    error : Exception or None
    """

    def __init__(self, *, retention: float = 0.90, horizon: int = 20) -> None:
        self._horizon = horizon
        self.retention = french_slider(
            "Rétention annuelle :", retention, 0.5, 0.99, 0.01, percent=True
        )
        self.margin = french_slider("Marge de la 1re année (MAD) :", 1200.0, 100.0, 5000.0, 100.0)
        self.growth = french_slider(
            "Croissance de la marge par année d’ancienneté :", 0.08, 0.0, 0.3, 0.01, percent=True
        )
        self.discount_rate = french_slider(
            "Taux d’actualisation annuel :", 0.10, 0.0, 0.2, 0.01, percent=True
        )
        self.acquisition_cost = french_slider(
            "Coût d’acquisition (MAD) :", 500.0, 0.0, 5000.0, 50.0
        )
        self.improvement = french_slider(
            "Points de rétention gagnés :", 0.05, 0.0, 0.1, 0.01, percent=True
        )
        self.table: pd.DataFrame | None = None
        controls = [
            self.retention,
            self.margin,
            self.growth,
            self.discount_rate,
            self.acquisition_cost,
            self.improvement,
        ]
        columns = widgets.HBox([column(*controls[:3]), column(*controls[3:])])
        super().__init__([columns], css_class="crmsim-fidelite")
        # retention + gain must stay below 1: the retention slider never offers more
        self._bound_retention()
        self.improvement.observe(self._bound_retention, names="value")
        self.watch(*controls)
        self.refresh()

    def __repr__(self) -> str:
        return (
            f"LoyaltyPanel(retention={self.retention.value:g}, marge={self.margin.value:g}, "
            f"gain={self.improvement.value:g})"
        )

    def _bound_retention(self, _change: object = None) -> None:
        """Cap the retention slider at 99 % minus the points gained (the value follows)."""
        self.retention.max = round(0.99 - self.improvement.value, 2)

    def _render_plot(self) -> list:
        marks = tuple(dict.fromkeys(self.table["retention"]))  # current, improved
        return [plot_clv_curve(self.margin.value, self.discount_rate.value, marks=marks).figure]

    def _render_table(self) -> list[str]:
        self.table = None
        r, m, d = self.retention.value, self.margin.value, self.discount_rate.value
        flat = clv(m, r, d)
        margins = tenure_margins(m, self._horizon, spend_growth=self.growth.value)
        self.table = retention_leverage(
            margins,
            r,
            improvement=self.improvement.value,
            discount_rate=d,
            acquisition_cost=self.acquisition_cost.value,
        )
        change = self.table["change"].iloc[1]
        self.summary.value = (
            f"CLV à marge constante (m r / (1 + d − r))\u00a0: <b>{format_money(flat, decimals=0)}</b>. "
            f"Avec une marge qui croît avec l’ancienneté et le coût d’acquisition, un nouveau "
            f"client vaut <b>{format_money(self.table['present_value'].iloc[0], decimals=0)}</b>\u00a0; "
            f"gagner {format_percent(self.improvement.value, 0)} de rétention change cette "
            f"valeur de <b>{format_percent(change, 0)}</b>."
        )
        styler = style_fr(
            self.table,
            percent=["retention", "defection", "change"],
            money=["present_value"],
            number=["expected_lifetime"],
            decimals=1,
            labels=_LABELS,
        )
        return [styler.to_html()]
