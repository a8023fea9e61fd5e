"""Contract of every panel in crmsim.widgets: sliders rerun on release, not while dragged.

A drag on a slider with ``continuous_update=True`` queues one kernel rerun per pixel; the
panels' sliders must all use ``continuous_update=False`` (see ``_controls.french_slider``).
"""

import ipywidgets as widgets
import pytest

import crmsim.widgets

PANELS = [
    getattr(crmsim.widgets, name)
    for name in crmsim.widgets.__all__
    if isinstance(getattr(crmsim.widgets, name), type)
    and issubclass(getattr(crmsim.widgets, name), widgets.Widget)
]


def _descendants(widget: widgets.Widget):
    """The widget and every widget below it (children of boxes, tabs, accordions)."""
    yield widget
    for child in getattr(widget, "children", ()):
        if isinstance(child, widgets.Widget):
            yield from _descendants(child)


def test_there_are_panels_to_check():
    assert crmsim.widgets.ParetoPanel in PANELS


@pytest.mark.parametrize("panel_class", PANELS, ids=lambda cls: cls.__name__)
def test_panel_sliders_update_on_release_only(panel_class):
    panel = panel_class()  # every panel runs with its defaults, as in a lesson
    sliders = [w for w in _descendants(panel) if type(w).__name__.endswith("Slider")]
    continuous = [f"{type(w).__name__}({w.description!r})" for w in sliders if w.continuous_update]
    assert not continuous, f"{panel_class.__name__}: continuous_update=True on {continuous}"
