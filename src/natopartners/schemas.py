"""JSON Schemas: of the data file (from the models) and of what ``--json`` prints (the rows)."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from natopartners import rows
from natopartners.models import Dataset

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# What each command prints with --json, by the name its schema gets under $defs.
OUTPUTS: dict[str, Any] = {
    "list": list[rows.PartnerRow],
    "show": rows.PartnerDetail,
    "timeline": list[rows.TimelineRow],
    "changes": list[rows.TimelineRow],
    "operations": list[rows.OperationRow],
    "operation": rows.OperationDetail,
    "glossary": list[rows.TermRow],
    "term": rows.TermDetail,
    "sources": list[rows.SourceRow],
    "search": list[rows.SearchHit],
}


def dataset_schema() -> dict[str, Any]:
    """The schema of a data file, e.g. for Taplo / Even Better TOML in an editor."""
    schema = Dataset.model_json_schema()
    schema["title"] = "natopartners data file"
    return {"$schema": DIALECT, **schema}


def output_schema() -> dict[str, Any]:
    """One schema for every command's JSON: ``$defs`` holds each command's output by name."""
    defs: dict[str, Any] = {}
    for name, shape in OUTPUTS.items():
        schema = TypeAdapter(shape).json_schema(ref_template="#/$defs/{model}")
        defs.update(schema.pop("$defs", {}))
        defs[name] = {"title": f"natopartners {name} --json", **schema}
    return {
        "$schema": DIALECT,
        "title": "natopartners --json output",
        "description": "The output of each command is described under $defs by command name; "
        "'operation' and 'term' are the one-record forms of operations and glossary.",
        "anyOf": [{"$ref": f"#/$defs/{name}"} for name in OUTPUTS],
        "$defs": defs,
    }
