"""Allow-list of the French checker: accepted exceptions, each with its reason.

An entry covers a problem when the file matches ``path`` (a glob, relative to the
repository root), the rule is ``rule`` (or ``"*"``) and ``text`` appears in the
problem's excerpt.

:data:`ALLOWED` holds the lasting exceptions. :data:`PENDING` lists files owned by other
parts of the project at the time the checker was introduced, whose mechanical fixes
(``python -m crmsim.qa.french --fix``) and re-executed outputs were to be applied when
the branches are merged; it must shrink to nothing (``tests/test_french.py`` reports it).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ALLOWED", "PENDING", "Allowed"]


@dataclass(frozen=True)
class Allowed:
    """One accepted exception of :mod:`crmsim.qa.french`, with the reason."""

    path: str
    rule: str
    text: str
    reason: str


_QUOTE = (
    "Citation exacte du support de cours, entre guillemets : on ne change pas les mots d’une "
    "citation (le texte qui suit parle de bénéfice)."
)
_PARAMETER = (
    "Paramètre d’un modèle donné à l’étudiant pour qu’il le recopie dans son code "
    "(tableau « Nom dans le code » / « Valeur ») : c’est une donnée, pas un résultat à arrondir."
)

_TRIGGER_CODE = (
    "Code du déclencheur (`email`, colonne `emails`) que l’étudiant lit et tape dans ses "
    "réponses : un identifiant, pas un mot du texte (le texte dit « e-mail »)."
)

ALLOWED: tuple[Allowed, ...] = (
    Allowed(
        "crmsim/analysis/survival.py",
        "ponctuation-collee",
        "{cause: risque}",
        "Notation d’un dictionnaire Python montrée telle qu’il faut la taper.",
    ),
    Allowed(
        "crmsim/plotting/lifetime.py",
        "ponctuation-collee",
        "{libellé: tableau}",
        "Notation d’un dictionnaire Python montrée telle qu’il faut la taper.",
    ),
    Allowed(
        "crmsim/analysis/experience.py",
        "ponctuation-collee",
        "{nom de la situation: table monthly}",
        "Notation d’un dictionnaire Python montrée telle qu’il faut la taper.",
    ),
    Allowed(
        "crmsim/exercises/kpi.py",
        "synonyme",
        "dictionnaire `mailing`",
        'Nom, en police de code, de la donnée de l’exercice (exo["mailing"]) que '
        "l’étudiant doit lire : un identifiant, pas un mot du texte.",
    ),
    Allowed("solutions/14_ecrm.ipynb", "synonyme", "email", _TRIGGER_CODE),
    Allowed("exercises/14_ecrm.ipynb", "synonyme", "email", _TRIGGER_CODE),
    Allowed("*/12_fidelite.ipynb", "synonyme", "fait croître les profits", _QUOTE),
    Allowed("*/01_introduction.ipynb", "synonyme", "fait croître les profits", _QUOTE),
    Allowed("*/10_acquisition.ipynb", "decimales", "0,003", f"{_PARAMETER} (p de Bass)"),
    Allowed("*/11_attrition.ipynb", "decimales", "0,00", f"{_PARAMETER} (risques mensuels)"),
)

PENDING: tuple[Allowed, ...] = ()
