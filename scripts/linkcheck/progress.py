"""A one-line progress bar on a terminal (stderr), redrawn at most ten times a second."""

from __future__ import annotations

import sys
import time
from collections import Counter


class Progress:
    def __init__(self, total: int, stream=None, width: int = 30):
        self.total = total
        self.stream = stream or sys.stderr
        self.width = width
        self.done = 0
        self.counts: Counter = Counter()
        self._drawn = 0.0

    def __call__(self, result) -> None:
        self.done += 1
        self.counts[result.outcome] += 1
        now = time.monotonic()
        if now - self._drawn >= 0.1 or self.done == self.total:
            self._drawn = now
            self.draw()

    def draw(self) -> None:
        filled = self.width * self.done // max(self.total, 1)
        tally = "  ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        self.stream.write(f"\r[{'#' * filled}{'-' * (self.width - filled)}] {self.done}/{self.total}  {tally}\033[K")
        self.stream.flush()

    def close(self) -> None:
        if self.done:
            self.stream.write("\n")
            self.stream.flush()
