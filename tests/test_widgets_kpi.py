from crmsim.widgets import KpiPanel
from crmsim.widgets._base import output_html


def _values(panel):
    return dict(zip(panel.kpis["indicator_id"], panel.kpis["value"], strict=True))


def test_initial_state_the_illustrative_mailing():
    panel = KpiPanel()
    values = _values(panel)
    assert values["contact_cost"] == 5.0 and values["response_rate"] == 0.04
    assert values["conversion_rate"] == 0.25 and values["break_even_orders"] == 200.0
    html = output_html(panel.table_out)
    assert "Taux de transformation" in html and "25,00\u00a0%" in html
    assert "200\u00a0commandes (arrondi à l’entier supérieur)" in html
    assert "non atteint" in panel.summary.value and "-25\u00a0000\u00a0MAD" in panel.summary.value
    assert panel.notes == [] and panel.error is None
    assert "crmsim-kpi" in panel._dom_classes
    assert repr(panel) == "KpiPanel(messages=10000, réponses=400, commandes=100)"


def test_inputs_update_the_seven_indicators():
    panel = KpiPanel()
    panel.orders.value = 250
    panel.order_revenue.value = 200_000
    values = _values(panel)
    assert len(values) == 7
    assert values["customer_acquisition_cost"] == 200.0 and values["average_order"] == 800.0
    assert "atteint" in panel.summary.value and "non atteint" not in panel.summary.value


def test_more_responses_than_messages_shows_a_french_warning():
    panel = KpiPanel()
    panel.responses.value = 20_000
    assert panel.error is None
    assert any("Plus de réponses" in n for n in panel.notes)
    assert "Attention" in panel.summary.value


def test_zero_messages_and_negative_cost_show_french_errors():
    panel = KpiPanel()
    panel.messages_sent.value = 0
    assert panel.kpis is None and panel.error is not None
    html = output_html(panel.table_out)
    assert "Valeur impossible" in html and "aucun indicateur" in html
    assert panel.summary.value == ""
    panel.messages_sent.value = 10_000
    panel.total_cost.value = -1
    assert "négatif" in output_html(panel.table_out)


def test_no_response_gives_undefined_values_with_notes():
    panel = KpiPanel(responses=0, orders=0, order_revenue=0)
    assert panel.error is None
    assert panel.table["Valeur"].tolist().count("n.d.") == 4
    assert any("aucune réponse" in n for n in panel.notes)
