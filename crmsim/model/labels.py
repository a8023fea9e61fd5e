"""Former home of the simulation's codes and labels: kept as an alias of :mod:`crmsim.labels`.

Import from :mod:`crmsim.labels` (the one place where codes and French labels live).
"""

from __future__ import annotations

from crmsim.labels import *  # noqa: F403
from crmsim.labels import (  # noqa: F401
    CALLBACK,
    DISSATISFIED,
    EXTERNAL,
    INCIDENT,
    INITIAL,
    JOINED,
    RESOLVED,
    SATISFIED_AGAIN,
    UNRESOLVED,
    WORD_OF_MOUTH,
    __all__,
)
