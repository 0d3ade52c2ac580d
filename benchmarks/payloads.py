"""Benchmark: the worst payload of each kind (issue 17), time and peak memory.

Run: python benchmarks/payloads.py (or from run.py). Each case runs in its own
subprocess: it builds the payload as JSON, validates it and answers one `add`
and one `explain`, and reports the wall time and the peak resident memory
(`resource.getrusage`), or the limit that refused it at validation. The goal:
at most 1 s and 200 MiB for any payload of at most 1 MB. The machine is shared:
read the times as an order of magnitude.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

#: name -> Python code that sets `payload` (a JSON string of a calendar) and `hours`.
CASES: dict[str, str] = {
    "union tree of 1,024 calendars": """
        def tree(n):
            if n == 1:
                return {}
            return {"op": "union", "parts": [tree(n // 2), tree(n - n // 2)]}
        payload, hours = json.dumps(tree(1024)), 2
    """,
    "union tree of 1 MB (31,000 calendars)": """
        def tree(n):
            if n == 1:
                return {}
            return {"op": "union", "parts": [tree(n // 2), tree(n - n // 2)]}
        payload, hours = json.dumps(tree(31_000)), 2
    """,
    "union chain 98 deep": """
        node = {}
        for _ in range(98):
            node = {"op": "union", "parts": [node, {}]}
        payload, hours = json.dumps(node), 2
    """,
    "16 calendars, unions and intersections 4 deep": """
        zones = ["America/Argentina/Buenos_Aires", "Asia/Tokyo", "Europe/Madrid",
                 "Pacific/Kiritimati"]
        def tree(level, k):
            if level == 0:
                return {"zone": zones[k % 4]}
            op = "union" if level % 2 else "intersection"
            return {"op": op, "parts": [tree(level - 1, k)] + [
                {"zone": zones[(k + j) % 4]} for j in range(1, 4)]}
        payload, hours = json.dumps(tree(4, 0)), 2
    """,
    "weekly schedule of 40,000 one-second intervals": """
        days = [[f"{h:02d}:{m:02d}:{s:02d}-{h:02d}:{m:02d}:{s + 1:02d}"
                 for h in range(9, 17) for m in range(60) for s in range(0, 60, 6)][:5715]] * 7
        payload, hours = json.dumps({"schedule": {"days": days}, "holidays": None}), 2
    """,
    "24 one-second intervals a day, explain 5,000 h": """
        day = [f"{h:02d}:00:00-{h:02d}:00:01" for h in range(24)]
        payload = json.dumps({"schedule": {"days": [day] * 7}, "holidays": None})
        hours = 5000
    """,
    "20,000 part-day closures on one date": """
        closures = [{"day": "2026-11-25", "hours": f"{9 + k % 8:02d}:{k % 60:02d}-17:00"}
                    for k in range(20_000)]
        payload, hours = json.dumps({"closures": closures}), 2
    """,
    "20,000 closures and named holidays on distinct dates": """
        import datetime as dt
        d0 = dt.date(2027, 1, 1)
        cl = [{"day": (d0 + dt.timedelta(days=k)).isoformat(), "hours": "12:00-13:00"}
              for k in range(0, 20_000, 2)]
        nh = [{"day": (d0 + dt.timedelta(days=k)).isoformat(), "name": "x"}
              for k in range(1, 20_000, 2)]
        payload = json.dumps({"closures": cl, "extra_holidays": nh, "holidays": None})
        hours = 5000
    """,
}

_RUNNER = """
import json, resource, sys, time
from datetime import datetime, timedelta, timezone
from slaclock import LimitExceededError
from slaclock.calendar.any_calendar import AnyCalendar
from pydantic import TypeAdapter
{setup}
t0 = time.perf_counter()
out = {{"bytes": len(payload)}}
try:
    from slaclock import BusinessCalendar, CombinedCalendar
    kind = CombinedCalendar if payload.startswith('{{"op"') else BusinessCalendar
    cal = kind.model_validate_json(payload)
    start = datetime(2026, 11, 20, 16, tzinfo=timezone.utc)
    cal.add(start, timedelta(hours=hours))
    cal.explain(start, timedelta(hours=hours))
    out["answer"] = "answered"
except LimitExceededError as exc:
    out["answer"] = f"refused ({{exc.limit}})"
except Exception as exc:
    out["answer"] = f"{{type(exc).__name__}}"
out["seconds"] = time.perf_counter() - t0
# VmHWM is this program's own peak; ru_maxrss would keep the forking parent's across exec.
try:
    with open("/proc/self/status") as status:
        hwm = [line for line in status if line.startswith("VmHWM:")]
    out["peak_mib"] = int(hwm[0].split()[1]) / 1024
except (OSError, IndexError):
    out["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def run_case(setup: str, timeout: float = 300.0, max_bytes: int = 0) -> dict[str, object]:
    """Run one case in a fresh interpreter; its report as a dict. `max_bytes` caps the
    child's address space (`RLIMIT_AS`), as a guard in tests."""
    guard = ""
    if max_bytes:
        cap = f"({max_bytes}, {max_bytes})"
        guard = f"import resource\nresource.setrlimit(resource.RLIMIT_AS, {cap})\n"
    code = guard + _RUNNER.format(setup="import json\n" + textwrap.dedent(setup))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        return {"answer": f"crashed: {done.stderr.strip().splitlines()[-1:]}"}
    report: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def payloads() -> None:
    """Print one line per case: payload size, outcome, seconds, peak MiB."""
    print("payloads (worst of each kind; goal: <= 1 s and 200 MiB, or refused)")
    for name, setup in CASES.items():
        r = run_case(setup)
        size = f"{int(r.get('bytes', 0)) / 1000:,.0f} kB"  # type: ignore[call-overload]
        secs = f"{float(r.get('seconds', 0)):.2f} s"  # type: ignore[arg-type]
        peak = f"{float(r.get('peak_mib', 0)):.0f} MiB"  # type: ignore[arg-type]
        print(f"  {name:<50} {size:>9} {r['answer']!s:<32} {secs:>8} {peak:>9}")


if __name__ == "__main__":
    payloads()
