"""``summits load`` shows a progress bar on a terminal, and only the summary elsewhere (#14)."""

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.factories import NO_SUMMIT, SOCHI_A, write

LOAD = [sys.executable, "-m", "app", "load"]
SUMMARY = (
    "articles read 4: 4 new, 0 unchanged, 0 failed; summits 3 new, "
    "0 merged into stored ones; 6 statements"
)
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# variables with which rich would treat a terminal as something else
TERMINAL_OVERRIDES = {"TTY_INTERACTIVE", "TTY_COMPATIBLE", "NO_COLOR", "FORCE_COLOR"}


def _inputs(folder: Path) -> list[str]:
    """The two seeds and two articles of ours: four articles, the last one sochi.txt."""
    folder.mkdir()
    write(folder, "ministers.txt", NO_SUMMIT)
    write(folder, "sochi.txt", SOCHI_A)
    return [str(SEEDS), str(folder)]


def _env(database_url: str) -> dict[str, str]:
    """The test's database, and a wide terminal whatever the caller's terminal settings."""
    own = {k: v for k, v in os.environ.items() if k not in TERMINAL_OVERRIDES}
    return {**own, "DATABASE_URL": database_url, "COLUMNS": "160", "TERM": "xterm"}


def test_load_on_a_terminal_shows_count_rate_times_and_file(
    database_url: str, tmp_path: Path
) -> None:
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [*LOAD, *_inputs(tmp_path / "in")],
        stdout=subprocess.PIPE,
        stderr=terminal,
        env=_env(database_url),
    )
    os.close(terminal)
    screen = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the child closed the terminal (EIO on Linux)
            break
        if not chunk:
            break
        screen += chunk
    os.close(controller)
    assert process.stdout is not None
    stdout = process.stdout.read().decode()
    assert process.wait(timeout=120) == 0
    frames = [ANSI.sub("", frame) for frame in re.split(r"[\r\n]+", screen.decode())]
    last = next(frame for frame in reversed(frames) if "loading" in frame)
    assert re.search(
        r"loading \S+ 4/4 \d+\.\d articles/s \d:\d\d:\d\d eta 0:00:00 sochi\.txt", last
    ), last
    assert stdout.splitlines() == [SUMMARY], "the summary goes to stdout, as in a pipe"


@pytest.mark.parametrize("json_summary", [False, True])
def test_load_in_a_pipe_prints_the_summary_only(
    database_url: str, tmp_path: Path, json_summary: bool
) -> None:
    args = [*LOAD, *_inputs(tmp_path / "in"), *(["--json"] if json_summary else [])]
    result = subprocess.run(
        args, capture_output=True, text=True, env=_env(database_url), timeout=120, check=False
    )
    assert result.returncode == 0
    assert result.stderr == ""
    assert "articles/s" not in result.stdout and "\x1b[" not in result.stdout
    if json_summary:
        assert result.stdout.startswith('{"read": 4, "new": 4, "unchanged": 0, "failed": 0,')
    else:
        assert result.stdout.splitlines() == [SUMMARY]
