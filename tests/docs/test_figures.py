"""The what-if page's table and figures come from docs/make_figures.py (seeded): the
table on the page is what the script gives, and the pictures it links exist."""

from __future__ import annotations

import runpy
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[2]


def test_the_what_if_page_shows_what_the_script_makes() -> None:
    script = runpy.run_path(str(ROOT / "docs" / "make_figures.py"))
    page = (ROOT / "docs" / "what-if.md").read_text(encoding="utf-8")
    assert script["overall_markdown"](script["study"]()) in page
    for name in ("what-if-breach-rates.png", "what-if-fraction-used.png"):
        assert f"]({name})" in page
        assert (ROOT / "docs" / name).stat().st_size > 10_000
