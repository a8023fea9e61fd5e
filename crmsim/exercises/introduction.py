"""Answer checks of the introduction: why customer relationship management.

The exercise's data come from :func:`exercise_data` (a seeded simulation); every expected
answer is recomputed here from the tables the student is given.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from crmsim.analysis import retention_leverage
from crmsim.exercises._checks import check_number
from crmsim.exercises._feedback import Feedback, is_unanswered

__all__ = [
    "PRACTICES",
    "check_acquisition_ratio",
    "check_mapping",
    "check_practices",
    "check_profit_claim",
    "check_retention_gain",
    "check_yearly_churn",
    "exercise_data",
]

#: Practices to classify: practice -> (expected logic, why).
PRACTICES: dict[str, tuple[str, str]] = {
    "spot télévisé annonçant −30\u00a0% ce week-end": (
        "transactionnel",
        "un message de masse qui vise un achat immédiat",
    ),
    "appel du conseiller au client qui vient de réclamer": (
        "relationnel",
        "un contact individuel et interactif, pour garder le client",
    ),
    "publipostage nominatif pour l’anniversaire d’adhésion": (
        "relationnel",
        "un message personnalisé qui entretient une attitude favorable",
    ),
    "bon de réduction distribué à tous les passants": (
        "transactionnel",
        "une promotion anonyme, sans suite",
    ),
    "suivi de la part des achats du client faite chez nous (taux de nourriture)": (
        "relationnel",
        "un indicateur qui raisonne client par client et dans la durée",
    ),
    "objectif de part de marché du trimestre": (
        "transactionnel",
        "un indicateur de volume, qui ne dit pas quels clients partent ou arrivent",
    ),
}


def exercise_data(seed: int = 7):
    """The simulated portfolio of the exercise: price war preset, 3 000 customers, 36 months.

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

    scenario = preset("guerre_des_prix").replace(
        **{"market.initial_customers": 3_000, "market.market_size": 60_000}, months=36
    )
    return simulate(scenario, seed=seed, transactions=False)


def _year_rows(monthly: pd.DataFrame, year: int) -> pd.DataFrame:
    rows = monthly[(monthly["month"] >= 12 * (year - 1)) & (monthly["month"] < 12 * year)]
    if len(rows) != 12:
        raise ValueError(f"l'année {year} n'est pas entière dans monthly ({len(rows)} mois).")
    return rows


def yearly_churn(monthly: pd.DataFrame, year: int = 2) -> float:
    """Customers lost during ``year`` divided by the customers at its start."""
    rows = _year_rows(monthly, year)
    return float(rows["churned"].sum() / rows["active_start"].iloc[0])


def check_yearly_churn(answer: object, monthly: pd.DataFrame, year: int = 2) -> Feedback:
    """Check the yearly attrition rate of ``year`` (months 12 (year-1) .. 12 year - 1)."""
    return check_number(
        answer,
        yearly_churn(monthly, year),
        what=f"le taux d'attrition de l'année {year}",
        hint=(
            "Additionnez la colonne churned sur les douze mois de l'année, puis divisez par "
            "active_start du premier mois de l'année : une part entre 0 et 1."
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


def check_acquisition_ratio(
    answer: object, campaigns: pd.DataFrame, monthly: pd.DataFrame, year: int = 2
) -> Feedback:
    """Check the ratio of acquisition cost to yearly retention cost, per customer."""
    return check_number(
        answer,
        acquisition_ratio(campaigns, monthly, year),
        what="le rapport entre coût d'acquisition et coût annuel de fidélisation",
        hint=(
            "Coût d'acquisition = somme des cost / somme des orders des campagnes de l'année ; "
            "coût annuel de fidélisation = somme des retention_spend de l'année / moyenne des "
            "active_start ; puis le premier divisé par le second."
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
) -> Feedback:
    """Check a dict key -> label (or a list of labels in the keys' order), saying why."""
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
            "incorrect", "La réponse doit être un dictionnaire {élément: réponse}.", hint=hint
        )
    missing = [k for k in expected if k not in answer]
    if missing:
        return Feedback(
            "incorrect",
            f"Il manque {len(missing)} élément(s), par exemple « {missing[0]} ».",
            hint=hint,
        )
    bad_labels = sorted({str(v) for v in answer.values() if v not in allowed})
    if bad_labels:
        shown = ", ".join(f"« {a} »" for a in allowed)
        return Feedback(
            "incorrect",
            f"Réponse(s) inconnue(s) : {', '.join(bad_labels)}. Réponses possibles : {shown}.",
            hint=hint,
        )
    wrong = [
        f"« {k} » : pas « {answer[k]} », car c'est {why}."
        for k, (label, why) in expected.items()
        if answer[k] != label
    ]
    right = [f"{len(expected) - len(wrong)} réponse(s) juste(s) sur {len(expected)}."]
    if not wrong:
        return Feedback("correct", f"Bravo, {what} est juste.", right=right)
    return Feedback(
        "incorrect", f"{what[:1].upper()}{what[1:]} n'est pas encore juste.", right, wrong, hint
    )


def check_practices(answer: object) -> Feedback:
    """Check the classification of :data:`PRACTICES` as transactional or relational."""
    return check_mapping(
        answer,
        PRACTICES,
        what="le classement des pratiques",
        allowed=("transactionnel", "relationnel"),
        hint=(
            "Relationnel : un client identifié, un contact individuel ou interactif, un effet "
            "durable. Transactionnel : un message de masse pour une vente immédiate."
        ),
    )


def check_retention_gain(
    answer: object,
    margins,
    retention: float,
    *,
    acquisition_cost: float,
    improvement: float = 0.05,
    discount_rate: float = 0.10,
) -> Feedback:
    """Check the relative change of a new customer's present value with more retention."""
    table = retention_leverage(
        margins,
        retention,
        improvement=improvement,
        discount_rate=discount_rate,
        acquisition_cost=acquisition_cost,
    )
    return check_number(
        answer,
        float(table["change"].iloc[1]),
        what="la hausse relative de la valeur d'un nouveau client",
        hint=(
            "cs.retention_leverage(marges, retention, improvement=0.05, "
            "acquisition_cost=...) : lisez la colonne change de la ligne « amélioré »."
        ),
        percent_hint=True,
    )


def check_profit_claim(answer: object) -> Feedback:
    """Check the true/false answer: +5 points of retention raise yearly profit by that much."""
    what = "la réponse vrai/faux"
    if is_unanswered(answer):
        return Feedback.todo(what)
    if not isinstance(answer, bool):
        return Feedback("incorrect", "Répondez par True (vrai) ou False (faux).")
    if answer is False:
        return Feedback(
            "correct",
            "Bravo : c'est faux. Le calcul porte sur la valeur actuelle d'un client sur toute "
            "sa vie (comme les chiffres de Reichheld et Sasser), pas sur le bénéfice d'une année.",
        )
    return Feedback(
        "incorrect",
        "Ce n'est pas le bénéfice annuel de l'entreprise qui augmente de ce pourcentage.",
        hint="Relisez ce que calcule retention_leverage : la valeur d'UN client, actualisée sur sa durée de vie.",
    )
