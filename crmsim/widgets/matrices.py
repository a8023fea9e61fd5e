"""Interactive matrix panel: choose a matrix model and a split rule, see the quadrants.

Examples
--------
>>> from crmsim.widgets import MatrixPanel
>>> panel = MatrixPanel()
>>> panel
MatrixPanel(modele='ca_rentabilite', coupure='median')
>>> panel.split.value = "mean"
>>> sorted(panel.table.query("y_level == 'fort' and x_level == 'fort'")["customer_id"])
['M04']
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from crmsim import datasets
from crmsim.analysis.matrices import MATRIX_MODELS, matrix_quadrants, portfolio_matrix
from crmsim.formatting import format_number, style_fr
from crmsim.plotting.portfolio import plot_matrix
from crmsim.widgets._base import Panel
from crmsim.widgets._controls import STYLE, caption, dropdown

__all__ = ["MATRIX_LABELS", "MatrixPanel", "quadrant_table"]

#: French headings of the quadrant table (for ``style_fr(labels=...)``).
MATRIX_LABELS = {
    "y_level": "Axe vertical",
    "x_level": "Axe horizontal",
    "strategy": "Stratégie recommandée",
    "customers": "Clients",
    "members": "Lesquels",
}

_SPLITS = {"median": "médiane", "mean": "moyenne"}


def _cut(value: float) -> str:
    return format_number(value, 0 if abs(value) >= 1000 else 2)


def quadrant_table(matrix: pd.DataFrame, model: str, customer_col: str = "customer_id"):
    """Count and list the customers of each quadrant of a :func:`portfolio_matrix` result.

    Returns
    -------
    DataFrame
        Four rows, in the order of :func:`crmsim.matrix_quadrants`.

        Columns
        -------
        y_level, x_level : str
            "fort" or "faible".
        strategy : str
            Recommended strategy, in French.
        customers : int
            Number of customers in the quadrant.
        members : str
            Their identifiers, comma-separated ("" when empty).

    Examples
    --------
    >>> import crmsim as cs
    >>> out = cs.portfolio_matrix(cs.datasets.load("matrix_clients"))
    >>> quadrant_table(out, "ca_rentabilite")["customers"].tolist()
    [5, 3, 3, 5]
    """
    quadrants = matrix_quadrants(model)
    counts, members = [], []
    for yl, xl in zip(quadrants["y_level"], quadrants["x_level"], strict=True):
        inside = matrix.loc[
            (matrix["y_level"] == yl) & (matrix["x_level"] == xl), customer_col
        ].tolist()
        counts.append(len(inside))
        members.append(", ".join(map(str, inside)))
    return quadrants.assign(customers=counts, members=members)


class MatrixPanel(Panel):
    """Matrix model selector + split rule, updating the quadrant table and the matrix.

    Parameters
    ----------
    data : DataFrame, optional
        One row per customer with the columns of the models' axes (default: the
        illustrative ``matrix_clients`` table, which has them all).
    model : str, default "ca_rentabilite"
        Initial model, a key of :data:`crmsim.analysis.matrices.MATRIX_MODELS`.
    split : {"median", "mean"}, default "median"
        Initial split rule of both axes.

    Attributes
    ----------
    model, split : ipywidgets controls
        Change their ``value`` to update the panel, as a student does with the mouse.
    summary : ipywidgets.HTML
        The split values used on each axis, in French.
    table_out, plot_out : ipywidgets.Output
        The quadrant table (HTML) and the matrix chart (PNG).
    table : pandas.DataFrame or None
        Last result of :func:`crmsim.portfolio_matrix` (``None`` after an error).
    quadrants : pandas.DataFrame or None
        Last :func:`quadrant_table`.
    error : Exception or None
        The crmsim error shown in place of the results, if any (e.g. a table without
        the columns of the chosen model).
    """

    def __init__(
        self,
        data: pd.DataFrame | None = None,
        *,
        model: str = "ca_rentabilite",
        split: str = "median",
    ) -> None:
        self._data = data if data is not None else datasets.load("matrix_clients")
        self.model = dropdown(
            "Matrice :", [(spec.title, key) for key, spec in MATRIX_MODELS.items()], value=model
        )
        self.split = widgets.ToggleButtons(
            options=[("Médiane", "median"), ("Moyenne", "mean")],
            value=split,
            description=caption("Coupure des axes"),
            style=STYLE,
        )
        self.table: pd.DataFrame | None = None
        self.quadrants: pd.DataFrame | None = None
        super().__init__([self.model, self.split], css_class="crmsim-matrices", layout="stacked")
        self.watch(self.model, self.split)
        self.refresh()

    def __repr__(self) -> str:
        return f"MatrixPanel(modele={self.model.value!r}, coupure={self.split.value!r})"

    def _render_plot(self) -> list:
        return [plot_matrix(self._data, model=self.model.value, split=self.split.value).figure]

    def _render_table(self) -> list[str]:
        self.table = self.quadrants = None
        model, split = self.model.value, self.split.value
        spec = MATRIX_MODELS[model]
        self.table = portfolio_matrix(self._data, model=model, split=split)
        self.quadrants = quadrant_table(self.table, model)
        rule = _SPLITS[split]
        x_cut, y_cut = self.table["x_cut"].iloc[0], self.table["y_cut"].iloc[0]
        self.summary.value = (
            f"Coupure à la {rule}\u00a0: <b>{html.escape(spec.y_label)}</b> ≥ "
            f"{_cut(y_cut)} = fort\u00a0; <b>{html.escape(spec.x_label)}</b> ≥ "
            f"{_cut(x_cut)} = fort ({len(self.table)} clients)."
        )
        labels = {
            **MATRIX_LABELS,
            "y_level": spec.y_label,
            "x_level": spec.x_label,
        }
        return [style_fr(self.quadrants, labels=labels).to_html()]
