"""Building a large corpus without the cyclic garbage collector in the way.

Loading a million claims allocates tens of millions of objects that all live to the
end of the run. Each time enough of them pile up, the collector walks every object it
tracks, again and again: a quarter of the loading time, for nothing, since claims form
no reference cycles. So it pauses while they are built, and what was built is then
frozen (``gc.freeze``): later collections skip it. Judging the groups does the same
with its results. Frozen objects are still freed when nothing refers to them any
more; only a reference cycle among them would be kept.

Freezing takes every object of the process, the caller's too: only the program, which
ends when its command does, asks for it (``FREEZE``). A program that imports the
library keeps its collector as it was, but for the pause while a corpus is built.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

FREEZE = False  # set by the program (``reconcile.cli.main``), never by the library


@contextmanager
def long_lived_objects() -> Iterator[None]:
    """Build objects that live to the end of the run, then, in the program, keep the
    collector off them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if FREEZE:
            gc.freeze()
        if enabled:
            gc.enable()
