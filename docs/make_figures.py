"""Remake the what-if page's figures and table: ``python docs/make_figures.py``.

A month of made-up tickets (seeded, so the output is the same every run) under three
scenarios; writes docs/what-if-breach-rates.png and docs/what-if-fraction-used.png,
and prints the `overall` table as Markdown (what-if.md shows it).
Needs the `notebook` extra (matplotlib, pandas).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

from slaclock import BASIC_PLAN, WhatIf, argentina, what_if

HERE = Path(__file__).resolve().parent
BA = ZoneInfo("America/Argentina/Buenos_Aires")
NOW = datetime(2026, 11, 30, 12, tzinfo=BA)


def tickets(n: int = 400, seed: int = 14) -> pd.DataFrame:
    """Tickets received in November 2026, answered 10 minutes to two days later."""
    rng = random.Random(seed)
    start = datetime(2026, 11, 2, tzinfo=BA)
    received = [start + timedelta(minutes=rng.randrange(27 * 24 * 60)) for _ in range(n)]
    responded = [
        r + timedelta(minutes=rng.choice([10, 30, 90, 240, 600, 1500, 3000]))
        if rng.random() < 0.9
        else None
        for r in received
    ]
    responded = [t if t is not None and t <= NOW else None for t in responded]
    return pd.DataFrame(
        {
            "id": [f"CAS-{k}" for k in range(n)],
            "received": pd.to_datetime(received, utc=True).tz_convert(BA.key),
            "severity": [rng.choice([1, 2, 2, 3, 3, 3, 4]) for _ in range(n)],
            "responded_at": pd.to_datetime(responded, utc=True).tz_convert(BA.key),
        }
    )


def study() -> WhatIf:
    return what_if(
        tickets(),
        NOW,
        {
            "Basic": BASIC_PLAN,
            "08-18": BASIC_PLAN.with_calendar(argentina(hours="08:00-18:00")),
            "sev-2 in 12 h": BASIC_PLAN.with_targets(major=timedelta(hours=12)),
        },
    )


def overall_markdown(result: WhatIf) -> str:
    columns = ["scenario", "tickets", "met", "breached", "running", "breach_rate"]
    table = result.overall[columns].copy()
    table["breach_rate"] = table["breach_rate"].map(lambda r: f"{r:.1%}")
    head = "| " + " | ".join(columns) + " |\n|" + "---|" * len(columns) + "\n"
    rows = "".join("| " + " | ".join(str(v) for v in row) + " |\n" for row in table.values)
    return head + rows


def main() -> None:
    result = study()
    for name, draw in (
        ("what-if-breach-rates.png", result.plot_breach_rates),
        ("what-if-fraction-used.png", result.plot_fraction_used),
    ):
        fig, ax = plt.subplots(figsize=(8, 4.2))
        draw(ax)
        fig.tight_layout()
        fig.savefig(HERE / name, dpi=110)
        plt.close(fig)
    print(overall_markdown(result), end="")


if __name__ == "__main__":
    main()
