"""Every file the explorer serves ships in the package, so a plain ``pip install`` (not
only an editable one) serves the map's base map and scripts (#15)."""

import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXPLORE = ROOT / "app" / "explore"
PATTERNS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
    "package-data"
]["app.explore"]


@pytest.mark.parametrize(
    "name",
    sorted(
        p.relative_to(EXPLORE).as_posix()
        for folder in ("static", "templates")
        for p in (EXPLORE / folder).iterdir()
    ),
)
def test_each_served_file_is_package_data(name: str) -> None:
    assert any(fnmatch(name, pattern) for pattern in PATTERNS)
