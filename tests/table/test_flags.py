"""One vocabulary of flags for every table: the words, in any case and spacing, booleans,
1 and 0, empty cells; anything else is reported."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from slaclock.table.flags import FALSE_WORDS, TRUE_WORDS, flag_code


@given(
    word=st.sampled_from(sorted(TRUE_WORDS | FALSE_WORDS)),
    cases=st.lists(st.booleans(), min_size=5, max_size=5),
    pad=st.sampled_from(["", " ", "\t", "  "]),
)
def test_the_words_in_any_case_and_spacing(word: str, cases: list[bool], pad: str) -> None:
    written = "".join(c.upper() if up else c for c, up in zip(word, cases + [False] * 9))
    assert flag_code(pad + written + pad) == (1 if word in TRUE_WORDS else 0)


def test_booleans_numbers_and_empty_cells() -> None:
    assert [flag_code(v) for v in (True, False, np.bool_(True), 1, 0, 1.0, 0.0)] == [
        1, 0, 1, 1, 0, 1, 0,
    ]  # fmt: skip
    assert [flag_code(v) for v in (None, math.nan, "", " ", "<NA>", "nan", "None")] == [None] * 7


@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=False)))
def test_anything_else_is_unreadable(value: object) -> None:
    code = flag_code(value)
    text = str(value).strip().lower()
    if text in TRUE_WORDS or text in FALSE_WORDS or value in (0, 1):
        assert code in (0, 1)
    elif text in ("", "<na>", "nan", "none", "null"):
        assert code is None
    else:
        assert code == -1
    assert TRUE_WORDS.isdisjoint(FALSE_WORDS)
