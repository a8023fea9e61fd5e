"""French typography rules on plain text and on Markdown, with mechanical repairs.

Each rule finds a problem in a piece of French text and says how to fix it. The
mechanical ones (no-break spaces, typographic apostrophe, multiplication sign) can also
be repaired by :func:`fix_text`, which is idempotent. In Markdown, the protected parts
(code, URLs, LaTeX, HTML tags and attributes, link targets) are masked by :func:`mask`
first: checks and repairs only touch the prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crmsim.qa.glossary import forbidden_pattern, replacement_for

__all__ = [
    "NARROW_NBSP",
    "NBSP",
    "Finding",
    "check_markdown",
    "check_text",
    "fix_markdown",
    "fix_text",
    "mask",
    "unmask",
]

#: No-break space (before ``:``, inside « », thousands, before ``%`` and units).
NBSP = "\u00a0"
#: Narrow no-break space (before ``;``, ``!``, ``?``).
NARROW_NBSP = "\u202f"
_NB = NBSP + NARROW_NBSP
_LETTER = r"[A-Za-zÀ-ÖØ-öø-ÿŒœ]"


@dataclass(frozen=True)
class Finding:
    """A problem found in a text: rule id, position, the text around it and the fix."""

    rule: str
    start: int
    end: int
    excerpt: str
    fix: str


# (rule id, pattern, message); the problem is the first group when there is one.
_RULES: list[tuple[str, re.Pattern[str], str]] = [
    (
        "espace-ponctuation",
        re.compile(r"(?<=[\w)»%*_\]\ue000-\uf8ff])( +)(?=[;:!?](?:\s|$|[)*_\"'’»]))"),
        "espace insécable avant « {p} » (U+202F, ou U+00A0 avant « : »)",
    ),
    (
        "ponctuation-collee",
        re.compile(rf"(?<={_LETTER})()(?=[;!?](?:\s|$))|(?<={_LETTER}{{2}})()(?=:(?:\s|$))"),
        "espace insécable à ajouter avant « {p} »",
    ),
    (
        "guillemets",
        re.compile(r"(?<=«)( ?)(?=[^\s\u00a0\u202f])|(?<=[^\s\u00a0\u202f])( ?)(?=»)"),
        "espace insécable (U+00A0) à l’intérieur des guillemets « »",
    ),
    (
        "apostrophe",
        re.compile(rf"(?<={_LETTER})(')(?=[*_]{{0,2}}{_LETTER})"),
        "apostrophe typographique ’ au lieu de '",
    ),
    (
        "multiplication",
        re.compile(r"(?<=\d)( x )(?=\d)|(?<=\w)( x )(?=[A-Za-zÀ-ÿ]{2,})"),
        "signe × au lieu de la lettre x",
    ),
    (
        "pourcentage",
        re.compile(r"(?<=\d)( ?)(?=%)"),
        "espace insécable (U+00A0) entre le nombre et %",
    ),
    (
        "milliers",
        re.compile(
            r"(?<![\d,.\w-])\d{1,3}(?:( )\d{3})+(?!\d)|(?<![\w.,/#-])()\d{5,}(?!\w)(?![.,]\d)"
        ),
        "séparateur de milliers : espace insécable (1\u00a0000, 10\u00a0000)",
    ),
]

_FORBIDDEN = forbidden_pattern()


def _punct_after(text: str, end: int) -> str:
    return text[end] if end < len(text) else ""


def _excerpt(text: str, start: int, end: int, width: int = 30) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    out = text[left:right].replace("\n", " ").replace(NBSP, "⍽").replace(NARROW_NBSP, "⍽")
    return ("…" if left else "") + out + ("…" if right < len(text) else "")


def check_text(text: str, *, vocabulary: bool = True) -> list[Finding]:
    """Find the typography and vocabulary problems of a French text.

    Parameters
    ----------
    text : str
        Plain French text (no Markdown: use :func:`prose_spans` first).
    vocabulary : bool, default True
        Also flag the forbidden synonyms of the course glossary.

    Returns
    -------
    list of Finding
        In the order of the text. The excerpt shows no-break spaces as ``⍽``.

    Examples
    --------
    >>> [f.rule for f in check_text("Bienvenue ! Un mailing à 5 x 3 l'an, 85%.")]
    ['espace-ponctuation', 'synonyme', 'multiplication', 'apostrophe', 'pourcentage']
    >>> check_text("Bienvenue\\u202f! 85\\u00a0% l’an")
    []
    """
    found: list[Finding] = []
    for rule, pattern, message in _RULES:
        for match in pattern.finditer(text):
            group = next(
                (g for g in range(1, (pattern.groups or 0) + 1) if match.group(g) is not None), 0
            )
            start, end = match.span(group)
            if rule == "milliers" and group == 2 and _looks_like_code_number(text, match):
                continue
            fix = message.format(p=_punct_after(text, end))
            found.append(Finding(rule, start, end, _excerpt(text, start, end), fix))
    if vocabulary:
        for match in _FORBIDDEN.finditer(text):
            word = match.group(0)
            fix = f"vocabulaire du cours : « {replacement_for(word)} » au lieu de « {word} »"
            found.append(Finding("synonyme", *match.span(), _excerpt(text, *match.span()), fix))
    return sorted(found, key=lambda f: (f.start, f.rule))


def _looks_like_code_number(text: str, match: re.Match) -> bool:
    """Years and identifiers: 5+ digit runs that are not amounts (e.g. seeds, ids)."""
    before = text[max(0, match.start() - 12) : match.start()].lower()
    return any(w in before for w in ("graine", "seed", "n°", "numéro", "version"))


def fix_text(text: str) -> str:
    """Repair the mechanical typography errors of a French text (idempotent).

    No-break spaces before ``; : ! ?`` (narrow before ``; ! ?``), inside « » and before
    ``%``; typographic apostrophe between letters; ``×`` between two numbers or words; no-break
    space in thousands written with an ordinary space. Vocabulary is never changed.

    Examples
    --------
    >>> fix_text("Bienvenue ! « oui » : l'offre à 85 % (2 x 3)") == (
    ...     "Bienvenue\\u202f! «\\u00a0oui\\u00a0»\\u00a0: l’offre à 85\\u00a0% (2 × 3)"
    ... )
    True
    >>> fix_text(fix_text("Prix : 10 000 MAD !")) == fix_text("Prix : 10 000 MAD !")
    True
    """

    def punct(m: re.Match) -> str:
        return (NBSP if m.group(2) == ":" else NARROW_NBSP) + m.group(2)

    text = re.sub(r"(?<=[\w)»%*_\]\ue000-\uf8ff])( +)([;:!?])(?=\s|$|[)*_\"'’»])", punct, text)
    text = re.sub(rf"(?<={_LETTER})([;!?])(?=\s|$)", lambda m: NARROW_NBSP + m.group(1), text)
    text = re.sub(r"«[ ]?(?=[^\s\u00a0\u202f])", "«" + NBSP, text)
    text = re.sub(r"(?<=[^\s\u00a0\u202f])[ ]?»", NBSP + "»", text)
    text = re.sub(rf"(?<={_LETTER})'(?=[*_]{{0,2}}{_LETTER})", "’", text)
    text = re.sub(r"(?<=\d) x (?=\d)|(?<=\w) x (?=[A-Za-zÀ-ÿ]{2,})", " × ", text)
    text = re.sub(r"(?<=[\d\ue000-\uf8ff]) ?%", NBSP + "%", text)
    text = re.sub(
        r"(?<![\d,.\w-])\d{1,3}(?: \d{3})+(?!\d)", lambda m: m.group(0).replace(" ", NBSP), text
    )
    return text


# Protected parts of Markdown, in order of precedence.
_PROTECTED = re.compile(
    r"```.*?```"  # fenced code
    r"|~~~.*?~~~"
    r"|`[^`\n]*`"  # inline code
    r"|\$\$.*?\$\$"  # display math
    r"|(?<![\\\w])\$[^$\n]+\$"  # inline math
    r"|<!--.*?-->"  # HTML comments
    r"|<[A-Za-z/][^>\n]*>"  # HTML tags and their attributes
    r"|\]\([^)\n]*\)"  # link targets
    r"|https?://[^\s)>\]]+",  # bare URLs
    re.DOTALL,
)
_MARK0 = 0xE000  # private-use characters stand for the protected parts while fixing


def mask(markdown: str, pattern: re.Pattern[str] | None = None) -> tuple[str, list[str]]:
    """Replace each protected part of a Markdown text by one private-use character.

    Returns the masked text and the protected parts, for :func:`unmask`.

    Examples
    --------
    >>> masked, parts = mask("Voir `a : b` et $x : y$ : [lien](http://a.b/c?d)")
    >>> parts
    ['`a : b`', '$x : y$', '](http://a.b/c?d)']
    >>> unmask(masked, parts) == "Voir `a : b` et $x : y$ : [lien](http://a.b/c?d)"
    True
    """
    parts: list[str] = []

    def keep(match: re.Match) -> str:
        parts.append(match.group(0))
        return chr(_MARK0 + len(parts) - 1)

    return (pattern or _PROTECTED).sub(keep, markdown), parts


def unmask(masked: str, parts: list[str]) -> str:
    """Put the protected parts back into a text masked by :func:`mask`."""
    return (
        re.sub(
            f"[{chr(_MARK0)}-{chr(_MARK0 + max(len(parts), 1) - 1)}]",
            lambda m: parts[ord(m.group(0)) - _MARK0],
            masked,
        )
        if parts
        else masked
    )


def check_markdown(markdown: str, *, vocabulary: bool = True) -> list[Finding]:
    """:func:`check_text` on the prose of a Markdown text (code, math, HTML, URLs skipped)."""
    masked, _ = mask(markdown)
    out = []
    for f in check_text(masked, vocabulary=vocabulary):
        excerpt = re.sub("[\ue000-\uf8ff]", "‹…›", f.excerpt)
        out.append(Finding(f.rule, f.start, f.end, excerpt, f.fix))
    return out


def fix_markdown(markdown: str) -> str:
    """:func:`fix_text` on the prose of a Markdown text; code, math, HTML, URLs unchanged.

    Examples
    --------
    >>> fix_markdown("Code `x : y` ; texte : fin") == "Code `x : y`\u202f; texte\u00a0: fin"
    True
    """
    masked, parts = mask(markdown)
    return unmask(fix_text(masked), parts)
