"""A catalogue of bad command lines, each run in its own process, each with its outcome.

Every case runs ``python -m slaclock ...`` as a user would and must end with
the exit status `--help` documents (2 for bad input, 1 for a failure), a
message on stderr that says what was wrong, and no traceback. The processes
are started from a thread pool, a few at a time, once for the whole module.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from slaclock import BASIC_PLAN, BusinessCalendar


@dataclass(frozen=True)
class Case:
    """A command line (``{files}`` is the folder of sample files) and what it must give."""

    id: str
    argv: tuple[str | bytes, ...]
    code: int
    says: str
    stdin: bytes = b""
    full_disk: bool = False  # stdout is /dev/full
    ascii_out: bool = False  # the output's encoding is ASCII


def case(id: str, argv: str | tuple[str | bytes, ...], code: int, says: str, **kw: object) -> Case:
    words = tuple(argv.split()) if isinstance(argv, str) else argv
    return Case(id, words, code, says, **kw)  # type: ignore[arg-type]


T = "2026-11-20T16:30-03:00"
NOW = ("--now", "2026-11-25T12:00-03:00")
ACCEPTED = "Accepted: 2026-11-20T16:30-03:00"
CASES = [
    # -- times that could be read more than one way ------------------------------------------
    case("month-first date", "deadline 11/12/2026", 2, "could be read day first or month first"),
    case("bare time", "deadline 16:30", 2, "is a time without a date"),
    case("bare number", "deadline 10", 2, "is a bare number"),
    case("zone abbreviation", ("deadline", "2026-11-20 16:30 EST"), 2, "zone abbreviation (EST)"),
    case("zone without brackets", ("deadline", "2026-11-20T16:30 Europe/Madrid"), 2, "brackets"),
    case("slashed year first", "deadline 2026/11/20", 2, "write the date with dashes"),
    case("words", "deadline tomorrow", 2, "is not a date and time slaclock reads"),
    case("empty time", ("deadline", ""), 2, "the received time is empty"),
    case("long time", ("deadline", "2" * 10_000), 2, "is too long to be a date and time"),
    case("undecodable argv", (b"deadline", b"\xff\xfe"), 2, ACCEPTED),
    # -- times that do not exist ------------------------------------------------------------------
    case("offset +25:00", "deadline 2026-11-20T16:30+25:00", 2, "+25:00, which is not one"),
    case("offset minutes 99", "deadline 2026-11-20T16:30+05:99", 2, "which is not one"),
    case(
        "year 1", "deadline 0001-01-01T00:00+05:00", 2, "year 1; slaclock supports years 1900-2199"
    ),
    case("year 9999", "deadline 9999-12-31T23:00-05:00", 2, "year 9999; slaclock supports"),
    case("year 0", "deadline 0000-01-01T00:00", 2, "year 0; slaclock supports"),
    case("year 10000", "deadline 10000-01-01T00:00", 2, "has a year of more than 4 digits"),
    case("30 February", "deadline 2026-02-30T10:00", 2, "is not a real date and time"),
    case("hour 24", "deadline 2026-11-20T24:00", 2, "is not a real date and time"),
    case("nanoseconds", "deadline 2026-11-20T16:30:00.1234567Z", 2, "more than 6 decimals"),
    case("unknown zone", "deadline 2026-11-20T16:30[Mars/Base]", 2, "not in the IANA database"),
    case("DST gap", "--zone America/New_York deadline 2026-03-08T02:30", 2, "does not exist in"),
    case("DST fold", "--zone America/New_York deadline 2026-11-01T01:30", 2, "happens twice"),
    case("offset vs zone", "deadline 2026-11-20T16:30-03:00[Europe/Madrid]", 2, "is not Europe"),
    # -- severities and targets ------------------------------------------------------------------
    case("severity ²", f"deadline {T} --severity ²", 2, "severity '²' is not one of 1"),
    case("severity 0", f"deadline {T} --severity 0", 2, "severity 0 is not one of"),
    case("severity 5", f"deadline {T} --severity 5", 2, "severity 5 is not one of"),
    case("severity -1", f"deadline {T} --severity -1", 2, "severity '-1' is not one of"),
    case("severity 1 and hours", f"deadline {T} --severity 1 --hours 3", 2, "not allowed with"),
    case("severity 2 and hours", f"deadline {T} --severity 2 --hours 3", 2, "not allowed with"),
    case("hours 10^12", f"deadline {T} --hours 1000000000000", 2, "is too large"),
    case("hours past the holiday data", f"deadline {T} --hours 1000000", 2, "1957-2100 only"),
    case("hours with exponent", f"deadline {T} --hours 1e3", 2, "is not a number of hours"),
    case("negative hours", f"deadline {T} --hours=-1", 2, "is negative"),
    case("target without unit", f"deadline {T} --target 10", 2, "has no unit: hours or minutes"),
    case("target in days", f"deadline {T} --target P1D", 2, "counts days"),
    case("target unit", f"deadline {T} --target 3fortnights", 2, "does not read"),
    case("target below 1 µs", f"deadline {T} --target 1.0000001s", 2, "whole number of micro"),
    # -- the command line itself -----------------------------------------------------------------
    case("no command", (), 2, "the following arguments are required: COMMAND"),
    case("unknown command", "frobnicate", 2, "invalid choice: 'frobnicate'"),
    case("unknown option", "deadline now --frobnicate", 2, "unrecognized arguments: --frobnicate"),
    case("missing received", "deadline", 2, "the following arguments are required: received"),
    case("elapsed bare time", "elapsed now 16:30", 2, "the end '16:30' is a time without"),
    case("ics and json", "calendar 2026 --ics --json", 2, "--ics and --json are two outputs"),
    # -- global options ---------------------------------------------------------------------------
    case("zone folder", "deadline now --zone America", 2, "time zone 'America' is not in"),
    case("zone 10k chars", ("deadline", "now", "--zone", "A" * 10_000), 2, "is not in the IANA"),
    case("plan missing", "--plan {files}/nope.json deadline now", 2, "nope.json': no such file"),
    case("plan folder", "--plan {files} deadline now", 2, "is a directory; give a JSON file"),
    case("plan empty", "--plan {files}/empty.json deadline now", 2, "is empty; write it with"),
    case("plan not JSON", "--plan {files}/broken.json deadline now", 2, "invalid ServicePlan"),
    case("plan numbers", "--plan {files}/numbers.json deadline now", 2, "PT2H"),
    case("calendar zone", "--calendar {files}/badzone.json deadline now", 2, "'Mars/Base' is not"),
    case(
        "open days without holidays",
        "--calendar {files}/noholidays.json --open-non-working-days deadline now",
        2,
        "the calendar has no public holidays to open",
    ),
    # -- the closed days of a year ----------------------------------------------------------------
    case("holidays 0", "holidays 0", 2, "year 0; slaclock supports years 1900-2199"),
    case("holidays 10000", "holidays 10000", 2, "year 10000; slaclock supports"),
    case("holidays -1", "holidays -1", 2, "year -1; slaclock supports"),
    case("calendar ²", "calendar ²", 2, "the year '²' is not a year"),
    case("calendar arabic digits", "calendar ٢٠٢٦", 2, "is not a year"),
    case("calendar 21 digits", "calendar 999999999999999999999", 2, "is not a year"),
    # -- ticket files -----------------------------------------------------------------------------
    case("tickets missing", ("status", "{files}/nope.csv", *NOW), 2, "nope.csv: no such file"),
    case("tickets folder", ("status", "{files}", *NOW), 2, "is a directory; give a file"),
    case("tickets empty", ("status", "{files}/empty.csv", *NOW), 2, "empty.csv is empty"),
    case("tickets ;", ("status", "{files}/semi.csv", *NOW), 2, "is separated by ';'"),
    case("no severity", ("status", "{files}/nosev.csv", *NOW), 2, "has no 'severity' column"),
    case("classified alone", ("status", "{files}/classified.csv", *NOW), 2, "go together"),
    case("unclosed quote", ("status", "{files}/quote.csv", *NOW), 2, "line 3: not CSV"),
    case("huge field", ("status", "{files}/huge.csv", *NOW), 2, "field larger than field limit"),
    case("a spreadsheet", ("status", "{files}/book.xlsx", *NOW), 2, "not UTF-8 text (a spread"),
    case("a JSON document", ("status", "{files}/t.json", *NOW), 2, "slaclock reads JSON lines"),
    case("bad rows", ("status", "{files}/bad.csv", *NOW), 2, "line 4: received '11/12/2026'"),
    case("bad JSON lines", ("status", "{files}/bad.jsonl", *NOW), 2, "line 2: is not JSON"),
    case(
        "CSV as JSON lines",
        ("status", "{files}/good.csv", "--format", "jsonl", *NOW),
        2,
        "no line is a JSON object (line 1 is not JSON",
    ),
    case("csv and json", ("status", "{files}/good.csv", "--csv", "--json", *NOW), 2, "two"),
    case("now bare time", ("status", "{files}/good.csv", "--now", "16:30"), 2, "--now '16:30'"),
    case("stdin empty", ("status", "-", *NOW), 2, "standard input is empty"),
    case(
        "stdin bad",
        ("status", "-", *NOW),
        2,
        "line 2: severity",
        stdin=b"received,severity\n2026-11-20T16:30Z,9\n",
    ),
    # -- issue 14: the command line's own messages -------------------------------------------
    case("negative target", f"deadline {T} --target -2h", 2, "the target -2 h is negative"),
    case("negative hours spaced", f"deadline {T} --hours -1", 2, "the target -1 h is negative"),
    case("hours 1e308", f"deadline {T} --hours 1e308", 2, "'1e308' is too large"),
    case("zone EST", f"deadline {T} --zone EST", 2, "'EST' is a zone abbreviation"),
    case("zone EST5EDT", f"deadline {T} --zone EST5EDT", 2, "is a zone abbreviation"),
    case(
        "past the holiday data: --calendar keys",
        f"deadline {T} --hours 1000000",
        2,
        'pass it with --calendar FILE.json: under "holidays" set "missing_years": "none"',
    ),
    case(
        "DST fold with seconds",
        "--zone America/New_York deadline 2026-11-01T01:30:15",
        2,
        "happens twice in America/New_York (clocks go back then: -04:00 and -05:00); add the "
        "offset you mean, e.g. 2026-11-01T01:30:15-04:00",
    ),
    case(
        "DST fold in a ticket file",
        ("--zone", "America/New_York", "status", "-", *NOW),
        2,
        "line 2: received '2026-11-01T01:30' happens twice in America/New_York",
        stdin=b"received,severity\n2026-11-01T01:30,1\n",
    ),
    case(
        "DST fold in --now",
        ("--zone", "America/New_York", "status", "{files}/good.csv", "--now", "2026-11-01T01:30"),
        2,
        "--now '2026-11-01T01:30' happens twice in America/New_York",
    ),
    # -- issue 17: files that are not regular files, and sizes -----------------------------------
    case("tickets FIFO", ("status", "{files}/fifo", *NOW), 2, "not a regular file but a named"),
    case("plan FIFO", "--plan {files}/fifo deadline now", 2, "--plan '"),
    case("calendar FIFO", "--calendar {files}/fifo deadline now", 2, "but a named pipe (FIFO)"),
    case("tickets device", ("status", "/dev/zero", *NOW), 2, "not a regular file but a device"),
    case("plan from stdin", "--plan - deadline now", 2, "--plan '-': no such file"),
    case(
        "stdin over --max-mb",
        ("status", "-", "--max-mb", "1", *NOW),
        2,
        "standard input is larger than 1 MB, the most slaclock reads; pass --max-mb 2",
        stdin=b"received,severity\n" + b"2026-11-20T16:30Z,1\n" * 60_000,
    ),
    case("max-mb 0", ("status", "-", "--max-mb", "0", *NOW), 2, "not a whole number of MB"),
    case("raw-csv alone", ("status", "{files}/good.csv", "--raw-csv", *NOW), 2, "add --csv"),
    case(
        "escape in a file name",
        ("status", "{files}/\x1b[2Jgone.csv", *NOW),
        2,
        "\\x1b[2Jgone.csv: no such file",
    ),
    # -- failures: the command could not finish ---------------------------------------------------
    case("full disk", "calendar 2026", 1, "failed: No space left on device", full_disk=True),
    case("ASCII output", "calendar 2026", 1, "set PYTHONIOENCODING=utf-8", ascii_out=True),
    case(
        "full disk status",
        ("status", "{files}/good.csv", "--csv", *NOW),
        1,
        "failed: No space left on device",
        full_disk=True,
    ),
]


def _files(root: Path) -> None:
    """The sample files the cases name."""
    (root / "empty.json").write_text("")
    (root / "broken.json").write_text("{")
    numbers = json.loads(BASIC_PLAN.model_dump_json())
    numbers["targets"] = {"critical": 2, "major": 6, "minor": 12, "informational": 24}
    (root / "numbers.json").write_text(json.dumps(numbers))
    (root / "calendar.json").write_text(BASIC_PLAN.calendar.model_dump_json())
    bad_zone = json.loads(BASIC_PLAN.calendar.model_dump_json())
    bad_zone["zone"] = "Mars/Base"
    (root / "badzone.json").write_text(json.dumps(bad_zone))
    (root / "noholidays.json").write_text(BusinessCalendar(holidays=None).model_dump_json())
    (root / "empty.csv").write_text("")
    (root / "semi.csv").write_text("id;received;severity\n1;2026-11-20T16:30Z;1\n")
    (root / "nosev.csv").write_text("id,received\n1,2026-11-20T16:30Z\n")
    (root / "twice.csv").write_text("received,severity,received\n")
    (root / "classified.csv").write_text("received,severity,classified_at\n")
    (root / "quote.csv").write_text('received,severity\n2026-11-20T16:30Z,1\n"2026,1\n')
    (root / "huge.csv").write_text("received,severity\n" + "x" * 200_000 + ",1\n")
    (root / "book.xlsx").write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff")
    (root / "t.json").write_text('[{"received": "2026-11-20T16:30Z", "severity": 1}]')
    os.mkfifo(root / "fifo")
    (root / "good.csv").write_text("id,received,severity\nA,2026-11-20T16:30Z,1\n")
    (root / "bad.csv").write_text(
        "id,received,severity\nA,2026-11-20T16:30Z,1\nB,2026-11-20T16:30Z,2\n"
        "C,11/12/2026,3\nD,2026-11-20T16:30Z,9\n"
    )
    (root / "bad.jsonl").write_text(
        '{"received": "2026-11-20T16:30Z", "severity": 1}\n{oops\n'
        '{"received": 1790000000, "severity": 1}\n'
    )


def _run(c: Case, files: Path) -> subprocess.CompletedProcess[bytes]:
    argv = [a.replace("{files}", str(files)) if isinstance(a, str) else a for a in c.argv]
    env = {**os.environ, "COLUMNS": "80", "PYTHONUTF8": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    if c.ascii_out:
        env["PYTHONIOENCODING"] = "ascii"
    command = [sys.executable.encode(), b"-m", b"slaclock"]
    command += [a.encode() if isinstance(a, str) else a for a in argv]
    if c.full_disk:
        with open("/dev/full", "wb") as full:
            return subprocess.run(
                command, input=c.stdin, stdout=full, stderr=subprocess.PIPE, env=env, timeout=120
            )
    return subprocess.run(command, input=c.stdin, capture_output=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    files = tmp_path_factory.mktemp("files")
    _files(files)
    workers = max(2, os.cpu_count() or 2)
    with ThreadPoolExecutor(workers) as pool:
        return dict(zip((c.id for c in CASES), pool.map(lambda c: _run(c, files), CASES)))


def test_the_catalogue_is_large_and_its_ids_unique() -> None:
    assert len(CASES) >= 50
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("c", CASES, ids=lambda c: c.id)
def test_bad_command_line(
    c: Case, outcomes: dict[str, subprocess.CompletedProcess[bytes]]
) -> None:
    done = outcomes[c.id]
    err = done.stderr.decode("utf-8", "replace")
    out = b"" if done.stdout is None else done.stdout
    assert "Traceback" not in err and b"Traceback" not in out
    assert c.says in err, err
    assert done.returncode == c.code, err
    assert err.startswith(("slaclock:", "usage: slaclock")), err
