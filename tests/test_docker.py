"""The container's start-up and its pinned dependencies (#12), checked without a Docker
engine: the start script runs here against a real SQLite file, and the lock file is
read against pyproject.toml and the installed packages' own requirements."""

import os
import re
import sqlite3
import subprocess
import sys
import tomllib
from importlib.metadata import requires
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT
from tests.factories import SOCHI_A, write

LOCK = ROOT / "requirements.lock"
DOCKERFILE = ROOT / "Dockerfile"
PINNED = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", re.MULTILINE)
IMAGE_PYTHON = "3.11"  # the Dockerfile's base image
SEED_ARTICLES = 2


def _lock() -> dict[str, str]:
    """Package name -> pinned version, from the lock file."""
    return {canonicalize_name(name): version for name, version in PINNED.findall(LOCK.read_text())}


def _runtime_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(line) for line in project["dependencies"]]


def _extra_requirements(requirement: Requirement) -> list[Requirement]:
    """What the extras asked for (``uvicorn[standard]``) add, on the image's Linux Python."""
    environment = {"python_version": IMAGE_PYTHON, "sys_platform": "linux"}
    found = []
    for line in requires(requirement.name) or []:
        extra = Requirement(line)
        marker = extra.marker or Marker("python_version >= '3'")
        if any(
            marker.evaluate({**environment, "extra": name}) and "extra" in str(marker)
            for name in requirement.extras
        ):
            found.append(extra)
    return found


@pytest.mark.parametrize("requirement", _runtime_requirements(), ids=str)
def test_lock_pins_every_runtime_dependency_and_its_extras(requirement: Requirement) -> None:
    lock = _lock()
    version = lock.get(canonicalize_name(requirement.name))
    assert version is not None, f"{requirement.name} is not in requirements.lock"
    assert requirement.specifier.contains(version, prereleases=True), (requirement, version)
    for extra in _extra_requirements(requirement):
        assert canonicalize_name(extra.name) in lock, f"{extra.name} ({requirement}) not locked"


def test_every_locked_package_has_a_hash() -> None:
    entries = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", LOCK.read_text().split("\n\n")[-1])
    pinned = [entry for entry in entries if PINNED.match(entry)]
    assert len(pinned) == len(_lock()) > 20
    for entry in pinned:
        assert "--hash=sha256:" in entry, entry.splitlines()[0]


def test_image_installs_from_the_lock_before_copying_the_code() -> None:
    lines = [line.strip() for line in DOCKERFILE.read_text().splitlines()]
    install = lines.index("RUN pip install --no-cache-dir --require-hashes -r requirements.lock")
    assert lines.index("COPY requirements.lock ./") < install < lines.index("COPY app/ app/")
    assert any(line.startswith("HEALTHCHECK ") for line in lines)
    assert "/health" in DOCKERFILE.read_text().split("HEALTHCHECK", 1)[1]
    assert lines[-1] == 'CMD ["bash", "scripts/docker_start.sh"]'


def _prestart(database: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the container's start script (before the server) on a SQLite file."""
    bin_dir = str(Path(sys.executable).parent)  # where `summits` is installed
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / "prestart.sh")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            **{name: value for name, value in os.environ.items() if name != "LOAD_SEEDS"},
            "PATH": bin_dir + os.pathsep + os.environ["PATH"],
            "DATABASE_URL": f"sqlite:///{database}",
            **env,
        },
        check=False,
        timeout=300,
    )


def _articles(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        return [row[0] for row in connection.execute("SELECT source FROM article ORDER BY id")]


def test_seeds_are_loaded_into_an_empty_database_when_asked(tmp_path: Path) -> None:
    database = tmp_path / "summits.db"
    result = _prestart(database, LOAD_SEEDS="1")
    assert result.returncode == 0, result.stderr
    assert len(_articles(database)) == SEED_ARTICLES
    again = _prestart(database, LOAD_SEEDS="1")  # a restart finds them and adds nothing
    assert again.returncode == 0, again.stderr
    assert "the database holds 2 articles: nothing loaded" in again.stdout
    assert len(_articles(database)) == SEED_ARTICLES


def test_seeds_are_not_loaded_into_a_database_holding_articles(tmp_path: Path) -> None:
    database = tmp_path / "summits.db"
    own = write(tmp_path, "sochi.txt", SOCHI_A)
    loaded = subprocess.run(
        [sys.executable, "-m", "app", "load", "--quiet", str(own)],
        env={**os.environ, "DATABASE_URL": f"sqlite:///{database}"},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert loaded.returncode == 0, loaded.stderr
    result = _prestart(database, LOAD_SEEDS="1")
    assert result.returncode == 0, result.stderr
    assert _articles(database) == ["sochi.txt"]


@pytest.mark.parametrize("asked", [None, "0", ""])
def test_seeds_are_not_loaded_unless_asked(tmp_path: Path, asked: str | None) -> None:
    database = tmp_path / "summits.db"
    env = {} if asked is None else {"LOAD_SEEDS": asked}
    result = _prestart(database, **env)
    assert result.returncode == 0, result.stderr
    assert _articles(database) == []  # migrated (the table exists) and empty
