"""e-CRM: a simulated web audience where the course's tracking rules are real triggers.

The four rules of the course's table (document 002, Tableau 3; ``datasets/ecrm_triggers.csv``)
become switchable triggers of a SimPy simulation of a web site's visitors:

- ``banniere``: a visit from a search keyword lands on a self-promotion banner;
- ``email``: the N-th view (5 by default) of the same product page without an order sends a
  reminder e-mail with an incentive;
- ``appel``: an order started and stopped before payment brings a customer-service call;
- ``enquete``: a regular visitor back after a month of silence (31 days) gets a
  satisfaction survey at that visit.

This package is part of the model layer: it never imports matplotlib or ipywidgets.

Examples
--------
>>> from crmsim import ecrm
>>> res = ecrm.simulate_audience(ecrm.WebAudience(visitors=300, days=60), seed=3)
>>> table = ecrm.trigger_summary(ecrm.WebAudience(visitors=300, days=60), seed=3)
>>> table["trigger"].tolist()
['banniere', 'email', 'appel', 'enquete', 'ensemble']
"""

from __future__ import annotations

from crmsim.ecrm.params import TRIGGER_FIELDS, TRIGGER_LABELS, TRIGGERS, Parameter, WebAudience
from crmsim.ecrm.results import COLUMNS, PAGES, AudienceResult, simulate_audience
from crmsim.ecrm.rules import email_rule, survey_rule
from crmsim.ecrm.summary import (
    SUMMARY_COLUMNS,
    best_value,
    threshold_sweep,
    trigger_summary,
    trigger_table,
)

__all__ = [
    "COLUMNS",
    "PAGES",
    "SUMMARY_COLUMNS",
    "TRIGGERS",
    "TRIGGER_FIELDS",
    "TRIGGER_LABELS",
    "AudienceResult",
    "Parameter",
    "WebAudience",
    "best_value",
    "email_rule",
    "simulate_audience",
    "survey_rule",
    "threshold_sweep",
    "trigger_summary",
    "trigger_table",
]
