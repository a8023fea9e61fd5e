import pandas as pd

from crmsim.widgets import ParetoPanel
from crmsim.widgets._base import output_html


def test_panel_initial_state_is_the_course_answer():
    panel = ParetoPanel()
    assert panel.table["in_head"].sum() == 4
    assert "4 client(s) sur 20" in panel.summary.value
    assert "80,0\u00a0%" in panel.summary.value
    assert "225\u00a0000,0\u00a0MAD" in output_html(panel.table_out)
    assert panel.plot_out.outputs[0]["data"]["image/png"]
    assert panel.target.continuous_update is False


def test_moving_the_target_updates_table_and_chart():
    panel = ParetoPanel()
    old_png = panel.plot_out.outputs[0]["data"]["image/png"]
    panel.target.value = 0.5
    assert panel.table["in_head"].sum() == 3
    assert "3 client(s) sur 20" in panel.summary.value
    assert panel.plot_out.outputs[0]["data"]["image/png"] != old_png


def test_changing_dataset():
    panel = ParetoPanel()
    panel.dataset.value = "Échantillon simulé (500 clients)"
    assert len(panel.table) == 500
    assert "sur 500" in panel.summary.value


def test_bad_data_shows_french_message_not_traceback():
    bad = pd.DataFrame({"customer_id": [1, 2], "revenue": [10, -5]})
    panel = ParetoPanel({"Données saisies": bad})
    assert panel.table is None
    assert panel.error is not None
    html = output_html(panel.table_out)
    assert "Valeur impossible" in html and "négatif" in html
    assert panel.plot_out.outputs == ()
    assert repr(panel) == "ParetoPanel(jeu='Données saisies', cible=0.8)"
