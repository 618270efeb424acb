"""The closed vocabularies of the data: source grades, relationships and kinds of event.

Each is a ``Literal``, so the type checker knows every value, and the JSON Schemas of the data
file and of the output list them as enums.
"""

from __future__ import annotations

from typing import Literal

Grade = Literal["N", "G", "M", "W"]

# What a country is to NATO. The first four are the subject of the tool, held in the data's
# [[partners]]; the others are the rest of the world, held in [[countries]] and answered
# briefly: NATO's members and the partners of its regional frameworks.
SubjectRelationship = Literal["global-partner", "consulted", "operation-contributor", "applicant"]
WorldRelationship = Literal[
    "ally", "euro-atlantic-partner", "mediterranean-dialogue", "istanbul-cooperation-initiative"
]
Relationship = Literal[SubjectRelationship, WorldRelationship]

SUBJECT: tuple[SubjectRelationship, ...] = (
    "global-partner",
    "consulted",
    "operation-contributor",
    "applicant",
)
WORLD: tuple[WorldRelationship, ...] = (
    "ally",
    "euro-atlantic-partner",
    "mediterranean-dialogue",
    "istanbul-cooperation-initiative",
)
RELATIONSHIPS: tuple[Relationship, ...] = (*SUBJECT, *WORLD)

EventKind = Literal["summit", "ministerial", "policy", "dialogue", "statement", "operation"]

PeriodKind = Literal["relationship", "programme"]
TimelineKind = Literal[
    "dialogue",
    "statement",
    "policy",
    "summit",
    "ministerial",
    "relationship",
    "programme",
    "operation",
    "contribution",
]
# The order of entries of the same date on the timeline.
KIND_ORDER: tuple[TimelineKind, ...] = (
    "dialogue",
    "statement",
    "policy",
    "summit",
    "ministerial",
    "relationship",
    "programme",
    "operation",
    "contribution",
)

OperationStatus = Literal["not-begun", "ongoing", "ended"]
HitKind = Literal["partner", "operation", "event", "term", "source"]
Edge = Literal["start", "end"]
