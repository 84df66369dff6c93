"""The public surface: `import reconcile` gives the names people need."""

import gc
import subprocess
import sys
from pathlib import Path

import pytest

import reconcile


def test_all_is_sorted_and_complete():
    assert reconcile.__all__ == sorted(reconcile.__all__)
    for name in reconcile.__all__:
        assert getattr(reconcile, name) is not None


def test_unknown_name_is_an_attribute_error():
    try:
        reconcile.no_such_name  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:
        raise AssertionError("expected AttributeError")


def test_check_reads_and_reconciles_the_example_story():
    report = reconcile.check([reconcile_example()])
    assert report.problems == []
    assert report.claims_read == 13
    assert {group.verdict for group in report.groups} == {"single-source"}


def test_one_path_is_a_path_not_the_characters_of_its_name(monkeypatch):
    example = reconcile_example()
    monkeypatch.chdir(example.parent)  # a name of letters, not "/": read as one path each
    assert reconcile.check(example.name) == reconcile.check([example.name])
    assert reconcile.check(Path(example.name)).problems == []


def test_no_paths_at_all_is_a_value_error_not_an_all_clear():
    """An empty list (a glob that matched nothing) would read nothing and report no
    finding; the CLI, given no path, reads ./claims or the example instead."""
    for call in (reconcile.load, reconcile.check):
        for nothing in ([], (), iter([])):
            with pytest.raises(ValueError, match=r"^no paths given"):
                call(nothing)


def test_the_program_freezes_what_it_builds():
    """The program ends with its command: what it built may be frozen (the collector
    skips it), which the library never does."""
    code = (
        "import gc, sys\n"
        "freeze = gc.freeze\n"
        "def told():\n"
        "    print('frozen', file=sys.stderr, flush=True)\n"
        "    freeze()\n"
        "gc.freeze = told\n"
        "sys.argv = ['reconcile', 'check', sys.argv[1], '--format', 'json']\n"
        "from reconcile.cli import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(reconcile_example())], capture_output=True, text=True
    )
    assert "frozen" in done.stderr


def test_the_library_leaves_the_collector_of_its_caller_as_it_was():
    """Freezing the heap after building a corpus is for the program, which ends with its
    command: a program that imports the library would keep its own garbage for ever."""
    frozen = gc.get_freeze_count()
    reconcile.check([reconcile_example()])
    assert gc.get_freeze_count() == frozen
    assert gc.isenabled()


def test_importing_the_cli_does_not_load_the_library():
    heavy = ["pydantic", "reconcile.loading", "reconcile.reconciler", "ruamel.yaml", "tabulate"]
    code = f"import sys, reconcile.cli; print(sorted(m for m in sys.modules if m in {heavy!r}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def reconcile_example():
    from reconcile.example import example_path

    return example_path()


def test_the_installed_example_is_the_example_story_of_the_checkout() -> None:
    """``pip install .`` ships claims/ inside the package: the same files, byte for byte."""
    from reconcile.example import example_path

    checkout = Path(__file__).resolve().parent.parent / "claims"
    shipped = example_path()
    files = sorted(p.relative_to(checkout) for p in checkout.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(shipped) for p in shipped.rglob("*") if p.is_file())
    for name in files:
        assert (shipped / name).read_bytes() == (checkout / name).read_bytes()


def test_checking_a_plain_table_does_not_load_pydantic(tmp_path: Path) -> None:
    """Validating with pydantic is for records the quick reader cannot take as they are;
    a run over a plain table (the CLI's parsing too) should not pay for importing it."""
    table = tmp_path / "claims.jsonl"
    table.write_text(
        '{"story": "s", "event": "e", "quantity": "q", "value": "about 10",'
        ' "outlet": "Example Gazette", "published": "2024-01-02", "id": "c1"}\n',
        encoding="utf-8",
    )
    code = (
        "import sys\n"
        "from reconcile.cli import app\n"
        f"sys.argv = ['reconcile', 'check', {str(table)!r}, '--format', sys.argv[1]]\n"
        "try:\n"
        "    app()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'), file=sys.stderr)\n"
    )
    for format in ("json", "text"):
        run = subprocess.run([sys.executable, "-c", code, format], capture_output=True, text=True)
        assert run.stderr.strip().splitlines()[-1] == "[]", run.stderr
        assert "single-source" in run.stdout.replace("_", "-")  # the claim was judged
