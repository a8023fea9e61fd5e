import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest

import crmsim as cs
from crmsim.errors import DataError
from crmsim.plotting import plot_bass, plot_clv_curve, plot_survival, plot_tenure_margins


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_plot_bass_three_curves_french_labels():
    monthly = pd.DataFrame({"month": range(24), "new_customers": [100] * 24})
    ax = plot_bass(monthly, p=0.003, q=0.08, market_size=50_000)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "simulation (agents)",
        "Bass discret",
        "Bass continu",
    ]
    assert ax.get_xlabel() == "Mois écoulés" and ax.get_ylabel() == "Adoptants cumulés"
    assert ax.get_lines()[0].get_ydata()[-1] == 2400
    assert ax.title.get_fontsize() == 15
    with pytest.raises(DataError, match="new_customers"):
        plot_bass(monthly.drop(columns="new_customers"), p=0.01, q=0.1, market_size=10)


def test_plot_survival_kinds_and_given_axes():
    _fig, ax = plt.subplots()
    curves = {
        "simulation": cs.geometric_survival(0.02, 12),
        "sBG": cs.sbg_survival(0.5, 20, 12),
    }
    out = plot_survival(curves, ax=ax)
    assert out is ax and len(ax.get_lines()) == 2
    assert ax.get_lines()[0].get_linewidth() > ax.get_lines()[1].get_linewidth()
    ax2 = plot_survival(curves, kind="retention")
    assert ax2.get_ylabel() == "Rétention du mois"
    assert len(ax2.get_lines()[0].get_xdata()) == 12  # tenure 0 has no retention
    ax2.figure.canvas.draw()
    assert any("\u00a0%" in t.get_text() for t in ax2.get_yticklabels())
    with pytest.raises(DataError, match="kind"):
        plot_survival(curves, kind="hazard")
    with pytest.raises(DataError):
        plot_survival({})


def test_plot_clv_curve_and_tenure_margins():
    ax = plot_clv_curve(1200, 0.1, marks=(0.9, 0.95))
    assert "CLV" in ax.get_ylabel()
    assert len(ax.get_lines()) == 3
    ax = plot_tenure_margins([-200, 300, 500])
    assert len(ax.patches) == 3
    assert ax.get_xlabel() == "Année d’ancienneté"
    with pytest.raises(DataError):
        plot_tenure_margins([])


def test_no_global_state_change():
    before = dict(matplotlib.rcParams)
    plot_clv_curve(100, 0.1)
    assert dict(matplotlib.rcParams) == before
