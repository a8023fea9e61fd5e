"""Portfolio charts: ABC, two-criteria matrices, scoring bubbles, RFM heatmap, RADAR, KPIs.

Each ``plot_*`` function takes the same table and keywords as the analysis function it
draws, calls it (so the chart shows exactly the numbers a student computes), draws on
``ax`` (a new figure when missing) and returns the Axes. Fonts are set on each element,
never through global settings.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.patches import Circle
from matplotlib.ticker import MaxNLocator

from crmsim.analysis.abc import abc, abc_summary
from crmsim.analysis.kpi import KPI_INDICATORS
from crmsim.analysis.matrices import MATRIX_MODELS, portfolio_matrix
from crmsim.analysis.rfm import rfm
from crmsim.analysis.scoring import scoring_positioning
from crmsim.analysis.tcc import RADAR_STRATEGIES, radar
from crmsim.errors import DataError
from crmsim.formatting import format_money, format_number, format_percent
from crmsim.plotting._base import FONT, french_axis, new_axes, style_axes

__all__ = [
    "kpi_table",
    "plot_abc",
    "plot_matrix",
    "plot_radar",
    "plot_rfm_heatmap",
    "plot_scoring_bubbles",
]

#: Size of the labels of the bubbles (TCC/RADAR and scoring charts): as large as the axis
#: labels, since the figures are shown reduced beside a table.
BUBBLE_LABEL_SIZE = FONT["label"]

#: White outline of the bubble labels, so that they read over a bubble or a line.
_OUTLINE = [patheffects.withStroke(linewidth=3, foreground="white")]

CLASS_COLORS = {"A": "#1f4e79", "B": "#5b9bd5", "C": "#bdd7ee"}
QUADRANT_COLORS = {
    ("fort", "fort"): "#e2f0d9",
    ("fort", "faible"): "#fff2cc",
    ("faible", "fort"): "#deebf7",
    ("faible", "faible"): "#f2f2f2",
}


def plot_abc(
    data: pd.DataFrame,
    *,
    by: str = "customers",
    shares: Sequence[float] = (0.10, 0.30, 0.60),
    revenue_cuts: Sequence[float] = (0.80, 0.95),
    customer_col: str = "customer_id",
    revenue_col: str = "revenue",
    max_bars: int = 40,
    ax: Axes | None = None,
) -> Axes:
    """ABC chart: revenue bars coloured by class and the cumulative share of revenue.

    Same keywords as :func:`crmsim.analysis.abc`. With more than ``max_bars`` customers
    the bars are drawn without customer labels.

    Returns
    -------
    Axes
        The left Axes (revenue); the cumulative curve is on ``ax.right_ax``.
    """
    kwargs = {
        "by": by,
        "shares": shares,
        "revenue_cuts": revenue_cuts,
        "customer_col": customer_col,
        "revenue_col": revenue_col,
    }
    table = abc(data, **kwargs)
    summary = abc_summary(data, **kwargs).set_index("abc_class")
    ax = new_axes(ax)
    positions = np.arange(len(table))
    for cls, color in CLASS_COLORS.items():
        mask = (table["abc_class"] == cls).to_numpy()
        row = summary.loc[cls]
        label = (
            f"{cls} : {int(row['customers'])} clients ({format_percent(row['share_customers'], 0)}),"
            f" {format_percent(row['share_revenue'], 1)} du CA"
        )
        ax.bar(positions[mask], table.loc[mask, revenue_col], color=color, label=label)
    if len(table) <= max_bars:
        ax.set_xticks(positions, table[customer_col].astype(str), fontsize=FONT["ticks"])
    else:
        ax.set_xticks([])
    right = ax.twinx()
    right.plot(positions, table["cum_share"], color="#c00000", marker="o", markersize=4)
    right.set_ylim(0, 1.05)
    right.set_ylabel("Part cumulée du CA", fontsize=FONT["label"], color="#c00000")
    right.tick_params(labelsize=FONT["ticks"])
    french_axis(right, "y", percent=True)
    french_axis(ax, "y")
    for cls in ("A", "B"):
        last = table.index[table["abc_class"] == cls]
        if len(last):
            ax.axvline(last[-1] + 0.5, color="grey", linestyle="--", linewidth=1)
    ax.legend(fontsize=FONT["legend"], loc="center right")
    method = "parts de clients" if by == "customers" else "parts cumulées du CA"
    style_axes(
        ax,
        f"Méthode ABC ({method})",
        "Clients, du plus gros au plus petit CA",
        "Chiffre d’affaires (MAD)",
    )
    ax.right_ax = right
    return ax


def _wrap(text: str, width: int = 28) -> str:
    return "\n".join(textwrap.wrap(text, width))


def plot_matrix(
    data: pd.DataFrame,
    *,
    model: str = "ca_rentabilite",
    x_col: str | None = None,
    y_col: str | None = None,
    split: str | float = "median",
    x_split: str | float | None = None,
    y_split: str | float | None = None,
    customer_col: str = "customer_id",
    ax: Axes | None = None,
) -> Axes:
    """Two-criteria matrix: customers, split lines and each quadrant's strategy.

    Same keywords as :func:`crmsim.analysis.portfolio_matrix`.
    """
    spec = MATRIX_MODELS.get(model)
    out = portfolio_matrix(
        data,
        model=model,
        x_col=x_col,
        y_col=y_col,
        split=split,
        x_split=x_split,
        y_split=y_split,
        customer_col=customer_col,
    )
    x_col = x_col or spec.x_col
    y_col = y_col or spec.y_col
    ax = new_axes(ax, figsize=(9, 7))
    x, y = out[x_col].to_numpy(), out[y_col].to_numpy()
    x_cut, y_cut = float(out["x_cut"].iloc[0]), float(out["y_cut"].iloc[0])
    x_lo, x_hi = _padded(np.append(x, x_cut))
    y_lo, y_hi = _padded(np.append(y, y_cut))
    for (yl, xl), text in spec.strategies.items():
        x0, x1 = (x_cut, x_hi) if xl == "fort" else (x_lo, x_cut)
        y0, y1 = (y_cut, y_hi) if yl == "fort" else (y_lo, y_cut)
        ax.fill_between([x0, x1], y0, y1, color=QUADRANT_COLORS[(yl, xl)], zorder=0)
        ax.text(
            (x0 + x1) / 2,
            y1 - 0.04 * (y_hi - y_lo),
            _wrap(text),
            ha="center",
            va="top",
            fontsize=FONT["annotation"],
            style="italic",
            color="#404040",
        )
    ax.axvline(x_cut, color="grey", linestyle="--", linewidth=1)
    ax.axhline(y_cut, color="grey", linestyle="--", linewidth=1)
    ax.scatter(x, y, s=70, color="#1f4e79", zorder=3)
    for label, xi, yi in zip(out[customer_col], x, y, strict=True):
        ax.annotate(
            str(label),
            (xi, yi),
            xytext=(5, 5),
            textcoords="offset points",
            fontsize=FONT["annotation"],
        )
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(y_lo, y_hi)
    # Ticks on steps of 1, 2 or 5 (never 2.5): with _decimals' rounding, a tick at 7.5
    # would otherwise be labelled "8".
    ax.xaxis.set_major_locator(MaxNLocator(steps=[1, 2, 5, 10]))
    ax.yaxis.set_major_locator(MaxNLocator(steps=[1, 2, 5, 10]))
    french_axis(ax, "x", decimals=_decimals(x))
    french_axis(ax, "y", decimals=_decimals(y))
    rule = (
        {"median": "médiane", "mean": "moyenne"}.get(split, "seuil choisi")
        if isinstance(split, str)
        else "seuil choisi"
    )
    style_axes(ax, f"{spec.title}\n(coupure : {rule})", spec.x_label, spec.y_label)
    return ax


def _padded(values: np.ndarray, pad: float = 0.08) -> tuple[float, float]:
    lo, hi = float(np.min(values)), float(np.max(values))
    span = hi - lo or max(abs(hi), 1.0)
    return lo - pad * span, hi + 2.5 * pad * span


def _decimals(values: np.ndarray) -> int:
    span = float(np.ptp(values)) if len(values) else 0.0
    return 0 if span >= 10 else (1 if span >= 1 else 2)


def plot_scoring_bubbles(
    data: pd.DataFrame,
    *,
    revenue_col: str | None = None,
    customer_col: str = "customer_id",
    potential_col: str = "potential",
    performance_col: str = "performance",
    ax: Axes | None = None,
) -> Axes:
    """Scoring chart: performance (x) x potential (y), mean lines, bubbles d = 1/2 sqrt(n).

    Same keywords as :func:`crmsim.analysis.scoring_positioning`. Bubble diameters are
    in score units, as in the course (a customer with 16 % of revenue has d = 2); without
    ``revenue_col`` all bubbles get the same small size.
    """
    pos = scoring_positioning(
        data,
        revenue_col=revenue_col,
        customer_col=customer_col,
        potential_col=potential_col,
        performance_col=performance_col,
    )
    ax = new_axes(ax, figsize=(8, 8))
    diam = pos["diameter"].fillna(0.3).to_numpy()
    x, y = pos[performance_col].to_numpy(), pos[potential_col].to_numpy()
    for xi, yi, d, label in zip(x, y, diam, pos[customer_col], strict=True):
        ax.add_patch(Circle((xi, yi), d / 2, facecolor="#5b9bd5", edgecolor="#1f4e79", alpha=0.5))
        ax.annotate(
            f"{label} ({format_number(yi, 1)}\u00a0; {format_number(xi, 1)})",
            (xi, yi),
            xytext=(0, 8),
            textcoords="offset points",
            ha="center",
            fontsize=BUBBLE_LABEL_SIZE,
            fontweight="bold",
            path_effects=_OUTLINE,
        )
    ax.axvline(pos["performance_mean"].iloc[0], color="#c00000", linestyle="--", linewidth=1)
    ax.axhline(pos["potential_mean"].iloc[0], color="#c00000", linestyle="--", linewidth=1)
    reach = float(np.max(np.concatenate([x + diam / 2, y + diam / 2, [5.0]])))
    low = float(np.min(np.concatenate([x - diam / 2, y - diam / 2, [0.0]])))
    ax.set_xlim(low, reach + 0.2)
    ax.set_ylim(low, reach + 0.2)
    ax.set_aspect("equal")
    french_axis(ax, "x", decimals=0)
    french_axis(ax, "y", decimals=0)
    ax.text(
        pos["performance_mean"].iloc[0],
        low,
        " moyenne des performances",
        color="#c00000",
        fontsize=FONT["annotation"],
        va="bottom",
        rotation=90,
    )
    ax.text(
        low,
        pos["potential_mean"].iloc[0],
        " moyenne du potentiel",
        color="#c00000",
        fontsize=FONT["annotation"],
        va="bottom",
    )
    style_axes(
        ax,
        "Grille de scoring\u00a0: potentiel × performances",
        "Performances (1 = mauvais, 5 = excellent)",
        "Potentiel (1 = mauvais, 5 = excellent)",
    )
    return ax


def plot_rfm_heatmap(
    transactions: pd.DataFrame,
    *,
    value: str = "count",
    as_of: object = None,
    bins: int = 5,
    customer_col: str = "customer_id",
    date_col: str = "date",
    amount_col: str = "amount",
    ax: Axes | None = None,
) -> Axes:
    """RFM heatmap: R score (rows, most recent on top) x F score (columns).

    Parameters
    ----------
    transactions : DataFrame
        Purchase log, as for :func:`crmsim.analysis.rfm` (same keywords).
    value : {"count", "monetary"}, default "count"
        Colour = number of customers in the cell, or their mean total amount (MAD).
    """
    import seaborn as sns

    if value not in ("count", "monetary"):
        raise DataError(
            f"value doit valoir « count » (nombre de clients) ou « monetary » (montant "
            f"moyen), reçu {value!r}."
        )
    out = rfm(
        transactions,
        as_of=as_of,
        bins=bins,
        customer_col=customer_col,
        date_col=date_col,
        amount_col=amount_col,
    )
    levels = list(range(bins, 0, -1))
    if value == "count":
        grid = out.pivot_table(
            index="r_score", columns="f_score", values=customer_col, aggfunc="count"
        )
        grid = grid.reindex(index=levels, columns=range(1, bins + 1)).fillna(0)
        annot = grid.map(lambda v: format_number(v, 0))
        label = "Nombre de clients"
    else:
        grid = out.pivot_table(
            index="r_score", columns="f_score", values="monetary_total", aggfunc="mean"
        )
        grid = grid.reindex(index=levels, columns=range(1, bins + 1))
        annot = grid.map(lambda v: "" if pd.isna(v) else format_number(v, 0))
        label = "Montant total moyen (MAD)"
    ax = new_axes(ax, figsize=(8, 6.5))
    sns.heatmap(
        grid.astype(float),
        annot=annot.to_numpy(),
        fmt="",
        cmap="Blues",
        ax=ax,
        annot_kws={"fontsize": FONT["annotation"]},
        cbar_kws={"label": label},
        linewidths=0.5,
    )
    ax.figure.axes[-1].yaxis.label.set_size(FONT["label"])
    style_axes(
        ax,
        f"Matrice RFM : récence × fréquence ({label.lower()})",
        "Score F (fréquence : 5 = achète le plus souvent)",
        "Score R (récence : 5 = achat le plus récent)",
    )
    return ax


def plot_radar(
    sales: pd.DataFrame,
    *,
    firm: str,
    threshold: float | None = None,
    previous_sales: pd.DataFrame | None = None,
    firm_col: str = "firm",
    customer_col: str = "customer",
    sales_col: str = "sales",
    ax: Axes | None = None,
) -> Axes:
    """RADAR matrix: TCC (value, vertical) x strategy along the relational objective.

    Same keywords as :func:`crmsim.analysis.radar`. Columns are the five strategies from
    conquest (left) to loyalty (right); circle *areas* are proportional to the firm's
    sales at each customer; the dashed line is the value threshold.
    """
    out = radar(
        sales,
        firm=firm,
        threshold=threshold,
        previous_sales=previous_sales,
        firm_col=firm_col,
        customer_col=customer_col,
        sales_col=sales_col,
    )
    order = list(RADAR_STRATEGIES)
    ax = new_axes(ax, figsize=(10, 6))
    ax.axvspan(-0.5, 1.5, color="#fbe5d6", zorder=0)
    ax.axvspan(1.5, 4.5, color="#e2f0d9", zorder=0)
    max_tcc = float(out["tcc"].max()) if out["tcc"].notna().any() else 0.0
    top = min(1.1, max(0.4, 1.35 * max_tcc + 0.05))
    ax.text(0.5, top * 0.97, "Conquête", ha="center", va="top", fontsize=FONT["label"])
    ax.text(3.0, top * 0.97, "Fidélisation", ha="center", va="top", fontsize=FONT["label"])
    max_sales = float(out[sales_col].max()) or 1.0
    xs = np.zeros(len(out))
    for strategy in order:
        idx = np.flatnonzero(out["strategy"].to_numpy() == strategy)
        offsets = np.linspace(-0.25, 0.25, len(idx)) if len(idx) > 1 else np.zeros(len(idx))
        xs[idx] = order.index(strategy) + offsets
    ys = out["tcc"].fillna(0).to_numpy()
    sizes = 2000 * out[sales_col].to_numpy() / max_sales + 30
    ax.scatter(xs, ys, s=sizes, color="#5b9bd5", edgecolor="#1f4e79", alpha=0.6, zorder=3)
    for xi, yi, size, cust, t in zip(xs, ys, sizes, out[customer_col], out["tcc"], strict=True):
        # beside the bubble (left of it in the last column), as large as the axis labels,
        # outlined: readable on any bubble
        side = -1 if xi > len(order) - 1.5 else 1
        ax.annotate(
            f"{cust}\n{format_percent(t, 2)}",
            (xi, yi),
            xytext=(side * (np.sqrt(size) / 2 + 3), 0),
            textcoords="offset points",
            ha="left" if side > 0 else "right",
            va="center",
            fontsize=BUBBLE_LABEL_SIZE,
            fontweight="bold",
            path_effects=_OUTLINE,
            zorder=4,
        )
    thr = float(out["threshold"].iloc[0])
    ax.axhline(thr, color="#c00000", linestyle="--", linewidth=1)
    ax.text(
        -0.45,
        thr,
        f"seuil de valeur {format_percent(thr, 1)}",
        color="#c00000",
        ha="left",
        va="bottom",
        fontsize=FONT["annotation"],
    )
    ax.set_xticks(range(5), order, fontsize=FONT["ticks"])
    ax.set_xlim(-0.5, 4.5)
    ax.set_ylim(0, top)
    french_axis(ax, "y", percent=True)
    style_axes(
        ax,
        f"Matrice RADAR de l’entreprise {firm} (taille des cercles\u00a0: CA réalisé)",
        "Objectif relationnel",
        "Valeur client\u00a0: TCC",
    )
    return ax


def kpi_table(kpis: pd.DataFrame, *, currency: str = "MAD", decimals: int = 2) -> pd.DataFrame:
    """The campaign indicators as a French table of text, ready to display.

    Parameters
    ----------
    kpis : DataFrame
        Output of :func:`crmsim.analysis.campaign_kpis`.
    currency : str, default "MAD"
        Currency shown with the costs.
    decimals : int, default 2
        Decimals of amounts and rates (the break-even point is a whole number of orders,
        rounded up: the course's rule).

    Returns
    -------
    DataFrame
        Columns
        -------
        Indicateur, Valeur, Formule : str
            Values formatted the French way ("5,00 MAD par message", "4,00 %",
            "200 commandes (arrondi à l’entier supérieur)"); "n.d." where undefined.

    Examples
    --------
    >>> from crmsim.analysis import campaign_kpis
    >>> from crmsim.plotting import kpi_table
    >>> kpis = campaign_kpis(total_cost=50_000, messages_sent=10_000, responses=400,
    ...                      orders=100, order_revenue=80_000, gross_margin_per_order=250)
    >>> kpi_table(kpis)["Valeur"].tolist()[:2]
    ['5,00\\xa0MAD par message', '4,00\\xa0%']
    """
    expected = {"indicator_id", "indicator", "value", "unit", "formula"}
    if not isinstance(kpis, pd.DataFrame) or not expected <= set(kpis.columns):
        raise DataError(
            "kpi_table attend le tableau renvoyé par campaign_kpis(...) (colonnes "
            "indicator_id, indicator, value, unit, formula)."
        )
    known_units = {k[0]: k[3] for k in KPI_INDICATORS}
    texts = []
    for ind, value, unit in zip(kpis["indicator_id"], kpis["value"], kpis["unit"], strict=True):
        unit = known_units.get(ind, unit)
        if pd.isna(value):
            texts.append("n.d.")
        elif unit == "taux":
            texts.append(format_percent(value, decimals))
        elif unit.startswith("MAD"):
            texts.append(format_money(value, currency, decimals) + unit[3:])
        elif unit == "commandes":
            # whole orders, rounded up: the first order that covers the cost
            whole = math.ceil(float(value) - 1e-9)
            texts.append(f"{format_number(whole, 0)}\u00a0commandes (arrondi à l’entier supérieur)")
        else:
            texts.append(f"{format_number(value, decimals)} {unit}")
    return pd.DataFrame(
        {
            "Indicateur": kpis["indicator"].to_numpy(),
            "Valeur": texts,
            "Formule": kpis["formula"].to_numpy(),
        }
    )
