"""Text from outside (ids, names, file names) made safe for where it is shown.

A terminal runs the escape sequences it is sent (``\\x1b[2J`` clears it), so
text output and stderr show control characters escaped (``\\x1b``, ``\\x00``,
``\\t``), and the bidirectional overrides that reorder a line as well. A
spreadsheet runs a CSV cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return as a formula, so free-text CSV cells that start so get a
``'`` in front, as OWASP recommends ("CSV Injection").
"""

from __future__ import annotations

__all__ = ["FORMULA_STARTS", "csv_safe", "escaped"]

#: The first characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates.
_UNSAFE = [*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_ESCAPES = {c: chr(c).encode("unicode_escape").decode("ascii") for c in _UNSAFE}
_ESCAPES_KEEP_LINES = {c: e for c, e in _ESCAPES.items() if c != ord("\n")}


def escaped(text: str, *, lines: bool = False) -> str:
    """`text` with control characters written as escapes (``\\x1b``); with `lines`, the
    line breaks of a text of several lines are kept."""
    if text.isprintable():
        return text
    return text.translate(_ESCAPES_KEEP_LINES if lines else _ESCAPES)


def csv_safe(cell: str) -> str:
    """A free-text CSV cell a spreadsheet will not run: ``'`` before a formula's start."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
