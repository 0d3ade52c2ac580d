"""The `slaclock` command: the parser, the dispatch to one module per command, exit codes.

The only layer that reads argv, files or the clock. Whatever happens, the
user sees one line on stderr, never a traceback, and an exit status that
says what kind of thing went wrong (see `EPILOG`).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from slaclock._checks import cut
from slaclock.cli import calendar, deadline, elapsed, metrics, status
from slaclock.cli.options import DEFAULTS, add_global_options, context
from slaclock.cli.output import say, wrap
from slaclock.errors import HolidayDataError, MissingExtraError, SlaclockError

__all__ = ["BAD_INPUT", "EPILOG", "FAILURE", "INTERRUPTED", "OK", "build_parser", "main"]

OK = 0
FAILURE = 1
BAD_INPUT = 2
INTERRUPTED = 130

EPILOG = """\
times:
  2026-11-20T16:30-03:00  ISO 8601 with a UTC offset (Z, +HH:MM, +HHMM or +HH); seconds
                          and up to 6 decimals optional; a space may replace the T
  2026-11-20T16:30        no offset: read in the calendar's zone, and the output says so
  2026-11-20              00:00 in the calendar's zone
  2026-11-20T16:30[Europe/Madrid]  a wall time in an IANA zone
  now                     the clock
  20/11/2026 16:30        only with --dayfirst. Refused, as they can be read more than
                          one way: 11/12/2026, 16:30, 10, zone abbreviations such as EST

durations (--target): 90m, 1.5h, 2h30m, 45s, PT1H30M. A bare number is refused
  (hours or minutes?); --hours 3 takes hours. Days are refused: write 24h.

exit status:
  0    done
  1    failure: the output could not be written, a needed library is missing, or a bug
  2    bad input: a wrong option or argument, a time, duration, year or file that
       cannot be read; for status, any bad row (the other rows are still printed)
  130  interrupted (Ctrl-C)
"""


#: What a command-line user writes when a result needs a year the holiday data lacks.
HOLIDAY_DATA_HINT = (
    "slaclock does not assume a year without data has no holidays. Write the calendar as "
    "JSON (slaclock's BusinessCalendar form) and pass it with --calendar FILE.json: under "
    '"holidays" set "missing_years": "none", and list that year\'s closed days under '
    '"extra_holidays" as {"day": "YYYY-MM-DD", "name": "..."}; or set only '
    '"missing_years": "none" to say that none apply.'
)
#: Options whose value may start with '-' (a negative target): joined to their value
#: before argparse reads them, which would take "-2h" for an option.
_SIGNED = ("--target", "--hours")


def signed_values(argv: Sequence[str]) -> list[str]:
    """`argv` with ``--target -2h`` written ``--target=-2h`` (so the command's own check
    answers, not argparse's "expected one argument")."""
    out: list[str] = []
    words = list(argv)
    k = 0
    while k < len(words):
        word = words[k]
        value = words[k + 1] if k + 1 < len(words) else ""
        if word in _SIGNED and value.startswith("-") and not value.startswith("--"):
            out.append(f"{word}={value}")
            k += 2
            continue
        out.append(word)
        k += 1
    return out


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    add_global_options(common)
    shared = {
        "parents": [common],
        "epilog": EPILOG,
        "formatter_class": argparse.RawDescriptionHelpFormatter,
        "allow_abbrev": False,
    }
    p = argparse.ArgumentParser(
        prog="slaclock",
        description=wrap(
            "Business-hours SLA deadlines on the Basic Support calendar (Mon-Fri 09:00-17:00 "
            "Buenos Aires, Argentine holidays), or on your own plan."
        ),
        **shared,  # type: ignore[arg-type]
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in (deadline, elapsed, calendar, status, metrics):
        command.add_parser(sub, **shared)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `slaclock` console command: its exit status."""
    try:
        code = _run(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        _drop_stdout()  # the reader (e.g. head) has gone: stop quietly
        return FAILURE
    except KeyboardInterrupt:
        say("slaclock: interrupted")
        return INTERRUPTED
    except MissingExtraError as exc:
        say(f"slaclock: {exc}")
        return FAILURE
    except HolidayDataError as exc:
        say(f"slaclock: {str(exc).split(' slaclock does not assume')[0]} {HOLIDAY_DATA_HINT}")
        return BAD_INPUT
    except SlaclockError as exc:
        say(f"slaclock: {exc}")
        return BAD_INPUT
    except SystemExit as exc:  # argparse: --help, --version (0) or a usage error (2)
        return exc.code if isinstance(exc.code, int) else BAD_INPUT
    except OSError as exc:
        say(f"slaclock: failed: {exc.strerror or exc}")
        return FAILURE
    except UnicodeEncodeError as exc:  # e.g. PYTHONIOENCODING=ascii and a holiday's name
        say(
            f"slaclock: failed: the output has text ({exc.object[exc.start : exc.end]!r}) that "
            f"the {exc.encoding} encoding of the output cannot write; set PYTHONIOENCODING=utf-8."
        )
        return FAILURE
    except Exception as exc:  # a bug: one line, never a traceback
        say(
            f"slaclock: failed ({type(exc).__name__}: {cut(str(exc), 200)}); this is a bug, "
            "please report it with the command that caused it."
        )
        return FAILURE
    return code


def _run(argv: Sequence[str] | None) -> int:
    words = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(signed_values(words))
    for name, value in DEFAULTS.items():
        if not hasattr(args, name):
            setattr(args, name, value)
    code: int = args.run(args, context(args))
    return code


def _drop_stdout() -> None:
    """Point stdout at /dev/null so that Python's own flush at exit fails no more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
