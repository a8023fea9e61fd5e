"""An OLAP cube over a transaction table: roll-up, drill-down, slice and dice, in pandas.

The analytical CRM chain of the course goes *data warehouse -> OLAP -> data mining*. Here the
"warehouse" is a fact table with one row per order and its dimensions (when, through which
acquisition channel, which customer segment, which product type); the cube aggregates a
measure (revenue, orders, customers) over the dimensions chosen, and the four OLAP
operations return new cubes:

* **roll-up** climbs a hierarchy (month -> quarter -> year) or removes a dimension (totals);
* **drill-down** goes the other way (year -> quarter -> month) or adds a dimension;
* **slice** fixes one value of one dimension (a "slice" of the cube);
* **dice** keeps several values on one or more dimensions (a smaller cube).

Nothing here needs a simulation: any table of orders with a date, a customer and an amount
works, the customer table giving the channel.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from crmsim._validation import (
    check_bool,
    check_numeric,
    check_sequence,
    check_table,
    did_you_mean,
    ensure_frame,
    french_arguments,
)
from crmsim.analysis.abc import abc
from crmsim.errors import DataError
from crmsim.formatting import style_fr

__all__ = [
    "DIMENSIONS",
    "OLAP_LABELS",
    "TIME_LEVELS",
    "OlapCube",
    "olap_cube",
    "olap_facts",
    "style_olap",
]

#: The time hierarchy, coarse to fine.
TIME_LEVELS: tuple[str, ...] = ("year", "quarter", "month")

#: Every dimension of the cube.
DIMENSIONS: tuple[str, ...] = (*TIME_LEVELS, "channel", "segment", "product_type")

#: French headings of the dimensions and measures (for tables shown to students).
OLAP_LABELS: dict[str, str] = {
    "year": "Année",
    "quarter": "Trimestre",
    "month": "Mois",
    "channel": "Canal d’acquisition",
    "segment": "Segment ABC",
    "product_type": "Type de produit",
    "revenue": "CA (MAD)",
    "orders": "Commandes",
    "customers": "Clients",
    "basket": "Panier moyen (MAD)",
}

_MEASURES = ("revenue", "orders", "customers", "basket")


def _check_column_name(value: object, name: str) -> str:
    if not isinstance(value, str) or not value:
        raise DataError(
            f"{name} doit être un nom de colonne (texte non vide), reçu {value!r}. "
            f"Exemple : {name}='{name.removesuffix('_col')}'."
        )
    return value


def _dates(values: pd.Series, column: str) -> pd.Series:
    """The order dates as datetimes, or a French error naming the first one unreadable."""
    if pd.api.types.is_datetime64_any_dtype(values):
        dates = values
    else:
        try:
            dates = pd.to_datetime(values, errors="coerce")
        except (TypeError, ValueError):
            dates = pd.Series(pd.NaT, index=values.index)
    if dates.isna().any():
        where = dates.index[dates.isna().to_numpy()][0]
        raise DataError(
            f"La colonne « {column} » de transactions doit contenir des dates ; valeur "
            f"illisible ou manquante : {values[where]!r} (ligne {where!r}). Écrivez les dates "
            "au format 2024-01-31 ou convertissez avec pandas.to_datetime(...)."
        )
    return dates


def _check_dimensions(dimensions: object) -> tuple[str, ...]:
    example = "dimensions=('year', 'channel')"
    dims = tuple(check_sequence(dimensions, "dimensions", example=example))
    dims = tuple(_check_dimension(d) for d in dims)
    if len(set(dims)) != len(dims):
        raise DataError(f"dimensions contient un doublon : {list(dims)!r}.")
    return dims


def _check_filters(filters: object) -> tuple[tuple[str, tuple], ...]:
    example = "filters=(('channel', ('web',)),)"
    checked = []
    for i, item in enumerate(check_sequence(filters, "filters", example=example)):
        pair = check_sequence(item, f"filters[{i}]", length=2, example=example)
        dim = _check_dimension(pair[0])
        values = pair[1]
        if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
            raise DataError(
                f"filters[{i}] doit associer une dimension à un tuple de valeurs gardées, reçu "
                f"{item!r}. Exemple : {example}."
            )
        checked.append((dim, tuple(values)))
    return tuple(checked)


_FACT_COLUMNS = ["customer_id", *DIMENSIONS, "amount"]


@french_arguments
def olap_facts(
    transactions: pd.DataFrame,
    customers: pd.DataFrame,
    *,
    customer_col: str = "customer_id",
    date_col: str = "date",
    amount_col: str = "amount",
    product_col: str = "product_type",
    channel_col: str = "channel",
) -> pd.DataFrame:
    """The fact table of the cube: one row per order with all its dimensions.

    The customer's **segment** is its ABC class (10 % / 30 % / 60 % of customers by revenue,
    :func:`crmsim.abc`, class sizes rounded) computed on the orders given, so the cube says
    which class of customers makes which revenue.

    Parameters
    ----------
    transactions : DataFrame
        One row per order, with the customer, a date, an amount and a product type.
    customers : DataFrame
        One row per customer, with its acquisition channel.
    customer_col, date_col, amount_col, product_col, channel_col : str
        Column names.

    Returns
    -------
    DataFrame
        Columns
        -------
        customer_id : customer identifier
        year : int
        quarter : category, ``"2024-T1"``
        month : category, ``"2024-01"``
        channel : category, acquisition channel
        segment : category, ABC class ``"A"``, ``"B"`` or ``"C"``
        product_type : category
        amount : float, order amount (MAD)

    Examples
    --------
    >>> import pandas as pd
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2], "amount": [10.0, 20.0, 5.0],
    ...     "date": pd.to_datetime(["2024-01-05", "2024-04-02", "2024-04-09"]),
    ...     "product_type": ["tactique", "stratégique", "tactique"]})
    >>> cu = pd.DataFrame({"customer_id": [1, 2], "channel": ["web", "mailing"]})
    >>> olap_facts(tx, cu)[["quarter", "channel", "segment", "amount"]].values.tolist()
    [['2024-T1', 'web', 'B', 10.0], ['2024-T2', 'web', 'B', 20.0], ['2024-T2', 'mailing', 'C', 5.0]]
    """
    for value, name in (
        (customer_col, "customer_col"),
        (date_col, "date_col"),
        (amount_col, "amount_col"),
        (product_col, "product_col"),
        (channel_col, "channel_col"),
    ):
        _check_column_name(value, name)
    tx = check_table(
        transactions,
        [customer_col, date_col, amount_col, product_col],
        name="transactions",
        keys=[customer_col],
    )
    cu = check_table(customers, [customer_col, channel_col], name="customers", id_col=customer_col)
    check_numeric(tx, amount_col, name="transactions")
    dates = _dates(tx[date_col], date_col)
    unknown = ~tx[customer_col].isin(cu[customer_col])
    if unknown.any():
        shown = ", ".join(str(v) for v in pd.unique(tx.loc[unknown, customer_col])[:5])
        raise DataError(
            f"transactions contient des clients absents de customers : {shown}. Passez la "
            "table des clients complète (celle du même résultat de simulation)."
        )
    revenue = tx.groupby(customer_col, as_index=False)[amount_col].sum()
    classes = abc(revenue, customer_col=customer_col, revenue_col=amount_col)
    ids = tx[customer_col].to_numpy()

    def lookup(values: pd.Series) -> pd.Categorical:
        """The customer attribute ``values`` (indexed by customer) of every order."""
        cat = values.astype(str).astype("category")
        codes = cat.cat.codes.to_numpy()[cat.index.get_indexer(ids)]
        return pd.Categorical.from_codes(codes, categories=cat.cat.categories)

    # Calendar labels are built once per distinct month, then taken for every order.
    month_index = (dates.dt.year * 12 + dates.dt.month - 1).to_numpy()
    codes, distinct = pd.factorize(month_index, sort=True)
    years = np.asarray(distinct // 12, dtype=int)
    months = np.asarray(distinct % 12 + 1, dtype=int)
    month_labels = [f"{y}-{m:02d}" for y, m in zip(years, months, strict=True)]
    quarters = [f"{y}-T{(m - 1) // 3 + 1}" for y, m in zip(years, months, strict=True)]
    quarter_codes, quarter_labels = pd.factorize(pd.Series(quarters))
    return pd.DataFrame(
        {
            "customer_id": ids,
            "year": years[codes],
            "quarter": pd.Categorical.from_codes(quarter_codes[codes], categories=quarter_labels),
            "month": pd.Categorical.from_codes(codes, categories=month_labels),
            "channel": lookup(cu.set_index(customer_col)[channel_col]),
            "segment": lookup(classes.set_index(customer_col)["abc_class"]),
            "product_type": tx[product_col].astype(str).astype("category").to_numpy(),
            "amount": tx[amount_col].astype(float).to_numpy(),
        }
    )


def _check_dimension(dimension: object) -> str:
    if dimension not in DIMENSIONS:
        allowed = ", ".join(f"« {d} »" for d in DIMENSIONS)
        raise DataError(
            f"dimension inconnue : {dimension!r}. Dimensions du cube : {allowed}."
            + did_you_mean(str(dimension), DIMENSIONS)
        )
    return str(dimension)


@dataclass(frozen=True, eq=False)
class OlapCube:
    """A view of the fact table: the dimensions shown and the filters applied.

    Every operation returns a new cube; the fact table is never changed.

    Attributes
    ----------
    facts : DataFrame
        The fact table of :func:`olap_facts`.
    dimensions : tuple of str
        The dimensions shown, in order (an empty tuple gives the grand total).
    filters : tuple of (str, tuple)
        The filters applied: a dimension and the values kept.

    Two cubes are equal when they show the same dimensions with the same filters over
    equal fact tables (the fact table's row labels are not kept: it is renumbered 0..n-1).

    Examples
    --------
    >>> import pandas as pd
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2], "amount": [10.0, 20.0, 5.0],
    ...     "date": pd.to_datetime(["2024-01-05", "2024-04-02", "2024-04-09"]),
    ...     "product_type": ["tactique", "stratégique", "tactique"]})
    >>> cu = pd.DataFrame({"customer_id": [1, 2], "channel": ["web", "mailing"]})
    >>> cube = olap_cube(tx, cu, dimensions=("year",))
    >>> cube.drill_down("year").table()["revenue"].tolist()
    [10.0, 25.0]
    >>> cube.drill_down("channel").slice("channel", "web").table()["revenue"].tolist()
    [30.0]
    """

    facts: pd.DataFrame
    dimensions: tuple[str, ...] = ("year",)
    filters: tuple[tuple[str, tuple], ...] = ()

    def __post_init__(self) -> None:
        facts = check_table(self.facts, _FACT_COLUMNS, name="facts")
        check_numeric(facts, "amount", name="facts")
        index = facts.index
        if not (isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1):
            facts = facts.reset_index(drop=True)
        object.__setattr__(self, "facts", facts)
        object.__setattr__(self, "dimensions", _check_dimensions(self.dimensions))
        object.__setattr__(self, "filters", _check_filters(self.filters))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, OlapCube):
            return NotImplemented
        return (
            self.dimensions == other.dimensions
            and self.filters == other.filters
            and (self.facts is other.facts or self.facts.equals(other.facts))
        )

    __hash__ = None  # type: ignore[assignment]

    def _replace(self, **changes) -> OlapCube:
        return OlapCube(
            facts=self.facts,
            dimensions=changes.get("dimensions", self.dimensions),
            filters=changes.get("filters", self.filters),
        )

    @french_arguments
    def roll_up(self, dimension: str) -> OlapCube:
        """Aggregate one step up: month -> quarter -> year -> total; other dimensions vanish."""
        dim = _check_dimension(dimension)
        if dim not in self.dimensions:
            raise DataError(
                f"roll_up({dim!r}) : la dimension n’est pas affichée (dimensions : "
                f"{list(self.dimensions)!r}). On ne peut agréger que ce qui est affiché."
            )
        if dim in TIME_LEVELS and dim != "year":
            coarser = TIME_LEVELS[TIME_LEVELS.index(dim) - 1]
            dims = tuple(coarser if d == dim else d for d in self.dimensions if d != coarser)
        else:
            dims = tuple(d for d in self.dimensions if d != dim)
        return self._replace(dimensions=dims)

    @french_arguments
    def drill_down(self, dimension: str) -> OlapCube:
        """Detail one step down: year -> quarter -> month; another dimension is added."""
        dim = _check_dimension(dimension)
        if dim in TIME_LEVELS and dim in self.dimensions:
            if dim == "month":
                raise DataError(
                    "drill_down('month') : le mois est le niveau le plus fin du temps ; "
                    "détaillez plutôt par une autre dimension (channel, segment, product_type)."
                )
            finer = TIME_LEVELS[TIME_LEVELS.index(dim) + 1]
            return self._replace(
                dimensions=tuple(finer if d == dim else d for d in self.dimensions)
            )
        if dim in self.dimensions:
            raise DataError(f"drill_down({dim!r}) : la dimension est déjà affichée.")
        return self._replace(dimensions=(*self.dimensions, dim))

    @french_arguments
    def slice(self, dimension: str, value: object) -> OlapCube:
        """Keep one value of one dimension; that dimension leaves the view."""
        dim = _check_dimension(dimension)
        self._check_values(dim, [value])
        return self._replace(
            dimensions=tuple(d for d in self.dimensions if d != dim),
            filters=(*self.filters, (dim, (value,))),
        )

    @french_arguments
    def dice(self, selection: Mapping[str, Iterable[object]]) -> OlapCube:
        """Keep several values on one or more dimensions (they stay in the view)."""
        if not isinstance(selection, Mapping) or not selection:
            raise DataError(
                f"dice attend un dictionnaire dimension -> valeurs, reçu {selection!r}. "
                "Exemple : cube.dice({'channel': ['web', 'e-mail'], 'year': [2025]})."
            )
        filters = list(self.filters)
        for dimension, values in selection.items():
            dim = _check_dimension(dimension)
            if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
                values = [values]
            kept = tuple(values)
            self._check_values(dim, kept)
            filters.append((dim, kept))
        return self._replace(filters=tuple(filters))

    def _check_values(self, dim: str, values: Iterable[object]) -> None:
        present = set(self.facts[dim].unique())
        missing = [v for v in values if v not in present]
        if missing:
            shown = ", ".join(repr(v) for v in sorted(present, key=str)[:12])
            raise DataError(
                f"valeur(s) absente(s) de la dimension « {dim} » : {missing!r}. "
                f"Valeurs possibles : {shown}."
            )

    @french_arguments
    def table(self, *, french: bool = False) -> pd.DataFrame:
        """The aggregated cube: one row per combination of the dimensions shown.

        Parameters
        ----------
        french : bool, default False
            Rename the columns with :data:`OLAP_LABELS` for display.

        Returns
        -------
        DataFrame
            Columns
            -------
            one column per dimension shown, in order
            revenue : float, sum of the amounts (MAD)
            orders : int, number of orders
            customers : int, distinct customers
            basket : float, revenue / orders (MAD)
        """
        french = check_bool(french, "french")
        facts = self.facts
        mask = pd.Series(True, index=facts.index)
        for dim, values in self.filters:
            mask &= facts[dim].isin(values)
        kept = facts[mask]
        if self.dimensions:
            grouped = kept.groupby(list(self.dimensions), observed=True, sort=True)
            out = grouped.agg(
                revenue=("amount", "sum"),
                orders=("amount", "size"),
                customers=("customer_id", "nunique"),
            ).reset_index()
        else:
            out = pd.DataFrame(
                {
                    "revenue": [float(kept["amount"].sum())],
                    "orders": [len(kept)],
                    "customers": [kept["customer_id"].nunique()],
                }
            )
        out["orders"] = out["orders"].astype(int)
        out["customers"] = out["customers"].astype(int)
        out["basket"] = out["revenue"] / out["orders"].where(out["orders"] > 0)
        return out.rename(columns=OLAP_LABELS) if french else out

    @french_arguments
    def pivot(self, columns: str, *, measure: str = "revenue") -> pd.DataFrame:
        """The cube as a cross table: one dimension in columns, the others in rows."""
        dim = _check_dimension(columns)
        if dim not in self.dimensions or len(self.dimensions) < 2:
            raise DataError(
                f"pivot({dim!r}) : il faut au moins deux dimensions affichées, dont celle-ci "
                f"(dimensions : {list(self.dimensions)!r})."
            )
        if measure not in _MEASURES:
            raise DataError(f"measure doit être l’une de {list(_MEASURES)!r}, reçu {measure!r}.")
        rows = [d for d in self.dimensions if d != dim]
        return self.table().pivot_table(
            index=rows, columns=dim, values=measure, aggfunc="sum", fill_value=0, observed=True
        )


@french_arguments
def olap_cube(
    transactions: pd.DataFrame,
    customers: pd.DataFrame,
    *,
    dimensions: Iterable[str] = ("year",),
) -> OlapCube:
    """Build an OLAP cube over the orders of ``transactions`` (see :func:`olap_facts`).

    Examples
    --------
    >>> import crmsim as cs
    >>> res = cs.simulate(seed=1, months=6)
    >>> cube = cs.olap_cube(res.transactions, res.customers, dimensions=("quarter",))
    >>> cube.table()["quarter"].tolist()
    ['2024-T1', '2024-T2']
    >>> round(cube.roll_up("quarter").table()["revenue"].sum()) == round(res.transactions["amount"].sum())
    True
    """
    dims = _check_dimensions(dimensions)
    return OlapCube(olap_facts(transactions, customers), dimensions=dims)


OlapCube.__init__ = french_arguments(OlapCube.__init__, "OlapCube")  # type: ignore[method-assign]


@french_arguments
def style_olap(table: pd.DataFrame):
    """A table of the cube (:meth:`OlapCube.table` or :meth:`OlapCube.pivot`) ready to show.

    Headings in French (:data:`OLAP_LABELS`); every numeric column that is not a
    dimension (the measures, or the columns of a pivot) is grouped by thousands without
    decimals, the unit being in the heading.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"year": [2025], "revenue": [1234567.8], "orders": [4200]})
    >>> html = style_olap(t).to_html()
    >>> "CA (MAD)" in html and "1\u00a0234\u00a0568" in html
    True
    """
    table = ensure_frame(table, "table")
    numbers = [
        c
        for c in table.columns
        if c not in DIMENSIONS
        and pd.api.types.is_numeric_dtype(table[c])
        and not pd.api.types.is_bool_dtype(table[c])
    ]
    return style_fr(table, number=numbers, decimals=0, labels=OLAP_LABELS)
