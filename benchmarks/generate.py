"""Synthetic claim corpora for the benchmark: seeded, so one seed gives one corpus.

Three shapes, each valid input for ``reconcile``:

- ``flat``: a JSON Lines (or CSV) table of claims over many stories, events and
  quantities, met only in the table (so every quantity is a ``count``);
- ``group``: one group of many claims, with a ``story.yaml`` that declares its
  quantity (``fixed``, ``cumulative`` or ``snapshot``);
- ``story``: a story folder of YAML reports and a ``story.yaml`` with counts,
  numbers, dates, running totals, snapshots, relations, aliases and a vague table.

Values are written the way outlets write them: ``640``, ``1,200``, ``seventeen``,
``about 600``, ``at least 40``, ``more than 12``, ``nearly 500``, ``up to 30``,
``10-20``, ``between 10 and 20``, ``dozens``, ``1.2 million``. Some groups conflict;
origins come from ``attributed_to`` and ``cites`` as well as from the outlet. Every
name is invented ("Example Outlet 17").

    python benchmarks/generate.py flat OUT.jsonl --claims 100000 --groups 10000
    python benchmarks/generate.py group OUT_FOLDER --claims 100000 --over-time cumulative
    python benchmarks/generate.py story OUT_FOLDER --claims 20000
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

FLAT_FIELDS = (
    "story",
    "event",
    "quantity",
    "value",
    "outlet",
    "url",
    "published",
    "cites",
    "attributed_to",
    "as_of",
    "quote",
    "id",
    "unit",
)
_QUANTITY_STEMS = (
    "people.total",
    "people.fighters",
    "people.civilians",
    "buses.departed",
    "buses.stranded",
    "trucks.aid",
    "homes.destroyed",
    "people.displaced",
    "people.injured",
    "people.arrested",
)
_ONES = [
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_VAGUE = (
    ("several", 3, 9),
    ("dozens", 24, 99),
    ("hundreds", 200, 999),
    ("thousands", 2_000, 9_999),
    ("tens of thousands", 20_000, 99_999),
)


def number_words(value: int) -> str:
    """English words for 0..999: ``seventeen``, ``one hundred and fifty-four``."""
    if value < 20:
        return _ONES[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(value, 100)
    head = f"{_ONES[hundreds]} hundred"
    return head + (f" and {number_words(rest)}" if rest else "")


def _round_figure(value: int) -> int:
    """The figure an outlet rounds to: two significant digits."""
    if value < 100:
        return value
    step: int = 10 ** (len(str(value)) - 2)
    return max(step, round(value / step) * step)


def _grouped(value: int) -> str:
    return f"{value:,}"


class Writer:
    """Writes the values and provenance of claims, from one seeded random source."""

    def __init__(self, seed: int, outlets: int = 400, agencies: int = 60) -> None:
        self.random = random.Random(seed)
        self.outlets = [f"Example Outlet {n}" for n in range(1, outlets + 1)]
        self.agencies = [f"Example Agency {n}" for n in range(1, agencies + 1)]

    def truth(self) -> int:
        """A true figure, log-uniform between 3 and 200,000."""
        return int(math.exp(self.random.uniform(math.log(3), math.log(200_000))))

    def value(self, truth: int, *, hedged: bool = True) -> str:
        """One outlet's way of writing ``truth`` (or a figure near it)."""
        if not hedged:
            return str(truth)
        pick = self.random.random()
        rounded = _round_figure(truth)
        if pick < 0.22:
            return str(truth)
        if pick < 0.30:
            return _grouped(truth) + self.random.choice(("", " people", ""))
        if pick < 0.36 and truth < 1000:
            return number_words(truth)
        if pick < 0.50:
            return f"{self.random.choice(('about', 'around', 'some', 'roughly'))} {rounded}"
        if pick < 0.56:
            return f"at least {_round_figure(truth * 9 // 10)}"
        if pick < 0.62:
            return f"more than {_round_figure(truth * 8 // 10)}"
        if pick < 0.67:
            return f"nearly {_round_figure(truth * 21 // 20 + 1)}"
        if pick < 0.72:
            return f"up to {_round_figure(truth * 6 // 5 + 1)}"
        if pick < 0.82:
            return self._range(truth)
        if pick < 0.88:
            return self._vague(truth) or str(truth)
        if pick < 0.92 and truth >= 10_000:
            return f"about {round(truth / 1000)}k"
        return f"about {_grouped(rounded)}"

    def _range(self, truth: int) -> str:
        low = _round_figure(truth * 4 // 5)
        high = max(low, _round_figure(truth * 6 // 5 + 1))
        if self.random.random() < 0.5:
            return f"{low}-{high}"
        return f"between {_grouped(low)} and {_grouped(high)}"

    @staticmethod
    def _vague(truth: int) -> str | None:
        for word, low, high in _VAGUE:
            if low <= truth <= high:
                return word
        return None

    def conflicting(self, truth: int) -> str:
        """A figure far from the truth: a conflict in the making."""
        return str(max(0, truth * self.random.choice((2, 3)) + self.random.randint(1, 9)))

    def source(self) -> dict[str, object]:
        """Who writes a claim: an outlet, and perhaps whom it cites or attributes it to."""
        outlet = self.random.choice(self.outlets)
        row: dict[str, object] = {"outlet": self._spelling(outlet)}
        pick = self.random.random()
        if pick < 0.25:
            row["attributed_to"] = self.random.choice(self.agencies)
        elif pick < 0.45:
            row["cites"] = [self.random.choice(self.outlets)]
        elif pick < 0.50:
            row["cites"] = self.random.sample(self.outlets, 2)
        return row

    def _spelling(self, name: str) -> str:
        pick = self.random.random()
        if pick < 0.02:
            return f"The {name}"
        if pick < 0.03:
            return name.lower()
        return name

    def day(self, month: int = 8) -> str:
        return f"2017-{month:02d}-{self.random.randint(1, 28):02d}"

    def provenance(self, outlet: str, day: str, value: str, serial: int) -> dict[str, object]:
        """A url and a quote, or one of them, or (rarely) neither."""
        row: dict[str, object] = {}
        pick = self.random.random()
        slug = outlet.lower().replace(" ", "-")
        if pick < 0.95:
            row["url"] = f"https://www.example.org/{slug}/{day.replace('-', '/')}/{serial}"
        if pick > 0.6:
            row["quote"] = f"officials said {value} had been counted"
        return row


# -- flat tables -------------------------------------------------------------------------


@dataclass(frozen=True)
class _GroupPlan:
    story: str
    event: str
    quantity: str
    truth: int
    conflict: bool
    size: int


def _plans(writer: Writer, claims: int, groups: int) -> Iterator[_GroupPlan]:
    """Groups whose sizes add up to ``claims``: a few large, most small."""
    groups = max(1, min(groups, claims))
    stories = max(1, groups // 1000)
    events = 20
    base, extra = divmod(claims, groups)
    for index in range(groups):
        story = f"story-{index % stories + 1}"
        slot = index // stories
        event = f"event_{slot % events + 1}"
        stem = _QUANTITY_STEMS[(slot // events) % len(_QUANTITY_STEMS)]
        quantity = f"{stem}{'' if slot < 200 else f'.n{slot // 200}'}"
        size = base + (1 if index < extra else 0)
        conflict = writer.random.random() < 0.08
        yield _GroupPlan(story, event, quantity, writer.truth(), conflict, size)


def flat_records(seed: int, claims: int, groups: int) -> Iterator[dict[str, object]]:
    """The records of a flat table, one claim each, group by group."""
    writer = Writer(seed)
    serial = 0
    for plan in _plans(writer, claims, groups):
        agree = writer.random.random() < 0.1
        for index in range(plan.size):
            serial += 1
            yield _flat_record(writer, plan, index, serial, agree=agree)


def _flat_record(
    writer: Writer, plan: _GroupPlan, index: int, serial: int, *, agree: bool
) -> dict[str, object]:
    odd_one_out = plan.conflict and index == plan.size - 1 and plan.size > 1
    value = writer.conflicting(plan.truth) if odd_one_out else None
    value = value or writer.value(plan.truth, hedged=not agree)
    source = writer.source()
    day = writer.day()
    record: dict[str, object] = {
        "story": plan.story,
        "event": plan.event,
        "quantity": plan.quantity,
        "value": value,
        **source,
        "published": day,
        **writer.provenance(str(source["outlet"]), day, value, serial),
    }
    if writer.random.random() < 0.5:
        record["id"] = f"c{serial}"
    if writer.random.random() < 0.2:
        record["as_of"] = writer.day()
    return record


def write_flat(path: Path, *, claims: int, groups: int, seed: int) -> Path:
    """A ``.jsonl`` or ``.csv`` table of ``claims`` claims in about ``groups`` groups."""
    path.parent.mkdir(parents=True, exist_ok=True)
    records = flat_records(seed, claims, groups)
    with path.open("w", encoding="utf-8", newline="") as out:
        if path.suffix == ".csv":
            _write_csv(out, records)
        else:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _write_csv(out: TextIO, records: Iterator[dict[str, object]]) -> None:
    writer = csv.DictWriter(out, fieldnames=FLAT_FIELDS)
    writer.writeheader()
    for record in records:
        cites = record.get("cites")
        if isinstance(cites, list):
            record["cites"] = ";".join(cites)
        writer.writerow(record)


# -- one large group ---------------------------------------------------------------------


def write_group(folder: Path, *, claims: int, seed: int, over_time: str = "fixed") -> Path:
    """One group of ``claims`` claims in a flat table, with a story.yaml declaring it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.yaml").write_text(
        "story: one-group\n"
        "events:\n  convoy: {}\n"
        f"quantities:\n  people.total: {{unit: people, over_time: {over_time}}}\n",
        encoding="utf-8",
    )
    writer = Writer(seed, outlets=5_000, agencies=500)
    truth = 6_000
    with (folder / "claims.jsonl").open("w", encoding="utf-8") as out:
        for serial in range(1, claims + 1):
            record = _group_record(writer, truth, serial, claims, over_time)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return folder


def _group_record(
    writer: Writer, truth: int, serial: int, claims: int, over_time: str
) -> dict[str, object]:
    day = writer.day(month=8 + serial * 4 // claims)
    figure = truth
    if over_time == "cumulative":
        figure = truth * (1 + serial * 4 // claims)  # a running total that rises
    odd_one_out = serial % 997 == 0 or serial == claims // 2
    value = writer.conflicting(figure) if odd_one_out else writer.value(figure)
    source = writer.source()
    return {
        "story": "one-group",
        "event": "convoy",
        "quantity": "people.total",
        "value": value,
        **source,
        "published": day,
        **writer.provenance(str(source["outlet"]), day, value, serial),
        "id": f"c{serial}",
    }


# -- a story folder of YAML reports ------------------------------------------------------

_STORY_QUANTITIES = {
    "people.total": "{unit: people}",
    "people.fighters": "{unit: people}",
    "people.civilians": "{unit: people}",
    "buses.departed": "{unit: buses}",
    "buses.stranded": "{unit: buses}",
    "buses.returned": "{unit: buses}",
    "fighters.killed": "{unit: people, over_time: cumulative}",
    "people.in_hospital": "{unit: people, over_time: snapshot}",
    "distance.km": "{type: number, unit: km}",
    "ceasefire.date": "{type: date}",
}
_RELATIONS = (
    "people.total = people.fighters + people.civilians",
    "buses.departed = buses.stranded + buses.returned",
)


def write_story(folder: Path, *, claims: int, seed: int, events: int = 40) -> Path:
    """A story folder: a story.yaml and YAML reports of about 10 claims each."""
    folder.mkdir(parents=True, exist_ok=True)
    writer = Writer(seed, outlets=300, agencies=40)
    (folder / "story.yaml").write_text(_story_yaml(writer, events), encoding="utf-8")
    truths = _story_truths(writer, events)
    written, report = 0, 0
    while written < claims:
        report += 1
        count = min(claims - written, writer.random.randint(5, 15))
        text = _report_yaml(writer, truths, report, count, written)
        (folder / f"report-{report:05d}.yaml").write_text(text, encoding="utf-8")
        written += count
    return folder


def _story_yaml(writer: Writer, events: int) -> str:
    lines = ["story: benchmark-story", "title: A synthetic story for the benchmark", "events:"]
    lines += [f"  event_{n}: {{title: Event {n}}}" for n in range(1, events + 1)]
    lines.append("quantities:")
    lines += [f"  {name}: {spec}" for name, spec in _STORY_QUANTITIES.items()]
    lines.append("relations:")
    lines += [f"  - {relation}" for relation in _RELATIONS]
    lines.append("aliases:")
    for agency in writer.agencies[:10]:
        lines.append(f"  {agency}: [{agency} statement, {agency}'s media office]")
    lines += ["vague:", "  dozens: [24, 99]", "  scores: [40, 120]"]
    return "\n".join(lines) + "\n"


def _story_truths(writer: Writer, events: int) -> dict[tuple[str, str], int]:
    truths: dict[tuple[str, str], int] = {}
    for n in range(1, events + 1):
        fighters, civilians = writer.truth() // 10 + 1, writer.truth() // 10 + 1
        stranded, returned = writer.random.randint(1, 40), writer.random.randint(0, 20)
        event = f"event_{n}"
        truths.update(
            {
                (event, "people.fighters"): fighters,
                (event, "people.civilians"): civilians,
                (event, "people.total"): fighters + civilians,
                (event, "buses.stranded"): stranded,
                (event, "buses.returned"): returned,
                (event, "buses.departed"): stranded + returned,
                (event, "fighters.killed"): writer.random.randint(5, 500),
                (event, "people.in_hospital"): writer.random.randint(5, 300),
                (event, "distance.km"): writer.random.randint(10, 900),
                (event, "ceasefire.date"): writer.random.randint(1, 28),
            }
        )
    return truths


def _report_yaml(
    writer: Writer, truths: dict[tuple[str, str], int], report: int, count: int, first: int
) -> str:
    source = writer.source()
    month = writer.random.choice((8, 9))
    day = writer.day(month)
    lines = ["source:", f"  outlet: {source['outlet']}", f"  published: {day}"]
    if writer.random.random() < 0.9:
        lines.append(f"  url: https://www.example.org/reports/{report}")
    if "cites" in source:
        lines.append(f"  cites: [{', '.join(source['cites'])}]")  # type: ignore[arg-type]
    lines.append("claims:")
    event = f"event_{writer.random.randint(1, len(truths) // len(_STORY_QUANTITIES))}"
    for serial in range(first + 1, first + count + 1):
        lines += _story_claim(writer, truths, event, day, serial)
    return "\n".join(lines) + "\n"


def _story_claim(
    writer: Writer, truths: dict[tuple[str, str], int], event: str, day: str, serial: int
) -> list[str]:
    quantity = writer.random.choice(list(_STORY_QUANTITIES))
    value = _story_value(writer, quantity, truths[(event, quantity)], day)
    lines = [
        f"  - id: claim-{serial}",
        f"    event: {event}",
        f"    quantity: {quantity}",
        f"    value: {json.dumps(value)}",
    ]
    pick = writer.random.random()
    if pick < 0.3:
        agency = writer.random.choice(writer.agencies)
        lines.append(f"    attributed_to: {writer.random.choice((agency, f'{agency} statement'))}")
    if quantity == "people.in_hospital" or pick > 0.8:
        lines.append(f"    as_of: {writer.day(8)}")
    if writer.random.random() < 0.7:
        lines.append(f"    quote: {json.dumps(f'a figure of {value} was given')}")
    return lines


def _story_value(writer: Writer, quantity: str, truth: int, day: str) -> str:
    if quantity == "ceasefire.date":
        return f"2017-08-{truth:02d}" if writer.random.random() < 0.9 else "2017-08"
    if quantity == "fighters.killed":
        truth = truth * int(day[-2:]) // 10 + 1  # rises with the date of the report
    if writer.random.random() < 0.05:
        return writer.conflicting(truth)
    return writer.value(truth)


# -- command line ------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shape", choices=("flat", "group", "story"))
    parser.add_argument("out", type=Path, help="a .jsonl/.csv file (flat) or a folder")
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--groups", type=int, default=1_000, help="flat only")
    parser.add_argument("--over-time", default="fixed", choices=("fixed", "cumulative", "snapshot"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.shape == "flat":
        write_flat(args.out, claims=args.claims, groups=args.groups, seed=args.seed)
    elif args.shape == "group":
        write_group(args.out, claims=args.claims, seed=args.seed, over_time=args.over_time)
    else:
        write_story(args.out, claims=args.claims, seed=args.seed)


if __name__ == "__main__":
    main()
