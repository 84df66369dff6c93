"""Any input at all: a located problem or a result, never a crash.

Whatever bytes a claim file holds (a report in YAML or JSON, a table in JSON Lines
or CSV, beside a good story), ``reconcile check`` exits 0, 1 or 2, never 3, and the
good story's claims are still reported. Whatever text a value holds, ``read_value``
gives a reading or a ``ValueSyntaxError``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from reconcile import Reading, ValueSyntaxError, read_value
from reconcile.cli import app

runner = CliRunner()

GOOD = Path(__file__).parent / "data" / "hostile" / "good"
SEEDS = {
    ".yaml": (GOOD / "gazette.yaml").read_bytes().replace(b"gazette-", b"wire-"),
    ".json": json.dumps(
        {
            "source": {"outlet": "Example Wire", "url": "https://www.example.net/a"},
            "claims": [
                {"event": "convoy", "quantity": "buses.departed", "value": "about 17"},
                {"event": "convoy", "quantity": "people.total", "value": "600", "quote": "q"},
            ],
        },
        indent=1,
    ).encode(),
    ".jsonl": (
        b'{"story": "example-convoy", "event": "convoy", "quantity": "buses.departed", '
        b'"value": "17", "outlet": "Example Wire", "quote": "17 buses", "cites": ["A", "B"]}\n'
        b'{"story": "other-story", "event": "e", "quantity": "q", "value": "3", '
        b'"outlet": "Example Courier", "published": "2017-09"}\n'
    ),
    ".csv": (
        b"story,event,quantity,value,outlet,quote,cites,as_of\n"
        b'example-convoy,convoy,buses.departed,"1,700",Example Wire,"17 ""buses""\n'
        b'left",A;B,2017-09-01\n'
        b"other-story,e,q,at least 3,Example Courier,,,\n"
    ),
}
# Pieces of the syntaxes, so that mutations reach past the first byte of the parsers.
TOKENS = [
    b"\n", b"\r\n", b"\r", b"\t", b" ", b"  - ", b": ", b":", b",", b"-", b"#", b"'", b'"',
    b"[", b"]", b"{", b"}", b"&a ", b"*a", b"!!str ", b"!x ", b"---\n", b"...\n", b"%YAML 1.1\n",
    b"? ", b"|\n", b">-\n", b"<<: ", b"~", b"null", b"NaN", b"Infinity", b"1e999", b"\\u0000",
    b"\\ud800", b"\xef\xbb\xbf", b"\xff", b"\xc3", b"\xe2\x80\xae", b"\x00", b"\x1b[31m",
    b"value", b"claims", b"source", b"outlet", b"event", b"quantity", b"story", b"id",
    b"as_of", b"published", b"cites", b"about ", b"between 3 and ", b"2017-02-30", b"seventeen",
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` with a few bytes or tokens inserted, deleted or replaced."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        piece = draw(st.one_of(st.sampled_from(TOKENS), st.binary(min_size=1, max_size=4)))
        cut = draw(st.integers(0, 6))
        data[at : at + cut] = piece if draw(st.booleans()) else b""
    return bytes(data)


def any_bytes(suffix: str) -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=300),
        st.text(max_size=200).map(lambda text: text.encode("utf-8", "surrogatepass")),
        mutated(SEEDS[suffix]),
    )


@pytest.fixture(scope="module")
def story_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """A copy of the good story per suffix, where each example writes its file."""
    folders = {}
    for suffix in SEEDS:
        folder = tmp_path_factory.mktemp("fuzz") / "story"
        shutil.copytree(GOOD, folder)
        folders[suffix] = folder
    yield folders


def check_with(folder: Path, suffix: str, content: bytes) -> dict[str, object]:
    """``reconcile check --format json`` on the good story and one more file."""
    (folder / f"wire{suffix}").write_bytes(content)
    result = runner.invoke(app, ["check", str(folder), "--format", "json"])
    assert result.exit_code in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("suffix", list(SEEDS))
def test_any_bytes_in_a_claim_file_give_a_located_problem_or_claims(
    story_folders: dict[str, Path], suffix: str
) -> None:
    @FUZZ
    @given(content=any_bytes(suffix))
    def check_bytes(content: bytes) -> None:
        document = check_with(story_folders[suffix], suffix, content)
        summary = document["summary"]
        assert isinstance(summary, dict)
        assert summary["claims"] >= 2  # the good report, read whatever its neighbour holds
        assert summary["errors"] == len(document["errors"])  # type: ignore[arg-type]
        for error in document["errors"]:  # type: ignore[attr-defined]
            assert error["line"] >= 1 and error["column"] >= 1 and error["message"]

    check_bytes()


@pytest.mark.parametrize("suffix", [".yaml", ".csv"])
def test_any_bytes_render_in_the_terminal_report(
    story_folders: dict[str, Path], suffix: str
) -> None:
    @settings(FUZZ, max_examples=25)
    @given(content=any_bytes(suffix))
    def report_bytes(content: bytes) -> None:
        (story_folders[suffix] / f"wire{suffix}").write_bytes(content)
        result = runner.invoke(app, ["report", str(story_folders[suffix])])
        assert result.exit_code in (0, 2), result.stderr
        assert "Traceback" not in result.stderr
        assert "example-convoy" in result.stdout

    report_bytes()


# read_value ---------------------------------------------------------------------------

PIECES = st.one_of(
    st.sampled_from(["about ", "nearly ", "at least ", "more than ", "up to ", "fewer than "]),
    st.sampled_from(["between ", " and ", "from ", " to ", "-", "–", "+", "~", ">= ", "< "]),
    st.sampled_from(["1", "17", "1,200", "1,00,000", "1.5", "0.0", "-3", ".", ",", " "]),
    st.sampled_from(["seventeen", "twenty-one", "a dozen", "hundred", "one hundred and "]),
    st.sampled_from([" million", "m", "k", " bn", " thousand", " people", " buses"]),
    st.sampled_from(["several", "dozens", "scores", "hundreds", "tens of thousands", "none"]),
    st.sampled_from(["2017", "2017-08", "2017-08-26", "2017-02-30", "T12:30", "before ", "by "]),
)
VALUE_TEXTS = st.one_of(st.text(max_size=60), st.lists(PIECES, max_size=10).map("".join))
TOLERANCES = st.fractions(min_value=0, max_value=1, max_denominator=1000)
VAGUE = st.lists(
    st.tuples(
        st.sampled_from(["dozens", "several", "a few", "many", "scores"]),
        st.integers(0, 1000),
        st.integers(0, 1000),
    ).map(lambda word: (word[0], min(word[1:]), max(word[1:]))),
    max_size=3,
    unique_by=lambda word: word[0],
).map(lambda words: tuple(sorted(words)))


@settings(max_examples=300, deadline=None)
@given(
    VALUE_TEXTS,
    st.sampled_from(["count", "number", "date"]),
    TOLERANCES,
    VAGUE,
)
def test_any_value_with_any_story_settings_reads_or_fails_cleanly(
    text: str, kind: str, tolerance: Fraction, vague: tuple[tuple[str, int, int], ...]
) -> None:
    try:
        reading = read_value(text, kind, tolerance=tolerance, vague=vague)  # type: ignore[arg-type]
    except ValueSyntaxError as error:
        assert error.message
        return
    assert isinstance(reading, Reading)
    low, high = reading.interval.low, reading.interval.high
    assert low is None or high is None or low <= high
