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


def _caption(result: WhatIf) -> str:
    """N and the period, for titles: "120 tickets received 2026-11-02 to 2026-11-27, at ..."."""
    n = len(next(iter(result.fraction_used.values()), ()))
    text = f"{n:,} tickets"
    if result.received is not None:
        first, last = result.received
        text += f" received {first:%Y-%m-%d} to {last:%Y-%m-%d}"
    if result.now is not None:
        text += f", at {result.now:%Y-%m-%d %H:%M}"
    return text


def plot_breach_rates(result: WhatIf, ax: Any = None) -> Any:
    """Grouped bars: breach rate (%) per severity, one bar per scenario, each bar labelled
    with its value; N and the period in the title. Returns the axes."""
    ax = _axes(ax)
    rows = nw.from_native(result.summary, eager_only=True).to_dict(as_series=False)
    severities = sorted(set(rows["severity"]))
    width = 0.8 / max(len(result.scenarios), 1)
    top = 0.0
    for k, name in enumerate(result.scenarios):
        rate = {
            s: r
            for sc, s, r in zip(rows["scenario"], rows["severity"], rows["breach_rate"])
            if sc == name
        }
        xs = np.arange(len(severities)) + k * width
        heights = [100 * rate.get(s, np.nan) for s in severities]
        label = f"{name} (baseline)" if k == 0 else name
        bars = ax.bar(xs, heights, width, label=label, color=f"C{k}")
        ax.bar_label(bars, labels=[f"{h:.0f}%" if h == h else "" for h in heights], fontsize=8)
        top = max([top, *(h for h in heights if h == h)])
    ax.set_xticks(np.arange(len(severities)) + width * (len(result.scenarios) - 1) / 2)
    ax.set_xticklabels([_SEVERITY.get(s, str(s)) for s in severities])
    ax.set_xlabel("severity (the one whose target applied)")
    ax.set_ylabel("breached (% of tickets evaluated)")
    ax.set_ylim(0, max(10.0, top * 1.15))
    ax.set_title(f"Breach rate per severity\n{_caption(result)}", fontsize=10)
    ax.legend()
    return ax


def plot_fraction_used(result: WhatIf, ax: Any = None, bins: int = 40, clip: float = 3.0) -> Any:
    """Histograms of the fraction of target used (clipped at `clip`): the baseline filled,
    each other scenario a line over it; N and the period in the title."""
    ax = _axes(ax)
    edges = np.linspace(0.0, clip, bins + 1)
    for k, name in enumerate(result.scenarios):
        values = np.clip(result.fraction_used[name], 0.0, clip)
        if k == 0:
            ax.hist(values, bins=edges, histtype="stepfilled", alpha=0.35, color="C0",
                    edgecolor="C0", linewidth=1.5, label=f"{name} (baseline)")  # fmt: skip
        else:  # the colours of plot_breach_rates' bars
            ax.hist(values, bins=edges, histtype="step", linewidth=1.8, color=f"C{k}", label=name)
    ax.axvline(1.0, color="black", linestyle="--", linewidth=1)
    ax.text(1.0, 1.0, " deadline", transform=ax.get_xaxis_transform(), va="top", fontsize=8)
    ax.set_xlabel(f"fraction of target used (1 = deadline; clipped at {clip:g})")
    ax.set_ylabel("tickets")
    ax.set_title(f"How much of the target tickets used\n{_caption(result)}", fontsize=10)
    ax.legend()
    return ax
