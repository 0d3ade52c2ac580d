"""Every Python block in README.md and docs/*.md runs, and every example script runs."""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_python_blocks_run(doc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocks = BLOCK.findall(doc.read_text(encoding="utf-8"))
    namespace: dict[str, object] = {"__name__": f"doc_{doc.stem}"}
    for k, code in enumerate(blocks):
        exec(compile(code, f"{doc.name}[block {k}]", "exec"), namespace)


def test_docs_have_examples() -> None:
    assert BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert BLOCK.findall((ROOT / "docs" / "calendar.md").read_text(encoding="utf-8"))


@pytest.mark.parametrize("script", sorted((ROOT / "examples").glob("*.py")), ids=lambda p: p.name)
def test_examples_run(script: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", [str(script)])
    runpy.run_path(str(script), run_name="__main__")


def test_benchmark_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The benchmark stays runnable (peers are optional); its timings are not asserted."""
    monkeypatch.setattr(sys, "argv", ["run.py", "--smoke"])
    with pytest.raises(SystemExit) as done:
        runpy.run_path(str(ROOT / "benchmarks" / "run.py"), run_name="__main__")
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "add 2 h" in out and "evaluate_many" in out
