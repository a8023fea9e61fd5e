"""Shared helpers of the plotting functions: new axes, French tick labels."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from crmsim.formatting import format_number, format_percent

__all__ = ["FONT", "french_axis", "new_axes"]

#: Font sizes readable on a projector, applied per figure (never through rcParams).
FONT = {"title": 15, "label": 13, "ticks": 11, "legend": 11, "annotation": 11}


def new_axes(ax: Axes | None, figsize: tuple[float, float] = (9, 5)) -> Axes:
    """Return ``ax``, or the Axes of a new figure of ``figsize`` inches."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    ax.tick_params(labelsize=FONT["ticks"])
    return ax


def french_axis(ax: Axes, axis: str = "y", *, percent: bool = False, decimals: int = 0) -> Axes:
    """Show the tick labels of ``axis`` ("x" or "y") in French format.

    ``percent=True`` reads the values as shares (0-1) and shows ``80 %``.
    """
    if percent:
        formatter = FuncFormatter(lambda v, _pos: format_percent(v, decimals))
    else:
        formatter = FuncFormatter(lambda v, _pos: format_number(v, decimals))
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(formatter)
    return ax


def style_axes(ax: Axes, title: str, xlabel: str, ylabel: str) -> Axes:
    """Set a French title and axis labels at projector-friendly sizes."""
    ax.set_title(title, fontsize=FONT["title"])
    ax.set_xlabel(xlabel, fontsize=FONT["label"])
    ax.set_ylabel(ylabel, fontsize=FONT["label"])
    return ax
