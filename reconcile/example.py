"""The example story shipped with the package: the default input."""

from __future__ import annotations

from pathlib import Path


def example_path() -> Path:
    packaged = Path(__file__).with_name("example")
    if packaged.is_dir():
        return packaged
    # A source checkout installed in editable mode: the story lives in ./claims.
    return Path(__file__).resolve().parent.parent / "claims"


def default_paths() -> list[Path]:
    """``./claims`` where it exists, else the example story."""
    here = Path("claims")
    return [here] if here.is_dir() else [example_path()]
