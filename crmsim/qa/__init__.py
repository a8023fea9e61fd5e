"""Quality checks of the course material (French typography and vocabulary).

See :mod:`crmsim.qa.french` (``python -m crmsim.qa.french``) and ``docs/style-fr.md``.
"""
