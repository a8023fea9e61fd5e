"""The course's French: the checker of crmsim.qa.french, its repairs, and the lessons' length."""

import re
from pathlib import Path

import nbformat
import pytest

from crmsim.qa import french
from crmsim.qa.allowlist import ALLOWED, PENDING
from crmsim.qa.glossary import GLOSSARY, forbidden_pattern
from crmsim.qa.typography import check_markdown, check_text, fix_markdown, fix_text

ROOT = Path(__file__).resolve().parents[1]
NBSP, NNBSP = "\u00a0", "\u202f"

BAD_MARKDOWN = (
    "Bienvenue ! Voici l'offre : un mailing à 5 x 3 MAD, soit 85% de « remise ».\n"
    "Le code `a : b` et $x : y$ restent tels quels, comme [ce lien](http://a.b/c?d=1).\n"
)
BAD_HTML_TABLE = (
    "<table><thead><tr><th>current_profitability</th><th>Actif</th><th>Valeur</th></tr>"
    "</thead><tbody><tr><td>9.000000</td><td>True</td><td>3 079,507</td></tr></tbody></table>"
)
BAD_PACKAGE = '''"""Module docstring : stays as it is."""


def f(x):
    """Docstring, ignored : l'exemple."""
    if x < 0:
        raise ValueError(f"x doit être positif, reçu {x!r} : corrigez l'entrée.")
    return {"key": "value"}
'''


def _notebook(tmp_path, markdown=BAD_MARKDOWN, html=BAD_HTML_TABLE, stream="Total : 12,5 %\n"):
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell('print(f"Total : {x}")  # l\'appel', execution_count=1)
    code.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text=stream),
        nbformat.v4.new_output("display_data", data={"text/html": html, "text/plain": "x"}),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell(markdown), code]
    path = tmp_path / "bad.ipynb"
    nbformat.write(nb, path)
    return path


def test_each_class_of_error_is_caught_on_a_bad_sample(tmp_path):
    path = _notebook(tmp_path)
    module = tmp_path / "module.py"
    module.write_text(BAD_PACKAGE, encoding="utf-8")
    problems = french.check_paths([path, module], root=tmp_path, allowed=())
    rules = {p.rule for p in problems}
    expected = {"espace-ponctuation", "apostrophe", "multiplication", "pourcentage", "guillemets"}
    expected |= {"synonyme", "tableau-entete", "tableau-valeur", "decimales"}
    assert expected <= rules
    # where and how to fix: file, cell or line, and the fix are given
    text = "\n".join(map(str, problems))
    assert "bad.ipynb, cellule 0 (texte, ligne 1)" in text
    assert "bad.ipynb, cellule 1 (sortie)" in text
    assert "module.py, ligne 7" in text
    assert "« publipostage » au lieu de « mailing »" in text
    assert "current_profitability" in text and "True" in text and "9.000000" in text
    assert "3 079,507" in text
    # docstrings and the code spans, math and URLs of the Markdown are not read
    assert "docstring" not in text.lower() and "a : b" not in text and "d=1" not in text


def test_clean_text_passes():
    clean = f"Bienvenue{NNBSP}! Voici l’offre{NBSP}: un publipostage à 5 × 3 MAD, 85{NBSP}%."
    assert check_text(clean) == []
    assert check_markdown(f"«{NBSP}remise{NBSP}» et `code : x`") == []


def test_fix_repairs_the_mechanical_errors_and_is_idempotent(tmp_path):
    path = _notebook(tmp_path)
    module = tmp_path / "module.py"
    module.write_text(BAD_PACKAGE, encoding="utf-8")
    changed = french.fix_paths([path, module], root=tmp_path)
    assert set(changed) == {path, module}
    nb = nbformat.read(path, as_version=4)
    markdown = nb.cells[0].source
    assert markdown.startswith(f"Bienvenue{NNBSP}! Voici l’offre{NBSP}: un mailing à 5 × 3 MAD")
    assert f"85{NBSP}% de «{NBSP}remise{NBSP}»." in markdown
    # code spans, LaTeX and URLs untouched; code cells untouched without --code-strings
    assert "`a : b` et $x : y$" in markdown and "(http://a.b/c?d=1)" in markdown
    assert nb.cells[1].source == 'print(f"Total : {x}")  # l\'appel'
    source = module.read_text(encoding="utf-8")
    assert f"reçu {{x!r}}{NBSP}: corrigez l’entrée." in source
    assert '"""Docstring, ignored : l\'exemple."""' in source
    assert '"""Module docstring : stays as it is."""' in source
    # idempotent: a second run changes nothing, and only vocabulary/tables remain
    before = path.read_bytes(), module.read_bytes()
    assert french.fix_paths([path, module], root=tmp_path) == []
    assert (path.read_bytes(), module.read_bytes()) == before
    remaining = {p.rule for p in french.check_paths([module], root=tmp_path, allowed=())}
    assert remaining == set()


def test_fix_code_strings_only_touches_string_literals(tmp_path):
    path = _notebook(tmp_path)
    french.fix_paths([path], root=tmp_path, code_strings=True)
    source = nbformat.read(path, as_version=4).cells[1].source
    assert source == f'print(f"Total{NBSP}: {{x}}")  # l\'appel'


@pytest.mark.parametrize(
    "text",
    [
        "Bienvenue ! l'offre : 5 x 3, 85 % et « oui » ; 10 000 clients",
        "déjà corrigé\u202f? «\u00a0oui\u00a0» 1\u00a0000",
        "http:// a:b x:y ‘quote’",
        "l'**indice** et l'_offre_",
    ],
)
def test_fix_text_is_idempotent(text):
    once = fix_text(text)
    assert fix_text(once) == once
    assert fix_markdown(fix_markdown(text)) == fix_markdown(text)


def test_glossary_is_documented_in_the_style_guide():
    style = (ROOT / "docs" / "style-fr.md").read_text(encoding="utf-8")
    for term in GLOSSARY:
        assert term.word in style, term.word
        for word in term.forbidden:
            assert word in style, word
    pattern = forbidden_pattern()
    assert pattern.search("un e-mailing ciblé") and not pattern.search("un publipostage")


def test_allow_list_entries_have_reasons():
    for entry in ALLOWED + PENDING:
        assert entry.reason.strip() and entry.rule and entry.path, entry


@pytest.fixture(scope="module")
def course_problems():
    """Every problem of the course and the package, permanent exceptions excepted."""
    return french.check_paths(allowed=ALLOWED)


def test_course_and_package_french_passes_the_checker(course_problems):
    problems = [p for p in course_problems if not french.is_allowed(p, PENDING)]
    shown = "\n".join(map(str, problems[:40]))
    assert not problems, f"{len(problems)} problème(s) de français :\n{shown}"


def test_every_exception_is_still_needed(course_problems):
    """An exception whose problem is gone must leave the allow-list (PENDING shrinks)."""
    for entry in PENDING:
        assert any(french.is_allowed(p, (entry,)) for p in course_problems), entry
    every = french.check_paths(allowed=())
    for entry in ALLOWED:
        assert any(french.is_allowed(p, (entry,)) for p in every), entry


# ------------------------------------------------------------------ lessons stay thin

MAX_CELL_LINES = 15
MAX_LESSON_LINES = 60
#: Cells allowed to be longer, with the reason (a worked example explained line by line).
LONG_CELLS: dict[tuple[str, int], str] = {}
#: Lessons being rewritten elsewhere when these tests were written, with the reason; each
#: must still fail its check (so that the entry is removed as soon as the lesson is fixed).
PENDING_LESSONS: dict[str, str] = {}


def _code_lines(cell) -> int:
    return len([line for line in cell.source.splitlines() if line.strip()])


def _thin_problems(path: Path) -> list[str]:
    cells = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    problems, total = [], 0
    for index, cell in enumerate(cells):
        if (path.name, index) in LONG_CELLS:
            continue
        if cell.source.strip().startswith("cs.exercises.quiz("):
            continue  # the closing self-check quiz, the same one line in every lesson
        lines = _code_lines(cell)
        total += lines
        if lines > MAX_CELL_LINES:
            problems.append(f"{path.name} : cellule de code {index} de {lines} lignes")
    if total > MAX_LESSON_LINES:
        problems.append(f"{path.name} : {total} lignes de code (au plus {MAX_LESSON_LINES})")
    for cell in nbformat.read(path, as_version=4).cells:
        if re.search(r"crmsim/\w+/\w+\.py", cell.source):
            problems.append(f"{path.name} : renvoi à un module interne du paquet")
        # the self-check quiz at the end of a lesson is not lesson data
        if cell.cell_type == "code" and "cs.exercises" in cell.source.replace(
            "cs.exercises.quiz(", ""
        ):
            problems.append(f"{path.name} : données de leçon lues dans cs.exercises")
    return problems


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_lessons_are_thin_and_speak_to_students(path):
    """No code cell over 15 lines, at most 60 lines of code, no package internals."""
    problems = _thin_problems(path)
    if path.name in PENDING_LESSONS:
        assert problems, f"{path.name} est corrigée : retirez-la de PENDING_LESSONS"
    else:
        assert not problems, "\n".join(problems)


def test_code_line_count_ignores_blank_lines():
    cell = nbformat.v4.new_code_cell("import crmsim as cs\n\nSEED = 1\n")
    assert _code_lines(cell) == 2


def test_fix_leaves_html_attributes_comments_and_fenced_code_alone():
    markdown = (
        '<a href="https://x.org/a?b=1 : 2" title="l\'aide : ici">le lien : ici</a>\n'
        "<!-- BEGIN SOLUTION -->\n"
        "```python\nprint('a : b')  # l'appel\n```\n"
        "Réponse : 50 %"
    )
    fixed = fix_markdown(markdown)
    assert '<a href="https://x.org/a?b=1 : 2" title="l\'aide : ici">' in fixed
    assert f">le lien{NBSP}: ici</a>" in fixed
    assert "<!-- BEGIN SOLUTION -->" in fixed
    assert "```python\nprint('a : b')  # l'appel\n```" in fixed
    assert fixed.endswith(f"Réponse{NBSP}: 50{NBSP}%")
