"""Plots of the simulation lessons: Bass diffusion, survival curves, value of a customer."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from crmsim._validation import check_columns, check_nonempty, ensure_frame
from crmsim.analysis import bass_adoption, clv
from crmsim.errors import DataError
from crmsim.formatting import format_percent
from crmsim.plotting._base import FONT, french_axis, new_axes, style_axes

__all__ = [
    "plot_acquisition_sources",
    "plot_bass",
    "plot_clv_curve",
    "plot_survival",
    "plot_tenure_margins",
]

_CAMPAIGN_COLUMNS = ("new_mailing", "new_phone", "new_email", "new_sales_force", "new_web")

_PALETTE = ("#1f4e79", "#c00000", "#548235", "#7030a0", "#ed7d31", "#7f7f7f")


def plot_bass(
    monthly: pd.DataFrame,
    *,
    p: float,
    q: float,
    market_size: float,
    ax: Axes | None = None,
) -> Axes:
    """Cumulative adopters of a simulation against the discrete and continuous Bass curves.

    Parameters
    ----------
    monthly : DataFrame
        The ``monthly`` table of a run (columns ``month`` and ``new_customers``); the
        simulated adopters after month m are plotted at ``m + 1`` months elapsed.
    p, q, market_size : float
        Bass coefficients per month and market size of the scenario.

    Examples
    --------
    >>> import matplotlib.pyplot as plt, pandas as pd
    >>> mo = pd.DataFrame({"month": [0, 1, 2], "new_customers": [30, 40, 52]})
    >>> ax = plot_bass(mo, p=0.03, q=0.38, market_size=1000)
    >>> len(ax.get_lines())
    3
    >>> plt.close("all")
    """
    monthly = ensure_frame(monthly, "monthly")
    check_columns(monthly, ["month", "new_customers"], "monthly")
    check_nonempty(monthly, "monthly")
    months = len(monthly)
    theory = bass_adoption(p, q, market_size, months)
    simulated = np.concatenate([[0.0], monthly["new_customers"].cumsum().to_numpy(dtype=float)])
    ax = new_axes(ax)
    t = theory["period"]
    ax.plot(t, simulated, color=_PALETTE[0], lw=3, label="simulation (agents)")
    ax.plot(t, theory["adopters"], color=_PALETTE[1], lw=1.8, ls="--", label="Bass discret")
    ax.plot(
        t, theory["adopters_continuous"], color=_PALETTE[2], lw=1.5, ls=":", label="Bass continu"
    )
    french_axis(ax, "y")
    ax.legend(fontsize=FONT["legend"], loc="upper left")
    return style_axes(
        ax,
        "Diffusion par le bouche-à-oreille (modèle de Bass)",
        "Mois écoulés",
        "Adoptants cumulés",
    )


def plot_survival(
    curves: Mapping[str, pd.DataFrame],
    *,
    kind: str = "survival",
    ax: Axes | None = None,
) -> Axes:
    """Survival (or retention) curves by tenure, one line per curve.

    Parameters
    ----------
    curves : mapping of label -> DataFrame
        Tables with ``tenure`` and ``survival`` / ``retention`` columns, such as those of
        :func:`crmsim.cohort_survival`, :func:`crmsim.sbg_survival` or
        :func:`crmsim.geometric_survival`. A label starting with "simulation" is drawn as
        a thick line, the others (models) as dashed lines.
    kind : {"survival", "retention"}
        What to plot: share of a cohort still there, or the rate of staying one more month.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from crmsim.analysis import geometric_survival
    >>> ax = plot_survival({"géométrique": geometric_survival(0.01, 24)})
    >>> ax.get_ylabel()
    'Part de la cohorte encore cliente'
    >>> plt.close("all")
    """
    if kind not in ("survival", "retention"):
        raise DataError(f"kind doit valoir « survival » ou « retention », reçu {kind!r}.")
    if not isinstance(curves, Mapping) or not curves:
        raise DataError("curves doit être un dictionnaire non vide {libellé: tableau}.")
    ax = new_axes(ax)
    for i, (label, table) in enumerate(curves.items()):
        table = ensure_frame(table, f"curves[{label!r}]")
        check_columns(table, ["tenure", kind], f"curves[{label!r}]")
        data = table[table["tenure"] > 0] if kind == "retention" else table
        thick = str(label).lower().startswith("simulation")
        ax.plot(
            data["tenure"],
            data[kind],
            color=_PALETTE[i % len(_PALETTE)],
            lw=3 if thick else 1.8,
            ls="-" if thick else "--",
            label=label,
        )
    french_axis(ax, "y", percent=True, decimals=1 if kind == "retention" else 0)
    ax.legend(fontsize=FONT["legend"], loc="best")
    if kind == "survival":
        ax.set_ylim(0, 1.02)
        return style_axes(
            ax,
            "Courbe de survie d’une cohorte",
            "Ancienneté (mois)",
            "Part de la cohorte encore cliente",
        )
    return style_axes(
        ax, "Taux de rétention selon l’ancienneté", "Ancienneté (mois)", "Rétention du mois"
    )


def plot_clv_curve(
    margin: float,
    discount_rate: float,
    *,
    marks: tuple[float, ...] = (0.85, 0.90, 0.95),
    timing: str = "end",
    ax: Axes | None = None,
) -> Axes:
    """Customer lifetime value as a function of the retention rate (constant margin).

    The curve ``m r / (1 + d - r)`` steepens as retention approaches 1: the same 5 points
    of retention are worth more for a firm that already keeps its customers.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_clv_curve(1200, 0.10)
    >>> ax.get_xlabel()
    'Taux de rétention annuel'
    >>> plt.close("all")
    """
    r = np.linspace(0.5, 0.97, 95)
    values = np.array([clv(margin, x, discount_rate, timing=timing) for x in r])
    ax = new_axes(ax)
    ax.plot(r, values, color=_PALETTE[0], lw=2.5, label="CLV = m r / (1 + d − r)")
    for x in marks:
        y = clv(margin, x, discount_rate, timing=timing)
        ax.plot([x], [y], "o", color=_PALETTE[1], ms=8)
        ax.annotate(
            format_percent(x, 0),
            (x, y),
            textcoords="offset points",
            xytext=(-30, 8),
            fontsize=FONT["annotation"],
        )
    french_axis(ax, "x", percent=True)
    french_axis(ax, "y")
    ax.legend(fontsize=FONT["legend"], loc="upper left")
    return style_axes(
        ax, "Valeur vie client selon la rétention", "Taux de rétention annuel", "CLV (MAD)"
    )


def plot_tenure_margins(margins, *, ax: Axes | None = None) -> Axes:
    """Bars of a customer's yearly margin by year of tenure (loyalty economics).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_tenure_margins([700, 810, 920])
    >>> len(ax.patches)
    3
    >>> plt.close("all")
    """
    values = np.asarray(margins, dtype=float)
    if values.ndim != 1 or len(values) == 0:
        raise DataError("margins doit être une suite de marges annuelles.")
    ax = new_axes(ax)
    years = np.arange(1, len(values) + 1)
    colors = [_PALETTE[0] if v >= 0 else _PALETTE[1] for v in values]
    ax.bar(years, values, color=colors, width=0.7)
    ax.axhline(0, color="black", lw=0.8)
    ax.set_xticks(years)
    french_axis(ax, "y")
    return style_axes(
        ax, "Marge d’un client selon son ancienneté", "Année d’ancienneté", "Marge annuelle (MAD)"
    )


def plot_acquisition_sources(monthly: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """New customers per month by source: campaigns, word of mouth, external influence.

    Parameters
    ----------
    monthly : DataFrame
        The ``monthly`` table of a run (``new_mailing`` ... ``new_web``,
        ``new_word_of_mouth``, ``new_external``).

    Examples
    --------
    >>> import matplotlib.pyplot as plt, pandas as pd
    >>> cols = ["new_mailing", "new_phone", "new_email", "new_sales_force", "new_web"]
    >>> mo = pd.DataFrame({"month": [0, 1], **{c: [1, 2] for c in cols},
    ...                    "new_word_of_mouth": [3, 4], "new_external": [0, 1]})
    >>> ax = plot_acquisition_sources(mo)
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['campagnes', 'bouche-à-oreille', 'influence externe']
    >>> plt.close("all")
    """
    columns = [*_CAMPAIGN_COLUMNS, "new_word_of_mouth", "new_external"]
    monthly = ensure_frame(monthly, "monthly")
    check_columns(monthly, ["month", *columns], "monthly")
    check_nonempty(monthly, "monthly")
    parts = {
        "campagnes": monthly[list(_CAMPAIGN_COLUMNS)].sum(axis=1).to_numpy(dtype=float),
        "bouche-à-oreille": monthly["new_word_of_mouth"].to_numpy(dtype=float),
        "influence externe": monthly["new_external"].to_numpy(dtype=float),
    }
    ax = new_axes(ax)
    bottom = np.zeros(len(monthly))
    for (label, values), color in zip(parts.items(), _PALETTE, strict=False):
        ax.bar(monthly["month"], values, bottom=bottom, width=0.9, color=color, label=label)
        bottom += values
    french_axis(ax, "y")
    ax.legend(fontsize=FONT["legend"], loc="upper left")
    return style_axes(ax, "Nouveaux clients par source", "Mois", "Nouveaux clients")
