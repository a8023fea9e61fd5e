"""Gains and lift charts of a churn score (the table of :func:`crmsim.gains_table`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MultipleLocator

from crmsim._validation import check_columns, check_nonempty, ensure_frame
from crmsim.analysis.churn_features import CHURN_LABELS
from crmsim.formatting import format_number, format_percent, style_fr, table_fr
from crmsim.plotting._base import FONT, french_axis, new_axes, style_axes

__all__ = [
    "plot_gains",
    "plot_gains_and_lift",
    "plot_lift",
    "style_churn_by_survey",
    "style_coefficients",
    "style_gains",
]


def _gains(gains: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    gains = ensure_frame(gains, "gains")
    check_columns(gains, ["decile", *columns], "gains")
    check_nonempty(gains, "gains")
    return gains


def plot_gains(gains: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Cumulative gains curve: share of the departures found against share of customers called.

    The diagonal is what a random ordering finds; the further the curve lies above it, the
    better the score ranks the customers who will leave.

    Parameters
    ----------
    gains : DataFrame
        Output of :func:`crmsim.gains_table` (``decile``, ``cum_customers_share``,
        ``cum_churners_share``).
    ax : Axes, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> import crmsim as cs
    >>> table = cs.gains_table([0.9, 0.8, 0.1, 0.2, 0.5], [1, 0, 0, 1, 0], bins=5)
    >>> ax = cs.plotting.plot_gains(table)
    >>> ax.get_title()
    'Courbe de gain du score de départ'
    """
    gains = _gains(gains, ["cum_customers_share", "cum_churners_share"])
    ax = new_axes(ax, figsize=(7, 5.5))
    x = np.concatenate([[0.0], gains["cum_customers_share"].to_numpy(dtype=float)])
    y = np.concatenate([[0.0], gains["cum_churners_share"].to_numpy(dtype=float)])
    ax.plot(x, y, marker="o", color="#1f4e79", lw=2, label="score du modèle")
    ax.plot([0, 1], [0, 1], ls="--", color="#7f7f7f", lw=1.5, label="ordre au hasard")
    ax.fill_between(x, x, y, color="#1f4e79", alpha=0.08)
    first = gains.iloc[0]
    ax.annotate(
        f"{format_percent(first['cum_churners_share'], 0)} des départs\n"
        f"dans les {format_percent(first['cum_customers_share'], 0)} premiers clients",
        xy=(first["cum_customers_share"], first["cum_churners_share"]),
        xytext=(0.25, 0.12),
        fontsize=FONT["annotation"],
        arrowprops={"arrowstyle": "->", "color": "#404040"},
    )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    french_axis(ax, "x", percent=True)
    french_axis(ax, "y", percent=True)
    ax.legend(fontsize=FONT["legend"], loc="lower right")
    return style_axes(
        ax,
        "Courbe de gain du score de départ",
        "Part des clients contactés, des plus à risque aux moins à risque",
        "Part des départs trouvés",
    )


def plot_lift(gains: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Lift of each decile of score: its churn rate divided by the overall churn rate.

    Parameters
    ----------
    gains : DataFrame
        Output of :func:`crmsim.gains_table` (``decile``, ``lift``).
    ax : Axes, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> import crmsim as cs
    >>> table = cs.gains_table([0.9, 0.8, 0.1, 0.2, 0.5], [1, 0, 0, 1, 0], bins=5)
    >>> len(cs.plotting.plot_lift(table).patches)
    5
    """
    gains = _gains(gains, ["lift"])
    ax = new_axes(ax)
    lift = gains["lift"].to_numpy(dtype=float)
    colors = ["#c00000" if v > 1 else "#a5a5a5" for v in lift]
    ax.bar(gains["decile"], lift, color=colors, width=0.7)
    ax.axhline(1, ls="--", color="#404040", lw=1.5, label="ordre au hasard (lift = 1)")
    for decile, value in zip(gains["decile"], lift, strict=True):
        ax.text(
            decile,
            value,
            format_number(value, 2),
            ha="center",
            va="bottom",
            fontsize=FONT["annotation"],
        )
    ax.set_xticks(gains["decile"])
    ax.yaxis.set_major_locator(MultipleLocator(0.5))
    french_axis(ax, "y", decimals=1)
    ax.legend(fontsize=FONT["legend"])
    return style_axes(
        ax,
        "Lift par décile de score",
        "Décile de score (1 = les 10 % de clients les plus à risque)",
        "Lift (taux de départ du décile / taux moyen)",
    )


def plot_gains_and_lift(
    gains: pd.DataFrame, *, axes: tuple[Axes, Axes] | None = None
) -> tuple[Axes, Axes]:
    """The gains curve (left) and the lift by decile (right), side by side.

    The two-panel counterpart of :func:`plot_gains` and :func:`plot_lift`: ``axes`` is a
    pair of Axes (a new 15 × 5.5 inch figure when missing); the pair is returned.

    Examples
    --------
    >>> import crmsim as cs
    >>> table = cs.gains_table([0.9, 0.8, 0.1, 0.2, 0.5], [1, 0, 0, 1, 0], bins=5)
    >>> left, right = plot_gains_and_lift(table)
    >>> left.figure is right.figure, right.get_title()
    (True, 'Lift par décile de score')
    """
    _gains(gains, ["cum_customers_share", "cum_churners_share", "lift", "cum_lift"])
    if axes is None:
        import matplotlib.pyplot as plt

        _, axes = plt.subplots(1, 2, figsize=(15, 5.5), layout="constrained")
    left, right = axes
    return plot_gains(gains, ax=left), plot_lift(gains, ax=right)


def style_gains(gains: pd.DataFrame):
    """The gains table (:func:`crmsim.gains_table`) in French: rates in %, lifts with 2 decimals.

    Examples
    --------
    >>> import crmsim as cs
    >>> table = cs.gains_table([0.9, 0.8, 0.1, 0.2, 0.5], [1, 0, 0, 1, 0], bins=5)
    >>> "Lift cumulé" in style_gains(table).to_html()
    True
    """
    gains = _gains(gains, ["churn_rate", "cum_customers_share", "cum_churners_share"])
    return style_fr(
        gains,
        percent=["churn_rate", "cum_customers_share", "cum_churners_share"],
        number=[c for c in ("lift", "cum_lift") if c in gains.columns],
        decimals=2,
        labels=CHURN_LABELS,
    )


def style_coefficients(coefficients: pd.DataFrame):
    """The coefficients of a churn model (:meth:`crmsim.ChurnModel.coefficients`) in French.

    Variable names are replaced by their French headings; coefficients keep 2 decimals.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"feature": ["complaints"], "coefficient": [0.4321]})
    >>> html = style_coefficients(c).to_html()
    >>> "Réclamations" in html and "0,43" in html
    True
    """
    table = ensure_frame(coefficients, "coefficients").copy()
    check_columns(table, ["feature", "coefficient"], "coefficients")
    table["feature"] = table["feature"].map(lambda f: CHURN_LABELS.get(f, f))
    return style_fr(table, number=["coefficient"], decimals=2, labels=CHURN_LABELS)


def style_churn_by_survey(table: pd.DataFrame, *, horizon_months: int | None = None):
    """The table of :func:`crmsim.churn_by_survey` in French (rates in % with one decimal).

    ``horizon_months``, when given, is written in the heading of the departure rate.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"group": ["non interrogé"], "customers": [1200], "churn_rate": [0.25]})
    >>> html = style_churn_by_survey(t, horizon_months=6).to_html()
    >>> "Départs dans les 6 mois (%)" in html and ">25,0<" in html
    True
    """
    table = ensure_frame(table, "table")
    check_columns(table, ["group", "customers", "churn_rate"], "table")
    rate = "Départs dans l’horizon"
    if horizon_months is not None:
        rate = f"Départs dans les {int(horizon_months)} mois"
    labels = {"group": "Ce que sait l’entreprise", "customers": "Clients", "churn_rate": rate}
    return table_fr(table, formats={"churn_rate": ("percent", 1)}, labels=labels)
