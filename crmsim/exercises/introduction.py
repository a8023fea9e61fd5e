"""Exercise of the introduction, why customer relationship management: data and checks.

Data (:func:`make_data`): ``mensuel`` and ``campagnes`` (the ``monthly`` and
``campaigns`` tables of a price-war simulation, 3 000 customers over 36 months, the
competitor cutting its prices in month 12), ``pratiques`` (six practices to classify,
``{lettre: texte}`` drawn from :data:`PRACTICES`), ``marges`` (a new customer's net
margin by year of tenure, MAD), ``retention``, ``cout_acquisition`` (MAD),
``actualisation`` and ``affirmations`` (three true/false statements, ``{lettre: texte}``
drawn from :data:`STATEMENTS`). The course's version: seed 7, practices a to f,
statements A, B and D, margins from 1 800 MAD, retention 86 %, acquisition 500 MAD; a
student's variant draws all of them. Every expected answer is recomputed from the data.

Examples
--------
>>> exo = EXERCISE.start("cours")
>>> list(exo["pratiques"])
['a', 'b', 'c', 'd', 'e', 'f']
>>> exo.check("q7", {"A": False, "B": True, "D": False}).ok
True
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from crmsim.analysis import retention_leverage, tenure_margins
from crmsim.exercises._checks import check_number
from crmsim.exercises._feedback import Feedback, is_unanswered
from crmsim.exercises.variants import Exercise, Question

__all__ = [
    "EXERCISE",
    "PRACTICES",
    "STATEMENTS",
    "acquisition_ratio",
    "check_mapping",
    "exercise_data",
    "make_data",
    "yearly_churn",
]

#: Practices to classify: letter -> (practice, expected logic, why).
PRACTICES: dict[str, tuple[str, str, str]] = {
    "a": (
        "spot télévisé annonçant −30 % ce week-end",
        "transactionnel",
        "un message de masse qui vise un achat immédiat",
    ),
    "b": (
        "appel du conseiller au client qui vient de réclamer",
        "relationnel",
        "un contact individuel et interactif, pour garder le client",
    ),
    "c": (
        "publipostage nominatif pour l’anniversaire d’adhésion",
        "relationnel",
        "un message personnalisé qui entretient une attitude favorable",
    ),
    "d": (
        "bon de réduction distribué à tous les passants",
        "transactionnel",
        "une promotion anonyme, sans suite",
    ),
    "e": (
        "suivi de la part des achats du client faite chez nous (taux de nourriture)",
        "relationnel",
        "un indicateur qui raisonne client par client et dans la durée",
    ),
    "f": (
        "objectif de part de marché du trimestre",
        "transactionnel",
        "un indicateur de volume, qui ne dit pas quels clients partent ou arrivent",
    ),
    "g": (
        "offres du programme de fidélité choisies d’après l’historique d’achat du client",
        "relationnel",
        "une offre qui s’appuie sur la connaissance de chaque client",
    ),
    "h": (
        "affiches dans le métro pour le lancement d’un produit",
        "transactionnel",
        "une communication de masse, sans client identifié",
    ),
    "i": (
        "rappel des clients qui se disent mécontents dans le questionnaire de satisfaction",
        "relationnel",
        "un dialogue individuel qui cherche à réparer la relation",
    ),
    "j": (
        "vente flash annoncée à la radio pour le premier jour des soldes",
        "transactionnel",
        "une promotion ponctuelle adressée à tous, pour un achat immédiat",
    ),
}

#: True/false statements on the retention leverage: letter -> (text, truth, what to reread).
STATEMENTS: dict[str, tuple[str, bool, str]] = {
    "A": (
        "Si l’entreprise gagne 5 points de rétention, son bénéfice de l’année prochaine "
        "augmente du pourcentage trouvé à la question 6.",
        False,
        "relisez ce que calcule retention_leverage : la valeur d’UN client, actualisée sur "
        "toute sa durée de vie, pas le bénéfice d’une année.",
    ),
    "B": (
        "La hausse de la question 6 porte sur la valeur actuelle d’un nouveau client, sur "
        "toute sa durée de vie.",
        True,
        "regardez la colonne present_value du tableau de retention_leverage : que somme-t-elle ?",
    ),
    "C": (
        "À rétention égale, un coût d’acquisition plus élevé rend la valeur nette d’un "
        "nouveau client plus faible.",
        True,
        "la valeur nette retranche le coût d’acquisition de la somme des marges actualisées.",
    ),
    "D": (
        "Cinq points de rétention en plus ont le même effet relatif, que la rétention de "
        "départ soit de 70 % ou de 90 %.",
        False,
        "comparez la durée de vie moyenne 1 / (1 − r) pour r = 0,70 puis 0,75, et pour "
        "r = 0,90 puis 0,95.",
    ),
    "E": (
        "Le taux d’actualisation réduit le poids des marges des années lointaines dans la "
        "valeur d’un client.",
        True,
        "une marge de l’année t est divisée par (1 + taux) puissance t.",
    ),
    "F": (
        "Les hausses de bénéfice de +25 % à +85 % de Reichheld et Sasser valent "
        "pour toutes les entreprises, quel que soit leur secteur.",
        False,
        "ces chiffres viennent d’études de quelques secteurs ; le calcul dépend des marges "
        "et de la rétention de chaque entreprise.",
    ),
}


def exercise_data(seed: int = 7):
    """The simulated portfolio of the exercise: price war preset, 3 000 customers, 36 months.

    Parameters
    ----------
    seed : int, default 7
        Seed of the simulation (the course's version; one per student variant).

    Returns
    -------
    crmsim.SimulationResult
    """
    from crmsim import simulate, small_portfolio  # the model is only needed to draw the data

    scenario = small_portfolio("guerre_des_prix", customers=3_000, months=36)
    return simulate(scenario, seed=seed, transactions=False)


def make_data(rng: np.random.Generator | None) -> dict:
    """The exercise's data: the course's (``rng=None``) or a seeded variant."""
    if rng is None:
        seed, first, retention, acquisition = 7, 1_800, 0.86, 500
        practices, statements = list("abcdef"), ["A", "B", "D"]
    else:
        seed = int(rng.integers(2**31))
        first = int(rng.integers(14, 23)) * 100
        retention = round(float(rng.uniform(0.78, 0.9)), 2)
        acquisition = int(rng.integers(6, 17)) * 50
        practices = [str(k) for k in rng.choice(sorted(PRACTICES), size=6, replace=False)]
        statements = sorted(str(k) for k in rng.choice(sorted(STATEMENTS), 3, replace=False))
    result = exercise_data(seed)
    margins = tenure_margins(
        first, 10, spend_growth=0.06, growth_cap_years=5, cost_to_serve=300, cost_decline=0.08
    )
    return {
        "mensuel": result.monthly,
        "campagnes": result.campaigns,
        "pratiques": {k: PRACTICES[k][0] for k in practices},
        "marges": margins,
        "retention": retention,
        "cout_acquisition": acquisition,
        "actualisation": 0.10,
        "affirmations": {k: STATEMENTS[k][0] for k in statements},
    }


def _year_rows(monthly: pd.DataFrame, year: int) -> pd.DataFrame:
    rows = monthly[(monthly["month"] >= 12 * (year - 1)) & (monthly["month"] < 12 * year)]
    if len(rows) != 12:
        raise ValueError(f"l’année {year} n’est pas entière dans monthly ({len(rows)} mois).")
    return rows


def yearly_churn(monthly: pd.DataFrame, year: int = 2) -> float:
    """Customers lost during ``year`` divided by the customers at its start."""
    rows = _year_rows(monthly, year)
    return float(rows["churned"].sum() / rows["active_start"].iloc[0])


def _yearly_churn(answer: object, data: dict, year: int = 2) -> Feedback:
    """Check the yearly attrition rate of ``year`` (months 12 (year-1) .. 12 year - 1)."""
    return check_number(
        answer,
        yearly_churn(data["mensuel"], year),
        what=f"le taux d’attrition de l’année {year}",
        hint=(
            "Additionnez la colonne churned sur les douze mois de l’année, puis divisez par "
            "active_start du premier mois de l’année : une part entre 0 et 1."
        ),
        percent_hint=True,
    )


def acquisition_ratio(campaigns: pd.DataFrame, monthly: pd.DataFrame, year: int = 2) -> float:
    """Acquisition cost per recruited customer / yearly retention spending per customer."""
    rows = _year_rows(monthly, year)
    months = set(rows["month"])
    camp = campaigns[campaigns["month"].isin(months)]
    acquisition = camp["cost"].sum() / camp["orders"].sum()
    retention = rows["retention_spend"].sum() / rows["active_start"].mean()
    return float(acquisition / retention)


def _acquisition_ratio(answer: object, data: dict, year: int = 2) -> Feedback:
    """Check the ratio of acquisition cost to yearly retention cost, per customer."""
    return check_number(
        answer,
        acquisition_ratio(data["campagnes"], data["mensuel"], year),
        what="le rapport entre coût d’acquisition et coût annuel de fidélisation",
        hint=(
            "Coût d’acquisition = somme des cost / somme des orders des campagnes de l’année ; "
            "coût annuel de fidélisation = somme des retention_spend de l’année / moyenne des "
            "active_start ; puis le premier divisé par le second."
        ),
        rel_tol=1e-3,
    )


def check_mapping(
    answer: object,
    expected: Mapping[str, tuple[str, str]],
    *,
    what: str,
    allowed: tuple[str, ...],
    hint: str,
    names: Mapping[str, str] | None = None,
) -> Feedback:
    """Check a dict key -> label (or a list of labels in the keys' order), saying why.

    ``names`` (key -> text shown to the student) names the wrong items in the feedback.
    """
    names = names or {}
    if is_unanswered(answer):
        return Feedback.todo(what)
    if isinstance(answer, (list, tuple)):
        if len(answer) != len(expected):
            return Feedback(
                "incorrect",
                f"La liste doit contenir {len(expected)} réponses, une par élément, reçu "
                f"{len(answer)}.",
                hint=hint,
            )
        answer = dict(zip(expected, answer, strict=True))
    if not isinstance(answer, Mapping):
        return Feedback(
            "incorrect", "La réponse doit être un dictionnaire {élément : réponse}.", hint=hint
        )
    missing = [k for k in expected if k not in answer]
    if missing:
        return Feedback(
            "incorrect",
            f"Il manque {len(missing)} élément(s), par exemple « {missing[0]} ».",
            hint=hint,
        )
    bad_labels = sorted({str(v) for v in answer.values() if v not in allowed})
    if bad_labels:
        shown = ", ".join(f"« {a} »" for a in allowed)
        return Feedback(
            "incorrect",
            f"Réponse(s) inconnue(s) : {', '.join(bad_labels)}. Réponses possibles : {shown}.",
            hint=hint,
        )
    wrong = [
        f"« {k}) {names[k]} » : pas « {answer[k]} », car c’est {why}."
        if k in names
        else f"« {k} » : pas « {answer[k]} », car c’est {why}."
        for k, (label, why) in expected.items()
        if answer[k] != label
    ]
    right = [f"{len(expected) - len(wrong)} réponse(s) juste(s) sur {len(expected)}."]
    if not wrong:
        return Feedback("correct", f"Bravo, {what} est juste.", right=right)
    return Feedback(
        "incorrect", f"{what[:1].upper()}{what[1:]} n’est pas encore juste.", right, wrong, hint
    )


def _practices(answer: object, data: dict) -> Feedback:
    return check_mapping(
        answer,
        {k: PRACTICES[k][1:] for k in data["pratiques"]},
        names=data["pratiques"],
        what="le classement des pratiques",
        allowed=("transactionnel", "relationnel"),
        hint=(
            "Relationnel : un client identifié, un contact individuel ou interactif, un effet "
            "durable. Transactionnel : un message de masse pour une vente immédiate."
        ),
    )


def _retention_gain(answer: object, data: dict) -> Feedback:
    table = retention_leverage(
        data["marges"],
        data["retention"],
        improvement=0.05,
        discount_rate=data["actualisation"],
        acquisition_cost=data["cout_acquisition"],
    )
    return check_number(
        answer,
        float(table["change"].iloc[1]),
        what="la hausse relative de la valeur d’un nouveau client",
        hint=(
            "cs.retention_leverage(marges, retention, improvement=0.05, discount_rate=..., "
            "acquisition_cost=...) : lisez la colonne change de la ligne « amélioré »."
        ),
        percent_hint=True,
    )


def _statements(answer: object, data: dict) -> Feedback:
    what = "les réponses vrai/faux"
    keys = list(data["affirmations"])
    if is_unanswered(answer):
        return Feedback.todo(what)
    if not isinstance(answer, Mapping):
        return Feedback(
            "incorrect",
            "La réponse doit être un dictionnaire {lettre : True ou False}, par exemple "
            f"{{{keys[0]!r}: True, ...}}.",
            hint="Une entrée par affirmation affichée, avec sa lettre.",
        )
    missing = [k for k in keys if k not in answer]
    if missing:
        return Feedback(
            "incorrect",
            f"Il manque la réponse aux affirmations : {', '.join(missing)}.",
            hint="Une entrée par affirmation affichée, avec sa lettre.",
        )
    not_bool = [k for k in keys if not isinstance(answer[k], (bool, np.bool_))]
    if not_bool:
        return Feedback(
            "incorrect",
            f"Répondez par True (vrai) ou False (faux), sans guillemets (affirmation(s) "
            f"{', '.join(not_bool)}).",
        )
    wrong = [
        f"Affirmation {k} : pas encore juste ; {STATEMENTS[k][2]}"
        for k in keys
        if bool(answer[k]) != STATEMENTS[k][1]
    ]
    right = [f"{len(keys) - len(wrong)} réponse(s) juste(s) sur {len(keys)}."]
    if not wrong:
        return Feedback("correct", f"Bravo, {what} sont justes.", right=right)
    return Feedback(
        "incorrect",
        f"Pas encore juste : {what}.",
        right,
        wrong,
        hint="Demandez-vous ce que mesure la valeur d’un client : un seul client, sur toute sa "
        "vie, avec des marges actualisées.",
    )


EXERCISE = Exercise(
    "01_introduction",
    make_data,
    (
        Question(
            "q1",
            "attrition_an2",
            _yearly_churn,
            "annee2 = mensuel[(mensuel['month'] >= 12) & (mensuel['month'] <= 23)] ; la somme de "
            "churned sur ces lignes, divisée par active_start de la PREMIÈRE ligne (mois 12).",
        ),
        Question(
            "q2",
            "reponse-q2",
            checklist=(
                "compare son taux aux « 10 % par an » du cours",
                "relie l’écart à la baisse de prix du concurrent au mois 12 (attrition "
                "structurelle)",
                "10 % est un ordre de grandeur moyen, pas une constante",
            ),
        ),
        Question(
            "q3",
            "rapport",
            _acquisition_ratio,
            "les campagnes des mois 12 à 23 (colonne month de campagnes) ; fidélisation : "
            "retention_spend sommé sur l’année divisé par la MOYENNE de active_start.",
        ),
        Question(
            "q4",
            "reponse-q4",
            checklist=(
                "voit qu’on compare un coût unique à un coût annuel",
                "sur toute la vie du client, multiplier la fidélisation par la durée de vie "
                "(environ 1 / attrition) : le rapport se rapproche de 1",
                "garde l’idée du cours : remplacer un client perdu coûte une nouvelle acquisition",
            ),
        ),
        Question(
            "q5",
            "classement",
            _practices,
            "pour chaque pratique, demandez-vous si le client est identifié et si l’action vise "
            "la durée (relationnel) ou une vente immédiate auprès de tous (transactionnel).",
        ),
        Question(
            "q6",
            "hausse",
            _retention_gain,
            "retention=retention, discount_rate=actualisation, acquisition_cost=cout_acquisition ; "
            "la ligne d’indice 1 de la colonne change.",
        ),
        Question(
            "q7",
            "vrai_faux",
            _statements,
            "pour chaque lettre, refaites le raisonnement avec la formule de la valeur "
            "actuelle : somme des marges × survie, divisées par (1 + taux) puissance t, moins "
            "le coût d’acquisition.",
        ),
    ),
)
