"""Lesson 1 as a Voila page: change the dataset and the target share, see the panel change."""

import pytest

from .helpers import image_sources, press_slider, screenshot, select_option

pytestmark = pytest.mark.browser


def test_voila_pareto_levers_update_the_panel(voila, console):
    from playwright.sync_api import expect

    panel = voila.open("03_pareto.ipynb", ".crmsim-pareto", "4 client(s) sur 20")
    chart = image_sources(panel)

    select_option(panel, "Jeu de données :", "Échantillon simulé (500 clients)")
    expect(panel).to_contain_text("client(s) sur 500")
    expect(panel.locator("img")).not_to_have_attribute("src", chart[0])

    chart = image_sources(panel)
    press_slider(panel, "Part cible du CA :", "End")
    expect(panel).to_contain_text("500 client(s) sur 500")
    expect(panel).to_contain_text("cible : 100\u00a0%")
    expect(panel.locator("img")).not_to_have_attribute("src", chart[0])
    screenshot(voila.page, "voila_01_pareto")
    console.assert_clean()
