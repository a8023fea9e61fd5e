"""Answer checks of the TCC and RADAR exercise (course table ``tcc_sales``).

Course answer: the TCC of firm A at customer λ is 30 / 160 = 18,75 %.
"""

from __future__ import annotations

from collections.abc import Mapping

from crmsim import datasets
from crmsim.analysis.tcc import RADAR_STRATEGIES, radar, tcc
from crmsim.exercises._checks import check_number, check_sequence, check_set
from crmsim.exercises._feedback import Feedback, is_unanswered

__all__ = [
    "CUSTOMERS",
    "check_high_value",
    "check_radar_strategies",
    "check_tcc_a",
    "check_tcc_a_lambda",
]

#: The course's customers, in the order of its table.
CUSTOMERS = ("λ", "ξ", "μ", "η", "Σ")


def _tcc_a() -> dict[str, float]:
    table = tcc(datasets.load("tcc_sales"), firm="A")
    return dict(zip(table["customer"], table["tcc"], strict=True))


def check_tcc_a_lambda(answer: object) -> Feedback:
    """Check the TCC of firm A at customer λ, as a share (0-1)."""
    return check_number(
        answer,
        _tcc_a()["λ"],
        what="le TCC de A chez λ",
        hint=(
            "Ventes de A chez λ divisées par le potentiel d'achat de λ, c'est-à-dire le "
            "total des ventes de TOUTES les entreprises chez λ (colonne λ du tableau)."
        ),
        percent_hint=True,
    )


def check_tcc_a(answer: object) -> Feedback:
    """Check the five TCCs of firm A, in the order λ, ξ, μ, η, Σ (shares 0-1)."""
    tccs = _tcc_a()
    return check_sequence(
        answer,
        [tccs[c] for c in CUSTOMERS],
        what="la suite des cinq TCC de A",
        hint=(
            "Pour chaque client (dans l'ordre λ, ξ, μ, η, Σ), divisez la ligne A par la "
            "ligne Total du tableau des ventes ; donnez des parts entre 0 et 1."
        ),
    )


def check_high_value(answer: object, threshold: float = 0.25) -> Feedback:
    """Check the customers where A's TCC reaches ``threshold`` (default 25 %)."""
    tccs = _tcc_a()
    return check_set(
        answer,
        [c for c in CUSTOMERS if tccs[c] >= threshold],
        what="la liste des clients à forte valeur pour A",
        hint=(
            "Comparez chaque TCC de A au seuil ; un TCC égal au seuil compte comme fort. "
            "Les clients s'écrivent comme dans le tableau : 'λ', 'ξ', 'μ', 'η', 'Σ'."
        ),
        label="client",
    )


def check_radar_strategies(answer: object) -> Feedback:
    """Check a mapping customer -> RADAR strategy for firm A (default threshold)."""
    what = "l'affectation RADAR des clients de A"
    hint = (
        "Relisez la règle de la leçon : TCC sous le seuil -> Développer (sans historique), "
        "au-dessus -> Retenir si le potentiel du client atteint la médiane des potentiels, "
        "sinon Accompagner."
    )
    if is_unanswered(answer):
        return Feedback.todo(what)
    if not isinstance(answer, Mapping):
        return Feedback(
            "incorrect",
            "La réponse doit être un dictionnaire, par exemple {'λ': 'Acquérir', ...}.",
            hint=hint,
        )
    table = radar(datasets.load("tcc_sales"), firm="A")
    expected = dict(zip(table["customer"], table["strategy"], strict=True))
    known = set(RADAR_STRATEGIES)
    unknown = sorted({str(v) for v in answer.values() if v not in known})
    right = [c for c in expected if answer.get(c) == expected[c]]
    missing = [c for c in expected if c not in answer]
    wrong = []
    if unknown:
        wrong.append(
            f"Stratégie(s) inconnue(s) : {', '.join(unknown)} (attendu : une de "
            f"{', '.join(RADAR_STRATEGIES)})."
        )
    if missing:
        wrong.append(f"Il manque {len(missing)} client(s).")
    extra = [c for c in answer if c not in expected]
    if extra:
        wrong.append(f"{len(extra)} client(s) inconnu(s) : {', '.join(map(str, extra))}.")
    n_bad = len(expected) - len(right) - len(missing)
    if n_bad:
        wrong.append(f"{n_bad} client(s) mal placé(s).")
    if not wrong:
        return Feedback("correct", f"Bravo, {what} est juste.")
    return Feedback(
        "incorrect",
        "L'affectation RADAR des clients de A n'est pas encore juste.",
        right=[f"{len(right)} client(s) sur {len(expected)} bien placé(s)."] if right else [],
        wrong=wrong,
        hint=hint,
    )
