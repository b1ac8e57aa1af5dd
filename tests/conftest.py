"""Shared fixtures: every test runs with a private, temporary data directory."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
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


def _benchmark_script(name: str) -> ModuleType:
    """benchmarks/NAME.py as a module (benchmarks/ is not a package), loaded once, so a test
    and the benchmark share one measure."""
    key = f"_benchmark_{name}"
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, REPO / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def benchmark_script() -> Callable[[str], ModuleType]:
    """Loads a script of benchmarks/ as a module: ``benchmark_script("themes")``."""
    return _benchmark_script


@pytest.fixture(scope="session")
def trainer() -> ModuleType:
    """benchmarks/train_stance.py as a module."""
    return _benchmark_script("train_stance")
