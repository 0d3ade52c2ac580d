"""Jupyter display of a what-if study (`_repr_html_`): the overall comparison table."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import narwhals as nw

from slaclock import _html as h
from slaclock.table.column_io import count_rows

if TYPE_CHECKING:
    from slaclock.table.what_if import WhatIf

__all__ = ["what_if_html"]

_SHOWN = (
    ("scenario", "scenario"),
    ("tickets", "tickets"),
    ("met", "met"),
    ("breached", "breached"),
    ("running", "running"),
    ("breach_rate", "breach rate"),
    ("median_fraction_used", "median used"),
    ("p90_fraction_used", "p90 used"),
)


def _cell(name: str, v: object) -> object:
    if isinstance(v, float):
        if math.isnan(v):
            return "n/a"
        return f"{100 * v:.1f}%" if name == "breach_rate" else f"{100 * v:.0f}%"
    return v


def what_if_html(result: WhatIf) -> str:
    """One row per scenario (all severities): counts, breach rate, fraction of target used."""
    data = nw.from_native(result.overall, eager_only=True).to_dict(as_series=False)
    rows = [
        [_cell(name, data[name][k]) for name, _ in _SHOWN] for k in range(len(data["scenario"]))
    ]
    table = h.table([label for _, label in _SHOWN], rows, caption="Overall, per scenario")
    flips = count_rows(result.flips)
    note = h.note(
        f"{flips} ticket(s) flip between met and breached against {result.scenarios[0]!r}; "
        "see .flips, .summary (per severity), .plot_breach_rates(), .plot_fraction_used()."
    )
    return h.block(table, note, title="What-if")
