"""Deadlines for a handful of cases on the Basic plan, with explanations.

Run: python examples/deadlines_report.py
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from slaclock import BASIC_PLAN, Severity

BA = ZoneInfo("America/Argentina/Buenos_Aires")
CASES = [
    (
        "backup job failing, no workaround",
        Severity.CRITICAL,
        datetime(2026, 11, 20, 16, 30, tzinfo=BA),
    ),
    ("restore slow", Severity.MAJOR, datetime(2026, 12, 4, 15, 0, tzinfo=BA)),
    ("licence question", Severity.INFORMATIONAL, datetime(2026, 12, 24, 8, 0, tzinfo=BA)),
]


def main() -> None:
    cal = BASIC_PLAN.calendar
    for subject, severity, received in CASES:
        target = BASIC_PLAN.target(severity)
        print(f"== {subject} ({severity})")
        print(cal.explain(received, target))
        print()


if __name__ == "__main__":
    main()
