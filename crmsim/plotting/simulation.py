"""Plots of a simulated customer base over time (the ``monthly`` table of a run)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from crmsim._validation import check_columns, check_nonempty, ensure_frame
from crmsim.labels import CAUSE_COLUMNS, CAUSES
from crmsim.plotting._base import FONT, french_axis, new_axes, style_axes

__all__ = ["CAUSE_COLORS", "plot_churn_by_cause", "plot_customer_base"]

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


def plot_churn_by_cause(
    monthly: pd.DataFrame, *, per: str = "month", ax: Axes | None = None
) -> Axes:
    """Stacked bars of the customers lost, by attrition cause.

    Parameters
    ----------
    monthly : DataFrame
        The ``monthly`` table of a run (one ``churned_*`` column per cause).
    per : {"month", "year"}
        Bars per month (shows a crisis spike) or per year of simulation (readable over
        long runs).
    """
    monthly = _monthly(monthly, list(CAUSE_COLUMNS))
    if per not in ("month", "year"):
        raise ValueError(f"per doit valoir « month » ou « year », reçu {per!r}.")
    if per == "year":
        table = monthly.groupby(monthly["month"] // 12)[list(CAUSE_COLUMNS)].sum()
        x, xlabel, width = table.index.to_numpy() + 1, "Année de simulation", 0.8
    else:
        table = monthly.set_index("month")[list(CAUSE_COLUMNS)]
        x, xlabel, width = table.index.to_numpy(), "Mois", 0.9
    ax = new_axes(ax)
    bottom = np.zeros(len(table))
    for cause, column in zip(CAUSES, CAUSE_COLUMNS, strict=True):
        values = table[column].to_numpy(dtype=float)
        ax.bar(x, values, bottom=bottom, width=width, color=CAUSE_COLORS[cause], label=cause)
        bottom += values
    if per == "month":
        _shade_crises(ax, monthly)
    french_axis(ax, "y")
    ax.legend(fontsize=FONT["legend"], title="Cause du départ", loc="upper left")
    return style_axes(ax, "Clients perdus par type d'attrition", xlabel, "Clients perdus")
