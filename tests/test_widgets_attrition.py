import pytest

from crmsim.widgets import AttritionPanel
from crmsim.widgets._base import output_html


@pytest.fixture(scope="module")
def panel():
    return AttritionPanel()


def test_initial_crisis_shows_circumstantial_churn(panel):
    assert panel.error is None
    shares = panel.causes.set_index("cause")["share"]
    assert shares["conjoncturelle"] > 0.05
    assert shares.sum() == pytest.approx(1)
    html = output_html(panel.table_out)
    assert "Levier" in html and "conjoncturelle" in html
    assert "Attrition annuelle" in panel.summary.value
    assert panel.plot_out.outputs[0]["data"]["image/png"]
    assert panel.crisis_communication.value is False
    assert "crmsim-attrition" in panel._dom_classes
    assert repr(panel) == "AttritionPanel(situation='crise', qualite=7.5)"


def test_crisis_communication_dampens_circumstantial_churn(panel):
    before = panel.causes.set_index("cause").loc["conjoncturelle", "churned"]
    panel.crisis_communication.value = True
    after = panel.causes.set_index("cause").loc["conjoncturelle", "churned"]
    assert after < before
    panel.crisis_communication.value = False


def test_price_war_alignment_removes_structural_churn():
    panel = AttritionPanel("guerre_des_prix")
    before = panel.causes.set_index("cause").loc["structurelle", "churned"]
    panel.align_prices.value = True
    assert panel.result.scenario.events.firm_alignment_month == 15
    assert panel.causes.set_index("cause").loc["structurelle", "churned"] < before / 2


def test_quality_and_preset_change_reset_levers():
    panel = AttritionPanel("cours")
    before = panel.causes.set_index("cause").loc["insatisfaction", "churned"]
    panel.service_quality.value = 9.5
    assert panel.causes.set_index("cause").loc["insatisfaction", "churned"] < before
    panel.situation.value = "ecoute_client"
    assert panel.service_quality.value == 7.5 and panel.resolution_rate.value == 0.95
    assert panel.result.scenario.name == "ecoute_client"
