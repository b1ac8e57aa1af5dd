"""The shipped JSON Schema equals the generated one and checks the shipped banks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from interview_coach.banks import loader
from interview_coach.banks.schema import (
    LIBRARY_SCHEMA_FILE,
    bank_json_schema,
    library_json_schema,
    schema_text,
    shipped_schema_path,
)

SCHEMA_LINE = "# yaml-language-server: $schema=bank.schema.json"
SHIPPED_BANKS = loader.builtin_bank_paths()


def validator(name: str = "bank.schema.json") -> jsonschema.protocols.Validator:
    """A validator for a shipped schema (itself checked against its draft)."""
    schema = json.loads(shipped_schema_path(name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_shipped_schema_equals_generated() -> None:
    shipped = shipped_schema_path().read_text(encoding="utf-8")
    assert shipped == schema_text(), "run: python -m interview_coach.banks.schema"


def test_shipped_library_schema_equals_generated() -> None:
    shipped = shipped_schema_path(LIBRARY_SCHEMA_FILE).read_text(encoding="utf-8")
    assert shipped == schema_text(library_json_schema()), "run: python -m interview_coach.banks.schema"


LIBRARIES = sorted(shipped_schema_path().parent.glob("themes/*.yaml"))


@pytest.mark.parametrize("path", LIBRARIES, ids=lambda p: p.name)
def test_shipped_theme_library_passes_its_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [e.message for e in validator(LIBRARY_SCHEMA_FILE).iter_errors(data)] == []
    assert list(validator().iter_errors(data)), "a theme library is not a bank"


def test_schema_uses_field_aliases() -> None:
    properties = bank_json_schema()["properties"]
    assert "schema" in properties and "schema_" not in properties
    assert bank_json_schema()["additionalProperties"] is False


@pytest.mark.parametrize("path", SHIPPED_BANKS, ids=lambda p: p.name)
def test_shipped_bank_passes_the_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [e.message for e in validator().iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize("path", SHIPPED_BANKS, ids=lambda p: p.name)
def test_shipped_bank_names_the_schema_for_editors(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE


def test_there_is_a_shipped_bank() -> None:
    assert SHIPPED_BANKS, "question_banks/*.yaml is empty"


def minimal_bank() -> dict[str, Any]:
    """The smallest bank the schema accepts."""
    return {
        "schema": 1, "id": "tiny", "title": "Tiny", "description": "A tiny bank.", "role": "Tester",
        "questions": [{"id": "q1", "prompt": "Why?", "model_answer": "Because."}],
    }


def test_schema_accepts_a_minimal_bank() -> None:
    assert list(validator().iter_errors(minimal_bank())) == []


@pytest.mark.parametrize(
    "where", ["top", "question", "theme"],
)
def test_schema_rejects_an_unknown_key(where: str) -> None:
    bank = minimal_bank()
    bank["themes"] = {"calm": {"label": "Calm", "description": "Stays calm.", "keywords": ["calm"]}}
    target = {"top": bank, "question": bank["questions"][0], "theme": bank["themes"]["calm"]}[where]
    target["promt"] = "typo"
    errors = list(validator().iter_errors(bank))
    assert errors and any("promt" in e.message for e in errors)


def test_schema_rejects_an_unknown_version() -> None:
    bank = minimal_bank()
    bank["schema"] = 3
    assert list(validator().iter_errors(bank))
