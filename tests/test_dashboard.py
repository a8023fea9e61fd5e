import pytest

from crmsim.errors import ScenarioError
from crmsim.widgets import SimulationDashboard
from crmsim.widgets._base import output_html
from crmsim.widgets.dashboard import LEVERS


@pytest.fixture(scope="module")
def dashboard():
    return SimulationDashboard(months=36)


def test_initial_run_equals_its_reference(dashboard):
    assert dashboard.error is None
    assert (dashboard.summary["Simulation"] == dashboard.summary["Référence"]).all()
    html = output_html(dashboard.kpi_out)
    assert "Clients perdus par an" in html and "\u00a0%" in html
    assert dashboard.plot_out.outputs[0]["data"]["image/png"]
    assert "calibrée" in dashboard.description.value


def test_levers_are_labelled_in_french_and_rerun_on_release(dashboard):
    assert set(dashboard.levers) == {lever.path for lever in LEVERS}
    quality = dashboard.levers["satisfaction.service_quality"]
    assert quality.description.startswith("Qualité de service")
    for control in dashboard.levers.values():
        if hasattr(control, "continuous_update"):
            assert control.continuous_update is False


def test_better_service_lowers_dissatisfaction_churn(dashboard):
    before = dashboard.summary.loc["share_insatisfaction", "value"]
    dashboard.levers["satisfaction.service_quality"].value = 9.0
    after = dashboard.summary.loc["share_insatisfaction", "value"]
    assert after < before
    assert dashboard.summary.loc["yearly_churn_rate", "Écart"].startswith("-")
    assert dashboard.scenario().satisfaction.service_quality == 9.0


def test_changing_situation_loads_its_levers():
    board = SimulationDashboard(months=36)
    board.levers["satisfaction.service_quality"].value = 9.5
    board.situation.value = "crise"
    assert board.levers["satisfaction.service_quality"].value == 7.5
    assert board.levers["events.crisis_communication"].value is False
    assert board.summary.loc["share_conjoncturelle", "value"] > 0.05
    board.levers["events.crisis_communication"].value = True
    assert board.summary.loc["share_conjoncturelle", "Écart"].startswith("-")
    assert repr(board) == "SimulationDashboard(situation='crise')"


def test_scenario_errors_are_shown_in_french(monkeypatch):
    board = SimulationDashboard(months=12)

    def broken(self):
        raise ScenarioError("qualité impossible")

    monkeypatch.setattr(SimulationDashboard, "scenario", broken)
    board.seed_box.value = 7
    assert isinstance(board.error, ScenarioError)
    assert "Valeur impossible" in output_html(board.kpi_out)
    assert board.plot_out.outputs == ()


def test_charts_are_redrawn_in_place_and_follow_the_run():
    board = SimulationDashboard(months=36)
    chart = board.chart
    frames = chart.redraws
    board.levers["satisfaction.resolution_rate"].value = 0.85
    assert chart.redraws == frames  # same frame, new line and bars
    line = chart._line
    assert list(line.get_ydata()) == board.result.monthly["active"].tolist()
    heights = sum(rect.get_height() for container in chart._bars for rect in container)
    assert heights == pytest.approx(board.result.monthly["churned"].sum())
    png = board.plot_out.outputs[0]["data"]["image/png"]
    board.situation.value = "crise"  # another reference: a new frame
    assert chart.redraws == frames + 1
    assert board.plot_out.outputs[0]["data"]["image/png"] != png


def test_bar_legend_does_not_cover_the_first_bar(dashboard):
    figure = dashboard.chart.figure
    figure.canvas.draw()
    bars = figure.axes[1]
    legend = bars.get_legend().get_window_extent()
    for container in bars.containers:
        assert not legend.overlaps(container[0].get_window_extent())
    # and the legend of the customer base is outside its chart too
    top = figure.axes[0]
    assert not top.get_legend().get_window_extent().overlaps(top.get_window_extent())
