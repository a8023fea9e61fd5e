"""B2B accounts: the scoring grids' criteria (notes 1-5) derived from a simulated run.

The ``accounts`` table has the shape of the course's ``datasets/scoring_notes.csv``: one
row per account active at the end of the run, its revenue with the firm over the last
year of the run and one note from 1 (mauvais) to 5 (excellent) per criterion of the
potential and performance grids (``datasets/scoring_criteria.csv``). Each note follows a
documented rule (docs/model.md, "B2B accounts"):

* quantities of the run are cut into quintiles over the accounts (note 1 for the lowest
  fifth, 5 for the highest): the account's category purchases from all suppliers
  (``ca_client``), its orders per year with the firm (``frequence_achat_12m``), the
  firm's sales to it (``ventes_realisees``) and its annual production capacity
  (``capacite_production``, its category purchases times a log-normal draw of sd 0.5);
  ``difficulte_conditions`` is the reversed quintile of its price sensitivity (the most
  price-sensitive fifth negotiates the hardest terms: note 1);
* the sector (drawn uniformly among :data:`crmsim.labels.SECTORS`) gives the
  attractiveness (``attractivite_secteur``) and the type of derived market
  (``type_marche_derive``) from :data:`SECTOR_NOTES`, and the mean technology level,
  around which the account's ``niveau_technologie`` is drawn (normal, sd 0.8, rounded
  and clipped to 1-5);
* ``anciennete_portefeuille``: tenure bands under 1 year, 1-2, 2-4, 4-6, 6 years or more;
* ``taux_equipement``: ``1 + 4 x (lines - 1) / (lines offered - 1)``, rounded.

The draws (sector, technology, capacity) come from the run's accounts stream, whose state
the log keeps.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim import labels as L
from crmsim.model.runlog import RunLog
from crmsim.scenario import Scenario

__all__ = ["CRITERIA", "SECTOR_NOTES", "accounts", "quintile_notes"]

#: Criteria of the two grids, in the order of ``datasets/scoring_criteria.csv``.
CRITERIA: tuple[str, ...] = (
    "attractivite_secteur",
    "niveau_technologie",
    "ca_client",
    "frequence_achat_12m",
    "type_marche_derive",
    "ventes_realisees",
    "anciennete_portefeuille",
    "taux_equipement",
    "capacite_production",
    "difficulte_conditions",
)

#: By sector (order of :data:`crmsim.labels.SECTORS`): attractiveness, mean technology
#: level and type of derived market, each on the 1-5 scale.
SECTOR_NOTES: np.ndarray = np.array(
    [
        [4, 2, 5],  # agroalimentaire: steady consumer demand downstream
        [3, 4, 3],  # automobile
        [2, 2, 2],  # bâtiment: cyclical
        [3, 4, 3],  # chimie
        [5, 5, 4],  # électronique: growing, high technology
        [1, 2, 1],  # textile: shrinking
    ]
)

#: Upper bounds (years) of the tenure bands 1-4; 5 beyond the last.
TENURE_BANDS = (1.0, 2.0, 4.0, 6.0)


def quintile_notes(values: np.ndarray) -> np.ndarray:
    """Note 1-5 by quintile of ``values`` (ties broken by order: each fifth gets one note).

    Examples
    --------
    >>> quintile_notes(np.array([10.0, 50.0, 20.0, 40.0, 30.0])).tolist()
    [1, 5, 2, 4, 3]
    """
    n = len(values)
    rank = np.empty(n, np.int64)
    rank[np.argsort(values, kind="stable")] = np.arange(n)
    return 1 + (5 * rank) // max(n, 1)


def _stream(log: RunLog) -> np.random.Generator:
    state = log.extra["accounts_stream"]
    bit = getattr(np.random, state["bit_generator"])()
    bit.state = state
    return np.random.Generator(bit)


def accounts(
    log: RunLog, scenario: Scenario, customers: pd.DataFrame, wal: pd.DataFrame
) -> pd.DataFrame:
    """The scoring notes of the accounts active at the end (``COLUMNS["accounts"]``).

    ``customers`` and ``wal`` are the run's customers and wallet tables.
    """
    assert log.population is not None, "the run is not finished"
    rng = _stream(log)
    n_all = len(customers)
    sector_all = rng.integers(0, len(L.SECTORS), n_all)
    tech_all = rng.normal(0.0, 0.8, n_all)
    capacity_all = np.exp(rng.normal(0.0, 0.5, n_all))
    active = customers["active"].to_numpy()
    ids = customers["customer_id"].to_numpy()[active]
    last = wal[wal["year"] == wal["year"].max()].set_index("customer_id") if len(wal) else wal
    sales = last["firm_sales_mad"].reindex(ids, fill_value=0.0).to_numpy()
    size = last["category_budget_mad"].reindex(ids, fill_value=0.0).to_numpy()
    cu = customers[active]
    tenure = cu["tenure_months"].to_numpy()
    months = np.minimum(tenure, scenario.months)
    freq = 12.0 * cu["n_orders"].to_numpy() / np.maximum(months, 1)
    sector = sector_all[ids]
    notes = SECTOR_NOTES[sector]
    tech = np.clip(np.rint(notes[:, 1] + tech_all[ids]), 1, 5).astype(np.int64)
    n_lines = scenario.lines.lines_offered
    lines = cu["lines_held"].to_numpy()
    equip = 5 if n_lines == 1 else np.rint(1 + 4 * (lines - 1) / (n_lines - 1))
    return pd.DataFrame(
        {
            "customer_id": ids,
            "revenue": sales,
            "attractivite_secteur": notes[:, 0],
            "niveau_technologie": tech,
            "ca_client": quintile_notes(size),
            "frequence_achat_12m": quintile_notes(freq),
            "type_marche_derive": notes[:, 2],
            "ventes_realisees": quintile_notes(sales),
            "anciennete_portefeuille": 1 + np.searchsorted(TENURE_BANDS, tenure / 12, "right"),
            "taux_equipement": np.broadcast_to(equip, len(ids)).astype(np.int64),
            "capacite_production": quintile_notes(size * capacity_all[ids]),
            "difficulte_conditions": 6 - quintile_notes(cu["price_sensitivity"].to_numpy()),
        },
        copy=False,
    )
