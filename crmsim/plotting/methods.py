"""Charts of the course's methods on a large (simulated) portfolio, where one label per
customer would no longer be readable: the best customers of each method, the spread of
the TCC, the cloud of the scoring grid.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from crmsim._validation import check_table
from crmsim.analysis.scoring import POSITIONING_STRATEGIES
from crmsim.analysis.tcc import RADAR_STRATEGIES
from crmsim.errors import DataError
from crmsim.plotting._base import FONT, french_axis, new_axes, style_axes

__all__ = [
    "plot_course_comparison",
    "plot_method_overlap",
    "plot_scoring_cloud",
    "plot_tcc_distribution",
]

#: One colour per RADAR strategy (conquest in warm tones, loyalty in cool ones).
RADAR_COLORS = {
    "Réactiver": "#c55a11",
    "Acquérir": "#f4b183",
    "Développer": "#9dc3e6",
    "Accompagner": "#5b9bd5",
    "Retenir": "#1f4e79",
}
#: One colour per quadrant of the scoring grid.
QUADRANT_COLORS = dict(
    zip(POSITIONING_STRATEGIES.values(), ("#1f4e79", "#70ad47", "#ffc000", "#a5a5a5"), strict=True)
)


def plot_method_overlap(overlap: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """The best customers of each method: their share of customers, of revenue, in the head.

    Parameters
    ----------
    overlap : DataFrame
        The table of :func:`crmsim.method_overlap`.
    ax : Axes, optional

    Examples
    --------
    >>> import crmsim as cs
    >>> res = cs.simulate(cs.small_portfolio("cours", customers=200, months=24), seed=1)
    >>> ax = plot_method_overlap(cs.method_overlap(cs.portfolio_methods(res)))
    >>> len(ax.get_yticklabels())
    5
    """
    cols = ["group", "share_customers", "share_revenue", "in_head_share"]
    table = check_table(overlap, cols, name="overlap")
    ax = new_axes(ax, figsize=(10, 5.5))
    y = np.arange(len(table))[::-1]
    bars = (
        ("share_customers", "part des clients", "#a5a5a5"),
        ("share_revenue", "part du CA de l’année", "#5b9bd5"),
        ("in_head_share", "dont dans la tête de Pareto", "#c55a11"),
    )
    for k, (col, label, color) in enumerate(bars):
        values = table[col].fillna(0).to_numpy(dtype=float)
        ax.barh(y + (1 - k) * 0.27, values, height=0.27, color=color, label=label)
    ax.set_yticks(y, table["group"], fontsize=FONT["ticks"])
    ax.set_xlim(0, 1.05)
    french_axis(ax, "x", percent=True)
    ax.legend(fontsize=FONT["legend"], loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=3)
    style_axes(ax, "Les meilleurs clients selon chaque méthode", "", "")
    return ax


def plot_tcc_distribution(
    radar_table: pd.DataFrame, *, bins: int = 20, ax: Axes | None = None
) -> Axes:
    """How the TCC of the customers spread, stacked by RADAR strategy, with the threshold.

    Parameters
    ----------
    radar_table : DataFrame
        The table of :func:`crmsim.radar` (columns ``tcc``, ``threshold``, ``strategy``).
    bins : int, default 20
        Classes of TCC between 0 and 100 %.
    ax : Axes, optional

    Examples
    --------
    >>> import crmsim as cs
    >>> table = cs.radar(cs.datasets.load("tcc_sales"), firm="A")
    >>> plot_tcc_distribution(table).get_title()
    'Répartition des TCC de «\xa0A\xa0» par stratégie RADAR'
    """
    table = check_table(radar_table, ["firm", "tcc", "threshold", "strategy"], name="radar_table")
    ax = new_axes(ax, figsize=(10, 5.5))
    edges = np.linspace(0, 1, int(bins) + 1)
    present = [s for s in RADAR_STRATEGIES if (table["strategy"] == s).any()]
    values = [table.loc[table["strategy"] == s, "tcc"].fillna(0).clip(0, 1) for s in present]
    colors = [RADAR_COLORS[s] for s in present]
    ax.hist(values, bins=edges, stacked=True, color=colors, label=present, edgecolor="white")
    threshold = float(table["threshold"].iloc[0])
    ax.axvline(threshold, color="#c00000", linestyle="--", linewidth=1.5, label="seuil de valeur")
    ax.set_xlim(0, 1)
    french_axis(ax, "x", percent=True)
    french_axis(ax, "y")
    ax.legend(fontsize=FONT["legend"])
    firm = table["firm"].iloc[0]
    style_axes(
        ax,
        f"Répartition des TCC de « {firm} » par stratégie RADAR",
        "TCC (part de l’entreprise dans les achats du client)",
        "Clients",
    )
    return ax


def plot_scoring_cloud(positioning: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """The scoring grid of many accounts: one point per account, area by revenue.

    Parameters
    ----------
    positioning : DataFrame
        The table of :func:`crmsim.account_positioning` (or of
        :func:`crmsim.scoring_positioning` with a revenue column).
    ax : Axes, optional

    Examples
    --------
    >>> import crmsim as cs
    >>> pos = cs.account_positioning(cs.datasets.load("scoring_notes"),
    ...                              cs.datasets.load("scoring_criteria"))
    >>> plot_scoring_cloud(pos).get_xlabel()
    'Performances (1 = mauvais, 5 = excellent)'
    """
    cols = ["potential", "performance", "potential_mean", "performance_mean", "strategy"]
    table = check_table(positioning, [*cols, "share_revenue_pct"], name="positioning")
    ax = new_axes(ax, figsize=(9, 7))
    share = table["share_revenue_pct"].fillna(0).to_numpy(dtype=float)
    sizes = 15 + 1500 * share / max(share.max(), 1e-12)
    for strategy, color in QUADRANT_COLORS.items():
        chosen = (table["strategy"] == strategy).to_numpy()
        if chosen.any():
            ax.scatter(
                table["performance"][chosen],
                table["potential"][chosen],
                s=sizes[chosen],
                color=color,
                alpha=0.45,
                edgecolor="white",
                label=f"{strategy} ({int(chosen.sum())})",
            )
    ax.axvline(table["performance_mean"].iloc[0], color="#c00000", linestyle="--", linewidth=1)
    ax.axhline(table["potential_mean"].iloc[0], color="#c00000", linestyle="--", linewidth=1)
    ax.set_xlim(0.8, 5.2)
    ax.set_ylim(0.8, 5.2)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.legend(fontsize=FONT["legend"] - 2, loc="upper center", bbox_to_anchor=(0.5, -0.12))
    style_axes(
        ax,
        "Grille de scoring\u00a0: potentiel × performances (taille\u00a0: CA)",
        "Performances (1 = mauvais, 5 = excellent)",
        "Potentiel (1 = mauvais, 5 = excellent)",
    )
    return ax


def plot_course_comparison(
    table: pd.DataFrame, *, value: str = "share_revenue", ax: Axes | None = None
) -> Axes:
    """A method's classes on the lesson's example and on the simulated base, side by side.

    Parameters
    ----------
    table : DataFrame
        A table of :func:`crmsim.compare_with_course` with one row per base and class
        (its second column: ABC class, RFM segment, quadrant or RADAR strategy).
    value : {"share_revenue", "share_customers"}, default "share_revenue"
        The share drawn (the share of customers when the table has no revenue).
    ax : Axes, optional

    Examples
    --------
    >>> import crmsim as cs
    >>> res = cs.simulate(cs.small_portfolio("cours", customers=200, months=24), seed=1)
    >>> ax = plot_course_comparison(cs.compare_with_course(res, "abc"))
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['A', 'B', 'C']
    """
    data = check_table(table, ["base", "share_customers"], name="table")
    if value not in ("share_revenue", "share_customers"):
        raise DataError(
            f"value doit valoir « share_revenue » ou « share_customers », reçu {value!r}."
        )
    if value not in data.columns:
        value = "share_customers"
    label_col = data.columns[1]
    labels = list(dict.fromkeys(data[label_col].astype(str)))
    bases = list(dict.fromkeys(data["base"]))
    ax = new_axes(ax, figsize=(10, 5.5))
    x = np.arange(len(labels))
    width = 0.8 / len(bases)
    for k, (base, color) in enumerate(zip(bases, ("#a5a5a5", "#5b9bd5", "#1f4e79"), strict=False)):
        part = data[data["base"] == base]
        part = part.set_index(part[label_col].astype(str))
        heights = part[value].reindex(labels).fillna(0).to_numpy(dtype=float)
        ax.bar(x + (k - (len(bases) - 1) / 2) * width, heights, width, color=color, label=base)
    many = len(labels) > 6
    ax.set_xticks(
        x,
        [t if many else textwrap.fill(t, 14) for t in labels],
        fontsize=FONT["ticks"],
        rotation=35 if many else 0,
        ha="right" if many else "center",
    )
    french_axis(ax, "y", percent=True)
    ax.legend(fontsize=FONT["legend"])
    shown = "Part du CA" if value == "share_revenue" else "Part des clients"
    style_axes(ax, f"{shown}\u00a0: l’exemple de la leçon et la base simulée", "", f"{shown} (%)")
    return ax
