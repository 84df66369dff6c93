"""The public surface: `import reconcile` gives the names people need."""

import subprocess
import sys

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


def test_importing_the_cli_does_not_load_the_library():
    heavy = ["pydantic", "reconcile.loading", "reconcile.reconciler", "ruamel.yaml", "tabulate"]
    code = f"import sys, reconcile.cli; print(sorted(m for m in sys.modules if m in {heavy!r}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def reconcile_example():
    from reconcile.example import example_path

    return example_path()
