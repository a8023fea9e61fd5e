"""French feedback shown by the answer checks of the exercise notebooks."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

__all__ = ["Feedback", "is_unanswered"]

_STATUS = {
    "a_completer": ("À compléter", "#7f6000", "#fff2cc"),
    "correct": ("Correct", "#375623", "#e2efda"),
    "incorrect": ("Pas encore", "#9c0006", "#ffc7ce"),
}


def is_unanswered(answer: object) -> bool:
    """True for the placeholders of an exercise notebook: ``...`` or ``None``."""
    return answer is Ellipsis or answer is None


@dataclass(frozen=True)
class Feedback:
    """Result of an answer check: a status, what is right, what is wrong, a hint.

    It displays as a coloured box in Jupyter and as plain text elsewhere; it never
    contains the expected answer itself.

    Attributes
    ----------
    status : {"a_completer", "correct", "incorrect"}
    message : str
        Main sentence, in French.
    right, wrong : list of str
        What the answer already gets right and what it gets wrong.
    hint : str
        A hint towards the method (empty when correct).
    """

    status: str
    message: str
    right: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    hint: str = ""

    def __post_init__(self) -> None:
        if self.status not in _STATUS:
            raise ValueError(f"statut inconnu : {self.status!r} (attendu : {sorted(_STATUS)})")

    @property
    def ok(self) -> bool:
        """True when the answer is correct."""
        return self.status == "correct"

    @classmethod
    def todo(cls, what: str) -> Feedback:
        """Feedback for an unanswered question."""
        return cls("a_completer", f"À compléter : {what}")

    def _lines(self) -> list[tuple[str, str]]:
        lines = [("", self.message)]
        lines += [("✔ ", item) for item in self.right]
        lines += [("✘ ", item) for item in self.wrong]
        if self.hint:
            lines.append(("Indice : ", self.hint))
        return lines

    def __str__(self) -> str:
        title = _STATUS[self.status][0]
        body = "\n".join(f"  {mark}{text}" for mark, text in self._lines())
        return f"[{title}]\n{body}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        title, color, background = _STATUS[self.status]
        items = "".join(
            f"<li>{html.escape(mark)}{html.escape(text)}</li>" for mark, text in self._lines()
        )
        return (
            f'<div style="border-left:4px solid {color};background:{background};'
            f'padding:4px 8px;color:{color}"><b>{title}</b>'
            f'<ul style="margin:2px 0">{items}</ul></div>'
        )
