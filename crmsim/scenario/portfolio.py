"""Parameter groups of the customer portfolio: share of wallet, competitors, product lines.

Conventions as in :mod:`crmsim.scenario.sections`: shares are fractions in [0, 1], rates
are monthly probabilities, money is in MAD. The mechanisms are described in docs/model.md
("Share of wallet and competitors", "Product lines and cross-selling").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from crmsim.errors import ScenarioError
from crmsim.scenario.fields import _gm, _Group, _p

__all__ = ["COMPETITOR_KEYS", "Competitor", "Lines", "Wallet"]

#: Keys of the competitor groups of :class:`Wallet`, in the order of their French names
#: (:data:`crmsim.labels.COMPETITORS`).
COMPETITOR_KEYS: tuple[str, ...] = ("competitor_a", "competitor_b", "competitor_c")


@dataclass(frozen=True, kw_only=True)
class Competitor(_Group):
    """One competitor: its price level and its quality (its attraction is quality / price)."""

    price_index: float = _p(
        1.0, 0.3, 3, "indice de prix du concurrent (1 = nos prix de départ)", "×"
    )
    quality: float = _p(7.0, 0.1, 10, "qualité perçue du concurrent", "points /10")


def _comp(price: float, quality: float) -> Any:
    return lambda: Competitor(price_index=price, quality=quality)


@dataclass(frozen=True, kw_only=True)
class Wallet(_Group):
    """Share of wallet (TCC): the part of a customer's category purchases made with us.

    ``share = base_share + own offset + satisfaction_effect x satisfaction gap
    + tenure_effect x min(tenure in years, tenure_cap_years) + line_effect x (lines - 1)
    - price_effect x price gap (%)``, clipped to [``min_share``, ``max_share``].
    """

    base_share: float = _p(0.35, 0, 1, "part de portefeuille de base d’un nouveau client", "")
    share_sd: float = _p(0.08, 0, 0.5, "dispersion de la part de portefeuille entre clients", "")
    satisfaction_effect: float = _p(
        0.05, 0, 0.5, "hausse de la part par point de satisfaction", "par point"
    )
    tenure_effect: float = _p(0.04, 0, 0.5, "hausse de la part par année d’ancienneté", "par an")
    tenure_cap_years: float = _p(5.0, 0, 50, "plafond de l’effet de l’ancienneté", "ans")
    line_effect: float = _p(
        0.06, 0, 0.5, "hausse de la part par gamme détenue en plus de la première", "par gamme"
    )
    price_effect: float = _p(
        0.01,
        0,
        0.2,
        "baisse de la part par point d’écart de prix avec le concurrent le moins cher",
        "par %",
    )
    min_share: float = _p(0.02, 0.001, 1, "part de portefeuille minimale", "")
    max_share: float = _p(0.95, 0, 1, "part de portefeuille maximale", "")
    competitor_concentration: float = _p(
        4.0, 0.1, 1000, "homogénéité des achats chez les concurrents (Dirichlet)", ""
    )
    prospect_sample: int = _p(
        500, 0, 1e6, "prospects échantillonnés (clients des concurrents)", "personnes", "int"
    )
    competitor_a: Competitor = field(default_factory=_comp(0.95, 6.0), metadata=_gm("Alizé"))
    competitor_b: Competitor = field(default_factory=_comp(1.0, 7.0), metadata=_gm("Borée"))
    competitor_c: Competitor = field(default_factory=_comp(1.1, 8.0), metadata=_gm("Chergui"))

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.min_share > self.max_share:
            raise ScenarioError(
                f"wallet.min_share ({self.min_share:g}) dépasse wallet.max_share "
                f"({self.max_share:g}) : la part minimale doit être au plus la part maximale."
            )


@dataclass(frozen=True, kw_only=True)
class Lines(_Group):
    """Product lines held (taux d’équipement) and development campaigns (cross-selling)."""

    lines_offered: int = _p(5, 1, 50, "gammes de produits proposées", "gammes", "int")
    initial_line_probability: float = _p(
        0.2, 0, 1, "probabilité de détenir chaque autre gamme à l’arrivée", ""
    )
    development_contact_rate: float = _p(
        0.0, 0, 1, "part des clients contactés pour une gamme de plus (Développer)", "par mois"
    )
    development_success_rate: float = _p(0.15, 0, 1, "part des contacts qui ajoutent une gamme", "")
    development_contact_cost_mad: float = _p(
        15.0, 0, 1e6, "coût d’un contact de développement", "MAD"
    )
