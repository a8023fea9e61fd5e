"""The ipywidgets view of a quiz: one block per question, a « Vérifier » button, the verdict.

The view holds no logic: it reads the student's response from the controls, calls
:func:`crmsim.exercises._quiz_model.check_answer` and shows the :class:`Verdict` as HTML. It
works the same in JupyterLab, Voila and plain Python (tests set the controls' ``value``
and call ``check.click()``).
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from crmsim.exercises._quiz_model import Question, Quiz, Verdict, check_answer

__all__ = ["QuestionView", "QuizPanel"]

_PLACEHOLDER = "— choisir —"
_WIDE = widgets.Layout(width="auto")


class QuestionView(widgets.VBox):
    """One question: its prompt, the answer controls, « Vérifier » and the verdict.

    Attributes
    ----------
    question : Question
    controls : list of ipywidgets controls
        A RadioButtons (choix, vrai_faux), one Checkbox per choice (multiple) or one
        Dropdown per left item (association).
    check : ipywidgets.Button
        « Vérifier ».
    feedback : ipywidgets.HTML
        The last verdict (empty before the first check).
    verdict : Verdict or None
        The last verdict.
    """

    def __init__(self, question: Question, number: int, on_check=None) -> None:
        self.question = question
        self.verdict: Verdict | None = None
        self._on_check = on_check
        prompt = widgets.HTML(
            f"<p><b>Question {number}.</b> {html.escape(question.prompt)}</p>", layout=_WIDE
        )
        self.controls = self._build_controls(question)
        self.check = widgets.Button(description="Vérifier", button_style="primary")
        self.check.add_class("crmsim-quiz-verifier")
        self.feedback = widgets.HTML(layout=_WIDE)
        self.feedback.add_class("crmsim-quiz-retour")
        super().__init__(
            [prompt, *self._layout_controls(), self.check, self.feedback],
            layout=widgets.Layout(margin="0 0 12px 0"),
        )
        self.add_class("crmsim-quiz-question")
        self.check.on_click(self._check)

    @staticmethod
    def _build_controls(question: Question) -> list[widgets.Widget]:
        if question.kind == "choix":
            options = [(c, i) for i, c in enumerate(question.choices)]
            return [widgets.RadioButtons(options=options, value=None, layout=_WIDE)]
        if question.kind == "vrai_faux":
            options = [("Vrai", True), ("Faux", False)]
            return [widgets.RadioButtons(options=options, value=None, layout=_WIDE)]
        if question.kind == "multiple":
            return [
                widgets.Checkbox(value=False, description=c, indent=False, layout=_WIDE)
                for c in question.choices
            ]
        options = [(_PLACEHOLDER, "")] + [(r, r) for r in question.right_options]
        wide = widgets.Layout(width="52%")
        return [widgets.Dropdown(options=options, value="", layout=wide) for _ in question.pairs]

    def _layout_controls(self) -> list[widgets.Widget]:
        if self.question.kind != "association":
            return self.controls
        rows = []
        for left, dropdown in zip(self.question.left_items, self.controls, strict=True):
            label = widgets.HTML(html.escape(left), layout=widgets.Layout(width="45%"))
            rows.append(widgets.HBox([label, dropdown]))
        return rows

    @property
    def response(self) -> Any:
        """The student's current response, in the form :func:`check_answer` expects."""
        kind = self.question.kind
        if kind in ("choix", "vrai_faux"):
            return self.controls[0].value
        if kind == "multiple":
            return [i for i, box in enumerate(self.controls) if box.value]
        return {
            left: d.value for left, d in zip(self.question.left_items, self.controls, strict=True)
        }

    def _check(self, _button: object = None) -> None:
        self.verdict = check_answer(self.question, self.response)
        self.feedback.value = self.verdict._repr_html_()
        if self._on_check is not None:
            self._on_check()


class QuizPanel(widgets.VBox):
    """A whole quiz: its title, a running score and one :class:`QuestionView` per question.

    Parameters
    ----------
    quiz : Quiz
        A validated quiz (see :func:`crmsim.exercises.quiz.load_quiz`).

    Attributes
    ----------
    views : list of QuestionView
    score : ipywidgets.HTML
        « Réponses justes : k sur n » (questions checked right at their last check).
    """

    def __init__(self, quiz: Quiz) -> None:
        self.quiz = quiz
        title = widgets.HTML(f"<h3>{html.escape(quiz.title)}</h3>")
        self.score = widgets.HTML()
        self.views = [
            QuestionView(q, n, on_check=self._update_score)
            for n, q in enumerate(quiz.questions, start=1)
        ]
        super().__init__([title, *self.views, self.score])
        self.add_class("crmsim-quiz")
        self._update_score()

    def __repr__(self) -> str:
        # Short and stable for the stored outputs of the lessons.
        return f"QuizPanel(quiz={self.quiz.name!r}, questions={len(self.quiz.questions)})"

    def _update_score(self) -> None:
        right = sum(v.verdict is not None and v.verdict.ok for v in self.views)
        self.score.value = (
            f"<p><b>Réponses justes : {right} sur {len(self.views)}.</b> "
            "Chaque explication s’affiche après « Vérifier ».</p>"
        )
