"""Any helpdesk's tickets, status history and comments in the plain layout (Jira Service
Management, ServiceNow, Freshdesk exports map onto it): `load` (see docs/helpdesks.md)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from slaclock.cli.table_folder import read_folder
from slaclock.helpdesk.data import HelpdeskData
from slaclock.helpdesk.plain import PRIORITIES, TABLES
from slaclock.helpdesk.plain import load as load_tables
from slaclock.helpdesk.problems import LoadProblem
from slaclock.sla.plan import ServicePlan

__all__ = ["PRIORITIES", "TABLES", "HelpdeskData", "LoadProblem", "load"]


def load(
    tables: Mapping[str, Any] | str | Path,
    *,
    plan: ServicePlan | None = None,
    errors: Literal["raise", "mark"] = "raise",
    unprioritized: int | None = None,
) -> HelpdeskData:
    """`slaclock.helpdesk.plain.load` of a mapping of table name to any DataFrame, or of a
    folder of ``tickets``, ``statuses``, ``comments`` and ``priorities`` files (``.csv`` or
    ``.parquet``, read here, at the top)."""
    read = read_folder(Path(tables), TABLES) if isinstance(tables, (str, Path)) else tables
    return load_tables(read, plan=plan, errors=errors, unprioritized=unprioritized)
