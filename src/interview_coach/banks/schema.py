"""The JSON Schemas of the bank format, generated from the models in :mod:`interview_coach.banks.models`.

Shipped next to the built-in banks (``question_banks/bank.schema.json`` for banks,
``question_banks/theme_library.schema.json`` for the theme libraries they include) so an editor
with the YAML language server checks a file while it is typed. ``python -m
interview_coach.banks.schema`` rewrites both after a change to the models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from interview_coach._util import paths
from interview_coach.banks.models import Bank, ThemeLibrary

SCHEMA_FILE = "bank.schema.json"
LIBRARY_SCHEMA_FILE = "theme_library.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def bank_json_schema() -> dict[str, Any]:
    """The bank schema as a dictionary: field names by alias (``schema``, not ``schema_``)."""
    return _schema(Bank, SCHEMA_FILE, "interview-coach question bank",
                   "A question bank for interview-coach, schema version 1 (one YAML file).")


def library_json_schema() -> dict[str, Any]:
    """The schema of a theme library: only ``schema`` and ``themes``."""
    return _schema(ThemeLibrary, LIBRARY_SCHEMA_FILE, "interview-coach theme library",
                   "Themes shared by several banks through their 'include' list.")


def _schema(model: type[BaseModel], name: str, title: str, description: str) -> dict[str, Any]:
    generated = model.model_json_schema(by_alias=True, mode="validation")
    generated.pop("title", None)
    generated.pop("description", None)
    header = {
        "$schema": DRAFT,
        "$id": f"https://interview-coach.invalid/{name}",
        "title": title,
        "description": description,
    }
    return {**header, **generated}


def schema_text(schema: dict[str, Any] | None = None) -> str:
    """A schema (the bank's by default) as stable, indented JSON text ending with a newline."""
    return json.dumps(bank_json_schema() if schema is None else schema, indent=2, ensure_ascii=False) + "\n"


def shipped_schema_path(name: str = SCHEMA_FILE) -> Path:
    """Where a schema is shipped, next to the built-in banks."""
    return paths.builtin_banks_dir() / name


def write_shipped_schemas() -> list[Path]:
    """Regenerate the shipped schema files (a maintainer's step after changing the models)."""
    from interview_coach._util.atomic import atomic_write_text

    written = []
    for name, schema in ((SCHEMA_FILE, bank_json_schema()), (LIBRARY_SCHEMA_FILE, library_json_schema())):
        target = shipped_schema_path(name)
        atomic_write_text(target, schema_text(schema), mode=0o644)
        written.append(target)
    return written


if __name__ == "__main__":
    for written_path in write_shipped_schemas():
        print(written_path)
