"""The docs site is complete: every page in the nav, every error class on the errors
page, every public name in the API reference. (`mkdocs build --strict` runs in CI.)"""

from __future__ import annotations

import re
from pathlib import Path

import slaclock
import slaclock.cli.main  # the command line's errors are classes too
from slaclock import SlaclockError

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():  # type: ignore[var-annotated]
        found |= {sub, *_subclasses(sub)}
    return found


def test_every_page_is_in_the_nav_and_every_nav_entry_exists() -> None:
    nav = re.findall(r":\s*(\S+\.md)\s*$", (ROOT / "mkdocs.yml").read_text(), re.M)
    assert len(nav) == len(set(nav))
    assert set(nav) == {p.name for p in DOCS.glob("*.md")}


def test_the_errors_page_has_every_error_class() -> None:
    page = (DOCS / "errors.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^## (\w+)$", page, re.M))
    classes = {
        c
        for c in {SlaclockError, *_subclasses(SlaclockError)}
        if c.__module__.startswith("slaclock")
    }
    assert documented == {c.__name__ for c in classes}
    for cls in classes:
        assert getattr(slaclock, cls.__name__) is cls, f"{cls.__name__} is not public"
        if cls is not SlaclockError:
            section = page.split(f"## {cls.__name__}\n", 1)[1].split("\n## ", 1)[0]
            assert "**When:**" in section and "**What to do:**" in section, cls.__name__


def test_the_api_reference_has_every_public_name() -> None:
    page = (DOCS / "api.md").read_text(encoding="utf-8")
    shown = re.findall(r"^::: slaclock\.(\w+)$", page, re.M)
    assert len(shown) == len(set(shown))
    assert set(shown) == set(slaclock.__all__) - {"__version__"}
