"""The seven performance indicators of a direct-marketing (CRM) campaign.

From the campaign's total cost, messages sent, responses, orders and order revenue:

========================================  =======================================
indicator                                 formula
========================================  =======================================
coût du contact                           coût total / messages émis
taux de remontée                          réponses / messages émis
commande moyenne                          CA des commandes / commandes
coût d'acquisition du prospect            coût total / réponses
taux de transformation                    commandes / réponses
coût d'acquisition du client              coût total / commandes
point mort (en commandes)                 coût total / marge brute par commande
========================================  =======================================

The course calls the fifth one "coût de transformation", but orders / responses is a
rate, not a cost: we name it *taux de transformation*.
"""

from __future__ import annotations

import math
import warnings

import pandas as pd

from crmsim._validation import french_arguments
from crmsim.errors import DataError

__all__ = ["KPI_INDICATORS", "campaign_kpis"]

#: (indicator_id, French name, formula, unit), in the course's order.
KPI_INDICATORS: tuple[tuple[str, str, str, str], ...] = (
    (
        "contact_cost",
        "Coût du contact",
        "coût total de l’opération / nombre de messages émis",
        "MAD par message",
    ),
    ("response_rate", "Taux de remontée", "nombre de réponses / nombre de messages émis", "taux"),
    (
        "average_order",
        "Commande moyenne",
        "CA total des commandes / nombre de commandes",
        "MAD par commande",
    ),
    (
        "prospect_acquisition_cost",
        "Coût d’acquisition du prospect",
        "coût total de l’opération / nombre de réponses",
        "MAD par réponse",
    ),
    (
        "conversion_rate",
        "Taux de transformation",
        "nombre de commandes / nombre de réponses",
        "taux",
    ),
    (
        "customer_acquisition_cost",
        "Coût d’acquisition du client",
        "coût total de l’opération / nombre de commandes",
        "MAD par commande",
    ),
    (
        "break_even_orders",
        "Point mort",
        "coût total de l’opération / marge brute par commande",
        "commandes",
    ),
)


def _amount(value: object, name: str, *, allow_none: bool = False) -> float | None:
    """Return ``value`` as a finite non-negative float, or raise a French DataError."""
    if value is None and allow_none:
        return None
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise DataError(f"{name} doit être un nombre, reçu {value!r}.") from None
    if not math.isfinite(x):
        raise DataError(f"{name} doit être un nombre fini, reçu {value!r}.")
    if x < 0:
        raise DataError(f"{name} ne peut pas être négatif, reçu {value!r}.")
    return x


def _ratio(num: float, den: float, what: str, why: str) -> float:
    """num / den, or NaN with a warning when den is 0."""
    if den == 0:
        warnings.warn(f"{what} : valeur indéfinie (NaN), {why}.", stacklevel=4)
        return math.nan
    return num / den


@french_arguments
def campaign_kpis(
    *,
    total_cost: float,
    messages_sent: float,
    responses: float,
    orders: float,
    order_revenue: float,
    gross_margin_per_order: float | None = None,
    margin_rate: float | None = None,
) -> pd.DataFrame:
    """The seven indicators of a campaign, in the course's order.

    Parameters
    ----------
    total_cost : float
        Total cost of the operation (MAD).
    messages_sent : float
        Number of messages sent (mailings, e-mails, calls); must be positive.
    responses : float
        Number of responses (returned coupons, calls, clicks...).
    orders : float
        Number of orders.
    order_revenue : float
        Total revenue of the orders (MAD).
    gross_margin_per_order : float, optional
        Gross margin of one order (MAD), for the break-even point.
    margin_rate : float, optional
        Or a gross margin rate (0-1) applied to the average order. Give one of the two;
        with neither, the break-even point is NaN (with a warning).

    Returns
    -------
    DataFrame
        Seven rows, one per indicator.

        Columns
        -------
        indicator_id : str
            contact_cost, response_rate, average_order, prospect_acquisition_cost,
            conversion_rate, customer_acquisition_cost, break_even_orders.
        indicator : str
            French name.
        value : float
            Value (rates as fractions 0-1; NaN, with a warning, where the denominator
            is 0: no response, no order, no margin).
        unit : str
            "MAD par message", "taux", "commandes"...
        formula : str
            The formula, in French.

    Raises
    ------
    DataError
        A negative, infinite or non-numeric input, no message sent, both margin inputs
        given, a margin rate outside [0, 1].

    Warns
    -----
    UserWarning
        Zero denominators (NaN values), more responses than messages or more orders than
        responses (suspicious counts).

    Examples
    --------
    >>> from crmsim.analysis import campaign_kpis
    >>> kpis = campaign_kpis(total_cost=50_000, messages_sent=10_000, responses=400,
    ...                      orders=100, order_revenue=80_000, gross_margin_per_order=250)
    >>> dict(zip(kpis["indicator_id"], kpis["value"]))  # doctest: +NORMALIZE_WHITESPACE
    {'contact_cost': 5.0, 'response_rate': 0.04, 'average_order': 800.0,
     'prospect_acquisition_cost': 125.0, 'conversion_rate': 0.25,
     'customer_acquisition_cost': 500.0, 'break_even_orders': 200.0}
    """
    cost = _amount(total_cost, "total_cost (coût total)")
    sent = _amount(messages_sent, "messages_sent (messages émis)")
    resp = _amount(responses, "responses (réponses)")
    n_orders = _amount(orders, "orders (commandes)")
    revenue = _amount(order_revenue, "order_revenue (CA des commandes)")
    margin = _amount(gross_margin_per_order, "gross_margin_per_order", allow_none=True)
    rate = _amount(margin_rate, "margin_rate (taux de marge)", allow_none=True)
    if sent == 0:
        raise DataError(
            "messages_sent (messages émis) vaut 0 : sans message émis, aucun indicateur de "
            "campagne n’a de sens. Indiquez le nombre de messages envoyés."
        )
    if margin is not None and rate is not None:
        raise DataError(
            "Donnez gross_margin_per_order (marge par commande) OU margin_rate (taux de "
            "marge), pas les deux."
        )
    if rate is not None and rate > 1:
        raise DataError(
            f"margin_rate doit être entre 0 et 1, reçu {margin_rate!r}"
            + (f" (un pourcentage ? écrivez {rate / 100:g})." if rate <= 100 else ".")
        )
    if resp > sent:  # type: ignore[operator]
        warnings.warn(
            f"Plus de réponses ({resp:g}) que de messages émis ({sent:g}) : vérifiez les "
            "comptages.",
            stacklevel=3,  # the caller, past the french_arguments wrapper
        )
    if n_orders > resp:  # type: ignore[operator]
        warnings.warn(
            f"Plus de commandes ({n_orders:g}) que de réponses ({resp:g}) : le taux de "
            "transformation dépassera 100 %, vérifiez les comptages.",
            stacklevel=3,  # the caller, past the french_arguments wrapper
        )
    average = _ratio(revenue, n_orders, "Commande moyenne", "aucune commande")
    if margin is None and rate is not None:
        margin = rate * average
    if margin is None:
        warnings.warn(
            "Point mort : valeur indéfinie (NaN), donnez gross_margin_per_order ou margin_rate.",
            stacklevel=3,  # the caller, past the french_arguments wrapper
        )
        break_even = math.nan
    elif math.isnan(margin):
        break_even = math.nan
    else:
        break_even = _ratio(cost, margin, "Point mort", "marge brute par commande nulle")
    values = [
        cost / sent,
        resp / sent,
        average,
        _ratio(cost, resp, "Coût d’acquisition du prospect", "aucune réponse"),
        _ratio(n_orders, resp, "Taux de transformation", "aucune réponse"),
        _ratio(cost, n_orders, "Coût d’acquisition du client", "aucune commande"),
        break_even,
    ]
    return pd.DataFrame(
        {
            "indicator_id": [k[0] for k in KPI_INDICATORS],
            "indicator": [k[1] for k in KPI_INDICATORS],
            "value": values,
            "unit": [k[3] for k in KPI_INDICATORS],
            "formula": [k[2] for k in KPI_INDICATORS],
        }
    )
