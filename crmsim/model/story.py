"""One customer's life told in French, from the tables of a run."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from crmsim.formatting import format_money, format_number

if TYPE_CHECKING:
    from crmsim.model.results import SimulationResult

__all__ = ["customer_story"]

_MOIS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip

_KIND_TEXT = {
    "incident": "subit un incident de service",
    "mécontentement": "devient mécontent (la qualité vécue passe sous ses attentes)",
    "réclamation résolue": "réclame ; sa réclamation est résolue sur-le-champ",
    "réclamation non résolue": "réclame ; sa réclamation reste sans solution",
    "retour à la satisfaction": "redevient satisfait",
    "adhésion au programme": "adhère au programme de fidélité",
    "rappel après enquête": "est signalé « à risque » par l’enquête et rappelé par un conseiller",
}

_CAUSE_TEXT = {
    "insatisfaction": "par insatisfaction (service jugé inférieur à ses attentes)",
    "structurelle": "pour une raison structurelle (l’offre du concurrent est meilleure ou moins chère)",
    "conjoncturelle": "pour une raison conjoncturelle (la crise a fragilisé sa confiance)",
    "anecdotique": "pour une raison anecdotique (hors de portée de l’entreprise, un déménagement par exemple)",
}


def _when(result: SimulationResult, month: int) -> str:
    start = np.datetime64(result.scenario.start_date[:7], "M") + month
    year, mon = int(str(start)[:4]), int(str(start)[5:7])
    return f"mois {month} ({_MOIS[mon - 1]} {year})"


def customer_story(result: SimulationResult, customer_id: int) -> str:
    """Return the life of customer ``customer_id`` as a short French text.

    Examples
    --------
    >>> import crmsim as cs
    >>> print(cs.simulate(seed=2, months=3).customer_story(5).splitlines()[0])  # doctest: +ELLIPSIS
    Client n° 5...: déjà client...).
    """
    c = result.customers.iloc[customer_id]
    lines = []
    acq = int(c["acquisition_month"])
    if acq < 0:
        intro = f"déjà client au début de la simulation (depuis {-acq} mois)"
    else:
        intro = f"acquis au {_when(result, acq)} par le canal « {c['channel']} »"
    lines.append(f"Client n° {customer_id} : {intro}.")
    lines.append(
        f"Profil : panier médian {format_money(c['basket_mad'], decimals=0)}, "
        f"{format_number(c['order_rate'], 1)} commande(s) par mois en moyenne, "
        f"attente de qualité {format_number(c['expectation'], 1)}/10, "
        f"sensibilité au prix {format_number(c['price_sensitivity'], 2)}."
    )
    inter = result.interactions
    mine = inter[inter["customer_id"] == customer_id]
    last_month = int(c["churn_month"]) if not c["active"] else result.scenario.months - 1
    ev = result.events
    ev = ev[
        (ev["month"] >= max(acq, 0))
        & (ev["month"] <= last_month)
        & (ev["event"] != "satisfaction_survey")
    ]
    items = [
        (int(m), 0, f"il {_KIND_TEXT[str(k)]}")
        for m, k in zip(mine["month"], mine["kind"], strict=False)
    ]
    items += [
        (int(m), 0, f"dans l’entreprise : {d[0].lower()}{d[1:]}")
        for m, d in zip(ev["month"], ev["description"], strict=False)
    ]
    for month, _, text in sorted(items, key=lambda t: (t[0], t[1])):
        lines.append(f"- Au {_when(result, month)}, {text}")
    if c["active"]:
        risk = c["monthly_churn_risk"]
        lines.append(
            f"Toujours client à la fin ({int(c['tenure_months'])} mois d’ancienneté) ; "
            f"risque de départ le mois prochain {format_number(100 * risk, 2)} %, "
            f"CLV attendue {format_money(c['expected_clv'], decimals=0)}."
        )
    else:
        lines.append(
            f"Il part au {_when(result, int(c['churn_month']))} {_CAUSE_TEXT[str(c['churn_cause'])]}, "
            f"après {int(c['tenure_months'])} mois."
        )
    lines.append(
        f"Bilan : {int(c['n_orders'])} commandes, chiffre d’affaires {format_money(c['revenue'], decimals=0)}, "
        f"marge brute {format_money(c['gross_margin'], decimals=0)}, "
        f"CLV réalisée {format_money(c['realised_clv'], decimals=0)}."
    )
    return "\n".join(lines)
