"""Controls of the panels: sliders with a French readout, and controls built from metadata.

ipywidgets formats a slider's readout with d3 in the English locale (``7.50``, ``85%``).
The sliders made here hide that readout and show the value formatted by
:mod:`crmsim.formatting` beside the slider (``7,50``, ``85 %``, ``3 000``). Put
``slider.row`` (the slider and its readout) in a panel's layout, or use :func:`row`.

A panel exposing Scenario parameters declares them as :class:`Param` entries; the label,
unit, bounds and kind come from the Scenario's field metadata, read in one place:
:func:`scenario_field`.

Examples
--------
>>> s = french_slider("Part cible du CA :", 0.85, 0.05, 1.0, 0.05, percent=True)
>>> s.readout, s.readout_text.value
(False, '85\\xa0%')
>>> control = Param("satisfaction.service_quality", 4.0, 10.0, 0.25).control(7.5)
>>> control.description, control.min, control.readout_text.value
('Qualité de service délivrée (points /10)\\xa0:', 4.0, '7,50')
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import ipywidgets as widgets

from crmsim._validation import check_in_range
from crmsim.errors import ScenarioError
from crmsim.formatting import format_number, format_percent
from crmsim.scenario import Scenario, preset

__all__ = [
    "STYLE",
    "FrenchFloatSlider",
    "FrenchIntSlider",
    "Param",
    "caption",
    "column",
    "dropdown",
    "french_slider",
    "row",
    "scaled_preset",
    "scenario_field",
]

#: Style shared by the labelled controls (the French labels are long).
STYLE = {"description_width": "initial"}

NBSP = "\u00a0"


def caption(text: str) -> str:
    """A control's label with the French no-break space before its final colon.

    Examples
    --------
    >>> caption("Client :"), caption("Graine")
    ('Client\\xa0:', 'Graine\\xa0:')
    """
    text = text.rstrip().removesuffix(":").rstrip()
    return f"{text}{NBSP}:"


def _decimals(step: float) -> int:
    """Digits after the decimal comma that show a value on a grid of ``step``."""
    exponent = Decimal(repr(round(float(step), 10))).normalize().as_tuple().exponent
    return max(0, -int(exponent))


class _FrenchReadout:
    """Shared part of the French sliders: a Label that follows the value."""

    def _start_readout(self, percent: bool, decimals: int | None) -> None:
        self._percent = percent
        self._digits = (
            decimals
            if decimals is not None
            else _decimals(self.step * 100 if percent else self.step)  # type: ignore[attr-defined]
        )
        self.readout_text = widgets.Label(layout=widgets.Layout(min_width="5.5em"))
        self._row: widgets.HBox | None = None
        self.observe(self._show, names="value")  # type: ignore[attr-defined]
        self._show()

    def _show(self, _change: object = None) -> None:
        value = self.value  # type: ignore[attr-defined]
        fmt = format_percent if self._percent else format_number
        self.readout_text.value = fmt(value, self._digits)

    @property
    def row(self) -> widgets.HBox:
        """The slider and its French readout, side by side."""
        if self._row is None:
            self._row = widgets.HBox([self, self.readout_text])  # type: ignore[list-item]
        return self._row


class FrenchFloatSlider(_FrenchReadout, widgets.FloatSlider):
    """A FloatSlider showing its value in French (``7,50``; ``85 %`` with ``percent``).

    Reruns on release only (``continuous_update=False``).
    """

    def __init__(self, *, percent: bool = False, decimals: int | None = None, **kwargs: Any):
        kwargs.setdefault("continuous_update", False)
        super().__init__(readout=False, **kwargs)
        self._start_readout(percent, decimals)


class FrenchIntSlider(_FrenchReadout, widgets.IntSlider):
    """An IntSlider showing its value in French (``3 000``); reruns on release only."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("continuous_update", False)
        super().__init__(readout=False, **kwargs)
        self._start_readout(False, 0)


def _width(label: str) -> str:
    """A slider wide enough for its label and a usable track."""
    return f"{max(420, 7 * len(label) + 240)}px"


def french_slider(
    description: str,
    value: float,
    low: float,
    high: float,
    step: float,
    *,
    percent: bool = False,
    decimals: int | None = None,
    integer: bool = False,
) -> FrenchFloatSlider | FrenchIntSlider:
    """The panels' slider: French label and readout, rerun on release, width fit to the label.

    An initial ``value`` outside ``[low, high]`` raises a French error instead of being
    clamped by the slider without a word.

    Parameters
    ----------
    description : str
        French label (a final colon gets its no-break space, see :func:`caption`).
    value, low, high, step : float
        Initial value, bounds and step.
    percent : bool, default False
        Show the value as a percentage (``0.85`` -> ``85 %``).
    decimals : int, optional
        Digits shown (default: those of ``step``).
    integer : bool, default False
        An integer slider (readout with thousands separators).
    """
    check_in_range(
        value, description.rstrip(" :\u00a0\u202f") or "valeur", low, high, percent=percent
    )
    label = caption(description) if description else ""
    common = {
        "value": value,
        "min": low,
        "max": high,
        "step": step,
        "description": label,
        "style": STYLE,
        "layout": widgets.Layout(width=_width(label)),
    }
    if integer:
        return FrenchIntSlider(**common)
    return FrenchFloatSlider(percent=percent, decimals=decimals, **common)


def dropdown(description: str, options: Any, **kwargs: Any) -> widgets.Dropdown:
    """A labelled dropdown wide enough for its longest option (plain strings or (label, value)).

    At most 960 pixels wide.

    Examples
    --------
    >>> name = "Cours : exercice Pareto (20 clients)"
    >>> int(dropdown("Jeu de données :", [name]).layout.width.removesuffix("px")) > 8 * len(name)
    True
    """
    labels = [o[0] if isinstance(o, tuple) else str(o) for o in options]
    width = max(320, 8 * max(map(len, labels), default=0) + 8 * len(description) + 20)
    width = min(width, 960)  # the longest (a situation and its description) wraps nowhere
    return widgets.Dropdown(
        options=options,
        description=caption(description),
        style=STYLE,
        layout=widgets.Layout(width=f"{width}px"),
        **kwargs,
    )


#: Largest seed a seed box accepts (the seeds of NumPy's generators are unbounded, but a
#: student types a short number; 2**31 - 1 keeps it a plain integer everywhere).
MAX_SEED = 2_147_483_647


def seed_box(value: int) -> widgets.BoundedIntText:
    """The « Graine » box of a panel that simulates: a whole number from 0 to ``MAX_SEED``.

    Examples
    --------
    >>> box = seed_box(7)
    >>> box.value, box.min, box.max == MAX_SEED
    (7, 0, True)
    """
    return widgets.BoundedIntText(
        value=value,
        min=0,
        max=MAX_SEED,
        description=caption("Graine"),
        style=STYLE,
        layout=widgets.Layout(width="180px"),
    )


def scaled_preset(name: str, initial_customers: int, months: int, **changes: Any) -> Scenario:
    """Preset ``name`` at a smaller size for live reruns: the market stays 20 x the base.

    Examples
    --------
    >>> scaled_preset("crise", 5_000, 48).market.market_size
    100000
    """
    return preset(name).replace(
        **{
            "market.initial_customers": initial_customers,
            "market.market_size": 20 * initial_customers,
        },
        **changes,
        months=months,
    )


def column(*controls: widgets.Widget) -> widgets.VBox:
    """Controls one under the other, labels of one width so that the sliders line up.

    Examples
    --------
    >>> a, b = french_slider("Court :", 1, 0, 2, 1), french_slider("Bien plus long :", 1, 0, 2, 1)
    >>> shown = column(a, b)
    >>> a.style.description_width == b.style.description_width, a.layout.width == b.layout.width
    (True, True)
    """
    sliders = [c for c in controls if hasattr(c, "readout_text")]
    if sliders:
        label = 7 * max(len(c.description) for c in sliders) + 10
        for c in sliders:
            c.style.description_width = f"{label}px"
            c.layout.width = f"{label + 260}px"
    return widgets.VBox([getattr(c, "row", c) for c in controls])


def row(*controls: widgets.Widget) -> widgets.HBox:
    """Controls side by side, each slider with its French readout."""
    return widgets.HBox([getattr(c, "row", c) for c in controls])


def scenario_field(path: str) -> Mapping[str, Any]:
    """Metadata of the Scenario field at dotted ``path``: label, unit, min, max, kind.

    The one place where the widgets read ``dataclasses.fields(...).metadata`` of the
    Scenario.

    Examples
    --------
    >>> meta = scenario_field("economics.gross_margin_rate")
    >>> meta["label"], meta["min"], meta["max"]
    ('taux de marge brute', 0, 1)
    """
    obj: Any = Scenario()
    *groups, name = path.split(".")
    try:
        for group in groups:
            obj = getattr(obj, group)
        return next(f.metadata for f in dataclasses.fields(obj) if f.name == name)
    except (AttributeError, TypeError, StopIteration):
        raise ScenarioError(
            f"Paramètre du scénario inconnu\u00a0: « \u00a0{path}\u00a0 ». Écrivez un chemin "
            "complet comme « \u00a0satisfaction.service_quality\u00a0 »."
        ) from None


@dataclass(frozen=True)
class Param:
    """A Scenario parameter shown as a control; label, unit and kind from its metadata.

    Parameters
    ----------
    path : str
        Dotted path of the parameter (``"satisfaction.service_quality"``).
    low, high : float, optional
        Range offered by the slider (default: the parameter's bounds); it must lie
        within those bounds.
    step : float, optional
        Step of the slider (default: 1 for an integer, else a hundredth of the range).
    percent : bool, optional
        Show the value as a percentage (default: a unitless share between 0 and 1).
    """

    path: str
    low: float | None = None
    high: float | None = None
    step: float | None = None
    percent: bool | None = None

    @property
    def meta(self) -> Mapping[str, Any]:
        """The parameter's field metadata (see :func:`scenario_field`)."""
        return scenario_field(self.path)

    @property
    def label(self) -> str:
        """French label with its unit (unless the label already names it), capitalised."""
        meta = self.meta
        text, unit = str(meta["label"]), str(meta.get("unit") or "")
        if unit and meta["kind"] != "bool" and unit.lower() not in text.lower():
            text = f"{text} ({unit})"
        return text[:1].upper() + text[1:]

    def bounds(self) -> tuple[float, float]:
        """The slider's range; a ScenarioError if it leaves the parameter's bounds."""
        meta = self.meta
        lo = meta["min"] if self.low is None else self.low
        hi = meta["max"] if self.high is None else self.high
        inside = (meta["min"] is None or lo >= meta["min"]) and (
            meta["max"] is None or hi <= meta["max"]
        )
        if lo is None or hi is None or not inside or not lo < hi:
            raise ScenarioError(
                f"Curseur de {self.path}\u00a0: l’intervalle [{lo}, {hi}] doit être fini et compris "
                f"dans les bornes du paramètre [{meta['min']}, {meta['max']}]."
            )
        return float(lo), float(hi)

    def is_percent(self) -> bool:
        """Shown as a percentage: explicit, or a unitless share between 0 and 1."""
        if self.percent is not None:
            return self.percent
        meta = self.meta
        return (
            meta["kind"] == "float"
            and meta["min"] is not None
            and meta["min"] >= 0
            and meta["max"] == 1
            and meta.get("unit", "") in ("", "par mois", "par an")
        )

    def control(self, value: Any) -> widgets.ValueWidget:
        """A checkbox (yes/no parameter) or a French slider set to ``value``."""
        if self.meta["kind"] == "bool":
            return widgets.Checkbox(value=bool(value), description=self.label, style=STYLE)
        low, high = self.bounds()
        integer = self.meta["kind"] in ("int", "month")
        step = self.step if self.step is not None else (1 if integer else _nice((high - low) / 100))
        if integer:
            return french_slider(
                self.label, int(value), int(low), int(high), int(step), integer=True
            )
        return french_slider(self.label, float(value), low, high, step, percent=self.is_percent())


def _nice(step: float) -> float:
    """1, 2 or 5 times a power of ten, at most ``step``."""
    power = 10 ** math.floor(math.log10(step))
    return max(m * power for m in (1, 2, 5) if m * power <= step)
