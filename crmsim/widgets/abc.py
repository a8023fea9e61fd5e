"""Interactive ABC panel: cut points of classes A and B, by customers or by revenue.

Examples
--------
>>> from crmsim.widgets import ABCPanel
>>> panel = ABCPanel()
>>> panel
ABCPanel(jeu='Cours\\xa0: exercice ABC (20 clients)', methode='customers', A=0.1, B=0.3)
>>> panel.summary_table["share_revenue"].round(3).tolist()
[0.6, 0.315, 0.085]
>>> panel.share_b.value = 0.95  # A + B > 100 %: a French message, no traceback
>>> panel.error is not None and "dépassent 100" in str(panel.error)
True
"""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as widgets
import pandas as pd

from crmsim import datasets
from crmsim.analysis.abc import ABC_CLASSES, abc, abc_summary
from crmsim.errors import DataError
from crmsim.formatting import format_percent, style_fr
from crmsim.plotting.portfolio import plot_abc
from crmsim.widgets._base import Panel
from crmsim.widgets._controls import STYLE, caption, dropdown, french_slider

__all__ = ["ABC_LABELS", "ABCPanel", "default_abc_datasets"]

#: French headings of the ABC tables (for ``style_fr(labels=...)``).
ABC_LABELS = {
    "abc_class": "Classe",
    "share_customers": "Part des clients",
    "share_revenue": "Part du CA",
}

#: Default (share A, share B) of each method: 10/30 % of customers, 80/15 % of revenue.
_DEFAULTS = {"customers": (0.10, 0.30), "revenue": (0.80, 0.15)}
_WHAT = {"customers": "des clients", "revenue": "du CA"}


def default_abc_datasets() -> dict[str, pd.DataFrame]:
    """The datasets offered by default: the course's ABC table and the 500-customer sample."""
    return {
        "Cours : exercice ABC (20 clients)": datasets.load("abc_clients"),
        "Échantillon simulé (500 clients)": datasets.load("sample_customers_500"),
    }


def abc_options(by: str, share_a: float, share_b: float) -> dict:
    """Keywords of :func:`crmsim.abc` for a method and the shares of A and B.

    ``by="customers"``: A and B hold ``share_a`` and ``share_b`` of the customers, C the
    rest. ``by="revenue"``: A closes at ``share_a`` of cumulative revenue and B adds
    ``share_b`` more. A French :class:`~crmsim.errors.DataError` says when A + B exceeds
    100 %.

    Examples
    --------
    >>> abc_options("revenue", 0.8, 0.15)
    {'by': 'revenue', 'revenue_cuts': (0.8, 0.95)}
    """
    total = share_a + share_b
    if total > 1 + 1e-9:
        raise DataError(
            f"Les parts de A ({format_percent(share_a, 0)}) et de B "
            f"({format_percent(share_b, 0)}) {_WHAT.get(by, '')} dépassent 100 % "
            f"(total {format_percent(total, 0)})\u00a0: il ne resterait rien pour C. "
            "Réduisez l’une des deux."
        )
    if by == "customers":
        return {"by": by, "shares": (share_a, share_b, max(0.0, 1 - total))}
    return {"by": by, "revenue_cuts": (share_a, round(min(1.0, total), 10))}


class ABCPanel(Panel):
    """Method choice + sliders for the shares of A and B, updating summary and chart.

    Parameters
    ----------
    data : mapping of name -> DataFrame, optional
        Datasets offered in the selector (default: :func:`default_abc_datasets`); each
        has ``customer_id`` and ``revenue`` columns.
    by : {"customers", "revenue"}, default "customers"
        Initial method: by share of customers (the course's 10/30/60) or by cumulative
        share of revenue (the inventory-style 80/95).
    share_a, share_b : float, optional
        Initial shares of A and B (default 10 % and 30 % of customers, or 80 % and
        15 % of revenue). Switching the method resets them to that method's defaults.
    max_listed : int, default 30
        Class members are listed by identifier up to this many customers.

    Attributes
    ----------
    dataset, by, share_a, share_b : ipywidgets controls
        Change their ``value`` to update the panel, as a student does with the mouse.
    summary : ipywidgets.HTML
        One French line per class: customers, share of customers, share of revenue.
    table_out, plot_out : ipywidgets.Output
        The per-class table (HTML) and the ABC chart (PNG).
    table, summary_table : pandas.DataFrame or None
        Last results of :func:`crmsim.abc` and :func:`crmsim.abc_summary` (``None`` after
        an error).
    error : Exception or None
        The crmsim error shown in place of the results, if any.
    """

    def __init__(
        self,
        data: Mapping[str, pd.DataFrame] | None = None,
        *,
        by: str = "customers",
        share_a: float | None = None,
        share_b: float | None = None,
        max_listed: int = 30,
    ) -> None:
        if by not in _DEFAULTS:
            raise DataError(
                f"by doit valoir « customers » (parts de clients) ou « revenue » (parts "
                f"cumulées du CA), reçu {by!r}."
            )
        self._data = dict(data) if data is not None else default_abc_datasets()
        self._max_listed = max_listed
        default_a, default_b = _DEFAULTS[by]
        self.dataset = dropdown("Jeu de données :", list(self._data))
        self.by = widgets.ToggleButtons(
            options=[
                ("Parts de clients (cours, 10/30/60)", "customers"),
                ("Parts cumulées du CA (stocks, 80/95)", "revenue"),
            ],
            value=by,
            description=caption("Méthode"),
            style=STYLE,
        )
        self.share_a = french_slider(
            "", default_a if share_a is None else share_a, 0.0, 1.0, 0.05, percent=True
        )
        self.share_b = french_slider(
            "", default_b if share_b is None else share_b, 0.0, 1.0, 0.05, percent=True
        )
        self.table: pd.DataFrame | None = None
        self.summary_table: pd.DataFrame | None = None
        super().__init__(
            [
                widgets.HBox([self.dataset, self.by]),
                widgets.HBox([self.share_a.row, self.share_b.row]),
            ],
            css_class="crmsim-abc",
            layout="stacked",
        )
        self._describe()
        self.by.observe(self._method_changed, names="value")
        self.watch(self.dataset, self.share_a, self.share_b)
        self.refresh()

    def __repr__(self) -> str:
        return (
            f"ABCPanel(jeu={self.dataset.value!r}, methode={self.by.value!r}, "
            f"A={self.share_a.value:g}, B={self.share_b.value:g})"
        )

    def _describe(self) -> None:
        what = _WHAT[self.by.value]
        self.share_a.description = caption(f"Part {what} en A")
        self.share_b.description = caption(f"Part {what} en B")

    def _method_changed(self, _change: object = None) -> None:
        with self.loading():
            self.share_a.value, self.share_b.value = _DEFAULTS[self.by.value]
        self._describe()
        self.refresh()

    def _options(self) -> dict:
        return abc_options(self.by.value, self.share_a.value, self.share_b.value)

    def _render_plot(self) -> list:
        return [plot_abc(self._data[self.dataset.value], **self._options()).figure]

    def _render_table(self) -> list[str]:
        self.table = self.summary_table = None
        data = self._data[self.dataset.value]
        options = self._options()
        self.table = abc(data, **options)
        self.summary_table = abc_summary(data, **options)
        lines = []
        listed = len(self.table) <= self._max_listed
        for cls, row in zip(ABC_CLASSES, self.summary_table.itertuples(), strict=True):
            members = self.table.loc[self.table["abc_class"] == cls, "customer_id"].tolist()
            ids = f"\u00a0: {', '.join(map(str, members))}" if listed and members else ""
            lines.append(
                f"<b>{cls}</b> — {row.customers} client(s) "
                f"({format_percent(row.share_customers, 1)} des clients), "
                f"<b>{format_percent(row.share_revenue, 1)}</b> du CA{ids}"
            )
        self.summary.value = "<br>".join(lines)
        styler = style_fr(
            self.summary_table,
            money=["revenue"],
            percent=["share_customers", "share_revenue"],
            decimals=1,
            labels=ABC_LABELS,
        )
        return [styler.to_html()]
