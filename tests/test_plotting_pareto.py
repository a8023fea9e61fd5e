import matplotlib.pyplot as plt
import pytest

import crmsim as cs
from crmsim.plotting import plot_lorenz, plot_pareto


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_plot_pareto_course():
    ax = plot_pareto(cs.datasets.load("pareto_clients"))
    assert len(ax.patches) == 20
    assert ax.get_title() == "Pareto\u00a0: 20\u00a0% des clients font 80\u00a0% du CA"
    assert "Chiffre d’affaires" in ax.get_ylabel()
    assert ax.right_ax.get_ylabel() == "Part cumulée du CA"
    # head bars first, in course order
    labels = [t.get_text() for t in ax.get_xticklabels()][:4]
    assert labels == ["1", "16", "2", "20"]
    ax.figure.canvas.draw()
    right_labels = [t.get_text() for t in ax.right_ax.get_yticklabels()]
    assert "80\u00a0%" in right_labels


def test_plot_pareto_large_sample_and_given_axes():
    _fig, ax = plt.subplots()
    out = plot_pareto(cs.datasets.load("sample_customers_500"), target=0.5, ax=ax)
    assert out is ax
    assert "Part cumulée des clients" in ax.get_xlabel()


def test_plot_lorenz_overlays_with_gini_in_legend():
    ax = plot_lorenz(cs.datasets.load("pareto_clients"), label="Cours")
    plot_lorenz(cs.datasets.load("sample_customers_500"), label="Échantillon", ax=ax)
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts[0] == "Égalité parfaite"
    assert texts[1].startswith("Cours\u00a0: Gini = 68")
    assert len(ax.lines) == 3


def test_plotting_does_not_change_rcparams():
    before = dict(plt.rcParams)
    plot_pareto(cs.datasets.load("pareto_clients"))
    assert dict(plt.rcParams) == before
