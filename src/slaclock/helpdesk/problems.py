"""A row of a helpdesk table that could not be read: which table, which line, why."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LoadProblem"]


@dataclass(frozen=True)
class LoadProblem:
    """One bad row: its `table`, its `line` (1 is the first data row; a CSV file's line
    is `line` + 1, after the header), the ticket it belongs to (None if none) and why."""

    table: str
    line: int
    ticket_id: object
    reason: str

    def __str__(self) -> str:
        ticket = "" if self.ticket_id is None else f" (ticket {self.ticket_id})"
        return f"{self.table}, row {self.line}{ticket}: {self.reason}"
