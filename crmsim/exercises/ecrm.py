"""Exercise of the e-CRM lesson: tracking rules, which trigger pays, which threshold.

Data (:func:`make_data`): ``donnees``, an :class:`EcrmExercise` drawn by
:func:`exercise_data` from one seed (the audience, the costs, the journal, the rules),
and ``evenements``, four events to match with a trigger (``{lettre: texte}`` drawn from
:data:`EVENTS`). The course's version: seed 2026, events a, c, e and g; a student's
variant draws the seed and the events. Every check recomputes the expected answer from
those data, never from a number written here. :func:`exercise_data` is cached per seed
(a dozen simulations of 500 visitors: the grader and the tests ask for it again).

Examples
--------
>>> exo = EXERCISE.start("cours")
>>> list(exo["evenements"])
['a', 'c', 'e', 'g']
>>> exo.check("q1", {"a": "banniere", "c": "email", "e": "appel", "g": "enquete"}).ok
True
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from crmsim.ecrm import (
    TRIGGERS,
    WebAudience,
    email_rule,
    simulate_audience,
    survey_rule,
    trigger_summary,
)
from crmsim.exercises._checks import check_set
from crmsim.exercises._feedback import Feedback, is_unanswered
from crmsim.exercises.introduction import check_mapping
from crmsim.exercises.variants import Exercise, Question

__all__ = [
    "EVENTS",
    "EXERCISE",
    "EcrmExercise",
    "check_best_threshold",
    "check_email_sessions",
    "check_paying_triggers",
    "check_survey_sessions",
    "exercise_data",
    "make_data",
    "net_values",
    "threshold_values",
]


#: Events to match with a trigger: letter -> (event, trigger, why).
EVENTS: dict[str, tuple[str, str, str]] = {
    "a": (
        "le visiteur consulte des offres de voyage à petit prix vers une destination précise",
        "banniere",
        "un intérêt précis, montré pendant la visite : on lui montre aussitôt l’offre qui y répond",
    ),
    "b": (
        "le visiteur parcourt la rubrique des appareils photo de milieu de gamme",
        "banniere",
        "un centre d’intérêt visible pendant la visite, auquel une bannière ciblée peut répondre",
    ),
    "c": (
        "le visiteur revient plusieurs fois sur la même fiche produit sans commander",
        "email",
        "un intérêt répété sans achat : une relance personnalisée (avec une remise) le décide",
    ),
    "d": (
        "un client inscrit a mis un article en favori il y a deux semaines sans l’acheter",
        "email",
        "un intérêt sans achat chez un client identifié : une relance écrite suffit",
    ),
    "e": (
        "le visiteur quitte la page de paiement alors que son panier est rempli",
        "appel",
        "un achat abandonné au dernier moment : un appel lève le blocage (paiement, doute)",
    ),
    "f": (
        "la réservation d’un client identifié s’arrête à la saisie de la carte bancaire",
        "appel",
        "un achat abandonné en cours de route : un conseiller peut aider à le terminer",
    ),
    "g": (
        "un client régulier ne s’est plus connecté depuis plus d’un mois",
        "enquete",
        "un usage en baisse chez un habitué : on lui demande ce qui ne va pas",
    ),
    "h": (
        "un abonné ouvre de moins en moins souvent les pages de son espace client",
        "enquete",
        "un départ qui se prépare : une enquête de satisfaction cherche la cause",
    ),
}


@dataclass(frozen=True)
class EcrmExercise:
    """Data of the e-CRM exercise (one variant per seed).

    Attributes
    ----------
    journal : DataFrame
        Visits of a few visitors: ``session_id``, ``visitor_id``, ``visit_number``,
        ``day``, ``product_view``, ``ordered``.
    email_threshold, silence_days, regular_min_visits : int
        The rules to apply to the journal.
    bilan : DataFrame
        One row per trigger: ``trigger``, ``actions`` (times it fired), ``incentives``
        (vouchers used, e-mail only), ``extra_margin_mad``, ``extra_loyal`` (compared
        with the same audience and seed without the trigger).
    costs : dict
        Unit costs in MAD: ``banniere``, ``email``, ``appel``, ``enquete`` (per action),
        ``incentive`` (per voucher used) and ``retained_value`` (per visitor kept).
    thresholds : DataFrame
        The e-mail alone at several thresholds: ``threshold``, ``emails``, ``incentives``,
        ``extra_margin_mad``, ``extra_loyal``.
    """

    journal: pd.DataFrame
    email_threshold: int
    silence_days: int
    regular_min_visits: int
    bilan: pd.DataFrame
    costs: dict
    thresholds: pd.DataFrame


def _journal(seed: int, rng: np.random.Generator) -> pd.DataFrame:
    res = simulate_audience(WebAudience(visitors=300, days=120, service_call=False), seed=seed)
    s = res.sessions
    counts = s.groupby("visitor_id").agg(visits=("ordered", "size"), orders=("ordered", "sum"))
    busy = counts[(counts["visits"] >= 8) & (counts["visits"] <= 14) & (counts["orders"] >= 1)]
    surveyed = set(s.loc[s["survey_shown"], "visitor_id"]) & set(
        counts.index[counts["visits"] <= 14]
    )
    chosen = list(rng.choice(busy.index.to_numpy(), size=2, replace=False))
    chosen.append(min(surveyed - set(chosen)) if surveyed - set(chosen) else int(busy.index[0]))
    journal = s[s["visitor_id"].isin(chosen)]
    journal = journal[
        ["session_id", "visitor_id", "visit_number", "day", "product_view", "ordered"]
    ]
    return journal.assign(day=journal["day"].round(1)).reset_index(drop=True)


def _row_counts(result, key: str) -> tuple[int, int]:
    act = result.actions[result.actions["trigger"] == key]
    return int((act["step"] == "déclenchement").sum()), int((act["step"] == "remise").sum())


@functools.lru_cache(maxsize=8)
def exercise_data(seed: int = 2026) -> EcrmExercise:
    """The data of the e-CRM exercise for ``seed`` (the audience, the costs, the journal).

    The audience: 500 visitors over 90 days. The result is cached per seed: do not
    modify it (the exercise hands out copies).

    Examples
    --------
    >>> data = exercise_data(2026)
    >>> sorted(data.costs)
    ['appel', 'banniere', 'email', 'enquete', 'incentive', 'retained_value']
    >>> data.bilan["trigger"].tolist()
    ['banniere', 'email', 'appel', 'enquete']
    """
    rng = np.random.default_rng(seed)
    costs = {
        "banniere": float(rng.choice([0.5, 1.0, 2.0])),
        "email": float(rng.choice([0.2, 0.5, 1.0])),
        "incentive": float(rng.choice([30.0, 60.0, 90.0])),
        "appel": float(rng.choice([12.0, 25.0, 45.0])),
        "enquete": float(rng.choice([3.0, 8.0, 15.0])),
        "retained_value": float(rng.choice([0.0, 100.0, 200.0])),
    }
    audience = WebAudience(visitors=500, days=90)
    result = simulate_audience(audience, seed=seed)
    summary = trigger_summary(result=result).set_index("trigger")
    rows = []
    for key in TRIGGERS:
        fired, used = _row_counts(result, key)
        rows.append(
            {
                "trigger": key,
                "actions": fired,
                "incentives": used,
                "extra_margin_mad": round(float(summary.loc[key, "extra_margin_mad"]), 2),
                "extra_loyal": int(summary.loc[key, "extra_loyal"]),
            }
        )
    sweep = []
    for n in (1, 2, 3, 5, 8):
        alone = audience.with_triggers(["email"]).replace(email_views_threshold=n)
        run = simulate_audience(alone, seed=seed)
        row = trigger_summary(result=run).set_index("trigger").loc["email"]
        fired, used = _row_counts(run, "email")
        sweep.append(
            {
                "threshold": n,
                "emails": fired,
                "incentives": used,
                "extra_margin_mad": round(float(row["extra_margin_mad"]), 2),
                "extra_loyal": int(row["extra_loyal"]),
            }
        )
    return EcrmExercise(
        journal=_journal(seed, rng),
        email_threshold=int(rng.choice([3, 4, 5])),
        silence_days=int(rng.choice([20, 25, 31])),
        regular_min_visits=3,
        bilan=pd.DataFrame(rows),
        costs=costs,
        thresholds=pd.DataFrame(sweep),
    )


def net_values(data: EcrmExercise) -> pd.Series:
    """Net value of each trigger (MAD): extra margin + visitors kept x their value - costs."""
    c, b = data.costs, data.bilan.set_index("trigger")
    unit = pd.Series({t: c[t] for t in TRIGGERS})
    cost = b["actions"] * unit + b["incentives"] * c["incentive"]
    return b["extra_margin_mad"] + b["extra_loyal"] * c["retained_value"] - cost


def threshold_values(data: EcrmExercise) -> pd.Series:
    """Net value of the e-mail (alone) at each threshold of ``data.thresholds`` (MAD)."""
    c, t = data.costs, data.thresholds.set_index("threshold")
    cost = t["emails"] * c["email"] + t["incentives"] * c["incentive"]
    return t["extra_margin_mad"] + t["extra_loyal"] * c["retained_value"] - cost


def check_email_sessions(answer: object, data: EcrmExercise) -> Feedback:
    """Check the visits of ``data.journal`` where the reminder e-mail fires."""
    expected = email_rule(data.journal, data.email_threshold)
    return check_set(
        answer,
        expected,
        what="la liste des visites qui déclenchent l’e-mail",
        hint=(
            "Comptez, visiteur par visiteur et dans l’ordre des visites, les consultations de la "
            "page produit ; remettez le compteur à zéro après une commande. L’e-mail part à la "
            f"visite où le compteur atteint exactement {data.email_threshold} sans commande."
        ),
        label="visite",
    )


def check_survey_sessions(answer: object, data: EcrmExercise) -> Feedback:
    """Check the visits of ``data.journal`` where the satisfaction survey is shown."""
    expected = survey_rule(data.journal, data.silence_days, data.regular_min_visits)
    return check_set(
        answer,
        expected,
        what="la liste des visites où l’enquête est proposée",
        hint=(
            "Pour chaque visite, calculez les jours écoulés depuis la visite précédente du même "
            f"visiteur ; l’enquête est proposée si ce silence atteint {data.silence_days} jours "
            f"et si le visiteur a déjà fait au moins {data.regular_min_visits} visites."
        ),
        label="visite",
    )


def check_paying_triggers(answer: object, data: EcrmExercise) -> Feedback:
    """Check the list of triggers whose net value is positive under ``data.costs``."""
    values = net_values(data)
    return check_set(
        answer,
        list(values.index[values > 0]),
        what="la liste des déclencheurs rentables",
        hint=(
            "Valeur nette = marge en plus + visiteurs gardés × valeur d’un visiteur gardé − "
            "actions × coût unitaire − remises utilisées × montant de la remise."
        ),
        label="déclencheur",
    )


def check_best_threshold(answer: object, data: EcrmExercise) -> Feedback:
    """Check the e-mail threshold with the highest net value under ``data.costs``."""
    values = threshold_values(data)
    best = int(values.idxmax())
    what = "le seuil le plus rentable"
    if is_unanswered(answer):
        return Feedback.todo(what)
    hint = (
        "Calculez la valeur nette de chaque ligne du tableau des seuils (e-mails × coût d’un "
        "e-mail, remises × montant de la remise) et gardez le seuil qui la maximise."
    )
    if isinstance(answer, bool) or not isinstance(answer, (int, np.integer)):
        return Feedback("incorrect", "La réponse doit être un seuil (un nombre entier).", hint=hint)
    if int(answer) not in values.index:
        return Feedback(
            "incorrect",
            f"{answer} n’est pas un des seuils du tableau ({', '.join(map(str, values.index))}).",
            hint=hint,
        )
    if int(answer) == best:
        return Feedback("correct", f"Bravo, {what} est juste : {best} consultation(s).")
    gap = values[best] - values[int(answer)]
    return Feedback(
        "incorrect",
        f"Un autre seuil rapporte davantage (environ {gap:,.0f} MAD de plus).".replace(
            ",", "\u00a0"
        ),
        hint=hint,
    )


def make_data(rng: np.random.Generator | None) -> dict:
    """The exercise's data: the course's (``rng=None``) or a seeded variant."""
    if rng is None:
        seed, events = 2026, list("aceg")
    else:
        seed = int(rng.integers(2**31))
        events = sorted(str(k) for k in rng.choice(sorted(EVENTS), 4, replace=False))
    return {
        "donnees": exercise_data(seed),
        "evenements": {k: EVENTS[k][0] for k in events},
    }


def _matching(answer: object, data: dict) -> Feedback:
    return check_mapping(
        answer,
        {k: EVENTS[k][1:] for k in data["evenements"]},
        names=data["evenements"],
        what="l’association des événements aux déclencheurs",
        allowed=TRIGGERS,
        hint="Demandez-vous ce que l’entreprise peut faire au moment où elle observe "
        "l’événement, comme dans le tableau des déclencheurs.",
    )


EXERCISE = Exercise(
    "14_ecrm",
    make_data,
    (
        Question(
            "q1",
            "associations",
            _matching,
            "rapprochez chaque événement d’une ligne de la colonne event_detected du tableau : "
            "un intérêt pendant la visite, un intérêt répété sans achat, un achat abandonné, "
            "un usage en baisse.",
        ),
        Question(
            "q2",
            "visites_email",
            lambda answer, data: check_email_sessions(answer, data["donnees"]),
            "groupby('visitor_id'), puis un compteur de product_view remis à zéro à chaque "
            "commande ; gardez le session_id quand le compteur vaut exactement le seuil.",
        ),
        Question(
            "q3",
            "visites_enquete",
            lambda answer, data: check_survey_sessions(answer, data["donnees"]),
            "triez par visitor_id et visit_number ; le silence est groupby('visitor_id')['day']"
            ".diff(), les visites déjà faites groupby('visitor_id').cumcount().",
        ),
        Question(
            "q4",
            "rentables",
            lambda answer, data: check_paying_triggers(answer, data["donnees"]),
            "dans bilan (indexé par trigger) : actions × coût de la ligne dans costs, "
            "incentives × costs['incentive'], extra_loyal × costs['retained_value'].",
        ),
        Question(
            "q5",
            "meilleur_seuil",
            lambda answer, data: check_best_threshold(answer, data["donnees"]),
            "même calcul que la question 4 sur thresholds (indexé par threshold), avec le "
            "coût d’un e-mail ; idxmax de la valeur nette.",
        ),
        Question(
            "q6",
            "reponse-q6",
            checklist=(
                "seuil bas : effet d’aubaine (remises payées à des visiteurs qui auraient "
                "commandé) et sur-sollicitation",
                "l’enquête vaut par les visiteurs gardés (valeur d’un visiteur gardé), pas par "
                "la marge",
                "sur un vrai site : un groupe témoin pour mesurer l’effet réel",
            ),
            points=2,
        ),
    ),
)
