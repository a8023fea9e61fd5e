"""Building blocks shared by the interactive panels.

Panels hold no logic of their own: a callback reads the controls, calls the same public
crmsim functions a student would, and shows the result. A bad value shows a French
message in the panel, never a traceback.

Results are written into ``ipywidgets.Output`` widgets by setting their ``outputs``
directly (HTML for tables, PNG for figures) instead of capturing with ``with output:``.
That works the same in JupyterLab, Voila, a notebook run by nbval and plain Python, and
lets tests read what a student sees.
"""

from __future__ import annotations

import base64
import html
import io
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import ipywidgets as widgets
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from crmsim._validation import check_in_range
from crmsim.errors import CrmSimError

__all__ = [
    "STYLE",
    "collect_warnings",
    "error_html",
    "float_slider",
    "notice_html",
    "output_html",
    "render_into",
    "render_panel",
]

#: Style shared by the labelled controls (the French labels are long).
STYLE = {"description_width": "initial"}

Item = str | Figure


def float_slider(
    description: str, value: float, low: float, high: float, step: float, *, percent: bool = False
) -> widgets.FloatSlider:
    """A slider that reruns on release (``continuous_update=False``), not while dragged.

    An initial ``value`` outside ``[low, high]`` raises a French error instead of being
    clamped by the slider without a word.
    """
    check_in_range(value, description.rstrip(" :\u00a0\u202f"), low, high, percent=percent)
    return widgets.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=False,
        readout_format=".0%" if percent else ".2f",
        style=STYLE,
        layout=widgets.Layout(width="420px"),
    )


def error_html(exc: Exception) -> str:
    """French message box for an error raised by crmsim."""
    return (
        '<div class="crmsim-erreur" style="color:#9c0006;background:#ffc7ce;padding:6px">'
        f"<b>Valeur impossible :</b> {html.escape(str(exc))}</div>"
    )


def notice_html(text: str) -> str:
    """French "Attention" box for a warning (suspicious but valid input)."""
    return (
        '<div class="crmsim-attention" style="color:#7f6000;background:#fff2cc;padding:4px">'
        f"<b>Attention :</b> {html.escape(text)}</div>"
    )


@contextmanager
def collect_warnings() -> Iterator[list[str]]:
    """Record the warnings raised inside the block; yields the list of their messages.

    The list is filled when the block ends, without duplicates, in order of appearance,
    so a panel can show them as :func:`notice_html` boxes instead of letting them print.
    """
    messages: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield messages
    messages.extend(dict.fromkeys(str(w.message) for w in caught))


def _as_output(item: Item) -> dict:
    if isinstance(item, Figure):
        buffer = io.BytesIO()
        item.savefig(buffer, format="png", dpi=80)
        plt.close(item)
        png = base64.b64encode(buffer.getvalue()).decode("ascii")
        data = {"image/png": png, "text/plain": "<Figure>"}
    else:
        data = {"text/html": item, "text/plain": "<HTML>"}
    return {"output_type": "display_data", "data": data, "metadata": {}}


def render_into(output: widgets.Output, render: Callable[[], Sequence[Item]]) -> Exception | None:
    """Replace the content of ``output`` by what ``render`` returns.

    ``render`` returns HTML strings and matplotlib figures (figures are closed once
    drawn). A crmsim error is shown as a French message and returned, so callers and
    tests can react to it; other exceptions are bugs and propagate.
    """
    try:
        items = list(render())
        error = None
    except CrmSimError as exc:
        plt.close("all")
        items, error = [error_html(exc)], exc
    output.outputs = tuple(_as_output(item) for item in items)
    return error


def render_panel(
    table_out: widgets.Output,
    plot_out: widgets.Output,
    table: Callable[[], Sequence[Item]],
    plot: Callable[[], Sequence[Item]],
    summary: widgets.HTML | None = None,
) -> Exception | None:
    """The update of a panel: results first, then the chart, which may use them.

    ``table`` fills ``table_out`` (and usually the panel's state); when it raises a
    crmsim error, the French message takes its place, ``summary`` and ``plot_out`` are
    emptied and ``plot`` is not called. Returns that error, or ``None``.
    """
    error = render_into(table_out, table)
    if error is not None:
        if summary is not None:
            summary.value = ""
        plot_out.outputs = ()
        return error
    render_into(plot_out, plot)
    return None


def output_html(output: widgets.Output) -> str:
    """The HTML currently shown by ``output`` (concatenated), for tests and checks."""
    return "".join(o.get("data", {}).get("text/html", "") for o in output.outputs)
