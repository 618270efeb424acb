"""search: every text field the tool shows is found, with its field, a snippet and the match."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal, Union, get_args, get_origin

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from natopartners import queries
from natopartners.dates import PartialDate
from natopartners.loading import bundled_dataset, load_file
from natopartners.lookup import fold
from natopartners.models import URL_PATTERN, Dataset
from natopartners.search import CONTEXT, ELLIPSIS, Hit, Rank, search
from tests.conftest import FIXTURES, Invoke

BUNDLED = bundled_dataset()
MINI = load_file(FIXTURES / "mini.toml")

# Text fields the schema has that search leaves out, each with the reason. The completeness
# test fails for a text field that is neither searched nor listed here, and for a stale entry.
NOT_SEARCHED = {
    "DatasetInfo.title": "the data file's own description, shown in a caption, not a record",
    "DatasetInfo.version": "the data file's own description, not a record",
    "DatasetInfo.description": "the data file's own description, not a record",
    "Source.url": "a link, not text",
    "Citation.source": "names another record by id; that record is found by its own text",
    "ProgrammePeriod.value": "names a glossary term by id, which is found by its own text",
    "Contribution.operation": "names an operation by id, which is found by its own text",
    "Operation.hosts": "names partners by id, which are found by their own text",
    "Event.partners": "names partners by id, which are found by their own text",
    "Event.operations": "names operations by id, which are found by their own text",
    "Event.terms": "names glossary terms by id, which are found by their own text",
    "Dispute.record": "names the record the dispute concerns, under which it is found",
    "Dispute.id": "never shown: a dispute is found by its value and summary",
    "Dispute.field": "the name of a field of the schema (start, summary), not the data's words",
    "Citation.section": "a heading of the cited document (Introduction), cited by dozens",
    "RelationshipPeriod.value": "a closed vocabulary: its labels are the tool's words",
    "Event.kind": "a closed vocabulary: its labels are the tool's words",
    "Source.grade": "a closed vocabulary: its labels are the tool's words",
}
# Whole tables left out, with why.
NOT_SEARCHED_TABLES = {
    "countries": "the rest of the world is outside the subject: show answers each country, "
    "list --relationship lists them",
}
KINDS = {"partners": "partner", "operations": "operation", "events": "event", "terms": "term"}


def folded_match(hit: Hit) -> str:
    start, end = hit.match
    return fold(hit.text[start:end])


def ids(hits: list[Hit]) -> list[tuple[str, str]]:
    return [(hit.kind, hit.id) for hit in hits]


# --- the searches of the issue, on the bundled data ---------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "ident", "field"),
    [
        ("gendarmes", "partner", "argentina", "contributions[1].note"),
        ("Bagram", "partner", "korea", "contributions[0].note"),
        ("formally closed at a ceremony", "partner", "korea", "disputes[korea-prt-end].summary"),
        ("Uruzgan", "partner", "australia", "contributions[0].title"),
    ],
)
def test_finds_notes_disputes_and_contributions(
    text: str, kind: str, ident: str, field: str
) -> None:
    hit = next(h for h in search(BUNDLED, text) if (h.kind, h.id) == (kind, ident))
    assert (hit.field, hit.rank) == (field, Rank.DETAIL)
    assert folded_match(hit) == fold(text)


def test_highlights_the_original_text_across_punctuation() -> None:
    hit = next(h for h in search(BUNDLED, "ban ki moon") if h.kind == "event")
    start, end = hit.match
    assert hit.text[start:end] == "Ban Ki-moon"


def test_highlights_the_original_text_across_accents() -> None:
    hit = next(h for h in search(BUNDLED, "la nacion") if h.kind == "source")
    start, end = hit.match
    assert hit.text[start:end] == "La Nación"


def test_name_beats_id_and_names_rank_first() -> None:
    hits = search(BUNDLED, "KOR")
    korea = next(h for h in hits if h.id == "korea")
    assert (korea.field, korea.text, korea.rank) == ("name", "Republic of Korea", Rank.NAME)
    ranks = [h.rank for h in hits]
    assert ranks == sorted(ranks)
    assert Rank.DETAIL in ranks or Rank.TEXT in ranks


def test_one_hit_per_record_in_data_order_within_a_rank() -> None:
    hits = search(BUNDLED, "isaf")
    assert len(set(ids(hits))) == len(hits)
    order = {(k, r.id): i for i, (k, r) in enumerate(_every_record(BUNDLED))}
    for rank in Rank:
        positions = [order[(h.kind, h.id)] for h in hits if h.rank == rank]
        assert positions == sorted(positions)
    assert (hits[0].kind, hits[0].id, hits[0].field) == ("operation", "isaf", "acronym")


def _every_record(data: Dataset) -> Iterator[tuple[str, Any]]:
    for kind in ("partners", "operations", "events", "terms", "sources"):
        for record in getattr(data, kind):
            yield KINDS.get(kind, "source"), record


def test_empty_text_finds_nothing() -> None:
    assert search(BUNDLED, " - ") == []


# --- snippets ----------------------------------------------------------------------------


def _one_event(summary: str) -> Dataset:
    """MINI with its first event's summary replaced."""
    events = [MINI.events[0].model_copy(update={"summary": summary}), *MINI.events[1:]]
    return MINI.model_copy(update={"events": events})


def test_snippet_cuts_long_text_on_word_boundaries() -> None:
    before = " ".join(f"w{i:02d}" for i in range(40))  # 159 characters of 3-letter words
    after = " ".join(f"v{i:02d}" for i in range(40))
    hit = search(_one_event(f"{before}, the needle here; {after}"), "needle here")[0]
    start, end = hit.match
    assert hit.text[start:end] == "needle here"
    assert hit.text.startswith(ELLIPSIS + "w")
    assert hit.text.endswith(" v13" + ELLIPSIS)
    left, right = hit.text[1:start], hit.text[end:-1]
    assert len(left) <= CONTEXT < len(left) + 4  # the next word would go past the context
    assert len(right) <= CONTEXT < len(right) + 4
    assert f"{left}needle here{right}" in f"{before}, the needle here; {after}"


def test_snippet_keeps_short_text_whole_and_collapses_whitespace() -> None:
    hit = search(_one_event("Talks\n\nbegan   in  Ca\u0301diz;\tthen more."), "cadiz then")[0]
    assert hit.text == "Talks began in Ca\u0301diz; then more."
    start, end = hit.match
    assert hit.text[start:end] == "Ca\u0301diz; then"


@pytest.mark.parametrize(
    ("text", "query", "highlighted"),
    [
        ("Straße des 17. Juni", "strasse", "Straße"),  # one character folds to two
        ("Straße des 17. Juni", "strasse des", "Straße des"),
        ("the ½ share", "1 2 share", "½ share"),
        ("An İstanbul talk", "istanbul", "İstanbul"),
        ("Côte d'Ivoire", "cote d ivoire", "Côte d'Ivoire"),
        ("snake_case words", "case words", "case words"),
        ("Nacio\u0301n", "nacio", "Nacio\u0301"),  # an accent after the match goes with it
    ],
)
def test_match_maps_folded_offsets_back(text: str, query: str, highlighted: str) -> None:
    hit = search(_one_event(text), query)[0]
    start, end = hit.match
    assert hit.text[start:end] == highlighted


TEXT = st.text(
    alphabet=st.sampled_from(
        [*"abcKk ßs-_.,'\n\t", "é", "e", "\u0301", "İ", "\u0131", "½", "⑴", "\u212a", "ﬁ"]
    ),
    min_size=1,
    max_size=40,
)


@given(TEXT, TEXT)
@settings(max_examples=300, deadline=None)
def test_found_exactly_when_the_folded_text_contains_the_query(text: str, query: str) -> None:
    """The ASCII shortcut and the fold-and-map path agree with the definition: the folded
    query where a word of the folded text begins."""
    wanted = fold(query)
    assume(wanted and f" {wanted}" not in " " + fold("decade Talks begin"))  # id and title
    found = [h for h in search(_one_event(text), query) if h.id == "decade"]
    assert bool(found) == (f" {wanted}" in f" {fold(text)}")
    for hit in found:
        assert hit.field == "summary"
        assert wanted in folded_match(hit)
        assert "  " not in hit.text and "\n" not in hit.text


# --- completeness: every text field of the schema -----------------------------------------


@dataclass(frozen=True)
class Leaf:
    """A text field of the schema, where the built document has it, and its unique token."""

    schema: str  # Model.field
    where: tuple[str | int, ...]  # its place in the document
    token: str | None  # None for a closed vocabulary


class Builder:
    """Builds a valid document from the schema, every text field holding a unique token;
    optional dates and flags are left out (undated periods count as begun)."""

    SPECIAL: ClassVar[dict[str, str]] = {
        r"^[A-Z]{2}$": "QJ",
        r"^[A-Z]{3}$": "ZWX",
        URL_PATTERN: "https://example.org/",
    }

    def __init__(self) -> None:
        self.leaves: list[Leaf] = []

    def model(self, model: type[BaseModel], where: tuple[str | int, ...]) -> dict[str, Any]:
        document = {}
        for name, info in model.model_fields.items():
            found = self.value(
                info.annotation, list(info.metadata), f"{model.__name__}.{name}", (*where, name)
            )
            if found is not None:
                document[name] = found
            else:
                assert not info.is_required(), f"no value made for {model.__name__}.{name}"
        return document

    def value(
        self, annotation: Any, metadata: list[Any], schema: str, where: Any, optional: bool = False
    ) -> Any:
        origin = get_origin(annotation)
        if origin in (Union, types.UnionType):
            (annotation,) = [a for a in get_args(annotation) if a is not type(None)]
            return self.value(annotation, metadata, schema, where, optional=True)
        if origin is Annotated:
            annotation, *more = get_args(annotation)
            return self.value(annotation, [*metadata, *more], schema, where, optional)
        if origin in (list, tuple):  # the models hold the file's lists as tuples
            return [self.value(get_args(annotation)[0], [], schema, (*where, 0))]
        if origin is Literal:
            self.leaves.append(Leaf(schema, where, None))
            return get_args(annotation)[0]
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return self.model(annotation, where)
        if annotation is str:
            return self.text(metadata, schema, where)
        if annotation is PartialDate:
            return None if optional else "2000"
        assert annotation is bool, f"{schema}: {annotation} is new to this test"
        return None  # flags keep their defaults

    def text(self, metadata: list[Any], schema: str, where: tuple[str | int, ...]) -> str:
        pattern = next((m.pattern for m in metadata if getattr(m, "pattern", None)), None)
        token = f"tok{len(self.leaves):03d}"
        if pattern in self.SPECIAL:
            special = self.SPECIAL[pattern]
            token = special + token if special.startswith("http") else special
        elif schema == "Dispute.record":
            token = "partners.tok"  # made to name the partner below
        self.leaves.append(Leaf(schema, where, token))
        return token


def _built() -> tuple[Dataset, list[Leaf]]:
    builder = Builder()
    document = builder.model(Dataset, ())
    document["disputes"][0]["record"] = f"partners.{document['partners'][0]['id']}"
    return Dataset.model_validate(document), builder.leaves


BUILT, LEAVES = _built()


def _expected(data: Dataset, where: tuple[str | int, ...]) -> tuple[str, str, str]:
    """The hit a token at ``where`` must give: kind, id, field path."""
    kind, index, *rest = where
    assert isinstance(kind, str) and isinstance(index, int)
    path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in rest)
    if kind == "disputes":
        dispute = data.disputes[index]
        concerned, ident = dispute.record.split(".")
        return KINDS[concerned], ident, f"disputes[{dispute.id}]{path}"
    record = getattr(data, kind)[index]
    return KINDS.get(kind, "source"), record.id, path.lstrip(".")


def test_every_text_field_is_searched_or_listed_with_a_reason() -> None:
    schema = {leaf.schema for leaf in LEAVES}
    assert set(NOT_SEARCHED) <= schema, "stale entries"
    assert set(NOT_SEARCHED_TABLES) <= {leaf.where[0] for leaf in LEAVES}, "stale tables"
    assert all(leaf.token for leaf in LEAVES if leaf.schema not in NOT_SEARCHED), "vocabulary"
    found = {}
    for leaf in LEAVES:
        if leaf.token is None:
            continue
        hits = search(BUILT, leaf.token)
        if leaf.where[0] in NOT_SEARCHED_TABLES:
            table, index = leaf.where[:2]
            assert isinstance(table, str) and isinstance(index, int)
            left_out = getattr(BUILT, table)[index].id
            assert [h for h in hits if h.id == left_out] == [], leaf
        elif leaf.schema in NOT_SEARCHED:
            assert hits == [], leaf
        else:
            found[leaf.schema] = [(h.kind, h.id, h.field) for h in hits]
            assert found[leaf.schema] == [_expected(BUILT, leaf.where)], leaf
    issue = {"RelationshipPeriod.note", "ProgrammePeriod.note", "Contribution.title"}
    assert issue | {"Contribution.note", "Dispute.value", "Dispute.summary"} <= set(found)


# --- random substrings of what the bundled data shows ----------------------------------------


def _shown(data: Dataset) -> list[tuple[str, str, str]]:
    """(kind, id, text) of every searched text of the records on the scene at the data's
    date, found by walking the records' fields, not by search's own list."""
    on = queries.moment(data)
    records: list[tuple[str, Any]] = [
        *(("partner", p) for p in data.partners if queries.on_the_scene(data, p, on)),
        *(("operation", o) for o in queries.operations_on(data, on)),
        *(("event", e) for e in data.events if e.date.first <= on),
        *(("term", t) for t in data.terms),
        *(("source", s) for s in data.sources),
    ]
    shown = [(kind, r.id, text) for kind, r in records for text in _texts(r)]
    present = {(kind, r.id) for kind, r in records}
    for d in data.disputes:
        kind, ident = d.record.split(".")
        if kind in KINDS and (KINDS[kind], ident) in present:  # not the rest of the world
            shown += [(KINDS[kind], ident, text) for text in _texts(d)]
    return shown


def _texts(model: BaseModel) -> Iterator[str]:
    for name in type(model).model_fields:
        if f"{type(model).__name__}.{name}" in NOT_SEARCHED:
            continue
        value = getattr(model, name)
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(item, str):
                yield item
            elif isinstance(item, BaseModel):
                yield from _texts(item)


SHOWN = _shown(BUNDLED)


@given(st.sampled_from(SHOWN), st.data())
@settings(max_examples=300, deadline=None)
def test_any_piece_of_a_shown_text_finds_its_record(
    shown: tuple[str, str, str], data: st.DataObject
) -> None:
    kind, ident, text = shown
    starts = [i for i, c in enumerate(text) if c.isalnum() and not text[i - 1 : i].isalnum()]
    assume(starts)
    start = data.draw(st.sampled_from(starts))  # where a word begins
    piece = text[start : data.draw(st.integers(start + 1, min(len(text), start + 40)))]
    wanted = fold(piece)
    if not wanted or f" {wanted}" not in f" {fold(text)}":
        return
    hits = search(BUNDLED, piece)
    assert (kind, ident) in ids(hits)
    assert all(wanted in folded_match(hit) for hit in hits)


def test_shown_texts_cover_what_the_issue_names() -> None:
    texts = {text for _, _, text in SHOWN}
    assert any("gendarmes" in t for t in texts)
    assert any("formally closed at a ceremony" in t for t in texts)


# --- as of a date ----------------------------------------------------------------------------


def test_as_of_leaves_out_what_had_not_begun() -> None:
    before = dt.date(1999, 1, 1)
    assert ("operation", "op") in ids(search(MINI, "test operation"))
    assert ("operation", "op") not in ids(search(MINI, "test operation", before))
    assert ("partner", "fixture") in ids(search(MINI, "people"))  # a contribution from 1999
    assert ("partner", "fixture") not in ids(search(MINI, "people", before))
    assert ("event", "summit") not in ids(search(MINI, "met", dt.date(2010, 11, 18)))
    assert ("term", "ipcp") in ids(search(MINI, "a programme", dt.date(1900, 1, 1)))


def test_as_of_leaves_out_period_notes_not_begun() -> None:
    fixture = MINI.partners[0]
    later = fixture.relationship[0].model_copy(
        update={"since": PartialDate.parse("2015"), "note": "Upgraded later."}
    )
    partner = fixture.model_copy(update={"relationship": [*fixture.relationship, later]})
    data = MINI.model_copy(update={"partners": [partner, *MINI.partners[1:]]})
    assert [h.field for h in search(data, "upgraded")] == ["relationship[1].note"]
    assert search(data, "upgraded", dt.date(2014, 12, 31)) == []


# --- names given to the wrong command -------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "not_in"),
    [("U.S.", "EU's"), ("a.b", "Australia becomes"), ("ship", "partnership")],
)
def test_a_query_is_found_where_a_word_begins(query: str, not_in: str) -> None:
    """Punctuation is ignored, but not word starts: "U.S." is not the end of "EU's"."""
    event = _one_event(f"Said: {not_in}.")
    assert [h for h in search(event, query) if h.id == "decade"] == []
    assert [h.id for h in search(_one_event(f"Said: {query} now."), query)] == ["decade"]


@pytest.mark.parametrize("query", ["(", ".", "-", "'"])
def test_a_query_of_punctuation_alone_is_a_usage_error(invoke: Invoke, query: str) -> None:
    result = invoke("search", query)
    assert result.exit_code == 2
    assert "has no letter or digit" in result.stderr
