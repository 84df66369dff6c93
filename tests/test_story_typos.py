"""A story id in flat rows that is a typo of a declared one: said, not a story apart."""

from __future__ import annotations

import json
from pathlib import Path

import reconcile

STORY = "story: river-flood-2021\nevents:\n  flood: {}\nquantities:\n  deaths: {}\n"
REPORT = """source: {outlet: Example Gazette, url: https://example.com/a}
claims:
  - {event: flood, quantity: deaths, value: "30", quote: "30 died"}
"""


def row(story: str, event: str = "flood", quantity: str = "deaths") -> str:
    record = {"story": story, "event": event, "quantity": quantity, "value": "5"}
    return json.dumps({**record, "outlet": "Sample Post", "quote": "5 died"})


def typos(tmp_path: Path, *rows: str) -> list[tuple[str, str, str]]:
    (tmp_path / "story.yaml").write_text(STORY, encoding="utf-8")
    (tmp_path / "gazette.yaml").write_text(REPORT, encoding="utf-8")
    (tmp_path / "rows.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = reconcile.check(tmp_path)
    return [
        (f.severity, str(f.location).rsplit("/", 1)[-1], f.message)
        for f in report.findings
        if f.code == "undeclared-story"
    ]


def test_a_story_id_close_to_a_declared_one_naming_its_quantities_is_a_warning(
    tmp_path: Path,
) -> None:
    """The 5 was compared with nothing: a single-source group of a story of its own,
    beside the conflict it belongs to."""
    assert typos(tmp_path, row("rivr-flood-2021"), row("rivr-flood-2021")) == [
        (
            "warning",
            "rows.jsonl:1:79",
            f"story 'rivr-flood-2021' has no story.yaml, but 'river-flood-2021' "
            f"({tmp_path.as_posix()}/story.yaml) declares the events and quantities its rows "
            "name: did you mean 'river-flood-2021'? Its claims are compared with none of "
            "that story's",
        )
    ]


def test_another_story_with_a_like_id_and_its_own_quantities_is_not_a_typo(
    tmp_path: Path,
) -> None:
    assert typos(tmp_path, row("rivr-flood-2021", "storm", "injured")) == []
    assert typos(tmp_path, row("forest-fire-2021")) == []


def test_a_story_of_another_year_is_not_a_typo(tmp_path: Path) -> None:
    """A recurring story's other years name the same events and quantities."""
    assert typos(tmp_path, row("river-flood-2020"), row("river-flood-2012")) == []
