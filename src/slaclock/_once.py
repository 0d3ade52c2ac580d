"""Values made on first use: the built-in plan, hours and metrics.

`import slaclock` validates no model: the first validation in a process is where
pydantic builds its validators and looks for plugins (about 20 ms), and a service that
imports slaclock at start-up should not pay that before it needs it. A module exposes
such a value through `once` and a module `__getattr__` (PEP 562), so
``from slaclock import BASIC_PLAN`` still works and every access gives the same
object, in every thread.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from slaclock._fork_safe import ForkSafeLock

__all__ = ["on_first_use", "once"]

T = TypeVar("T")


#: The lock held while a value is made: one for all, re-entrant (a value may need
#: another, e.g. the plan its calendar), and new in a forked child, so a fork taken while
#: another thread made a value cannot leave the child waiting forever.
_GUARD = ForkSafeLock(threading.RLock)
os.register_at_fork(after_in_child=_GUARD.renew)


class _Once(Generic[T]):
    """`factory()`, made by the first call and returned by every call after it."""

    __slots__ = ("_box", "_factory")

    def __init__(self, factory: Callable[[], T]) -> None:
        self._factory = factory
        self._box: list[T] = []  # the value, once made

    def __call__(self) -> T:
        if not self._box:
            with _GUARD.lock:
                if not self._box:
                    self._box.append(self._factory())
        return self._box[0]


def once(factory: Callable[[], T]) -> Callable[[], T]:
    """`factory` as a function that makes its value once and then returns that object."""
    return _Once(factory)


def on_first_use(module: str, **values: Callable[[], object]) -> Callable[[str], object]:
    """A module `__getattr__` (PEP 562) that gives each name of `values` by calling its
    `once` function, and refuses any other name as Python would."""

    def __getattr__(name: str) -> object:
        made = values.get(name)
        if made is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        return made()

    return __getattr__
