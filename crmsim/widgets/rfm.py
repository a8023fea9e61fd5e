"""Interactive RFM panel: number of score levels and analysis date, see heatmap and segments."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from crmsim import datasets
from crmsim.analysis.rfm import RFM_SEGMENTS, rfm
from crmsim.formatting import format_number, format_percent, style_fr
from crmsim.plotting.portfolio import plot_rfm_heatmap
from crmsim.widgets._base import Panel
from crmsim.widgets._controls import STYLE, caption, french_slider

__all__ = ["RFM_LABELS", "RfmPanel", "rfm_segment_summary"]

#: French headings of the tables shown by the panel (passed to ``style_fr(labels=...)``).
RFM_LABELS: dict[str, str] = {
    "segment": "Segment",
    "r_score": "Score R",
    "customers": "Clients",
    "customers_share": "Part des clients",
    "recency_days": "Récence moyenne (jours)",
    "frequency": "Achats moyens",
    "monetary_total": "Montant total moyen (MAD)",
    "action": "Action suggérée",
}


def rfm_segment_summary(scores: pd.DataFrame) -> pd.DataFrame:
    """One row per RFM segment (or per R score when segments are not named).

    Parameters
    ----------
    scores : DataFrame
        Output of :func:`crmsim.analysis.rfm`.

    Returns
    -------
    DataFrame
        Columns
        -------
        segment (or r_score) : str (or int)
            The group: a segment of :data:`crmsim.analysis.rfm.RFM_SEGMENTS`, in that
            order, when ``segment`` is filled (5 levels); otherwise the R score, 5 first.
        customers : int
            Number of customers of the group.
        customers_share : float
            Share of all customers (0-1).
        recency_days, frequency, monetary_total : float
            Group means of the RFM measures.
        action : str
            Suggested action (segments only).

    Examples
    --------
    >>> import crmsim as cs
    >>> from crmsim.widgets.rfm import rfm_segment_summary
    >>> summary = rfm_segment_summary(cs.rfm(cs.datasets.load("transactions_sample")))
    >>> int(summary["customers"].sum()), summary["segment"].iloc[0]
    (300, 'Meilleurs clients')
    """
    named = scores["segment"].notna().all()
    key = "segment" if named else "r_score"
    grouped = scores.groupby(key, sort=False)
    out = grouped[["recency_days", "frequency", "monetary_total"]].mean()
    out.insert(0, "customers", grouped.size())
    out.insert(1, "customers_share", out["customers"] / len(scores))
    if named:
        out = out.reindex([s for s in RFM_SEGMENTS if s in out.index])
        out["action"] = [RFM_SEGMENTS[s] for s in out.index]
    else:
        out = out.sort_index(ascending=False)
    return out.reset_index()


def _french_date(day: object) -> str:
    return pd.Timestamp(day).strftime("%d/%m/%Y")


class RfmPanel(Panel):
    """Number of score levels + analysis date, updating the RFM heatmap and segment table.

    Parameters
    ----------
    transactions : DataFrame, optional
        Purchase log (customer_id, date, amount), default the shipped sample
        ``transactions_sample`` (300 customers, 2023-2024).
    bins : int, default 5
        Initial number of score levels (segments are named only with 5).
    as_of : date-like, optional
        Initial analysis date, default the last purchase date of the log.

    Attributes
    ----------
    bins : ipywidgets.IntSlider
        Number of score levels, 2 to 10 (reruns when released).
    as_of : ipywidgets.DatePicker
        Analysis date; purchases after it are ignored. Empty = last purchase date.
    colour : ipywidgets.ToggleButtons
        Heatmap colour: "count" (number of customers) or "monetary" (mean amount).
    summary : ipywidgets.HTML
        One French sentence on the portfolio at that date.
    table_out, plot_out : ipywidgets.Output
        The segment table (HTML) and the R x F heatmap (PNG).
    scores : pandas.DataFrame or None
        The :func:`crmsim.analysis.rfm` table last computed (``None`` after an error).
    segments : pandas.DataFrame or None
        The table shown (:func:`rfm_segment_summary`).
    error : Exception or None
        The crmsim error shown in place of the results, if any.

    Examples
    --------
    >>> from crmsim.widgets import RfmPanel
    >>> panel = RfmPanel(as_of="2024-12-31")
    >>> panel
    RfmPanel(niveaux=5, date='2024-12-31', couleur='count')
    >>> panel.as_of.value = None  # back to the last purchase date
    >>> int(panel.scores["recency_days"].min())
    0
    """

    def __init__(
        self,
        transactions: pd.DataFrame | None = None,
        *,
        bins: int = 5,
        as_of: object = None,
    ) -> None:
        self._data = (
            transactions if transactions is not None else datasets.load("transactions_sample")
        )
        self.bins = french_slider("Nombre de niveaux de score :", bins, 2, 10, 1, integer=True)
        self.as_of = widgets.DatePicker(
            value=None if as_of is None else pd.Timestamp(as_of).date(),
            description=caption("Date d’analyse"),
            style=STYLE,
        )
        self.colour = widgets.ToggleButtons(
            options=[("Nombre de clients", "count"), ("Montant moyen", "monetary")],
            value="count",
            description=caption("Couleur"),
            style=STYLE,
        )
        self.scores: pd.DataFrame | None = None
        self.segments: pd.DataFrame | None = None
        super().__init__(
            [widgets.HBox([self.bins.row, self.as_of]), self.colour],
            css_class="crmsim-rfm",
            layout="plot_stacked",
        )
        self.watch(self.bins, self.as_of, self.colour)
        self.refresh()

    def __repr__(self) -> str:
        day = None if self.as_of.value is None else self.as_of.value.isoformat()
        return f"RfmPanel(niveaux={self.bins.value}, date={day!r}, couleur={self.colour.value!r})"

    def _render_plot(self) -> list:
        heatmap = plot_rfm_heatmap(
            self._data, value=self.colour.value, as_of=self.as_of.value, bins=self.bins.value
        )
        return [heatmap.figure]

    def _render_table(self) -> list[str]:
        self.scores = self.segments = None
        scores = rfm(self._data, as_of=self.as_of.value, bins=self.bins.value)
        self.scores = scores
        self.segments = rfm_segment_summary(scores)
        if self.as_of.value is None:
            day = pd.to_datetime(self._data["date"]).max()
        else:
            day = self.as_of.value
        top = scores["r_score"] == self.bins.value
        self.summary.value = (
            f"Au <b>{_french_date(day)}</b>\u00a0: <b>{format_number(len(scores), 0)} clients</b> "
            f"ont déjà acheté\u00a0; récence médiane <b>{format_number(scores['recency_days'].median(), 0)}"
            f" jours</b>\u00a0; <b>{format_percent(top.mean(), 1)}</b> des clients ont le score R "
            f"le plus élevé ({self.bins.value})."
        )
        note = ""
        if self.bins.value != 5:
            note = (
                "<p><i>Les segments nommés (meilleurs clients, à risque…) supposent 5 niveaux\u00a0: "
                "avec un autre nombre, le tableau regroupe les clients par score R.</i></p>"
            )
        styler = style_fr(
            self.segments,
            percent=["customers_share"],
            number=["recency_days", "frequency", "monetary_total"],
            decimals=1,
            labels=RFM_LABELS,
        )
        return [note, styler.to_html()] if note else [styler.to_html()]
