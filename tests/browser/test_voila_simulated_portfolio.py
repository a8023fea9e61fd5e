"""Lesson 15 as a Voila page: the simulated portfolio panel changes method and base.

The student chooses another method (the same run, another table and chart), asks for the
scoring grid on the consumers' base (a French message says it needs business accounts),
then switches to the B2B base (the message gives way to the accounts' quadrants).
"""

import pytest

from crmsim.widgets.simulated_portfolio import BASES, VIEWS

from .helpers import image_sources, screenshot, select_option

pytestmark = pytest.mark.browser

LABELS = {key: label for label, key in VIEWS}


def test_voila_simulated_portfolio_panel(voila, console):
    from playwright.sync_api import expect

    panel = voila.open("15_portefeuille_simule.ipynb", ".crmsim-portefeuille-simule", "Gini")
    expect(panel).to_contain_text("ont acheté l’année 3")
    chart = image_sources(panel)

    select_option(panel, "Méthode :", LABELS["tcc"])
    expect(panel).to_contain_text("Clients et prospects")
    expect(panel).to_contain_text("Réactiver")
    expect(panel.locator(".crmsim-erreur")).to_have_count(0)
    expect(panel.locator("img")).not_to_have_attribute("src", chart[0])

    select_option(panel, "Méthode :", LABELS["scoring"])
    error = panel.locator(".crmsim-erreur")
    expect(error).to_have_count(1)
    expect(error).to_contain_text("industriel")

    select_option(panel, "Base simulée :", BASES[1][0])
    expect(panel.locator(".crmsim-erreur")).to_have_count(0)
    expect(panel).to_contain_text("Comptes")
    expect(panel).to_contain_text("Clients clés")
    expect(panel).to_contain_text("Base «\u00a0industriel\u00a0»")
    screenshot(voila.page, "voila_15_portefeuille_simule")
    console.assert_clean()
