"""Word-of-mouth diffusion: the Bass model (Bass 1969) in discrete and continuous time.

A market of ``M`` potential adopters; each period, a non-adopter adopts with probability
``p + q N / M`` (``p``: external influence such as advertising, ``q``: imitation of the
``N`` adopters so far). The expected number of adopters follows the discrete recurrence
``N[t+1] = N[t] + (p + q N[t] / M) (M - N[t])``; the continuous solution is
``F(t) = (1 - exp(-(p+q) t)) / (1 + (q/p) exp(-(p+q) t))``, with its peak of new adopters
at ``ln(q/p) / (p+q)``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from crmsim._resources import check_memory
from crmsim._validation import (
    check_periods,
    check_positive,
    check_rate,
    french_arguments,
)
from crmsim.errors import DataError

__all__ = ["bass_adoption", "bass_peak"]


Q_MAX = 10.0
"""Largest imitation coefficient accepted (per period; the course uses values below 1)."""


def _check_q(q: object) -> float:
    value = check_positive(q, "q (imitation)", strict=False)
    if value > Q_MAX:
        raise DataError(
            f"q (imitation) vaut {value:g} : au-delà de {Q_MAX:g} par période le modèle de "
            "Bass n’a plus de sens (tout le marché adopte dès la première période). "
            "Donnez q par période, par exemple 0.38."
        )
    return value


@french_arguments
def bass_adoption(
    p: float, q: float, market_size: float, periods: int, *, allow_large: bool = False
) -> pd.DataFrame:
    """Bass diffusion from zero adopters: discrete recurrence and continuous curve.

    Parameters
    ----------
    p : float
        External (innovation) coefficient per period: advertising, media, campaigns.
    q : float
        Imitation coefficient per period: word of mouth from adopters.
    market_size : float
        Potential adopters M.
    periods : int
        Number of periods computed.
    allow_large : bool, default False
        Go past the memory check (a French error when the table would not fit).

    Returns
    -------
    DataFrame
        One row per period ``t = 0 .. periods``.

        Columns
        -------
        period : int
            Periods elapsed (in a simulation, ``period = month + 1`` at the end of a month).
        new_adopters : float
            ``N[t] - N[t-1]`` (0 at ``t = 0``): adopters of period t, discrete form.
        adopters : float
            ``N[t]`` from the recurrence ``N[t+1] = N[t] + (p + q N[t]/M)(M - N[t])``:
            the expectation of an agent simulation with monthly adoption draws.
        adopters_continuous : float
            ``M F(t)`` with the continuous Bass curve (differs from the discrete form by a
            discretisation bias that shrinks with shorter periods).

    Examples
    --------
    >>> table = bass_adoption(0.03, 0.38, 1000, 3)
    >>> table["adopters"].round(1).tolist()
    [0.0, 30.0, 70.2, 122.8]
    >>> round(float(table["adopters_continuous"].iloc[1]), 1)
    35.8
    """
    p = check_rate(p, "p (influence externe)")
    q = _check_q(q)
    m = check_positive(market_size, "market_size (taille du marché)")
    periods = check_periods(periods)
    check_memory(
        40.0 * (periods + 1),
        what=f"la diffusion sur {periods} périodes",
        reduce="periods",
        allow_large=allow_large,
    )
    if p == 0:
        raise DataError(
            "p (influence externe) vaut 0 : sans premier adoptant, personne ne peut imiter "
            "et la diffusion ne démarre jamais. Donnez un p positif (par exemple 0.003)."
        )
    n = np.zeros(periods + 1)
    for t in range(periods):
        n[t + 1] = n[t] + min(p + q * n[t] / m, 1.0) * (m - n[t])
    t = np.arange(periods + 1, dtype=float)
    e = np.exp(-(p + q) * t)
    f = (1.0 - e) / (1.0 + (q / p) * e)
    return pd.DataFrame(
        {
            "period": np.arange(periods + 1),
            "new_adopters": np.diff(n, prepend=0.0),
            "adopters": n,
            "adopters_continuous": m * f,
        }
    )


@french_arguments
def bass_peak(p: float, q: float) -> float:
    """Time of the adoption peak of the continuous Bass curve: ``ln(q/p) / (p + q)``.

    Returns 0 when ``q <= p`` (imitation too weak: adoptions decline from the start).

    Examples
    --------
    >>> round(bass_peak(0.003, 0.08), 1)
    39.6
    """
    p = check_rate(p, "p (influence externe)", low_open=True)
    q = _check_q(q)
    return math.log(q / p) / (p + q) if q > p else 0.0
