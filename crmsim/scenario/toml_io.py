"""Scenarios as commented, human-editable TOML files."""

from __future__ import annotations

import dataclasses
import os
import pathlib
from typing import Any

from crmsim._output import read_text_file, toml_error_fr, write_text_file
from crmsim._validation import check_instance, french_arguments
from crmsim.errors import ScenarioError
from crmsim.scenario.core import Scenario
from crmsim.scenario.fields import _num

MAX_SCENARIO_BYTES = 1_000_000
"""Largest scenario file :func:`load_scenario` reads (a hand-written one is a few kB)."""

__all__ = ["load_scenario", "save_scenario"]


# ---------------------------------------------------------------------- TOML files
def _toml_value(value: Any) -> str:
    import tomli_w

    return tomli_w.dumps({"x": value}).strip()[len("x = ") :]


def _toml_lines(obj: Any, prefix: str) -> list[str]:
    lines: list[str] = []
    groups = []
    for f in dataclasses.fields(obj):
        m, value = f.metadata, getattr(obj, f.name)
        if m.get("kind") == "group":
            groups.append(f)
            continue
        comment = ""
        if "unit" in m:
            unit = f", en {m['unit']}" if m["unit"] else ""
            bounds = ""
            if m["min"] is not None and m["max"] is not None:
                bounds = f", entre {_num(m['min'])} et {_num(m['max'])}"
            comment = f"  # {m['label']}{unit}{bounds}"
        if value is None:
            lines.append(f'{f.name} = "jamais"{comment} ; "jamais" ou un numéro de mois')
        else:
            lines.append(f"{f.name} = {_toml_value(value)}{comment}")
    for f in groups:
        lines += ["", f"[{prefix}{f.name}]  # {f.metadata['label']}"]
        lines += _toml_lines(getattr(obj, f.name), f"{prefix}{f.name}.")
    return lines


@french_arguments
def save_scenario(scenario: Scenario, path: str | os.PathLike[str]) -> pathlib.Path:
    """Write ``scenario`` to a commented, human-editable TOML file and return its path.

    Events that never happen (``None``) are written ``"jamais"``; each line carries the
    parameter's French label, unit and bounds as a comment.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from crmsim.scenario import preset
    >>> with tempfile.TemporaryDirectory() as d:
    ...     f = save_scenario(preset("crise"), pathlib.Path(d) / "crise.toml")
    ...     load_scenario(f) == preset("crise")
    True
    """
    check_instance(scenario, Scenario, "scenario", "Créez-le avec cs.preset(...) ou cs.Scenario().")
    header = [
        "# Scénario crmsim : fichier modifiable à la main.",
        "# Une période = un mois ; taux en fraction (0.015 = 1,5 %) ; montants en MAD.",
        "# Une clé absente garde la valeur du préréglage « cours ».",
    ]
    text = "\n".join(header + _toml_lines(scenario, "")) + "\n"
    return write_text_file(path, text, what="scénario", error=ScenarioError)


@french_arguments
def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Read a scenario from a TOML file written by :func:`save_scenario` or by hand.

    Raises
    ------
    ScenarioError
        If the file is missing, is a folder, is larger than ``MAX_SCENARIO_BYTES`` (1 MB),
        is not UTF-8 or not valid TOML, or has an unknown key or a bad value.
    """
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    text = read_text_file(path, what="scénario", limit=MAX_SCENARIO_BYTES, error=ScenarioError)
    path = pathlib.Path(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(
            f"{path} n’est pas un fichier TOML valide ({toml_error_fr(exc)}) : corrigez la "
            "ligne indiquée (clé = valeur, textes entre guillemets)."
        ) from None
    except RecursionError:
        raise ScenarioError(f"{path} contient des tableaux imbriqués trop profondément.") from None
    try:
        return Scenario.from_dict(data)
    except ScenarioError as exc:
        raise ScenarioError(f"{path} : {exc}") from None
