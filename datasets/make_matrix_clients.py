"""Generate ``matrix_clients.csv``: an illustrative portfolio for the matrix lesson.

Run from the repository root::

    python datasets/make_matrix_clients.py

The course names the axes of its four matrices but gives no data: this small table is
**illustrative, generated** (seed below), not taken from the course nor calibrated on
real data. It has one column per axis of the four models of
``crmsim.analysis.MATRIX_MODELS``, so every matrix can be drawn on the same customers.
Rerunning the script reproduces the committed file byte for byte (a test checks it).

Model: 16 industrial customers. Revenue is log-normal (median 60 000 MAD), so a few big
accounts pull the mean well above the median. Big accounts negotiate discounts: the
current margin rate falls with revenue, plus noise. The potential margin rate is the
current one plus an expected change. Potential, loyalty, strategic importance and
relationship difficulty are indices, loosely linked to revenue and margin.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

SEED = 3003
N_CUSTOMERS = 16
OUTPUT = Path(__file__).resolve().parent / "matrix_clients.csv"
COLUMNS = [
    "customer_id",
    "revenue",
    "current_profitability",
    "potential_profitability",
    "potential",
    "loyalty",
    "strategic_importance",
    "relationship_difficulty",
]


def make_rows(seed: int = SEED, n_customers: int = N_CUSTOMERS) -> list[tuple]:
    """Return the customers as tuples in the order of :data:`COLUMNS`."""
    rng = np.random.default_rng(seed)
    size = rng.normal(0.0, 1.0, n_customers)
    revenue = np.round(60_000 * np.exp(size) / 100) * 100
    margin = np.round(14 - 4 * size + rng.normal(0, 4, n_customers), 1)
    potential_margin = np.round(margin + rng.normal(2, 5, n_customers), 1)
    potential = np.clip(np.round(50 + 15 * size + rng.normal(0, 18, n_customers)), 0, 100)
    loyalty = np.clip(np.round(55 + 2 * margin - 20 + rng.normal(0, 18, n_customers)), 0, 100)
    importance = np.clip(np.round(5.5 + 1.5 * size + rng.normal(0, 1.8, n_customers)), 1, 10)
    difficulty = np.clip(np.round(5 + 1.0 * size + rng.normal(0, 2.2, n_customers)), 1, 10)
    return [
        (f"M{i + 1:02d}", *values)
        for i, values in enumerate(
            zip(
                revenue,
                margin,
                potential_margin,
                potential,
                loyalty,
                importance,
                difficulty,
                strict=True,
            )
        )
    ]


def to_csv_text(rows: list[tuple]) -> str:
    """Format rows as CSV text with fixed formatting."""
    lines = [",".join(COLUMNS)]
    for cid, rev, marg, pot_marg, pot, loy, imp, diff in rows:
        lines.append(
            f"{cid},{rev:.0f},{marg:.1f},{pot_marg:.1f},{pot:.0f},{loy:.0f},{imp:.0f},{diff:.0f}"
        )
    return "\n".join(lines) + "\n"


def main(path: Path = OUTPUT) -> Path:
    """Write the table to ``path`` and return it."""
    path.write_text(to_csv_text(make_rows()), encoding="utf-8", newline="\n")
    return path


if __name__ == "__main__":
    out = main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
    print(f"écrit : {out}")
