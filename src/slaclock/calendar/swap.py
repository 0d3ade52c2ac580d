"""The one lock under which calendars swap in newly built spans.

Spans are immutable; an engine builds new ones without a lock, then swaps its
tuple of spans with a compare-and-swap under this lock. A forked child gets a
fresh lock (`os.register_at_fork`), so a fork taken while another thread held it
cannot leave the child waiting forever.
"""

from __future__ import annotations

import os
import threading

from slaclock._fork_safe import ForkSafeLock

__all__ = ["SWAP", "SwapLock"]


class SwapLock(ForkSafeLock[threading.Lock]):
    """The lock held while a calendar swaps in new spans (never while building them).

    One for all calendars. A forked child gets a new one, so a fork taken while
    another thread held it cannot leave the child waiting forever.
    """

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(threading.Lock)


SWAP = SwapLock()
os.register_at_fork(after_in_child=SWAP.renew)
