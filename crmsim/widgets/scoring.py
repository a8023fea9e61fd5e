"""Interactive scoring panel: move a client's notes and the coefficients, see its bubble move.

Examples
--------
>>> from crmsim.widgets import ScoringPanel
>>> panel = ScoringPanel(customer="C")
>>> panel
ScoringPanel(client='C')
>>> panel.scores.set_index("customer_id").loc["C", ["potential", "performance"]].tolist()
[3.0, 3.0]
>>> panel.notes["taux_equipement"].value = 5  # coefficient 3: +0,9 point of performance
>>> float(panel.scores.set_index("customer_id").loc["C", "performance"])
3.9
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from crmsim import datasets
from crmsim.analysis.scoring import scoring_grid, scoring_positioning
from crmsim.formatting import format_number, style_fr
from crmsim.plotting.portfolio import plot_scoring_bubbles
from crmsim.widgets._base import Panel
from crmsim.widgets._controls import caption, french_slider

__all__ = ["GRIDS", "SCORING_LABELS", "ScoringPanel", "grid_scores"]

#: The two grids of the course: (grid name in ``scoring_criteria``, output column, French title).
GRIDS = (
    ("potentiel", "potential", "Potentiel"),
    ("performance", "performance", "Performances"),
)

#: French headings of the scores table (for ``style_fr(labels=...)``).
SCORING_LABELS = {
    "potential": "Potentiel",
    "performance": "Performances",
    "potential_level": "Niveau de potentiel",
    "performance_level": "Niveau de performances",
    "strategy": "Stratégie",
    "share_revenue_pct": "Part du CA (%)",
    "diameter": "Diamètre d = ½√n",
}


def grid_scores(
    notes: pd.DataFrame, criteria: pd.DataFrame, *, revenue_col: str | None = "revenue"
) -> pd.DataFrame:
    """Potential and performance scores of each customer from its notes on both grids.

    Calls :func:`crmsim.scoring_grid` once per grid of :data:`GRIDS`; ``revenue_col``
    (when present in ``notes``) is kept aside: it sizes the bubbles, it is not a note.

    Returns
    -------
    DataFrame
        Columns
        -------
        customer_id : identifier
        potential, performance : float
            Weighted scores, 1-5.
        ``revenue_col`` : float
            Copied from ``notes`` when present.

    Examples
    --------
    >>> import crmsim as cs
    >>> out = grid_scores(cs.datasets.load("scoring_notes"), cs.datasets.load("scoring_criteria"))
    >>> out[["potential", "performance"]].to_numpy().tolist()[3]
    [2.0, 1.0]
    """
    has_revenue = revenue_col is not None and revenue_col in notes.columns
    only_notes = notes.drop(columns=[revenue_col]) if has_revenue else notes
    out = pd.DataFrame({"customer_id": notes["customer_id"].to_numpy()})
    for grid, column, _title in GRIDS:
        scored = scoring_grid(only_notes, criteria, grid=grid, score_name=column)
        out[column] = scored[column].to_numpy()
    if has_revenue:
        out[revenue_col] = notes[revenue_col].to_numpy()
    return out


class ScoringPanel(Panel):
    """Client selector + note and coefficient sliders, updating scores and bubble chart.

    Parameters
    ----------
    notes : DataFrame, optional
        One row per customer: ``customer_id``, a column of notes (1-5) per criterion of
        both grids and, optionally, ``revenue`` (bubble size). Default: the illustrative
        ``scoring_notes`` table, whose notes give the course's scores of clients A-E.
    criteria : DataFrame, optional
        The grids (default: the course's ``scoring_criteria``).
    customer : str, default "A"
        Client selected at start.

    Attributes
    ----------
    customer : ipywidgets.Dropdown
        The client whose notes the sliders show and change.
    notes, coefficients : dict of criterion_id -> ipywidgets.IntSlider
        Notes of the selected client (1-5) and coefficients of the criteria (1-3). Change
        their ``value`` to update the panel, as a student does with the mouse.
    reset : ipywidgets.Button
        Puts back the notes and coefficients the panel started with.
    summary : ipywidgets.HTML
        The selected client's two scores, computed step by step, and its quadrant.
    table_out, plot_out : ipywidgets.Output
        Scores of all clients (HTML) and the bubble chart (PNG).
    notes_table, criteria_table : pandas.DataFrame
        The notes and coefficients currently used (copies; the inputs are not changed).
    scores, positioning : pandas.DataFrame or None
        Last :func:`grid_scores` and :func:`crmsim.scoring_positioning` (``None`` after
        an error).
    error : Exception or None
        The crmsim error shown in place of the results, if any.
    """

    def __init__(
        self,
        notes: pd.DataFrame | None = None,
        criteria: pd.DataFrame | None = None,
        *,
        customer: str = "A",
    ) -> None:
        notes = notes if notes is not None else datasets.load("scoring_notes")
        criteria = criteria if criteria is not None else datasets.load("scoring_criteria")
        self._initial_notes = notes.copy()
        self._initial_criteria = criteria.copy()
        self.notes_table = notes.copy()
        self.criteria_table = criteria.copy()
        ids = [str(c) for c in notes["customer_id"]]
        self.customer = widgets.Dropdown(
            options=ids,
            value=customer if customer in ids else ids[0],
            description=caption("Client"),
        )
        self.notes: dict[str, widgets.IntSlider] = {}
        self.coefficients: dict[str, widgets.IntSlider] = {}
        note_boxes, coef_boxes = [], []
        for grid, _column, title in GRIDS:
            rows = criteria[criteria["grid"].astype(str) == grid]
            note_items: list[widgets.Widget] = [widgets.HTML(f"<b>{title}</b> (notes 1 à 5)")]
            coef_items: list[widgets.Widget] = [widgets.HTML(f"<b>{title}</b> (coefficients)")]
            for cid, label, coef in zip(
                rows["criterion_id"], rows["criterion"], rows["coefficient"], strict=True
            ):
                cid = str(cid)
                self.notes[cid] = french_slider(label, 1, 1, 5, 1, integer=True)
                self.coefficients[cid] = french_slider(label, int(coef), 1, 3, 1, integer=True)
                note_items.append(self.notes[cid].row)
                coef_items.append(self.coefficients[cid].row)
            note_boxes.append(widgets.VBox(note_items))
            coef_boxes.append(widgets.VBox(coef_items))
        self.reset = widgets.Button(description="Rétablir les valeurs de départ")
        coefficients = widgets.Accordion(
            [widgets.HBox(coef_boxes)],
            titles=(
                "Coefficients des critères (3 très important, 2 important, 1 assez important)",
            ),
        )
        self.scores: pd.DataFrame | None = None
        self.positioning: pd.DataFrame | None = None
        super().__init__(
            [widgets.HBox([self.customer, self.reset]), widgets.HBox(note_boxes), coefficients],
            css_class="crmsim-scoring",
            layout="plot_side",
        )
        self._show_customer()
        self.customer.observe(self._customer_changed, names="value")
        for cid, slider in self.notes.items():
            slider.observe(lambda change, c=cid: self._note_changed(c, change), names="value")
        for cid, slider in self.coefficients.items():
            slider.observe(lambda change, c=cid: self._coef_changed(c, change), names="value")
        self.reset.on_click(self._reset)
        self.refresh()

    def __repr__(self) -> str:
        return f"ScoringPanel(client={self.customer.value!r})"

    # -- callbacks: copy the control values into the tables, then redraw -----------------
    def _row(self) -> int:
        ids = self.notes_table["customer_id"].astype(str).to_numpy()
        return int((ids == self.customer.value).argmax())

    def _show_customer(self) -> None:
        with self.loading():
            row = self._row()
            for cid, slider in self.notes.items():
                slider.value = int(self.notes_table[cid].iloc[row])

    def _customer_changed(self, _change: object = None) -> None:
        self._show_customer()
        self.refresh()

    def _note_changed(self, cid: str, change: dict) -> None:
        if self._loading:
            return
        self.notes_table.loc[self.notes_table.index[self._row()], cid] = change["new"]
        self.refresh()

    def _coef_changed(self, cid: str, change: dict) -> None:
        if self._loading:
            return
        mask = self.criteria_table["criterion_id"].astype(str) == cid
        self.criteria_table.loc[mask, "coefficient"] = change["new"]
        self.refresh()

    def _reset(self, _button: object = None) -> None:
        self.notes_table = self._initial_notes.copy()
        self.criteria_table = self._initial_criteria.copy()
        coefs = self.criteria_table.set_index(self.criteria_table["criterion_id"].astype(str))
        with self.loading():
            for cid, slider in self.coefficients.items():
                slider.value = int(coefs.loc[cid, "coefficient"])
        self._show_customer()
        self.refresh()

    # -- rendering -----------------------------------------------------------------------
    def _render_plot(self) -> list:
        return [plot_scoring_bubbles(self.scores, revenue_col=self._revenue_col()).figure]

    def _revenue_col(self) -> str | None:
        """Bubble sizes come from revenue when the notes table has it."""
        return "revenue" if "revenue" in self.scores.columns else None

    def _render_table(self) -> list[str]:
        self.scores = self.positioning = None
        self.scores = grid_scores(self.notes_table, self.criteria_table)
        revenue = "revenue" if "revenue" in self.scores.columns else None
        self.positioning = scoring_positioning(self.scores, revenue_col=revenue)
        self.summary.value = self._summary_html()
        shown = self.positioning[
            ["customer_id", "potential", "performance", "strategy", "share_revenue_pct", "diameter"]
        ]
        styler = style_fr(
            shown,
            number=["potential", "performance", "share_revenue_pct", "diameter"],
            labels=SCORING_LABELS,
        )
        return [styler.to_html()]

    def _summary_html(self) -> str:
        row = self._row()
        parts = []
        for grid, column, title in GRIDS:
            crit = self.criteria_table[self.criteria_table["grid"].astype(str) == grid]
            coefs = crit["coefficient"].to_numpy()
            values = [int(self.notes_table[str(c)].iloc[row]) for c in crit["criterion_id"]]
            terms = " + ".join(f"{c}×{v}" for c, v in zip(coefs, values, strict=True))
            total = int(sum(c * v for c, v in zip(coefs, values, strict=True)))
            parts.append(
                f"{title} = ({terms}) / {int(coefs.sum())} = {total} / {int(coefs.sum())} = "
                f"<b>{format_number(self.scores[column].iloc[row], 2)}</b>"
            )
        pos = self.positioning.iloc[row]
        share = pos["share_revenue_pct"]
        bubble = (
            f" Bulle\u00a0: n = {format_number(share, 1)}\u00a0 % du CA, d = ½√n = "
            f"{format_number(pos['diameter'], 2)}."
            if pd.notna(share)
            else ""
        )
        means = (
            f"moyennes\u00a0: potentiel {format_number(pos['potential_mean'], 2)}, performances "
            f"{format_number(pos['performance_mean'], 2)}"
        )
        verdict = (
            f"Potentiel {pos['potential_level']} / performances {pos['performance_level']}s "
            f"({means})\u00a0: <i>{html.escape(pos['strategy'])}</i>.{bubble}"
        )
        return "<br>".join([f"<b>Client {html.escape(self.customer.value)}</b>", *parts, verdict])
