"""The instructor dashboard as a Voila page: move a lever, see the KPI table change."""

import pytest

from .helpers import image_sources, press_slider, screenshot

pytestmark = pytest.mark.browser


def test_voila_dashboard_lever_updates_kpis(voila, console):
    from playwright.sync_api import expect

    panel = voila.open("tableau_de_bord.ipynb", ".crmsim-dashboard", "Leviers")
    kpis = panel.locator("table").first
    expect(kpis).to_be_visible()
    before, chart = kpis.inner_text(), image_sources(panel)
    press_slider(panel, "Qualité de service délivrée (points /10) :", "End")
    expect(kpis).not_to_have_text(before)
    expect(panel.locator("img").first).not_to_have_attribute("src", chart[0])
    screenshot(voila.page, "voila_tableau_de_bord")
    console.assert_clean()
