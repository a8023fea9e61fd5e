"""Pareto chart (bars + cumulative curve) and Lorenz curve."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from crmsim.analysis.pareto import gini, lorenz, pareto
from crmsim.formatting import format_percent
from crmsim.plotting._base import FONT, french_axis, new_axes, style_axes

__all__ = ["plot_lorenz", "plot_pareto"]


def plot_pareto(
    data: pd.DataFrame,
    *,
    target: float = 0.8,
    customer_col: str = "customer_id",
    revenue_col: str = "revenue",
    max_bars: int = 40,
    ax: Axes | None = None,
) -> Axes:
    """Draw the Pareto chart: revenue bars by customer and the cumulative share curve.

    Bars of the head (the customers reaching ``target``) are dark, the others light; the
    curve of cumulative revenue share uses the right axis, with dashed reference lines at
    the target share and at the share of customers the head represents. With more than
    ``max_bars`` customers, bars are replaced by the curve against the share of customers.

    Parameters
    ----------
    data : DataFrame
        One row per customer (see :func:`crmsim.analysis.pareto`).
    target : float, default 0.8
        Target share of revenue of the head.
    ax : Axes, optional
        Where to draw; a new figure when missing.

    Returns
    -------
    Axes
        The left Axes (revenue); the curve is on ``ax.right_ax``.
    """
    table = pareto(data, target=target, customer_col=customer_col, revenue_col=revenue_col)
    n = len(table)
    head = table[table["in_head"]]
    head_share = len(head) / n
    ax = new_axes(ax)
    x_curve = table["cum_customers_share"].to_numpy()
    colors = np.where(table["in_head"], "#1f4e79", "#9dc3e6")
    if n <= max_bars:
        positions = np.arange(n)
        ax.bar(positions, table[revenue_col], color=colors)
        ax.set_xticks(positions, table[customer_col].astype(str), fontsize=FONT["ticks"])
        xlabel = "Clients, du plus gros au plus petit CA"
        right = ax.twinx()
        x_plot = positions
        cut = len(head) - 0.5
    else:
        ax.bar(x_curve - 1 / n, table[revenue_col], width=1 / n, color=colors, align="edge")
        french_axis(ax, "x", percent=True)
        xlabel = "Part cumulée des clients (du plus gros au plus petit CA)"
        right = ax.twinx()
        x_plot = x_curve
        cut = head_share
    right.plot(x_plot, table["cum_share"], color="#c00000", marker="o" if n <= max_bars else "")
    right.set_ylim(0, 1.05)
    right.axhline(target, color="#c00000", linestyle="--", linewidth=1)
    ax.axvline(cut, color="grey", linestyle="--", linewidth=1)
    right.set_ylabel("Part cumulée du CA", fontsize=FONT["label"], color="#c00000")
    french_axis(right, "y", percent=True)
    french_axis(ax, "y")
    right.tick_params(labelsize=FONT["ticks"])
    title = (
        f"Pareto : {format_percent(head_share, 0)} des clients font "
        f"{format_percent(head['share'].sum(), 0)} du CA"
    )
    style_axes(ax, title, xlabel, "Chiffre d’affaires (MAD)")
    ax.right_ax = right
    return ax


def plot_lorenz(
    data: pd.DataFrame,
    *,
    customer_col: str = "customer_id",
    revenue_col: str = "revenue",
    label: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the Lorenz curve of revenue with the equality diagonal and the Gini index.

    Several calls on the same ``ax`` compare datasets; ``label`` names the curve in the
    legend (the Gini index is appended).
    """
    curve = lorenz(data, customer_col=customer_col, revenue_col=revenue_col)
    g = gini(data, customer_col=customer_col, revenue_col=revenue_col)
    ax = new_axes(ax, figsize=(6, 6))
    if not ax.lines:
        ax.plot([0, 1], [0, 1], color="grey", linestyle="--", label="Égalité parfaite")
    name = f"{label} : " if label else ""
    ax.plot(
        curve["cum_customers_share"],
        curve["cum_revenue_share"],
        label=f"{name}Gini = {format_percent(g, 0)}",
    )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    french_axis(ax, "x", percent=True)
    french_axis(ax, "y", percent=True)
    ax.legend(fontsize=FONT["legend"])
    style_axes(
        ax,
        "Courbe de Lorenz du chiffre d’affaires",
        "Part cumulée des clients (du plus petit au plus gros)",
        "Part cumulée du CA",
    )
    return ax
