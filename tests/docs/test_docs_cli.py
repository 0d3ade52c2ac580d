"""Every command-line example in docs/*.md runs, and prints what the page shows.

A ```console block holds ``$ command`` lines, each followed by its expected
output (stdout, then stderr, as a terminal shows them for these commands);
``[exit status N]`` ends the output of a command that exits with N (else it
must exit 0), and ``...`` in a line stands for any text (versions of the
installed data). Blocks with a ``title="NAME"`` are the page's files: they are
written to a fresh folder, where the page's commands run in bash, with the
``slaclock`` of this Python on the PATH.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "docs").glob("*.md"))
CONSOLE = re.compile(r"^```console\n(.*?)^```", re.S | re.M)
FILE = re.compile(r'^```\w*[ \t]+title="([^"]+)"\n(.*?)^```', re.S | re.M)
EXIT = re.compile(r"\[exit status (\d+)\]")


@dataclass(frozen=True)
class Example:
    page: str
    command: str
    expected: tuple[str, ...]
    code: int


def examples(page: Path) -> list[Example]:
    found = []
    for block in CONSOLE.findall(page.read_text(encoding="utf-8")):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, *lines = chunk.rstrip("\n").split("\n")
            code = 0
            if lines and EXIT.fullmatch(lines[-1]):
                code = int(EXIT.fullmatch(lines.pop())[1])  # type: ignore[index]
            found.append(Example(page.name, command, tuple(lines), code))
    return found


EXAMPLES = [e for page in PAGES for e in examples(page)]


def _matches(expected: str, actual: str) -> bool:
    pattern = ".*".join(re.escape(part) for part in expected.split("..."))
    return re.fullmatch(pattern, actual) is not None


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A folder per page, holding the page's files."""
    out = {}
    for page in PAGES:
        folder = tmp_path_factory.mktemp(page.stem)
        for name, content in FILE.findall(page.read_text(encoding="utf-8")):
            (folder / name).write_text(content, encoding="utf-8")
        out[page.name] = folder
    return out


def test_the_command_line_page_shows_every_command() -> None:
    shown = " ".join(e.command for e in EXAMPLES if e.page == "cli.md")
    for command in ("deadline", "elapsed", "calendar", "holidays", "status", "--help", "--ics"):
        assert f" {command}" in shown, command


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e.page}: {e.command}")
def test_console_example(example: Example, folders: dict[str, Path]) -> None:
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    env.update(COLUMNS="80", PYTHONUTF8="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    done = subprocess.run(
        ["bash", "-c", example.command],
        cwd=folders[example.page],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    actual = (
        (done.stdout + done.stderr).rstrip("\n").split("\n") if done.stdout + done.stderr else []
    )
    assert done.returncode == example.code, done.stderr
    assert len(actual) == len(example.expected), "\n".join(actual)
    for want, got in zip(example.expected, actual):
        assert _matches(want, got), f"\nwanted: {want}\ngot:    {got}"
