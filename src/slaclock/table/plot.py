"""Plots of a what-if study (matplotlib, from the `notebook` extra).

Two things people look at rather than read: the breach rate per severity
under each scenario, and how the fraction of target used is distributed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import narwhals as nw
import numpy as np

from slaclock.errors import MissingExtraError

if TYPE_CHECKING:
    from slaclock.table.what_if import WhatIf

__all__ = ["MissingExtraError", "plot_breach_rates", "plot_fraction_used"]

_SEVERITY = {1: "1 critical", 2: "2 major", 3: "3 minor", 4: "4 informational"}


def _axes(ax: Any) -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise MissingExtraError(
            "plots need matplotlib: pip install 'slaclock[notebook]' (or pip install matplotlib)."
        ) from exc
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    return ax


def plot_breach_rates(result: WhatIf, ax: Any = None) -> Any:
    """Grouped bars: breach rate (%) per severity, one bar per scenario. Returns the axes."""
    ax = _axes(ax)
    rows = nw.from_native(result.summary, eager_only=True).to_dict(as_series=False)
    severities = sorted(set(rows["severity"]))
    width = 0.8 / max(len(result.scenarios), 1)
    for k, name in enumerate(result.scenarios):
        rate = {
            s: r
            for sc, s, r in zip(rows["scenario"], rows["severity"], rows["breach_rate"])
            if sc == name
        }
        xs = np.arange(len(severities)) + k * width
        ax.bar(xs, [100 * rate.get(s, np.nan) for s in severities], width, label=name)
    ax.set_xticks(np.arange(len(severities)) + width * (len(result.scenarios) - 1) / 2)
    ax.set_xticklabels([_SEVERITY.get(s, str(s)) for s in severities])
    ax.set_ylabel("breached (% of tickets)")
    ax.set_title("Breach rate per severity")
    ax.legend()
    return ax


def plot_fraction_used(result: WhatIf, ax: Any = None, bins: int = 40, clip: float = 3.0) -> Any:
    """Step histograms of the fraction of target used (clipped at `clip`), per scenario."""
    ax = _axes(ax)
    edges = np.linspace(0.0, clip, bins + 1)
    for name in result.scenarios:
        values = np.clip(result.fraction_used[name], 0.0, clip)
        ax.hist(values, bins=edges, histtype="step", linewidth=1.5, label=name)
    ax.axvline(1.0, color="grey", linestyle="--", linewidth=1)
    ax.set_xlabel(f"fraction of target used (1 = deadline; clipped at {clip:g})")
    ax.set_ylabel("tickets")
    ax.set_title("How much of the target tickets used")
    ax.legend()
    return ax
