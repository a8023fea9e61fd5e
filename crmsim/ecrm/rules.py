"""The tracking rules of the course applied to a visit log (what the firm can compute).

These functions read a log of visits (one row per visit) and return the visits where a
rule fires. They apply the same rules as the simulation (:mod:`crmsim.ecrm.engine`) to
any log with the right columns, simulated or real.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim._validation import (
    check_flags,
    check_integers,
    check_numeric,
    check_table,
    french_arguments,
)
from crmsim.errors import DataError

__all__ = ["email_rule", "survey_rule"]


def _log(log: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    log = check_table(
        log,
        ["session_id", "visitor_id", "visit_number", *columns],
        name="log",
        id_col="session_id",
        keys=["visitor_id"],
    )
    check_integers(log, "visit_number", name="log", allow_negative=False)
    return log.sort_values(["visitor_id", "visit_number"])


@french_arguments
def email_rule(log: pd.DataFrame, threshold: int = 5) -> list[int]:
    """Visits where the reminder e-mail fires: the ``threshold``-th product-page view
    without an order since the visitor's last order.

    Parameters
    ----------
    log : DataFrame
        Columns ``session_id``, ``visitor_id``, ``visit_number``, ``product_view`` (bool)
        and ``ordered`` (bool: an order paid at this visit).
    threshold : int, default 5
        Number of views that fires the e-mail (the course's 5).

    Returns
    -------
    list of int
        The ``session_id`` of those visits, in increasing order.

    Examples
    --------
    >>> import pandas as pd
    >>> log = pd.DataFrame({"session_id": range(6), "visitor_id": 0,
    ...                     "visit_number": range(1, 7),
    ...                     "product_view": [True, True, False, True, True, True],
    ...                     "ordered": [False, True, False, False, False, False]})
    >>> email_rule(log, threshold=3)
    [5]
    """
    if isinstance(threshold, bool) or not isinstance(threshold, (int, np.integer)):
        raise DataError(
            f"threshold doit être un nombre entier de consultations, reçu {threshold!r}."
        )
    if threshold < 1:
        raise DataError(f"threshold doit être au moins 1, reçu {threshold}.")
    log = _log(log, ["product_view", "ordered"])
    check_flags(log, "product_view", name="log")
    check_flags(log, "ordered", name="log")
    fired = []
    for _, visits in log.groupby("visitor_id", sort=False):
        views = 0
        for sid, viewed, ordered in zip(
            visits["session_id"], visits["product_view"], visits["ordered"], strict=True
        ):
            if viewed:
                views += 1
            if ordered:
                views = 0
            elif viewed and views == threshold:
                fired.append(int(sid))
    return sorted(fired)


@french_arguments
def survey_rule(
    log: pd.DataFrame, silence_days: float = 31, regular_min_visits: int = 3
) -> list[int]:
    """Visits where the satisfaction survey is shown: a regular visitor (at least
    ``regular_min_visits`` earlier visits) back after ``silence_days`` days or more.

    Parameters
    ----------
    log : DataFrame
        Columns ``session_id``, ``visitor_id``, ``visit_number`` and ``day`` (days).
    silence_days : float, default 31
        Days without a visit that bring the survey (the course's "one month").
    regular_min_visits : int, default 3
        Earlier visits needed to count as a regular visitor.

    Returns
    -------
    list of int
        The ``session_id`` of those visits, in increasing order.

    Examples
    --------
    >>> import pandas as pd
    >>> log = pd.DataFrame({"session_id": range(5), "visitor_id": 0,
    ...                     "visit_number": range(1, 6), "day": [0, 5, 9, 45, 60]})
    >>> survey_rule(log, silence_days=31)
    [3]
    """
    if isinstance(silence_days, (bool, np.bool_)) or not isinstance(
        silence_days, (int, float, np.number)
    ):
        raise DataError(f"silence_days doit être un nombre de jours, reçu {silence_days!r}.")
    if not 0 <= float(silence_days) < float("inf"):
        raise DataError(
            f"silence_days doit être un nombre de jours positif ou nul et fini, reçu "
            f"{silence_days!r}."
        )
    if (
        isinstance(regular_min_visits, (bool, np.bool_))
        or not isinstance(regular_min_visits, (int, np.integer))
        or regular_min_visits < 0
    ):
        raise DataError(
            f"regular_min_visits doit être un nombre entier de visites ≥ 0, reçu "
            f"{regular_min_visits!r}."
        )
    log = _log(log, ["day"])
    check_numeric(log, "day", name="log")
    gap = log.groupby("visitor_id")["day"].diff()
    earlier = log.groupby("visitor_id").cumcount()
    fired = log.loc[(earlier >= regular_min_visits) & (gap >= silence_days), "session_id"]
    return sorted(int(s) for s in fired)
