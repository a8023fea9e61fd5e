"""Lesson 1 in JupyterLab: run all cells, move the target-share slider, see the panel change."""

import pytest

from .helpers import image_sources, press_slider, screenshot

pytestmark = pytest.mark.browser

NBSP = "\u00a0"


def test_pareto_slider_updates_summary_table_and_chart(lab, console):
    from playwright.sync_api import expect

    notebook = lab.open("notebooks/03_pareto.ipynb")
    panel = notebook.run_all(".crmsim-pareto", "4 client(s) sur 20")
    expect(panel.locator(".noUi-handle")).to_be_visible()
    expect(panel).to_contain_text(f"cible : 80{NBSP}%")
    chart = image_sources(panel)
    assert len(chart) == 1 and chart[0].startswith("data:image/png")
    expect(panel.locator("tbody tr", has_text="True")).to_have_count(4)

    # 80 % -> 5 % (the slider's minimum) in one keystroke, hence one update: every
    # change seen below comes from that update, the chart last (it is drawn last).
    press_slider(panel, "Part cible du CA :", "Home")

    expect(panel).to_contain_text("1 client(s) sur 20")
    expect(panel).to_contain_text(f"cible : 5{NBSP}%")
    expect(panel.locator("tbody tr", has_text="True")).to_have_count(1)
    expect(panel.locator("img")).not_to_have_attribute("src", chart[0])
    screenshot(lab.page, "lab_01_pareto")
    console.assert_clean()
