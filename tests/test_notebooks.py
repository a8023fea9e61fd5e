"""Course-wide checks on the notebooks: index links, stored outputs, seeds, language."""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ALL = (
    LESSONS
    + sorted((ROOT / "solutions").glob("*.ipynb"))
    + sorted((ROOT / "exercises").glob("*.ipynb"))
)


def _links(path):
    text = "\n".join(
        c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"
    )
    return re.findall(r"\]\(([^)]+\.ipynb)\)", text)


def test_index_links_every_lesson_exercise_and_solution():
    index = ROOT / "notebooks" / "00_sommaire.ipynb"
    targets = {(index.parent / link).resolve() for link in _links(index)}
    for path in ALL:
        if path != index:
            assert path.resolve() in targets, f"{path.name} absent du sommaire"
    for target in targets:
        assert target.exists(), f"lien mort dans le sommaire : {target}"


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_stored_outputs_and_clean_metadata(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert all(c.execution_count is not None for c in code), "notebook non exécuté"
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), "cellules exécutées dans le désordre"
    for cell in code:
        for output in cell.outputs:
            assert output.output_type != "error", f"erreur stockée : {cell.source[:60]}"
            text = output.get("text", "")
            assert "Traceback" not in text and "Warning" not in text, text[:200]
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_random_draws_are_seeded(path):
    source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    assert "np.random.seed" not in source and "import random" not in source
    if re.search(r"default_rng\(|simulate\(|make_customer_sample\(", source):
        assert re.search(r"seed\s*=", source), "tirage aléatoire sans graine"


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_plot_cells_end_with_show(path):
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code" and re.search(r"\bplot_\w+\(|sns\.", cell.source):
            last = cell.source.strip().splitlines()[-1]
            assert last.strip() == "plt.show()", f"cellule de graphique sans plt.show() : {last}"
