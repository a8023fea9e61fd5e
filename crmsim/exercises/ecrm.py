"""Answer checks of the e-CRM lesson: tracking rules, which trigger pays, which threshold.

The exercise's data come from :func:`exercise_data`, a function of one seed (another seed
gives another audience and other costs: a per-student variant); every check recomputes
the expected answer from those data, never from a number written here.
"""

from __future__ import annotations

from collections.abc import Mapping
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
    trigger_table,
)
from crmsim.exercises._checks import check_set
from crmsim.exercises._feedback import Feedback, is_unanswered

__all__ = [
    "EcrmExercise",
    "check_best_threshold",
    "check_email_sessions",
    "check_matching",
    "check_paying_triggers",
    "check_survey_sessions",
    "exercise_data",
    "net_values",
    "threshold_values",
]


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


def exercise_data(seed: int = 2026) -> EcrmExercise:
    """The data of the e-CRM exercise for ``seed`` (the audience, the costs, the journal).

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
    audience = WebAudience(visitors=1_500, days=90)
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


def check_matching(answer: object) -> Feedback:
    """Check a dict matching each event of the course's table to its trigger code."""
    table = trigger_table()
    expected = dict(zip(table["event_detected"], table["trigger"], strict=True))
    what = "l’association des événements aux déclencheurs"
    if is_unanswered(answer):
        return Feedback.todo(what)
    if not isinstance(answer, Mapping):
        return Feedback(
            "incorrect",
            "La réponse doit être un dictionnaire {événement : code du déclencheur}.",
            hint=f"Les codes possibles : {', '.join(TRIGGERS)}.",
        )
    right = [e for e, t in expected.items() if answer.get(e) == t]
    wrong = [f"« {e} » : ce n’est pas « {answer.get(e)} »." for e in expected if e not in right]
    if not wrong:
        return Feedback("correct", f"Bravo, {what} est juste.")
    return Feedback(
        "incorrect",
        "L’association n’est pas encore juste.",
        [f"{len(right)} événement(s) sur {len(expected)} bien associé(s)."],
        wrong,
        "Demandez-vous ce que l’entreprise peut faire au moment où elle observe l’événement.",
    )


def check_email_sessions(answer: object, data: EcrmExercise) -> Feedback:
    """Check the visits of ``data.journal`` where the reminder e-mail fires."""
    expected = email_rule(data.journal, data.email_threshold)
    return check_set(
        answer,
        expected,
        what="la liste des visites qui déclenchent l’e-mail",
        hint=(
            "Comptez, visiteur par visiteur et dans l’ordre des visites, les consultations de la "
            "page produit ; remettez le compteur à zéro après une commande. L’e-mail part à la "
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
            f"visiteur ; l’enquête est proposée si ce silence atteint {data.silence_days} jours "
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
        return Feedback("correct", f"Bravo, {what} est juste : {best} consultation(s).")
    gap = values[best] - values[int(answer)]
    return Feedback(
        "incorrect",
        f"Un autre seuil rapporte davantage (environ {gap:,.0f} MAD de plus).".replace(
            ",", "\u00a0"
        ),
        hint=hint,
    )
