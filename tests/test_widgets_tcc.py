import pandas as pd
import pytest

from crmsim.widgets import TccPanel
from crmsim.widgets._base import output_html


def test_initial_state_is_the_course_answer():
    panel = TccPanel()
    assert panel.firm.value == "A" and panel.firm.options == ("A", "B", "C", "D")
    assert panel.threshold.value == pytest.approx(0.25)
    assert panel.threshold.continuous_update is False
    tcc = dict(zip(panel.table["customer"], panel.table["tcc"], strict=True))
    assert tcc["λ"] == pytest.approx(30 / 160)
    html = output_html(panel.table_out)
    assert "18,75\u00a0%" in html and "Stratégie RADAR" in html
    assert panel.plot_out.outputs[0]["data"]["image/png"]
    assert "crmsim-tcc" in panel._dom_classes
    assert repr(panel) == "TccPanel(entreprise='A', seuil=0.25)"


def test_threshold_moves_customers_between_strategies():
    panel = TccPanel()
    assert panel.table.set_index("customer").loc["η", "strategy"] == "Développer"
    old_png = panel.plot_out.outputs[0]["data"]["image/png"]
    panel.threshold.value = 0.2  # η (22,22 %) is now above the threshold
    assert panel.table.set_index("customer").loc["η", "strategy"] == "Accompagner"
    assert "20\u00a0%" in panel.summary.value
    assert panel.plot_out.outputs[0]["data"]["image/png"] != old_png


def test_firm_selector():
    panel = TccPanel()
    panel.firm.value = "C"
    assert set(panel.table["firm"]) == {"C"}
    assert panel.table.set_index("customer").loc["η", "tcc"] == pytest.approx(40 / 90)


def test_previous_period_makes_reactiver_appear():
    sales = TccPanel()._sales
    before = sales.copy()
    before.loc[(before["firm"] == "A") & (before["customer"] == "λ"), "sales"] = 80
    panel = TccPanel(previous_sales=before)
    assert panel.table.set_index("customer").loc["λ", "strategy"] == "Réactiver"


def test_unknown_firm_and_bad_data_show_french_messages():
    panel = TccPanel(firm="Z")
    assert panel.table is None and "Entreprise inconnue" in output_html(panel.table_out)
    panel.firm.value = "B"  # recovers
    assert panel.error is None and set(panel.table["firm"]) == {"B"}
    bad = pd.DataFrame({"firm": ["A", "B"], "customer": ["x", "x"], "sales": [10, -1]})
    panel = TccPanel(bad)
    assert panel.error is not None and "négatif" in output_html(panel.table_out)


def test_zero_potential_warning_is_shown_not_raised():
    sales = pd.DataFrame(
        {"firm": ["A", "B", "A", "B"], "customer": ["x", "x", "y", "y"], "sales": [1, 2, 0, 0]}
    )
    panel = TccPanel(sales)
    assert panel.error is None
    assert "Attention" in panel.summary.value and "Potentiel d’achat nul" in panel.summary.value
