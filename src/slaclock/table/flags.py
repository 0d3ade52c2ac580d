"""How a cell reads as a flag (`public`, `assisted_only`, a `deleted` column): one
vocabulary for every table slaclock reads, events tables and helpdesk exports alike."""

from __future__ import annotations

import numpy as np

__all__ = ["FALSE_WORDS", "TRUE_WORDS", "flag_code"]

#: Texts of a true and a false flag, in any case and spacing (1.0 and 0.0: a CSV column of
#: ones and blanks read as floats, then as text).
TRUE_WORDS = frozenset({"true", "1", "1.0", "t", "yes", "y"})
FALSE_WORDS = frozenset({"false", "0", "0.0", "f", "no", "n"})
#: Texts of an empty cell, as libraries write a null when they turn it into text.
_EMPTY_WORDS = frozenset({"", "<na>", "nan", "none", "null"})


def flag_code(value: object) -> int | None:
    """1 or 0 for a flag cell (a boolean, the number 1 or 0, or one of the words), None
    for an empty cell, -1 for anything else (to be reported, never guessed)."""
    if value is None:
        return None
    if isinstance(value, bool | np.bool_):
        return int(bool(value))
    if isinstance(value, int | float | np.integer | np.floating):
        if value != value:  # NaN: an empty cell of a float column
            return None
        return int(value) if value in (0, 1) else -1
    text = str(value).strip().lower()
    if text in _EMPTY_WORDS:
        return None
    return 1 if text in TRUE_WORDS else 0 if text in FALSE_WORDS else -1
