"""The benchmark's corpus generator keeps making input that reconcile reads.

The benchmark itself (``benchmarks/run.py``) is timed, so it is no test; these
only check, on small corpora, that what it feeds reconcile is valid input.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from reconcile.cli import app

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"


def _load(name: str, file: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / file)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


generate = _load("bench_generate", "generate.py")


def check_json(path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    monkeypatch.chdir(path.parent)
    result = CliRunner().invoke(app, ["check", path.name, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    document: dict[str, object] = json.loads(result.stdout)
    return document


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_a_flat_table_is_valid_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    table = generate.write_flat(tmp_path / f"claims{suffix}", claims=600, groups=60, seed=3)
    document = check_json(table, monkeypatch)
    summary = document["summary"]
    assert document["errors"] == []
    assert isinstance(summary, dict)
    assert (summary["claims"], summary["groups"]) == (600, 60)
    assert summary["conflict"] > 0 and summary["agree"] + summary["consistent"] > 0


@pytest.mark.parametrize("over_time", ["fixed", "cumulative", "snapshot"])
def test_one_large_group_is_valid_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, over_time: str
) -> None:
    folder = generate.write_group(tmp_path / "group", claims=500, seed=4, over_time=over_time)
    document = check_json(folder, monkeypatch)
    summary = document["summary"]
    assert document["errors"] == []
    assert isinstance(summary, dict)
    assert (summary["claims"], summary["groups"], summary["conflict"]) == (500, 1, 1)


def test_a_story_folder_is_valid_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = generate.write_story(tmp_path / "story", claims=400, seed=5)
    document = check_json(folder, monkeypatch)
    summary = document["summary"]
    assert document["errors"] == []
    assert isinstance(summary, dict)
    assert summary["claims"] == 400
    assert document["relations"]  # the story declares relations, and they are checked


def test_one_seed_gives_one_corpus(tmp_path: Path) -> None:
    first = generate.write_flat(tmp_path / "a.jsonl", claims=200, groups=20, seed=9)
    second = generate.write_flat(tmp_path / "b.jsonl", claims=200, groups=20, seed=9)
    other = generate.write_flat(tmp_path / "c.jsonl", claims=200, groups=20, seed=10)
    assert first.read_bytes() == second.read_bytes() != other.read_bytes()


def test_values_are_written_as_outlets_write_them() -> None:
    writer = generate.Writer(seed=1)
    written = {writer.value(writer.truth()) for _ in range(2000)}
    hedges = ("about ", "at least ", "more than ", "nearly ", "up to ", "between ")
    assert all(any(value.startswith(hedge) for value in written) for hedge in hedges)
    assert {"several", "dozens", "hundreds", "thousands"} <= written
    assert any(re.fullmatch(r"[0-9]+-[0-9]+", value) for value in written)
    assert any(re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+", value) for value in written)
    assert any(re.fullmatch(r"[a-z]+(-[a-z]+)?", value) for value in written - {"several"})
    assert generate.number_words(154) == "one hundred and fifty-four"


def test_the_duckdb_reference_finds_what_reconcile_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reference query finds the groups sharing no value that reconcile finds in
    conflict; the end-to-end job shown beside it reads every claim, from its line,
    into its group."""
    duckdb = pytest.importorskip("duckdb")
    monkeypatch.setattr(sys, "path", list(sys.path))  # the runner adds its folder
    run = _load("bench_run", "run.py")
    table = generate.write_flat(tmp_path / "claims.jsonl", claims=600, groups=60, seed=3)
    conflicts = check_json(table, monkeypatch)["summary"]["conflict"]  # type: ignore[index]

    reference = run.duckdb_reference(table, tmp_path, "claims", runs=1)
    assert len(reference.groups) == 60
    assert sum(not agrees for *_, agrees in reference.groups) == conflicts
    assert min(reference.query, reference.with_read, reference.end_to_end) > 0
    assert not (tmp_path / "claims.duckdb.json").exists()  # the job's output is removed

    _, values = run.reference_tables(table, tmp_path, "claims")
    output = tmp_path / "job.json"
    job = run.END_TO_END_QUERY.format(
        claims=table.as_posix(), values=values.as_posix(), output=output.as_posix()
    )
    duckdb.connect().execute(job)
    groups = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    records = [json.loads(line) for line in table.read_text(encoding="utf-8").splitlines()]
    claims = sorted((claim["line"], claim["value"]) for g in groups for claim in g["claims"])
    assert claims == [(number, record["value"]) for number, record in enumerate(records, 1)]
    assert sum(not group["agrees"] for group in groups) == conflicts
