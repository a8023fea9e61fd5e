"""Generate the student notebooks (``exercises/``) from the solutions (``solutions/``).

The solution notebook is the single source of an exercise. In its code cells, the lines
between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` are the answer; in the student
version they become ``name = ...  # à compléter`` for every variable the answer assigns
(so the notebook still runs top to bottom and the checks say "à compléter"), or a
``...  # À compléter`` line when it assigns nothing. In Markdown cells, text between
``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->`` becomes an empty answer line.

Command line::

    python -m crmsim.exercises build            # regenerate and execute exercises/
    python -m crmsim.exercises check            # exit 1 if exercises/ is out of date
    python -m crmsim.exercises execute NB...    # rerun notebooks, storing their outputs

The student notebook's metadata records its exercise (``metadata.crmsim.exercise``), which
the grader reads to find the exercise of a submitted notebook.
"""

from __future__ import annotations

import ast
import copy
import re
from pathlib import Path

import nbformat

__all__ = ["build", "execute_notebook", "make_exercise", "out_of_date", "strip_solution"]

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
MD_BEGIN, MD_END = "<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->"
BANNER = (
    "> **Version élève** générée automatiquement depuis `solutions/{name}` par "
    "`python -m crmsim.exercises build` : ne la modifiez pas à la main, vos réponses "
    "vont dans les cellules marquées « à compléter »."
)


def _assigned_names(code: str) -> list[str]:
    """Names assigned at the top level of ``code`` (in order, without repeats)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    names: list[str] = []
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        for target in targets:
            for sub in ast.walk(target):
                if isinstance(sub, ast.Name) and sub.id not in names:
                    names.append(sub.id)
    return names


def strip_solution(source: str) -> str:
    """Replace each solution block of a code cell's source by placeholders."""
    lines = source.split("\n")
    out: list[str] = []
    block: list[str] | None = None
    indent = ""
    for line in lines:
        stripped = line.strip()
        if stripped == BEGIN:
            if block is not None:
                raise ValueError(f"« {BEGIN} » imbriqué dans un autre bloc solution.")
            block, indent = [], line[: len(line) - len(line.lstrip())]
        elif stripped == END:
            if block is None:
                raise ValueError(f"« {END} » sans « {BEGIN} » correspondant.")
            names = _assigned_names("\n".join(b[len(indent) :] for b in block))
            if names:
                out += [f"{indent}{name} = ...  # à compléter" for name in names]
            else:
                out.append(f"{indent}...  # À compléter")
            block = None
        elif block is not None:
            block.append(line)
        else:
            out.append(line)
    if block is not None:
        raise ValueError(f"« {BEGIN} » sans « {END} ».")
    return "\n".join(out)


def _strip_markdown(source: str) -> str:
    pattern = re.compile(re.escape(MD_BEGIN) + r".*?" + re.escape(MD_END), re.DOTALL)
    return pattern.sub("*Votre réponse :* …", source)


def make_exercise(solution: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """Return the student version of a solution notebook, without outputs."""
    nb = copy.deepcopy(solution)
    nb.metadata.pop("widgets", None)
    nb.metadata["crmsim"] = {"exercise": Path(name).stem}
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = strip_solution(cell.source)
            cell.outputs = []
            cell.execution_count = None
        elif cell.cell_type == "markdown":
            cell.source = _strip_markdown(cell.source)
        cell.metadata.pop("execution", None)
    banner = nbformat.v4.new_markdown_cell(BANNER.format(name=name))
    banner.id = "banniere-exercice"
    nb.cells.insert(0, banner)
    return nb


def execute_notebook(path: str | Path, *, timeout: int = 300) -> None:
    """Run a notebook top to bottom in its folder and store its outputs in place."""
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent.resolve())}},
        record_timing=False,
        store_widget_state=True,
    )
    client.execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)


def _pairs(root: Path) -> list[tuple[Path, Path]]:
    return [
        (sol, root / "exercises" / sol.name) for sol in sorted((root / "solutions").glob("*.ipynb"))
    ]


def _sources(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source) for cell in nb.cells]


def out_of_date(root: str | Path = ".") -> list[str]:
    """Exercise notebooks whose cells differ from what :func:`build` would write."""
    root = Path(root)
    stale = []
    for solution, exercise in _pairs(root):
        expected = make_exercise(nbformat.read(solution, as_version=4), solution.name)
        if not exercise.exists():
            stale.append(f"{exercise} (absent)")
        elif _sources(nbformat.read(exercise, as_version=4)) != _sources(expected):
            stale.append(str(exercise))
    solutions = {s.name for s, _ in _pairs(root)}
    for orphan in sorted((root / "exercises").glob("*.ipynb")):
        if orphan.name not in solutions:
            stale.append(f"{orphan} (sans solution correspondante)")
    return stale


def build(root: str | Path = ".", *, execute: bool = True) -> list[Path]:
    """Write ``exercises/`` from ``solutions/`` and (by default) execute them."""
    root = Path(root)
    written = []
    for solution, exercise in _pairs(root):
        nb = make_exercise(nbformat.read(solution, as_version=4), solution.name)
        exercise.parent.mkdir(exist_ok=True)
        nbformat.write(nb, exercise)
        if execute:
            execute_notebook(exercise)
        written.append(exercise)
    return written
