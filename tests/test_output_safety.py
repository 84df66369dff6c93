"""Text from claim files is shown literally and harmlessly in every output.

One story puts the same hostile text in every free-text field (outlets, quotes,
notes, ids, titles, units, alias names), in a value and a date that cannot be read,
a name that is not declared and a field that is not known (so that error messages
echo it), and in a file name. Every command and format must show it as inert text:
no markup acted on, no terminal escapes, no CI workflow command, no HTML or LaTeX
injected, no spreadsheet formula, and JSON that reads back to the same data.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from reconcile.cli import CheckFormat, app
from reconcile.render.safe import name_as_bytes, name_as_text
from reconcile.render.table import TABLE_FORMATS

runner = CliRunner()

EVIL = (
    '=HYPERLINK("http://evil") [bold red]FAKE[/] [/x] :100: \x1b[31mred\x1b[0m '
    "\x1b]8;;http://evil\x07link\x1b]8;;\x07 \u202eabc\u202c \\input{/etc/passwd} \ttab\r\n"
    "::error::pwned\n::add-mask::secret | <script>alert(1)</script>"
)
GAZETTE_FILE = "gazette \x1b[31m\u202e\n::error::pwned.json"

# Raw characters a terminal, a browser or a log viewer would act on. A CR is allowed
# only before LF: the line end of CSV.
RAW = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u2028\u2029]|\r(?!\n)"
)
# The only workflow commands reconcile may write: its annotations, and the pair of
# lines that stops and resumes command processing around the plain report.
OWN_COMMAND = re.compile(
    r"::(error|warning|notice) file=[^,:\n]*,line=\d+,col=\d+,title=[a-z-]+::"
    r"|::stop-commands::[0-9a-z-]+$"
    r"|::[0-9a-z-]+::$"
)
MARKUP_FORMATS = {"html", "unsafehtml", "github", "pipe", "mediawiki", "moinmoin", "textile"}
LATEX_FORMATS = {"latex", "latex_raw", "latex_booktabs", "latex_longtable"}
MARKDOWN_TAG = re.compile(r"(?<!\\)<script")  # "\<" is a literal "<" in Markdown
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_corpus(root: Path) -> None:
    story = {
        "story": "evil-story",
        "title": EVIL,
        "events": {"convoy": {"title": EVIL}},
        "quantities": {
            "buses.departed": {"unit": EVIL, "description": EVIL},
            "people.total": {"unit": "people"},
        },
        "aliases": {EVIL: ["Example Agency"]},
    }
    wire = {
        "source": {
            "outlet": EVIL,
            "url": "https://www.example.net/?q=" + EVIL,
            "title": EVIL,
            "published": "2017-09-01",
        },
        "claims": [
            {
                "id": EVIL,
                "event": "convoy",
                "quantity": "buses.departed",
                "value": "17",
                "quote": EVIL,
                "note": EVIL,
                "attributed_to": "Example Agency",
            },
            claim("people.total", "about 600", quote=EVIL),
            claim("people.total", "600 " + EVIL),
            {**claim("people.total", "17"), "event": "convoy " + EVIL},
            {**claim("people.total", "17"), EVIL: "x"},
            {**claim("people.total", "17"), "as_of": EVIL},
        ],
    }
    gazette = {
        "source": {"outlet": "Example Gazette " + EVIL},
        "claims": [
            {**claim("buses.departed", "20", note=EVIL), "id": "gazette-" + EVIL},
            claim("people.total", "600", quote=EVIL),
            claim("people.total", "lots"),
        ],
    }
    root.mkdir()
    (root / "story.yaml").write_text(json.dumps(story), encoding="utf-8")
    (root / "wire.json").write_text(json.dumps(wire, indent=1), encoding="utf-8")
    (root / GAZETTE_FILE).write_text(json.dumps(gazette, indent=1), encoding="utf-8")


def claim(quantity: str, value: str, **more: str) -> dict[str, str]:
    return {"event": "convoy", "quantity": quantity, "value": value, **more}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("evil")
    write_corpus(root / "evil")
    return root


@pytest.fixture
def run(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., tuple[Result, str]]:
    """Run a command in the corpus; the result and the GitHub step summary written."""
    monkeypatch.chdir(corpus)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERMINAL_WIDTH", "100")
    summary = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))

    def invoke(*args: str) -> tuple[Result, str]:
        result = runner.invoke(app, list(args))
        assert "Traceback" not in result.stdout + result.stderr
        written = summary.read_text(encoding="utf-8") if summary.exists() else ""
        return result, written

    return invoke


def assert_harmless(output: str, *, commands: bool = False) -> None:
    raw = RAW.search(output)
    assert raw is None, f"raw {raw.group()!r} in {output[max(0, raw.start() - 60) : raw.end()]!r}"
    for line in output.split("\n"):
        if line.lstrip().startswith("::"):
            assert commands and OWN_COMMAND.match(line), f"a workflow command: {line[:80]!r}"
    assert "\U0001f4af" not in output  # :100: is never turned into an emoji


# Every command and format ---------------------------------------------------------------

OUTPUTS = [
    ("report",),
    ("report", "--format", "json"),
    *(("check", "--format", kind.value) for kind in CheckFormat),
    *(("table", "--format", name) for name in TABLE_FORMATS),
]


@pytest.mark.parametrize("args", OUTPUTS, ids=["-".join(args) for args in OUTPUTS])
def test_every_output_shows_claim_text_harmlessly(
    run: Callable[..., tuple[Result, str]], args: tuple[str, ...]
) -> None:
    result, summary = run(*args[:1], "evil", *args[1:])
    assert result.exit_code == 2  # the corpus has input problems
    assert_harmless(result.stdout, commands=args[-1] in ("github", "auto"))
    assert_harmless(result.stderr)
    assert_harmless(summary)
    assert MARKDOWN_TAG.search(summary) is None
    markdown_table = args[0] == "table" and args[-1] in ("github", "pipe")
    for markdown in (summary, result.stdout if markdown_table else ""):
        assert ":100:" not in markdown  # GitHub would show an emoji, escapes or not
        assert ":100:" in markdown.replace("\u2060", "") or not markdown
    format_check(args)(result.stdout)


def check_rich(stdout: str) -> None:
    """Markup and emoji codes appear as written, not acted on."""
    assert "[bold red]FAKE[/] [/x] :100:" in stdout


def check_json_document(stdout: str) -> None:
    """Valid JSON that reads back to the data exactly as the files have it."""
    document = json.loads(stdout)
    claims = [c for group in document["groups"] for c in group["claims"]]
    by_value = {c["value"]: c for c in claims}
    (wire,) = [c for c in claims if c["id"] == EVIL]
    assert (wire["value"], wire["outlet"], wire["origin"]) == ("17", EVIL, EVIL)
    assert by_value["20"]["id"] == "gazette-" + EVIL
    assert by_value["20"]["outlet"] == "Example Gazette " + EVIL
    assert by_value["20"]["file"] == "evil/" + GAZETTE_FILE
    for error in document["errors"]:
        assert RAW.search(error["message"]) is None


def check_text(stdout: str) -> None:
    """One line per problem or finding: nothing a value holds starts a new line."""
    *lines, summary = stdout.splitlines()
    # 5: a fixed quantity's claim is judged though its as_of does not read
    assert summary.startswith("5 claims in 2 groups")
    for line in lines:
        assert re.match(r"^evil/.+:\d+:\d+: (error|warning): .* \[[a-z-]+\]$", line), line


def check_sarif(stdout: str) -> None:
    document = json.loads(stdout)
    texts = [result["message"]["text"] for result in document["runs"][0]["results"]]
    assert any("FAKE" in text for text in texts)
    for text in texts:
        assert RAW.search(text) is None


def check_junit(stdout: str) -> None:
    """Well-formed XML whose text, read back, holds no element and no raw control."""
    root = ET.fromstring(stdout)
    for element in root.iter():
        assert element.tag != "script"
        for text in [element.text or "", element.tail or "", *element.attrib.values()]:
            assert RAW.search(text) is None


def check_markdown_rows(stdout: str) -> None:
    """A '|' or a line break in a value never splits a cell or a row."""
    assert MARKDOWN_TAG.search(stdout) is None
    cells = [len(re.findall(r"(?<!\\)\|", line)) for line in stdout.splitlines()]
    assert len(cells) == 4  # header, rule, two groups
    assert len(set(cells)) == 1


def check_no_html(stdout: str) -> None:
    assert "<script" not in stdout


def check_no_latex_command(stdout: str) -> None:
    assert "\\input{" not in stdout


def check_spreadsheet(delimiter: str) -> Callable[[str], None]:
    def check(stdout: str) -> None:
        """One row per group, every row as wide as the header, no formula."""
        rows = list(csv.reader(io.StringIO(stdout, newline=""), delimiter=delimiter))
        assert len(rows) == 3
        assert {len(row) for row in rows} == {len(rows[0])}
        for cell in (cell for row in rows for cell in row):
            assert not cell.startswith(FORMULA_START) or is_number(cell), cell

    return check


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


CHECK_FORMAT_CHECKS: dict[str, Callable[[str], None]] = {
    "json": check_json_document,
    "text": check_text,
    "auto": check_text,
    "github": lambda stdout: check_github_annotations(stdout),
    "sarif": check_sarif,
    "junit": check_junit,
}
TABLE_FORMAT_CHECKS: dict[str, Callable[[str], None]] = {
    "github": check_markdown_rows,
    "pipe": check_markdown_rows,
    "csv": check_spreadsheet(","),
    "tsv": check_spreadsheet("\t"),
    **{name: check_no_html for name in MARKUP_FORMATS - {"github", "pipe"}},
    **{name: check_no_latex_command for name in LATEX_FORMATS},
}


def format_check(args: tuple[str, ...]) -> Callable[[str], None]:
    command, name = args[0], args[-1]
    if command == "report":
        return check_json_document if name == "json" else check_rich
    checks = CHECK_FORMAT_CHECKS if command == "check" else TABLE_FORMAT_CHECKS
    return checks.get(name, lambda stdout: None)


def check_github_annotations(stdout: str) -> None:
    """Five input problems and two conflicts as errors (a fixed quantity's 17, its
    as_of unread, is judged), a claim without provenance as a warning: one line each,
    whatever the text holds."""
    kinds = [line.split(" ", 1)[0] for line in stdout.splitlines() if " file=" in line]
    assert sorted(kinds) == ["::error"] * 7 + ["::warning"]


def test_the_step_summary_table_keeps_its_rows(run: Callable[..., tuple[Result, str]]) -> None:
    _, summary = run("check", "evil", "--format", "github")
    rows = [line for line in summary.splitlines() if line.startswith("|")]
    assert len(rows) >= 4  # header, rule, two groups
    assert len({len(re.findall(r"(?<!\\)\|", line)) for line in rows[:4]}) == 1


# Files written on request -----------------------------------------------------------------


def test_saved_html_and_svg_hold_no_markup_from_claims(
    run: Callable[..., tuple[Result, str]], tmp_path: Path
) -> None:
    html, svg = tmp_path / "report.html", tmp_path / "report.svg"
    result, _ = run("report", "evil", "--html", str(html), "--svg", str(svg))
    assert result.exit_code == 2
    for saved in (html.read_text(encoding="utf-8"), svg.read_text(encoding="utf-8")):
        assert "<script" not in saved
        assert "&lt;script&gt;" in saved
        assert RAW.search(saved) is None


# Messages that echo what was given -----------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("explain", "600 " + EVIL),
        ("explain", EVIL, "--type", "date"),
        ("explain", "600", "--tolerance", EVIL),
    ],
    ids=["value", "date", "tolerance"],
)
def test_explain_echoes_what_it_cannot_read_harmlessly(
    run: Callable[..., tuple[Result, str]], args: tuple[str, ...]
) -> None:
    result, _ = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert_harmless(result.stderr)


def test_explain_shows_a_readable_value_harmlessly(run: Callable[..., tuple[Result, str]]) -> None:
    result, _ = run("explain", "about 600 \x1b[31m\u202e")
    assert_harmless(result.stdout + result.stderr)


def test_messages_carry_no_raw_control_characters(corpus: Path) -> None:
    from reconcile.loading import load

    problems = load([corpus / "evil"]).problems
    assert len(problems) == 5
    for problem in problems:
        assert RAW.search(problem.message) is None


def test_the_payload_is_data_for_the_library(corpus: Path) -> None:
    """Only outputs escape: the library keeps every string as the file has it."""
    from reconcile.loading import load

    outlets = {claim.outlet for claim in load([corpus / "evil"]).claims}
    assert outlets == {EVIL, "Example Gazette " + EVIL}


@pytest.mark.parametrize("format", ["json", "text", "sarif", "junit", "github"])
def test_a_file_name_that_is_not_utf8_is_shown_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format: str
) -> None:
    example = Path(__file__).parents[1] / "claims"
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/cl\xffaims"))  # a byte that is not UTF-8
    shutil.copytree(example, folder)
    monkeypatch.chdir(tmp_path)
    missing = os.fsdecode(b"missing\xff.jsonl")
    result = CliRunner().invoke(app, ["check", folder.name, missing, "--format", format])
    assert result.exit_code == 2, result.output  # the missing path; no bug
    output = result.stdout_bytes.decode("utf-8")  # text, every byte of it
    shown = {"json": output.replace("\\\\", "\\"), "sarif": output.replace("%FF", "\\xff")}
    assert "cl\\xffaims/" in shown.get(format, output)
    assert "missing\\xff.jsonl" in shown.get(format, output)
    if format == "sarif":  # a URI names the bytes
        assert '"uri": "cl%FFaims/' in output and '"uri": "missing%FF.jsonl"' in output
    if format == "json":
        document = json.loads(output)
        assert document["errors"][0]["file"] == "missing\\xff.jsonl"
        assert document["groups"][0]["claims"][0]["file"].startswith("cl\\xffaims/")


@given(st.binary(min_size=1, max_size=12).filter(lambda raw: b"\0" not in raw))
def test_a_shown_file_name_reads_back_to_its_bytes(raw: bytes) -> None:
    """Shown names are text; a SARIF uri needs the bytes, so the showing must read
    back one way, even for a name that holds what looks like an escape."""
    name = os.fsdecode(raw)
    assert name_as_bytes(name_as_text(name)) == raw


def test_a_name_written_like_an_escape_is_not_taken_for_the_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    line = '{"story": "s", "event": "e", "quantity": "q", "value": "1", "outlet": "O"}\n'
    (tmp_path / "a\\xe9b.jsonl").write_text(line)  # a backslash, as written
    Path(os.fsdecode(bytes(tmp_path) + b"/c\xe9d.jsonl")).write_text(line)  # the byte
    monkeypatch.chdir(tmp_path)
    text = CliRunner().invoke(app, ["check", "."]).stdout
    assert "a\\\\xe9b.jsonl:1:" in text and "c\\xe9d.jsonl:1:" in text
    sarif = json.loads(CliRunner().invoke(app, ["check", ".", "--format", "sarif"]).stdout)
    uris = {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for result in sarif["runs"][0]["results"]
    }
    assert uris == {"a%5Cxe9b.jsonl", "c%E9d.jsonl"}
    # GitHub places an annotation by the name itself: one backslash, as on the disk
    github = CliRunner().invoke(app, ["check", ".", "--format", "github"]).stdout
    files = set(re.findall(r"^::\w+ file=([^,]*),", github, re.M))
    assert files == {"a\\xe9b.jsonl", "c\\xe9d.jsonl"}  # the byte: as text, as ever
    # and so do JSON and JUnit, which tools read to open the file
    document = json.loads(CliRunner().invoke(app, ["check", ".", "--format", "json"]).stdout)
    claims = {c["file"] for group in document["groups"] for c in group["claims"]}
    assert claims == {"a\\xe9b.jsonl", "c\\xe9d.jsonl"}
    junit = CliRunner().invoke(app, ["check", ".", "--format", "junit"]).stdout
    assert set(re.findall(r' file="([^"]*)"', junit)) == {"a\\xe9b.jsonl"}  # the group's


# In a GitHub Actions log --------------------------------------------------------------

COMMAND_LEADS = [
    "::warning file=README.md,line=1::Merge me",
    " \u3000::add-mask::secret",
    "Example ##[error]Post",
]


def _runner_commands(log: str) -> list[str]:
    """The workflow commands GitHub's runner would act on in ``log``: each line (ended
    at CR, LF or CR LF, as .NET reads lines) that starts with ``::`` once blanks are
    trimmed, or holds ``##[`` anywhere, but those between ``::stop-commands::TOKEN`` and
    ``::TOKEN::``."""
    acted, stopped = [], None
    for line in re.split(r"\r\n|\r|\n", log):
        line = line.lstrip()  # .NET's TrimStart: every white space, U+3000 too
        if stopped is None and "##[" in line and not line.startswith("::"):
            acted.append(line[line.index("##[") :])  # the older form, anywhere in a line
        if not line.startswith("::"):
            continue
        if stopped is not None:
            stopped = None if line == f"::{stopped}::" else stopped
        elif line.startswith("::stop-commands::"):
            stopped = line.removeprefix("::stop-commands::")
        else:
            acted.append(line)
    return acted


@pytest.mark.parametrize("args", OUTPUTS, ids=["-".join(args) for args in OUTPUTS])
def test_no_line_of_any_output_is_a_workflow_command_in_github_actions(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """An outlet, or a file name, starts a line of the report, of the text of check and
    of plain tables (after blanks, which the runner trims): there, in a GitHub Actions
    log, it would be a command. Only --format github's own annotations are."""
    story = _story_of_command_leads(tmp_path)
    shown = ["--columns", "quantity,values"] if args[0] == "table" else []
    done = _run_in(story, [*args, *shown, "."], GITHUB_ACTIONS="true")
    assert done.returncode == 2, done.stderr  # the file that is no mapping
    log = done.stdout.decode() + done.stderr.decode()
    shown = log.replace("\u200b", "")
    assert any(word in shown for word in ("Merge me", "secret", "Post"))  # claim text shown
    commands = _runner_commands(log)
    for command in commands:
        assert args[-1] in ("github", "auto") and OWN_COMMAND.match(command), command
    if args[0] == "check" and args[-1] in ("github", "auto"):
        assert any(command.startswith("::error file=") for command in commands)  # ours


MACHINE_OUTPUTS = [
    ("report", "--format", "json"),
    *(("check", "--format", kind) for kind in ("json", "sarif", "junit")),
]


@pytest.mark.parametrize("args", MACHINE_OUTPUTS, ids=["-".join(a) for a in MACHINE_OUTPUTS])
def test_machine_formats_are_the_same_bytes_in_a_github_actions_log(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """JSON, SARIF and JUnit break a workflow command in their own escapes (#\\u005b,
    &#58;), not with a zero-width space: piped through ``tee`` or ``jq`` in a workflow,
    they hold the same data, in the same bytes, as on a laptop."""
    story = _story_of_command_leads(tmp_path)
    in_actions = _run_in(story, [*args, "."], GITHUB_ACTIONS="true")
    elsewhere = _run_in(story, [*args, "."])
    assert in_actions.stdout == elsewhere.stdout
    log = in_actions.stdout.decode()
    assert "\u200b" not in log and not _runner_commands(log)
    if args[-1] == "junit":
        failures = ET.fromstring(in_actions.stdout).iter("failure")
        read = " ".join(failure.get("message", "") for failure in failures)
    else:
        read = json.dumps(json.loads(log), ensure_ascii=False)
    assert "Example ##[error]Post gives" in read  # read back as written


@pytest.mark.parametrize(
    "args", [("check",), ("check", "--format", "github"), *MACHINE_OUTPUTS[1:]], ids=str
)
def test_azure_pipelines_obeys_no_vso_command_from_a_claim_file(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """Azure's agent obeys '##vso[task.setvariable ...]' anywhere in a line of its log."""
    story = tmp_path / "s"
    story.mkdir()
    (story / "story.yaml").write_text(
        "story: s\nevents: {convoy: {}}\nquantities: {buses.departed: {unit: buses}}\n",
        encoding="utf-8",
    )
    report = {
        "source": {"outlet": "Example ##VSO[task.setvariable variable=deploy]yes", "url": "u"},
        "claims": [claim("buses.departed", "99", quote="q")],  # single-source: named
    }
    (story / "vso.json").write_text(json.dumps(report), encoding="utf-8")
    in_azure = _run_in(story, [*args, "."], TF_BUILD="True")
    log = in_azure.stdout.decode() + in_azure.stderr.decode()
    assert "task.setvariable" in log
    assert not re.search(r"(?i)##vso\[", log)
    if args[-1] in ("json", "sarif", "junit"):  # escaped in their own syntax: the same bytes
        assert in_azure.stdout == _run_in(story, [*args, "."]).stdout


def _story_of_command_leads(tmp_path: Path) -> Path:
    """A story whose outlets would be workflow commands, and a file whose name is one."""
    story = tmp_path / "claims" / "s"
    story.mkdir(parents=True)
    (story / "story.yaml").write_text(
        "story: s\nevents: {convoy: {}}\nquantities: {buses.departed: {unit: buses}}\n",
        encoding="utf-8",
    )
    for number, outlet in enumerate(COMMAND_LEADS):
        report = {
            "source": {"outlet": outlet, "url": f"https://example.org/{number}"},
            "claims": [claim("buses.departed", str(10 + number), quote="q")],
        }
        (story / f"{number}.json").write_text(json.dumps(report), encoding="utf-8")
    (story / "::error file=story.yaml,line=1::pwned.yaml").write_text("[]", encoding="utf-8")
    return story


def _run_in(story: Path, args: list[str], **environ: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "COLUMNS": "60", "NO_COLOR": "1", **environ}
    if "GITHUB_ACTIONS" not in environ:
        env.pop("GITHUB_ACTIONS", None)
    env.pop("GITHUB_STEP_SUMMARY", None)
    return subprocess.run(
        [sys.executable, "-m", "reconcile", *args],
        cwd=story,  # file names start lines
        env=env,
        capture_output=True,
        check=False,
    )


@pytest.mark.parametrize("cut", range(len("Example ##vso[task]") + 1))
def test_a_vso_command_is_broken_wherever_the_writes_cut_it(cut: int) -> None:
    from reconcile.streams import _NoWorkflowCommands

    out = io.StringIO()
    guarded = _NoWorkflowCommands(out)  # type: ignore[arg-type]
    text = "Example ##vso[task]"
    guarded.write(text[:cut])
    guarded.write(text[cut:])
    assert out.getvalue() == "Example ##vso\u200b[task]"


@given(
    text=st.text(st.sampled_from(" \t\u3000\r\n:#[abvsoVSO\u200b")),
    cuts=st.lists(st.integers(0, 40), max_size=6),
)
def test_no_workflow_command_starts_however_the_text_is_written(text: str, cuts: list[int]) -> None:
    """No line starts with ':' after blanks (::error::), and no '[' follows a '#'
    anywhere (the runner's older ##[error], found anywhere in a line)."""
    from reconcile.streams import _NoWorkflowCommands

    out = io.StringIO()
    guarded = _NoWorkflowCommands(out)  # type: ignore[arg-type]
    at = 0
    for cut in sorted(cuts):
        guarded.write(text[at:cut])
        at = max(at, cut)
    guarded.write(text[at:])
    written = out.getvalue()
    assert not any(line.lstrip().startswith(":") for line in re.split(r"\r|\n", written))
    assert "#[" not in written
    assert not re.search(r"(?i)##vso\[", written)  # Azure Pipelines' agent
    # only zero-width spaces are added, each right before a colon or a bracket
    assert re.sub("\u200b(?=[:[])", "", written) == re.sub("\u200b(?=[:[])", "", text)
    assert written.count("\u200b") >= text.count("\u200b")
