"""The benchmark: ``reconcile check ... --format json`` on generated corpora, against targets.

Each scenario runs ``python -m reconcile check PATH --format json`` in a fresh
process, output to a file, and measures its wall time and peak memory: the larger
of the largest process's maximum resident set (GNU ``/usr/bin/time``, else
``os.wait4``) and the peak sum over the process and the workers it forks (sampled
from /proc; see ``TreeMemory``). A
DuckDB query that does the same per-group agreement check, on intervals computed
beforehand (not timed), gives the reference the 1M-claim scenario is compared with.
Beside it, for scale: the query reading the intervals' CSV file, and DuckDB reading
the claims from the same JSON Lines file, checking each group and writing it with
its claims (``END_TO_END_QUERY``).

    pip install -e '.[bench]'
    python benchmarks/run.py                  # every scenario (generates corpora once)
    python benchmarks/run.py --only flat-100k,story-20k   # some scenarios only
    python benchmarks/run.py --repeat 3       # best of three runs

The package is byte-compiled first, as ``pip install`` compiles it, so that an
editable install under ``PYTHONDONTWRITEBYTECODE`` does not time compiling
reconcile's own sources on every run.

Corpora are generated, seeded, into ``--workdir`` (default: a folder in the
system temp dir) and reused by later runs.
"""

from __future__ import annotations

import argparse
import compileall
import csv
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

SEED = 2017
MB = 1024 * 1024


@dataclass(frozen=True)
class Scenario:
    name: str
    slug: str
    claims: int
    build: Callable[[Path], Path]  # generates the corpus below a folder; returns the path to check
    max_seconds: float | None = None
    max_mb: float | None = None
    min_rate: float | None = None  # claims per second
    duckdb: bool = False


@dataclass(frozen=True)
class Measure:
    seconds: float
    peak_mb: float
    exit_code: int

    def rate(self, claims: int) -> float:
        return claims / self.seconds if self.seconds else float("inf")


def scenarios(scale: float) -> list[Scenario]:
    def n(count: int) -> int:
        return max(10, int(count * scale))

    def flat(claims: int, groups: int, slug: str) -> Callable[[Path], Path]:
        return lambda dir: generate.write_flat(
            dir / slug / "claims.jsonl", claims=claims, groups=groups, seed=SEED
        )

    def group(over_time: str, slug: str) -> Callable[[Path], Path]:
        return lambda dir: generate.write_group(
            dir / slug, claims=n(100_000), seed=SEED, over_time=over_time
        )

    return [
        Scenario(
            "1M flat claims, ~100k groups",
            "flat-1m",
            n(1_000_000),
            flat(n(1_000_000), n(100_000), "flat-1m"),
            max_seconds=8,
            max_mb=2048,
            duckdb=True,
        ),
        Scenario(
            "100k flat claims, ~10k groups",
            "flat-100k",
            n(100_000),
            flat(n(100_000), n(10_000), "flat-100k"),
            max_seconds=1,
        ),
        Scenario(
            "one group of 100k claims (fixed)",
            "group-fixed",
            n(100_000),
            group("fixed", "group-fixed"),
            max_seconds=2,
        ),
        Scenario(
            "one group of 100k claims (cumulative)",
            "group-cumulative",
            n(100_000),
            group("cumulative", "group-cumulative"),
            max_seconds=2,
        ),
        Scenario(
            "one group of 100k claims (snapshot)",
            "group-snapshot",
            n(100_000),
            group("snapshot", "group-snapshot"),
            max_seconds=2,
        ),
        Scenario(
            "YAML story folder, 20k claims",
            "story-20k",
            n(20_000),
            lambda dir: generate.write_story(dir / "story-20k", claims=n(20_000), seed=SEED),
            min_rate=5_000,
        ),
    ]


# -- running reconcile ---------------------------------------------------------------------


def corpus(scenario: Scenario, workdir: Path) -> Path:
    """The scenario's corpus, generated on first use (a marker file says it is whole)."""
    done = workdir / f"{scenario.slug}.done"
    if done.exists():
        return Path(done.read_text(encoding="utf-8"))
    started = time.perf_counter()
    print(f"  generating {scenario.name} ...", file=sys.stderr, flush=True)
    path = scenario.build(workdir).relative_to(workdir)
    done.write_text(str(path), encoding="utf-8")
    print(f"  generated in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return path


def compile_reconcile() -> tuple[Path, bool]:
    """Byte-compile the reconcile package run by the benchmark (a no-op where it is;
    compileall writes even under PYTHONDONTWRITEBYTECODE); whether it is compiled."""
    import importlib.util

    spec = importlib.util.find_spec("reconcile")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("reconcile is not installed: pip install -e '.[bench]'")
    package = Path(next(iter(spec.submodule_search_locations)))
    return package, bool(compileall.compile_dir(package, quiet=1))


def run_check(path: Path, workdir: Path, output: Path) -> Measure:
    """One ``reconcile check PATH --format json`` in a fresh process."""
    command = [sys.executable, "-m", "reconcile", "check", str(path), "--format", "json"]
    memory = workdir / "peak-memory.txt"
    if GNU_TIME is not None:  # measures its own small child: the peak is reconcile's alone
        command = [GNU_TIME, "-f", "%M", "-o", str(memory), *command]
    with output.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=workdir, stdout=out, stderr=subprocess.PIPE)
        tree = TreeMemory(process.pid)
        tree.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        tree.stop()
    exit_code = os.waitstatus_to_exitcode(status)
    assert process.stderr is not None
    trouble = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    if exit_code not in (0, 1):
        sys.stderr.write(trouble)
    peak_kb = usage.ru_maxrss
    if GNU_TIME is not None:
        peak_kb = int(memory.read_text(encoding="utf-8").split()[-1])
    # The largest process alone, unless the whole tree (workers included) was seen larger.
    return Measure(seconds, max(peak_kb * 1024, tree.peak) / MB, exit_code)


# Without it, the peak is the child's maximum resident set from wait4, which counts the
# pages it shared with this (larger) process between fork and exec.
GNU_TIME = shutil.which("time", path="/usr/bin:/bin")


class TreeMemory(threading.Thread):
    """The peak memory of a process and all its descendants together (reconcile forks
    workers for large inputs), sampled every 50 ms: the sum of their resident sets.
    A page a forked worker still shares with its parent counts twice, so this errs
    high, never low; it is cheap to read (a proportional size makes the kernel walk
    every page, stealing time from the run measured). Linux only (it reads /proc);
    elsewhere the peak stays 0."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = pid
        self.peak = 0  # bytes
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            self.peak = max(self.peak, sum(map(_resident, _descendants(self.root))))

    def stop(self) -> None:
        self.done.set()
        self.join()


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else ():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, grown = {root}, True
    while grown:
        grown = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grown = True
    return sorted(tree)


def _resident(pid: int) -> int:
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * PAGE_BYTES


PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def best_of(runs: int, path: Path, workdir: Path, output: Path) -> Measure:
    measures = [run_check(path, workdir, output) for _ in range(runs)]
    return min(measures, key=lambda measure: measure.seconds)


# -- the DuckDB reference ------------------------------------------------------------------


def reference_tables(corpus_file: Path, workdir: Path, slug: str) -> tuple[Path, Path]:
    """The intervals computed beforehand (once; never timed), by reconcile's own
    ``read_value``: story, event, quantity, origin, low, high per claim of a flat table
    (the origin found as SPEC says; flat stories have no aliases), and value, low, high
    per distinct value (for the end-to-end job, which reads the claims themselves)."""
    claims_table = workdir / f"{slug}.intervals.csv"
    values_table = workdir / f"{slug}.values.csv"
    if claims_table.exists() and values_table.exists():
        return claims_table, values_table
    from reconcile.names import fold
    from reconcile.values import read_value

    def origin(record: dict[str, object]) -> str:
        attributed, cites = record.get("attributed_to"), record.get("cites") or []
        if isinstance(attributed, str) and attributed.strip():
            return fold(attributed)
        if isinstance(cites, list) and len({fold(str(name)) for name in cites}) == 1:
            return fold(str(cites[0]))
        return fold(str(record["outlet"]))

    ends: dict[str, tuple[object, object]] = {}
    with (
        corpus_file.open(encoding="utf-8") as lines,
        claims_table.open("w", newline="", encoding="utf-8") as out,
    ):
        writer = csv.writer(out)
        writer.writerow(("story", "event", "quantity", "origin", "low", "high"))
        for line in lines:
            record = json.loads(line)
            value = record["value"]
            if value not in ends:
                interval = read_value(value, "count").interval
                ends[value] = (_bound(interval.low), _bound(interval.high))
            row = (record["story"], record["event"], record["quantity"], origin(record))
            writer.writerow((*row, *ends[value]))
    with values_table.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(("value", "low", "high"))
        writer.writerows((value, *bounds) for value, bounds in ends.items())
    return claims_table, values_table


def _bound(value: object) -> object:
    return "" if value is None else float(value)  # type: ignore[arg-type]


AGREEMENT_QUERY = """
    SELECT story, event, quantity,
           count(*) AS claims,
           count(DISTINCT origin) AS origins,
           max(coalesce(low, '-inf'::DOUBLE)) <= min(coalesce(high, 'inf'::DOUBLE)) AS agrees
    FROM {source}
    GROUP BY story, event, quantity
    ORDER BY story, event, quantity
"""

# For scale, not for the target: DuckDB reading the claims themselves, giving each its
# interval (from the values read beforehand) and an origin (attributed_to, else the
# outlet: no folding of names, no cites), checking agreement per group (no cluster
# search, no findings) and writing each group with its claims as JSON Lines.
END_TO_END_QUERY = """
    COPY (
        WITH claims AS (
            SELECT row_number() OVER () AS line, *
            FROM read_json('{claims}', format = 'newline_delimited')
        )
        SELECT story, event, quantity,
               count(DISTINCT origin) AS origins,
               max(coalesce(low, '-inf'::DOUBLE)) <= min(coalesce(high, 'inf'::DOUBLE))
                   AS agrees,
               list(struct_pack(id, outlet, origin, value, low, high, as_of, line)
                    ORDER BY line) AS claims
        FROM (
            SELECT claims.*, low, high,
                   coalesce(nullif(trim(attributed_to), ''), outlet) AS origin
            FROM claims JOIN read_csv(
                '{values}', header = true,
                columns = {{'value': 'VARCHAR', 'low': 'DOUBLE', 'high': 'DOUBLE'}}
            ) USING (value)
        )
        GROUP BY story, event, quantity
        ORDER BY story, event, quantity
    ) TO '{output}' (FORMAT json)
"""


@dataclass(frozen=True)
class Reference:
    query: float  # seconds: the agreement query on intervals loaded beforehand (the target's)
    with_read: float  # seconds: the same query reading the interval table's CSV file
    end_to_end: float  # seconds: END_TO_END_QUERY
    groups: list[tuple[object, ...]]  # story, event, quantity, claims, origins, agrees


def duckdb_reference(corpus_file: Path, workdir: Path, slug: str, runs: int) -> Reference:
    """The best times of the DuckDB reference and of the jobs shown beside it."""
    import duckdb

    claims_table, values_table = reference_tables(corpus_file, workdir, slug)
    output = workdir / f"{slug}.duckdb.json"
    connection = duckdb.connect()
    source = f"read_csv('{claims_table.as_posix()}', header = true)"
    connection.execute(f"CREATE TABLE claims AS SELECT * FROM {source}")
    job = END_TO_END_QUERY.format(
        claims=corpus_file.as_posix(), values=values_table.as_posix(), output=output.as_posix()
    )
    query, with_read, end_to_end, groups = float("inf"), float("inf"), float("inf"), []
    try:
        for _ in range(runs):
            started = time.perf_counter()
            groups = connection.execute(AGREEMENT_QUERY.format(source="claims")).fetchall()
            query = min(query, time.perf_counter() - started)
            started = time.perf_counter()
            connection.execute(AGREEMENT_QUERY.format(source=source)).fetchall()
            with_read = min(with_read, time.perf_counter() - started)
            started = time.perf_counter()
            connection.execute(job)
            end_to_end = min(end_to_end, time.perf_counter() - started)
    finally:
        output.unlink(missing_ok=True)
    return Reference(query, with_read, end_to_end, groups)


# -- report ----------------------------------------------------------------------------------


def verdict(scenario: Scenario, measure: Measure) -> str:
    if measure.exit_code not in (0, 1):
        return f"FAILED (exit {measure.exit_code})"
    wanted, met = [], True
    if scenario.max_seconds is not None:
        wanted.append(f"≤ {scenario.max_seconds:g} s")
        met &= measure.seconds <= scenario.max_seconds
    if scenario.max_mb is not None:
        wanted.append(f"≤ {scenario.max_mb:,.0f} MB")
        met &= measure.peak_mb <= scenario.max_mb
    if scenario.min_rate is not None:
        wanted.append(f"≥ {scenario.min_rate:,.0f} claims/s")
        met &= measure.rate(scenario.claims) >= scenario.min_rate
    return f"target {' and '.join(wanted)}: {'met' if met else 'NOT MET'}"


def line(scenario: Scenario, measure: Measure) -> str:
    return (
        f"{scenario.name:<40} {scenario.claims:>9,} claims {measure.seconds:>7.2f} s "
        f"{measure.rate(scenario.claims):>9,.0f} claims/s {measure.peak_mb:>7,.0f} MB  "
        f"{verdict(scenario, measure)}"
    )


def _conflicts(output: Path) -> str:
    """The conflict count of reconcile's JSON report: its summary comes first."""
    with output.open(encoding="utf-8") as report:
        head = report.read(4096)
    found = re.search(r'"conflict": ([0-9]+)', head)
    return f"{int(found.group(1)):,}" if found else "?"


def compare_with_duckdb(
    scenario: Scenario, measure: Measure, workdir: Path, runs: int, output: Path
) -> None:
    try:
        import duckdb  # noqa: F401
    except ImportError:
        print("  duckdb reference skipped: pip install -e '.[bench]'")
        return
    corpus_file = workdir / corpus(scenario, workdir)
    reference = duckdb_reference(corpus_file, workdir, scenario.slug, runs)
    ratio = measure.seconds / reference.query
    status = "met" if ratio <= 6 else "NOT MET"
    disagreeing = sum(1 for *_, agrees in reference.groups if not agrees)
    print(
        f"  duckdb reference, {len(reference.groups):,} groups ({disagreeing:,} sharing no "
        f"value; reconcile: {_conflicts(output)} conflicts), intervals read beforehand: query "
        f"{reference.query:.3f} s; reconcile/duckdb = {ratio:.1f}× (target ≤ 6×): {status}"
    )
    print(
        f"  (the same query reading the interval CSV file: {reference.with_read:.3f} s, "
        f"{measure.seconds / reference.with_read:.1f}×; DuckDB reading the claims, checking "
        f"each group and writing it with its claims: {reference.end_to_end:.2f} s, "
        f"{measure.seconds / reference.end_to_end:.1f}×)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_workdir = Path(tempfile.gettempdir()) / "reconcile-benchmark"
    parser.add_argument("--workdir", type=Path, default=default_workdir)
    parser.add_argument(
        "--only", help="comma-separated scenario slugs (flat-1m, flat-100k, group-fixed ...)"
    )
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs")
    parser.add_argument("--scale", type=float, default=1.0, help="corpus sizes times this")
    parser.add_argument("--outputs", type=Path, help="keep each JSON output in this folder")
    args = parser.parse_args(argv)
    workdir = args.workdir.resolve() / f"scale-{args.scale:g}"
    workdir.mkdir(parents=True, exist_ok=True)
    outputs = args.outputs.resolve() if args.outputs else workdir / "outputs"
    outputs.mkdir(parents=True, exist_ok=True)
    package, compiled = compile_reconcile()
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, corpora in {workdir}")
    how = "byte-compiled" if compiled else "NOT byte-compiled: times include compiling it"
    print(f"reconcile from {package} ({how})")
    failed = False
    for scenario in scenarios(args.scale):
        if args.only and scenario.slug not in args.only.split(","):
            continue
        path, output = corpus(scenario, workdir), outputs / f"{scenario.slug}.json"
        measure = best_of(args.repeat, path, workdir, output)
        print(line(scenario, measure), flush=True)
        failed |= measure.exit_code not in (0, 1)
        if scenario.duckdb:
            compare_with_duckdb(scenario, measure, workdir, args.repeat, output)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
