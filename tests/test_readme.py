"""The README shows what reconcile really does: its transcripts are rerun and compared.

A ``console`` block whose lines start with ``$ reconcile`` is run and must print what
follows it; the report transcript must be lines of the real report, in order; the tables
of commands and findings must list every command and finding code there is.
"""

from __future__ import annotations

import re
import shlex
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from reconcile.cli import app
from reconcile.report import FINDING_CODES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
runner = CliRunner()


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README, flags=re.M | re.S)


def transcripts() -> list[tuple[str, str]]:
    """(command, output) for each ``$ reconcile …`` line of the console blocks."""
    found = []
    for block in blocks("console"):
        for chunk in re.split(r"^(?=\$ )", block, flags=re.M):
            if chunk.startswith("$ reconcile "):
                command, _, output = chunk.partition("\n")
                found.append((command[2:], output))
    return found


def run(command: str) -> str:
    result = runner.invoke(app, shlex.split(command)[1:], env={"COLUMNS": "80"})
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@pytest.fixture(autouse=True)
def in_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_there_are_transcripts() -> None:
    assert len(transcripts()) >= 3


@pytest.mark.parametrize(("command", "output"), transcripts(), ids=lambda x: x[:50])
def test_each_transcript_is_what_the_command_prints(command: str, output: str) -> None:
    assert run(command) == output


def test_the_report_transcript_is_the_real_report_cut_short() -> None:
    (shown,) = re.findall(
        r"<!-- transcript: reconcile report -->\n```text\n(.*?)^```", README, flags=re.M | re.S
    )
    real = [line.rstrip() for line in run("reconcile report").splitlines()]
    position = 0
    for line in shown.splitlines():
        if line == "⋮":
            continue
        assert line in real[position:], f"not in the report (in this order): {line!r}"
        position = real.index(line, position) + 1


def test_every_command_is_documented() -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for name in commands:
        assert f"| `reconcile {name}" in README, name


def test_every_finding_code_is_documented_with_its_severity() -> None:
    for code, (severity, _) in FINDING_CODES.items():
        assert f"| `{code}` | {severity} |" in README, code


def test_the_quick_start_is_what_ci_runs() -> None:
    (quick_start,) = [b for b in blocks("console") if "pip install ." in b]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install, test = quick_start.splitlines()
    assert install.endswith("pip install . && reconcile report")
    assert "pip install --quiet . && reconcile report" in ci
    assert test == "pip install '.[test]' && pytest"
    assert "pip install --quiet '.[test]' && pytest" in ci


def test_the_pictured_report_is_a_well_formed_svg() -> None:
    picture = re.search(r"!\[[^]]*\]\((docs/[^)]+\.svg)\)", README)
    assert picture is not None
    root = ElementTree.parse(ROOT / picture.group(1)).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "convoy-example" in ElementTree.tostring(root, encoding="unicode")
