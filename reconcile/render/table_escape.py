"""Make one table cell harmless in one output format.

Text in a table comes from claim files, which anyone can write: an outlet named
``x | y``, a value ``<img src=…>``, a quote ``=HYPERLINK(…)``. Every cell first
goes through ``visible()``, so no newline or control character can start a row
and no bidi override can reorder what a reader sees; then through the escaping
of its format, so that it can neither split a cell nor become markup:

- ``github``, ``pipe`` (Markdown): CommonMark backslash escapes for ``|`` and
  every character that starts markup (links, images, raw HTML, emphasis, math),
  and an invisible word joiner inside ``:100:``, which GitHub would show as an
  emoji whatever the escapes (it looks for them in the text after parsing).
- ``html`` and the ``latex`` family: tabulate's own escaping (the CLI renders
  ``unsafehtml`` as ``html`` and ``latex_raw`` as ``latex``; see ``table.py``).
- ``asciidoc``, ``mediawiki``, ``moinmoin``, ``textile``: ASCII punctuation as
  numeric character references (``|`` is ``&#124;``), which these wikis show as
  the character and never read as markup.
- ``jira``, ``youtrack``: a backslash before each markup character.
- ``rst``: a backslash before each ASCII punctuation character.
- ``orgtbl``: ``|`` as ``\\vert{}``, Org's entity for it, and a zero-width space
  inside whatever would start Org markup (links ``[[…]]``, export snippets
  ``@@html:…@@``, inline code ``src_sh{…}``, LaTeX fragments, sub- and superscripts,
  emphasis), the escape the Org manual gives; nowhere else.
- ``csv``, ``tsv``: a text cell that a spreadsheet would run as a formula
  (first character ``=``, ``+``, ``-``, ``@``, TAB, CR or NUL) gets a leading
  ``'`` (CWE-1236); numbers stay numbers.
- the rest (``plain``, ``simple``, ``grid`` and the other box styles) are text
  to read: ``visible()`` is all they need. (Pandoc reads ``simple`` and ``grid``
  as Markdown tables; the README sends Markdown pipelines to ``pipe``.)

In the formats a browser lays out (HTML, Markdown, the wikis), a run of right-to-left
text (``وزارة العينة``) is set between Unicode isolates (FSI … PDI): else the bidi
algorithm would take the ``: 40`` after it into the run and show ``40 :ةنيعلا ةرازو``,
the figure before the name. Only these marks are added, after ``visible()``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reconcile.render.safe import visible

_MARKDOWN = re.compile(r"([\\`*_\[\]<>|~$&])")
# A shortcode has a letter, but for :100: and :1234: (and :+1:): not the :00: of 10:00:00
_EMOJI_CODE = re.compile(r":(?=[\w+\-\\]*[^\W\d_][\w+\-\\]*:|100:|1234:|[+-]1:)")
WORD_JOINER = "\u2060"
_JIRA = re.compile(r"([\\|*_+\-^~?{}\[\]!#])")
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_ENTITY_PUNCTUATION = re.compile(r"[!-+\-/:-@\[-`{-~]")  # all but "," and "."
_NUMBER = re.compile(r"-?[0-9][0-9,]*(\.[0-9]+)?%?|[0-9]{4}-[0-9]{2}-[0-9]{2}")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
# What starts Org markup: a link [[, an export snippet @@, a macro {{{, a target <<, a
# LaTeX fragment \\alpha or \\(, a sub- or superscript a_b a^b (and so src_sh{...}),
# and an emphasis marker at a word's start (*bold*, /italic/, =code= ...).
_ORG_MARKUP = re.compile(
    r"\[(?=\[)|@(?=@)|\{(?=\{\{)|<(?=<)|\\(?=[A-Za-z(\[])|(?<=\w)[_^](?=[\w{*(])"
    r"|(?:^|(?<=[\s(\[{'\"]))[*/_=~+](?=\S)"
)
ZERO_WIDTH_SPACE = "\u200b"


def escape_markdown(text: str) -> str:
    return _EMOJI_CODE.sub(":" + WORD_JOINER, _MARKDOWN.sub(r"\\\1", text))


def escape_jira(text: str) -> str:
    return _JIRA.sub(r"\\\1", text)


def escape_rst(text: str) -> str:
    return _PUNCTUATION.sub(r"\\\1", text)


def escape_entities(text: str) -> str:
    return _ENTITY_PUNCTUATION.sub(lambda match: f"&#{ord(match.group())};", text)


def escape_org(text: str) -> str:
    broken = _ORG_MARKUP.sub(lambda match: match.group() + ZERO_WIDTH_SPACE, text)
    return broken.replace("|", "\\vert{}")


def defuse_formula(text: str) -> str:
    """A text cell that a spreadsheet would evaluate, made plain text (CWE-1236)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


_ESCAPERS: dict[str, Callable[[str], str]] = {
    "github": escape_markdown,
    "pipe": escape_markdown,
    "asciidoc": escape_entities,
    "mediawiki": escape_entities,
    "moinmoin": escape_entities,
    "textile": escape_entities,
    "jira": escape_jira,
    "youtrack": escape_jira,
    "rst": escape_rst,
    "orgtbl": escape_org,
    "csv": defuse_formula,
    "tsv": defuse_formula,
}


def escape_cell(text: str, fmt: str, *, number: bool = False) -> str:
    """``text`` made safe to stand in one cell of a table in format ``fmt``.

    A ``number`` cell that holds a plain number or ISO date (``-3``, ``1,200``,
    ``0.3%``, ``2017-08-27``) is kept as it is: a negative number is no formula."""
    if number and _NUMBER.fullmatch(text):
        return text
    shown = visible(text)
    if fmt in _LAID_OUT_BY_BROWSERS and _RIGHT_TO_LEFT.search(shown):
        shown = _RIGHT_TO_LEFT_RUN.sub(_isolated, shown)  # before escaping: no escape is cut
    escape = _ESCAPERS.get(fmt)
    return escape(shown) if escape else shown


_LAID_OUT_BY_BROWSERS = frozenset(
    {"html", "github", "pipe", "asciidoc", "mediawiki", "moinmoin", "textile", "jira", "youtrack"}
)
# Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko ...).
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
_RIGHT_TO_LEFT = re.compile(f"[{_RTL}]")
# A run of them: a name, with its spaces, digits and punctuation (قناة 24, وزارة الصحة/غزة,
# قناة الجزيرة (الدوحة)), up to a separator a cell puts between names and values (: ; ,)
# or a word in Latin letters ("وزارة gives 6" isolates the name alone).
_RIGHT_TO_LEFT_RUN = re.compile(f"[{_RTL}](?:[{_RTL}0-9 '’.()/_&-]*[{_RTL}0-9)])?")


def _isolated(run: re.Match[str]) -> str:
    """The run between isolates; a closing bracket whose opening one is outside stays
    outside with it (a pair split by an isolate would not mirror as one)."""
    text = run.group()
    depth = 0
    for at, character in enumerate(text):
        depth += {"(": 1, ")": -1}.get(character, 0)
        if depth < 0:  # closes a bracket opened before the run: the name ends before it
            text = text[:at].rstrip(" '’.()/_&-")
            break
    return f"\u2068{text}\u2069{run.group()[len(text) :]}"
