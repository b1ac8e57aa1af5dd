"""The stance model file a bank names (``stance_model:``): reading and checking it.

The file is JSON, made by ``benchmarks/train_stance.py``: ``format`` ("interview-coach stance
model"), ``version`` (1), ``threshold``, ``bias``, ``weights`` (feature -> weight), ``themes``
(theme ids), ``theme_bias`` (one per theme), ``theme_weights`` (feature -> one weight per theme)
and ``trained_on`` (notes). What the weights mean is ``interview_coach.scoring.stance``'s
business; this module only reads them, so that loading a bank never imports the scorer.
"""

from __future__ import annotations

import json
import math
import re
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
class StanceWeights:
    """The weights of a stance model file."""

    threshold: float
    bias: float
    weights: dict[str, float]
    themes: list[str]
    theme_bias: list[float]
    theme_weights: dict[str, list[float]]
    source: str = ""


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
        source=source,
    )


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
