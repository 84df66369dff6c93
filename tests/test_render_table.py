"""The discrepancy table: exact output per format, filters, and safety of every
format against text from claim files (markup, formulas, new rows)."""

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from tabulate import tabulate_formats

from reconcile.api import check
from reconcile.render.table import (
    DEFAULT_COLUMNS,
    GROUP_COLUMNS,
    TABLE_FORMATS,
    TableOptionError,
    render_table,
)
from reconcile.render.table_escape import escape_cell, escape_org

REPOSITORY = Path(__file__).resolve().parent.parent

# snapshot file extensions; csv ones end in .txt, so that no run over tests/ reads them as claims
PINNED = {
    "github": "md",
    "grid": "txt",
    "html": "html",
    "latex": "tex",
    "csv": "csv.txt",
    "tsv": "tsv",
}
HOSTILE_ORIGINS = (
    "<script>alert(1)</script> | [bold]x[/] *y* _z_ `c` [a](https://evil.example) \\ $x$ & ~~s~~",
    '=HYPERLINK("https://evil.example","click")',
    "Example Wire\n| injected | row |\n\x1b[31mred\u202e",
    "-2+3",
    "@SUM(1+1)",
)
# the values cell of buses.departed, as every format must show it
HOSTILE_VALUES = (
    "<script>alert(1)</script> | [bold]x[/] *y* _z_ `c` [a](https://evil.example) \\ $x$ & ~~s~~"
    ': seventeen; =HYPERLINK("https://evil.example","click"): 18; '
    "Example Wire\\x0a| injected | row |\\x0a\\x1b[31mred\\u202e: 17"
)


@pytest.fixture
def small(datadir, monkeypatch):
    monkeypatch.chdir(datadir)
    return check(["small-story"])


@pytest.fixture
def hostile(datadir, monkeypatch):
    monkeypatch.chdir(datadir)
    report = check(["hostile-story"])
    origins = {origin for group in report.groups for origin in group.origins}
    assert origins >= set(HOSTILE_ORIGINS)
    return report


@pytest.fixture
def example(monkeypatch):
    monkeypatch.chdir(REPOSITORY)  # paths as a user of the checkout sees them: claims/...
    return check(["claims"])


def expected(datadir, name):
    return (datadir / "expected" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", PINNED)
def test_small_story_in_each_format(small, datadir, fmt):
    assert render_table(small, fmt) == expected(datadir, f"small-story.{PINNED[fmt]}")


@pytest.mark.parametrize("fmt", PINNED)
def test_example_story_in_each_format(example, datadir, fmt):
    assert render_table(example, fmt) == expected(datadir, f"example.{PINNED[fmt]}")


def test_relations_table(small, example, datadir):
    assert render_table(small, relations=True) == expected(datadir, "small-story-relations.md")
    assert render_table(example, relations=True) == expected(datadir, "example-relations.md")


def test_one_row_per_group_with_values_estimate_and_gap(small):
    rows = list(csv.DictReader(io.StringIO(render_table(small, "csv"))))
    assert [(row["quantity"], row["verdict"]) for row in rows] == [
        ("buses.departed", "agree"),
        ("buses.returned", "single-source"),
        ("buses.stranded", "single-source"),
        ("ceasefire.date", "conflict"),
        ("people.fighters", "consistent"),
        ("people.total", "conflict"),
    ]
    total = rows[-1]
    assert total["values"] == "Example Gazette: around 600; Example Wire: 12,700"
    assert (total["best"], total["estimate"], total["gap"], total["relative-gap"]) == (
        "",
        "",
        "12040",  # a plain number for spreadsheets; 12,040 in the other formats
        "94.8%",
    )
    assert rows[0]["values"] == (
        "Example Courier: 17 buses; Example Ministry: seventeen; Example Wire: 17"
    )


def test_only_keeps_the_verdicts_named(small):
    table = render_table(small, "csv", only={"conflict", "consistent"}, columns=["quantity"])
    assert table == "quantity\nceasefire.date\npeople.fighters\npeople.total\n"


def test_only_with_relations_keeps_the_statuses_named(example):
    table = render_table(example, "csv", only={"holds"}, columns=["relation"], relations=True)
    assert table == "relation\npeople.total = people.fighters + people.civilians\n"


def test_columns_pick_and_order(small):
    table = render_table(small, "github", columns=["verdict", "quantity", "gap"])
    assert table == (
        "| verdict       | quantity        |    gap |\n"
        "|---------------|-----------------|--------|\n"
        "| agree         | buses.departed  |      — |\n"
        "| single-source | buses.returned  |      — |\n"
        "| single-source | buses.stranded  |      — |\n"
        "| conflict      | ceasefire.date  | 3 days |\n"
        "| consistent    | people.fighters |      — |\n"
        "| conflict      | people.total    | 12,040 |\n"
    )


def test_the_other_columns(small):
    table = render_table(
        small, "csv", columns=["quantity", "origins", "low", "high", "explanation"]
    )
    rows = list(csv.reader(io.StringIO(table)))
    assert rows[0] == ["quantity", "origins", "low", "high", "explanation"]
    assert rows[5][:4] == ["people.fighters", "2", "310", "310"]
    assert rows[6][:4] == ["people.total", "2", "", ""]
    assert rows[6][4] == small.groups[5].explanation


def test_formats_are_tabulates_and_csv():
    assert set(TABLE_FORMATS) == {*tabulate_formats, "csv"}
    assert list(TABLE_FORMATS) == sorted(TABLE_FORMATS)
    assert set(DEFAULT_COLUMNS) <= set(GROUP_COLUMNS)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"fmt": "markdown"}, "unknown format 'markdown'; choose from: asciidoc, colon_grid, csv,"),
        ({"only": {"disputed"}}, "unknown verdict 'disputed'; choose from: agree, consistent, "),
        (
            {"only": {"conflict"}, "relations": True},
            "unknown status 'conflict'; choose from: holds",
        ),
        ({"columns": ["story", "outlet"]}, "unknown column 'outlet'; choose from: story, event, "),
        ({"columns": ["quantity"], "relations": True}, "unknown column 'quantity'; choose from"),
        ({"only": set()}, "name at least one verdict"),
        ({"columns": []}, "name at least one column"),
        ({"fmt": "rst", "columns": ["quantity"]}, "reStructuredText reads a table of one column"),
    ],
)
def test_unknown_options_name_the_choices(small, options, message):
    fmt = options.pop("fmt", "github")
    with pytest.raises(TableOptionError) as error:
        render_table(small, fmt, **options)
    assert str(error.value).startswith(message)


def test_unsafe_variants_render_as_their_safe_ones(hostile):
    assert render_table(hostile, "unsafehtml") == render_table(hostile, "html")
    assert render_table(hostile, "latex_raw") == render_table(hostile, "latex")


# Safety: every format ------------------------------------------------------


@pytest.mark.parametrize("fmt", TABLE_FORMATS)
def test_no_format_lets_text_break_a_row_or_reach_the_terminal(hostile, fmt):
    table = render_table(hostile, fmt)
    assert "\x1b" not in table
    assert "\u202e" not in table
    for line in table.splitlines():
        if "injected" in line:
            assert "Example Wire" in line  # the newline did not start a row


@pytest.mark.parametrize("fmt", ["github", "pipe"])
def test_markdown_shows_the_text_and_makes_no_markup(hostile, fmt):
    html = (
        MarkdownIt("commonmark")
        .enable(["table", "strikethrough"])
        .render(render_table(hostile, fmt, columns=["quantity", "unit", "values"]))
    )
    cells = TableCells()
    cells.feed(html)
    assert cells.tags == {"table", "thead", "tbody", "tr", "th", "td"}
    assert cells.rows == [
        ["quantity", "unit", "values"],
        ["buses.departed", "<b>buses</b>", HOSTILE_VALUES],
        ["people.total", "people", "-2+3: 600; @SUM(1+1): 600"],
        ["temperature.change", "=1+1", "Example Gazette: -3"],
    ]


@pytest.mark.parametrize("fmt", ["html", "unsafehtml"])
def test_html_escapes_the_text(hostile, fmt):
    cells = TableCells()
    cells.feed(render_table(hostile, fmt, columns=["quantity", "unit", "values"]))
    assert cells.tags == {"table", "thead", "tbody", "tr", "th", "td"}
    assert cells.rows[1][1].strip() == "<b>buses</b>"
    assert cells.rows[1][2] == HOSTILE_VALUES


@pytest.mark.parametrize("fmt", ["latex", "latex_raw", "latex_booktabs", "latex_longtable"])
def test_latex_escapes_the_text(hostile, fmt):
    table = render_table(hostile, fmt, columns=["quantity", "unit", "values"])
    body = [line for line in table.splitlines() if line.endswith("\\\\")]
    assert [len(re.findall(r"(?<!\\)&", line)) for line in body] == [2, 2, 2, 2]
    assert r"\ensuremath{<}script\ensuremath{>}" in table
    assert r"\textbackslash{} \$x\$ \& \textasciitilde{}" in table


@pytest.mark.parametrize("fmt", ["latex", "latex_booktabs"])
def test_latex_writes_the_tools_own_symbols_as_commands(tmp_path, fmt):
    """pdflatex stops at a ≥ it has no glyph for: a violated ``<`` says ``12 ≥ 10``."""
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "story.yaml").write_text(
        "story: s\nevents: {convoy: {}}\nquantities: {a: {}, b: {}}\nrelations: [a < b, b > a]\n"
    )
    (tmp_path / "s" / "r.yaml").write_text(
        "source: {outlet: Example Wire, url: 'https://example.org'}\n"
        "claims:\n  - {event: convoy, quantity: a, value: '12'}\n"
        "  - {event: convoy, quantity: b, value: about 10}\n"
    )
    table = render_table(check([tmp_path / "s"]), fmt, relations=True)
    assert r"\ensuremath{\geq}" in table and r"\ensuremath{\leq}" in table
    assert set(table) & {"≥", "≤", "≠", "≈", "∞"} == set()


def test_markdown_breaks_an_emoji_code_not_a_time_of_day():
    assert escape_cell("2017-09-01T10:00:00", "github") == "2017-09-01T10:00:00"
    for code in (":100:", ":thumbs_up:", ":+1:"):
        assert "\u2060" in escape_cell(code, "github")


@pytest.mark.parametrize("fmt", ["latex", "latex_raw", "latex_booktabs", "latex_longtable"])
def test_a_latex_row_that_starts_with_a_bracket_is_no_argument(tmp_path, fmt):
    """``\\\\`` and booktabs' ``\\midrule`` take a following ``[`` for an optional
    argument (``[15, 18]`` would be read as a length): such a row starts with ``{}``."""
    record = '{"story": "s", "event": "e", "quantity": "%s", "value": "%s", "outlet": "%s"}\n'
    given = [("a", "17", "Example Wire"), ("b", "about 17", "*Example Post")]
    (tmp_path / "claims.jsonl").write_text("".join(record % row for row in given))
    report = check([tmp_path])
    for columns, second in ((["estimate", "values"], "{}[15, 19] &"), (["values"], "{}*Example")):
        table = render_table(report, fmt, columns=columns)
        rows = [line.strip() for line in table.splitlines() if line.endswith("\\\\")][1:]
        assert rows[1].startswith(second)


@pytest.mark.parametrize("fmt", ["latex", "latex_booktabs", "latex_longtable"])
def test_a_latex_table_with_no_rows_still_names_its_columns(small, fmt):
    table = render_table(small, fmt, only={"conflict"}, columns=["quantity", "best", "gap"])
    assert ("{lrr}" in table.splitlines()[0]) and "{}" not in table.splitlines()[0]


@pytest.mark.parametrize("fmt", ["grid", "simple", "github", "rst"])
def test_columns_line_up_around_wide_characters(tmp_path, fmt):
    """示例日报 takes two columns of a terminal a character: a plain-text table
    measures it so (tabulate with wcwidth), or Pandoc misreads a grid table."""
    from wcwidth import wcswidth

    record = '{"story": "s", "event": "e", "quantity": "q", "value": "17", "outlet": "%s"}\n'
    outlets = ["示例日报 📰", "Example Wire"]
    (tmp_path / "claims.jsonl").write_text("".join(record % name for name in outlets))
    table = render_table(check([tmp_path]), fmt, columns=["quantity", "values", "verdict"])
    assert "示例日报 📰" in table
    header, row = (line for line in table.splitlines() if "verdict" in line or "agree" in line)
    # the last column starts at one place, as a terminal shows the lines
    assert wcswidth(header[: header.index("verdict")]) == wcswidth(row[: row.index("agree")])


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_spreadsheets_get_no_formula_and_keep_numbers(hostile, fmt):
    table = render_table(hostile, fmt, columns=["quantity", "unit", "values", "best", "estimate"])
    rows = list(csv.reader(io.StringIO(table), delimiter="," if fmt == "csv" else "\t"))
    assert rows[1][2] == HOSTILE_VALUES
    assert rows[2] == ["people.total", "people", "'-2+3: 600; @SUM(1+1): 600", "600", "600"]
    assert rows[3] == ["temperature.change", "'=1+1", "Example Gazette: -3", "-3", "-3"]


@pytest.mark.parametrize("fmt", ["asciidoc", "mediawiki", "moinmoin", "textile"])
def test_wikis_get_character_references(hostile, fmt):
    table = render_table(hostile, fmt, columns=["values"])
    assert "&#60;script&#62;alert&#40;1&#41;&#60;&#47;script&#62; &#124; &#91;bold&#93;" in table
    assert "<script>" not in table


@pytest.mark.parametrize("fmt", ["jira", "youtrack"])
def test_jira_gets_backslashes(hostile, fmt):
    table = render_table(hostile, fmt, columns=["values"])
    assert r"<script>alert(1)</script> \| \[bold\]x\[/\] \*y\* \_z\_" in table


def test_rst_and_org_escape_their_markup(hostile):
    assert r"\<script\>alert\(1\)\<\/script\> \| \[bold\]" in render_table(hostile, "rst")
    org = render_table(hostile, "orgtbl").replace("\u200b", "^")  # the zero-width spaces
    assert r"<script>alert(1)</script> \vert{} [bold]x[/^] *^y* _^z_ `c` [a](" in org
    assert "=^HYPERLINK(" in org  # =verbatim= at a word's start


def test_org_markup_from_claim_files_is_broken_by_zero_width_spaces():
    """Org reads links, export snippets, inline code (which Babel can run on export)
    and LaTeX in a table cell: a zero-width space inside each, as the Org manual says
    to escape markup, leaves it plain text; text that starts no markup is left alone."""
    hostile = "@@html:<b>@@ [[https://evil.example][x]] src_sh{id} \\input{/etc/passwd}"
    escaped = escape_org(hostile)
    for markup in ("@@", "[[", "src_sh", "\\input"):
        assert markup not in escaped
    assert escaped.replace("\u200b", "") == hostile
    for plain in ("fighters.killed", "[540, 660]", "Example Wire: 17 / seventeen", "2 + 2"):
        assert escape_org(plain) == plain
    assert escape_org("people.joined_government") == "people.joined_\u200bgovernment"  # a_b


@pytest.mark.parametrize("fmt", ["plain", "simple", "grid", "psql", "fancy_grid"])
def test_text_formats_show_the_text_as_written(hostile, fmt):
    table = render_table(hostile, fmt)
    assert HOSTILE_VALUES in table


def test_numbers_are_printed_as_written():
    assert escape_cell("-3", "csv", number=True) == "-3"
    assert escape_cell("-3", "csv") == "'-3"
    assert escape_cell("1,234,567.891", "github", number=True) == "1,234,567.891"


class TableCells(HTMLParser):
    """The text of each cell of an HTML table, row by row, and the tags met."""

    def __init__(self):
        super().__init__()
        self.rows, self.tags = [], set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.rows[-1].append("")

    def handle_data(self, data):
        if self.rows and self.rows[-1]:
            self.rows[-1][-1] += data.strip("\n")


def test_csv_numbers_are_plain_in_every_numeric_cell(tmp_path, monkeypatch):
    """A spreadsheet reads 1234567 as a number and "1,234,567" as text."""
    (tmp_path / "claims.csv").write_text(
        "story,event,quantity,value,outlet,quote\n"
        "s,e,q,1234567,Example Wire,x\n"
        "s,e,q,1234567,Example Post,y\n"
        "s,e,r,about 20000,Example Post,y\n"
    )
    monkeypatch.chdir(tmp_path)
    rows = list(csv.reader(io.StringIO(render_table(check(["claims.csv"]), "csv"))))
    assert [(row[2], row[6], row[7]) for row in rows] == [
        ("quantity", "best", "estimate"),
        ("q", "1234567", "1234567"),
        ("r", "20000", "[18000, 22000]"),
    ]


def test_an_open_or_missing_end_of_an_estimate_is_marked(tmp_path: Path) -> None:
    """(130, ∞): 130 is out, and there is no upper end, which is no missing estimate."""
    (tmp_path / "story.yaml").write_text(
        "story: wind\nevents: {storm: {}}\nquantities: {speed: {type: number, unit: km/h}}\n"
    )
    for number, value in enumerate(["more than 120", "over 130"]):
        (tmp_path / f"r{number}.yaml").write_text(
            f"source: {{outlet: Example Outlet {number}, url: 'https://example.org/{number}'}}\n"
            f"claims: [{{event: storm, quantity: speed, value: '{value}', quote: q}}]\n"
        )
    report = check([tmp_path])
    columns = ["estimate", "low", "best", "high"]
    shown = render_table(report, "plain", columns=columns).splitlines()[1]
    assert shown.split() == ["(130,", "∞)", ">", "130", "—", "∞"]
    plain = render_table(report, "csv", columns=columns).splitlines()[1]
    assert plain == '"(130, ∞)",130,,'  # numbers for a spreadsheet; the brackets beside


@pytest.mark.parametrize("fmt", ["html", "github", "mediawiki"])
def test_a_right_to_left_name_is_isolated_where_a_browser_lays_the_table_out(fmt: str) -> None:
    """Else the bidi algorithm takes ': 40' into the Arabic run and shows the figure
    before the name; a name's own digits stay inside (قناة 24)."""
    cell = escape_cell("وزارة العينة: 40; قناة 24: 5", fmt)
    assert "\u2068وزارة العينة\u2069" in cell and "\u2068قناة 24\u2069" in cell
    assert cell.count("\u2068") == cell.count("\u2069") == 2


@pytest.mark.parametrize(
    ("text", "isolated"),
    [
        # a name's own punctuation stays inside: split, its parts would be laid out apart
        ("قناة الجزيرة (الدوحة): 40", "\u2068قناة الجزيرة (الدوحة)\u2069: 40"),
        ("وزارة الصحة/غزة: 5", "\u2068وزارة الصحة/غزة\u2069: 5"),
        ("وزارة_العينة: 3", "\u2068وزارة_العينة\u2069: 3"),
        # a bracket opened outside closes outside; a Latin word ends the run
        ("(الدوحة) 7", "(\u2068الدوحة\u2069) 7"),
        ("Example Times gives 5 and وزارة gives 6", "and \u2068وزارة\u2069 gives 6"),
    ],
)
def test_a_right_to_left_name_is_isolated_whole(text: str, isolated: str) -> None:
    assert isolated in escape_cell(text, "html")


@pytest.mark.parametrize("fmt", ["csv", "tsv", "plain", "grid", "latex"])
def test_no_isolate_is_added_to_data_text_or_latex(fmt: str) -> None:
    assert escape_cell("وزارة العينة: 40", fmt).count("\u2068") == 0


def test_isolates_a_claim_file_holds_stay_visible_escapes() -> None:
    """Only the marks reconcile adds are isolates: one in the text is shown, not kept."""
    cell = escape_cell("\u2068Example\u2069 وزارة: 40", "html")
    assert cell.startswith("\\u2068Example\\u2069") and cell.count("\u2068") == 1
