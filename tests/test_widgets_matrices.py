import pandas as pd
import pytest

from crmsim.analysis.matrices import MATRIX_MODELS
from crmsim.widgets import MatrixPanel
from crmsim.widgets._base import output_html
from crmsim.widgets.matrices import quadrant_table


def test_initial_state_model_1_median():
    panel = MatrixPanel()
    assert repr(panel) == "MatrixPanel(modele='ca_rentabilite', coupure='median')"
    assert len(panel.table) == 16 and panel.error is None
    key = panel.quadrants.query("y_level == 'fort' and x_level == 'fort'")
    assert key["members"].iloc[0] == "M03, M04, M05"
    assert panel.quadrants["customers"].sum() == 16
    assert "médiane" in panel.summary.value and "75\u00a0250" in panel.summary.value
    html = output_html(panel.table_out)
    assert "Stratégie recommandée" in html and "Clients clés" in html
    assert panel.plot_out.outputs[0]["data"]["image/png"]
    assert "crmsim-matrices" in panel._dom_classes


def test_split_rule_changes_the_quadrants():
    panel = MatrixPanel()
    old_png = panel.plot_out.outputs[0]["data"]["image/png"]
    panel.split.value = "mean"
    assert "moyenne" in panel.summary.value
    key = panel.table.query("y_level == 'fort' and x_level == 'fort'")["customer_id"]
    assert key.tolist() == ["M04"]
    assert panel.plot_out.outputs[0]["data"]["image/png"] != old_png


@pytest.mark.parametrize("model", list(MATRIX_MODELS))
def test_every_model_draws_on_the_illustrative_table(model):
    panel = MatrixPanel(model=model)
    assert panel.error is None
    assert MATRIX_MODELS[model].y_label in output_html(panel.table_out)
    assert panel.quadrants["customers"].sum() == 16


def test_table_without_the_model_columns_shows_a_french_message():
    panel = MatrixPanel(pd.DataFrame({"customer_id": [1, 2], "revenue": [10.0, 20.0]}))
    assert panel.table is None and panel.quadrants is None
    html = output_html(panel.table_out)
    assert "Valeur impossible" in html and "manquante" in html
    assert panel.plot_out.outputs == () and panel.summary.value == ""
    panel.model.value = "fioca"  # still no traceback when switching
    assert panel.error is not None


def test_quadrant_table_lists_empty_quadrants():
    out = pd.DataFrame({"customer_id": ["a"], "y_level": ["fort"], "x_level": ["fort"]})
    table = quadrant_table(out, "fioca")
    assert table["customers"].tolist().count(0) == 3
    assert "" in table["members"].tolist()
