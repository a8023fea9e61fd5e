"""Diagnosing attrition (exercise of lesson 11): a dozen departures, their type and lever.

Data (:func:`make_data`): ``cas``, a :class:`DiagnosticCases` (the simulation and the
twelve customers to diagnose). The course's version draws it with seed 2026; a student's
variant draws the simulation seed and the choice of the cases from the variant's
generator (another seed is drawn when a run has too few clear cases).

:func:`diagnostic_cases` simulates a year of price war followed by a crisis and picks,
with a seeded generator, departures whose signals are clear: three of each attrition
type, in random order. :func:`case_story` tells each one with
``SimulationResult.customer_story``, without the sentence that names the cause and
limited to the last months before the departure. The checks say which answers are wrong
and why, in French, from the signals of each case.

Examples
--------
>>> check_types(..., None).status
'a_completer'
>>> len(EXERCISE.start("cours")["cas"].customer_ids)
12
>>> sorted(LEVERS)
['aucun', 'communication', 'prix', 'réclamations']
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from crmsim.errors import DataError
from crmsim.exercises._feedback import Feedback, is_unanswered
from crmsim.exercises.variants import Exercise, Question

__all__ = [
    "EXERCISE",
    "LEVERS",
    "TYPES",
    "DiagnosticCases",
    "case_story",
    "check_levers",
    "check_types",
    "diagnostic_cases",
    "make_data",
    "signals_table",
]

#: The four attrition types (answer values) and the lever that treats each.
TYPES: dict[str, str] = {
    "insatisfaction": "réclamations",
    "structurelle": "prix",
    "conjoncturelle": "communication",
    "anecdotique": "aucun",
}

#: Levers the student chooses from (answer values), described in French.
LEVERS: dict[str, str] = {
    "réclamations": "faciliter la réclamation, la traiter sur-le-champ, améliorer la qualité",
    "prix": "aligner les prix sur le concurrent, faire évoluer l’offre",
    "communication": "gestion de crise et communication intensive auprès des clients",
    "aucun": "aucun levier raisonnable : la cause est hors de portée de l’entreprise",
}

_SIGNAL_KINDS = ("mécontentement", "réclamation résolue", "réclamation non résolue")
_WINDOW = 6  # months of signals read before a departure


@dataclass(frozen=True)
class DiagnosticCases:
    """The simulation and the departures to diagnose.

    Attributes
    ----------
    result : SimulationResult
        The run (``customers``, ``interactions``, ``events``, ``customer_story``).
    customer_ids : list of int
        The customers to diagnose, in the order shown to the student.
    price_war : tuple of int
        First month of the competitor's price cut and month of our alignment.
    crisis : tuple of int
        First and last month of the crisis.
    """

    result: object
    customer_ids: list[int]
    price_war: tuple[int, int]
    crisis: tuple[int, int]


def _scenario():
    import crmsim as cs  # public API only

    return cs.small_portfolio(
        "cours",
        customers=3_000,
        months=48,
        **{
            "events.competitor_price_cut_month": 12,
            "events.competitor_price_cut": 0.15,
            "events.firm_alignment_month": 24,
            "events.crisis_month": 36,
            "events.crisis_duration_months": 2,
            "events.crisis_extra_hazard": 0.03,
        },
    )


def _recent_signals(result, customer_id: int, churn_month: int) -> pd.DataFrame:
    inter = result.interactions
    mine = inter[
        (inter["customer_id"] == customer_id)
        & (inter["month"] > churn_month - _WINDOW)
        & (inter["month"] <= churn_month)
    ]
    return mine[mine["kind"].astype(str).isin(_SIGNAL_KINDS)]


def _with_recent(result, gone: pd.DataFrame, kinds) -> set:
    """Customers of ``gone`` with an interaction (of ``kinds``; any if None) in the window."""
    inter = result.interactions
    if kinds is not None:
        inter = inter[inter["kind"].astype(str).isin(kinds)]
    churn = gone.set_index("customer_id")["churn_month"].astype(int)
    joined = inter[inter["customer_id"].isin(churn.index)]
    left = churn.reindex(joined["customer_id"]).to_numpy()
    near = (joined["month"].to_numpy() > left - _WINDOW) & (joined["month"].to_numpy() <= left)
    return set(joined.loc[near, "customer_id"].tolist())


def diagnostic_cases(seed=None, *, per_type: int = 3) -> DiagnosticCases:
    """Simulate the situation and pick ``per_type`` clear departures of each type.

    The run: the ``cours`` preset with 3 000 customers over 48 months, the competitor
    cutting its price by 15 % in month 12 until we align in month 24, and a crisis in
    months 36-37. A departure is « clear » when its signals point to its type alone:
    dissatisfaction signals in the last 6 months for « insatisfaction » (outside the price
    war and the crisis); departure during the price war without dissatisfaction for
    « structurelle »; during the crisis without dissatisfaction for « conjoncturelle »;
    outside both without any signal for « anecdotique ».

    Parameters
    ----------
    seed : None, int or numpy Generator
        Draws the simulation and the choice of the cases (one variant per student).
    per_type : int, default 3

    Returns
    -------
    DiagnosticCases

    Examples
    --------
    >>> cases = diagnostic_cases(seed=1, per_type=1)
    >>> len(cases.customer_ids)
    4
    """
    import crmsim as cs

    rng = np.random.default_rng(seed)
    scenario = _scenario()
    result = cs.simulate(scenario, seed=int(rng.integers(2**31)), transactions=False)
    ev = scenario.events
    war = (ev.competitor_price_cut_month, ev.firm_alignment_month)
    crisis = (ev.crisis_month, ev.crisis_month + ev.crisis_duration_months - 1)
    gone = result.customers[~result.customers["active"]]
    month = gone["churn_month"].astype(int)
    in_war = (month >= war[0]) & (month < war[1])
    in_crisis = (month >= crisis[0]) & (month <= crisis[1])
    warned = gone["customer_id"].isin(_with_recent(result, gone, _SIGNAL_KINDS))
    quiet = ~gone["customer_id"].isin(_with_recent(result, gone, None))
    cause = gone["churn_cause"].astype(str)
    # Calm: away from both periods by a margin, so that no departure is ambiguous.
    calm = ~month.between(war[0] - 1, war[1] + 1) & ~month.between(crisis[0] - 1, crisis[1] + 3)
    pools = {
        "insatisfaction": (cause == "insatisfaction") & calm & warned & gone["dissatisfied"],
        "structurelle": (cause == "structurelle") & in_war & quiet,
        "conjoncturelle": (cause == "conjoncturelle") & in_crisis & quiet,
        "anecdotique": (cause == "anecdotique") & calm & quiet & (month > 2),
    }
    chosen: list[int] = []
    for kind, mask in pools.items():
        ids = gone.loc[mask, "customer_id"].to_numpy()
        if len(ids) < per_type:
            raise DataError(
                f"Pas assez de départs nets de type « {kind} » ({len(ids)}) pour cette graine : "
                "essayez une autre graine ou un per_type plus petit."
            )
        chosen += [int(i) for i in rng.choice(ids, size=per_type, replace=False)]
    order = rng.permutation(len(chosen))
    return DiagnosticCases(result, [chosen[k] for k in order], war, crisis)


def case_story(cases: DiagnosticCases, customer_id: int) -> str:
    """The story of one case, without its cause, limited to its last months.

    The customer's own events (incidents, complaints...) dated more than 6 months
    before the departure are dropped (a short note says how many); the firm's events
    (« dans l'entreprise » : price cut, crisis) are all kept. The departure line is
    rewritten without the cause (month and tenure only) and the revenue summary is
    left out.
    """
    c = cases.result.customers.iloc[customer_id]
    if customer_id not in cases.customer_ids:
        raise DataError(f"Le client {customer_id} ne fait pas partie des cas à diagnostiquer.")
    churn = int(c["churn_month"])
    lines, dropped = [], 0
    for line in cases.result.customer_story(customer_id).splitlines():
        dated = re.match(r"- Au mois (\d+)", line)
        own = "dans l" not in line
        if dated and own and int(dated.group(1)) <= churn - _WINDOW:
            dropped += 1
            continue
        if line.startswith("Il part"):
            line = f"Il part au mois {churn}, après {int(c['tenure_months'])} mois."
        if line.startswith("Bilan"):
            continue
        lines.append(line)
    if dropped:
        lines.insert(2, f"(… {dropped} événement(s) plus ancien(s) non affiché(s))")
    return "\n".join(lines)


def signals_table(cases: DiagnosticCases) -> pd.DataFrame:
    """What each case's story shows, as a table (the reading the solution applies).

    Returns
    -------
    DataFrame
        One row per case, in the order of ``cases.customer_ids``.

        Columns
        -------
        customer_id : int
        churn_month : int
        recent_dissatisfaction : bool
            Dissatisfaction or a complaint in the 6 months up to the departure.
        during_price_war : bool
            Departure while the competitor is cheaper (before our alignment).
        during_crisis : bool
            Departure during the crisis.
    """
    customers = cases.result.customers.set_index("customer_id")
    ids = list(cases.customer_ids)
    months = customers.loc[ids, "churn_month"].astype(int).to_numpy()
    warned = _with_recent(cases.result, customers.loc[ids].reset_index(), _SIGNAL_KINDS)
    return pd.DataFrame(
        {
            "customer_id": ids,
            "churn_month": months,
            "recent_dissatisfaction": [i in warned for i in ids],
            "during_price_war": (months >= cases.price_war[0]) & (months < cases.price_war[1]),
            "during_crisis": (months >= cases.crisis[0]) & (months <= cases.crisis[1]),
        }
    )


def _signal_reason(cases: DiagnosticCases, customer_id: int) -> str:
    c = cases.result.customers.iloc[customer_id]
    churn = int(c["churn_month"])
    cause = str(c["churn_cause"])
    if cause == "insatisfaction":
        signals = _recent_signals(cases.result, customer_id, churn)
        first = int(signals["month"].min())
        return (
            f"il devient mécontent ou réclame au mois {first}, peu avant de partir au mois {churn}"
        )
    if cause == "structurelle":
        return (
            f"il part au mois {churn}, pendant la baisse de prix du concurrent "
            f"(mois {cases.price_war[0]} à {cases.price_war[1] - 1}), sans s’être plaint"
        )
    if cause == "conjoncturelle":
        return (
            f"il part au mois {churn}, en pleine crise (mois {cases.crisis[0]} à "
            f"{cases.crisis[1]}), sans mécontentement ni réclamation avant"
        )
    return f"rien ne précède son départ au mois {churn} : ni plainte, ni crise, ni baisse de prix"


def _as_mapping(answer: object, what: str) -> dict | Feedback:
    if is_unanswered(answer):
        return Feedback.todo(what)
    if not isinstance(answer, Mapping):
        return Feedback(
            "incorrect",
            "La réponse doit être un dictionnaire {numéro du client : réponse}.",
            hint='Par exemple {812: "anecdotique", 95: "structurelle", ...}.',
        )
    return {int(k): v for k, v in answer.items()}


def _check(
    answer: object, cases: DiagnosticCases, *, what: str, allowed, truth, hint: str
) -> Feedback:
    given = _as_mapping(answer, what)
    if isinstance(given, Feedback):
        return given
    ids = cases.customer_ids
    missing = [i for i in ids if is_unanswered(given.get(i))]
    if len(missing) == len(ids):
        return Feedback.todo(what)
    right, wrong = [], []
    for i in ids:
        value = given.get(i)
        if is_unanswered(value):
            continue
        if value not in allowed:
            wrong.append(
                f"Client {i} : « {value} » n’est pas une réponse possible ({', '.join(allowed)})."
            )
        elif value != truth(i):
            wrong.append(
                f"Client {i} : pas « {value} ». Relisez son histoire : {_signal_reason(cases, i)}."
            )
    extra = sorted(set(given) - set(ids))
    if extra:
        wrong.append(f"Ces clients ne sont pas à diagnostiquer : {', '.join(map(str, extra))}.")
    done = len(ids) - len(missing)
    ok = done - sum(1 for w in wrong if w.startswith("Client"))
    right.append(f"{ok} réponse(s) juste(s) sur {len(ids)}.")
    if missing:
        wrong.append(
            f"Il manque la réponse pour {len(missing)} client(s) : {', '.join(map(str, missing))}."
        )
    if not wrong:
        return Feedback("correct", f"Bravo, {what} est juste pour les {len(ids)} clients.", right)
    return Feedback(
        "incorrect",
        f"{what[0].upper()}{what[1:]} n’est pas encore juste.",
        right,
        wrong,
        hint=hint,
    )


def check_types(answer: object, cases: DiagnosticCases | None) -> Feedback:
    """Check the attrition type given to each case: ``{customer_id: type}``."""
    if is_unanswered(answer) or cases is None:
        return Feedback.todo("le type d’attrition de chaque client")
    causes = cases.result.customers["churn_cause"].astype(str)
    return _check(
        answer,
        cases,
        what="le type d’attrition de chaque client",
        allowed=list(TYPES),
        truth=lambda i: causes.iloc[i],
        hint="Cherchez le signal : une réclamation, un mois de crise, la baisse de prix du "
        "concurrent, ou rien.",
    )


def check_levers(answer: object, cases: DiagnosticCases | None) -> Feedback:
    """Check the lever chosen for each case: ``{customer_id: lever}`` (keys of LEVERS)."""
    if is_unanswered(answer) or cases is None:
        return Feedback.todo("le levier de chaque client")
    causes = cases.result.customers["churn_cause"].astype(str)
    return _check(
        answer,
        cases,
        what="le levier de chaque client",
        allowed=list(LEVERS),
        truth=lambda i: TYPES[causes.iloc[i]],
        hint="Un levier agit sur la cause du départ : retrouvez d’abord le type d’attrition "
        "du client, puis l’action qui traite cette cause.",
    )


#: Seed of the course's version (the solution's stored outputs).
COURSE_SEED = 2026


def make_data(rng: np.random.Generator | None) -> dict:
    """The cases to diagnose: the course's (``rng=None``, seed 2026) or a seeded variant."""
    if rng is None:
        return {"cas": diagnostic_cases(seed=COURSE_SEED)}
    for _ in range(20):  # a run with too few clear cases of one type: draw another one
        try:
            return {"cas": diagnostic_cases(seed=int(rng.integers(2**31)))}
        except DataError:
            continue
    raise DataError("Aucune simulation avec assez de départs nets : signalez-le à l’enseignant.")


EXERCISE = Exercise(
    "11b_diagnostic_attrition",
    make_data,
    (
        Question(
            "q1",
            "types",
            lambda answer, data: check_types(answer, data["cas"]),
            "lisez les signaux dans cet ordre : un mécontentement ou une réclamation dans les "
            "six mois avant le départ ; sinon, un départ pendant la crise ; sinon, pendant la "
            "baisse de prix du concurrent (avant l’alignement) ; sinon, rien.",
        ),
        Question(
            "q2",
            "leviers",
            lambda answer, data: check_levers(answer, data["cas"]),
            "chaque type d’attrition a son levier : partez du type trouvé à la question 1 et "
            "cherchez dans verif.LEVERS l’action qui agit sur sa cause.",
        ),
        Question(
            "q3",
            "reponse-q3",
            checklist=(
                "les départs structurels et conjoncturels ne se distinguent que par leur date "
                "(chronologie de l’entreprise)",
                "un départ pendant la crise sans plainte préalable relève de la crise, pas d’un "
                "service dégradé : levier communication",
                "l’attrition anecdotique est hors de portée : la dépense serait perdue",
            ),
            points=2,
        ),
    ),
)
