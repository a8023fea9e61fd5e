"""Exercise 4, multi-criteria scoring grids: variant data and answer checks.

Data (:func:`make_data`): ``criteres`` (the course's grids ``scoring_criteria``, the same
in every variant: they are the method), ``fiches`` (customer_id A to E, revenue in MAD
and one 1-5 note per criterion: ``scoring_notes`` in the course's version) and
``positions`` (customer_id, potential, performance: the course's ``scoring_clients``).
Variants draw the notes, revenues and positions; client C's equipment-rate note stays at
most 3 so that question 5 has something to change.

Examples
--------
>>> from crmsim.exercises import scoring
>>> scoring.EXERCISE.start("cours").check("q3", ["A", "B"]).ok
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim import datasets
from crmsim.analysis.scoring import bubble_diameter, scoring_grid, scoring_positioning
from crmsim.analysis.wallet import account_positioning
from crmsim.exercises._checks import check_choice, check_number, check_sequence, check_set
from crmsim.exercises._feedback import Feedback
from crmsim.exercises.variants import Exercise, Question

__all__ = ["COURSE_SEED", "EXERCISE", "make_data", "simulated_accounts"]

CUSTOMERS = ("A", "B", "C", "D", "E")
#: Seed of the simulated accounts in the course's version (the lesson uses another one).
COURSE_SEED = 2026


def simulated_accounts(seed: int) -> pd.DataFrame:
    """The scored accounts of a run of the B2B preset ``industriel`` (about 300 accounts).

    Columns
    -------
    customer_id : int
    revenue : float
        The firm's sales to the account in the last year of the run (MAD).
    attractivite_secteur, niveau_technologie, ca_client, frequence_achat_12m,
    type_marche_derive, ventes_realisees, anciennete_portefeuille, taux_equipement,
    capacite_production, difficulte_conditions : int
        The notes (1-5) of the two grids of ``datasets/scoring_criteria.csv``.

    Examples
    --------
    >>> comptes = simulated_accounts(1)
    >>> comptes.columns[:2].tolist(), bool(comptes["ca_client"].between(1, 5).all())
    (['customer_id', 'revenue'], True)
    """
    from crmsim import simulate  # the model is only needed to draw the data

    return simulate("industriel", seed=seed).accounts


def make_data(rng: np.random.Generator | None) -> dict:
    """The exercise's tables: the course's (``rng=None``) or a seeded variant."""
    criteres = datasets.load("scoring_criteria")
    if rng is None:
        return {
            "criteres": criteres,
            "fiches": datasets.load("scoring_notes"),
            "positions": datasets.load("scoring_clients"),
            "comptes": simulated_accounts(COURSE_SEED),
        }
    fiches = pd.DataFrame({"customer_id": list(CUSTOMERS)})
    fiches["revenue"] = rng.integers(4, 40, len(CUSTOMERS)) * 10_000
    for criterion in criteres["criterion_id"]:
        fiches[criterion] = rng.integers(1, 6, len(CUSTOMERS))
    fiches.loc[fiches["customer_id"] == "C", "taux_equipement"] = int(rng.integers(1, 4))
    positions = pd.DataFrame(
        {
            "customer_id": list(CUSTOMERS),
            "potential": rng.integers(1, 6, len(CUSTOMERS)),
            "performance": rng.integers(1, 6, len(CUSTOMERS)),
        }
    )
    comptes = simulated_accounts(int(rng.integers(2**31)))  # drawn after the other tables
    return {"criteres": criteres, "fiches": fiches, "positions": positions, "comptes": comptes}


def _scores(data: dict, grid: str, notes: pd.DataFrame | None = None) -> pd.Series:
    notes = data["fiches"].drop(columns=["revenue"]) if notes is None else notes
    table = scoring_grid(notes, data["criteres"], grid=grid)
    return table.set_index("customer_id")["score"]


def _after(data: dict) -> pd.DataFrame:
    notes = data["fiches"].drop(columns=["revenue"])
    notes.loc[notes["customer_id"] == "C", "taux_equipement"] = 5
    return notes


def _potential_c(answer: object, data: dict) -> Feedback:
    return check_number(
        answer,
        float(_scores(data, "potentiel")["C"]),
        what="le score de potentiel du client C",
        hint="Σ (coefficient × note) / Σ coefficients, sur les critères de la grille potentiel.",
    )


def _performance(answer: object, data: dict) -> Feedback:
    return check_sequence(
        answer,
        _scores(data, "performance"),
        what="la suite des scores de performances des clients A à E",
        hint="Une moyenne pondérée par client, entre 1 et 5, sur la grille performance.",
    )


def _key(answer: object, data: dict) -> Feedback:
    pos = scoring_positioning(data["positions"])
    key = (pos["potential_level"] == "fort") & (pos["performance_level"] == "fort")
    return check_set(
        answer,
        pos.loc[key, "customer_id"].tolist(),
        what="la liste des clients clés",
        hint="Comparez chaque score à la moyenne des cinq clients sur le même axe.",
        label="client",
    )


def _bubble(answer: object, data: dict) -> Feedback:
    fiches = data["fiches"]
    share_pct = 100 * fiches["revenue"] / fiches["revenue"].sum()
    return check_number(
        answer,
        float(bubble_diameter(share_pct[fiches["customer_id"] == "A"])[0]),
        what="le diamètre de la bulle du client A",
        hint="n est la part du CA de A en pourcentage ; d = ½ √n.",
    )


def _after_equipment(answer: object, data: dict) -> Feedback:
    return check_number(
        answer,
        float(_scores(data, "performance", _after(data))["C"]),
        what="le nouveau score de performances du client C",
        hint="Une seule note change : refaites la moyenne pondérée de C avec la nouvelle note.",
    )


def _c_key_after(answer: object, data: dict) -> Feedback:
    potential = _scores(data, "potentiel")
    performance = _scores(data, "performance", _after(data))
    key = potential["C"] >= potential.mean() and performance["C"] >= performance.mean()
    return check_choice(
        answer,
        "oui" if key else "non",
        ["oui", "non"],
        what="la position de C après le changement",
        hint="Recalculez les deux moyennes avec les nouveaux scores (celle des performances "
        "bouge aussi), puis placez C par rapport à elles.",
    )


def _key_accounts_share(answer: object, data: dict) -> Feedback:
    pos = account_positioning(data["comptes"], data["criteres"])
    key = (pos["potential_level"] == "fort") & (pos["performance_level"] == "fort")
    return check_number(
        answer,
        float(pos.loc[key, "share_revenue_pct"].sum() / 100),
        what="la part du CA réalisée avec les comptes clés simulés",
        hint="Placez tous les comptes avec les deux grilles (cs.account_positioning), gardez "
        "ceux qui sont au moins à la moyenne sur les deux axes, puis additionnez leurs parts "
        "du CA.",
        percent_hint=True,
    )


EXERCISE = Exercise(
    "06_scoring",
    make_data,
    (
        Question(
            "q1",
            "potentiel_c",
            _potential_c,
            "grille = criteres[criteres['grid'] == 'potentiel'] ; prenez les notes de C dans "
            "les colonnes grille['criterion_id'] et les poids dans grille['coefficient'].",
        ),
        Question(
            "q2",
            "scores_perf",
            _performance,
            "cs.scoring_grid(notes, criteres, grid='performance')['score'], avec notes = "
            "fiches sans la colonne revenue.",
        ),
        Question(
            "q3",
            "cles",
            _key,
            "colonnes potential et performance de positions, chacune comparée (>=) à sa "
            ".mean() ; combinez avec &.",
        ),
        Question(
            "q4",
            "diametre_a",
            _bubble,
            "n = 100 × CA de A / CA total (16 pour 16 %, pas 0,16), puis 0.5 * np.sqrt(n).",
        ),
        Question(
            "q5",
            "perf_c_apres",
            _after_equipment,
            "copiez notes, mettez 5 dans la colonne taux_equipement de la ligne C, puis "
            "cs.scoring_grid(..., grid='performance').",
        ),
        Question(
            "q6",
            "c_cle_apres",
            _c_key_after,
            "scores de potentiel (grille potentiel, notes inchangées) et de performances "
            "(grille performance, notes modifiées) ; C est clé s’il atteint la moyenne des "
            "cinq clients sur les deux axes.",
        ),
        Question(
            "q7",
            "reponse-q7",
            checklist=(
                "chiffre l’effet du critère : (5 − ancienne note) × 3 / 10 point",
                "note que la moyenne des performances bouge aussi",
                "conclut sur le poids des coefficients et la fragilité d’un classement aux moyennes",
            ),
            points=2,
        ),
        Question(
            "q8",
            "part_ca_cles",
            _key_accounts_share,
            "position = cs.account_positioning(comptes, criteres) ; lignes où potential_level "
            "et performance_level valent toutes deux « fort » ; somme de share_revenue_pct, "
            "divisée par 100 (une part entre 0 et 1).",
        ),
    ),
)
