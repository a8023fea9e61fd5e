"""Plots of the customer-experience lesson: the gap, the ACSI history, the 20/30/50 portfolio.

Each function takes ``ax=None`` (a new figure is made), returns the Axes and sets French
titles and axes at projector-friendly sizes on the figure itself.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from crmsim._validation import check_table
from crmsim.analysis.experience import LABELS_FR, acsi_periods
from crmsim.formatting import format_number, format_percent, french_labels
from crmsim.plotting._base import FONT, french_axis, new_axes, style_axes

__all__ = [
    "plot_acsi",
    "plot_gap_by_quality",
    "plot_gap_distribution",
    "plot_portfolio_tiers",
    "style_experience",
]

_RED, _GREEN, _BLUE, _GREY = "#c0392b", "#2e7d32", "#1f4e79", "#7f7f7f"


#: Columns shown as percentages (one decimal) and as numbers with one decimal.
_PERCENT = {
    "share_negative_gap",
    "complaint_share",
    "silent_share",
    "resolved_share",
    "stay_share",
    "share_customers",
    "share_revenue",
    "course_share_revenue",
}
_ONE_DECIMAL = {"service_quality", "mean_gap", "relative_value", "score"}


def style_experience(table: pd.DataFrame, *, labels: dict | None = None):
    """A table of :mod:`crmsim.analysis.experience` ready to show: French headings and formats.

    Shares become ``15,5 %``, counts and amounts are grouped by thousands without
    decimals (the unit is in the heading), gaps, scores and ratios keep one decimal. The
    Styler has a fixed id (same HTML at every run) and no index.

    Examples
    --------
    >>> import pandas as pd
    >>> html = style_experience(pd.DataFrame({"churned": [2206], "stay_share": [0.944]})).to_html()
    >>> "2\u00a0206" in html and "94,4\u00a0%" in html and "Part restée" in html
    True
    """
    formats = {}
    for col in table.columns:
        if col in _PERCENT:
            formats[col] = lambda v: format_percent(v, 1)
        elif col in _ONE_DECIMAL:
            formats[col] = lambda v: format_number(v, 1)
        elif pd.api.types.is_numeric_dtype(table[col]) and not pd.api.types.is_bool_dtype(
            table[col]
        ):
            formats[col] = lambda v: format_number(v, 0)
    names = french_labels(table.columns, {**LABELS_FR, **(labels or {})})
    styler = table.style.format(formats, na_rep="n.d.").set_uuid("crmsim")
    return styler.relabel_index(list(names.values()), axis=1).hide(axis="index")


def plot_gap_distribution(
    customers: pd.DataFrame, *, gap_col: str = "satisfaction", ax: Axes | None = None
) -> Axes:
    """Histogram of the customers' gap (quality lived − expectation), Δ = 0 marked.

    Parameters
    ----------
    customers : DataFrame
        One row per customer with ``gap_col`` (the ``customers`` table of a run; pass the
        active ones to see today's base).
    gap_col : str, default "satisfaction"
    ax : matplotlib Axes, optional

    Examples
    --------
    >>> import pandas as pd
    >>> ax = plot_gap_distribution(pd.DataFrame({"satisfaction": [-1.0, 0.5, 2.0]}))
    >>> ax.get_xlabel()
    'Écart qualité vécue − attente (points)'
    """
    data = check_table(customers, [gap_col], name="customers")
    gaps = pd.to_numeric(data[gap_col], errors="coerce").dropna().to_numpy(dtype=float)
    ax = new_axes(ax)
    low, high = np.floor(min(gaps.min(), -1.0)), np.ceil(max(gaps.max(), 1.0))
    bins = np.arange(low, high + 0.25, 0.25)
    ax.hist(gaps[gaps < 0], bins=bins, color=_RED, label="Écart négatif : mécontent")
    ax.hist(gaps[gaps >= 0], bins=bins, color=_GREEN, label="Écart nul ou positif : satisfait")
    ax.axvline(0, color="black", linestyle="--", linewidth=1.5)
    share = (gaps < 0).mean() if gaps.size else float("nan")
    ax.annotate(
        f"Δ = 0\n{format_percent(share, 1)} en dessous",
        xy=(0, 0.95),
        xycoords=("data", "axes fraction"),
        xytext=(6, 0),
        textcoords="offset points",
        va="top",
        fontsize=FONT["annotation"],
        bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"},
    )
    ax.legend(fontsize=FONT["legend"], loc="upper left")
    french_axis(ax, "x", decimals=0)
    return style_axes(
        ax,
        "Promesse tenue ou non : l’écart de chaque client",
        "Écart qualité vécue − attente (points)",
        "Clients",
    )


def plot_gap_by_quality(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Share of customers under the promise as the delivered quality changes.

    Parameters
    ----------
    table : DataFrame
        The output of :func:`crmsim.analysis.experience.gap_by_quality`.
    ax : matplotlib Axes, optional

    Examples
    --------
    >>> from crmsim.analysis.experience import gap_by_quality
    >>> ax = plot_gap_by_quality(gap_by_quality([5.0, 6.0, 7.0], [5.5, 6.5, 7.5]))
    >>> ax.get_ylabel()
    'Clients en écart négatif'
    """
    data = check_table(table, ["service_quality", "share_negative_gap"], name="table")
    ax = new_axes(ax)
    ax.plot(data["service_quality"], data["share_negative_gap"], marker="o", color=_BLUE)
    ax.set_ylim(0, 1)
    french_axis(ax, "y", percent=True)
    french_axis(ax, "x", decimals=1)
    return style_axes(
        ax,
        "Plus la qualité délivrée est haute, moins de clients sont déçus",
        "Qualité délivrée (/10)",
        "Clients en écart négatif",
    )


def plot_acsi(acsi: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """The national ACSI scores as dated points joined by a line, the 1994 level marked.

    Parameters
    ----------
    acsi : DataFrame
        Columns ``year``, ``quarter``, ``score`` (``crmsim.datasets.load("acsi_index")``).
    ax : matplotlib Axes, optional

    Examples
    --------
    >>> import crmsim as cs
    >>> ax = plot_acsi(cs.datasets.load("acsi_index"))
    >>> ax.get_title()
    'Indice national de satisfaction américain (ACSI)'
    """
    data = acsi_periods(acsi)
    ax = new_axes(ax)
    # Dotted: the points are isolated measures, the line only guides the eye.
    ax.plot(data["time"], data["score"], marker="o", color=_BLUE, linewidth=1.2, linestyle=":")
    first = float(data["score"].iloc[0])
    ax.axhline(first, color=_GREY, linestyle="--", linewidth=1)
    ax.annotate(
        f"niveau de départ ({format_number(first, 1)})",
        xy=(float(data["time"].iloc[0]), first),
        xytext=(4, 6),
        textcoords="offset points",
        fontsize=FONT["annotation"],
        color=_GREY,
    )
    for t, s, label in zip(data["time"], data["score"], data["period"], strict=True):
        ax.annotate(
            label, (t, s), xytext=(0, -16), textcoords="offset points", ha="center", fontsize=9
        )
    ax.set_ylim(
        min(70.0, float(data["score"].min()) - 1), max(76.0, float(data["score"].max()) + 1)
    )
    french_axis(ax, "y", decimals=0)
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}")
    return style_axes(
        ax, "Indice national de satisfaction américain (ACSI)", "Année", "Score (sur 100)"
    )


def plot_portfolio_tiers(tiers: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Each tranche's share of customers and of revenue, with the course's figure.

    Parameters
    ----------
    tiers : DataFrame
        The output of :func:`crmsim.analysis.experience.portfolio_tiers`.
    ax : matplotlib Axes, optional

    Examples
    --------
    >>> import pandas as pd
    >>> from crmsim.analysis.experience import portfolio_tiers
    >>> base = pd.DataFrame({"customer_id": range(10), "revenue": [9, 8, 5, 4, 3, 2, 1, 1, 1, 1]})
    >>> ax = plot_portfolio_tiers(portfolio_tiers(base))
    >>> len(ax.patches)
    6
    """
    cols = ["strategy", "share_customers", "share_revenue", "course_share_revenue"]
    data = check_table(tiers, cols, name="tiers")
    ax = new_axes(ax)
    x = np.arange(len(data))
    width = 0.38
    ax.bar(x - width / 2, data["share_customers"], width, color=_GREY, label="Part des clients")
    ax.bar(x + width / 2, data["share_revenue"], width, color=_BLUE, label="Part du CA (simulé)")
    ax.scatter(
        x + width / 2,
        data["course_share_revenue"],
        marker="_",
        s=900,
        linewidths=3,
        color=_RED,
        label="Part du CA (cours)",
        zorder=3,
    )
    ax.set_xticks(
        x,
        [
            f"{s}\n{format_percent(c, 0)} des clients"
            for s, c in zip(data["strategy"], data["share_customers"], strict=True)
        ],
    )
    ax.set_ylim(0, 1)
    ax.legend(fontsize=FONT["legend"])
    french_axis(ax, "y", percent=True)
    return style_axes(ax, "Portefeuille 20/30/50 : trois tranches, trois stratégies", "", "Part")
