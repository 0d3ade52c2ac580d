"""A lock that a forked child gets anew.

A child process forked while another thread held a lock inherits it held, by a thread
that does not exist there, and would wait for it forever. The holder here is renewed
in the child (`os.register_at_fork`, by whoever creates it): the calendars' swap lock
(`calendar.swap`) and the lock under which built-in values are made (`_once`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["ForkSafeLock"]

L = TypeVar("L")


class ForkSafeLock(Generic[L]):
    """A lock (`lock`, made by `make`) that `renew` replaces, even while it is held."""

    __slots__ = ("lock", "make")

    def __init__(self, make: Callable[[], L]) -> None:
        self.make = make
        self.lock: L = make()

    def renew(self) -> None:
        """Replace the lock (in a freshly forked child)."""
        self.lock = self.make()
