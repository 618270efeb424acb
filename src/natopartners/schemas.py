"""JSON Schemas: of the data file (from the models) and of what ``--json`` prints (the views)."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from natopartners import views
from natopartners.models import Dataset

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# What each command prints with --json, by the name its schema gets under $defs.
OUTPUTS: dict[str, Any] = {
    "list": list[views.PartnerRow],
    "show": views.PartnerDetail,
    "timeline": list[views.TimelineRow],
    "changes": list[views.TimelineRow],
    "operations": list[views.OperationRow],
    "operation": views.OperationDetail,
    "glossary": list[views.TermRow],
    "term": views.TermDetail,
    "sources": list[views.SourceRow],
    "search": list[views.SearchHit],
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
