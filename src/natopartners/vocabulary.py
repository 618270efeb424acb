"""The closed vocabularies of the data: source grades, relationships and kinds of event."""

from __future__ import annotations

from typing import Literal

Grade = Literal["N", "G", "M", "W"]
Relationship = Literal["global-partner", "consulted", "operation-contributor"]
EventKind = Literal["summit", "ministerial", "policy", "dialogue"]

GRADES: dict[Grade, str] = {
    "N": "NATO",
    "G": "government",
    "M": "press or think tank",
    "W": "weak",
}
# How a relationship reads in a sentence ("Colombia: partner across the globe").
RELATIONSHIP_LABELS: dict[str, str] = {
    "global-partner": "partner across the globe",
    "consulted": "consulted without a bilateral programme",
    "operation-contributor": "named beside NATO in NATO-led operations",
}

# How a relationship reads in a table's cell.
RELATIONSHIP_SHORT: dict[str, str] = {
    "global-partner": "Partner across the globe",
    "consulted": "Consulted",
    "operation-contributor": "Operation contributor",
}

TimelineKind = Literal[EventKind, "relationship", "programme", "operation", "contribution"]
# The order of entries of the same date on the timeline.
KIND_ORDER: tuple[TimelineKind, ...] = (
    "dialogue",
    "policy",
    "summit",
    "ministerial",
    "relationship",
    "programme",
    "operation",
    "contribution",
)
