"""Answer checks of the scoring-grid exercise (``scoring_criteria``, ``scoring_notes``).

Examples
--------
>>> from crmsim.exercises import scoring
>>> scoring.check_potential_score_c(...).status
'a_completer'
>>> scoring.check_key_customers(["A", "B"]).ok
True
"""

from __future__ import annotations

import pandas as pd

from crmsim import datasets
from crmsim.analysis.scoring import bubble_diameter, scoring_grid, scoring_positioning
from crmsim.exercises._checks import check_number, check_sequence, check_set
from crmsim.exercises._feedback import Feedback

__all__ = [
    "check_bubble_diameter_a",
    "check_key_customers",
    "check_performance_scores",
    "check_potential_score_c",
    "check_score_after_equipment",
]


def _notes() -> pd.DataFrame:
    return datasets.load("scoring_notes").drop(columns=["revenue"])


def _grid(grid: str, notes: pd.DataFrame | None = None) -> pd.DataFrame:
    notes = _notes() if notes is None else notes
    return scoring_grid(notes, datasets.load("scoring_criteria"), grid=grid)


def check_potential_score_c(answer: object) -> Feedback:
    """Check client C's score on the potential grid."""
    scores = _grid("potentiel").set_index("customer_id")["score"]
    return check_number(
        answer,
        float(scores["C"]),
        what="le score de potentiel du client C",
        hint=(
            "Multipliez chaque note de C par le coefficient de son critère, additionnez, "
            "puis divisez par la somme des coefficients de la grille potentiel."
        ),
    )


def check_performance_scores(answer: object) -> Feedback:
    """Check the performance scores of clients A to E, in this order."""
    return check_sequence(
        answer,
        _grid("performance")["score"],
        what="la suite des scores de performances des clients A à E",
        hint=(
            "Utilisez cs.scoring_grid(notes, criteres, grid='performance') ; le score est "
            "une moyenne pondérée, il reste entre 1 et 5."
        ),
    )


def check_key_customers(answer: object) -> Feedback:
    """Check the key customers: potential and performance at or above the means."""
    scores = datasets.load("scoring_clients")
    pos = scoring_positioning(scores)
    key = pos.loc[
        (pos["potential_level"] == "fort") & (pos["performance_level"] == "fort"), "customer_id"
    ]
    return check_set(
        answer,
        key.tolist(),
        what="la liste des clients clés",
        hint=(
            "Comparez chaque score à la moyenne des cinq clients sur le même axe ; un client "
            "clé est au-dessus (ou sur) les deux lignes de moyenne."
        ),
        label="client",
    )


def check_bubble_diameter_a(answer: object) -> Feedback:
    """Check the bubble diameter of client A, d = 1/2 sqrt(n), n its share of revenue in %."""
    fiches = datasets.load("scoring_notes")
    share_pct = 100 * fiches["revenue"] / fiches["revenue"].sum()
    expected = float(bubble_diameter(share_pct[fiches["customer_id"] == "A"])[0])
    return check_number(
        answer,
        expected,
        what="le diamètre de la bulle du client A",
        hint=(
            "n est la part du CA de A en pourcentage (16 pour 16 %, pas 0,16) ; "
            "d = 0,5 × racine carrée de n (np.sqrt)."
        ),
    )


def check_score_after_equipment(answer: object) -> Feedback:
    """Check C's performance score once its equipment-rate note is raised to 5."""
    notes = _notes()
    notes.loc[notes["customer_id"] == "C", "taux_equipement"] = 5
    scores = _grid("performance", notes).set_index("customer_id")["score"]
    return check_number(
        answer,
        float(scores["C"]),
        what="le nouveau score de performances du client C",
        hint=(
            "Seule une note change : le score gagne (nouvelle note − ancienne note) × "
            "coefficient du critère / somme des coefficients."
        ),
    )
