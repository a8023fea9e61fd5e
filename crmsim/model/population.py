"""The customer population: one NumPy array per attribute, kept dense.

Active customers occupy positions ``0 .. n-1`` of every attribute. Attributes of the
same dtype are rows of one 2-D block, so that removing departures costs one gather and
one move per dtype, not per attribute: the departed columns are copied to an archive,
then columns from the tail fill the holes (cost proportional to the number of departures,
not to the population). The final table is rebuilt once, in customer-id order.
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
        Initial number of customers allocated (grown by half when needed).

    Attributes
    ----------
    cols : dict of str to numpy.ndarray
        Full-capacity view of each attribute (re-read it after ``add``: growing reallocates).

    Examples
    --------
    >>> pop = Population({"customer_id": np.int64, "x": float}, capacity=2)
    >>> pop.add(3, {"customer_id": np.arange(3), "x": np.array([1.0, 2.0, 3.0])})
    >>> pop.remove(np.array([True, False, False]))
    >>> pop.n, pop["customer_id"].tolist(), pop["x"].tolist()
    (2, [2, 1], [3.0, 2.0])
    >>> pop.collect()["x"].tolist()
    [1.0, 2.0, 3.0]
    """

    def __init__(self, schema: Mapping[str, np.dtype | type], capacity: int = 1024) -> None:
        self.schema = {k: np.dtype(v) for k, v in schema.items()}
        self.groups: dict[np.dtype, list[str]] = {}
        for name, dt in self.schema.items():
            self.groups.setdefault(dt, []).append(name)
        #: (dtype, row of the attribute in its block) of each attribute
        self.where = {
            name: (dt, i) for dt, names in self.groups.items() for i, name in enumerate(names)
        }
        self.n = 0
        #: the leavers, one dict per removal: dtype -> block of their columns
        self.archive: list[dict[np.dtype, np.ndarray]] = []
        self._scalar_rows: dict[tuple[np.dtype, tuple[int, ...]], np.ndarray] = {}
        self._allocate(max(capacity, 16))

    def _allocate(self, capacity: int) -> None:
        old = getattr(self, "blocks", None)
        self.blocks = {
            dt: np.zeros((len(names), capacity), dt) for dt, names in self.groups.items()
        }
        if old is not None:
            for dt, block in old.items():
                self.blocks[dt][:, : self.n] = block[:, : self.n]
        self.cols = {
            name: self.blocks[dt][i]
            for dt, names in self.groups.items()
            for i, name in enumerate(names)
        }

    @property
    def capacity(self) -> int:
        return len(self.cols["customer_id"])

    @property
    def n_total(self) -> int:
        """Customers ever added: the active ones and the archived leavers."""
        return self.n + sum(part[self._id_dtype].shape[1] for part in self.archive)

    @property
    def _id_dtype(self) -> np.dtype:
        return self.where["customer_id"][0]

    def __getitem__(self, name: str) -> np.ndarray:
        """View of attribute ``name`` for the active customers (writes go to the population)."""
        return self.cols[name][: self.n]

    def add(self, k: int, values: Mapping[str, Any]) -> None:
        """Append ``k`` new customers; ``values`` gives an array or a scalar per attribute.

        Scalars of the same dtype are written in one operation per block.
        """
        n, need = self.n, self.n + k
        if need > self.capacity:
            self._allocate(max(need, self.capacity + self.capacity // 2))
        ndarray, cache = np.ndarray, self._scalar_rows
        for dt, names in self.groups.items():
            block = self.blocks[dt]
            rows, scalars = [], []
            for i, name in enumerate(names):
                value = values[name]
                if value.__class__ is ndarray:
                    block[i, n:need] = value
                else:
                    rows.append(i)
                    scalars.append(value)
            if rows:
                key = (dt, tuple(rows))
                index = cache.get(key)
                if index is None:
                    index = cache[key] = np.array(rows)
                block[index, n:need] = np.array(scalars, dtype=dt)[:, None]
        self.n = need

    def remove(self, mask: np.ndarray) -> None:
        """Archive and remove the active customers where ``mask`` is true."""
        dead = mask.nonzero()[0]
        k = len(dead)
        if k == 0:
            return
        n, new_n = self.n, self.n - k
        holes = dead[: np.searchsorted(dead, new_n)]  # dead is sorted
        gone = {dt: block.take(dead, axis=1) for dt, block in self.blocks.items()}
        if len(holes):
            tail = (~mask[new_n:n]).nonzero()[0]
            tail += new_n
            for block in self.blocks.values():
                block[:, holes] = block.take(tail, axis=1)
        self.archive.append(gone)
        self.n = new_n

    def collect(self, names: Sequence[str] | None = None) -> dict[str, np.ndarray]:
        """Every customer ever added (archive and active), in ``customer_id`` order.

        Customer ids must be ``0 .. N-1`` (each customer is placed at its id). ``names``
        restricts the attributes returned.
        """
        parts = [*self.archive, {dt: b[:, : self.n] for dt, b in self.blocks.items()}]
        id_dt, id_row = self.where["customer_id"]
        ids = [p[id_dt][id_row] for p in parts]
        total = sum(len(i) for i in ids)
        out = {}
        for name in names or self.schema:
            dt, row = self.where[name]
            arr = np.empty(total, dt)
            for p, i in zip(parts, ids, strict=True):
                arr[i] = p[dt][row]
            out[name] = arr
        return out
