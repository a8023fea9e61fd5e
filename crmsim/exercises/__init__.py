"""Answer checks of the exercise notebooks, with French feedback.

Each ``check_*`` function takes the student's answer and returns a :class:`Feedback`
that says what is right, what is wrong and gives a hint, without revealing the answer.
An unanswered question (``...``) gets "à compléter". The student notebooks in
``exercises/`` are generated from ``solutions/`` by ``python -m crmsim.exercises build``.

Examples
--------
>>> from crmsim.exercises import pareto
>>> pareto.check_pareto_head(...).status
'a_completer'
>>> pareto.check_pareto_head([1, 16, 2, 20]).ok
True
"""

from crmsim.exercises import (
    abc,
    acquisition,
    attrition,
    ecrm,
    kpi,
    loyalty,
    matrices,
    pareto,
    rfm,
    scoring,
    tcc,
)
from crmsim.exercises._feedback import Feedback, is_unanswered

__all__ = [
    "Feedback",
    "abc",
    "acquisition",
    "attrition",
    "ecrm",
    "is_unanswered",
    "kpi",
    "loyalty",
    "matrices",
    "pareto",
    "rfm",
    "scoring",
    "tcc",
]
