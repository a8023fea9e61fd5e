"""Exercises of the course: one variant per student, answer checks, grading.

Each exercise module (``introduction``, ``pareto``, ``abc``, ... ``experience``) defines ``make_data(rng)`` and
``EXERCISE``, an :class:`~crmsim.exercises.variants.Exercise`. The checks return a
:class:`Feedback` (French: what is right, what is wrong, a hint that gets more precise
after a second wrong answer, never the answer); a wrong type gets a message that says
what to give; a check never raises.

How a solution notebook declares an exercise (``solutions/NN_nom.ipynb``)
--------------------------------------------------------------------------
1. First code cell, the student cell::

       ### BEGIN SOLUTION
       NUMERO_ETUDIANT = "cours"
       ### END SOLUTION

   ``"cours"`` (:data:`~crmsim.exercises.variants.COURSE`) is the course's own version,
   used by the solutions and their stored outputs. The student version reads
   ``NUMERO_ETUDIANT = ...  # à compléter``.
2. Second code cell: ``exo = verif.EXERCISE.start(NUMERO_ETUDIANT)`` (``verif`` is the
   exercise module), then the tables: ``clients = exo["clients"]``. Every table and
   parameter comes from ``make_data``: with ``rng=None`` it returns the course's tables,
   else it draws them with the ``numpy`` generator seeded by
   :func:`~crmsim.exercises.variants.variant_seed` (BLAKE2b of the exercise's name and
   the identifier: the same numbers on every machine).
3. Each question's code cell: the answer between ``### BEGIN SOLUTION`` and
   ``### END SOLUTION`` assigns the variable named by its
   :class:`~crmsim.exercises.variants.Question`, then ``exo.check("q1", variable)``.
   A check is ``check(answer, data) -> Feedback`` and computes its expected value from
   ``data``, the variant's tables: never a number written in the check.
4. Free-text questions: a Markdown cell with the id given as the question's ``answer``
   (``reponse-q5``), the model answer between ``<!-- BEGIN SOLUTION -->`` and
   ``<!-- END SOLUTION -->``; the question's ``checklist`` is shown to the grader.

``python -m crmsim.exercises build`` writes ``exercises/`` from ``solutions/``;
``python -m crmsim.exercises grade SUBMISSIONS --out notes.csv`` grades submitted notebooks
(:mod:`crmsim.exercises.grading`).
``quiz("pareto")`` shows a lesson's self-check quiz (questions in
``crmsim/exercises/quizzes/*.toml``; see :mod:`crmsim.exercises.quiz`).

Examples
--------
>>> from crmsim.exercises import pareto
>>> exo = pareto.EXERCISE.start("cours")
>>> exo.check("q2", ...).status
'a_completer'
>>> exo.check("q2", [1, 16, 2, 20]).ok
True
>>> EXERCISES["03_pareto"] is pareto.EXERCISE
True
"""

from crmsim.exercises import (
    abc,
    acquisition,
    attrition,
    diagnostic,
    ecrm,
    experience,
    introduction,
    kpi,
    loyalty,
    matrices,
    outils_grc,
    pareto,
    portefeuille_simule,
    quiz,
    rfm,
    scoring,
    tcc,
)
from crmsim.exercises._feedback import Feedback, is_unanswered
from crmsim.exercises.variants import COURSE, Exercise, Question, Variant, variant_seed

#: Every exercise, by name (the notebook's stem).
EXERCISES = {
    module.EXERCISE.name: module.EXERCISE
    for module in (
        introduction,
        outils_grc,
        pareto,
        abc,
        matrices,
        scoring,
        rfm,
        tcc,
        kpi,
        acquisition,
        attrition,
        diagnostic,
        loyalty,
        experience,
        ecrm,
        portefeuille_simule,
    )
}

__all__ = [
    "COURSE",
    "EXERCISES",
    "Exercise",
    "Feedback",
    "Question",
    "Variant",
    "abc",
    "acquisition",
    "attrition",
    "diagnostic",
    "ecrm",
    "experience",
    "introduction",
    "is_unanswered",
    "kpi",
    "loyalty",
    "matrices",
    "outils_grc",
    "pareto",
    "portefeuille_simule",
    "quiz",
    "rfm",
    "scoring",
    "tcc",
    "variant_seed",
]
