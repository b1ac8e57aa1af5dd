"""The stance model file a bank names (``stance_model:``): reading and checking it.

The file is JSON, made by ``benchmarks/train_stance.py``: ``format`` ("interview-coach stance
model"), ``version`` (1), ``threshold``, ``bias``, ``weights`` (feature -> weight), ``themes``
(theme ids), ``theme_bias`` (one per theme), ``theme_weights`` (feature -> one weight per theme)
and ``trained_on`` (notes); optionally ``reading``, the theme reading: an object with
``threshold``, ``window`` (sentences read together), ``themes``, ``bias`` (one per theme) and
``weights`` (feature -> one weight per theme). What the weights mean is ``interview_coach.scoring.stance``'s
business; this module only reads them, so that loading a bank never imports the scorer.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

FORMAT = "interview-coach stance model"
VERSION = 1
_HEADER = re.compile(r'"format"\s*:\s*"interview-coach stance model"')
_HEADER_BYTES = 4096
MAX_BYTES = 64 * 1024 * 1024  # a stance model is a few MB; past this it is something else


class StanceModelError(ValueError):
    """A stance model file that cannot be read: the message names the file (and line)."""


@dataclass(frozen=True)
class ReadingWeights:
    """The theme reading of a stance model file: which themes a few sentences read as."""

    threshold: float
    window: int
    themes: list[str]
    bias: list[float]
    weights: dict[str, list[float]]


@dataclass(frozen=True)
class StanceWeights:
    """The weights of a stance model file."""

    threshold: float
    bias: float
    weights: dict[str, float]
    themes: list[str]
    theme_bias: list[float]
    theme_weights: dict[str, list[float]]
    source: str = ""
    reading: ReadingWeights | None = None


def check_stance_header(path: Path) -> str:
    """Why ``path`` cannot be a stance model ('' when it can): a quick look at its first bytes,
    made when a bank is loaded; ``read_stance_model`` reads it all when it is first used."""
    try:
        if not path.is_file():  # a folder, a pipe or a device would block or mislead
            return f"cannot read the stance model {path}: not a regular file"
        with path.open("rb") as handle:
            head = handle.read(_HEADER_BYTES).decode("utf-8", "replace")
    except OSError as error:
        return f"cannot read the stance model {path}: {error.strerror}"
    if not _HEADER.search(head):
        return (f'{path} is not a stance model: it should be the JSON file that '
                f'benchmarks/train_stance.py writes, starting {{"format": "{FORMAT}", ...')
    return ""


def read_stance_model(path: Path | str) -> StanceWeights:
    """Read and check a whole stance model file."""
    path = Path(path)
    try:
        if not path.is_file():
            raise StanceModelError(f"{path}: cannot read the stance model: not a regular file")
        if path.stat().st_size > MAX_BYTES:
            raise StanceModelError(f"{path}: too large for a stance model "
                                   f"(over {MAX_BYTES // (1024 * 1024)} MB)")
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise StanceModelError(f"{path}: cannot read the stance model: {error.strerror}") from None
    except UnicodeDecodeError:
        raise StanceModelError(f"{path}: the stance model is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise StanceModelError(
            f"{path}:{error.lineno}: the stance model is not valid JSON: {error.msg}") from None
    return _from_data(data, str(path))


def _from_data(data: object, source: str) -> StanceWeights:
    def bad(what: str) -> StanceModelError:
        return StanceModelError(f"{source}: not a stance model: {what}")

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise bad(f'expected a JSON object with "format": "{FORMAT}"')
    if data.get("version") != VERSION:
        raise bad(f"version {data.get('version')!r} is not {VERSION}")
    threshold, bias = data.get("threshold"), data.get("bias")
    if not _number(threshold) or not 0.0 < float(threshold) < 1.0:  # type: ignore[arg-type]
        raise bad('"threshold" must be a number between 0 and 1')
    if not _number(bias):
        raise bad('"bias" must be a number')
    weights = data.get("weights")
    if not isinstance(weights, dict) or not all(_number(w) for w in weights.values()):
        raise bad('"weights" must map features to numbers')
    themes = data.get("themes", [])
    theme_bias = data.get("theme_bias", [])
    rows = data.get("theme_weights", {})
    if not (isinstance(themes, list) and all(isinstance(t, str) for t in themes)):
        raise bad('"themes" must be a list of theme ids')
    if not (isinstance(theme_bias, list) and len(theme_bias) == len(themes)
            and all(_number(b) for b in theme_bias)):
        raise bad('"theme_bias" must give one number per theme')
    if not isinstance(rows, dict) or not all(
            isinstance(r, list) and len(r) == len(themes) and all(_number(w) for w in r)
            for r in rows.values()):
        raise bad('"theme_weights" must map features to one number per theme')
    return StanceWeights(
        threshold=float(threshold), bias=float(bias),  # type: ignore[arg-type]
        weights={str(k): float(v) for k, v in weights.items()},
        themes=list(themes), theme_bias=[float(b) for b in theme_bias],
        theme_weights={str(k): [float(w) for w in r] for k, r in rows.items()},
        source=source, reading=_reading(data.get("reading"), bad),
    )


def _reading(data: object, bad: Callable[[str], StanceModelError]) -> ReadingWeights | None:
    """The optional theme reading (None when the file has none)."""
    if data is None:
        return None
    if not isinstance(data, dict):
        raise bad('"reading" must be a JSON object')
    threshold, window = data.get("threshold"), data.get("window")
    themes, bias, rows = data.get("themes"), data.get("bias"), data.get("weights")
    if not _number(threshold) or not 0.0 < float(threshold) < 1.0:  # type: ignore[arg-type]
        raise bad('"reading": "threshold" must be a number between 0 and 1')
    if not isinstance(window, int) or isinstance(window, bool) or not 1 <= window <= 20:
        raise bad('"reading": "window" must be a whole number of sentences from 1 to 20')
    if not (isinstance(themes, list) and themes and all(isinstance(t, str) for t in themes)):
        raise bad('"reading": "themes" must be a list of theme ids')
    if not (isinstance(bias, list) and len(bias) == len(themes) and all(map(_number, bias))):
        raise bad('"reading": "bias" must give one number per theme')
    if not isinstance(rows, dict) or not all(
            isinstance(r, list) and len(r) == len(themes) and all(map(_number, r))
            for r in rows.values()):
        raise bad('"reading": "weights" must map features to one number per theme')
    return ReadingWeights(
        threshold=float(threshold), window=window, themes=list(themes),  # type: ignore[arg-type]
        bias=[float(b) for b in bias],
        weights={str(k): [float(w) for w in r] for k, r in rows.items()})


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
