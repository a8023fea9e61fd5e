"""The e-CRM panel: trigger switches and thresholds -> summary, table and charts."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from crmsim.ecrm import WebAudience, simulate_audience, trigger_summary
from crmsim.errors import DataError
from crmsim.plotting import (
    plot_trigger_activity,
    plot_trigger_effects,
    plot_trigger_value,
    style_trigger_summary,
)
from crmsim.widgets import EcrmPanel
from crmsim.widgets._base import output_html

SMALL = WebAudience(visitors=400, days=90)


@pytest.fixture(scope="module")
def panel():
    return EcrmPanel(SMALL, seed=3)


def test_initial_state_shows_the_four_triggers(panel):
    assert panel.error is None
    assert panel.table["active"].all()
    html = output_html(panel.table_out)
    for text in ("Bannière d’autopromotion", "Appel du service client", "Valeur nette (MAD)"):
        assert text in html
    assert "400 visiteurs" in panel.summary.value and "%" in panel.summary.value
    assert panel.plot_out.outputs[0]["data"]["image/png"]
    assert "crmsim-ecrm" in panel._dom_classes
    assert repr(panel) == (
        "EcrmPanel(actifs=['banniere', 'email', 'appel', 'enquete'], email_apres=5, "
        "silence_jours=31)"
    )
    # the panel shows exactly what a student computes with the same calls
    expected = trigger_summary(SMALL, seed=3)
    pd.testing.assert_frame_equal(panel.table, expected)


def test_switching_a_trigger_off_removes_its_actions(panel):
    panel.switches["appel"].value = False
    try:
        row = panel.table.set_index("trigger").loc["appel"]
        assert not row["active"] and row["actions"] == 0
        assert (panel.result.actions["trigger"] == "appel").sum() == 0
        assert "Appel du service client" in output_html(panel.table_out)
    finally:
        panel.switches["appel"].value = True
    assert panel.table.set_index("trigger").loc["appel", "actions"] > 0


def test_thresholds_change_the_rules(panel):
    emails = panel.table.set_index("trigger").loc["email", "actions"]
    panel.email_views.value = 2
    panel.silence_days.value = 14
    try:
        assert panel.current_audience().email_views_threshold == 2
        table = panel.table.set_index("trigger")
        assert table.loc["email", "actions"] > emails
        surveyed = panel.result.sessions[panel.result.sessions["survey_shown"]]
        assert surveyed["days_since_last_visit"].min() >= 14
    finally:
        panel.email_views.value = 5
        panel.silence_days.value = 31


def test_no_trigger_at_all_says_so_without_chart():
    panel = EcrmPanel(SMALL.with_triggers([]), seed=1)
    assert panel.error is None
    assert "Aucun déclencheur actif" in panel.summary.value
    assert panel.plot_out.outputs == ()


def test_sliders_rerun_on_release_only(panel):
    assert not panel.email_views.continuous_update and not panel.silence_days.continuous_update


def test_plots_return_axes_with_french_titles():
    res = simulate_audience(SMALL, seed=2)
    table = trigger_summary(result=res)
    ax = plot_trigger_value(table)
    assert ax.get_title() == "Ce que rapporte et coûte chaque déclencheur"
    ticks = sorted(zip(ax.get_yticks(), [t.get_text() for t in ax.get_yticklabels()], strict=True))
    assert [label for _, label in ticks] == ["Enquête", "Appel", "E-mail", "Bannière"]
    ax = plot_trigger_effects(table)
    assert "avec − sans" in ax.get_title() and len(ax.get_xticklabels()) == 5
    ax = plot_trigger_activity(res)
    assert ax.get_title() == "Actions déclenchées par semaine"
    plt.close("all")
    html = style_trigger_summary(table).to_html()
    assert "Conversion avec" in html and "True" not in html and "oui" in html


def test_plots_reject_bad_input_in_french():
    with pytest.raises(DataError, match="Colonne"):
        plot_trigger_value(pd.DataFrame({"x": [1]}))
    empty = trigger_summary(SMALL.with_triggers([]), seed=1)
    with pytest.raises(DataError, match="Aucun déclencheur actif"):
        plot_trigger_effects(empty)
    with pytest.raises(DataError, match="simulate_audience"):
        plot_trigger_activity(empty)
    plt.close("all")
