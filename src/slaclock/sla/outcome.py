"""The first-response outcome vocabulary, and the codes columns use for it."""

from __future__ import annotations

from enum import Enum

from slaclock.sla.support import SupportLevel

__all__ = ["LEVELS", "STATES", "STATE_LABELS", "SlaState"]


class SlaState(str, Enum):
    """Where a ticket stands against its first-response target."""

    RUNNING = "running"
    PAUSED = "paused"
    MET = "met"
    BREACHED = "breached"
    NOT_ENTITLED = "not_entitled"
    HANDED_TO_VENDOR = "handed_to_vendor"


#: `StatusColumns.state` codes index this tuple.
STATES: tuple[SlaState, ...] = tuple(SlaState)
#: The text of each state code, as tables show it.
STATE_LABELS: tuple[str, ...] = tuple(s.value for s in STATES)
#: `StatusColumns.level` codes index this tuple.
LEVELS: tuple[SupportLevel, ...] = (SupportLevel.L1, SupportLevel.L2, SupportLevel.VENDOR)
