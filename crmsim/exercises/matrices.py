"""Exercise 3, portfolio matrices: variant data and answer checks.

Data (:func:`make_data`): ``clients`` with the columns of ``matrix_clients`` (the lesson's
illustrative table; the course has no table of its own here): customer_id, revenue (MAD), current_profitability and
potential_profitability (%), potential, loyalty (0-100), strategic_importance and
relationship_difficulty (1-10). Variants draw 14 to 20 customers from the same model as
``datasets/make_matrix_clients.py`` with a more or less skewed revenue; the course's
version is the draw of seed :data:`COURSE_SEED`, so that the lesson's answers differ.
``simules`` holds the customers still active at the end of a 24-month simulation of the
``cours`` preset who bought something (customer_id, revenue, gross_margin, cost_to_serve,
retention_cost, all in MAD over the run); its size (500 to 1 000 customers at the start)
and seed are drawn after the table above, from the same generator.

Examples
--------
>>> from crmsim.exercises import matrices
>>> exo = matrices.EXERCISE.start("cours")
>>> exo.check("q2", ...).status
'a_completer'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim.analysis.matrices import portfolio_matrix
from crmsim.exercises._checks import check_set
from crmsim.exercises._feedback import Feedback
from crmsim.exercises._simulated import draw_size_and_seed, simulated_customers
from crmsim.exercises.variants import Exercise, Question

__all__ = ["EXERCISE", "make_data"]

#: Seed of the course's version (the lesson uses ``matrix_clients``, a different table).
COURSE_SEED = 3004

_SIMULATED_COLUMNS = ["customer_id", "revenue", "gross_margin", "cost_to_serve", "retention_cost"]

_LEVEL = (
    "Un client est « fort » sur un axe quand sa valeur est au moins égale à la coupure, "
    "calculée sur tous les clients."
)


def make_data(rng: np.random.Generator | None) -> dict:
    """The exercise's table: the course's (``rng=None``) or a seeded variant."""
    if rng is None:  # the course has no table here: a fixed draw, other than the lesson's
        rng = np.random.default_rng(COURSE_SEED)
    for _ in range(50):  # a variant with at least one key customer at the mean
        clients = _draw(rng)
        if _quadrant(clients, "ca_rentabilite", "mean", "fort", "fort"):
            break
    customers, seed = draw_size_and_seed(rng)  # after the earlier draws: they stay the same
    simulated = simulated_customers([*_SIMULATED_COLUMNS, "active"], customers=customers, seed=seed)
    simulated = simulated[simulated["active"] & (simulated["revenue"] > 0)]
    return {"clients": clients, "simules": simulated[_SIMULATED_COLUMNS].reset_index(drop=True)}


def _draw(rng: np.random.Generator) -> pd.DataFrame:
    n = int(rng.integers(14, 21))
    size = rng.normal(0.0, rng.uniform(0.9, 1.4), n)
    margin = np.round(14 - 4 * size + rng.normal(0, 4, n), 1)
    clients = pd.DataFrame(
        {
            "customer_id": [f"M{i + 1:02d}" for i in range(n)],
            "revenue": np.round(60_000 * np.exp(size) / 100) * 100,
            "current_profitability": margin,
            "potential_profitability": np.round(margin + rng.normal(2, 5, n), 1),
            "potential": np.clip(np.round(50 + 15 * size + rng.normal(0, 18, n)), 0, 100),
            "loyalty": np.clip(np.round(35 + 2 * margin + rng.normal(0, 18, n)), 0, 100),
            "strategic_importance": np.clip(
                np.round(5.5 + 1.5 * size + rng.normal(0, 2, n)), 1, 10
            ),
            "relationship_difficulty": np.clip(np.round(5 + size + rng.normal(0, 2.2, n)), 1, 10),
        }
    )
    return clients


def _quadrant(clients, model: str, split: str, y_level: str, x_level: str) -> list:
    out = portfolio_matrix(clients, model=model, split=split)
    inside = (out["y_level"] == y_level) & (out["x_level"] == x_level)
    return out.loc[inside, "customer_id"].tolist()


def _key(split: str):
    def check(answer: object, data: dict) -> Feedback:
        return check_set(
            answer,
            _quadrant(data["clients"], "ca_rentabilite", split, "fort", "fort"),
            what=f"la liste des clients clés (coupure à la {'médiane' if split == 'median' else 'moyenne'})",
            hint=_LEVEL + " Il faut être fort sur les deux axes : CA et rentabilité actuelle.",
            label="client",
        )

    return check


def _develop(answer: object, data: dict) -> Feedback:
    return check_set(
        answer,
        _quadrant(data["clients"], "dubinsky_ingram", "median", "faible", "fort"),
        what="la liste des clients à développer (Dubinsky & Ingram, médiane)",
        hint=_LEVEL + " Ici : rentabilité actuelle faible et rentabilité potentielle forte.",
        label="client",
    )


def _switch(answer: object, data: dict) -> Feedback:
    median = set(_quadrant(data["clients"], "ca_rentabilite", "median", "fort", "fort"))
    mean = set(_quadrant(data["clients"], "ca_rentabilite", "mean", "fort", "fort"))
    return check_set(
        answer,
        sorted(median ^ mean),
        what="la liste des clients qui changent de statut avec la règle",
        hint="Comparez les deux listes de clients clés : gardez ceux qui sont dans une seule.",
        label="client",
    )


def _profitability(simulated: pd.DataFrame) -> pd.DataFrame:
    """The simulated customers with their current profitability (net margin, % of revenue)."""
    margin = simulated["gross_margin"] - simulated["cost_to_serve"] - simulated["retention_cost"]
    return simulated.assign(current_profitability=100 * margin / simulated["revenue"])


def _simulated_margin_to_restore(answer: object, data: dict) -> Feedback:
    return check_set(
        answer,
        _quadrant(_profitability(data["simules"]), "ca_rentabilite", "median", "fort", "faible"),
        what="la liste des clients simulés à CA fort et rentabilité faible (médiane)",
        hint="Rentabilité actuelle = 100 × (marge brute − coût de service − coût de "
        "fidélisation) / CA, en % du CA. Placez ensuite les clients dans la matrice "
        "CA × rentabilité coupée à la médiane : CA fort, rentabilité faible.",
        label="client",
    )


EXERCISE = Exercise(
    "05_matrices",
    make_data,
    (
        Question(
            "q1",
            "cles_mediane",
            _key("median"),
            "fort_ca = clients['revenue'] >= clients['revenue'].median(), de même pour "
            "current_profitability, puis combinez avec &.",
        ),
        Question(
            "q2",
            "cles_moyenne",
            _key("mean"),
            "même calcul avec .mean() au lieu de .median(), sur les deux colonnes.",
        ),
        Question(
            "q3",
            "a_developper",
            _develop,
            "axe vertical : current_profitability sous sa médiane ; axe horizontal : "
            "potential_profitability au moins égale à sa médiane.",
        ),
        Question(
            "q4",
            "basculent",
            _switch,
            "set(cles_mediane) ^ set(cles_moyenne) donne les clients d’une seule des deux listes.",
        ),
        Question(
            "q5",
            "reponse-q5",
            checklist=(
                "explique l’écart entre moyenne et médiane par la dispersion du CA (gros comptes)",
                "recommande une règle selon l’objectif (petit groupe : moyenne ou seuil métier)",
                "signale les clients proches de la coupure qui basculent (ceux de la question 4)",
            ),
            points=2,
        ),
        Question(
            "q6",
            "restaurer_marge_simules",
            _simulated_margin_to_restore,
            "rentables = simules.assign(current_profitability=100 * (simules['gross_margin'] - "
            "simules['cost_to_serve'] - simules['retention_cost']) / simules['revenue']), puis "
            "m = cs.portfolio_matrix(rentables, model='ca_rentabilite', split='median') et les "
            "lignes où y_level vaut 'fort' et x_level 'faible'.",
        ),
    ),
)
