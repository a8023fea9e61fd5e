"""Answer checks of lesson 10: customer lifetime value and loyalty economics."""

from __future__ import annotations

from collections.abc import Sequence

from crmsim import datasets
from crmsim.analysis import clv, customer_value, retention_leverage
from crmsim.exercises._checks import check_number
from crmsim.exercises._feedback import Feedback

__all__ = [
    "check_clv",
    "check_customer_value",
    "check_retention_change",
    "check_segment_profit_ratio",
    "check_tier_revenue_index",
]


def _tidy(answer: object) -> object:
    """A numeric answer rounded to 6 decimals, so that 5399.999999999 is shown as 5 400."""
    if answer is None or isinstance(answer, (bool, str)):
        return answer
    try:
        return round(float(answer), 6)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return answer


def check_clv(
    answer: object, margin: float, retention: float, discount_rate: float, timing: str = "end"
) -> Feedback:
    """Check a CLV with constant margin, retention and discount rate."""
    formula = "m r / (1 + d - r)" if timing == "end" else "m (1 + d) / (1 + d - r)"
    return check_number(
        _tidy(answer),
        clv(margin, retention, discount_rate, timing=timing),
        what="la valeur vie client"
        + (" (première marge reçue tout de suite)" if timing == "start" else ""),
        hint=f"CLV = {formula}, avec r et d en fractions (0.9, pas 90).",
    )


def check_retention_change(
    answer: object,
    margin: float,
    retention: float,
    discount_rate: float,
    improvement: float = 0.05,
) -> Feedback:
    """Check the relative change of the CLV when retention gains ``improvement`` points."""
    table = retention_leverage(
        margin, retention, improvement=improvement, discount_rate=discount_rate, horizon=5000
    )
    return check_number(
        _tidy(answer),
        float(table["change"].iloc[1]),
        what="la variation relative de la CLV",
        hint="Calculez la CLV avant et après, puis (après / avant) - 1 : une fraction (0.4 = +40 %).",
        rel_tol=1e-3,
        percent_hint=True,
    )


def check_customer_value(
    answer: object,
    margins: Sequence[float],
    retention: float,
    discount_rate: float,
    acquisition_cost: float,
) -> Feedback:
    """Check the present value of a new customer with margins varying by year of tenure."""
    return check_number(
        _tidy(answer),
        customer_value(margins, retention, discount_rate, acquisition_cost=acquisition_cost),
        what="la valeur actuelle d'un nouveau client",
        hint=(
            "Somme sur t = 1, 2, ... de m_t r^t / (1 + d)^t, moins le coût d'acquisition ; "
            "la marge de l'année t n'est reçue que si le client est encore là (r^t)."
        ),
    )


def check_segment_profit_ratio(answer: object) -> Feedback:
    """Check profit per customer of segment IV divided by that of segment I."""
    seg = datasets.load("loyalty_segments").set_index("segment")
    per_customer = seg["share_profit"] / seg["share_customers"]
    return check_number(
        _tidy(answer),
        float(per_customer["IV"] / per_customer["I"]),
        what="le rapport du bénéfice par client du segment IV à celui du segment I",
        hint="Pour chaque segment, part du bénéfice / part des clients ; puis IV divisé par I.",
        rel_tol=1e-3,
    )


def check_tier_revenue_index(answer: object, tier: int = 1) -> Feedback:
    """Check the revenue per customer of a portfolio tier relative to the average customer."""
    tiers = datasets.load("portfolio_tiers").set_index("tier")
    row = tiers.loc[tier]
    return check_number(
        _tidy(answer),
        float(row["share_revenue"] / row["share_customers"]),
        what=f"l'indice de CA par client de la tranche {tier}",
        hint="Part du CA / part des clients : 1 = client moyen.",
        rel_tol=1e-3,
    )
