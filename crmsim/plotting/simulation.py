"""Plots of a simulated customer base over time (the ``monthly`` table of a run)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from crmsim._validation import check_columns, check_nonempty, ensure_frame
from crmsim.labels import CAUSE_COLUMNS, CAUSES
from crmsim.plotting._base import FONT, french_axis, new_axes, style_axes

__all__ = ["CAUSE_COLORS", "WhatIfChart", "plot_churn_by_cause", "plot_customer_base"]

#: One colour per attrition cause, the same in every lesson.
CAUSE_COLORS: dict[str, str] = {
    "insatisfaction": "#c00000",
    "structurelle": "#7030a0",
    "conjoncturelle": "#ed7d31",
    "anecdotique": "#a5a5a5",
}


def _monthly(monthly: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    monthly = ensure_frame(monthly, "monthly")
    check_columns(monthly, ["month", *columns], "monthly")
    check_nonempty(monthly, "monthly")
    return monthly


def _shade_crises(ax: Axes, monthly: pd.DataFrame) -> None:
    """Shade the months of a crisis, if the table records them."""
    if "crisis" not in monthly:
        return
    months = monthly.loc[monthly["crisis"].astype(bool), "month"].to_numpy()
    for i, month in enumerate(months):
        ax.axvspan(
            month - 0.5,
            month + 0.5,
            color="#ed7d31",
            alpha=0.15,
            lw=0,
            label="crise" if i == 0 else None,
        )


def plot_customer_base(monthly: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Active customers at the end of each month, with the months of crisis shaded.

    Parameters
    ----------
    monthly : DataFrame
        The ``monthly`` table of a :class:`crmsim.SimulationResult` (columns ``month``,
        ``active``, optionally ``crisis``).
    ax : Axes, optional
        Where to draw; a new figure when missing.
    """
    monthly = _monthly(monthly, ["active"])
    ax = new_axes(ax)
    ax.plot(monthly["month"], monthly["active"], color="#1f4e79", lw=2, label="clients actifs")
    _shade_crises(ax, monthly)
    low = float(monthly["active"].min())
    ax.set_ylim(0 if low < 0.5 * float(monthly["active"].max()) else low * 0.95)
    french_axis(ax, "y")
    ax.legend(fontsize=FONT["legend"], loc="best")
    return style_axes(ax, "Évolution du portefeuille clients", "Mois", "Clients actifs")


def _churn_table(monthly: pd.DataFrame, per: str) -> tuple[pd.DataFrame, np.ndarray, str, float]:
    """Departures by cause per month or per year: (table, bar positions, x label, width)."""
    if per not in ("month", "year"):
        raise ValueError(f"per doit valoir « month » ou « year », reçu {per!r}.")
    if per == "year":
        table = monthly.groupby(monthly["month"] // 12)[list(CAUSE_COLUMNS)].sum()
        return table, table.index.to_numpy() + 1, "Année de simulation", 0.8
    table = monthly.set_index("month")[list(CAUSE_COLUMNS)]
    return table, table.index.to_numpy(), "Mois", 0.9


def _legend_outside(ax: Axes, **kwargs) -> None:
    """Legend to the right of the axes, where it never hides a bar or a line."""
    ax.legend(
        fontsize=FONT["legend"],
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        borderaxespad=0,
        **kwargs,
    )


def plot_churn_by_cause(
    monthly: pd.DataFrame, *, per: str = "month", ax: Axes | None = None
) -> Axes:
    """Stacked bars of the customers lost, by attrition cause.

    The legend stands to the right of the chart, so that it never hides the first bars.

    Parameters
    ----------
    monthly : DataFrame
        The ``monthly`` table of a run (one ``churned_*`` column per cause).
    per : {"month", "year"}
        Bars per month (shows a crisis spike) or per year of simulation (readable over
        long runs).
    """
    monthly = _monthly(monthly, list(CAUSE_COLUMNS))
    table, x, xlabel, width = _churn_table(monthly, per)
    ax = new_axes(ax)
    bottom = np.zeros(len(table))
    for cause, column in zip(CAUSES, CAUSE_COLUMNS, strict=True):
        values = table[column].to_numpy(dtype=float)
        ax.bar(x, values, bottom=bottom, width=width, color=CAUSE_COLORS[cause], label=cause)
        bottom += values
    if per == "month":
        _shade_crises(ax, monthly)
    french_axis(ax, "y")
    _legend_outside(ax, title="Cause du départ", title_fontsize=FONT["legend"])
    return style_axes(ax, "Clients perdus par type d’attrition", xlabel, "Clients perdus")


def _upper(values: np.ndarray) -> float:
    """A round upper limit a little above ``values``' maximum (at least 1)."""
    top = max(float(np.max(values)) if len(values) else 0.0, 1.0) * 1.15
    step = 10 ** np.floor(np.log10(top)) / 4
    return float(np.ceil(top / step) * step)


class WhatIfChart:
    """The dashboard's charts of a run against its reference, redrawn in place.

    Top: active customers of the run and of the reference (dashed), crises shaded.
    Bottom: customers lost per year of simulation, stacked by cause. Both legends stand
    to the right of the charts, so they never hide data.

    Building and laying out a matplotlib figure costs more than simulating 10 000
    customers, and a lever moves the data, not the frame: the chart keeps one figure,
    draws the frame once (axes, ticks, titles, legends, the reference line) and, on each
    :meth:`update`, redraws only the run's line and bars over it (blitting) before
    encoding the PNG. The frame is redrawn when the reference, the months or the crisis
    months change, or when the run leaves the axes' range; the scales otherwise stay
    put, so two positions of a lever are compared on the same axes.

    Parameters
    ----------
    figsize : (float, float), default (9.5, 7.5)
        Figure size in inches.
    dpi : int, default 80
        Pixels per inch of the PNG (760 x 600 pixels by default).

    Attributes
    ----------
    figure : matplotlib.figure.Figure
        The figure (not registered with pyplot: nothing to close).
    redraws : int
        How many times the frame was drawn (for tests and benchmarks).

    Examples
    --------
    >>> import crmsim as cs
    >>> ref = cs.simulate("cours", seed=1, months=24, transactions=False)
    >>> chart = WhatIfChart()
    >>> chart.update(ref.monthly, ref.monthly)[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    >>> _ = chart.update(ref.monthly, ref.monthly)
    >>> chart.redraws
    1
    """

    def __init__(self, *, figsize: tuple[float, float] = (9.5, 7.5), dpi: int = 80) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        FigureCanvasAgg(self.figure)
        self.redraws = 0
        self._key: tuple | None = None
        self._limits = (0.0, 0.0, 0.0)
        self._line = None
        self._bars: list = []
        self._background = None

    def update(self, monthly: pd.DataFrame, reference: pd.DataFrame) -> bytes:
        """Show ``monthly`` (the run) against ``reference``; return the PNG bytes.

        Parameters
        ----------
        monthly, reference : DataFrame
            ``monthly`` tables of the run and of its reference (same months).
        """
        monthly = _monthly(monthly, ["active", *CAUSE_COLUMNS])
        reference = _monthly(reference, ["active", *CAUSE_COLUMNS])
        active = monthly["active"].to_numpy(dtype=float)
        yearly = _churn_table(monthly, "year")[0].to_numpy(dtype=float)
        crises = monthly.loc[monthly["crisis"].astype(bool), "month"] if "crisis" in monthly else []
        key = (
            tuple(monthly["month"]),
            tuple(crises),
            reference["active"].to_numpy().tobytes(),
            reference[list(CAUSE_COLUMNS)].to_numpy().tobytes(),
        )
        low, high, bars_high = self._limits
        fits = (
            active.min() >= low and active.max() <= high and yearly.sum(axis=1).max() <= bars_high
        )
        if key != self._key or not fits:
            self._draw_frame(monthly, reference)
            self._key = key
        canvas = self.figure.canvas
        canvas.restore_region(self._background)
        self._line.set_ydata(active)
        self._line.axes.draw_artist(self._line)
        bottom = np.zeros(len(yearly))
        for values, container in zip(yearly.T, self._bars, strict=True):
            for rect, value, base in zip(container, values, bottom, strict=True):
                rect.set_y(base)
                rect.set_height(value)
                rect.axes.draw_artist(rect)
            bottom += values
        return _png(canvas)

    def _draw_frame(self, monthly: pd.DataFrame, reference: pd.DataFrame) -> None:
        """Draw everything but the run's line and bars; keep it as the background."""
        self.figure.clear()
        top, bottom = self.figure.subplots(2, 1)
        for ax in (top, bottom):
            ax.tick_params(labelsize=FONT["ticks"])
        plot_customer_base(monthly, ax=top)
        self._line = top.lines[0]
        top.plot(reference["month"], reference["active"], color="grey", ls="--", label="référence")
        both = np.concatenate([monthly["active"].to_numpy(), reference["active"].to_numpy()])
        high = _upper(both)
        low = 0.0 if both.min() < 0.5 * high else float(np.floor(both.min() * 0.9 / 100) * 100)
        top.set_ylim(low, high)
        _legend_outside(top)
        plot_churn_by_cause(monthly, per="year", ax=bottom)
        self._bars = list(bottom.containers)
        years = [_churn_table(t, "year")[0].sum(axis=1).to_numpy() for t in (monthly, reference)]
        bars_high = _upper(np.concatenate(years))
        bottom.set_ylim(0, bars_high)
        self._limits = (low, high, bars_high)
        self._line.set_animated(True)
        for container in self._bars:
            for rect in container:
                rect.set_animated(True)
        canvas = self.figure.canvas
        canvas.draw()
        self._background = canvas.copy_from_bbox(self.figure.bbox)
        self.redraws += 1


def _png(canvas) -> bytes:
    """The canvas as PNG bytes (RGB, fast compression: the image is sent at once)."""
    from PIL import Image

    buffer = io.BytesIO()
    pixels = np.asarray(canvas.buffer_rgba())[..., :3]
    Image.fromarray(pixels).save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()
