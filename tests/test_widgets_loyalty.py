import pytest

from crmsim.widgets import LoyaltyPanel
from crmsim.widgets._base import output_html


def test_initial_state_course_figures():
    panel = LoyaltyPanel()
    assert panel.error is None
    assert list(panel.table["situation"]) == ["actuel", "amélioré"]
    assert panel.table["retention"].tolist() == pytest.approx([0.90, 0.95])
    assert "5\u00a0400\u00a0MAD" in panel.summary.value  # 1200 x 0.9 / 0.2
    assert "Valeur actuelle" in output_html(panel.table_out)
    assert panel.plot_out.outputs[0]["data"]["image/png"]
    assert "crmsim-fidelite" in panel._dom_classes
    assert repr(panel) == "LoyaltyPanel(retention=0.9, marge=1200, gain=0.05)"


def test_effect_is_larger_when_retention_is_already_high():
    panel = LoyaltyPanel(retention=0.7)
    low = panel.table["change"].iloc[1]
    panel.retention.value = 0.9
    assert panel.table["change"].iloc[1] > low > 0


def test_impossible_retention_shows_french_message():
    panel = LoyaltyPanel()
    panel.improvement.value = 0.06
    panel.retention.max = 1.0  # bypass the slider's own cap to reach an impossible value
    panel.retention.value = 0.97
    assert panel.table is None and panel.error is not None
    assert "Valeur impossible" in output_html(panel.table_out)
    assert panel.plot_out.outputs == ()
    panel.improvement.value = 0.01
    assert panel.error is None and panel.table is not None


def test_retention_slider_never_offers_a_certain_customer():
    from crmsim.widgets import LoyaltyPanel

    panel = LoyaltyPanel()
    panel.retention.value = panel.retention.max
    assert panel.error is None
    panel.improvement.value = 0.10
    assert panel.retention.max == 0.89 and panel.retention.value <= 0.89
    assert panel.error is None
