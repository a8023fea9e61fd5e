"""French string literals of Python source: find them, and repair their typography.

Docstrings (English) are skipped; a literal is read when it looks French (accents,
French function words, a space before ``: ; ! ?``). The ``{...}`` fields of f-strings
are masked while repairing, so code inside them is never changed.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Callable, Iterator

from crmsim.qa.typography import fix_text, mask, unmask

__all__ = ["fix_python_strings", "french_literals"]

_FRENCH_HINT = re.compile(
    r"[àâçéèêëîïôûùüœÀÂÇÉÈÊÎÔ«»’]|\b(le|la|les|des|du|une|est|pour|avec|dans|sur|pas|"
    r"qui|que|aux|et|ou|par)\b|\b[dlnjmtsc]'\w|[\w}°] [;:!?](?:\s|$)|« ",
    re.IGNORECASE,
)


def _docstring_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                if isinstance(body[0].value.value, str):
                    lines.update(range(body[0].lineno, (body[0].end_lineno or 0) + 1))
    return lines


_PREFIX = re.compile(r"^([rRbBuUfF]*)('''|\"\"\"|'|\")", re.DOTALL)


def _split_literal(token: str) -> tuple[str, str, str, str] | None:
    match = _PREFIX.match(token)
    if not match or "b" in match.group(1).lower():
        return None
    prefix, quote = match.groups()
    body = token[len(prefix) + len(quote) : len(token) - len(quote)]
    return prefix, quote, body, quote


_FIELD = re.compile(r"\{\{|\}\}|\{(?:[^{}]|\{[^{}]*\})*\}")


def _outside_fields(body: str, is_f: bool, func: Callable[[str], str]) -> str:
    """Apply ``func`` to a literal's body; the ``{...}`` fields of an f-string are masked.

    Each field stands as one private-use character while ``func`` runs, so the text
    around it keeps its context (« {name} » gets its no-break spaces).
    """
    if not is_f:
        return func(body)
    masked, parts = mask(body, _FIELD)
    return unmask(func(masked), parts)


def _string_tokens(source: str) -> Iterator[tuple[tokenize.TokenInfo, tuple]]:
    try:
        tree = ast.parse(source)
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (SyntaxError, tokenize.TokenError):
        return  # e.g. a notebook cell with IPython magics: leave it alone
    docstrings = _docstring_lines(tree)
    for token in tokens:
        if token.type == tokenize.STRING and token.start[0] not in docstrings:
            parts = _split_literal(token.string)
            if parts and _FRENCH_HINT.search(parts[2]):
                yield token, parts


def _strip_fields(body: str, is_f: bool) -> str:
    return (
        _outside_fields(body, is_f, lambda s: s)
        if not is_f
        else re.sub(r"\{(?:[^{}]|\{[^{}]*\})*\}", "{}", body)
    )


def fix_python_strings(source: str) -> str:
    """Repair the French string literals of Python source; code and docstrings unchanged.

    Examples
    --------
    >>> src = 'raise ValueError(f"valeur : {x:>3} pour « a »")\\nd = {"a": 1}\\n'
    >>> print(fix_python_strings(src).replace("\\u00a0", "~"))
    raise ValueError(f"valeur~: {x:>3} pour «~a~»")
    d = {"a": 1}
    <BLANKLINE>
    """
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    edits = []
    for token, (prefix, quote, body, _) in _string_tokens(source):
        new_body = _outside_fields(body, "f" in prefix.lower(), fix_text)
        if new_body != body:
            start = offsets[token.start[0] - 1] + token.start[1]
            end = offsets[token.end[0] - 1] + token.end[1]
            edits.append((start, end, prefix + quote + new_body + quote))
    for start, end, new in reversed(edits):
        source = source[:start] + new + source[end:]
    return source


def french_literals(source: str) -> Iterator[tuple[int, str]]:
    """Line and text (f-string fields masked) of each French literal of ``source``.

    Examples
    --------
    >>> list(french_literals('x = "ok"\\ny = f"reçu {x} : fin"\\n'))[0][0]
    2
    """
    for token, (prefix, _, body, _) in _string_tokens(source):
        yield token.start[0], _strip_fields(body, "f" in prefix.lower())
