"""Shared fixtures: every test runs with a private, temporary data directory."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from interview_coach._util import paths

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the data directory at a temporary folder so no test touches real user data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv(paths.ENV_HOME, str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg"))
    paths.set_home_override(None)
    yield home
    paths.set_home_override(None)


@pytest.fixture(scope="session")
def trainer() -> ModuleType:
    """benchmarks/train_stance.py as a module (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "_train_stance", REPO / "benchmarks" / "train_stance.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
