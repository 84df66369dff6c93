"""The terminal report, rendered at fixed widths with colour off, compared as exact text.

Each folder beside this module is a story; ``expected/<story>-<width>.txt`` is how
``reconcile report`` shows it. After a deliberate change of the look, rewrite them
with ``RECONCILE_REWRITE_EXPECTED=1 pytest tests/test_render_terminal.py`` and read
the diff before committing it.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from rich.console import Console, RenderableType
from rich.table import Column, Table
from typer.testing import CliRunner

from reconcile.api import check
from reconcile.claims import Claim, Quantity
from reconcile.cli import app
from reconcile.groups import judge_group
from reconcile.render.atomic import write_atomically
from reconcile.render.columns import fit_columns, fitted_rows
from reconcile.render.numberline import NumberLine, _end_cut
from reconcile.render.terminal import ReportView, claims_table
from reconcile.report import GroupResult, Report
from reconcile.values import QuantityType, read_value

HERE = Path(__file__).parent
EXPECTED = HERE / "test_render_terminal" / "expected"
REWRITE = os.environ.get("RECONCILE_REWRITE_EXPECTED") == "1"


def render(renderable: RenderableType, width: int) -> str:
    stream = io.StringIO()
    console = Console(
        file=stream,
        width=width,
        color_system=None,
        emoji=False,
        highlight=False,
        force_terminal=False,
    )
    console.print(renderable)
    return "\n".join(line.rstrip() for line in stream.getvalue().splitlines()) + "\n"


def report_of(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    """The report of one story folder, its files named as the user would see them."""
    monkeypatch.chdir(folder.parent)
    return check([folder.name])


def expected(name: str, actual: str) -> str:
    path = EXPECTED / name
    if REWRITE:
        path.write_text(actual, encoding="utf-8")
    return path.read_text(encoding="utf-8")


# -- whole reports, pinned -------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 50])
def test_the_example_story(width, monkeypatch):
    report = report_of(HERE.parent / "claims", monkeypatch)
    shown = render(ReportView(report), width)
    assert shown == expected(f"claims-{width}.txt", shown)


@pytest.mark.parametrize("width", [80, 50])
@pytest.mark.parametrize(
    "story",
    ["conflict", "cumulative", "snapshot", "numberline", "acknowledged", "beside-verdicts"],
)
def test_stories(story, width, datadir, monkeypatch):
    shown = render(ReportView(report_of(datadir / story, monkeypatch)), width)
    assert shown == expected(f"{story}-{width}.txt", shown)


def test_the_bus_relation_is_shown_violated_with_the_quotes(monkeypatch):
    shown = render(ReportView(report_of(HERE.parent / "claims", monkeypatch)), 80)
    relations = shown[shown.index("  relations") :]
    assert relations.splitlines()[1:6] == [
        "    ✗ violated  buses.departed = buses.stranded + buses.returned",
        "                report claims/qalamoun-convoy-2017/regional-2017-09.yaml",
        "                17 ≠ 10 + 6: 1 unaccounted",
        "                buses.departed  17   “Ten of the original 17 buses”",
        "                buses.stranded  Ten  “Ten of the original 17 buses are now stuck",
    ]


def test_a_report_checked_on_two_dates_shows_each_date_and_its_quotes(datadir, monkeypatch):
    shown = render(ReportView(report_of(datadir / "two-dates", monkeypatch)), 80)
    relations = shown[shown.index("  relations") :].splitlines()
    assert relations[1:13] == [
        "    ✗ violated  buses.stranded <= buses.departed",
        "                report two-dates/wire.yaml",
        "                as of 2017-09-01",
        "                20 > 17: off by 3",
        "                buses.stranded  20  “20 buses are stuck”",
        "                buses.departed  17  “17 buses left”",
        "    ✗ violated  buses.stranded <= buses.departed",
        "                report two-dates/wire.yaml",
        "                as of 2017-09-02",
        "                21 > 18: off by 3",
        "                buses.stranded  21  “21 buses are stuck”",
        "                buses.departed  18  “18 buses have now left”",
    ]


def test_a_conflict_reads_without_colour(datadir, monkeypatch):
    shown = render(ReportView(report_of(datadir / "conflict", monkeypatch)), 80)
    assert "  buses.departed  ✗ conflict\n" in shown
    assert "    ● ━ largest cluster  ○ ┄ outside it\n" in shown


def test_colour_marks_conflicts_and_outliers(datadir, monkeypatch):
    stream = io.StringIO()
    console = Console(file=stream, width=80, color_system="standard", force_terminal=True)
    console.print(ReportView(report_of(datadir / "conflict", monkeypatch)))
    shown = stream.getvalue()
    assert "\x1b[1;31m✗ conflict\x1b[0m" in shown
    assert "\x1b[31m  ○\x1b[0m" in shown  # Example Courier, outside the largest cluster
    assert shown.endswith("\x1b[1;31mrelations violated; 0 input errors\x1b[0m\n")  # red


def test_narrow_reports_list_the_claims_and_keep_the_number_line_to_34(datadir, monkeypatch):
    shown = render(ReportView(report_of(datadir / "conflict", monkeypatch)), 40)
    assert "    Hezbollah via Example Gazette\n      seventeen → 17, dated 2017-09-02\n" in shown
    assert "    estimate                         ◆\n" in shown
    assert max(len(line) for line in shown.splitlines()) <= 40
    narrower = render(ReportView(report_of(datadir / "conflict", monkeypatch)), 33)
    assert "◆" not in narrower
    assert max(len(line) for line in narrower.splitlines()) <= 33


def test_no_claims(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert render(ReportView(Report()), 80) == (
        "No claims were read.\n"
        "\n"
        "0 claims in 0 groups: 0 agree, 0 consistent, 0 single-source, 0 conflict; 0\n"
        "relations violated; 0 input errors\n"
    )


# -- text from claim files is shown as written, never obeyed ---------------------------


def test_hostile_text_is_shown_literally(datadir, monkeypatch):
    report = report_of(datadir / "hostile", monkeypatch)
    shown = render(ReportView(report), 80)
    assert shown == expected("hostile-80.txt", shown)
    for literal in (
        "hostile  [bold red]FAKE[/] :100: story",  # markup and emoji codes, as written
        "“[/x] :100: \\x1b[31mred\\x1b[0m",  # an unbalanced closing tag does not crash
        "\\u202eevil origin",  # the bidi override, escaped
        "“:100: six :thumbs_up:”",
        "[link=https://evil.example]stuck[/link]",
    ):
        assert literal in shown
    assert "\x1b" not in shown and "\u202e" not in shown and "💯" not in shown


# -- claims drawn a line a row -----------------------------------------------------------


def coloured(renderable: RenderableType, width: int) -> str:
    stream = io.StringIO()
    console = Console(file=stream, width=width, color_system="truecolor", force_terminal=True)
    console.print(renderable)
    return stream.getvalue()


@pytest.mark.parametrize("story", ["conflict", "cumulative", "snapshot", "hostile"])
@pytest.mark.parametrize("narrower", [0, 2, 6])
def test_claims_drawn_by_the_report_look_as_rich_draws_their_table(
    story, narrower, datadir, monkeypatch
):
    """The report lays out a group's claims itself (rich's table layout took most of a
    long report's time): the same characters, in the same colours, as rich's table,
    where every cell fits its column and where an outlet's name wraps."""
    compared, wrapped = 0, 0
    for group in report_of(datadir / story, monkeypatch).groups:
        natural = max(map(len, render(claims_table(group), 300).splitlines()))
        table = claims_table(group)
        if not fit_columns(table, natural - narrower):
            continue  # no outlet's name can wrap that much
        drawn = fitted_rows(table)
        assert drawn is not table
        shown = coloured(drawn, 300)
        assert shown == coloured(table, 300)
        assert coloured(drawn, 30) == coloured(table, 30)  # narrower still: rich's squeeze
        compared += 1
        wrapped += len(shown.splitlines()) > len(group.claims) + 1
    assert compared
    assert wrapped or not narrower or story != "conflict"  # a name wraps there, at least


def test_a_table_laid_out_otherwise_is_left_to_rich():
    table = Table("quantity", Column("origins", justify="right"))
    table.add_row("buses.departed", "2")
    assert fit_columns(table, 80)
    assert fitted_rows(table) is table


# -- the number line -------------------------------------------------------------------


def group_of(*values: str, type: QuantityType = "count") -> GroupResult:
    """A group of claims of one quantity, one outlet a value: Example Gazette, Wire ..."""
    outlets = ["Example Gazette", "Example Wire", "Example Courier", "Example Post"]
    claims = [
        Claim(
            story="s",
            event="e",
            quantity="q",
            value=value,
            interval=read_value(value, type).interval,
            outlet=outlet,
            origin=outlet,
            date=None,
            report=outlet,
            file=f"{outlet}.yaml",
            line=1,
        )
        for outlet, value in zip(outlets, values, strict=False)
    ]
    return judge_group(("s", "e", "q"), Quantity("q", type), claims)


def test_a_number_line_with_open_ends_and_exact_points():
    group = group_of("at least 40", "up to 60", "50", "more than 45")
    assert render(NumberLine(group), 60) == (
        "Example Wire       ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━\n"
        "Example Gazette                             ━━━━━━━━━━━━━━━▶\n"
        "Example Post                                    ━━━━━━━━━━━▶\n"
        "Example Courier                                    ●\n"
        "estimate                                           ◆\n"
        "                 ──┬───────────────────────────────┬─────┬──\n"
        "                   0                              50    60\n"
    )


def test_outliers_are_hollow_and_the_estimate_a_diamond():
    group = group_of("17", "seventeen", "about 15", "12")
    assert render(NumberLine(group), 60) == (
        "Example Post       ○\n"
        "Example Courier            ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━\n"
        "Example Gazette                                          ●\n"
        "Example Wire                                             ●\n"
        "estimate                                                 ◆\n"
        "                 ──┬─────────────────────────────────────┬──\n"
        "                   12                                   17\n"
        "● ━ largest cluster  ○ ┄ outside it\n"
    )


def test_a_conflict_with_no_largest_cluster_draws_none_as_one():
    """Two origins, 17 and 20: no cluster is the largest, so none is drawn solid as if
    the claims agreed."""
    shown = render(NumberLine(group_of("17", "20")), 60)
    assert "●" not in shown and "━" not in shown
    assert shown.count("○") == 3  # two claims and the legend
    assert shown.endswith("○ ┄ no cluster of claims is the largest\n")


def test_dates_are_on_a_date_axis():
    group = group_of("before 2017-08-30", "2017-08-28", "after 2017-08-26", type="date")
    assert render(NumberLine(group), 60) == (
        "Example Gazette  ◀━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━\n"
        "Example Courier    ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━▶\n"
        "Example Wire                          ●\n"
        "estimate                              ◆\n"
        "                 ──┬──────────────────┬──────────────────┬──\n"
        "                   2017-08-27    2017-08-28     2017-08-29\n"
    )


def test_one_value_sits_in_the_middle_of_its_axis():
    assert render(NumberLine(group_of("17", "seventeen")), 48) == (
        "Example Gazette                 ●\n"
        "Example Wire                    ●\n"
        "estimate                        ◆\n"
        "                 ───────────────┬───────────────\n"
        "                               17\n"
    )


def test_a_number_line_needs_two_claims_and_room():
    assert render(NumberLine(group_of("17")), 80) == "\n"
    assert render(NumberLine(group_of("17", "12")), 29) == "\n"


# -- the report command ----------------------------------------------------------------


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.chdir(HERE.parent)
    return CliRunner()


def test_report_prints_the_example_story(runner):
    result = runner.invoke(app, ["report", "claims"])
    assert result.exit_code == 0
    assert result.stdout == expected("claims-80.txt", result.stdout)


def test_input_problems_are_located_on_stderr_and_after_the_stories(runner, datadir):
    result = runner.invoke(app, ["report", str(datadir / "bad-value")])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].endswith(
        "bad-value/gazette.yaml:11:12: cannot read 'lots' as a count; write a number "
        "(17, 1,200, seventeen, 1.2 million), a hedge (about 600, at least 47, more than "
        "40, up to 150, 600-plus, 600 or so), a range (10-20, between 10 and 20) or a "
        "vague word (several, dozens, hundreds); if it is a vague phrase, give it this "
        "story's reading in story.yaml, as in vague: {lots: [LOW, HIGH]}"
    )
    assert "only from Example Gazette: seventeen (17)" in result.stdout
    assert result.stdout.endswith("1 input error\n")
    # and after the stories, where a terminal has not scrolled it away, and a saved
    # report keeps it
    tail = result.stdout[result.stdout.index("input problems (1)") :]
    assert "bad-value/gazette.yaml:11:12 [invalid-value]" in tail
    assert "cannot read 'lots' as a count" in tail


def test_report_saves_svg_and_html_as_shown(runner, datadir, tmp_path):
    svg, html = tmp_path / "out" / "report.svg", tmp_path / "out" / "report.html"
    svg.parent.mkdir()
    result = runner.invoke(
        app, ["report", str(datadir / "hostile"), "--svg", str(svg), "--html", str(html)]
    )
    assert result.exit_code == 0
    assert "✗ violated" in result.stdout  # still printed
    root = ElementTree.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    svg_text = "".join(root.itertext()).replace("\xa0", " ")
    assert "[bold red]FAKE[/] :100:" in svg_text
    page = html.read_text(encoding="utf-8")
    assert "✗ violated" in page and "[bold red]FAKE[/] :100: story" in page
    assert "\x1b" not in page and "\u202e" not in page
    assert sorted(path.name for path in svg.parent.iterdir()) == [
        "report.html",
        "report.svg",
    ]


def test_a_report_that_fails_on_warnings_shows_them(runner, datadir):
    """Twelve claims without url or quote and a row's other unit: no group shows them,
    so the report lists them, ten of a kind at most, and says how to see the rest."""
    result = runner.invoke(
        app, ["report", str(datadir / "beside-verdicts"), "--fail-on", "warning"]
    )
    assert result.exit_code == 1
    listed = result.stdout[result.stdout.index("findings beside the verdicts") :]
    assert "  ! no-provenance (13)  A claim has neither a url nor a quote\n" in listed
    assert listed.count("has neither url nor quote") == 10
    assert "    and 3 more: reconcile check --select no-provenance PATH… lists them all\n" in listed
    assert "claims.jsonl:9:147\n      unit 'lorries' (this row) is not the unit" in listed
    described = "Figures are given in a unit other than their quantity's"
    assert f"  ! unit-mismatch (2)  {described}\n" in listed
    # text from the claim file, as written: no markup, no escape, no link
    assert "claim of [bold red]Example Rag[/] \\x1b[31m:smile:\\u202e for convoy" in listed
    assert "unit '[link=https://evil.example]trucks[/link]' (this row)" in listed


def test_a_report_with_nothing_beside_its_verdicts_has_no_such_section(runner):
    assert "findings beside the verdicts" not in runner.invoke(app, ["report", "claims"]).stdout


def test_saving_into_a_missing_folder_is_a_usage_error(runner, tmp_path):
    target = tmp_path / "no" / "r.svg"
    result = runner.invoke(app, ["report", "claims", "--svg", str(target)])
    assert result.exit_code == 2
    assert result.stdout == ""  # refused before anything is read or shown
    assert result.stderr == (
        f"reconcile: will not save the report as {target}: there is no folder {target.parent}\n"
    )


def test_svg_does_not_go_with_json(runner, tmp_path):
    result = runner.invoke(app, ["report", "--format", "json", "--svg", str(tmp_path / "r.svg")])
    assert result.exit_code == 2
    assert not (tmp_path / "r.svg").exists()


def test_writing_atomically_replaces_the_file_and_leaves_nothing_else(tmp_path):
    target = tmp_path / "report.svg"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [path.name for path in tmp_path.iterdir()] == ["report.svg"]


def test_a_link_is_followed_and_stays_a_link(tmp_path):
    (tmp_path / "saved").mkdir()
    real, link, dangling = tmp_path / "saved" / "r.svg", tmp_path / "r.svg", tmp_path / "new.svg"
    real.write_text("old", encoding="utf-8")
    link.symlink_to(real)
    dangling.symlink_to(tmp_path / "saved" / "new.svg")
    write_atomically(link, "new")
    write_atomically(dangling, "made")
    assert link.is_symlink() and dangling.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"
    assert (tmp_path / "saved" / "new.svg").read_text(encoding="utf-8") == "made"
    assert sorted(path.name for path in (tmp_path / "saved").iterdir()) == ["new.svg", "r.svg"]


def test_what_is_not_a_file_is_written_to_not_replaced(runner, tmp_path):
    """``--html /dev/stdout``, or a pipe: written to; never a file put in its place."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    read_end = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomically(fifo, "through the pipe")
        assert os.read(read_end, 100) == b"through the pipe"
    finally:
        os.close(read_end)
    assert fifo.is_fifo()
    result = runner.invoke(app, ["report", "claims", "--svg", "/dev/null"])
    assert result.exit_code == 0
    assert Path("/dev/null").is_char_device()


def test_saving_where_stdout_goes_adds_to_it_and_loses_nothing(tmp_path):
    """``--svg /dev/stdout >> log.txt``: the SVG follows the report in the log, which
    keeps what it held (replacing the file stdout is sent to would lose it all)."""
    log = tmp_path / "log.txt"
    log.write_text("precious\n", encoding="utf-8")
    command = ["report", str(HERE.parent / "claims"), "--svg", "/dev/stdout"]
    with log.open("a", encoding="utf-8") as out:
        done = subprocess.run(
            [sys.executable, "-m", "reconcile", *command],
            stdout=out,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert (done.returncode, done.stderr) == (0, b"")
    text = log.read_text(encoding="utf-8")
    assert text.startswith("precious\nqalamoun-convoy-2017")
    assert text.index("relations violated") < text.index("<svg") and text.count("<svg") == 1


def test_a_pipe_no_process_reads_is_an_error_not_a_wait(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    command = ["report", str(HERE.parent / "claims"), "--html", str(fifo)]
    done = subprocess.run(
        [sys.executable, "-m", "reconcile", *command],
        capture_output=True,
        text=True,
        timeout=60,  # a wait forever fails the test, rather than hang the suite
        check=False,
    )
    assert done.returncode == 2
    assert "cannot save the report: [Errno 6] no process reads from this pipe" in done.stderr


def test_a_long_quote_is_folded_never_cut_short():
    """A quote is the evidence: a word longer than the column (a link) is folded onto
    the next lines, not cut to an ellipsis."""
    from reconcile.interval import Interval
    from reconcile.render.terminal import QuotesView

    link = "https://gazette.example/" + "a-very-long-article-slug-" * 4 + "end"
    quote = f"17 buses left, as {link} says"
    claim = Claim(
        "s", "e", "buses.departed", "17", Interval.exact(17), "Example Gazette",
        "Example Gazette", None, "r.yaml", "r.yaml", 3, 12, None, quote, None, None,
    )  # fmt: skip
    for width in (60, 30):  # beside its claim, and below it
        shown = render(QuotesView([claim]), width)
        assert "…" not in shown
        assert link in "".join(line.strip() for line in shown.splitlines())


@pytest.mark.parametrize("width", [80, 40])
def test_quotes_are_beside_their_claims_or_below_them_never_in_a_sliver(width):
    """At 40 columns three columns left a quote three characters wide, a word a line."""
    from reconcile.interval import Interval
    from reconcile.render.terminal import QuotesView

    quote = "Ten of the original 17 buses are now stuck in no-man's land"
    claim = Claim(
        "s", "e", "buses.stranded", "Ten", Interval.exact(10), "Example Gazette",
        "Example Gazette", None, "r.yaml", "r.yaml", 3, 12, None, quote, None, None,
    )  # fmt: skip
    lines = render(QuotesView([claim]), width).splitlines()
    assert lines[0].startswith("buses.stranded  Ten")
    assert len(lines) <= 4  # in a sliver: a line a word or two, fifteen of them


def test_a_report_is_printed_an_event_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """A large report is never held whole as rendered text: each event is written
    before the next is rendered, and the text is that of the report in one piece."""
    from reconcile.render.terminal import print_report

    class Writes(io.StringIO):
        count = 0

        def write(self, text: str) -> int:
            self.count += 1
            return super().write(text)

    report = report_of(HERE.parent / "claims", monkeypatch)
    events = {(group.story, group.event) for group in report.groups}
    stream = Writes()
    console = Console(file=stream, width=80, color_system=None, emoji=False, highlight=False)
    print_report(report, console)
    assert stream.count > len(events) >= 2
    assert stream.getvalue() == render(ReportView(report), 80)


def test_rows_of_a_number_line_can_be_told_apart():
    """Long names that begin alike keep their ends; a label two rows would share is
    numbered (one origin, two figures; two claims of one date)."""
    from reconcile.render.numberline import distinct_labels

    names = ["Example Ministry of the Interior", "Example Ministry of Defence"]
    assert distinct_labels([*names, "Example Gazette", "Example Gazette"], 20) == [
        "Example Mi… Interior",
        "Example Mi…f Defence",
        "Example Gazette (1)",
        "Example Gazette (2)",
    ]


def test_a_date_on_a_number_line_keeps_its_day_and_hour(tmp_path):
    """At 60 columns a date-time label was cut in its middle, which took out the day and
    the hour that order a running total."""
    (tmp_path / "story.yaml").write_text(
        "story: s\nevents: {quake: {}}\nquantities: {deaths: {over_time: cumulative}}\n"
    )
    for number, (value, as_of) in enumerate(
        [("100", "2020-05-01T10:00+02:00"), ("80", "2020-05-03T10:00+02:00")]
    ):
        (tmp_path / f"r{number}.yaml").write_text(
            f"source: {{outlet: Example Outlet {number}, url: 'https://example.org/{number}'}}\n"
            f"claims: [{{event: quake, quantity: deaths, value: '{value}', as_of: '{as_of}',"
            " quote: q}]\n"
        )
    shown = render(ReportView(check([tmp_path])), 60)
    # too long at this width even written short: in UTC, as moments are ordered
    assert "2020-05-01T08:00Z " in shown and "2020-05-03T08:00Z " in shown


def test_date_labels_written_short_keep_their_offsets_apart():
    from reconcile.render.numberline import distinct_labels

    labels = ["2020-05-01T10:00:00+02:00", "2020-05-01T10:00:00-04:00", "2020-05-02"]
    assert distinct_labels(labels, 20, _end_cut) == [
        "2020-05-01T10:00+02",
        "2020-05-01T10:00-04",
        "2020-05-02",
    ]
