"""Seed handling: one ``seed`` argument, normalised once, split into independent streams."""

from __future__ import annotations

import numpy as np

from crmsim.errors import ScenarioError

__all__ = ["SeedLike", "spawn_generators"]

SeedLike = int | np.random.Generator | np.random.SeedSequence | None


def spawn_generators(seed: SeedLike, n: int) -> tuple[list[np.random.Generator], int | None]:
    """Return ``n`` independent generators derived from ``seed`` and a reproducible seed.

    ``None`` draws fresh entropy from the operating system; the returned integer (the
    entropy of the seed sequence) reproduces the run when passed back as ``seed``. A
    :class:`numpy.random.Generator` is used as given (its own children are spawned) and
    then the returned seed is ``None``. The global NumPy generator is never used.

    Examples
    --------
    >>> gens, used = spawn_generators(42, 2)
    >>> used, len(gens)
    (42, 2)
    >>> float(gens[0].random()) == float(spawn_generators(42, 2)[0][0].random())
    True
    """
    if isinstance(seed, np.random.Generator):
        return list(seed.spawn(n)), None
    if isinstance(seed, np.random.SeedSequence):
        ss = seed
        used = None if ss.spawn_key else int(ss.entropy)  # type: ignore[arg-type]
    elif seed is None or (isinstance(seed, (int, np.integer)) and not isinstance(seed, bool)):
        if seed is not None and seed < 0:
            raise ScenarioError(f"seed doit être un entier positif ou nul, reçu {seed!r}.")
        ss = np.random.SeedSequence(None if seed is None else int(seed))
        used = int(ss.entropy)  # type: ignore[arg-type]
    else:
        raise ScenarioError(
            f"seed doit être None, un entier, un numpy.random.Generator ou une SeedSequence, "
            f"reçu {seed!r} ({type(seed).__name__})."
        )
    return [np.random.default_rng(s) for s in ss.spawn(n)], used
