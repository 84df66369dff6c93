"""Which stories a worker process keeps, when stories are judged in parallel.

Stories share nothing: no group, relation, name or claim id reaches across two of
them. So each of ``count`` workers can read every input, keep the stories whose id
falls to it, and judge them on its own. What belongs to no story (a path that does
not exist, a line that is not JSON, a record with no story) falls to the first.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Share:
    """Worker ``index`` of ``count``: the stories it keeps."""

    index: int
    count: int

    def keeps(self, story_id: object) -> bool:
        """Whether the story (or, given anything but a story id, what has none) is this
        worker's. The same id falls to the same worker in every run."""
        if not isinstance(story_id, str):
            return self.index == 0
        digest = zlib.crc32(story_id.encode("utf-8", "surrogatepass"))
        return digest % self.count == self.index


WHOLE = Share(0, 1)  # one worker keeps everything
