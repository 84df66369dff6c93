"""One call for the common case: read claim files and reconcile them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from reconcile.loading import load
from reconcile.reconciler import reconcile
from reconcile.report import Report


def check(paths: str | Path | Iterable[str | Path]) -> Report:
    """Load the claim files below ``paths`` (or the one path) and reconcile them."""
    return reconcile(load(paths))
