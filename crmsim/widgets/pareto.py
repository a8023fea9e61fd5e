"""Interactive Pareto panel: choose a dataset and a target share, see table and chart."""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as widgets
import pandas as pd

from crmsim import datasets
from crmsim.analysis.pareto import pareto, pareto_summary
from crmsim.formatting import format_percent, style_fr
from crmsim.plotting.pareto import plot_pareto
from crmsim.widgets._base import Panel
from crmsim.widgets._controls import dropdown, french_slider

__all__ = ["ParetoPanel", "default_pareto_datasets"]


def default_pareto_datasets() -> dict[str, pd.DataFrame]:
    """The datasets offered by default: the course's tables and the 500-customer sample."""
    return {
        "Cours : exercice Pareto (20 clients)": datasets.load("pareto_clients"),
        "Cours : exercice ABC (20 clients)": datasets.load("abc_clients"),
        "Échantillon simulé (500 clients)": datasets.load("sample_customers_500"),
    }


class ParetoPanel(Panel):
    """Dataset selector + target-share slider, updating the Pareto table and chart.

    Parameters
    ----------
    data : mapping of name -> DataFrame, optional
        Datasets offered in the selector (default: :func:`default_pareto_datasets`).
    target : float, default 0.8
        Initial target share of revenue.
    max_rows : int, default 10
        Rows of the table shown (at least the head plus one).

    Attributes
    ----------
    dataset, target : ipywidgets controls
        Change their ``value`` to update the panel, as a student does with the mouse.
    summary : ipywidgets.HTML
        One French sentence: "x client(s) sur n ... font y % du CA".
    table_out, plot_out : ipywidgets.Output
        The Pareto table (HTML) and chart (PNG).
    table : pandas.DataFrame or None
        The Pareto table last shown (``None`` after an error).
    error : Exception or None
        The crmsim error shown in place of the results, if any.
    """

    def __init__(
        self,
        data: Mapping[str, pd.DataFrame] | None = None,
        *,
        target: float = 0.8,
        max_rows: int = 10,
    ) -> None:
        self._data = dict(data) if data is not None else default_pareto_datasets()
        self._max_rows = max_rows
        self.dataset = dropdown("Jeu de données :", list(self._data))
        self.target = french_slider("Part cible du CA :", target, 0.05, 1.0, 0.05, percent=True)
        self.table: pd.DataFrame | None = None
        super().__init__([widgets.HBox([self.dataset, self.target.row])], css_class="crmsim-pareto")
        self.watch(self.dataset, self.target)
        self.refresh()

    def __repr__(self) -> str:
        # Short and stable: the default repr would dump every captured output (images).
        return f"ParetoPanel(jeu={self.dataset.value!r}, cible={self.target.value:g})"

    def _render_table(self) -> list[str]:
        self.table = None
        data = self._data[self.dataset.value]
        self.table = pareto(data, target=self.target.value)
        head = pareto_summary(data, targets=[self.target.value]).iloc[0]
        self.summary.value = (
            f"<b>{int(head['customers'])} client(s) sur {len(self.table)}</b>, soit "
            f"<b>{format_percent(head['customers_share'], 1)}</b> des clients, font "
            f"<b>{format_percent(head['revenue_share'], 1)}</b> du CA "
            f"(cible\u00a0: {format_percent(self.target.value, 0)})."
        )
        shown = self.table.head(max(self._max_rows, int(head["customers"]) + 1))  # head + next
        styler = style_fr(
            shown,
            money=["revenue"],
            percent=["share", "cum_share", "cum_customers_share"],
            decimals=1,
        )
        return [styler.to_html()]

    def _render_plot(self) -> list:
        data = self._data[self.dataset.value]
        return [plot_pareto(data, target=self.target.value).figure]
