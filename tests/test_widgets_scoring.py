import pandas as pd
import pytest

import crmsim as cs
from crmsim.widgets import ScoringPanel
from crmsim.widgets._base import output_html
from crmsim.widgets.scoring import grid_scores


def _scores(panel):
    return panel.scores.set_index("customer_id")


def test_initial_state_gives_the_course_positions():
    panel = ScoringPanel()
    course = cs.datasets.load("scoring_clients").set_index("customer_id")
    assert _scores(panel)["potential"].tolist() == course["potential"].tolist()
    assert _scores(panel)["performance"].tolist() == course["performance"].tolist()
    assert panel.positioning["performance_mean"].iloc[0] == pytest.approx(3.4)
    assert panel.notes["attractivite_secteur"].value == 5  # client A's notes are shown
    assert panel.coefficients["ca_client"].value == 3
    assert all(s.continuous_update is False for s in panel.notes.values())
    assert "Client A" in panel.summary.value and "d = ½√n = 3,00" in panel.summary.value
    assert "Potentiel" in output_html(panel.table_out)
    assert panel.plot_out.outputs[0]["data"]["image/png"]
    assert "crmsim-scoring" in panel._dom_classes and repr(panel) == "ScoringPanel(client='A')"


def test_moving_a_note_moves_the_bubble():
    panel = ScoringPanel(customer="C")
    assert panel.notes["taux_equipement"].value == 2
    old_png = panel.plot_out.outputs[0]["data"]["image/png"]
    panel.notes["taux_equipement"].value = 5
    assert _scores(panel).loc["C", "performance"] == pytest.approx(3.9)
    assert panel.positioning.set_index("customer_id").loc["C", "performance_level"] == "fort"
    assert "39 / 10" in panel.summary.value
    assert panel.plot_out.outputs[0]["data"]["image/png"] != old_png
    # the other clients keep their notes, the input table is not changed
    assert _scores(panel).loc["A", "performance"] == 4.0
    assert cs.datasets.load("scoring_notes").loc[2, "taux_equipement"] == 2


def test_changing_client_shows_its_notes_without_changing_scores():
    panel = ScoringPanel()
    before = panel.scores.copy()
    panel.customer.value = "E"
    assert panel.notes["ventes_realisees"].value == 5
    assert panel.notes["attractivite_secteur"].value == 1
    pd.testing.assert_frame_equal(panel.scores, before)


def test_coefficients_reweight_and_reset_restores():
    panel = ScoringPanel(customer="C")
    panel.coefficients["taux_equipement"].value = 1
    assert _scores(panel).loc["C", "performance"] == pytest.approx(26 / 8)
    assert "/ 8" in panel.summary.value
    panel.notes["capacite_production"].value = 5
    panel.reset.click()
    assert panel.coefficients["taux_equipement"].value == 3
    assert panel.notes["capacite_production"].value == 3
    assert _scores(panel).loc["C", "performance"] == 3.0


def test_bad_notes_show_a_french_message():
    notes = cs.datasets.load("scoring_notes")
    notes.loc[0, "ca_client"] = 7
    panel = ScoringPanel(notes)
    assert panel.scores is None and panel.error is not None
    assert "hors de l" in output_html(panel.table_out)
    assert panel.plot_out.outputs == () and panel.summary.value == ""


def test_grid_scores_without_revenue():
    notes = cs.datasets.load("scoring_notes").drop(columns=["revenue"])
    out = grid_scores(notes, cs.datasets.load("scoring_criteria"))
    assert list(out.columns) == ["customer_id", "potential", "performance"]
    panel = ScoringPanel(notes)
    assert panel.error is None and "Bulle" not in panel.summary.value
