"""The self-check quizzes as Voila pages: answer wrong, then right (choice and matching).

The student ticks a wrong option and clicks « Vérifier »: the question is marked wrong
and its explanation appears. Then the right option: marked right, and the running
score counts it. The question and its answer come from the quiz file itself
(``crmsim/exercises/quizzes/pareto.toml``), so editing the file does not break the test.
"""

import pytest

from crmsim.exercises.quiz import load_quiz

from .helpers import screenshot, wait_for_panel

pytestmark = pytest.mark.browser


def test_voila_quiz_wrong_then_right(voila, console):
    from playwright.sync_api import expect

    quiz = load_quiz("pareto")
    number, question = next((n, q) for n, q in enumerate(quiz.questions) if q.kind == "choix")
    wrong = next(i for i in range(len(question.choices)) if i != question.answer)

    voila.page.goto(f"{voila.server.url}/voila/render/03_pareto.ipynb")
    panel = wait_for_panel(voila.page, ".crmsim-quiz", "Question 1")
    block = panel.locator(".crmsim-quiz-question").nth(number)
    feedback = block.locator(".crmsim-quiz-retour")
    check = block.get_by_role("button", name="Vérifier")
    radios = block.locator("input[type=radio]")
    expect(radios).to_have_count(len(question.choices))
    expect(panel).to_contain_text(f"0 sur {len(quiz.questions)}")

    radios.nth(wrong).check()
    check.click()
    expect(feedback.locator(".crmsim-quiz-faux")).to_be_visible()
    expect(feedback).to_contain_text("Réponse incorrecte")
    expect(feedback.locator(".crmsim-quiz-explication")).to_contain_text("Explication")
    explanation_start = question.explanation.split()[0]
    expect(feedback).to_contain_text(explanation_start)

    radios.nth(question.answer).check()
    check.click()
    expect(feedback.locator(".crmsim-quiz-juste")).to_be_visible()
    expect(feedback).to_contain_text("Bonne réponse")
    expect(feedback.locator(".crmsim-quiz-faux")).to_have_count(0)
    expect(panel).to_contain_text(f"1 sur {len(quiz.questions)}")
    screenshot(voila.page, "voila_quiz_pareto")
    console.assert_clean()


def test_voila_quiz_association(voila, console):
    """A matching question: one wrong pair is named, then all pairs right."""
    from playwright.sync_api import expect

    quiz = load_quiz("experience_client")
    number, question = next((n, q) for n, q in enumerate(quiz.questions) if q.kind == "association")
    voila.page.goto(f"{voila.server.url}/voila/render/13_experience_client.ipynb")
    panel = wait_for_panel(voila.page, ".crmsim-quiz", "Question 1")
    block = panel.locator(".crmsim-quiz-question").nth(number)
    feedback = block.locator(".crmsim-quiz-retour")
    selects = block.locator("select")
    expect(selects).to_have_count(len(question.pairs))
    rights = [right for _, right in question.pairs]
    wrong_first = next(r for r in question.right_options if r != rights[0])
    for k, right in enumerate(rights):
        selects.nth(k).select_option(label=wrong_first if k == 0 else right)
    block.get_by_role("button", name="Vérifier").click()
    expect(feedback.locator(".crmsim-quiz-faux")).to_be_visible()
    expect(feedback).to_contain_text("n’est pas bien relié")
    expect(feedback.locator(".crmsim-quiz-explication")).to_be_visible()

    selects.nth(0).select_option(label=rights[0])
    block.get_by_role("button", name="Vérifier").click()
    expect(feedback.locator(".crmsim-quiz-juste")).to_be_visible()
    screenshot(voila.page, "voila_quiz_experience_client")
    console.assert_clean()
