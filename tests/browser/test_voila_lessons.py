"""Every widget lesson as a Voila page: move one control, see the panel's results change.

One case per lesson (02 to 10): the panel is found by its CSS class once it shows its
first results, one control is moved by one keystroke (or one typed value), and the panel's
text must change, with no JavaScript error. Lesson 01 and the dashboard have their own,
more detailed checks (test_lab_pareto.py, test_voila_pareto.py, test_voila_dashboard.py).
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from .helpers import fill_number, press_slider, screenshot, select_option

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Case:
    notebook: str
    panel: str  # CSS class of the panel
    ready: str  # text shown once the first results are there
    act: Callable  # moves one control of the panel


CASES = [
    Case(
        "04_abc.ipynb",
        ".crmsim-abc",
        "Part des clients en A :",
        lambda p: press_slider(p, "Part des clients en A :", "ArrowRight"),
    ),
    Case(
        "05_matrices.ipynb",
        ".crmsim-matrices",
        "Stratégie",
        lambda p: select_option(
            p,
            "Matrice :",
            "Matrice FIOCA\u00a0: importance stratégique × difficulté de la relation",
        ),
    ),
    Case(
        "06_scoring.ipynb",
        ".crmsim-scoring",
        "Client :",
        lambda p: select_option(p, "Client :", "E"),
    ),
    Case(
        "07_rfm.ipynb",
        ".crmsim-rfm",
        "Segment",
        lambda p: press_slider(p, "Nombre de niveaux de score :", "ArrowLeft"),
    ),
    Case(
        "08_tcc_radar.ipynb",
        ".crmsim-tcc",
        "TCC de l’entreprise",
        lambda p: press_slider(p, "Seuil de valeur (TCC) :", "Home"),
    ),
    Case(
        "09_kpi.ipynb",
        ".crmsim-kpi",
        "point mort",
        lambda p: fill_number(p, "Commandes :", 300),
    ),
    Case(
        "10_acquisition.ipynb",
        ".crmsim-acquisition",
        "MAD",
        lambda p: press_slider(p, "Taux de remontée (réponses / contacts) :", "End"),
    ),
    Case(
        "11_attrition.ipynb",
        ".crmsim-attrition",
        "insatisfaction",
        lambda p: press_slider(p, "Qualité de service délivrée (points /10) :", "End"),
    ),
    Case(
        "12_fidelite.ipynb",
        ".crmsim-fidelite",
        "MAD",
        lambda p: press_slider(p, "Rétention annuelle :", "End"),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.notebook.removesuffix(".ipynb"))
def test_voila_lesson_panel_reacts(voila, console, case):
    from playwright.sync_api import expect

    panel = voila.open(case.notebook, case.panel, case.ready)
    before = panel.inner_text()
    case.act(panel)
    expect(panel).not_to_have_text(before)
    expect(panel.locator(".crmsim-erreur")).to_have_count(0)
    screenshot(voila.page, f"voila_{case.notebook.removesuffix('.ipynb')}")
    console.assert_clean()
