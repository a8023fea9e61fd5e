"""The course glossary: one French word per concept, and the synonyms it replaces.

The table is the source of truth for the vocabulary check of :mod:`crmsim.qa.french`
and is reproduced in ``docs/style-fr.md`` (a test checks that both agree). The chosen
words follow the course documents: the e-CRM report lists *le publipostage* and *la
lettre d'information* among the tools of e-marketing, the CRM essay speaks of
*marketing téléphonique* and *centres d'appel*, of *capital client* and of
*fidélisation*; the slides speak of *attrition*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["GLOSSARY", "Term", "forbidden_pattern"]


@dataclass(frozen=True)
class Term:
    """One concept of the course.

    Attributes
    ----------
    word : str
        The French word the course uses, everywhere.
    forbidden : tuple of str
        Synonyms that must not appear in student-facing text (matched as whole words,
        case-insensitive).
    meaning : str
        What the word means in the course (French, shown in the style guide).
    """

    word: str
    forbidden: tuple[str, ...]
    meaning: str


GLOSSARY: tuple[Term, ...] = (
    Term(
        "publipostage",
        ("mailing", "mailings", "e-mailing", "e-mailings", "emailing"),
        "envoi d’un même message personnalisé à une liste de destinataires ; "
        "« publipostage postal » (courrier) ou « publipostage électronique » (e-mails)",
    ),
    Term(
        "marketing téléphonique",
        ("phoning", "télémarketing", "telemarketing"),
        "campagne menée par appels sortants ; un contact de ce canal est un « appel »",
    ),
    Term("e-mail", ("email", "emails"), "message électronique (orthographe du cours : e-mail)"),
    Term(
        "bénéfice",
        ("profit", "profits"),
        "marge dégagée moins les coûts ; « bénéfice cumulé » sur une période",
    ),
    Term(
        "capital client",
        ("valeur du portefeuille", "customer equity"),
        "somme des valeurs futures actualisées des clients d’un portefeuille",
    ),
    Term(
        "valeur vie client (CLV)",
        ("lifetime value", "valeur à vie", "valeur de vie"),
        "marge actualisée qu’un client rapporte pendant toute sa relation avec l’entreprise",
    ),
    Term("attrition", ("churn", "churners", "churné", "churnés"), "départ des clients"),
    Term("chiffre d’affaires (CA)", ("chiffre d’affaire", "turnover"), "total des ventes"),
    Term("prospect", ("lead", "leads"), "contact qui n’a encore rien acheté"),
    Term("tableau de bord", ("dashboard",), "page de suivi des indicateurs"),
    Term("carnet", ("notebook", "notebooks"), "fichier Jupyter d’une leçon ou d’un exercice"),
    Term(
        "meilleurs clients",
        ("champions",),
        "segment RFM des clients récents, fréquents et dépensiers",
    ),
)


def forbidden_pattern() -> re.Pattern[str]:
    """One regular expression matching every forbidden synonym as a whole word.

    Examples
    --------
    >>> bool(forbidden_pattern().search("un mailing postal"))
    True
    >>> bool(forbidden_pattern().search("un publipostage postal"))
    False
    """
    words = sorted(
        {w.replace("’", "['’]") for t in GLOSSARY for w in t.forbidden}, key=len, reverse=True
    )
    alternatives = "|".join(w.replace(" ", r"\s+") for w in words)
    return re.compile(rf"(?<![\w@/.-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def replacement_for(found: str) -> str:
    """The course word that replaces a forbidden synonym.

    Examples
    --------
    >>> replacement_for("Mailing")
    'publipostage'
    """
    key = re.sub(r"\s+", " ", found.lower()).replace("'", "’")
    for term in GLOSSARY:
        if key in term.forbidden:
            return term.word
    return "?"
