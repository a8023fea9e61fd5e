"""Interactive TCC / RADAR panel: choose a firm and a value threshold, see its RADAR matrix."""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from crmsim import datasets
from crmsim.analysis.tcc import radar, sales_table, tcc
from crmsim.errors import CrmSimError
from crmsim.formatting import format_percent, style_fr
from crmsim.plotting.portfolio import plot_radar
from crmsim.widgets._base import Panel, render_into
from crmsim.widgets._controls import STYLE, caption, french_slider

__all__ = ["TCC_LABELS", "TccPanel"]

#: French headings of the RADAR table shown by the panel.
TCC_LABELS: dict[str, str] = {
    "customer": "Client",
    "sales": "Ventes de l’entreprise",
    "customer_potential": "Potentiel d’achat du client",
    "tcc": "TCC",
    "value_level": "Valeur",
    "objective": "Objectif relationnel",
    "strategy": "Stratégie RADAR",
}


class TccPanel(Panel):
    """Firm selector + TCC threshold slider, updating the TCC table and the RADAR matrix.

    Parameters
    ----------
    sales : DataFrame, optional
        Long sales table (firm, customer, sales), default the course's ``tcc_sales``.
    firm : str, optional
        Initial firm (default: the first firm of the table, "A" in the course).
    threshold : float, optional
        Initial value threshold on the TCC, default 1 / number of firms (the rule of
        :func:`crmsim.analysis.radar`).
    previous_sales : DataFrame, optional
        The same table for an earlier period, so that "Réactiver" can appear.

    Attributes
    ----------
    firm : ipywidgets.Dropdown
        The firm whose portfolio is analysed.
    threshold : ipywidgets.FloatSlider
        Value threshold on the TCC, 5 % to 100 % (reruns when released).
    summary : ipywidgets.HTML
        One French sentence: the firm's TCC range and its strategies.
    table_out, plot_out : ipywidgets.Output
        The TCC and strategy table (HTML) and the RADAR matrix (PNG).
    table : pandas.DataFrame or None
        The :func:`crmsim.analysis.radar` table last shown (``None`` after an error).
    error : Exception or None
        The crmsim error shown in place of the results, if any.

    Examples
    --------
    >>> from crmsim.widgets import TccPanel
    >>> panel = TccPanel()
    >>> panel
    TccPanel(entreprise='A', seuil=0.25)
    >>> round(float(panel.table["tcc"].iloc[0]), 4)
    0.1875
    """

    def __init__(
        self,
        sales: pd.DataFrame | None = None,
        *,
        firm: str | None = None,
        threshold: float | None = None,
        previous_sales: pd.DataFrame | None = None,
    ) -> None:
        self._sales = sales if sales is not None else datasets.load("tcc_sales")
        self._previous = previous_sales
        firms: list[str] = []
        startup_error: Exception | None = None
        try:
            firms = [str(f) for f in sales_table(self._sales).index if f != "Total"]
            if firm is not None and str(firm) not in firms:
                tcc(self._sales, firm=firm)  # raises the French "unknown firm" error
        except CrmSimError as exc:
            startup_error = exc
        default = 1 / len(firms) if firms else 0.25
        self.firm = widgets.Dropdown(
            options=firms,
            value=str(firm) if firm is not None and str(firm) in firms else next(iter(firms), None),
            description=caption("Entreprise"),
            style=STYLE,
        )
        self.threshold = french_slider(
            "Seuil de valeur (TCC) :",
            default if threshold is None else threshold,
            0.05,
            1.0,
            0.01,
            percent=True,
        )
        self.table: pd.DataFrame | None = None
        super().__init__([widgets.HBox([self.firm, self.threshold.row])], css_class="crmsim-tcc")
        self.watch(self.firm, self.threshold)
        if startup_error is not None:
            self.error = render_into(self.table_out, lambda: _raise(startup_error))
            return
        self.refresh()

    def __repr__(self) -> str:
        return f"TccPanel(entreprise={self.firm.value!r}, seuil={self.threshold.value:g})"

    def _keywords(self) -> dict:
        return {
            "firm": self.firm.value,
            "threshold": self.threshold.value,
            "previous_sales": self._previous,
        }

    def _render_plot(self) -> list:
        return [plot_radar(self._sales, **self._keywords()).figure]

    def _render_table(self) -> list[str]:
        self.table = None
        self.table = radar(self._sales, **self._keywords())
        firm = html.escape(str(self.firm.value))
        counts = self.table["strategy"].value_counts()
        strategies = ", ".join(f"{s}\u00a0: {n}" for s, n in counts.items())
        self.summary.value = (
            f"TCC de l’entreprise <b>{firm}</b>\u00a0: de <b>{format_percent(self.table['tcc'].min(), 2)}"
            f"</b> à <b>{format_percent(self.table['tcc'].max(), 2)}</b>\u00a0; seuil de valeur "
            f"<b>{format_percent(self.threshold.value, 0)}</b>. Stratégies — {strategies}."
        )
        shown = self.table[list(TCC_LABELS)]
        styler = style_fr(
            shown,
            percent=["tcc"],
            number=["sales", "customer_potential"],
            decimals=2,
            labels=TCC_LABELS,
        )
        return [styler.to_html()]


def _raise(error: Exception) -> list:
    raise error
