"""Exercise 15, every portfolio method on one simulated base: variant data and answer checks.

Data (:func:`make_data`): a simulated B2B base (preset ``industriel`` over 36 months, the
course's version with seed :data:`COURSE_SEED` and 200 accounts at the start, a variant
with its own seed and 150 to 300 accounts):

* ``clients`` -- the firm's customers of year 3 and their revenue that year (customer_id,
  revenue in MAD; :func:`crmsim.portfolio_revenue`);
* ``ventes``, ``ventes_avant`` -- the sales of the firm (« Entreprise ») and of its three
  competitors at every customer and prospect in years 3 and 2, in the long format of the
  course's TCC table (firm, customer, sales in MAD);
* ``comptes`` -- the accounts' notes 1-5 on both scoring grids and their revenue
  (:attr:`crmsim.SimulationResult.accounts`), ``criteres`` -- the course's two grids;
* ``client_tcc``, ``client_radar``, ``compte_scoring`` -- the customers asked about.

Examples
--------
>>> from crmsim.exercises import portefeuille_simule as ps
>>> exo = ps.EXERCISE.start("cours")
>>> exo.check("q4", "Bof").status
'incorrect'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim import datasets
from crmsim.analysis import (
    abc_summary,
    account_positioning,
    pareto_summary,
    radar,
    supplier_sales_for_tcc,
)
from crmsim.analysis.scoring import POSITIONING_STRATEGIES
from crmsim.analysis.tcc import RADAR_STRATEGIES
from crmsim.exercises._checks import check_choice, check_number
from crmsim.exercises._feedback import Feedback
from crmsim.exercises.variants import Exercise, Question
from crmsim.labels import FIRM
from crmsim.model import simulate
from crmsim.portfolio_sim import small_portfolio
from crmsim.portfolio_views import portfolio_revenue

__all__ = ["COURSE_SEED", "EXERCISE", "make_data"]

#: Seed of the course's version (the lesson uses another one).
COURSE_SEED = 15


def _pick(rng: np.random.Generator, labels: pd.Series) -> int:
    """A row position: first a label drawn uniformly, then a row with that label."""
    values = labels.to_numpy()
    chosen = rng.choice(sorted(set(values)))
    return int(rng.choice(np.flatnonzero(values == chosen)))


def make_data(rng: np.random.Generator | None) -> dict:
    """The exercise's tables: the course's (``rng=None``) or a seeded variant."""
    if rng is None:
        seed, size = COURSE_SEED, 200
    else:
        seed, size = int(rng.integers(2**31 - 1)), 50 * int(rng.integers(3, 7))
    run = simulate(small_portfolio("industriel", customers=size, months=36), seed=seed)
    ventes = supplier_sales_for_tcc(run.supplier_sales, 3)
    avant = supplier_sales_for_tcc(run.supplier_sales, 2)
    clients = portfolio_revenue(run, 3)
    comptes = run.accounts
    criteres = datasets.load("scoring_criteria")
    chooser = rng if rng is not None else np.random.default_rng(COURSE_SEED)
    strategies = radar(ventes, firm=FIRM, previous_sales=avant)
    quadrants = account_positioning(comptes, criteres)
    return {
        "clients": clients,
        "ventes": ventes,
        "ventes_avant": avant,
        "comptes": comptes,
        "criteres": criteres,
        "client_tcc": int(chooser.choice(clients["customer_id"].to_numpy())),
        "client_radar": int(strategies["customer"].iloc[_pick(chooser, strategies["strategy"])]),
        "compte_scoring": int(quadrants["customer_id"].iloc[_pick(chooser, quadrants["strategy"])]),
    }


def _head_share(answer: object, data: dict) -> Feedback:
    expected = pareto_summary(data["clients"], targets=[0.8])["customers_share"].iloc[0]
    return check_number(
        answer,
        float(expected),
        what="la part des clients de l’année dans la tête de Pareto",
        hint="Classez les clients par CA décroissant et comptez le plus petit nombre qui "
        "atteint 80 % du CA ; divisez par le nombre de clients : une part entre 0 et 1.",
        percent_hint=True,
    )


def _class_a_share(answer: object, data: dict) -> Feedback:
    summary = abc_summary(data["clients"]).set_index("abc_class")
    return check_number(
        answer,
        float(summary.loc["A", "share_revenue"]),
        what="la part du CA faite par la classe A",
        hint="La classe A, ce sont les 10 % de clients au plus gros CA : additionnez leur CA "
        "et divisez par le CA total de l’année.",
        percent_hint=True,
    )


def _tcc(answer: object, data: dict) -> Feedback:
    sales = data["ventes"]
    at = sales[sales["customer"] == data["client_tcc"]]
    expected = at.loc[at["firm"] == FIRM, "sales"].sum() / at["sales"].sum()
    return check_number(
        answer,
        float(expected),
        what="le TCC de l’entreprise chez ce client",
        hint="Le TCC divise les ventes de l’entreprise chez le client par TOUS ses achats "
        "de l’année, ceux des concurrents compris.",
        percent_hint=True,
    )


def _radar(answer: object, data: dict) -> Feedback:
    table = radar(data["ventes"], firm=FIRM, previous_sales=data["ventes_avant"])
    mine = table["customer"].astype(str) == str(data["client_radar"])  # ids shown as text
    expected = table.loc[mine, "strategy"].iloc[0]
    return check_choice(
        answer,
        str(expected),
        list(RADAR_STRATEGIES),
        what="la stratégie RADAR de ce client",
        hint="Comparez son TCC de l’année 3 au seuil (un quart avec quatre fournisseurs) et à "
        "son TCC de l’année 2 ; au-dessus du seuil, comparez son potentiel à la médiane.",
    )


def _quadrant(answer: object, data: dict) -> Feedback:
    table = account_positioning(data["comptes"], data["criteres"]).set_index("customer_id")
    expected = table.loc[data["compte_scoring"], "strategy"]
    return check_choice(
        answer,
        str(expected),
        list(POSITIONING_STRATEGIES.values()),
        what="la stratégie de la grille de scoring pour ce compte",
        hint="Calculez ses deux notes pondérées (potentiel, performances) et comparez chacune "
        "à la moyenne de tous les comptes.",
    )


EXERCISE = Exercise(
    "15_portefeuille_simule",
    make_data,
    (
        Question(
            "q1",
            "part_tete",
            _head_share,
            "cs.pareto_summary(clients, targets=[0.8]) : colonne customers_share.",
        ),
        Question(
            "q2",
            "part_ca_classe_a",
            _class_a_share,
            "cs.abc_summary(clients) : ligne de la classe A, colonne share_revenue.",
        ),
        Question(
            "q3",
            "tcc_client",
            _tcc,
            "gardez les lignes de ventes où customer == client_tcc ; ventes de « Entreprise » "
            "divisées par la somme de toutes les ventes de ces lignes.",
        ),
        Question(
            "q4",
            "strategie_client",
            _radar,
            "matrice = cs.radar(ventes, firm='Entreprise', previous_sales=ventes_avant) ; "
            "cs.radar écrit les numéros en texte : matrice.set_index('customer')"
            ".loc[str(client_radar), 'strategy'].",
        ),
        Question(
            "q5",
            "strategie_compte",
            _quadrant,
            "grille = cs.account_positioning(comptes, criteres) ; "
            "grille.set_index('customer_id').loc[compte_scoring, 'strategy'].",
        ),
        Question(
            "q6",
            "reponse-q6",
            checklist=(
                "compare, chiffres de sa variante à l’appui, la tête de Pareto aux clients "
                "« Retenir » de RADAR ou aux clients clés du scoring",
                "explique la différence par ce que mesure chaque méthode (taille du CA, part "
                "de portefeuille, potentiel et performances)",
                "en tire une action : par exemple développer un gros client où le TCC est faible",
            ),
            points=2,
        ),
    ),
)
