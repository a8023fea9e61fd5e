"""The e-CRM lesson as a Voila page: switch a trigger off, change a threshold, see the results.

The panel is found by its CSS class once its first summary is there; switching the
customer-service call off must turn its row to « non » and change the figures and the
chart; pushing the silence threshold to its maximum must change them again.
"""

import pytest

from .helpers import FIRST_RENDER_MS, image_sources, press_slider, screenshot

pytestmark = pytest.mark.browser

CALL = "Commande abandonnée avant le paiement → appel du service client"


def test_voila_ecrm_trigger_switch_and_threshold_update_the_panel(voila, console):
    from playwright.sync_api import expect

    # Voila answers once every cell has run (simulations included): allow the first-render
    # time for the navigation itself, not Playwright's 30 s default
    voila.page.set_default_navigation_timeout(FIRST_RENDER_MS)
    panel = voila.open("14_ecrm.ipynb", ".crmsim-ecrm", "Valeur nette (MAD)")
    expect(panel.locator(".crmsim-erreur")).to_have_count(0)
    summary = panel.locator(".widget-html", has_text="visiteurs commandent")
    before, chart = summary.inner_text(), image_sources(panel)

    switch = panel.locator(".widget-checkbox", has=panel.page.get_by_text(CALL, exact=True))
    switch.locator("input[type=checkbox]").uncheck()
    call_row = panel.locator("tr", has_text="Appel du service client")
    expect(call_row).to_contain_text("non")
    expect(summary).not_to_have_text(before)
    expect(panel.locator("img").first).not_to_have_attribute("src", chart[0])

    after_switch = summary.inner_text()
    press_slider(panel, "Silence avant l’enquête (jours) :", "End")
    expect(panel).to_contain_text("90")
    expect(summary).not_to_have_text(after_switch)
    expect(panel.locator(".crmsim-erreur")).to_have_count(0)
    screenshot(voila.page, "voila_ecrm")
    console.assert_clean()
