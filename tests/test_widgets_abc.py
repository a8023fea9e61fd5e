import pandas as pd

from crmsim.widgets import ABCPanel
from crmsim.widgets._base import output_html


def test_initial_state_is_the_course_answer():
    panel = ABCPanel()
    by_class = panel.table.groupby("abc_class")["customer_id"].apply(list).to_dict()
    assert by_class["A"] == [19, 5]
    assert by_class["B"] == [2, 16, 9, 15, 3, 8]
    assert len(by_class["C"]) == 12
    assert panel.summary_table["share_revenue"].round(3).tolist() == [0.6, 0.315, 0.085]
    assert "31,5\u00a0%" in panel.summary.value and "19, 5" in panel.summary.value
    html = output_html(panel.table_out)
    assert "Classe" in html and "600\u00a0000,0\u00a0MAD" in html
    assert panel.plot_out.outputs[0]["data"]["image/png"]
    assert panel.share_a.continuous_update is False and panel.share_b.continuous_update is False
    assert "crmsim-abc" in panel._dom_classes
    assert panel.error is None


def test_moving_a_cut_point_updates_classes_and_chart():
    panel = ABCPanel()
    old_png = panel.plot_out.outputs[0]["data"]["image/png"]
    panel.share_a.value = 0.2
    assert (panel.table["abc_class"] == "A").sum() == 4
    assert panel.summary_table["customers"].tolist() == [4, 6, 10]
    assert panel.plot_out.outputs[0]["data"]["image/png"] != old_png


def test_revenue_method_resets_the_sliders_to_80_15():
    panel = ABCPanel()
    panel.by.value = "revenue"
    assert (panel.share_a.value, panel.share_b.value) == (0.8, 0.15)
    assert "du CA en A" in panel.share_a.description
    members = panel.table.loc[panel.table["abc_class"] == "A", "customer_id"].tolist()
    assert members == [19, 5, 2, 16, 9]
    panel.by.value = "customers"
    assert (panel.share_a.value, panel.share_b.value) == (0.1, 0.3)
    assert "des clients en A" in panel.share_a.description


def test_shares_over_100_percent_show_a_french_message():
    panel = ABCPanel()
    panel.share_b.value = 0.95
    assert panel.table is None and panel.summary_table is None
    assert "dépassent 100" in str(panel.error)
    assert "Valeur impossible" in output_html(panel.table_out)
    assert panel.plot_out.outputs == () and panel.summary.value == ""
    panel.share_b.value = 0.3  # back to a valid value: results come back
    assert panel.error is None and panel.table is not None


def test_bad_data_and_large_dataset():
    bad = pd.DataFrame({"customer_id": [1, 2], "revenue": [10, -5]})
    panel = ABCPanel({"Saisie": bad})
    assert panel.error is not None and "négatif" in output_html(panel.table_out)
    assert repr(panel) == "ABCPanel(jeu='Saisie', methode='customers', A=0.1, B=0.3)"
    big = ABCPanel()
    big.dataset.value = "Échantillon simulé (500 clients)"
    assert big.summary_table["customers"].tolist() == [50, 150, 300]
    assert " : " not in big.summary.value.split("<br>")[0]  # members not listed for 500
