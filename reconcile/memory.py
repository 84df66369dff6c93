"""Building a large corpus without the cyclic garbage collector in the way.

Loading a million claims allocates tens of millions of objects that all live to the
end of the run. Each time enough of them pile up, the collector walks every object it
tracks, again and again: a quarter of the loading time, for nothing, since claims form
no reference cycles. So it pauses while they are built, and what was built is then
frozen (``gc.freeze``): later collections skip it. Judging the groups does the same
with its results. Frozen objects are still freed when nothing refers to them any
more; only a reference cycle among them would be kept.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def long_lived_objects() -> Iterator[None]:
    """Build objects that live to the end of the run, then keep the collector off them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
