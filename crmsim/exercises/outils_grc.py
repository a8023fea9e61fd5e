"""Exercise of the lesson on CRM tools: OLAP operations and the churn model (data, checks).

Data (:func:`make_data`): ``resultat`` (a simulation of the reference preset, 2 000
customers over 30 months, January 2024 to June 2026, with its transactions),
``demandes`` (five requests of a manager, ``{lettre: texte}`` drawn from
:data:`OLAP_QUESTIONS`), ``annee`` and ``segment`` (question 2), ``type_produit``
(question 3), ``variables`` (six candidate features, ``{lettre: texte}`` drawn from
:data:`LEAK_CANDIDATES`), ``mois_observation`` and ``test`` (the held-out customers of
the churn model learnt at that month: customer_id, score, churned) and ``faits`` (the
fact table of the cube, :func:`crmsim.analysis.olap_facts`). The course's version:
seed 7, requests a to e, 2025 and segment A, strategic products, candidates a to g, month
18; a student's variant draws all of them. Every expected answer is recomputed from the
data.

Examples
--------
>>> exo = EXERCISE.start("cours")
>>> exo.check("q1", ["roll-up", "drill-down", "slice", "dice", "drill-down"]).ok
True
>>> exo.check("q4", ["a", "c", "e", "g"]).ok
True
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from crmsim.analysis import OlapCube, gains_table, olap_facts
from crmsim.exercises._checks import check_number, check_set
from crmsim.exercises._feedback import Feedback, is_unanswered
from crmsim.exercises.introduction import check_mapping
from crmsim.exercises.variants import Exercise, Question

__all__ = ["EXERCISE", "LEAK_CANDIDATES", "OLAP_QUESTIONS", "exercise_data", "make_data"]

#: Requests of a manager: letter -> (request, OLAP operation, why).
OLAP_QUESTIONS: dict[str, tuple[str, str, str]] = {
    "a": (
        "Le tableau montre le CA par mois ; le directeur veut le CA par trimestre.",
        "roll-up",
        "un forage vers le haut : on remonte la hiérarchie du temps, du mois au trimestre",
    ),
    "b": (
        "Le tableau montre le CA par année ; on veut voir chaque trimestre de 2025.",
        "drill-down",
        "un forage vers le bas : on descend la hiérarchie de l’année au trimestre",
    ),
    "c": (
        "On ne veut plus voir que les clients recrutés par le web.",
        "slice",
        "une tranche : une seule valeur d’une seule dimension (canal = web)",
    ),
    "d": (
        "On veut comparer le web et l’e-mail, pour les produits stratégiques seulement.",
        "dice",
        "un sous-cube : plusieurs valeurs (web, e-mail) et une deuxième dimension filtrée",
    ),
    "e": (
        "Le tableau montre le CA par canal ; on veut aussi le détail par segment ABC.",
        "drill-down",
        "un forage vers le bas : on ajoute une dimension pour détailler",
    ),
    "f": (
        "Le tableau montre le CA par trimestre et par segment ; on ne veut plus que le "
        "total de chaque trimestre.",
        "roll-up",
        "un forage vers le haut : on supprime une dimension en additionnant ses valeurs",
    ),
    "g": (
        "On ne garde que l’année 2025, tous canaux et tous segments confondus.",
        "slice",
        "une tranche : une seule valeur (2025) d’une seule dimension (l’année)",
    ),
    "h": (
        "On veut les segments A et B, pour les clients recrutés par le web ou en salon.",
        "dice",
        "un sous-cube : plusieurs valeurs filtrées sur deux dimensions",
    ),
    "i": (
        "Le tableau montre le CA par trimestre ; on veut revenir au CA de chaque année.",
        "roll-up",
        "un forage vers le haut : on remonte du trimestre à l’année",
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
    "h": ("la colonne churn_month de la table customers (mois du départ)", True),
    "i": ("le panier moyen des 12 mois précédant le mois d’observation", False),
    "j": ("la colonne revenue de la table customers (CA de toute la simulation)", True),
}


def exercise_data(seed: int = 7):
    """The simulated portfolio of the exercise: reference preset, 2 000 customers, 30 months.

    Parameters
    ----------
    seed : int, default 7
        Seed of the simulation (the course's version; one per student variant).

    Returns
    -------
    crmsim.SimulationResult
    """
    from crmsim import simulate, small_portfolio  # the model is only needed to draw the data

    scenario = small_portfolio("cours", customers=2_000, months=30)
    return simulate(scenario, seed=seed)


@functools.lru_cache(maxsize=8)
def _run(seed: int, observation_month: int):
    """The simulation and the held-out table of its churn model (cached: the model is slow)."""
    import crmsim as cs

    result = exercise_data(seed)
    data = cs.churn_dataset(
        result, observation_month=observation_month, horizon_months=6, seed=seed
    )
    test = cs.fit_churn_model(data, seed=seed).test
    facts = olap_facts(result.transactions, result.customers)
    return result, test[["customer_id", "score", "churned"]].reset_index(drop=True), facts


def make_data(rng: np.random.Generator | None) -> dict:
    """The exercise's data: the course's (``rng=None``) or a seeded variant."""
    if rng is None:
        seed, year, segment, product, month = 7, 2025, "A", "stratégique", 18
        requests, candidates = list("abcde"), list("abcdefg")
    else:
        seed = int(rng.integers(2**31))
        year = int(rng.choice([2024, 2025]))
        segment = str(rng.choice(["A", "B"]))
        product = str(rng.choice(["stratégique", "tactique"]))
        month = int(rng.integers(15, 22))
        requests = [str(k) for k in rng.choice(sorted(OLAP_QUESTIONS), 5, replace=False)]
        candidates = sorted(str(k) for k in rng.choice(sorted(LEAK_CANDIDATES), 6, replace=False))
    result, test, facts = _run(seed, month)
    return {
        "resultat": result,
        "demandes": {k: OLAP_QUESTIONS[k][0] for k in requests},
        "annee": year,
        "segment": segment,
        "type_produit": product,
        "variables": {k: LEAK_CANDIDATES[k][0] for k in candidates},
        "mois_observation": month,
        "test": test.copy(),
        "faits": facts,
    }


def _olap_operations(answer: object, data: dict) -> Feedback:
    return check_mapping(
        answer,
        {k: OLAP_QUESTIONS[k][1:] for k in data["demandes"]},
        names=data["demandes"],
        what="le choix des opérations OLAP",
        allowed=("roll-up", "drill-down", "slice", "dice"),
        hint=(
            "roll-up : agréger (monter d’un niveau ou supprimer une dimension) ; drill-down : "
            "détailler ; slice : une valeur d’une dimension ; dice : plusieurs valeurs ou "
            "plusieurs dimensions filtrées."
        ),
    )


def segment_share(facts: pd.DataFrame, year: int, segment: str) -> float:
    """Share of ``year``'s revenue made by the ABC ``segment`` (``facts``: :func:`olap_facts`)."""
    in_year = facts[facts["year"] == year]
    return float(
        in_year.loc[in_year["segment"] == segment, "amount"].sum() / in_year["amount"].sum()
    )


def _segment_share(answer: object, data: dict) -> Feedback:
    year, segment = data["annee"], data["segment"]
    return check_number(
        answer,
        segment_share(data["faits"], year, segment),
        what=f"la part du CA {year} faite par le segment {segment}",
        hint=(
            "Tranche sur l’année, détail par segment : cube.slice('year', ...) puis "
            "drill_down('segment') ; divisez le CA du segment par le total de l’année."
        ),
        percent_hint=True,
    )


def best_basket_quarter(facts: pd.DataFrame, product_type: str) -> str:
    """The quarter with the largest average basket of ``product_type`` (``facts``: :func:`olap_facts`)."""
    cube = OlapCube(facts, dimensions=("quarter",))
    table = cube.slice("product_type", product_type).table()
    return str(table.loc[table["basket"].idxmax(), "quarter"])


def _best_quarter(answer: object, data: dict) -> Feedback:
    product_type = data["type_produit"]
    what = f"le trimestre où le panier moyen des produits {product_type}s est le plus élevé"
    if is_unanswered(answer):
        return Feedback.todo(what)
    expected = best_basket_quarter(data["faits"], product_type)
    if str(answer) == expected:
        return Feedback("correct", f"Bravo, {what} est juste : {expected}.")
    hint = (
        "Partez d’un cube par mois, remontez au trimestre (roll_up('month')), prenez la tranche "
        f"product_type = « {product_type} », puis la ligne du plus grand panier moyen (idxmax)."
    )
    quarters = set(data["faits"]["quarter"].astype(str))
    if str(answer) not in quarters:
        return Feedback(
            "incorrect",
            f"« {answer} » n’est pas un trimestre du cube : écrivez-le comme « 2025-T1 ».",
            hint=hint,
        )
    return Feedback(
        "incorrect",
        f"{what[:1].upper()}{what[1:]} n’est pas encore juste.",
        wrong=["Le panier moyen ne s’additionne pas : il se recalcule (CA / commandes)."],
        hint=hint,
    )


def _leaks(answer: object, data: dict) -> Feedback:
    expected = [k for k in data["variables"] if LEAK_CANDIDATES[k][1]]
    return check_set(
        answer,
        expected,
        what="la liste des variables qui trahissent l’avenir",
        hint=(
            "Une colonne de la table customers résume toute la simulation (ou s’arrête au départ "
            "du client) : elle contient des informations postérieures au mois d’observation."
        ),
        label="lettre",
    )


def top_decile_lift(test: pd.DataFrame) -> float:
    """Lift of the 10 % highest scores among the held-out customers."""
    return float(gains_table(test["score"], test["churned"])["lift"].iloc[0])


def _top_decile_lift(answer: object, data: dict) -> Feedback:
    return check_number(
        answer,
        top_decile_lift(data["test"]),
        what="le lift du premier décile",
        hint=(
            "Triez test par score décroissant, gardez les math.ceil(len(test) / 10) premiers (arrondi "
            "à l’entier supérieur), calculez leur taux de départ et divisez-le par le taux de "
            "départ de tout test."
        ),
        rel_tol=1e-6,
    )


def _calls(answer: object, data: dict) -> Feedback:
    """Check (churners reached by calling the top decile, churners expected at random)."""
    what = "le nombre de futurs partants joints, avec le modèle et au hasard"
    if is_unanswered(answer):
        return Feedback.todo(what)
    test = data["test"]
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
            "Donnez deux nombres : (avec_le_modele, au_hasard).",
            hint="Par exemple appels = (35, 15.2).",
        )
    ok = np.isclose(given, expected, rtol=1e-3, atol=0.05)
    right, wrong = [], []
    (right if ok[0] else wrong).append(
        "Le nombre de partants joints avec le modèle"
        + (" est juste." if ok[0] else " n’est pas juste.")
    )
    (right if ok[1] else wrong).append(
        "Le nombre attendu au hasard" + (" est juste." if ok[1] else " n’est pas juste.")
    )
    if ok.all():
        return Feedback("correct", f"Bravo, {what} est juste.", right=right)
    return Feedback(
        "incorrect",
        f"{what[:1].upper()}{what[1:]} n’est pas encore juste.",
        right,
        wrong,
        hint=(
            "Avec le modèle : les départs du premier décile. Au hasard : le même nombre de "
            "clients appelés multiplié par le taux de départ moyen de test."
        ),
    )


EXERCISE = Exercise(
    "02_outils_grc",
    make_data,
    (
        Question(
            "q1",
            "choix",
            _olap_operations,
            "demandez-vous si la demande agrège (roll-up), détaille (drill-down), ne garde "
            "qu’une valeur d’une dimension (slice) ou filtre plusieurs valeurs ou dimensions "
            "(dice).",
        ),
        Question(
            "q2",
            "part_segment",
            _segment_share,
            "table = cube...slice('year', annee).table().set_index('segment') ; "
            "table.loc[segment, 'revenue'] / table['revenue'].sum().",
        ),
        Question(
            "q3",
            "meilleur_trimestre",
            _best_quarter,
            "cube.roll_up('month').slice('product_type', type_produit).table(), puis la ligne "
            "de la colonne basket la plus grande (idxmax), colonne quarter.",
        ),
        Question(
            "q4",
            "fuites",
            _leaks,
            "pour chaque lettre, demandez-vous si l’entreprise connaissait déjà la valeur à la "
            "fin du mois d’observation : les colonnes de customers sont lues à la fin de la "
            "simulation.",
        ),
        Question(
            "q5",
            "lift_1",
            _top_decile_lift,
            "tries = test.sort_values('score', ascending=False) ; "
            "premiers = tries.head(math.ceil(len(test) / 10)) ; "
            "premiers['churned'].mean() / test['churned'].mean().",
        ),
        Question(
            "q6",
            "appels",
            _calls,
            "avec le modèle : premiers['churned'].sum() ; au hasard : len(premiers) × "
            "test['churned'].mean().",
        ),
        Question(
            "q7",
            "reponse-q7",
            checklist=(
                "un modèle jugé sur ses données d’apprentissage paraît meilleur qu’il n’est "
                "(apprentissage par cœur)",
                "l’entreprise l’appliquera à des clients dont elle ignore l’avenir",
                "seuls des clients mis de côté donnent une mesure honnête du lift promis",
            ),
            points=2,
        ),
    ),
)
