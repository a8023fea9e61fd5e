"""Tests of crmsim.plotting.portfolio: every plot returns its Axes, in French, no global state."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest

import crmsim as cs
from crmsim.analysis import campaign_kpis
from crmsim.errors import DataError
from crmsim.plotting import (
    kpi_table,
    plot_abc,
    plot_matrix,
    plot_radar,
    plot_rfm_heatmap,
    plot_scoring_bubbles,
)

NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def transactions() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": [1, 1, 2, 3, 3, 3, 4, 5, 5, 6],
            "date": pd.date_range("2024-01-01", periods=10, freq="9D"),
            "amount": [100, 50, 20, 80, 60, 90, 500, 10, 30, 70],
        }
    )


def _texts(ax) -> str:
    parts = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
    parts += [t.get_text() for t in ax.texts]
    parts += [t.get_text() for t in ax.get_xticklabels()]
    legend = ax.get_legend()
    if legend is not None:
        parts += [t.get_text() for t in legend.get_texts()]
    return " | ".join(parts)


def test_plot_abc_returns_axes_with_course_legend():
    ax = plot_abc(cs.datasets.load("abc_clients"))
    assert isinstance(ax, matplotlib.axes.Axes)
    text = _texts(ax)
    assert "ABC" in ax.get_title()
    assert f"60,0{NBSP}% du CA" in text and f"31,5{NBSP}% du CA" in text
    assert f"8,5{NBSP}% du CA" in text
    assert ax.get_xticklabels()[0].get_text() == "19"
    assert hasattr(ax, "right_ax")


def test_plot_abc_uses_given_axes_and_many_customers():
    _, given = plt.subplots()
    data = pd.DataFrame({"customer_id": range(100), "revenue": range(1, 101)})
    assert plot_abc(data, by="revenue", ax=given) is given
    assert "CA" in given.get_title()


def test_plot_matrix_shows_strategies():
    data = pd.DataFrame(
        {
            "customer_id": ["a", "b", "c", "d"],
            "strategic_importance": [9, 8, 2, 1],
            "relationship_difficulty": [1, 9, 8, 2],
        }
    )
    ax = plot_matrix(data, model="fioca", split="mean")
    text = _texts(ax).replace("\n", " ")
    assert "FIOCA" in ax.get_title()
    assert "moyenne" in ax.get_title()
    assert "Partenaires" in text and "désengager" in text
    assert ax.get_xlabel() == "Difficulté de la relation client"


def test_plot_scoring_bubbles_course_clients():
    data = cs.datasets.load("scoring_clients").assign(revenue=[40, 25, 16, 10, 9])
    ax = plot_scoring_bubbles(data, revenue_col="revenue")
    assert len(ax.patches) == 5
    # Client A has 40 % of revenue: diameter 1/2 sqrt(40), radius half of it.
    assert ax.patches[0].get_radius() == pytest.approx(0.25 * 40**0.5)
    assert "moyenne" in _texts(ax)
    assert "Potentiel" in ax.get_ylabel() and "Performances" in ax.get_xlabel()
    assert plot_scoring_bubbles(cs.datasets.load("scoring_clients")).patches


@pytest.mark.parametrize("value", ["count", "monetary"])
def test_plot_rfm_heatmap(transactions, value):
    ax = plot_rfm_heatmap(transactions, value=value)
    assert "RFM" in ax.get_title()
    assert "récence" in ax.get_ylabel().lower()
    # Rows go from R = 5 (top) to R = 1.
    assert [t.get_text() for t in ax.get_yticklabels()] == ["5", "4", "3", "2", "1"]


def test_plot_rfm_heatmap_bad_value(transactions):
    with pytest.raises(DataError, match="count"):
        plot_rfm_heatmap(transactions, value="somme")


def test_plot_radar_course_exercise():
    ax = plot_radar(cs.datasets.load("tcc_sales"), firm="A")
    text = _texts(ax)
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "Réactiver",
        "Acquérir",
        "Développer",
        "Accompagner",
        "Retenir",
    ]
    assert f"18,75{NBSP}%" in text
    assert "Conquête" in text and "Fidélisation" in text
    assert "TCC" in ax.get_ylabel()


def test_kpi_table_french_formatting():
    kpis = campaign_kpis(
        total_cost=1_250_000,
        messages_sent=100_000,
        responses=4_000,
        orders=1_000,
        order_revenue=800_000,
        gross_margin_per_order=250,
    )
    table = kpi_table(kpis)
    assert list(table.columns) == ["Indicateur", "Valeur", "Formule"]
    values = dict(zip(table["Indicateur"], table["Valeur"], strict=True))
    assert values["Coût du contact"] == f"12,50{NBSP}MAD par message"
    assert values["Taux de remontée"] == f"4,00{NBSP}%"
    assert values["Coût d’acquisition du client"] == f"1{NBSP}250,00{NBSP}MAD par commande"
    assert values["Point mort"] == f"5{NBSP}000{NBSP}commandes (arrondi à l’entier supérieur)"
    odd = kpi_table(
        campaign_kpis(
            total_cost=1_000,
            messages_sent=100,
            responses=10,
            orders=5,
            order_revenue=2_000,
            gross_margin_per_order=300,
        )
    )
    point_mort = dict(zip(odd["Indicateur"], odd["Valeur"], strict=True))["Point mort"]
    assert point_mort.startswith(f"4{NBSP}commandes")  # 3,33 orders: 4 cover the cost
    with pytest.warns(UserWarning):
        nd = kpi_table(
            campaign_kpis(total_cost=10, messages_sent=10, responses=0, orders=0, order_revenue=0)
        )
    assert "n.d." in nd["Valeur"].tolist()
    with pytest.raises(DataError, match="campaign_kpis"):
        kpi_table(pd.DataFrame({"x": [1]}))


def test_plots_leave_global_settings_alone(transactions):
    before = dict(matplotlib.rcParams)
    plot_abc(cs.datasets.load("abc_clients"))
    plot_rfm_heatmap(transactions)
    plot_radar(cs.datasets.load("tcc_sales"), firm="B")
    after = dict(matplotlib.rcParams)
    assert {k for k in before if before[k] != after[k]} == set()


def test_plots_do_not_mutate_inputs(transactions):
    sales = cs.datasets.load("tcc_sales")
    s0, t0 = sales.copy(), transactions.copy()
    plot_radar(sales, firm="A")
    plot_rfm_heatmap(transactions)
    pd.testing.assert_frame_equal(sales, s0)
    pd.testing.assert_frame_equal(transactions, t0)
