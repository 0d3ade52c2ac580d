"""Reading an input file the command line was given: a regular file or standard input,
never more than a limit, never blocking on a FIFO or a device."""

from __future__ import annotations

import os
import stat
import sys

from slaclock.cli.safe_text import escaped
from slaclock.errors import CommandLineError

__all__ = ["MB", "read_input", "shown"]

MB = 1_000_000


def shown(name: str, stdin: bool = True) -> str:
    """A file name as messages show it: escaped and cut ('standard input' for '-' where
    '-' is standard input)."""
    if name == "-" and stdin:
        return "standard input"
    text = escaped(name)
    return text if len(text) <= 80 else text[:79] + "…"


def read_input(
    name: str, limit: int, what: str, raise_it: str, wanted: str = "a file", stdin: bool = False
) -> bytes:
    """The bytes of the file `name` (with `stdin`, '-' is standard input), at most `limit`.

    `what` names the input in messages ("--plan 'p.json'"); `raise_it` says how to
    allow a larger one. Anything but a regular file (a FIFO, a device, a socket) is
    refused before a byte is read, so that nothing blocks.
    """
    if name == "-" and stdin:
        data = sys.stdin.buffer.read(limit + 1)
    else:
        data = _read_regular(name, limit, what, wanted, stdin)
    if len(data) > limit:
        raise CommandLineError(
            f"{what} is larger than {_size(limit)}, the most slaclock reads; {raise_it}."
        )
    return data


def _read_regular(name: str, limit: int, what: str, wanted: str, stdin: bool) -> bytes:
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise CommandLineError(f"{what}: no such file.") from None
    except IsADirectoryError:
        raise CommandLineError(f"{what} is a directory; give {wanted}.") from None
    except OSError as exc:
        raise CommandLineError(f"{what}: cannot read it ({exc.strerror}).") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise CommandLineError(f"{what} is a directory; give {wanted}.")
        if not stat.S_ISREG(mode):
            pipe = " (or standard input, given as '-')" if stdin else ""
            raise CommandLineError(
                f"{what} is not a regular file but a {_kind(mode)}; slaclock reads regular "
                f"files{pipe}, so that it never waits on a pipe or reads a device forever."
            )
        with os.fdopen(fd, "rb") as f:
            fd = -1
            return f.read(limit + 1)
    except OSError as exc:
        raise CommandLineError(f"{what}: cannot read it ({exc.strerror}).") from None
    finally:
        if fd >= 0:
            os.close(fd)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "socket" if stat.S_ISSOCK(mode) else "special file"


def _size(limit: int) -> str:
    return f"{limit // MB} MB" if limit % MB == 0 else f"{limit} bytes"
