"""Zendesk's tables (as Fivetran syncs them) into slaclock: `load` (see docs/zendesk.md)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from slaclock.cli.table_folder import read_folder
from slaclock.helpdesk.data import HelpdeskData
from slaclock.helpdesk.problems import LoadProblem
from slaclock.helpdesk.rails_zones import MAPPING as RAILS_ZONES
from slaclock.helpdesk.zendesk import PRIORITIES, TABLES
from slaclock.helpdesk.zendesk import load as load_tables
from slaclock.sla.plan import ServicePlan

__all__ = ["PRIORITIES", "RAILS_ZONES", "TABLES", "HelpdeskData", "LoadProblem", "load"]


def load(
    tables: Mapping[str, Any] | str | Path,
    *,
    plan: ServicePlan | None = None,
    errors: Literal["raise", "mark"] = "raise",
    unprioritized: int | None = None,
) -> HelpdeskData:
    """`slaclock.helpdesk.zendesk.load` of a mapping of table name to any DataFrame, or of
    a folder of ``<table>.csv`` / ``<table>.parquet`` files (read here, at the top)."""
    read = read_folder(Path(tables), TABLES) if isinstance(tables, (str, Path)) else tables
    return load_tables(read, plan=plan, errors=errors, unprioritized=unprioritized)
