import pandas as pd
import pytest

import crmsim as cs
from crmsim.widgets import SimulatedPortfolioPanel
from crmsim.widgets._base import output_html


@pytest.fixture(scope="module")
def panel():
    return SimulatedPortfolioPanel(size=100, seed=5)


def test_initial_state_compares_the_methods(panel):
    assert repr(panel) == (
        "SimulatedPortfolioPanel(base='cours', graine=5, taille=100, vue='overlap')"
    )
    expected = cs.method_overlap(cs.portfolio_methods(panel.result))
    pd.testing.assert_frame_equal(panel.table, expected)
    html = output_html(panel.table_out)
    assert "Meilleurs clients selon" in html and "Classe A (ABC)" in html
    assert "ont acheté l’année 3" in panel.summary.value
    assert panel.plot_out.outputs[0]["data"]["image/png"]
    assert "crmsim-portefeuille-simule" in panel._dom_classes
    assert panel.size.continuous_update is False


def test_changing_the_method_reuses_the_run(panel):
    run = panel.result
    panel.view.value = "pareto"
    assert panel.result is run
    assert panel.table["base"].tolist()[-1] == "Base simulée"
    html = output_html(panel.table_out)
    assert "Leçon 3" in html and "Indice de Gini (%)" in html
    panel.view.value = "rfm"
    html = output_html(panel.table_out)
    assert "Segment" in html and "Achats surtout" in html  # RFM and FRAT
    panel.view.value = "kpi"
    assert panel.plot_out.outputs == () and "Coût du contact (MAD)" in output_html(panel.table_out)
    panel.view.value = "overlap"


def test_the_seed_reruns_the_simulation(panel):
    before = panel.table.copy()
    panel.seed_box.value = 6
    assert panel.result.seed == 6
    assert not before.equals(panel.table)
    panel.seed_box.value = 5


def test_scoring_needs_business_accounts():
    panel = SimulatedPortfolioPanel(size=100, view="scoring")
    assert panel.error is not None and panel.table is None
    assert "industriel" in output_html(panel.table_out)
    assert panel.plot_out.outputs == ()
    panel.base.value = "industriel"
    assert panel.error is None and panel.result.scenario.name == "industriel"
    assert (panel.size.min, panel.size.max, panel.size.step) == (100, 600, 50)
    assert set(panel.table["strategy"]) == set(cs.analysis.scoring.POSITIONING_STRATEGIES.values())
    assert panel.plot_out.outputs[0]["data"]["image/png"]
    panel.view.value = "tcc"
    shares = panel.table.groupby("base")["share_customers"].sum()
    assert shares.round(9).tolist() == [1.0, 1.0]
    assert "TCC médian (%)" in output_html(panel.table_out)


def test_size_is_kept_within_the_new_bases_range():
    panel = SimulatedPortfolioPanel(size=700, view="kpi")
    panel.base.value = "industriel"
    assert panel.size.value == 600 and panel.error is None
    assert len(panel.result.customers) > 600
