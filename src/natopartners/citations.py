"""The data's sources as citations reference managers read: BibTeX and CSL-JSON.

Pure functions over :class:`~natopartners.models.Source` records: they return text or plain
JSON-ready data and print nothing. Both formats say only what the data says: the publisher
stands as a corporate author, the date is the one the source shows (published, else last
updated) to the precision it is known, and no accessed date is made up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the models are only read here: importing them costs start-up
    from natopartners.models import Source

__all__ = ["bibtex", "csl_json"]

# The cited sections of each source, by source id (e.g. the sections behind one answer).
Sections = Mapping[str, Sequence[str]]

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

# LaTeX's special characters, each as text that prints the character itself.
_LATEX_SPECIALS = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)
# Pairs the fonts join into another glyph (-- is a dash, `` and '' are quotes, !` is ¡):
# an empty group between the two keeps the characters as written.
_LIGATURE = re.compile(
    r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=<)(?=<)|(?<=>)(?=>)|(?<=,)(?=,)|(?<=[!?])(?=`)"
)


def bibtex(sources: Iterable[Source], *, sections: Sections | None = None) -> str:
    """One ``@misc`` entry per source, keyed by its id, in the given order.

    ``sections`` maps a source id to the sections cited from it, which the entry's note
    names. Text stays UTF-8, which biber and BibTeX parsers read; entries are separated by
    a blank line and the text ends in a newline (it is empty for no sources). A source given
    twice is cited once; two different sources with one id raise ValueError, as their keys
    would clash.
    """
    return "\n".join(
        _bibtex_entry(source, _sections_of(source, sections)) for source in _distinct(sources)
    )


def csl_json(
    sources: Iterable[Source], *, sections: Sections | None = None
) -> list[dict[str, Any]]:
    """One CSL-JSON ``webpage`` item per source, with its id as the item id, in the given order.

    The items are JSON-ready (``json.dumps`` them) and are what Zotero, pandoc and citeproc
    processors read. ``sections`` is as for :func:`bibtex`.
    """
    return [_csl_item(source, _sections_of(source, sections)) for source in _distinct(sources)]


def _distinct(sources: Iterable[Source]) -> list[Source]:
    """Each source once, in order: the sources behind an answer repeat, but a key must not."""
    seen: dict[str, Source] = {}
    for source in sources:
        if seen.setdefault(source.id, source) != source:
            raise ValueError(f"two different sources have the id {source.id!r}")
    return list(seen.values())


def _sections_of(source: Source, sections: Sections | None) -> list[str]:
    """The sections cited from a source, each once, in the order given."""
    return list(dict.fromkeys(sections.get(source.id, ()))) if sections else []


def _issued(source: Source) -> tuple[int, ...]:
    """Year, month and day of the date a citation gives, as far as they are known.

    The date is when the source was published, else its last update; a decade gives no
    parts, as it names no one year.
    """
    date = source.published or source.updated
    if date is None or date.first.year != date.last.year:
        return ()
    return (date.first.year, date.first.month, date.first.day)[: date.text.count("-") + 1]


def _note(source: Source, sections: Sequence[str]) -> str | None:
    """What a citation adds in its note: the last update and the sections cited, if any."""
    parts = []
    if source.updated:
        parts.append(f"Last updated {source.updated}")
    if sections:
        label = "Section cited" if len(sections) == 1 else "Sections cited"
        parts.append(f"{label}: {'; '.join(sections)}")
    return ". ".join(parts) or None


def _latex(text: str) -> str:
    """Text as LaTeX that prints it as written (non-ASCII stays as it is: UTF-8)."""
    return _LIGATURE.sub("{}", text.translate(_LATEX_SPECIALS))


def _bibtex_entry(source: Source, sections: Sequence[str]) -> str:
    """A source's ``@misc`` entry, ending in a newline.

    The title and the corporate author sit in an inner group, so styles neither change the
    title's case nor split the publisher into a person's name parts.
    """
    fields = [
        ("author", f"{{{{{_latex(source.publisher)}}}}}"),
        ("title", f"{{{{{_latex(source.title)}}}}}"),
        # A URL is read verbatim: the model lets no brace or backslash into one (models.Url).
        ("url", f"{{{source.url}}}"),
    ]
    parts = _issued(source)
    if parts:
        fields.append(("year", f"{{{parts[0]}}}"))
    if len(parts) > 1:
        fields.append(("month", _MONTHS[parts[1] - 1]))  # the styles' macro: they name it
    note = _note(source, sections)
    if note:
        fields.append(("note", f"{{{_latex(note)}}}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{source.id},\n{body}\n}}\n"


def _csl_item(source: Source, sections: Sequence[str]) -> dict[str, Any]:
    """A source's CSL-JSON item."""
    item: dict[str, Any] = {
        "id": source.id,
        "type": "webpage",
        "title": source.title,
        "author": [{"literal": source.publisher}],
        "publisher": source.publisher,
        "URL": source.url,
    }
    parts = _issued(source)
    if parts:
        item["issued"] = {"date-parts": [list(parts)]}
    note = _note(source, sections)
    if note:
        item["note"] = note
    return item
