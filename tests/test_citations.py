"""Citations of sources: read back by a real BibTeX parser and rendered by a CSL processor."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from bibtexparser.entrypoint import parse_string
from bibtexparser.model import Entry
from citeproc import (  # type: ignore[import-untyped]
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped]
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from pylatexenc.latex2text import (  # type: ignore[import-untyped]
    LatexNodes2Text,
    MacroTextSpec,
    get_default_latex_context_db,
)

from natopartners.citations import bibtex, csl_json
from natopartners.loading import bundled_dataset
from natopartners.models import Source, forbidden
from tests.conftest import Invoke

SOURCES = bundled_dataset().sources
NON_ASCII = "Página/12 \u2013 Diálogo…"
SPECIALS = "& % $ # _ { } ~ ^ \\ -- `` '' << >> ,, !` ?`"


def _decoder() -> Any:
    """A LaTeX-to-text decoder; \\textasciicircum is the ASCII circumflex its name says (the
    default table gives the modifier letter U+02C6)."""
    context = get_default_latex_context_db()
    context.add_context_category(
        "ascii", prepend=True, macros=[MacroTextSpec("textasciicircum", "^")]
    )
    return LatexNodes2Text(latex_context=context)


DECODER = _decoder()


def decoded(entry: Entry, field: str) -> str:
    """A field's text as a reader sees it: braces and LaTeX escapes undone."""
    return str(DECODER.latex_to_text(entry[field]))


def parsed(text: str) -> list[Entry]:
    """The entries bibtexparser reads from the text, failing on any block it cannot read."""
    library = parse_string(text)
    assert library.failed_blocks == []
    return list(library.entries)


def source(**fields: Any) -> Source:
    """A source with the given fields over a plain, undated one."""
    plain = {
        "id": "test-1",
        "title": "A title",
        "publisher": "A publisher",
        "url": "https://example.org/page",
        "grade": "M",
    }
    return Source.model_validate(plain | fields)


def rendered_bibliography(items: list[dict[str, Any]]) -> list[str]:
    """The items rendered as plain text by citeproc-py in a style it bundles."""
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


def test_bibtex_of_every_bundled_source_reads_back_exactly() -> None:
    entries = parsed(bibtex(SOURCES))
    assert [entry.key for entry in entries] == [s.id for s in SOURCES]
    for entry, cited in zip(entries, SOURCES, strict=True):
        assert entry.entry_type == "misc"
        assert decoded(entry, "title") == cited.title
        assert decoded(entry, "author") == cited.publisher
        assert entry["url"] == cited.url
        date = cited.published or cited.updated
        if date is None:
            assert "year" not in entry.fields_dict
        else:
            assert entry["year"] == str(date.first.year)


def test_bibtex_entries_are_separated_by_a_blank_line_and_end_in_a_newline() -> None:
    text = bibtex(SOURCES[:3])
    assert text.count("}\n\n@misc{") == 2
    assert text.startswith("@misc{") and text.endswith("}\n")
    assert bibtex([]) == ""


def test_special_characters_read_back_as_written() -> None:
    cited = source(
        title=f"Title {SPECIALS} {NON_ASCII}",
        publisher=f"Publisher {SPECIALS}",
        url="https://example.org/a_b%20c?d=1&e=~f#g",
    )
    sections = {"test-1": [f"Section {SPECIALS}"]}
    [entry] = parsed(bibtex([cited], sections=sections))
    assert decoded(entry, "title") == cited.title
    assert decoded(entry, "author") == cited.publisher
    assert decoded(entry, "note") == f"Section cited: Section {SPECIALS}"
    assert entry["url"] == cited.url


def test_non_ascii_stays_utf8_in_bibtex() -> None:
    text = bibtex([source(title=NON_ASCII)])
    assert f"title = {{{{{NON_ASCII}}}}}" in text


@pytest.mark.parametrize("bad", ["{x}", "\\y", "<x>", 'a"b', "a|b", "a^b", "a`b", "a b"])
def test_a_url_holds_nothing_a_bibtex_field_or_a_markdown_link_would_end_at(bad: str) -> None:
    with pytest.raises(ValidationError, match="url"):
        source(url=f"https://example.org/{bad}")
    [entry] = parsed(bibtex([source(url="https://example.org/a_(b)?c=1&d=%7B")]))
    assert entry["url"] == "https://example.org/a_(b)?c=1&d=%7B"


# Control, format (bidi, zero-width), separator, private-use and unassigned characters and
# invisible fillers are refused by the model (models.forbidden); surrogates cannot be UTF-8.
LINE_CHARACTERS = st.characters(exclude_categories=["Cs"], exclude_characters="\n\t")


@given(st.text(LINE_CHARACTERS.filter(lambda c: forbidden(c) is None), min_size=1))
def test_any_printable_title_reads_back(title: str) -> None:
    [entry] = parsed(bibtex([source(title=title)]))
    assert decoded(entry, "title") == title


@pytest.mark.parametrize(
    ("dates", "year", "month", "parts"),
    [
        ({"updated": "2017-05-19"}, "2017", "may", [2017, 5, 19]),
        ({"updated": "2011-04"}, "2011", "apr", [2011, 4]),
        ({"published": "1998"}, "1998", None, [1998]),
        ({"published": "2010", "updated": "2011-04-02"}, "2010", None, [2010]),
    ],
)
def test_the_date_is_published_else_updated_to_its_precision(
    dates: dict[str, str], year: str, month: str | None, parts: list[int]
) -> None:
    cited = source(**dates)
    [entry] = parsed(bibtex([cited]))
    assert entry["year"] == year
    month_field = entry.fields_dict.get("month")
    assert (month_field and month_field.value) == month
    [item] = csl_json([cited])
    assert item["issued"] == {"date-parts": [parts]}


def test_a_decade_gives_no_year() -> None:
    cited = source(updated="1990s")
    [entry] = parsed(bibtex([cited]))
    assert "year" not in entry.fields_dict
    assert "month" not in entry.fields_dict
    assert decoded(entry, "note") == "Last updated 1990s"
    [item] = csl_json([cited])
    assert "issued" not in item
    assert item["note"] == "Last updated 1990s"


def test_an_undated_source_has_no_date_and_no_note() -> None:
    [entry] = parsed(bibtex([source()]))
    assert sorted(entry.fields_dict) == ["author", "title", "url"]
    [item] = csl_json([source()])
    assert sorted(item) == ["URL", "author", "id", "publisher", "title", "type"]


def test_notes_give_the_last_update_and_the_sections_cited_once_each() -> None:
    cited = source(updated="2017-05-19")
    sections = {"test-1": ["Partners", "Tools", "Partners"], "other": ["Ignored"]}
    expected = "Last updated 2017-05-19. Sections cited: Partners; Tools"
    [entry] = parsed(bibtex([cited], sections=sections))
    assert decoded(entry, "note") == expected
    [item] = csl_json([cited], sections=sections)
    assert item["note"] == expected


def test_keys_do_not_depend_on_what_else_is_cited() -> None:
    whole, items = bibtex(SOURCES), csl_json(SOURCES)
    for cited in SOURCES[::10]:
        assert bibtex([cited]) in whole
        assert csl_json([cited])[0] in items
    backwards = bibtex(reversed(SOURCES))
    assert backwards.strip().split("\n\n") == whole.strip().split("\n\n")[::-1]


def test_a_repeated_source_is_cited_once_and_a_clashing_id_refused() -> None:
    cited = source(title="One")
    assert bibtex([cited, cited]) == bibtex([cited])
    assert csl_json([cited, cited]) == csl_json([cited])
    with pytest.raises(ValueError, match="two different sources have the id 'test-1'"):
        bibtex([cited, source(title="Other")])


def test_csl_json_items_are_webpages_by_the_publisher() -> None:
    cited = SOURCES[0]
    [item] = csl_json([cited])
    assert item == {
        "id": cited.id,
        "type": "webpage",
        "title": cited.title,
        "author": [{"literal": cited.publisher}],
        "publisher": cited.publisher,
        "URL": cited.url,
        "issued": {"date-parts": [[2017, 5, 19]]},
        "note": "Last updated 2017-05-19",
    }
    assert cited.updated is not None and cited.updated.text == "2017-05-19"


def test_citeproc_renders_every_bundled_source() -> None:
    items = json.loads(json.dumps(csl_json(SOURCES)))
    rendered = rendered_bibliography(items)
    assert len(rendered) == len(SOURCES)
    for cited in SOURCES:
        assert any(
            text.startswith(cited.publisher)
            and cited.title in text
            and text.endswith(f"Available at: {cited.url}.")
            for text in rendered
        ), cited.id


def test_importing_the_module_imports_no_models_and_no_terminal_library() -> None:
    code = (
        "import sys, natopartners.citations; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'rich', 'typer'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\n"


# --- natopartners cite ----------------------------------------------------------------------


def test_cite_japan_gives_the_sources_show_japan_cites(invoke: Invoke) -> None:
    shown = json.loads(invoke("show", "japan", "--json").stdout)["cited_sources"]
    result = invoke("cite", "japan")
    assert result.exit_code == 0, result.output
    entries = parsed(result.stdout)
    assert [e.key for e in entries] == [s["id"] for s in shown]
    glob17 = next(e for e in entries if e.key == "glob17")
    assert "Sections cited: Introduction" in decoded(glob17, "note")


def test_cite_of_a_timeline_entry_renders_through_a_csl_processor(invoke: Invoke) -> None:
    result = invoke("cite", "madrid-summit-2022", "--style", "csl-json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    entry = json.loads(invoke("timeline", "--json").stdout)
    sources = next(row["sources"] for row in entry if row["id"] == "madrid-summit-2022")
    assert [item["id"] for item in items] == sources
    bibliography = " ".join(rendered_bibliography(items))
    assert all(item["URL"] in bibliography for item in items)


def test_cite_without_a_record_cites_every_source_and_is_stable(invoke: Invoke) -> None:
    first, second = invoke("cite"), invoke("cite")
    assert first.stdout == second.stdout
    assert len(parsed(first.stdout)) == len(bundled_dataset().sources)


@pytest.mark.parametrize(("name", "code"), [("isfa", 1), ("", 2)])
def test_cite_of_an_unknown_record_fails_cleanly(invoke: Invoke, name: str, code: int) -> None:
    result = invoke("cite", name) if name else invoke("cite", "--style", "apa")
    assert result.exit_code == code
    assert result.stdout == ""
    assert "Traceback" not in result.output
