"""Answer checks of lesson 8: campaign indicators and word of mouth (Bass)."""

from __future__ import annotations

import pandas as pd

from crmsim.analysis import bass_adoption, bass_peak, campaign_kpis_by_channel
from crmsim.exercises._checks import check_number
from crmsim.exercises._feedback import Feedback

__all__ = [
    "check_bass_adopters",
    "check_bass_peak",
    "check_customer_acquisition_cost",
    "check_response_rate",
    "check_word_of_mouth_balance",
]


def _kpi(campaigns: pd.DataFrame, channel: str, name: str) -> float:
    table = campaign_kpis_by_channel(campaigns).set_index("channel")
    return float(table.loc[channel, name])


def check_response_rate(
    answer: object, campaigns: pd.DataFrame, channel: str = "mailing"
) -> Feedback:
    """Check the response rate (responses / messages) of ``channel`` over the whole run."""
    return check_number(
        answer,
        _kpi(campaigns, channel, "response_rate"),
        what=f"le taux de remontée du canal « {channel} »",
        hint=(
            "Gardez les lignes du canal, additionnez les réponses et les messages sur toute "
            "la période, puis divisez : un taux entre 0 et 1."
        ),
        percent_hint=True,
    )


def check_customer_acquisition_cost(
    answer: object, campaigns: pd.DataFrame, channel: str = "mailing"
) -> Feedback:
    """Check the customer acquisition cost (total cost / orders) of ``channel``."""
    return check_number(
        answer,
        _kpi(campaigns, channel, "customer_acquisition_cost"),
        what=f"le coût d'acquisition d'un client par « {channel} »",
        hint="Coût total de l'opération divisé par le nombre de commandes (pas de réponses).",
    )


def check_bass_adopters(
    answer: object, p: float, q: float, market_size: float, months: int
) -> Feedback:
    """Check N after ``months`` periods of the discrete Bass recurrence, from N = 0."""
    expected = float(bass_adoption(p, q, market_size, months)["adopters"].iloc[months])
    return check_number(
        answer,
        expected,
        what=f"le nombre d'adoptants après {months} mois (Bass discret)",
        hint=(
            "Partez de N = 0 et répétez N = N + (p + q * N / M) * (M - N) autant de fois "
            "qu'il y a de mois (une boucle for)."
        ),
        rel_tol=1e-3,
    )


def check_bass_peak(answer: object, p: float, q: float) -> Feedback:
    """Check the month of the adoption peak of the continuous Bass curve."""
    return check_number(
        answer,
        bass_peak(p, q),
        what="le mois du pic des adoptions",
        hint="t* = ln(q / p) / (p + q) ; utilisez np.log.",
        rel_tol=1e-2,
    )


def check_word_of_mouth_balance(answer: object, unhappy: float = 10, happy: float = 3) -> Feedback:
    """Check how many happy customers offset one unhappy one (``unhappy / happy`` people)."""
    return check_number(
        answer,
        unhappy / happy,
        what="le nombre de clients satisfaits qui compensent un mécontent",
        hint=(
            f"Un mécontent en parle à {unhappy:g} personnes, un satisfait à {happy:g} : "
            "combien de satisfaits faut-il pour toucher autant de monde ?"
        ),
        rel_tol=1e-2,
    )
