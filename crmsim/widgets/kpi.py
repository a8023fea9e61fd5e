"""Interactive campaign panel: type a campaign's costs and counts, see its seven indicators."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from crmsim.analysis.campaign_results import campaign_result
from crmsim.analysis.kpi import campaign_kpis
from crmsim.formatting import format_money, format_number, style_fr
from crmsim.plotting.portfolio import kpi_table
from crmsim.widgets._base import Panel
from crmsim.widgets._controls import STYLE, caption

__all__ = ["KpiPanel"]

#: Control attribute, French label, widget class, in the order shown.
_INPUTS = (
    ("total_cost", "Coût total de l’opération (MAD) :", widgets.FloatText),
    ("messages_sent", "Messages émis :", widgets.IntText),
    ("responses", "Réponses :", widgets.IntText),
    ("orders", "Commandes :", widgets.IntText),
    ("order_revenue", "CA des commandes (MAD) :", widgets.FloatText),
    ("gross_margin_per_order", "Marge brute par commande (MAD) :", widgets.FloatText),
)


class KpiPanel(Panel):
    """Campaign inputs (cost, messages, responses, orders, revenue, margin) and indicators.

    The defaults are an illustrative postal mailing of 10 000 messages (not course
    data): 50 000 MAD, 400 responses, 100 orders, 80 000 MAD of orders, 250 MAD of gross
    margin per order.

    Parameters
    ----------
    total_cost, messages_sent, responses, orders, order_revenue, gross_margin_per_order
        Initial values, as for :func:`crmsim.analysis.campaign_kpis`.
    currency : str, default "MAD"
        Currency shown in the table.

    Attributes
    ----------
    total_cost, messages_sent, responses, orders, order_revenue, gross_margin_per_order
        The six input boxes (ipywidgets ``FloatText``/``IntText``); a new value updates
        the panel when the box is left or Entrée pressed.
    summary : ipywidgets.HTML
        Warnings on suspicious counts, and the campaign's result against its break-even.
    table_out : ipywidgets.Output
        The seven indicators, French-formatted (HTML).
    kpis : pandas.DataFrame or None
        The :func:`crmsim.analysis.campaign_kpis` table last computed.
    table : pandas.DataFrame or None
        Its French text version (:func:`crmsim.plotting.kpi_table`), as shown.
    notes : list of str
        Warnings raised by the last computation (suspicious counts, undefined values).
    error : Exception or None
        The crmsim error shown in place of the results, if any.

    Examples
    --------
    >>> from crmsim.widgets import KpiPanel
    >>> panel = KpiPanel()
    >>> panel
    KpiPanel(messages=10000, réponses=400, commandes=100)
    >>> panel.table["Valeur"].iloc[-1]
    '200\\xa0commandes (arrondi à l’entier supérieur)'
    >>> panel.messages_sent.value = 0
    >>> panel.kpis is None, "Valeur impossible" in panel.table_out.outputs[0]["data"]["text/html"]
    (True, True)
    """

    def __init__(
        self,
        *,
        total_cost: float = 50_000,
        messages_sent: int = 10_000,
        responses: int = 400,
        orders: int = 100,
        order_revenue: float = 80_000,
        gross_margin_per_order: float = 250,
        currency: str = "MAD",
    ) -> None:
        values = {
            "total_cost": total_cost,
            "messages_sent": messages_sent,
            "responses": responses,
            "orders": orders,
            "order_revenue": order_revenue,
            "gross_margin_per_order": gross_margin_per_order,
        }
        self._currency = currency
        boxes = []
        for name, label, cls in _INPUTS:
            box = cls(
                value=values[name],
                description=caption(label),
                style=STYLE,
                layout=widgets.Layout(width="340px"),
            )
            setattr(self, name, box)
            boxes.append(box)
        self.kpis: pd.DataFrame | None = None
        self.table: pd.DataFrame | None = None
        super().__init__(
            [widgets.HBox([widgets.VBox(boxes[:3]), widgets.VBox(boxes[3:])])],
            css_class="crmsim-kpi",
            layout="stacked",
        )
        self.watch(*boxes)
        self.refresh()

    def __repr__(self) -> str:
        return (
            f"KpiPanel(messages={self.messages_sent.value}, réponses={self.responses.value}, "
            f"commandes={self.orders.value})"
        )

    @property
    def notes(self) -> list[str]:
        """Warnings raised by the last computation (see :attr:`Panel.notices`)."""
        return self.notices

    def _inputs(self) -> dict:
        return {name: getattr(self, name).value for name, _, _ in _INPUTS}

    def _render_table(self) -> list[str]:
        self.kpis = self.table = None
        self.kpis = campaign_kpis(**self._inputs())
        self.table = kpi_table(self.kpis, currency=self._currency)
        self.summary.value = self._result_html()
        return [style_fr(self.table).to_html()]

    def _result_html(self) -> str:
        values = self._inputs()
        break_even = float(self.kpis["value"].iloc[-1])
        outcome = campaign_result(
            values["orders"],
            values["gross_margin_per_order"],
            values["total_cost"],
            break_even_orders=break_even,
        )
        money = {"currency": self._currency, "decimals": 0}
        text = (
            f"Marge brute dégagée : {format_number(values['orders'], 0)} commandes × "
            f"{format_money(values['gross_margin_per_order'], **money)} = "
            f"<b>{format_money(outcome.gross_margin, **money)}</b> pour un coût de "
            f"{format_money(values['total_cost'], **money)} : résultat de la campagne "
            f"<b>{format_money(outcome.result, **money)}</b>"
        )
        if outcome.break_even_reached is not None:
            text += (
                f" (point mort : {format_number(break_even, 1)} commandes, "
                f"{'atteint' if outcome.break_even_reached else 'non atteint'})"
            )
        return f"<p>{text}.</p>"
