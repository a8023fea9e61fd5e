"""The customer population: one NumPy array per attribute, kept dense.

Active customers occupy rows ``0 .. n-1`` of every array. A departure is removed by
moving rows from the tail into the holes (cost proportional to the number of departures,
not to the population), after copying the departed rows to an archive. The final table
is rebuilt once, sorted by customer id.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

__all__ = ["Population"]


class Population:
    """Growable structure of arrays for the active customers plus an archive of leavers.

    Parameters
    ----------
    schema : mapping of str to dtype
        Attribute name -> NumPy dtype. Every ``add`` must give all attributes.
    capacity : int
        Initial number of rows allocated (grown by half when needed).

    Examples
    --------
    >>> pop = Population({"customer_id": np.int64, "x": float}, capacity=2)
    >>> pop.add(3, {"customer_id": np.arange(3), "x": np.array([1.0, 2.0, 3.0])})
    >>> pop.remove(np.array([True, False, False]))
    >>> pop.n, pop["customer_id"].tolist()
    (2, [2, 1])
    >>> pop.collect()["customer_id"].tolist()
    [0, 1, 2]
    """

    def __init__(self, schema: Mapping[str, np.dtype | type], capacity: int = 1024) -> None:
        self.schema = {k: np.dtype(v) for k, v in schema.items()}
        self.cols = {k: np.zeros(max(capacity, 16), dt) for k, dt in self.schema.items()}
        self.n = 0
        self.archive: list[dict[str, np.ndarray]] = []

    def __getitem__(self, name: str) -> np.ndarray:
        """View of attribute ``name`` for the active rows (writes go to the population)."""
        return self.cols[name][: self.n]

    def add(self, k: int, values: Mapping[str, Any]) -> None:
        """Append ``k`` new customers; ``values`` gives an array or a scalar per attribute."""
        need = self.n + k
        cap = len(self.cols["customer_id"])
        if need > cap:
            new_cap = max(need, cap + cap // 2)
            for name, arr in self.cols.items():
                grown = np.zeros(new_cap, arr.dtype)
                grown[: self.n] = arr[: self.n]
                self.cols[name] = grown
        for name, arr in self.cols.items():
            arr[self.n : need] = values[name]
        self.n = need

    def remove(self, mask: np.ndarray) -> None:
        """Archive and remove the active rows where ``mask`` is true."""
        dead = mask.nonzero()[0]
        k = len(dead)
        if k == 0:
            return
        n, new_n = self.n, self.n - k
        self.archive.append({name: arr[dead] for name, arr in self.cols.items()})
        holes = dead[dead < new_n]
        tail = np.arange(new_n, n)[~mask[new_n:n]]
        for arr in self.cols.values():
            arr[holes] = arr[tail]
        self.n = new_n

    def collect(self, names: Sequence[str] | None = None) -> dict[str, np.ndarray]:
        """Every customer ever added (archive and active), in ``customer_id`` order.

        Customer ids must be ``0 .. N-1`` (each row is placed at its id). ``names``
        restricts the attributes returned.
        """
        parts = [*self.archive, {k: v[: self.n] for k, v in self.cols.items()}]
        total = sum(len(p["customer_id"]) for p in parts)
        out = {}
        for name in names or self.schema:
            arr = np.empty(total, self.schema[name])
            for p in parts:
                arr[p["customer_id"]] = p[name]
            out[name] = arr
        return out
