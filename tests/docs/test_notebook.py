"""The example notebooks are committed with their outputs stripped (pytest --nbmake runs them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "examples").glob("*.ipynb"))


def test_the_what_if_notebook_is_there() -> None:
    assert ROOT / "examples" / "what_if.ipynb" in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_are_stripped(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], cell["source"][:80]
            assert cell["execution_count"] is None


def test_the_showcase_asks_the_three_questions() -> None:
    notebook = json.loads((ROOT / "examples" / "what_if.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
    for needed in (
        "np.random.default_rng(",
        "slaclock.evaluate_frame(tickets, NOW, BASIC_PLAN)",
        'BASIC_PLAN.with_calendar(argentina(hours="08:00-18:00"))',
        "BASIC_PLAN.with_targets(major=timedelta(hours=4))",
        "BASIC_PLAN.with_calendar(argentina(non_working_days=False))",
        "slaclock.what_if(",
        "result.summary",
        "result.overall",
        "result.flips",
        "result.plot_breach_rates()",
        "result.plot_fraction_used()",
    ):
        assert needed in code, needed
