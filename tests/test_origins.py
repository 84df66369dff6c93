"""Origins (SPEC "Words" and "Files"): who a claim really comes from, names folded
through aliases, and the one name each origin and outlet is shown by."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import reconcile
from reconcile.names import did_you_mean, fold


def claims(path: Path) -> list[tuple[str, str, str]]:
    corpus = reconcile.load([path])
    assert [str(problem) for problem in corpus.problems] == []
    return sorted(
        (claim.file.split("/")[-1], claim.outlet, claim.origin) for claim in corpus.claims
    )


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Example Wire", "example wire"),
        ("  The   Example\tWire ", "example wire"),
        ("the example wire", "example wire"),
        ("Theatre Weekly", "theatre weekly"),  # "the" only as a word of its own
        ("The", "the"),
        ("Example\u200b Wire\u00ad\u2060\ufeff", "example wire"),  # what cannot be seen
        ("Example Wire\U000e0041", "example wire"),  # a tag character
        ("Le Cafe\u0301", "le café"),  # the accent apart, as NFD writes it
        ("Ｅｘａｍｐｌｅ Wire", "example wire"),  # full-width letters
        ("\u200fThe Example Wire", "example wire"),  # a right-to-left mark before "the"
        ("Example Wire\ufe0f", "example wire"),  # a variation selector
        (
            "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f News",
            "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f news",
        ),
        ("\u0600 Example", "\u0600 example"),  # Arabic's number sign shows: it stays
        (
            "\u061c\u0627\u0644\u062c\u0632\u064a\u0631\u0629",
            "\u0627\u0644\u062c\u0632\u064a\u0631\u0629",
        ),  # Arabic letter mark
        ("Example\u3164 Wire", "example wire"),  # a Hangul filler
    ],
)
def test_names_fold_case_spaces_and_a_leading_the(written: str, folded: str) -> None:
    assert fold(written) == folded


def test_the_origin_of_a_claim(datadir: Path) -> None:
    assert claims(datadir / "origin-rule") == [
        # cites two different outlets: the origin is the outlet itself
        ("courier.yaml", "Example Courier", "Example Courier"),
        # cites one outlet: that outlet, unless the claim is attributed
        ("gazette.yaml", "Example Gazette", "Example Wire"),
        ("gazette.yaml", "Example Gazette", "Hezbollah"),  # an alias, shown by its key
        # cites two spellings of one outlet, and an attribution left blank
        ("herald.yaml", "Example Herald", "Example Wire"),
        ("herald.yaml", "Example Herald", "Example Wire"),
        # cites two names that one alias folds together: one origin
        ("post.yaml", "Example Post", "Operation Inherent Resolve"),
        # outlets fold through aliases too
        ("tribune.yaml", "Operation Inherent Resolve", "Operation Inherent Resolve"),
    ]


def test_origins_of_a_group_are_distinct(datadir: Path) -> None:
    (group,) = reconcile.check([datadir / "origin-rule"]).groups
    assert (group.verdict, group.origins) == (
        "agree",
        ("Example Courier", "Example Wire", "Hezbollah", "Operation Inherent Resolve"),
    )


def test_a_name_is_shown_as_most_claims_spell_it(datadir: Path) -> None:
    assert claims(datadir / "name-matching") == [
        # outlets: three spellings, two claims each: the smallest by code point
        ("courier.yaml", "Example Gazette", "Example Wire"),
        # origins: "The Example Ministry" is used by two claims, the others by one
        ("courier.yaml", "Example Gazette", "The Example Ministry"),
        ("gazette.yaml", "Example Gazette", "Example Wire"),  # "example wire": a tie
        ("gazette.yaml", "Example Gazette", "The Example Ministry"),
        ("post.yaml", "Example Gazette", "The Example Ministry"),
        ("post.yaml", "Example Gazette", "The Example Ministry"),
    ]


def test_one_name_is_shown_alike_as_outlet_and_as_origin(datadir: Path) -> None:
    """Spellings are counted over outlets and origins together: the wire's own report
    and the gazette's two attributions name it "Example Wire" in both columns."""
    assert claims(datadir / "outlet-and-origin") == [
        ("gazette.yaml", "Example Gazette", "Example Wire"),
        ("gazette.yaml", "Example Gazette", "Example Wire"),
        ("wire.yaml", "Example Wire", "Example Wire"),
    ]


def test_a_spelling_is_counted_once_for_each_claim_that_uses_it(datadir: Path) -> None:
    """Three claims name "example wire" as their outlet; two name "Example Wire", as
    outlet and, being their own origin, as origin too: still two claims, not four."""
    assert claims(datadir / "counted-by-claims") == [
        ("herald.yaml", "example wire", "Example Herald"),
        ("herald.yaml", "example wire", "Example Herald"),
        ("herald.yaml", "example wire", "Example Herald"),
        ("wire.yaml", "example wire", "example wire"),
        ("wire.yaml", "example wire", "example wire"),
    ]


def test_a_name_under_two_alias_keys_is_an_input_error(
    datadir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Which origin "the wire" is cannot depend on the order of the aliases: the first
    key keeps it, and each later listing is a located error."""
    monkeypatch.chdir(datadir)
    corpus = reconcile.load([Path("alias-clash")])
    assert [(p.code, str(p.location)) for p in corpus.problems] == [
        ("alias-clash", "alias-clash/story.yaml:8:18"),
        ("alias-clash", "alias-clash/story.yaml:9:17"),
    ]
    assert corpus.problems[0].message.startswith(
        "'the  wire' is an alias of 'Example Wire' already, so it cannot be one of "
        "'Wire Service' too"
    )
    assert [claim.origin for claim in corpus.claims] == ["Example Wire"]


def test_an_alias_key_listed_under_another_key_is_said_to_be_a_key() -> None:
    from reconcile.origins import alias_table

    _, (clash,) = alias_table({"Health Ministry": [], "Example Wire": ["health ministry"]})
    assert clash.message.startswith(
        "'health ministry' is an alias key already, so it cannot be an alias of 'Example Wire'"
    )


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("buses.departd", "; did you mean 'buses.departed'?"),
        ("killed", "; did you mean 'fighters.killed' or 'people.killed'?"),
        ("departed", "; did you mean 'buses.departed'?"),
        ("helicopters", ""),
        ("date", ""),  # a part of too many names to say which
        ("ceasefire", "; did you mean 'ceasefire.date'?"),
    ],
)
def test_did_you_mean_knows_a_part_of_a_dotted_name(name: str, hint: str) -> None:
    choices = [
        "buses.departed",
        "fighters.killed",
        "people.killed",
        "ceasefire.date",
        "departure.date",
        "agreement.date",
        "convoy.date",
    ]
    assert did_you_mean(name, choices) == hint


def test_an_alias_key_that_is_another_keys_alias_names_that_alias() -> None:
    from reconcile.origins import alias_table

    _, clashes = alias_table(
        {"Example Ministry": ["the ministry"], "Ministry": ["Agency"], "MINISTRY OF X": []}
    )
    assert [clash.message.split(" (names")[0] for clash in clashes] == [
        "alias key 'Ministry' is the same name as 'the ministry', an alias of 'Example Ministry'"
    ]
    _, clashes = alias_table({"Example Ministry": [], "example  ministry": []})
    assert clashes[0].message.startswith(
        "alias key 'example  ministry' is the same name as 'Example Ministry' (names"
    )


def test_a_part_of_too_many_names_falls_back_to_the_nearest_spelling() -> None:
    choices = ["a.buses", "b.buses", "c.buses", "d.buses", "busses"]
    assert did_you_mean("buses", choices) == "; did you mean 'busses'?"
    # nor one of the too many picked as the nearest spelling
    assert did_you_mean("killed", ["a.killed", "b.killed", "c.killed", "d.killed"]) == ""


def test_spellings_that_look_the_same_are_one_origin(tmp_path: Path) -> None:
    """A zero-width space or a decomposed accent must not make a second source that
    no reader could see: the group stays single-source."""
    names = ["Example Wire", "Example\u200b Wire", "Le Caf\u00e9", "Le Cafe\u0301"]
    lines = [
        json.dumps(
            {
                "story": "s",
                "event": "e",
                "quantity": f"q{n // 2}",
                "value": "17",
                "outlet": name,
                "url": f"https://example.org/{n}",
            }
        )
        for n, name in enumerate(names)
    ]
    (tmp_path / "claims.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = reconcile.check([tmp_path])
    assert [(g.verdict, len(g.origins)) for g in report.groups] == [("single-source", 1)] * 2


def test_flags_of_scotland_and_wales_are_two_names() -> None:
    scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    wales = "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"
    assert fold(f"{scotland} News") != fold(f"{wales} News")


def test_an_attribution_of_nothing_that_shows_is_none(tmp_path: Path) -> None:
    record = {"story": "s", "event": "e", "quantity": "q", "value": "17"}
    record |= {"outlet": "Example Wire", "attributed_to": "\u200b", "url": "https://w.example"}
    (tmp_path / "claims.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (group,) = reconcile.check([tmp_path]).groups
    assert group.origins == ("Example Wire",)


def test_an_alias_clash_shows_what_does_not_show() -> None:
    from reconcile.origins import alias_table

    _, clashes = alias_table({"Le Café": ["LC"], "Le Cafe\u0301": ["Cafe"]})
    assert clashes[0].message == (
        "alias key 'Le Cafe\\u0301' is the same name as 'Le Café' (names are matched "
        "ignoring case, spaces, a leading 'the' and what does not show); merge the two lists"
    )


def test_an_alias_clash_escapes_only_what_does_not_show() -> None:
    from reconcile.origins import alias_table

    hindi = "\u0939\u093f\u0928\u094d\u0926\u0940 News"  # a virama: it shows, as written
    _, clashes = alias_table({hindi: [], f"{hindi}\u3164": []})
    assert clashes[0].message.startswith(
        f"alias key '{hindi}\\u3164' is the same name as '{hindi}' (names"
    )


def test_cites_of_nothing_that_shows_are_none(tmp_path: Path) -> None:
    lines = [
        {
            "story": "s",
            "event": "e",
            "quantity": "q",
            "value": "17",
            "outlet": outlet,
            "cites": "\u200b",
            "url": "https://example.org/1",
        }
        for outlet in ("Example Wire", "Example Post")
    ]
    (tmp_path / "claims.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    (group,) = reconcile.check([tmp_path]).groups
    assert (group.verdict, group.origins) == ("agree", ("Example Post", "Example Wire"))


def test_a_name_written_with_stray_spaces_is_shown_only_where_no_other_spelling_is(
    tmp_path: Path,
) -> None:
    """Ties go to the smallest by code point, and a leading space sorts first: the
    padded spelling named the origin in every output."""
    attributions = ["  THE   sample   ministry ", "Sample Ministry", "sample ministry"]
    lines = [
        json.dumps(
            {
                "story": "s",
                "event": "e",
                "quantity": "deaths",
                "value": "10",
                "outlet": f"Example Outlet {number}",
                "attributed_to": name,
                "quote": "10 died",
            }
        )
        for number, name in enumerate(attributions)
    ]
    (tmp_path / "claims.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert {origin for *_, origin in claims(tmp_path)} == {"Sample Ministry"}
