"""The JSON Schema of the bank format, generated from :class:`interview_coach.models.Bank`.

Shipped as ``question_banks/bank.schema.json`` so an editor with the YAML language server
checks a bank while it is typed; ``python -m interview_coach.schema`` rewrites that file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from interview_coach import paths
from interview_coach.models import Bank

SCHEMA_FILE = "bank.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def bank_json_schema() -> dict[str, Any]:
    """The schema as a dictionary: field names by alias (``schema``, not ``schema_``)."""
    generated = Bank.model_json_schema(by_alias=True, mode="validation")
    header = {
        "$schema": DRAFT,
        "$id": "https://interview-coach.invalid/bank.schema.json",
        "title": "interview-coach question bank",
        "description": "A question bank for interview-coach, schema version 1 (one YAML file).",
    }
    generated.pop("title", None)
    generated.pop("description", None)
    return {**header, **generated}


def schema_text() -> str:
    """The schema as stable, indented JSON text ending with a newline."""
    return json.dumps(bank_json_schema(), indent=2, ensure_ascii=False) + "\n"


def shipped_schema_path() -> Path:
    """Where the schema is shipped next to the built-in banks."""
    return paths.builtin_banks_dir() / SCHEMA_FILE


def write_shipped_schema() -> Path:
    """Regenerate the shipped schema file (a maintainer's step after changing the models)."""
    from interview_coach.atomic import atomic_write_text

    target = shipped_schema_path()
    atomic_write_text(target, schema_text(), mode=0o644)
    return target


if __name__ == "__main__":
    print(write_shipped_schema())
