"""The shared parts of the panels: French controls, controls from metadata, the Panel base."""

import ast
import dataclasses
import warnings
from pathlib import Path

import ipywidgets as widgets
import pytest

import crmsim.widgets
from crmsim.errors import DataError, ScenarioError
from crmsim.scenario import Scenario
from crmsim.widgets import acquisition, attrition, dashboard
from crmsim.widgets._base import Panel, output_html
from crmsim.widgets._controls import (
    FrenchFloatSlider,
    FrenchIntSlider,
    Param,
    caption,
    french_slider,
    row,
    scenario_field,
)

NBSP = "\u00a0"
WIDGETS = Path(crmsim.widgets.__file__).parent

#: Every Scenario parameter offered by a panel.
PARAMS = [
    *dashboard.LEVERS,
    *attrition.LEVERS,
    *acquisition.CHANNEL_LEVERS.values(),
    *acquisition.WORD_OF_MOUTH_LEVERS.values(),
]


# --- French readout -------------------------------------------------------------------


def test_percent_slider_reads_in_french_and_follows_its_value():
    slider = french_slider("Part cible du CA :", 0.85, 0.05, 1.0, 0.05, percent=True)
    assert isinstance(slider, FrenchFloatSlider)
    assert slider.readout is False and slider.continuous_update is False
    assert slider.readout_text.value == f"85{NBSP}%"
    slider.value = 0.05
    assert slider.readout_text.value == f"5{NBSP}%"
    assert slider.description == f"Part cible du CA{NBSP}:"


@pytest.mark.parametrize(
    ("step", "value", "shown"),
    [
        (0.25, 7.5, "7,50"),
        (0.5, 6.0, "6,0"),
        (0.0005, 0.004, "0,0040"),
        (100.0, 1200.0, "1\u00a0200"),
    ],
)
def test_number_readout_has_the_decimals_of_the_step(step, value, shown):
    slider = french_slider("x :", value, 0.0, 5000.0, step)
    assert slider.readout_text.value == shown


def test_percent_readout_with_half_points():
    slider = french_slider("Taux :", 0.035, 0.0, 0.3, 0.005, percent=True)
    assert slider.readout_text.value == f"3,5{NBSP}%"


def test_integer_slider_groups_thousands():
    slider = french_slider("Contacts :", 3000, 0, 40_000, 500, integer=True)
    assert isinstance(slider, FrenchIntSlider) and slider.readout_text.value == f"3{NBSP}000"
    slider.value = 12_000
    assert slider.readout_text.value == f"12{NBSP}000"


def test_row_shows_each_slider_with_its_readout():
    slider = french_slider("x :", 1.0, 0.0, 2.0, 0.5)
    box = widgets.Checkbox()
    shown = row(slider, box)
    assert shown.children[0].children == (slider, slider.readout_text)
    assert shown.children[1] is box


def test_caption_puts_a_no_break_space_before_the_colon():
    assert caption("Client :") == caption("Client") == f"Client{NBSP}:"


def test_no_panel_shows_a_native_english_readout():
    """Every slider of every panel hides the d3 readout and shows a French one."""

    def sliders(widget):
        if type(widget).__name__.endswith("Slider"):
            yield widget
        for child in getattr(widget, "children", ()):
            yield from sliders(child)

    for name in crmsim.widgets.__all__:
        cls = getattr(crmsim.widgets, name)
        if isinstance(cls, type) and issubclass(cls, widgets.Widget):
            panel = cls()
            found = list(sliders(panel))
            assert all(s.readout is False for s in found), name
            assert all(hasattr(s, "readout_text") for s in found), name


# --- Controls from the Scenario metadata ----------------------------------------------


def test_scenario_field_reads_the_dataclass_metadata():
    satisfaction = Scenario().satisfaction
    expected = next(
        f.metadata for f in dataclasses.fields(satisfaction) if f.name == "service_quality"
    )
    assert scenario_field("satisfaction.service_quality") == expected
    with pytest.raises(ScenarioError, match=r"inconnu.*satisfaction\.qualite"):
        scenario_field("satisfaction.qualite")


@pytest.mark.parametrize("param", PARAMS, ids=lambda p: p.path)
def test_panel_controls_stay_within_the_parameter_bounds(param):
    meta = scenario_field(param.path)
    control = param.control(Scenario().get(param.path))
    assert control.description.startswith(meta["label"][:1].upper() + meta["label"][1:])
    if meta["kind"] == "bool":
        assert isinstance(control, widgets.Checkbox)
        return
    assert meta["min"] <= control.min < control.max <= meta["max"]
    assert control.continuous_update is False and control.readout is False


def test_label_unit_and_percent_come_from_the_metadata():
    quality = Param("satisfaction.service_quality", 4.0, 10.0, 0.25)
    assert quality.label == "Qualité de service délivrée (points /10)"
    assert not quality.is_percent()
    margin = Param("economics.gross_margin_rate", 0.1, 0.6, 0.01)
    assert margin.is_percent() and margin.control(0.3).readout_text.value == f"30{NBSP}%"
    # the unit is not repeated when the label already names it
    assert Param("market.unhappy_tell").label == "Personnes informées par un client mécontent"
    # defaults: the parameter's own bounds, an integer slider for an integer parameter
    surveys = Param("satisfaction.survey_every_months").control(6)
    assert (surveys.min, surveys.max, surveys.step) == (0, 120, 1)
    assert isinstance(surveys, FrenchIntSlider)


def test_a_range_outside_the_bounds_is_refused():
    with pytest.raises(ScenarioError, match="bornes du paramètre"):
        Param("economics.gross_margin_rate", 0.0, 1.5).control(0.3)
    with pytest.raises(ScenarioError, match="fini"):
        Param("economics.gross_margin_rate", 0.6, 0.1).bounds()  # empty range
    assert Param("customers.basket_median_mad").bounds() == (0.01, 1e7)


# --- The Panel base --------------------------------------------------------------------


class _Echo(Panel):
    """A minimal panel: doubles a value with a (stand-in) public function."""

    def __init__(self):
        self.x = french_slider("x :", 1.0, -5.0, 5.0, 1.0)
        self.calls = 0
        super().__init__([self.x], css_class="crmsim-echo")
        self.watch(self.x)
        self.refresh()

    def _render_table(self):
        self.calls += 1
        if self.x.value < 0:
            raise DataError(f"x doit être positif, reçu {self.x.value}.")
        if self.x.value == 0:
            warnings.warn("x nul : rien à montrer.", UserWarning, stacklevel=1)
        self.summary.value = f"x = {self.x.value:g}"
        return ["<table><td>ok</td></table>"]

    def _render_plot(self):
        return [b"\x89PNG fake"]


def test_panel_shows_results_then_chart():
    panel = _Echo()
    assert panel.error is None and "crmsim-echo" in panel._dom_classes
    assert "ok" in output_html(panel.table_out) and panel.summary.value == "x = 1"
    assert panel.plot_out.outputs[0]["data"]["image/png"]
    # the slider is shown with its French readout
    assert panel.children[0].children == (panel.x, panel.x.readout_text)


def test_panel_bad_input_shows_the_french_error_box_and_recovers():
    panel = _Echo()
    panel.x.value = -1.0
    assert isinstance(panel.error, DataError)
    html = output_html(panel.table_out)
    assert "crmsim-erreur" in html and "Valeur impossible" in html and "positif" in html
    assert panel.summary.value == "" and panel.plot_out.outputs == ()
    panel.x.value = 2.0
    assert panel.error is None and panel.summary.value == "x = 2"


def test_panel_warnings_become_notices():
    panel = _Echo()
    panel.x.value = 0.0
    assert panel.error is None and panel.notices == ["x nul : rien à montrer."]
    assert "Attention" in panel.summary.value and panel.summary.value.endswith("x = 0")


def test_loading_guard_holds_reruns():
    panel = _Echo()
    before = panel.calls
    with panel.loading():
        panel.x.value = 3.0
        panel.x.value = 4.0
    assert panel.calls == before
    panel.refresh()
    assert panel.calls == before + 1 and panel.summary.value == "x = 4"


# --- No logic in the callbacks -----------------------------------------------------------

#: Arithmetic allowed in a panel's methods: (module, method) -> reason. Business figures
#: come from crmsim functions; what is left is display.
ARITHMETIC_ALLOWED = {
    ("loyalty.py", "_bound_retention"): "slider bound: retention + points gained stay < 99 %",
    ("pareto.py", "_render_table"): "number of table rows shown: the head and the next row",
    ("scoring.py", "_summary_html"): "the weighted sum written out step by step for students",
    ("tcc.py", "__init__"): "initial slider position: 1 / number of firms",
}
_ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)


def _arithmetic_in_panel_methods():
    found = []
    for path in sorted(WIDGETS.glob("[!_]*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            for method in (n for n in cls.body if isinstance(n, ast.FunctionDef)):
                for node in ast.walk(method):
                    if isinstance(node, ast.BinOp) and isinstance(node.op, _ARITHMETIC):
                        found.append((path.name, method.name, node.lineno, ast.unparse(node)))
    return found


def test_panel_methods_compute_no_business_figure():
    unexpected = [f for f in _arithmetic_in_panel_methods() if f[:2] not in ARITHMETIC_ALLOWED]
    assert not unexpected, "calcul dans un panneau (à mettre dans crmsim.analysis) : " + str(
        unexpected
    )


def test_the_arithmetic_check_can_fail():
    allowed = {key for key in ARITHMETIC_ALLOWED}
    seen = {f[:2] for f in _arithmetic_in_panel_methods()}
    assert allowed <= seen, f"entrées inutiles de la liste : {allowed - seen}"
