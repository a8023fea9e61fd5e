"""Building blocks shared by the interactive panels: the :class:`Panel` base and its outputs.

Panels hold no logic of their own: a callback reads the controls, calls the same public
crmsim functions a student would, and shows the result. A bad value shows a French
message in the panel, never a traceback.

:class:`Panel` holds what every panel shares: the summary line, the table and chart
outputs, the loading guard (controls set from code do not rerun the panel one by one),
the French error box and the update step (results, then chart, warnings as notices).

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
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

import ipywidgets as widgets
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from crmsim.errors import CrmSimError
from crmsim.widgets._controls import STYLE

__all__ = [
    "STYLE",
    "Panel",
    "collect_warnings",
    "error_html",
    "notice_html",
    "output_html",
    "render_into",
    "render_panel",
]

#: What a render step returns: HTML strings, matplotlib figures, or PNG bytes.
Item = str | Figure | bytes


def error_html(exc: Exception) -> str:
    """French message box for an error raised by crmsim."""
    return (
        '<div class="crmsim-erreur" style="color:#9c0006;background:#ffc7ce;padding:6px">'
        f"<b>Valeur impossible\u00a0:</b> {html.escape(str(exc))}</div>"
    )


def notice_html(text: str) -> str:
    """French "Attention" box for a warning (suspicious but valid input)."""
    return (
        '<div class="crmsim-attention" style="color:#7f6000;background:#fff2cc;padding:4px">'
        f"<b>Attention\u00a0:</b> {html.escape(text)}</div>"
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
        item = buffer.getvalue()
    if isinstance(item, bytes):
        png = base64.b64encode(item).decode("ascii")
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


#: Where the table and the chart go: beside each other, one under the other, or the chart first.
LAYOUTS = ("side", "stacked", "plot_side", "plot_stacked")


class Panel(widgets.VBox):
    """Base of every panel: summary, outputs, loading guard, error box, update step.

    A subclass builds its controls, calls ``super().__init__(rows, css_class=...)``, then
    :meth:`watch` on the controls that rerun it and :meth:`refresh` once. It writes
    :meth:`_render_table` (results: fills its attributes and ``summary``, returns HTML)
    and :meth:`_render_plot` (the chart, from those results). Neither computes a business
    figure: they call crmsim's public functions and format what they return.

    Parameters
    ----------
    rows : iterable of widgets
        The controls, shown above the results (sliders are shown with their readout).
    css_class : str
        CSS class of the panel (``crmsim-<topic>``), used by the browser tests.
    layout : {"side", "stacked", "plot_side", "plot_stacked"}, default "side"
        Table and chart beside each other or one under the other, table or chart first.

    Attributes
    ----------
    summary : ipywidgets.HTML
        French sentences on the results, with the warnings as "Attention" boxes.
    table_out, plot_out : ipywidgets.Output
        The results (HTML) and the chart (PNG).
    notices : list of str
        Warnings raised by the last update (suspicious but valid input), shown as
        "Attention" boxes above the summary.
    error : Exception or None
        The crmsim error shown in the French error box instead of the results, if any.
    """

    def __init__(
        self, rows: Iterable[widgets.Widget], *, css_class: str, layout: str = "side"
    ) -> None:
        if layout not in LAYOUTS:
            raise ValueError(f"layout doit être l’un de {LAYOUTS}, reçu {layout!r}.")
        self._summary_box = widgets.HTML()
        self.summary = self._summary_box
        self.table_out = widgets.Output()
        self.plot_out = widgets.Output()
        self.notices: list[str] = []
        self.error: Exception | None = None
        self._loading = False
        outputs = [self.table_out, self.plot_out]
        if layout.startswith("plot"):
            outputs.reverse()
        results = widgets.HBox(outputs) if layout.endswith("side") else widgets.VBox(outputs)
        shown = [getattr(r, "row", r) for r in rows]
        super().__init__([*shown, self._summary_box, results])
        self.add_class(css_class)

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Set several controls from code without rerunning the panel for each one."""
        self._loading = True
        try:
            yield
        finally:
            self._loading = False

    def watch(self, *controls: widgets.ValueWidget) -> None:
        """Rerun the panel when one of ``controls`` changes value."""
        for control in controls:
            control.observe(self._update, names="value")

    def refresh(self) -> None:
        """Rerun the panel now (unless controls are being loaded)."""
        self._update()

    def _update(self, _change: object = None) -> None:
        if self._loading:
            return
        with collect_warnings() as notes:
            self.error = render_panel(
                self.table_out,
                self.plot_out,
                self._render_table,
                self._render_plot,
                self._summary_box,
            )
        self.notices = notes if self.error is None else []
        if self.notices:
            box = self._summary_box
            box.value = "".join(notice_html(n) for n in self.notices) + box.value

    def _render_table(self) -> Sequence[Item]:
        """Compute the results, fill the attributes and ``summary``; return the table."""
        raise NotImplementedError

    def _render_plot(self) -> Sequence[Item]:
        """The chart of the results just computed (nothing by default)."""
        return []
