"""Answer checks of the lesson on CRM tools: OLAP operations and the churn model.

The exercise's data come from :func:`exercise_data` (a seeded simulation, other seed and size
than the lesson); every expected answer is recomputed here from the tables the student is given.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim.analysis import gains_table, olap_facts
from crmsim.exercises._checks import check_number, check_set
from crmsim.exercises._feedback import Feedback, is_unanswered
from crmsim.exercises.introduction import check_mapping

__all__ = [
    "LEAK_CANDIDATES",
    "OLAP_QUESTIONS",
    "check_best_quarter",
    "check_calls",
    "check_leaks",
    "check_olap_operations",
    "check_segment_share",
    "check_top_decile_lift",
    "exercise_data",
]

#: Questions of a manager -> (OLAP operation, why).
OLAP_QUESTIONS: dict[str, tuple[str, str]] = {
    "Le tableau montre le CA par mois\u202f; le directeur veut le CA par trimestre.": (
        "roll-up",
        "un forage vers le haut : on remonte la hiérarchie du temps, du mois au trimestre",
    ),
    "Le tableau montre le CA par année\u202f; on veut voir chaque trimestre de 2025.": (
        "drill-down",
        "un forage vers le bas : on descend la hiérarchie de l’année au trimestre",
    ),
    "On ne veut plus voir que les clients recrutés par le web.": (
        "slice",
        "une tranche : une seule valeur d’une seule dimension (canal = web)",
    ),
    "On veut comparer le web et l’e-mail, pour les produits stratégiques seulement.": (
        "dice",
        "un sous-cube : plusieurs valeurs (web, e-mail) et une deuxième dimension filtrée",
    ),
    "Le tableau montre le CA par canal\u202f; on veut aussi le détail par segment ABC.": (
        "drill-down",
        "un forage vers le bas : on ajoute une dimension pour détailler",
    ),
}

#: Candidate features at the observation month -> does it leak the future? (letter: text)
LEAK_CANDIDATES: dict[str, tuple[str, bool]] = {
    "a": (
        "la colonne complaints de la table customers (réclamations de toute la simulation)",
        True,
    ),
    "b": ("le nombre de commandes des 12 mois précédant le mois d’observation", False),
    "c": (
        "la colonne satisfaction de la table customers (dernier écart, à la fin ou au départ)",
        True,
    ),
    "d": ("l’ancienneté du client au mois d’observation", False),
    "e": ("la colonne n_orders de la table customers (commandes de toute la simulation)", True),
    "f": ("les incidents de service des 6 mois précédant le mois d’observation", False),
    "g": (
        "la colonne tenure_months de la table customers (ancienneté à la fin ou au départ)",
        True,
    ),
}


def exercise_data(seed: int = 7):
    """The simulated portfolio of the exercise: reference preset, 6 000 customers, 30 months.

    Parameters
    ----------
    seed : int, default 7
        Seed of the simulation (one per student variant).

    Returns
    -------
    crmsim.SimulationResult
    """
    from crmsim.model import simulate
    from crmsim.scenario import preset

    scenario = preset("cours").replace(
        **{"market.initial_customers": 6_000, "market.market_size": 120_000}, months=30
    )
    return simulate(scenario, seed=seed)


def check_olap_operations(answer: object) -> Feedback:
    """Check the OLAP operation chosen for each question of :data:`OLAP_QUESTIONS`."""
    return check_mapping(
        answer,
        OLAP_QUESTIONS,
        what="le choix des opérations OLAP",
        allowed=("roll-up", "drill-down", "slice", "dice"),
        hint=(
            "roll-up : agréger (monter d'un niveau ou supprimer une dimension) ; drill-down : "
            "détailler ; slice : une valeur d'une dimension ; dice : plusieurs valeurs ou "
            "plusieurs dimensions filtrées."
        ),
    )


def segment_share(
    transactions: pd.DataFrame, customers: pd.DataFrame, year: int, segment: str
) -> float:
    """Share of ``year``'s revenue made by the ABC ``segment``."""
    facts = olap_facts(transactions, customers)
    in_year = facts[facts["year"] == year]
    return float(
        in_year.loc[in_year["segment"] == segment, "amount"].sum() / in_year["amount"].sum()
    )


def check_segment_share(
    answer: object,
    transactions: pd.DataFrame,
    customers: pd.DataFrame,
    year: int = 2025,
    segment: str = "A",
) -> Feedback:
    """Check the share of a year's revenue made by one ABC segment."""
    return check_number(
        answer,
        segment_share(transactions, customers, year, segment),
        what=f"la part du CA {year} faite par le segment {segment}",
        hint=(
            "Tranche sur l'année, détail par segment : cube.slice('year', ...) puis "
            "drill_down('segment') ; divisez le CA du segment par le total de l'année."
        ),
        percent_hint=True,
    )


def check_best_quarter(
    answer: object,
    transactions: pd.DataFrame,
    customers: pd.DataFrame,
    product_type: str = "stratégique",
) -> Feedback:
    """Check the quarter with the largest revenue of one product type."""
    what = f"le trimestre où le CA des produits {product_type}s est le plus élevé"
    if is_unanswered(answer):
        return Feedback.todo(what)
    facts = olap_facts(transactions, customers)
    by_quarter = facts[facts["product_type"] == product_type].groupby("quarter")["amount"].sum()
    expected = str(by_quarter.idxmax())
    if str(answer) == expected:
        return Feedback("correct", f"Bravo, {what} est juste : {expected}.")
    hint = (
        "Partez d'un cube par mois, remontez au trimestre (roll_up('month')), prenez la tranche "
        f"product_type = « {product_type} », puis la ligne de plus grand CA (idxmax)."
    )
    if str(answer) not in set(by_quarter.index):
        return Feedback(
            "incorrect",
            f"« {answer} » n'est pas un trimestre du cube : écrivez-le comme « 2025-T1 ».",
            hint=hint,
        )
    return Feedback("incorrect", f"{what[:1].upper()}{what[1:]} n'est pas encore juste.", hint=hint)


def check_leaks(answer: object) -> Feedback:
    """Check the letters of :data:`LEAK_CANDIDATES` that would leak the future."""
    expected = [k for k, (_, leaks) in LEAK_CANDIDATES.items() if leaks]
    feedback = check_set(
        answer,
        expected,
        what="la liste des variables qui trahissent l'avenir",
        hint=(
            "Une colonne de la table customers résume toute la simulation (ou s'arrête au départ "
            "du client) : elle contient des informations postérieures au mois d'observation."
        ),
        label="lettre",
    )
    return feedback


def top_decile_lift(test: pd.DataFrame) -> float:
    """Lift of the 10 % highest scores among the held-out customers."""
    return float(gains_table(test["score"], test["churned"])["lift"].iloc[0])


def check_top_decile_lift(answer: object, test: pd.DataFrame) -> Feedback:
    """Check a top-decile lift computed by hand from the held-out scores."""
    return check_number(
        answer,
        top_decile_lift(test),
        what="le lift du premier décile",
        hint=(
            "Triez test par score décroissant, gardez les math.ceil(len(test) / 10) premiers (arrondi "
            "à l’entier supérieur), calculez leur taux de départ et divisez-le par le taux de "
            "départ de tout test."
        ),
        rel_tol=1e-6,
    )


def check_calls(answer: object, test: pd.DataFrame) -> Feedback:
    """Check (churners reached by calling the top decile, churners expected at random)."""
    what = "le nombre de futurs partants joints, avec le modèle et au hasard"
    if is_unanswered(answer):
        return Feedback.todo(what)
    table = gains_table(test["score"], test["churned"])
    expected = np.array(
        [
            float(table["churners"].iloc[0]),
            float(table["customers"].iloc[0]) * test["churned"].mean(),
        ]
    )
    try:
        given = np.asarray(list(answer), dtype=float)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        given = np.array([])
    if given.shape != (2,):
        return Feedback(
            "incorrect",
            "Donnez deux nombres : (avec_le_modele, au_hasard).",
            hint="Par exemple appels = (35, 15.2).",
        )
    ok = np.isclose(given, expected, rtol=1e-3, atol=0.05)
    right, wrong = [], []
    (right if ok[0] else wrong).append(
        "Le nombre de partants joints avec le modèle"
        + (" est juste." if ok[0] else " n'est pas juste.")
    )
    (right if ok[1] else wrong).append(
        "Le nombre attendu au hasard" + (" est juste." if ok[1] else " n'est pas juste.")
    )
    if ok.all():
        return Feedback("correct", f"Bravo, {what} est juste.", right=right)
    return Feedback(
        "incorrect",
        f"{what[:1].upper()}{what[1:]} n'est pas encore juste.",
        right,
        wrong,
        hint=(
            "Avec le modèle : les départs du premier décile. Au hasard : le même nombre de "
            "clients appelés multiplié par le taux de départ moyen de test."
        ),
    )
