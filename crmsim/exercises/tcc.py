"""Exercise 6, the TCC and the RADAR matrix: variant data and answer checks.

Data (:func:`make_data`): ``ventes`` (firm A to D, customer λ ξ μ η Σ, sales in millions
of MAD: the course table ``tcc_sales`` in the course's version, multiples of 5 between 5
and 80 otherwise) and ``ventes_fournisseurs`` (:func:`simulated_supplier_sales`: the
``supplier_sales`` table of a small two-year run of the ``cours`` preset, seed
:data:`COURSE_SEED` in the course's version; a variant draws its size and seed after the
course table's draws, so that ``ventes`` never changes).

Examples
--------
>>> from crmsim.exercises import tcc
>>> tcc.EXERCISE.start("cours").check("q2", ["ξ", "μ"]).ok
True
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from crmsim import datasets
from crmsim.analysis.tcc import RADAR_STRATEGIES, radar, tcc
from crmsim.analysis.wallet import supplier_sales_for_tcc
from crmsim.exercises._checks import check_choice, check_number, check_sequence, check_set
from crmsim.exercises._feedback import Feedback, is_unanswered
from crmsim.exercises.variants import Exercise, Question
from crmsim.labels import FIRM

__all__ = ["COURSE_SEED", "CUSTOMERS", "EXERCISE", "make_data", "simulated_supplier_sales"]

#: The course's customers, in the order of its table.
CUSTOMERS = ("λ", "ξ", "μ", "η", "Σ")
FIRMS = ("A", "B", "C", "D")
#: Seed of the simulated supplier sales in the course's version (the lesson uses another).
COURSE_SEED = 2027


def simulated_supplier_sales(customers: int, seed: int) -> pd.DataFrame:
    """Two years of a small simulated base: each customer's purchases from each supplier.

    Columns
    -------
    customer_id : int
    year : int
        1 or 2.
    supplier : str
        « Entreprise » (the simulated firm) or one of its three competitors.
    status : str
        client, client perdu or prospect (for the firm, at the end of the year).
    sales_mad : float
        The customer's purchases from the supplier in the year (MAD).

    Examples
    --------
    >>> ventes = simulated_supplier_sales(50, seed=1)
    >>> sorted(ventes["year"].unique().tolist()), ventes["supplier"].nunique()
    ([1, 2], 4)
    """
    from crmsim import simulate, small_portfolio  # the model is only needed to draw the data

    scenario = small_portfolio("cours", customers=customers, months=24)
    return simulate(scenario, seed=seed, transactions=False).supplier_sales


def make_data(rng: np.random.Generator | None) -> dict:
    """The exercise's table: the course's (``rng=None``) or a seeded variant."""
    if rng is None:
        return {
            "ventes": datasets.load("tcc_sales"),
            "ventes_fournisseurs": simulated_supplier_sales(150, COURSE_SEED),
        }
    rows = [(f, c, float(5 * rng.integers(1, 17))) for f in FIRMS for c in CUSTOMERS]
    ventes = pd.DataFrame(rows, columns=["firm", "customer", "sales"])
    simulated = simulated_supplier_sales(int(rng.integers(100, 201)), int(rng.integers(2**31)))
    return {"ventes": ventes, "ventes_fournisseurs": simulated}


def _tccs(data: dict) -> dict[str, float]:
    table = tcc(data["ventes"], firm="A")
    return dict(zip(table["customer"], table["tcc"], strict=True))


def _tcc_a(answer: object, data: dict) -> Feedback:
    tccs = _tccs(data)
    return check_sequence(
        answer,
        [tccs[c] for c in CUSTOMERS],
        what="la suite des cinq TCC de A",
        hint="Pour chaque client, ventes de A divisées par le total des ventes de toutes les "
        "entreprises chez ce client ; des parts entre 0 et 1.",
    )


def _high_value(answer: object, data: dict) -> Feedback:
    tccs = _tccs(data)
    return check_set(
        answer,
        [c for c in CUSTOMERS if tccs[c] >= 0.25],
        what="la liste des clients à forte valeur pour A",
        hint="Comparez chaque TCC de A au seuil de 25 % ; un TCC égal au seuil compte comme fort.",
        label="client",
    )


def _priority(answer: object, data: dict) -> Feedback:
    table = data["ventes"].pivot_table(
        index="firm", columns="customer", values="sales", aggfunc="sum"
    )
    gain = {c: 0.25 * table[c].sum() - table.loc["A", c] for c in CUSTOMERS}
    below = {c: g for c, g in gain.items() if g > 0}
    expected = max(below, key=below.get) if below else "aucun"
    return check_choice(
        answer,
        expected,
        [*CUSTOMERS, "aucun"],
        what="le client où atteindre le seuil rapporte le plus",
        hint="Ne comparez pas les TCC : chiffrez, pour chaque client sous le seuil, les ventes "
        "supplémentaires qu’il faudrait à A pour y atteindre 25 %.",
    )


def _radar(answer: object, data: dict) -> Feedback:
    what = "l’affectation RADAR des clients de A"
    hint = (
        "Relisez la règle de la leçon : TCC sous le seuil -> Développer (sans historique), "
        "au-dessus -> Retenir si le potentiel du client atteint la médiane des potentiels, "
        "sinon Accompagner."
    )
    if is_unanswered(answer):
        return Feedback.todo(what)
    if not isinstance(answer, Mapping):
        return Feedback(
            "incorrect",
            "La réponse doit être un dictionnaire client -> stratégie, par exemple "
            "{'λ': 'Développer', 'ξ': 'Retenir', ...}.",
            hint=hint,
        )
    table = radar(data["ventes"], firm="A")
    expected = dict(zip(table["customer"], table["strategy"], strict=True))
    known = set(RADAR_STRATEGIES)
    unknown = sorted({str(v) for v in answer.values() if v not in known})
    right = [c for c in expected if answer.get(c) == expected[c]]
    missing = [c for c in expected if c not in answer]
    wrong = []
    if unknown:
        wrong.append(
            f"Stratégie(s) inconnue(s) : {', '.join(unknown)} (attendu : une de "
            f"{', '.join(RADAR_STRATEGIES)})."
        )
    if missing:
        wrong.append(f"Il manque {len(missing)} client(s).")
    extra = [c for c in answer if c not in expected]
    if extra:
        wrong.append(f"{len(extra)} client(s) inconnu(s) : {', '.join(map(str, extra))}.")
    n_bad = len(expected) - len(right) - len(missing)
    if n_bad:
        wrong.append(f"{n_bad} client(s) mal placé(s).")
    if not wrong:
        return Feedback("correct", f"Bravo, c’est juste : {what}.")
    return Feedback(
        "incorrect",
        "Pas encore juste : l’affectation RADAR des clients de A.",
        right=[f"{len(right)} client(s) sur {len(expected)} bien placé(s)."] if right else [],
        wrong=wrong,
        hint=hint,
    )


def _reactivate(answer: object, data: dict) -> Feedback:
    sales = data["ventes_fournisseurs"]
    matrix = radar(
        supplier_sales_for_tcc(sales, 2),
        firm=FIRM,
        previous_sales=supplier_sales_for_tcc(sales, 1),
    )
    return check_number(
        answer,
        int((matrix["strategy"] == "Réactiver").sum()),
        what="le nombre de clients simulés à réactiver",
        hint="La matrice RADAR de l’année 2, avec l’année 1 comme période précédente : sans "
        "elle, « Réactiver » ne peut pas apparaître. Comptez ensuite les lignes « Réactiver ».",
        rel_tol=0.0,
    )


EXERCISE = Exercise(
    "08_tcc_radar",
    make_data,
    (
        Question(
            "q1",
            "tcc_a",
            _tcc_a,
            "tableau = cs.sales_table(ventes) ; tableau.loc['A', clients] / "
            "tableau.loc['Total', clients], avec clients = ['λ', 'ξ', 'μ', 'η', 'Σ'].",
        ),
        Question(
            "q2",
            "forte_valeur",
            _high_value,
            "gardez les clients dont le TCC de la question 1 est >= 0.25 ; écrivez-les comme "
            "dans le tableau : 'λ', 'ξ', 'μ', 'η', 'Σ'.",
        ),
        Question(
            "q3",
            "strategies",
            _radar,
            "matrice = cs.radar(ventes, firm='A') ; "
            "matrice.set_index('customer')['strategy'].to_dict().",
        ),
        Question(
            "q4",
            "client_prioritaire",
            _priority,
            "pour chaque client : 0.25 × ligne Total − ligne A du tableau ; gardez les "
            "valeurs positives et prenez la plus grande ('aucun' s’il n’y en a pas).",
        ),
        Question(
            "q5",
            "reponse-q5",
            checklist=(
                "dit que la règle d’affectation RADAR n’est pas donnée par le cours (choix à expliciter)",
                "chiffre le gain au seuil chez le client prioritaire et le compare à un autre client",
                "anticipe la réaction du concurrent principal chez ce client",
            ),
            points=2,
        ),
        Question(
            "q6",
            "n_reactiver",
            _reactivate,
            "an1 = cs.supplier_sales_for_tcc(ventes_fournisseurs, 1), an2 de même avec 2 ; "
            "cs.radar(an2, firm='Entreprise', previous_sales=an1) ; comptez les lignes dont "
            "strategy vaut 'Réactiver'.",
        ),
    ),
)
