"""Groups of fixed quantities (SPEC "Verdicts"): verdicts, estimates, best values,
gaps and explanations; the findings they raise and how `reconcile check` exits;
and that none of it depends on the order of files or claims."""

from __future__ import annotations

import json
import random
import tempfile
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import reconcile
from reconcile.cli import app
from reconcile.render.json import to_document
from reconcile.report import GroupResult, Report


def reconciled(*paths: Path) -> Report:
    corpus = reconcile.load(paths)
    assert [str(problem) for problem in corpus.problems] == []
    return reconcile.reconcile(corpus)


def only_group(report: Report) -> GroupResult:
    (group,) = report.groups
    return group


def estimate(group: GroupResult) -> tuple[object, object, object] | None:
    found = group.estimate
    return None if found is None else (found.low, found.best, found.high)


def gap(group: GroupResult) -> tuple[object, object] | None:
    return None if group.gap is None else (group.gap.absolute, group.gap.relative)


# -- verdicts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "verdict", "origins", "expected_estimate", "explanation"),
    [
        (
            "agree",
            "agree",
            ("Example Gazette", "Example Wire"),
            (17, 17, 17),
            "2 origins give 17",
        ),
        (
            "consistent",
            "consistent",
            ("Example Gazette", "Example Wire"),
            (300, 315, 330),
            "2 origins, intervals differ but share a value: [300, 330]",
        ),
        (
            "single-source-cites",
            "single-source",
            ("Example Wire",),
            (17, 17, 17),
            "only from Example Wire: 17, seventeen (17), about 17 ([15, 19])",
        ),
        (
            "single-source-attributed",
            "single-source",
            ("Example Ministry",),
            (6, 6, 6),
            "only from Example Ministry: about 6 ([5, 7]), six (6), 6",
        ),
        (
            "conflict",
            "conflict",
            ("Example Gazette", "Example Wire"),
            None,
            "Example Wire gives about 300 ([270, 330]) and Example Gazette gives 331: "
            "no value fits both, gap 1 (0.3%); no cluster of claims is the largest, "
            "so no estimate",
        ),
        (
            "self-contradiction",
            "conflict",
            ("Example Wire",),
            None,
            "Example Wire gives 17 and 25: no value fits both, gap 8 (32.0%); "
            "no cluster of claims is the largest, so no estimate",
        ),
    ],
)
def test_verdicts(
    datadir: Path,
    case: str,
    verdict: str,
    origins: tuple[str, ...],
    expected_estimate: tuple[int, int, int] | None,
    explanation: str,
) -> None:
    group = only_group(reconciled(datadir / case))
    assert (group.verdict, group.origins, estimate(group), group.explanation) == (
        verdict,
        origins,
        expected_estimate,
        explanation,
    )


def test_only_conflicts_have_a_gap(datadir: Path) -> None:
    report = reconciled(*(datadir / case for case in ("agree", "consistent", "conflict")))
    assert [(group.story, gap(group)) for group in report.groups] == [
        ("agree", None),
        ("conflict", (1, Fraction(1, 331))),
        ("consistent", None),
    ]


def test_claims_of_a_group_read_in_date_order(
    datadir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(datadir)
    group = only_group(reconciled(Path("agree")))
    assert [
        (c.id, c.outlet, c.value, c.date and c.date.text, c.file, c.line) for c in group.claims
    ] == [
        (None, "Example Wire", "17 buses", "2017-09-01", "agree/wire.yaml", 8),
        ("gazette-buses", "Example Gazette", "seventeen", "2017-09-02", "agree/gazette.yaml", 9),
    ]


# -- estimates of conflicts: the largest cluster, in distinct origins ----------------


def test_a_conflict_is_estimated_from_the_largest_cluster(datadir: Path) -> None:
    report = reconciled(datadir / "largest-cluster")
    group = only_group(report)
    assert (group.verdict, estimate(group), gap(group)) == (
        "conflict",
        (16, 17, 18),
        (6, Fraction(6, 25)),
    )
    assert group.explanation == (
        "Example Gazette gives about 17 ([15, 19]) and Example Post gives 25: no value fits both, "
        "gap 6 (24.0%); the largest cluster, 3 origins, gives [16, 18]"
    )
    # the finding points at the odd one out
    assert [(f.code, Path(f.location.file).name) for f in report.findings] == [
        ("value-conflict", "post.yaml")
    ]


def test_two_clusters_of_as_many_origins_give_no_estimate(datadir: Path) -> None:
    group = only_group(reconciled(datadir / "cluster-tie"))
    assert (group.verdict, estimate(group)) == ("conflict", None)
    assert group.explanation.endswith("; no cluster of claims is the largest, so no estimate")


def test_clusters_count_origins_not_claims(datadir: Path) -> None:
    group = only_group(reconciled(datadir / "repeating-origin"))
    assert [(c.origin, c.value) for c in group.claims if c.interval.low == 25] == [
        ("Example Wire", "twenty-five"),
        ("Example Wire", "25"),
        ("Example Wire", "25 buses"),
        ("Example Wire", "25"),
    ]
    assert (group.verdict, estimate(group)) == ("conflict", (17, 17, 17))
    assert group.explanation.endswith("; the largest cluster, 2 origins, gives 17")


# -- best ------------------------------------------------------------------------------


def test_best_values(datadir: Path) -> None:
    document = to_document(reconciled(datadir / "best"))
    assert {group["quantity"]: group["estimate"] for group in document["groups"]} == {
        "buses.departed": {"low": 17, "best": 17, "high": 17},  # the exact claims
        "buses.stranded": {"low": 16, "best": 16.5, "high": 17},  # the middle: a half
        "ceasefire.date": {"low": "2017-08-25", "best": "2017-08-25", "high": "2017-08-26"},
        "people.total": {"low": 13, "best": None, "high": None},  # unbounded: no middle
    }


def test_a_half_is_kept_exact(datadir: Path) -> None:
    report = reconciled(datadir / "best")
    assert [estimate(g) for g in report.groups if g.quantity.name == "buses.stranded"] == [
        (16, Fraction(33, 2), 17)
    ]


# -- gaps ------------------------------------------------------------------------------


def test_gaps_tie_to_the_smaller_relative_gap_and_dates_count_days(datadir: Path) -> None:
    report = reconciled(datadir / "gap-ties")
    assert [(g.quantity.name, gap(g)) for g in report.groups] == [
        ("buses.departed", (10, Fraction(1, 11))),  # 100 and 110, not 10 and 20
        ("ceasefire.date", (3, None)),
    ]
    assert [g.explanation for g in report.groups] == [
        "Example Courier gives 100 and Example Post gives 110: no value fits both, "
        "gap 10 (9.1%); no cluster of claims is the largest, so no estimate",
        "Example Wire gives before 2017-08-25 ((-∞, 2017-08-24]) and Example Gazette gives "
        "2017-08-27: no value fits both, gap 3 days; no cluster of claims is the largest, "
        "so no estimate",
    ]


def test_the_json_gap_of_the_spec_example(datadir: Path) -> None:
    (group,) = to_document(reconciled(datadir / "conflict"))["groups"]
    assert group["gap"] == {"absolute": 1, "relative": 0.003}


# -- findings, summary, exit status ------------------------------------------------------


def test_findings_and_summary(datadir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(datadir)
    report = reconciled(Path("findings"))
    assert [(f.code, f.severity, str(f.location), f.claim_id) for f in report.findings] == [
        ("no-provenance", "warning", "findings/gazette.yaml:13:12", "gazette-people"),
        ("value-conflict", "error", "findings/gazette.yaml:13:12", "gazette-people"),
        ("relation-violated", "error", "findings/regional.yaml:9:12", None),
        ("single-source", "warning", "findings/regional.yaml:14:12", "courier-stranded"),
        ("single-source", "warning", "findings/regional.yaml:18:12", "courier-returned"),
        ("relation-violated", "error", "findings/story.yaml:10:5", None),
    ]
    assert report.summary() == {
        "claims": 6,
        "groups": 4,
        "agree": 1,
        "consistent": 0,
        "single_source": 2,
        "conflict": 1,
        "relations_violated": 2,
        "errors": 0,
    }


@pytest.mark.parametrize(
    ("case", "options", "status"),
    [
        ("findings", [], 1),  # a conflict and a violated relation are errors
        ("findings", ["--fail-on", "warning"], 1),
        ("findings", ["--fail-on", "never"], 0),
        ("single-source-cites", [], 0),  # only warnings
        ("single-source-cites", ["--fail-on", "warning"], 1),
        ("single-source-cites", ["--fail-on", "never"], 0),
        ("agree", ["--fail-on", "warning"], 0),  # nothing to report
        ("input-error", [], 2),
        ("input-error", ["--fail-on", "never"], 2),  # input errors outrank findings
    ],
)
def test_check_exit_status(datadir: Path, case: str, options: list[str], status: int) -> None:
    result = CliRunner().invoke(app, ["check", str(datadir / case), *options])
    assert result.exit_code == status, result.output


def test_one_bad_file_does_not_hide_the_findings_of_the_others(datadir: Path) -> None:
    result = CliRunner().invoke(
        app, ["check", str(datadir / "input-error"), str(datadir / "findings")]
    )
    assert result.exit_code == 2
    assert result.stdout.splitlines()[-1] == (
        "6 claims in 4 groups: 1 agree, 0 consistent, 2 single-source, 1 conflict; "
        "2 relations violated; 1 input error"
    )


# -- nothing depends on the order of files or claims --------------------------------------

STORY = """\
story: shuffled
events:
  convoy:
  airstrikes:
quantities:
  buses.departed: {unit: buses}
  buses.stranded: {unit: buses}
  buses.returned: {unit: buses}
  deaths: {unit: people, over_time: cumulative}
  patients: {unit: people, over_time: snapshot}
  ceasefire.date: {type: date}
  departure.date: {type: date}
relations:
  - buses.departed = buses.stranded + buses.returned
  - buses.stranded < buses.departed
  - ceasefire.date <= departure.date
  - patients <= deaths + 100
aliases:
  Hezbollah: [Hezbollah statement]
"""
VALUES = {
    "buses.departed": ["17", "seventeen", "about 17", "16 to 18", "at least 16", "25"],
    "buses.stranded": ["10", "ten", "about 10", "up to 12"],
    "buses.returned": ["6", "six", "several", "none"],
    "deaths": ["40", "52", "about 50", "60", "at least 90"],
    "patients": ["80", "about 80", "120", "between 100 and 130"],
    "ceasefire.date": ["2017-08-27", "2017-08", "before 2017-08-28", "2017-08-25 to 2017-08-26"],
    "departure.date": ["2017-08-28", "after 2017-08-26", "2017-08-27"],
}
DATES = [
    *(None, "2020-03-01", "2020-03", "2020-03-02", "2020-03-02T09:00", "2020-03-02T18:00"),
    # moments on another day in UTC than as written, widened to both days on the line
    *("2020-03-02T01:30+03:00", "2020-03-02T02:30+03:00", "2020-03-01T23:30-02:00"),
]
OUTLETS = ["Example Gazette", "Example Wire", "the example  wire", "Example Courier"]
ATTRIBUTIONS = [None, "Example Ministry", "example ministry", "Hezbollah statement", "Hezbollah"]
CITES = [
    [],
    ["Example Wire"],
    ["Example Wire", "Example Post"],
    ["hezbollah", "Hezbollah statement"],
]

claims_strategy = st.lists(
    st.tuples(
        st.sampled_from(["convoy", "airstrikes"]),
        st.sampled_from(sorted(VALUES)).flatmap(
            lambda quantity: st.tuples(st.just(quantity), st.sampled_from(VALUES[quantity]))
        ),
        st.sampled_from(ATTRIBUTIONS),
        st.sampled_from(DATES),
        st.booleans(),  # with an id
    ),
    min_size=1,
    max_size=6,
)
reports_strategy = st.lists(
    st.tuples(
        st.sampled_from(OUTLETS),
        st.sampled_from(DATES),
        st.sampled_from(CITES),
        claims_strategy,
    ),
    min_size=1,
    max_size=4,
)


def _claim(index: int, claim: tuple[Any, ...]) -> dict[str, str]:
    event, (quantity, value), attributed_to, as_of, with_id = claim
    written = {"event": event, "quantity": quantity, "value": value, "quote": "as written"}
    if attributed_to:
        written["attributed_to"] = attributed_to
    if as_of:
        written["as_of"] = as_of
    if with_id:
        written["id"] = f"claim-{index}"
    return written


def _write_story(folder: Path, reports: list[tuple[Any, ...]], names: list[str], seed: int) -> None:
    """Report i goes to file names[i], its claims shuffled by ``seed``."""
    folder.mkdir()
    (folder / "story.yaml").write_text(STORY)
    shuffle = random.Random(seed).shuffle
    for number, (outlet, published, cites, claims) in enumerate(reports):
        lines = ["source:", f"  outlet: {json.dumps(outlet)}", f"  cites: {json.dumps(cites)}"]
        if published:
            lines.append(f"  published: {json.dumps(published)}")
        written = [_claim(number * 10 + index, claim) for index, claim in enumerate(claims)]
        shuffle(written)
        lines += ["claims:", *(f"  - {json.dumps(claim)}" for claim in written)]
        (folder / names[number]).write_text("\n".join(lines) + "\n")


def _document(folder: Path) -> dict[str, Any]:
    return to_document(reconciled(folder))


def _without(document: dict[str, Any], *fields: str) -> dict[str, Any]:
    """The document without the given fields of claims and relation rows."""
    groups = [
        {
            **group,
            "claims": [{k: v for k, v in c.items() if k not in fields} for c in group["claims"]],
        }
        for group in document["groups"]
    ]
    relations = [{k: v for k, v in row.items() if k not in fields} for row in document["relations"]]
    return {**document, "groups": groups, "relations": relations}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports=reports_strategy, seed=st.integers(0, 2**16))
def test_the_order_of_claims_within_files_does_not_matter(
    reports: list[tuple[Any, ...]], seed: int
) -> None:
    names = [f"report-{number}.yaml" for number in range(len(reports))]
    with tempfile.TemporaryDirectory() as tmp:
        _write_story(Path(tmp) / "a", reports, names, seed=0)
        _write_story(Path(tmp) / "b", reports, names, seed=seed)
        first, second = _document(Path(tmp) / "a"), _document(Path(tmp) / "b")
    # same file names, so the files differ only in the folder and the lines
    assert _without(first, "file", "line", "report") == _without(second, "file", "line", "report")
    assert [row["report"].split("/")[-1] for row in first["relations"] if row["report"]] == [
        row["report"].split("/")[-1] for row in second["relations"] if row["report"]
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports=reports_strategy, order=st.randoms(use_true_random=False))
def test_the_order_of_files_does_not_matter(
    reports: list[tuple[Any, ...]], order: random.Random
) -> None:
    names = [f"report-{number}.yaml" for number in range(len(reports))]
    renamed = names[:]
    order.shuffle(renamed)
    with tempfile.TemporaryDirectory() as tmp:
        _write_story(Path(tmp) / "a", reports, names, seed=0)
        _write_story(Path(tmp) / "b", reports, renamed, seed=0)
        first, second = _document(Path(tmp) / "a"), _document(Path(tmp) / "b")
    first, second = (
        _without(first, "file", "line", "report"),
        _without(second, "file", "line", "report"),
    )
    # report rows of one event sort by file name: compare them as a multiset
    assert first["relations"] and sorted(map(json.dumps, first["relations"])) == sorted(
        map(json.dumps, second["relations"])
    )
    assert {**first, "relations": None} == {**second, "relations": None}


@pytest.mark.parametrize(
    ("fields", "warned"),
    [
        ({}, True),
        ({"quote": "  "}, True),
        ({"url": "\t", "quote": ""}, True),
        ({"quote": "17 buses left"}, False),
        ({"url": "https://gazette.example/1"}, False),
    ],
)
def test_blanks_are_no_provenance(tmp_path: Path, fields: dict[str, str], warned: bool) -> None:
    record = {
        "story": "s",
        "event": "e",
        "quantity": "q",
        "value": "17",
        "outlet": "Example Gazette",
    }
    (tmp_path / "claims.jsonl").write_text(json.dumps({**record, **fields}) + "\n")
    report = reconcile.check([tmp_path])
    assert ("no-provenance" in {f.code for f in report.findings}) is warned


def test_one_origin_relayed_two_ways_says_which_outlet_printed_which(tmp_path: Path) -> None:
    """The Herald relays the Wire (cites it), one day later than the Wire itself: the
    origin is one, and the conflict must not read as the Wire contradicting itself."""
    (tmp_path / "story.yaml").write_text(
        "story: s\nevents: {dam: {}}\nquantities: {broke.date: {type: date}}\n", encoding="utf-8"
    )
    report = "source: {outlet: %s, url: 'https://example.org/%d'%s}\nclaims:\n"
    report += "  - {event: dam, quantity: broke.date, value: '%s'}\n"
    (tmp_path / "a.yaml").write_text(report % ("Example Wire", 1, "", "2024-05-02"))
    (tmp_path / "b.yaml").write_text(
        report % ("Example Herald", 2, ", cites: [Example Wire]", "2024-05-03")
    )
    group = only_group(reconciled(tmp_path))
    assert group.explanation.startswith(
        "Example Wire gives 2024-05-02 (in Example Wire) and 2024-05-03 (in Example Herald): "
        "no value fits both"
    )
