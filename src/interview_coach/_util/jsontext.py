"""JSON text that is safe to print: readable Unicode, but nothing a terminal would act on.

``json.dumps(..., ensure_ascii=False)`` escapes C0 controls but writes DEL, the C1 controls
(U+009B is a one-character CSI), bidi overrides, line separators and lone surrogates as they
are. :func:`dumps` escapes those as ``\\uXXXX``, which is the same JSON value.
"""

from __future__ import annotations

import json
import re
from typing import Any

# These can only appear inside JSON strings, where \\uXXXX means the same character.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(value: Any, **options: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, **options)`` with unsafe characters escaped."""
    return _UNSAFE.sub(_escape, json.dumps(value, ensure_ascii=False, **options))
