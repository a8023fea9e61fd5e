"""The simulated portfolio panel: one simulated base, every method of the course on it.

Choose the base (consumers of the preset ``cours`` or business accounts of
``industriel``), its seed and its size, then a method: the panel shows the method on the
simulated base beside the same method on the lesson's example table
(:func:`crmsim.compare_with_course`), or who the best customers of each method are
(:func:`crmsim.method_overlap`). Changing the method reuses the run: only the base, the
seed and the size rerun the simulation.

Examples
--------
>>> from crmsim.widgets import SimulatedPortfolioPanel
>>> panel = SimulatedPortfolioPanel(size=200, view="pareto")
>>> panel
SimulatedPortfolioPanel(base='cours', graine=2026, taille=200, vue='pareto')
>>> panel.table["base"].iloc[-1]
'Base simulée'
"""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets
import pandas as pd

from crmsim import datasets
from crmsim.course_comparison import COURSE_EXAMPLES, compare_with_course
from crmsim.formatting import format_number, format_percent, table_fr
from crmsim.model import SimulationResult, simulate
from crmsim.plotting.methods import (
    plot_course_comparison,
    plot_method_overlap,
    plot_scoring_cloud,
    plot_tcc_distribution,
)
from crmsim.plotting.pareto import plot_lorenz
from crmsim.portfolio_sim import small_portfolio
from crmsim.portfolio_views import (
    method_overlap,
    portfolio_methods,
    portfolio_revenue,
    radar_of_year,
    scored_accounts,
    study_years,
)
from crmsim.widgets._base import Panel
from crmsim.widgets._controls import dropdown, french_slider, seed_box

__all__ = ["BASES", "SIZES", "VIEWS", "SimulatedPortfolioPanel"]

#: The bases offered: (French label, preset).
BASES = (
    ("Particuliers (B2C, préréglage « cours »)", "cours"),
    ("Comptes professionnels (B2B, préréglage « industriel »)", "industriel"),
)

#: Size slider of each base: (lowest, highest, step) number of customers at the start.
SIZES = {"cours": (100, 1000, 100), "industriel": (100, 600, 50)}

#: The views: (French label, key); a key is "overlap" or a method of compare_with_course.
VIEWS = (
    ("Toutes les méthodes : qui sont les meilleurs clients ?", "overlap"),
    ("Pareto (20/80) et courbe de Lorenz", "pareto"),
    ("Méthode ABC (10/30/60)", "abc"),
    ("Segments RFM et FRAT", "rfm"),
    ("Grille de scoring et graphique à bulles (comptes B2B)", "scoring"),
    ("TCC et matrice RADAR", "tcc"),
    ("Indicateurs (KPI) des campagnes", "kpi"),
)

#: Tables compared for each view (the RFM view also shows FRAT).
_TABLES = {"rfm": ("rfm", "frat")}

#: Headings that differ from crmsim.formatting.LABELS_FR in these tables.
_LABELS = {
    "tcc": {"tcc": "TCC médian", "customers": "Clients et prospects"},
    "scoring": {"customers": "Comptes"},
    "frat": {"main_type": "Achats surtout", "share_strategic": "Part stratégique moyenne"},
}
_FORMATS = {"tcc": {"tcc": ("percent", 1)}}

#: Largest seed offered (a 32-bit signed integer).


@lru_cache(maxsize=8)
def _run(base: str, seed: int, size: int, months: int) -> SimulationResult:
    """One simulated base, kept while the student looks at its methods."""
    return simulate(small_portfolio(base, customers=size, months=months), seed=seed)


class SimulatedPortfolioPanel(Panel):
    """Base, seed, size and method -> the method on the simulated base beside the lesson's.

    Parameters
    ----------
    base : {"cours", "industriel"}, default "cours"
        Consumers (B2C) or business accounts (B2B; the scoring grids need them).
    seed : int, default 2026
    size : int, default 200
        Customers at the start (the market holds 20 times more people, so the base
        grows: about 2 500 customers over three years with 200 at the start in ``cours``).
    view : str, default "overlap"
        A key of :data:`VIEWS`.
    months : int, default 36
        Length of the run: Pareto, ABC, TCC and RADAR read its last year.

    Attributes
    ----------
    base, seed_box, size, view : ipywidgets controls
        Set their ``value`` to update the panel, as a student does with the mouse.
    result : SimulationResult or None
        The run shown.
    table : pandas.DataFrame or None
        The main table last shown (:func:`crmsim.method_overlap` or
        :func:`crmsim.compare_with_course`); ``None`` after an error.
    summary : ipywidgets.HTML
        French sentences on the base and the method.
    error : Exception or None
        The crmsim error shown in place of the results (the scoring grid of a B2C base).
    """

    def __init__(
        self,
        base: str = "cours",
        *,
        seed: int = 2026,
        size: int = 200,
        view: str = "overlap",
        months: int = 36,
    ) -> None:
        self._months = months
        self.base = dropdown("Base simulée :", list(BASES), value=base)
        self.seed_box = seed_box(seed)
        low, high, step = SIZES[self.base.value]
        self.size = french_slider("Clients au départ :", size, low, high, step, integer=True)
        self.view = dropdown("Méthode :", list(VIEWS), value=view)
        self.result: SimulationResult | None = None
        self.table: pd.DataFrame | None = None
        super().__init__(
            [widgets.HBox([self.base, self.seed_box]), self.size.row, self.view],
            css_class="crmsim-portefeuille-simule",
            layout="stacked",
        )
        self.base.observe(self._on_base, names="value")
        self.watch(self.seed_box, self.size, self.view)
        self.refresh()

    def __repr__(self) -> str:
        return (
            f"SimulatedPortfolioPanel(base={self.base.value!r}, graine={self.seed_box.value}, "
            f"taille={self.size.value}, vue={self.view.value!r})"
        )

    def _on_base(self, _change: object = None) -> None:
        """A new base: the size slider takes its range, then the panel reruns once."""
        low, high, step = SIZES[self.base.value]
        with self.loading():
            self.size.max = max(high, self.size.min)
            self.size.min, self.size.step = low, step
            self.size.max = high
            self.size.value = min(max(self.size.value, low), high)
        self.refresh()

    def _render_table(self) -> list[str]:
        self.table = None
        base, view = self.base.value, self.view.value
        self.result = _run(base, self.seed_box.value, self.size.value, self._months)
        year, _ = study_years(self.result)
        customers = len(self.result.customers)
        intro = (
            f"Base « {html.escape(base)} », graine {self.seed_box.value}\u00a0: "
            f"<b>{format_number(customers, 0)}</b> clients sur {self._months} mois, dont "
            f"<b>{format_number(len(portfolio_revenue(self.result)), 0)}</b> ont acheté "
            f"l’année {year}."
        )
        if view == "overlap":
            self.table = method_overlap(portfolio_methods(self.result))
            head = self.table.iloc[0]
            self.summary.value = (
                f"{intro} La tête de Pareto compte {format_percent(head['share_customers'], 1)} "
                "des clients de l’année : chaque barre dit quelle part des meilleurs clients "
                "d’une méthode en fait partie."
            )
            return [table_fr(self.table).to_html()]
        tables = [compare_with_course(self.result, m) for m in _TABLES.get(view, (view,))]
        self.table = tables[0]
        self.summary.value = (
            f"{intro} En haut, l’exemple de la leçon ({html.escape(COURSE_EXAMPLES[view])})"
            "\u00a0; en bas, la même méthode sur la base simulée."
        )
        return [
            table_fr(t, labels=_LABELS.get(m, {}), formats=_FORMATS.get(m, {})).to_html()
            for m, t in zip(_TABLES.get(view, (view,)), tables, strict=True)
        ]

    def _render_plot(self) -> list:
        view, result = self.view.value, self.result
        if view == "overlap":
            return [plot_method_overlap(self.table).figure]
        if view == "pareto":
            ax = plot_lorenz(portfolio_revenue(result), label="Base simulée")
            plot_lorenz(datasets.load("consulting_clients"), label="Leçon 3 (cabinet)", ax=ax)
            return [ax.figure]
        if view in ("abc", "rfm"):
            return [plot_course_comparison(self.table).figure]
        if view == "scoring":
            return [plot_scoring_cloud(scored_accounts(result)).figure]
        if view == "tcc":
            table = radar_of_year(result)
            return [plot_tcc_distribution(table).figure]
        return []
