"""A progress bar on stderr for work that takes more than a moment (tqdm, imported lazily).

Shown only when stderr is a terminal, and only after half a second, so a
quick run, a pipe or a log file never sees it.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any

__all__ = ["Progress"]

#: Seconds of work before the bar appears.
DELAY = 0.5


class Progress:
    """``with Progress(total, "reading") as bar: bar.update(n)``; a no-op off a terminal."""

    def __init__(self, total: int, what: str, unit: str = "line") -> None:
        self._bar: Any = None
        if _is_terminal():
            from tqdm import tqdm

            self._bar = tqdm(
                total=total, desc=what, unit=unit, file=sys.stderr, delay=DELAY, leave=False
            )

    def update(self, n: int) -> None:
        """Count `n` more units done."""
        if self._bar is not None:
            self._bar.update(n)

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.close()


def _is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stderr
        return False
