"""Remake the picture of the notebook cards: ``python docs/make_cards.py``.

The cards are the `_repr_html_` views Jupyter shows for a calendar, a plan, a
ticket, its status and an explanation. This script writes them into one HTML page
(docs/notebook-cards.html, not committed) and, where a headless Chromium is
installed (Debian's ``chromium``), a screenshot of it: docs/notebook-cards.png,
which the what-if page shows.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from slaclock import (
    BASIC_PLAN,
    Channel,
    Priority,
    Responded,
    Ticket,
    argentina,
    evaluate,
)

HERE = Path(__file__).resolve().parent
BA = ZoneInfo("America/Argentina/Buenos_Aires")


def page() -> str:
    """One HTML page holding a card of each kind, as a notebook shows them."""
    received = datetime(2026, 11, 20, 16, 30, tzinfo=BA)
    ticket = Ticket(
        id="CAS-1042",
        customer="ACME SA",
        product="Arcserve UDP",
        subject="backups fail since the upgrade",
        priority=Priority.TOTAL_SERVICE_LOSS,
        channel=Channel.WEB_PORTAL,
        received=received,
    ).apply(Responded(at=datetime(2026, 11, 24, 11, 5, tzinfo=BA)))
    status = evaluate(ticket, now=datetime(2026, 11, 25, 12, tzinfo=BA), plan=BASIC_PLAN)
    cards = [
        argentina()._repr_html_(),
        BASIC_PLAN._repr_html_(),
        ticket._repr_html_(),
        status._repr_html_(),
        argentina().explain(received, timedelta(hours=2))._repr_html_(),
    ]
    body = "\n".join(f'<div style="margin:12px 0">{card}</div>' for card in cards)
    return (
        "<!doctype html><html><head><meta charset='utf-8'></head>"
        "<body style='font-family:sans-serif;max-width:760px;margin:16px'>"
        f"{body}</body></html>"
    )


def main() -> None:
    html = HERE / "notebook-cards.html"
    html.write_text(page(), encoding="utf-8")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print(f"wrote {html}; install chromium for the screenshot")
        return
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                "--hide-scrollbars",
                "--window-size=800,2050",
                f"--screenshot={HERE / 'notebook-cards.png'}",
                html.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    html.unlink()
    print(f"wrote {HERE / 'notebook-cards.png'}")


if __name__ == "__main__":
    main()
