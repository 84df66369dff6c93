"""Loading claim files (SPEC "Files"): stories, report files and flat tables into
claims; every problem located, and one bad file never hiding the others."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

import reconcile
from reconcile.claims import Corpus
from reconcile.interval import Interval


@pytest.fixture
def here(datadir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the data folder, so that files are named as a user would see them."""
    monkeypatch.chdir(datadir)
    return datadir


def problems(corpus: Corpus) -> list[tuple[str, str, str]]:
    """The corpus's problems as a report lists them: by file, line and column."""
    return [(p.code, str(p.location), p.message) for p in reconcile.reconcile(corpus).problems]


def claim_rows(corpus: Corpus) -> list[tuple[object, ...]]:
    return [
        (c.story, c.event, c.quantity, c.value, c.outlet, c.origin, c.date and c.date.text)
        for c in corpus.claims
    ]


def test_a_story_and_its_reports(here: Path) -> None:
    corpus = reconcile.load([Path("story-and-reports")])
    assert problems(corpus) == []
    story = corpus.stories["qalamoun-test"]
    assert (story.title, story.tolerance, story.file) == (
        "Evacuation convoy",
        Fraction(1, 20),
        "story-and-reports/story.yaml",
    )
    assert [(q.name, q.type, q.unit, q.over_time) for q in story.quantities.values()] == [
        ("people.total", "count", "people", "fixed"),
        ("ceasefire.date", "date", None, "fixed"),
        ("fighters.killed", "count", "people", "cumulative"),
    ]
    assert [(r.relation.text, str(r.location)) for r in story.relations] == [
        ("people.total >= 1", "story-and-reports/story.yaml:13:5")
    ]
    assert claim_rows(corpus) == [
        # as_of, an alias, approx_tolerance 0.05
        (
            "qalamoun-test",
            "convoy",
            "people.total",
            "about 600",
            "Example Gazette",
            "Example Ministry",
            "2017-09-01",
        ),
        # a vague word of the story; the report cites one outlet; published is the date
        (
            "qalamoun-test",
            "convoy",
            "people.total",
            "a busload",
            "Example Gazette",
            "Example Wire",
            "2017-09-02",
        ),
        (
            "qalamoun-test",
            "convoy",
            "ceasefire.date",
            "2017-08-27",
            "Example Gazette",
            "Example Wire",
            "2017-09-02",
        ),
        # a report file in JSON, published in a month
        (
            "qalamoun-test",
            "convoy",
            "fighters.killed",
            "85",
            "Example Wire",
            "Example Wire",
            "2017-09",
        ),
    ]
    first = corpus.claims[0]
    assert (first.interval.low, first.interval.high) == (570, 630)
    assert (first.id, first.quote, first.url, first.note, str(first.location)) == (
        "gazette-people",
        "some 600 people",
        "https://gazette.example/convoy",
        "The ministry's figure.",
        "story-and-reports/gazette.yaml:11:12",
    )
    assert (corpus.claims[1].interval.low, corpus.claims[1].interval.high) == (30, 60)
    assert str(corpus.claims[3].location) == "story-and-reports/wire.json:4:65"


def test_flat_tables_without_a_story(here: Path) -> None:
    corpus = reconcile.load([Path("flat-tables")])
    assert problems(corpus) == []
    story = corpus.stories["flood-test"]
    assert (story.declared, list(story.events), story.relations, story.aliases) == (
        False,
        ["river", "town"],
        [],
        {},
    )
    assert [(q.name, q.type, q.unit) for q in story.quantities.values()] == [
        ("level.peak", "count", "cm"),
        ("houses.flooded", "count", None),
    ]
    assert claim_rows(corpus) == [
        # cites two outlets (';'-separated): the origin is the outlet itself
        (
            "flood-test",
            "river",
            "level.peak",
            "about 600",
            "Example Gazette",
            "Example Gazette",
            "2021-07-15",
        ),
        # an empty cell is a field not given
        (
            "flood-test",
            "river",
            "level.peak",
            "600 cm",
            "Example Courier",
            "Example Courier",
            "2021-07-16",
        ),
        (
            "flood-test",
            "town",
            "houses.flooded",
            "dozens",
            "Example Post",
            "Example Fire Service",
            None,
        ),
    ]
    assert [str(claim.location) for claim in corpus.claims] == [
        "flat-tables/claims.csv:2:29",
        "flat-tables/claims.csv:3:29",
        "flat-tables/claims.jsonl:1:81",
    ]


def test_a_flat_story_takes_only_ids_as_its_events_and_quantities(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no story.yaml, names are taken as they come, but only ids (SPEC, Ids): else
    ``deaths `` or ``Deaths`` would each be a single-source group beside ``deaths``, and
    the conflict between them never seen."""
    monkeypatch.chdir(tmp_path)
    rows = ["quake,deaths,10", "quake,deaths ,12", "quake, deaths,14", "Quake,Deaths,16"]
    Path("rows.csv").write_text(
        "story,event,quantity,value,outlet,quote\n"
        + "".join(f"quakes,{row},Example Wire {i},q\n" for i, row in enumerate(rows)),
        encoding="utf-8",
    )
    corpus = reconcile.load([Path("rows.csv")])
    assert [(where, message) for _, where, message in problems(corpus)] == [
        ("rows.csv:3:14", "'deaths ' is not a valid quantity name: remove the spaces around it"),
        ("rows.csv:4:14", "' deaths' is not a valid quantity name: remove the spaces around it"),
        (
            "rows.csv:5:8",
            "'Quake' is not a valid event name: use lowercase letters, digits, '_' and '.', "
            "starting with a letter; did you mean 'quake'?",
        ),
        (
            "rows.csv:5:14",
            "'Deaths' is not a valid quantity name: use lowercase letters, digits, '_' and '.', "
            "starting with a letter; did you mean 'deaths'?",
        ),
    ]
    assert [(claim.event, claim.quantity, claim.value) for claim in corpus.claims] == [
        ("quake", "deaths", "10")
    ]


def test_a_row_whose_quantity_is_no_id_has_its_value_read_as_a_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One round of corrections mends both: the name, and the value a count cannot be."""
    monkeypatch.chdir(tmp_path)
    Path("rows.csv").write_text(
        "story,event,quantity,value,outlet\nquakes,quake,Deaths,7.5,Example Wire\n",
        encoding="utf-8",
    )
    messages = [message for _, _, message in problems(reconcile.load("rows.csv"))]
    assert messages[0].startswith("'Deaths' is not a valid quantity name")
    assert messages[1].startswith("a count must be a whole number, and 7.5 is not")


def test_a_flat_table_follows_the_story_of_its_id(here: Path) -> None:
    corpus = reconcile.load([Path("flat-with-story")])
    assert problems(corpus) == [
        (
            "unknown-quantity",
            "flat-with-story/deaths.jsonl:3:61",
            "unknown quantity 'death' in story 'outbreak-test'; did you mean 'deaths'?; "
            "declared: 'deaths'",
        )
    ]
    (group,) = reconcile.reconcile(corpus).groups
    assert (group.quantity.over_time, group.verdict) == ("cumulative", "conflict")


def test_unknown_events_and_quantities(here: Path) -> None:
    corpus = reconcile.load([Path("unknown-names")])
    assert problems(corpus) == [
        (
            "unknown-event",
            "unknown-names/gazette.yaml:5:12",
            "unknown event 'convoi' in story 'unknown-names'; did you mean 'convoy'?; "
            "declared: 'airstrikes' or 'convoy'",
        ),
        (
            "unknown-quantity",
            "unknown-names/gazette.yaml:9:15",
            "unknown quantity 'buses.departd' in story 'unknown-names'; "
            "did you mean 'buses.departed'?; declared: 'buses.departed' or 'buses.stranded'",
        ),
        (
            "unknown-quantity",
            "unknown-names/gazette.yaml:12:15",
            "unknown quantity 'ceasefire.date' in story 'unknown-names'; "
            "declared: 'buses.departed' or 'buses.stranded'",
        ),
    ]
    assert [claim.value for claim in corpus.claims] == ["10"]


def test_claim_ids_are_unique_within_a_story(here: Path) -> None:
    corpus = reconcile.load([Path("duplicate-ids")])
    assert problems(corpus) == [
        (
            "duplicate-id",
            "duplicate-ids/wire.yaml:5:9",
            "claim id 'buses' is used twice in story 'duplicate-ids': "
            "first at duplicate-ids/gazette.yaml:5:9",
        )
    ]
    assert [(claim.id, claim.file) for claim in corpus.claims] == [
        ("buses", "duplicate-ids/gazette.yaml"),
        ("buses", "duplicate-ids/wire.yaml"),  # reported, and still counted: no claim is lost
        ("wire-buses", "duplicate-ids/wire.yaml"),
    ]


def test_a_claim_id_used_twice_is_said_even_where_the_claim_has_another_mistake(
    tmp_path: Path,
) -> None:
    """The clash came to light only once the second claim's value was mended."""
    (tmp_path / "story.yaml").write_text("story: s\nevents: {e: {}}\nquantities: {q: {}}\n")
    claims = "".join(
        f"  - {{id: x1, event: e, quantity: q, value: '{value}', quote: x}}\n"
        for value in ("10", "30-20")
    )
    (tmp_path / "b.yaml").write_text("source: {outlet: Example Gazette}\nclaims:\n" + claims)
    listed = [(p.code, p.location.line) for p in reconcile.load([tmp_path]).problems]
    assert listed == [("duplicate-id", 4), ("invalid-value", 4)]


def test_a_claim_id_of_a_claim_not_kept_is_still_its_id(tmp_path: Path) -> None:
    """A claim with an unknown field, a row without an outlet: not kept, but the clash
    of their ids with the next claim's came to light only once they were mended."""
    (tmp_path / "story.yaml").write_text("story: s\nevents: {e: {}}\nquantities: {q: {}}\n")
    claims = (
        "  - {id: a, event: e, quantity: q, value: '1', quote: x, bogus: 1}\n"
        "  - {id: a, event: e, quantity: q, value: '2', quote: x}\n"
    )
    (tmp_path / "r.yaml").write_text("source: {outlet: Example Gazette}\nclaims:\n" + claims)
    table = "story,event,quantity,value,outlet,id,quote\nt,e,q,5,,d,x\nt,e,q,6,Example Wire,d,x\n"
    (tmp_path / "t.csv").write_text(table)
    listed = [(p.code, p.location.line) for p in reconcile.load([tmp_path]).problems]
    assert sorted(listed) == [
        ("duplicate-id", 3),
        ("duplicate-id", 4),
        ("invalid-field", 2),
        ("unknown-field", 3),
    ]


def test_one_broken_file_does_not_hide_the_others(here: Path) -> None:
    corpus = reconcile.load([Path("one-broken-file")])
    assert [(code, where) for code, where, _ in problems(corpus)] == [
        ("yaml-syntax", "one-broken-file/broken.yaml:8:1"),
        ("invalid-date", "one-broken-file/mixed.yaml:4:14"),
        ("invalid-value", "one-broken-file/mixed.yaml:8:12"),
        ("unknown-field", "one-broken-file/mixed.yaml:12:5"),
        ("invalid-field", "one-broken-file/mixed.yaml:13:5"),
        ("invalid-date", "one-broken-file/mixed.yaml:18:12"),
    ]
    messages = [message for _, _, message in problems(corpus)]
    assert messages[1] == (
        "'2017-09-31' is not a date: day is out of range for month; write a day of the "
        "calendar (2017-09-01), a month (2017-09) or a year (2017)"
    )
    assert messages[2].startswith("cannot read 'lots' as a count; write a number (17, ")
    assert messages[3] == (
        "unknown field 'atributed_to'; did you mean 'attributed_to'?; accepted: 'as_of', "
        "'attributed_to', 'event', 'id', 'note', 'quantity', 'quote' or 'value'"
    )
    assert messages[4] == "missing field 'quantity'"
    assert messages[5].startswith("cannot read 'yesterday' as a date; write a day (2017-09-01)")
    # the good claims of the bad file, and the good file, are read (a fixed quantity's
    # claim whose as_of does not read too: it is judged whatever its date)
    assert [(c.file, c.line, c.value) for c in corpus.claims] == [
        ("one-broken-file/mixed.yaml", 17, "2017-08-27"),
        ("one-broken-file/mixed.yaml", 21, "about 17"),
        ("one-broken-file/wire.yaml", 7, "17"),
    ]
    report = reconcile.reconcile(corpus)
    assert report.summary()["claims"] == 3
    assert report.summary()["errors"] == 6


def test_a_story_with_mistakes_is_still_used_for_what_it_gets_right(here: Path) -> None:
    """Every mistake of the story, its reports and a table is listed in one run; the
    reports are checked against the rest of the story, whose aliases still apply."""
    corpus = reconcile.load([Path("story-with-mistakes")])
    assert [(code, where) for code, where, _ in problems(corpus)] == [
        ("unknown-field", "story-with-mistakes/gazette.yaml:1:72"),  # colour: spared
        ("invalid-value", "story-with-mistakes/gazette.yaml:4:52"),  # a claim with a bad id
        ("unknown-event", "story-with-mistakes/rows.jsonl:1:32"),  # did you mean 'convoy'?
        ("invalid-date", "story-with-mistakes/story.yaml:3:18"),
        ("invalid-field", "story-with-mistakes/story.yaml:4:15"),  # airstrikes: 5
        ("invalid-field", "story-with-mistakes/story.yaml:6:39"),  # type: integer
        ("invalid-relation", "story-with-mistakes/story.yaml:10:5"),
    ]
    assert "did you mean 'convoy'?" in problems(corpus)[2][2]
    assert claim_rows(corpus) == [
        ("mistakes", "convoy", "buses.departed", "17", "Example Gazette", "Example Gazette", None),
        ("mistakes", "airstrikes", "people.total", "40", "Example Gazette", "Example Wire", None),
    ]
    story = corpus.stories["mistakes"]
    assert [r.relation.text for r in story.relations] == ["buses.departed >= 1"]
    assert story.quantities["buses.departed"].type == "count"


def test_reports_beside_a_story_yaml_that_cannot_be_read_are_still_checked(here: Path) -> None:
    """SPEC: one bad file does not hide the others' errors. Without the story, the claims
    are not judged, but what needs none of it is checked: the reports' shape, dates, and
    values with a digit that no type of quantity reads ('2.5' may be a number, '2017-09-01'
    a date, and 'a handful' one of the story's vague words)."""
    corpus = reconcile.load([Path("broken-story")])
    found = problems(corpus)
    assert [(code, place) for code, place, _ in found] == [
        ("story-unusable", "broken-story/gazette.yaml:1:1"),
        ("invalid-value", "broken-story/gazette.yaml:3:54"),  # 30-20
        ("invalid-date", "broken-story/gazette.yaml:4:68"),  # 2017-02-30
        ("unknown-field", "broken-story/gazette.yaml:5:60"),  # colour
        ("invalid-value", "broken-story/gazette.yaml:7:54"),  # 17 buses set off
        ("yaml-syntax", "broken-story/story.yaml:3:1"),
        ("invalid-field", "broken-story/wire.yaml:1:1"),  # no source
        ("invalid-field", "broken-story/wire.yaml:3:5"),  # no value
    ]
    assert found[1][2].startswith("the range '30-20' runs backwards")  # what the reader found
    assert found[4][2].startswith("cannot read '17 buses set off' as a number or a date; write")
    assert corpus.claims == []


def test_beside_an_unreadable_story_a_value_is_judged_by_the_reader_that_knows_it(
    tmp_path: Path,
) -> None:
    """Where the type is not known, the message is the one a reader found wrong, not
    one that names a type the quantity may not have."""
    (tmp_path / "story.yaml").write_text("story: s\ntitle: [unclosed\n")
    values = ["2017-02-30", "2017-09-05 to 2017-09-01"]
    claims = "".join(f"  - {{event: e, quantity: q, value: {value}}}\n" for value in values)
    report = "source: {outlet: Example Gazette}\nclaims:\n" + claims
    (tmp_path / "gazette.yaml").write_text(report)
    messages = [p.message for p in reconcile.load([tmp_path]).problems if p.code == "invalid-value"]
    assert [message.split(";")[0] for message in messages] == [
        "'2017-02-30' is not a date: day is out of range for month",
        "the range '2017-09-05 to 2017-09-01' runs backwards",
    ]


def test_reports_beside_an_unusable_story_are_named_once(here: Path) -> None:
    corpus = reconcile.load([Path("no-story-id")])
    assert problems(corpus) == [
        (
            "story-unusable",
            "no-story-id/gazette.yaml:1:1",
            "not judged, nor are the other reports beside no-story-id/story.yaml, until "
            "its errors are corrected; their mistakes that do not depend on it are listed",
        ),
        (
            "invalid-field",
            "no-story-id/story.yaml:1:8",
            "'Not An Id' is not a valid story id: use lowercase letters, digits and '-'",
        ),
    ]
    assert corpus.claims == []


def test_a_story_without_a_usable_id_still_lists_its_other_mistakes(tmp_path: Path) -> None:
    """Its relation and alias mistakes came to light only once the id was mended."""
    story = (
        "story: Story_Bad\nevents: {e: {}}\nquantities: {q: {}, r: {}}\n"
        "relations:\n  - q = r +\naliases:\n  Example Wire: [Wire]\n  Example Agency: [wire]\n"
    )
    (tmp_path / "story.yaml").write_text(story, encoding="utf-8")
    listed = [(p.code, p.location.line) for p in reconcile.load([tmp_path]).problems]
    assert listed == [("invalid-field", 1), ("invalid-relation", 5), ("alias-clash", 8)]


@pytest.mark.parametrize("content", ["", "\n", "  \r\n\t\n", " " * 5000, "\ufeff", "\ufeff\r\n"])
@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_an_empty_table_is_an_error_as_an_empty_yaml_file_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, suffix: str
) -> None:
    """A table cut short to nothing must not pass CI as a table of no claims."""
    monkeypatch.chdir(tmp_path)
    Path(f"claims{suffix}").write_text(content, encoding="utf-8")
    expected = {
        ".jsonl": "a JSON object of a claim's fields on each line",
        ".csv": "a header row naming the fields, then a row for each claim",
    }[suffix]
    assert problems(reconcile.load([Path(f"claims{suffix}")])) == [
        ("empty-file", f"claims{suffix}:1:1", f"the file has no content; expected {expected}")
    ]


def test_a_csv_table_of_a_header_alone_holds_no_claims_and_is_no_error(tmp_path: Path) -> None:
    table = tmp_path / "claims.csv"
    table.write_text("story,event,quantity,value,outlet\n", encoding="utf-8")
    corpus = reconcile.load([table])
    assert (corpus.claims, problems(corpus)) == ([], [])


STORY = "story: dup-test\nevents:\n  convoy: {}\nquantities:\n  buses.departed: {unit: buses}\n"


def test_a_key_given_twice_hides_no_other_mistake_of_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The claim with a key given twice is in doubt: listed, checked, not judged; the
    file's other claims are read as ever. Outside the claims, all of them are in doubt."""
    monkeypatch.chdir(tmp_path)
    Path("story.yaml").write_text(STORY, encoding="utf-8")
    claim = "  - event: {}\n    quantity: buses.departed\n    value: {}\n"
    Path("gazette.yaml").write_text(
        "source: {outlet: Example Gazette, url: 'https://gazette.example/1'}\nclaims:\n"
        + claim.format("convoy", '"17"\n    value: "18"')
        + claim.format("convoy", "lots")
        + claim.format("convoy", '"17"'),
        encoding="utf-8",
    )
    Path("wire.yaml").write_text(
        "source:\n  outlet: Example Wire\n  outlet: Example Post\nclaims:\n"
        + claim.format("convoy", '"17"\n    as_of: 2017-02-30')
        + claim.format("convoi", '"17"'),
        encoding="utf-8",
    )
    corpus = reconcile.load([Path(".")])
    found = problems(corpus)
    assert [(code, where) for code, where, _ in found] == [
        ("duplicate-key", "gazette.yaml:6:5"),
        ("invalid-value", "gazette.yaml:9:12"),
        ("duplicate-key", "wire.yaml:3:3"),
        ("invalid-date", "wire.yaml:8:12"),
        ("unknown-event", "wire.yaml:9:12"),
    ]
    assert found[0][2] == (
        "duplicate key 'value': it already appears on line 5; keep one of the two "
        "(this claim is not judged until then)"
    )
    assert found[2][2].endswith("(no claim of the file is judged until then)")
    assert [(c.report, c.line, c.value) for c in corpus.claims] == [("gazette.yaml", 12, "17")]


def test_a_story_yaml_with_a_key_given_twice_is_unusable_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("story.yaml").write_text(STORY + "events:\n  other: {}\n", encoding="utf-8")
    corpus = reconcile.load([Path("story.yaml")])
    assert [(code, where) for code, where, _ in problems(corpus)] == [
        ("duplicate-key", "story.yaml:6:1")
    ]


@pytest.mark.parametrize(
    ("published", "as_of", "over_time", "judged", "errors"),
    [
        ("2017-09-02", None, "cumulative", True, []),
        # its date unknown: not judged undated, where its date decides
        ("2017-13-02", None, "cumulative", False, ["invalid-date"]),
        ("2017-13-02", "2017-09-01", "cumulative", True, ["invalid-date"]),  # its own, read
        (None, "2017-13-02", "snapshot", False, ["invalid-date"]),
        # a fixed quantity's claims are judged whatever their dates: judged, the error said
        ("2017-13-02", None, "fixed", True, ["invalid-date"]),
        (None, "2017-13-02", "fixed", True, ["invalid-date"]),
    ],
)
def test_a_claim_whose_date_cannot_be_read_is_judged_only_where_its_date_does_not_count(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    published: str | None,
    as_of: str | None,
    over_time: str,
    judged: bool,
    errors: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    story = STORY.replace("{unit: buses}", f"{{unit: buses, over_time: {over_time}}}")
    Path("story.yaml").write_text(story, encoding="utf-8")
    report = "source:\n  outlet: Example Gazette\n  url: https://gazette.example/1\n"
    report += f"  published: {published}\n" if published else ""
    report += "claims:\n  - event: convoy\n    quantity: buses.departed\n    value: '17'\n"
    report += f"    as_of: {as_of}\n" if as_of else ""
    Path("gazette.yaml").write_text(report, encoding="utf-8")
    corpus = reconcile.load([Path(".")])
    assert len(corpus.claims) == int(judged)
    assert [code for code, _, _ in problems(corpus)] == errors


def test_a_row_with_an_unknown_field_still_has_its_value_and_dates_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One round of corrections, not three: the row's other mistakes are listed too,
    for a story of no story.yaml (its quantities counts) and for a declared one."""
    monkeypatch.chdir(tmp_path)
    Path("dup-test").mkdir()
    Path("dup-test/story.yaml").write_text(STORY, encoding="utf-8")
    row = (
        '{"story": "%s", "event": "convoy", "quantity": "buses.departed", "value": "%s",'
        ' "outlet": "Example Gazette", "published": "2017-02-30", "bogus": 1}\n'
    )
    Path("claims.jsonl").write_text(row % ("flat-only", "lots") + row % ("dup-test", "30-20"))
    corpus = reconcile.load([Path(".")])
    assert [(code, where) for code, where, _ in problems(corpus)] == [
        ("invalid-value", "claims.jsonl:1:82"),  # a JSON value's column: its opening quote
        ("invalid-date", "claims.jsonl:1:132"),
        ("unknown-field", "claims.jsonl:1:155"),
        ("invalid-value", "claims.jsonl:2:81"),
        ("invalid-date", "claims.jsonl:2:132"),
        ("unknown-field", "claims.jsonl:2:155"),
    ]


def problems_beside_story(folder: Path, claims: str) -> list[tuple[str, str, str]]:
    """The problems of the Gazette's report of ``claims`` (YAML items of its ``claims:``),
    beside STORY's story.yaml, in ``folder``, the working folder."""
    (folder / "story.yaml").write_text(STORY, encoding="utf-8")
    (folder / "gazette.yaml").write_text(
        "source: {outlet: Example Gazette, url: 'https://gazette.example/1'}\nclaims:\n" + claims,
        encoding="utf-8",
    )
    return problems(reconcile.load([Path(".")]))


def test_a_claim_with_an_unknown_field_still_has_its_date_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    claim = "  - event: convoy\n    quantity: buses.departed\n    value: '17'\n"
    found = problems_beside_story(tmp_path, claim + "    as_of: 2017-02-32\n    colour: red\n")
    assert [(code, where) for code, where, _ in found] == [
        ("invalid-date", "gazette.yaml:6:12"),
        ("unknown-field", "gazette.yaml:7:5"),
    ]


def test_an_unknown_event_hides_neither_the_value_nor_the_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quantity known, its value is read as its type; both names unknown, both said."""
    monkeypatch.chdir(tmp_path)
    found = problems_beside_story(
        tmp_path,
        "  - {event: convoyy, quantity: buses.departed, value: lots, as_of: 2017-14-01}\n"
        "  - {event: convoyy, quantity: buses.departd, value: '17'}\n",
    )
    assert [(code, where) for code, where, _ in found] == [
        ("unknown-event", "gazette.yaml:3:13"),
        ("invalid-value", "gazette.yaml:3:55"),
        ("invalid-date", "gazette.yaml:3:68"),
        ("unknown-event", "gazette.yaml:4:13"),
        ("unknown-quantity", "gazette.yaml:4:32"),
    ]
    assert found[1][2].startswith("cannot read 'lots' as a count")


def test_a_value_of_the_wrong_kind_hides_neither_the_event_nor_the_quantity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list where the value belongs, or no value at all: the claim's names are still
    checked, so that one round of corrections mends them all."""
    monkeypatch.chdir(tmp_path)
    found = problems_beside_story(
        tmp_path,
        "  - {event: convoy, quantity: buses.departd, value: [17]}\n"
        "  - {event: convoyy, quantity: buses.departed}\n",
    )
    assert [(code, where) for code, where, _ in found] == [
        ("unknown-quantity", "gazette.yaml:3:31"),
        ("invalid-field", "gazette.yaml:3:53"),
        ("invalid-field", "gazette.yaml:4:5"),
        ("unknown-event", "gazette.yaml:4:13"),
    ]


def load_json_report(folder: Path, text: str) -> Corpus:
    """The corpus of a JSON report, ``wire.json``, of ``text``, beside STORY's story.yaml,
    in ``folder``, the working folder."""
    (folder / "story.yaml").write_text(STORY, encoding="utf-8")
    (folder / "wire.json").write_text(text, encoding="utf-8")
    return reconcile.load([Path(".")])


def test_a_json_report_lists_a_key_given_twice_and_reads_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    claim = '{"event": "convoy", "quantity": "buses.departed", "value": %s}'
    corpus = load_json_report(
        tmp_path,
        '{"source": {"outlet": "Example Wire", "url": "https://wire.example/1"},\n'
        ' "claims": [\n  '
        + ",\n  ".join(claim % value for value in ('"17", "value": "18"', '"lots"', '"17"'))
        + "\n ]\n}\n",
    )
    assert [(code, where) for code, where, _ in problems(corpus)] == [
        ("duplicate-key", "wire.json:3:68"),
        ("invalid-value", "wire.json:4:62"),
    ]
    assert [(c.line, c.value) for c in corpus.claims] == [(5, "17")]


@pytest.mark.parametrize(
    ("source", "extra", "judged"),
    [
        ('{"outlet": "Example Wire", "title": NaN}', "", []),
        ('{"outlet": "Example Wire"}', ', "note": -Infinity', ["17"]),
    ],
    ids=["outside the claims", "in a claim"],
)
def test_a_json_constant_in_a_report_is_listed_and_the_file_read_on(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    source: str,
    extra: str,
    judged: list[str],
) -> None:
    """A NaN or Infinity leaves its claim (outside the claims: every claim) in doubt, as a
    key given twice does; the file's other mistakes are still listed."""
    monkeypatch.chdir(tmp_path)
    claim = '{"event": "convoy", "quantity": "buses.departed", "value": "%s"%s}'
    text = f'{{"source": {source}, "claims": [{claim % ("17", "")}, {claim % ("lots", extra)}]}}'
    corpus = load_json_report(tmp_path, text)
    constant = text.index("NaN" if "NaN" in text else "-Infinity")
    listed = [(code, where) for code, where, _ in problems(corpus) if code != "no-provenance"]
    assert set(listed) == {
        ("json-constant", f"wire.json:1:{constant + 1}"),
        ("invalid-value", f"wire.json:1:{text.index('lots')}"),  # 1-based: at the quote
    }
    assert [claim.value for claim in corpus.claims] == judged


def test_a_json_constant_as_a_value_is_said_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not also as the value 'NaN' that no type reads: one mistake, one error."""
    monkeypatch.chdir(tmp_path)
    claim = '{"event": "convoy", "quantity": "buses.departed", "value": NaN}'
    corpus = load_json_report(
        tmp_path, f'{{"source": {{"outlet": "Example Wire"}}, "claims": [{claim}]}}'
    )
    assert [code for code, _, _ in problems(corpus) if code != "no-provenance"] == ["json-constant"]


def test_a_json_constant_that_is_a_claim_itself_leaves_only_that_claim_in_doubt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    claim = '{"event": "convoy", "quantity": "buses.departed", "value": "18"}'
    corpus = load_json_report(
        tmp_path, f'{{"source": {{"outlet": "Example Wire"}}, "claims": [NaN, {claim}]}}'
    )
    messages = [message for code, _, message in problems(corpus) if code == "json-constant"]
    assert messages == [
        "NaN is not a JSON number; write the value as a string (this claim is not judged "
        "until then)"
    ]
    assert [claim.value for claim in corpus.claims] == ["18"]


def test_a_key_given_twice_is_listed_in_a_report_with_no_story_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("r.yaml").write_text(
        "source:\n  outlet: Example Wire\n  outlet: Example Post\nclaims: []\n", encoding="utf-8"
    )
    assert [(code, where) for code, where, _ in problems(reconcile.load([Path("r.yaml")]))] == [
        ("no-story", "r.yaml:1:1"),
        ("duplicate-key", "r.yaml:3:3"),
    ]


def test_a_value_is_read_by_its_quantity_s_unit_where_that_is_a_scale_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'5 m' is five metres of a level in m, five million of a count of people: values
    met before are not read again, but never across such quantities."""
    monkeypatch.chdir(tmp_path)
    Path("story.yaml").write_text(
        "story: s\nevents: {flood: {}}\nquantities:\n"
        "  level: {type: number, unit: m}\n  people: {unit: people}\n",
        encoding="utf-8",
    )
    Path("r.yaml").write_text(
        "source: {outlet: Example Post}\nclaims:\n"
        + "".join(f"  - {{event: flood, quantity: {q}, value: 5 m}}\n" for q in ("level", "people"))
        + "  - {event: flood, quantity: level, value: 5 m}\n",
        encoding="utf-8",
    )
    corpus = reconcile.load([Path(".")])
    assert [(c.quantity, c.interval) for c in corpus.claims] == [
        ("level", Interval(5, 5)),
        ("people", Interval(5_000_000, 5_000_000)),
        ("level", Interval(5, 5)),
    ]


def test_a_blank_outlet_is_an_error_at_its_place_in_every_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A blank outlet was an origin of its own, named ' ', in conflicts and agreements."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.csv").write_text(
        "story,event,quantity,value,outlet\nb-1,e,q,5,Example Times\nb-1,e,q,6, \n"
        "b-1,e,q,7,\u200b\n"  # nothing that shows
    )
    (tmp_path / "b.jsonl").write_text(
        '{"story": "b-2", "event": "e", "quantity": "q", "value": "6", "outlet": "\\u00a0"}\n'
        '{"story": "b-2", "event": "e", "quantity": "q", "value": "6", "outlet": "\\t "}\n'
        '{"story": "b-2", "event": "e", "quantity": "q", "value": "6", "outlet": "\u200b"}\n'
    )
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "story.yaml").write_text("story: b-3\nevents: {e: {}}\nquantities: {q: {}}\n")
    (tmp_path / "s" / "r.yaml").write_text(
        "source: {outlet: '  '}\nclaims:\n  - {event: e, quantity: q, value: '5'}\n"
    )
    corpus = reconcile.load([Path(".")])
    assert {(str(p.location), p.message) for p in corpus.problems} == {
        (place, "'outlet' is blank: name the outlet that published the report")
        for place in (
            *("a.csv:3:11", "a.csv:4:11", "b.jsonl:1:73", "b.jsonl:2:73", "b.jsonl:3:73"),
            "s/r.yaml:1:18",
        )
    }
    assert [claim.outlet for claim in corpus.claims] == ["Example Times"]


def test_an_empty_text_in_json_lines_is_a_field_not_given_as_an_empty_cell_is(
    tmp_path: Path,
) -> None:
    """A scraper writes "" where it found nothing: read as CSV's empty cell, not as a
    date that does not read, nor as one id two claims share."""
    row = (
        '{{"story": "e-1", "event": "e", "quantity": "q", "value": "{}", "outlet": "{}", '
        '"as_of": "", "published": "", "id": "", "url": "", "quote": "q"}}\n'
    )
    (tmp_path / "a.jsonl").write_text(row.format(5, "Example Times") + row.format(9, "Sample Wire"))
    (tmp_path / "b.csv").write_text(
        "story,event,quantity,value,outlet,as_of,published,id,url,quote\n"
        "e-2,e,q,5,Example Times,,,,,q\ne-2,e,q,9,Sample Wire,,,,,q\n"
    )
    report = reconcile.check([tmp_path])
    assert report.problems == []
    assert [(group.story, group.verdict) for group in report.groups] == [
        ("e-1", "conflict"),
        ("e-2", "conflict"),
    ]
    assert all(claim.date is None and claim.id is None for g in report.groups for claim in g.claims)


def test_the_fields_a_row_lacks_are_said_in_one_error(tmp_path: Path) -> None:
    """A spreadsheet's totals row lacks four fields: one error, not four."""
    (tmp_path / "a.csv").write_text(
        "story,event,quantity,value,outlet\ns-1,e,q,5,Example Wire\ns-1,,,,\n"
    )
    corpus = reconcile.load([tmp_path])
    assert [(p.location.line, p.location.column, p.message) for p in corpus.problems] == [
        (3, 5, "missing fields 'event', 'quantity', 'value' and 'outlet'")
    ]


def test_a_blank_outlet_hides_none_of_its_row_s_other_mistakes(tmp_path: Path) -> None:
    """Read plainly (an outlet of a zero-width space is plain JSON), the row still goes
    to the model, which lists all that is wrong with it."""
    (tmp_path / "story.yaml").write_text("story: s1\nevents: {e: {}}\nquantities: {q: {}}\n")
    (tmp_path / "b.jsonl").write_text(
        '{"story": "s1", "event": "e", "quantity": "q", "value": "lots", "outlet": "\u200b",'
        ' "published": "2017-13-45"}\n'
    )
    codes = sorted(problem.code for problem in reconcile.load([tmp_path]).problems)
    assert codes == ["invalid-date", "invalid-field", "invalid-value"]


def test_a_csv_row_of_blank_cells_is_passed_over_on_every_path(tmp_path: Path) -> None:
    rows = 's1,e,q,5,A,,\n"","","","","",,\n \xa0,,,,,,\ns1,e,q,6,B,,\n'
    (tmp_path / "quick.csv").write_text("story,event,quantity,value,outlet,,\n" + rows)
    (tmp_path / "slow.csv").write_text('"story",event,quantity,value,outlet,,\n' + rows)
    corpus = reconcile.load([tmp_path])
    assert corpus.problems == []
    assert sorted((Path(c.file).name, c.value) for c in corpus.claims) == [
        ("quick.csv", "5"),
        ("quick.csv", "6"),
        ("slow.csv", "5"),
        ("slow.csv", "6"),
    ]


def test_a_number_a_comma_cut_in_a_flow_mapping_is_said_to_want_quotes(tmp_path: Path) -> None:
    """``{value: nearly 2,000}``: YAML ends the field at the comma, and '000' is a field."""
    story = tmp_path / "s"
    story.mkdir()
    (story / "story.yaml").write_text("story: s\nevents: {flood: {}}\nquantities: {q: {}}\n")
    (story / "a.yaml").write_text(
        "source: {outlet: Example Gazette, url: 'https://example.org'}\n"
        "claims:\n  - {event: flood, quantity: q, value: nearly 2,000, quote: x}\n"
    )
    (problem,) = reconcile.check([story]).problems
    assert (problem.location.line, problem.code) == (3, "unknown-field")
    assert problem.message.startswith(
        "unknown field '000' (the end of a number? a comma inside {…} ends a field: put a "
        'value that holds one in quotes, as in value: "nearly 2,000"); accepted:'
    )


def test_a_vague_reading_written_high_then_low_is_said_to_be_the_other_way_round(
    tmp_path: Path,
) -> None:
    (tmp_path / "story.yaml").write_text(
        "story: s\nquantities: {q: {}}\nvague: {dozens: [99, 24], lots: [x, 5]}\n"
    )
    messages = [p.message for p in reconcile.check([tmp_path]).problems]
    assert messages[0].endswith("; 99 and 24 are the other way round")
    assert "other way round" not in messages[1]  # 'x' is no number at all
