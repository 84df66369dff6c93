"""Which stories a worker process keeps, when stories are judged in parallel.

Stories share nothing: no group, relation, name or claim id reaches across two of
them. So each of ``count`` workers can read every input, keep the stories whose id
falls to it, and judge them on its own. What belongs to no story (a path that does
not exist, a line that is not JSON, a record with no story) falls to the first.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Share:
    """Worker ``index`` of ``count``: the stories it keeps. Those in ``placed`` fall to
    the worker it gives; the others by a hash of their id."""

    index: int
    count: int
    placed: Mapping[str, int] = field(default_factory=dict, compare=False)

    def keeps(self, story_id: object) -> bool:
        """Whether the story (or, given anything but a story id, what has none) is this
        worker's. The same id falls to the same worker in every run."""
        if not isinstance(story_id, str):
            return self.index == 0
        worker = self.placed.get(story_id)
        if worker is None:
            worker = zlib.crc32(story_id.encode("utf-8", "surrogatepass")) % self.count
        return worker == self.index


def shares(count: int, known: Iterable[str] = ()) -> list[Share]:
    """The shares of ``count`` workers. The stories ``known`` beforehand are dealt in
    turn, so that where there are only a few each worker gets some (by hash alone,
    three stories all fall to one of two workers one time in four)."""
    placed = {story: turn % count for turn, story in enumerate(sorted(set(known)))}
    return [Share(index, count, placed) for index in range(count)]


WHOLE = Share(0, 1)  # one worker keeps everything
