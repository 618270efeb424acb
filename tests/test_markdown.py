"""Markdown output, rendered by GitHub's own renderer (cmark-gfm, through ``cmarkgfm``), shows
exactly the text of the data: every cell's text is the value, every link points at a URL the
value wrote (and reads as that URL), and nothing else is markup: no image, no HTML, no
emphasis, code, strike-through or table cell the data did not spell as text.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import cmarkgfm  # type: ignore[import-untyped]
import pytest
from cmarkgfm.cmark import Options  # type: ignore[import-untyped]
from hypothesis import example, given, settings
from hypothesis import strategies as st

from natopartners.models import forbidden
from natopartners.render import machine
from natopartners.render.markdown import table as markdown_table
from tests.conftest import FIXTURES, Invoke, json_of

# --- Rendering, as GitHub does -------------------------------------------------------------

# UNSAFE: raw HTML is passed through, so any that slipped into a cell shows up as a tag below
# (GitHub sanitises it, but HTML the data did not write is wrong in any case). The extensions
# are GitHub's: table, autolink, tagfilter, strikethrough, tasklist; and footnotes.
_OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES


def to_html(markdown: str) -> str:
    return str(cmarkgfm.github_flavored_markdown_to_html(markdown, options=_OPTIONS))


@dataclass
class Cell:
    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, text)


class _Table(HTMLParser):
    """The cells of the one table in an HTML document, and anything else found (``stray``):
    every tag but the table's own, ``<a href>`` and ``<br>``, and any text outside cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables = 0
        self.rows: list[list[Cell]] = []
        self.cell: Cell | None = None
        self.link: tuple[str, list[str]] | None = None
        self.stray: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables += 1
        elif tag in ("thead", "tbody"):
            pass
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td") and self.rows and self.cell is None and not attrs:
            self.cell = Cell()
            self.rows[-1].append(self.cell)
        elif tag == "br" and self.cell is not None and not attrs:
            self.cell.text += "\n"
            if self.link:
                self.stray.append("<br> inside a link")
        elif tag == "a" and self.cell is not None and self.link is None and len(attrs) == 1:
            name, href = attrs[0]
            if name != "href" or href is None:
                self.stray.append(f"<a {attrs}>")
            self.link = (href or "", [])
        else:
            self.stray.append(f"<{tag} {attrs}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td"):
            self.cell = None
        elif tag == "a" and self.cell is not None and self.link is not None:
            self.cell.links.append((self.link[0], "".join(self.link[1])))
            self.link = None
        elif tag not in ("table", "thead", "tbody", "tr", "br"):
            self.stray.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.text += data
            if self.link is not None:
                self.link[1].append(data)
        elif data.strip():
            self.stray.append(f"text outside the table: {data!r}")

    def handle_comment(self, data: str) -> None:
        self.stray.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.stray.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.stray.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.stray.append(f"<![{data}]>")


def cells_of(markdown: str) -> list[list[Cell]]:
    """The cells of the table ``markdown`` renders to; fails if it renders anything else."""
    parser = _Table()
    parser.feed(to_html(markdown))
    parser.close()
    assert parser.stray == [], markdown
    assert parser.tables == 1, markdown
    return parser.rows


# cmark-gfm writes a link's address with these characters as they are and every other one
# %-encoded (houdini_href_e.c; & and ' are safe once the HTML is read back).
_HREF_SAFE = frozenset(string.ascii_letters + string.digits + "-_.+!*'(),%#@?=;:/&$~")


def href(url: str) -> str:
    """The href cmark-gfm writes for a link to ``url``."""
    return "".join(c if c in _HREF_SAFE else "".join(f"%{b:02X}" for b in c.encode()) for c in url)


def link_is_honest(address: str, text: str, value: str) -> bool:
    """A link the data wrote: its text is in the value, and it points where the text says.

    That is a URL (``https://...``) linked to itself; or what GFM's autolinker makes of an
    e-mail address once the text is parsed, where no escape reaches: ``a@b.org`` to
    ``mailto:a@b.org``, and ``mailto:a@b.org`` or ``xmpp:a@b.org`` (and the odd spans its
    scanner takes around them) to themselves.
    """
    if not text or text not in value:
        return False
    if address == href(text):
        return "://" in text or "@" in text
    return address == "mailto:" + href(text) and "@" in text


def assert_shows(rows: Sequence[Mapping[str, Any]], fields: Sequence[str]) -> list[list[Cell]]:
    """Render ``rows`` as Markdown: every cell must read exactly as ``machine.cell`` spells the
    value, and every link in it must be one the value wrote."""
    markdown = markdown_table(rows, fields)
    table = cells_of(markdown)
    expected = [list(fields), *([machine.cell(row[name]) for name in fields] for row in rows)]
    assert [[c.text for c in row] for row in table] == expected, markdown
    for cells, values in zip(table, expected, strict=True):
        for got, value in zip(cells, values, strict=True):
            for address, text in got.links:
                assert link_is_honest(address, text, value), (markdown, address, text)
    return table


def shown(*values: str) -> list[Cell]:
    """The cells one row of ``values`` renders to (after checking them as ``assert_shows``)."""
    fields = [f"f{i}" for i in range(len(values))]
    return assert_shows([dict(zip(fields, values, strict=True))], fields)[1]


# --- Each construct --------------------------------------------------------------------------

MARKUP = [
    # links, images, footnotes, references
    "[click](javascript:alert(1))",
    "![img](http://x/y.png)",
    "[a link](<https://evil.example>) and [ref] [ref][] [x][ref]",
    "[^1] and [^1]: a footnote",
    "[ ] [x] a task",
    # autolinks, bare URLs
    "<https://evil.example>",
    "<javascript:alert(1)>",
    "<a@b.org>",
    "www.nato.int and www.nato.int/a_b_c*d*",
    "WWW.NATO.INT",
    "xhttps://x.org/a_b 1http://x.org/_a_ http://_x https:// ftp:x",
    # HTML and entities
    "<b>bold</b> <br> <script>alert(1)</script> <!-- comment --> <?php ?> <![CDATA[x]]>",
    '<a href="https://evil.example">x</a> <img src=x>',
    "&lt;b&gt; &amp; &#123; &#x41; &copy; &nbsp; &#0; &bogus; & && AT&T",
    # emphasis, code, strike-through, maths
    "*em* **strong** _em_ __strong__ ***both*** a*b*c a_b_c _a_*b* snake_case 1_000 é_é",
    "_leading trailing_ __x__y ‿_x_‿",
    "`code` ``co`de`` ```fence``` $`math`$",
    "~strike~ ~~strike~~ ~",
    "$x$ $$y$$ US$5 $",
    # cell and block structure
    "a | b || c \\| d \\\\| e",
    "| --- |",
    "\\ \\\\ \\* \\_ \\` \\[ trailing backslash \\",
    "# heading",
    "## heading ##",
    "> quote",
    "- item",
    "+ item",
    "* item",
    "1. item",
    "1) item",
    "---",
    "===",
    "    indented code",
    "```",
    "line one\nline two\n\nafter a blank line\n",
    "\n> quote on a new line\n- item\n# heading\n| a |",
    # what GitHub's site adds after Markdown, and other look-alikes
    ":smile: @someone #123",
    "  spaces at both ends  ",
    "\ttabs\t",
    " ",
    "\u00a0non-breaking\u00a0",
]


@pytest.mark.parametrize("value", MARKUP)
def test_markup_in_the_data_is_shown_as_text(value: str) -> None:
    (got,) = shown(value)  # links, if any, are to URLs the value wrote (checked there)
    if "://" not in value and "@" not in value:
        assert got.links == []


def test_an_image_is_its_text_and_a_link_to_the_address_it_wrote() -> None:
    (got,) = shown("![img](http://x/y.png)")
    assert got.links == [("http://x/y.png", "http://x/y.png")]


URLS = [
    "https://www.nato.int/cps/en/natohq/topics_49188.htm",
    "https://www.nato.int/cps/uk/natohq/topics_49188.htm?selectedLocale=en",
    "https://cybercemetery.unt.edu/archive/oilspill/20121020070516/http://www.nato.int/a_b.htm",
    "https://x/_a_*b*",
    "https://x/a*b*",
    "https://x.org/a_b_c_",
    "https://x.org/page.",
    "https://x.org/a_(b)",
    "https://x.org/a_(b))",
    "https://x.org/?q=a&amp;b=c&d=1;",
    "https://x.org/~user/$a$/`b`/[c]/{d}/|e|/^f^",
    "https://x.org/a\\b\\_c",
    "HTTPS://X.ORG/A_B",
    "http://x.org/<b>",
    "ftp://x.org/a_b",
    "https://x.org/ö_ü",
    "https://x.org/a@b.org",
    "https://x.org/www.y.org",
]


@pytest.mark.parametrize("url", URLS)
def test_a_url_that_is_a_whole_value_is_one_link_to_itself(url: str) -> None:
    (got,) = shown(url)
    if "<" in url:  # never part of a URL: the link ends before it
        assert [text for _, text in got.links] == [url[: url.index("<")]]
    else:
        assert got.links == [(href(url), url)]


@pytest.mark.parametrize(
    ("value", "links"),
    [
        ("see https://x.org/a_b.", ["https://x.org/a_b"]),
        (
            "(https://x.org/a_(b)) and https://y.org/_c_",
            ["https://x.org/a_(b)", "https://y.org/_c"],
        ),
        ("https://x.org/a*, *b*", ["https://x.org/a"]),
        ("<https://x.org/a_b>", ["https://x.org/a_b"]),
        ("at https://x.org/&amp; or", ["https://x.org/"]),
        ("https://a.org/x; https://b.org/y_z", ["https://a.org/x", "https://b.org/y_z"]),
        ('"https://x.org/q"', ["https://x.org/q"]),
        ("_https://x.org/a_b_", ["https://x.org/a_b"]),
        ("https://x.org/a_b\nhttps://y.org/c_d", ["https://x.org/a_b", "https://y.org/c_d"]),
        ("mail press@nato.int or mailto:x@y.org", ["press@nato.int", "mailto:x@y.org"]),
    ],
)
def test_a_url_in_prose_is_a_link_to_itself_as_gfm_ends_it(value: str, links: list[str]) -> None:
    (got,) = shown(value)
    assert [text for _, text in got.links] == links


def test_a_url_escaped_as_prose_would_point_elsewhere() -> None:
    """What the issue saw: ``topics\\_49188`` inside a bare URL is a link to ``%5C_``."""
    (bare,) = cells_of("| u |\n| --- |\n| https://x.org/topics\\_49188.htm |\n")[1]
    assert bare.links == [("https://x.org/topics%5C_49188.htm", "https://x.org/topics\\_49188.htm")]
    (ours,) = shown("https://x.org/topics_49188.htm")
    assert ours.links == [("https://x.org/topics_49188.htm", "https://x.org/topics_49188.htm")]


def test_each_value_keeps_its_own_cell() -> None:
    values = ["a | b", "|", "\\|", "c\\", "`|`", "<https://x.org/|>", ""]
    assert [c.text for c in shown(*values)] == values


def test_a_newline_is_a_line_break_and_nothing_else() -> None:
    assert "| a<br>b<br><br>c |" in markdown_table([{"f": "a\nb\n\nc"}], ["f"]).splitlines()
    (got,) = shown("a\nb\n\nc")
    assert got.text == "a\nb\n\nc"


def written(value: str) -> str:
    """The Markdown text of a cell holding ``value``."""
    line = markdown_table([{"f": value}], ["f"]).splitlines()[2]
    return line.removeprefix("| ").removesuffix(" |")


def test_what_markdown_would_not_misread_is_left_alone() -> None:
    """Escapes only where a character could be markup: names, dates, codes and most prose
    read as written in the Markdown text too."""
    for text in ("Japan", "new-zealand", "2010-11-19", "as_of", "US 5 (2009), #1!", "[bold]"):
        assert written(text) == text
    assert written("a_b _c_ [^1] [x](y)") == "a_b \\_c\\_ \\[^1] [x\\](y)"
    assert written("https://x.org/a_b") == "<https://x.org/a_b>"
    assert written(" a\tb\t") == "&#32;a\tb&#9;"


# --- Any text at all --------------------------------------------------------------------------

# What validation lets into a data file's text: anything printable, tabs and newlines.
PRINTABLE = st.characters(exclude_categories=["Cs"]).filter(lambda c: forbidden(c) is None)
TOKENS = [
    *"\\`*_~[]()<>|&#;$!:/.@^{}'\"=+-%?,wW x1é\u00a0\n\t ",
    *("http://", "https://", "HTTPS://", "ftp://", "www.", "mailto:", "a@b.co", "x.org"),
    *("&amp;", "&#123;", "&#x41;", "&lt;", "<b>", "</b>", "<br>", "<!--", "-->", "](", "]: "),
    *("![", "[^", "``", "~~", "$$", "**", "__", "\\|", "1. ", "# ", "> ", "- ", ":smile:"),
]
SOUP = st.lists(st.sampled_from(TOKENS), max_size=30).map("".join)


@given(st.lists(st.text(PRINTABLE, max_size=40), min_size=1, max_size=3))
@settings(max_examples=300, deadline=None)
@example(["https://x/_a_*b*", "[x](https://y)", "&lt;b&gt;"])
def test_any_printable_text_renders_as_itself(values: list[str]) -> None:
    shown(*values)


@given(st.lists(SOUP, min_size=1, max_size=3))
@settings(max_examples=1000, deadline=None)
@example(["www.x.org/_a_ https://x.org/a_b)_ a@b.co_ *https://x.org*"])
@example(["https://x.org/a&amp;;", "https://x.org/(a))))"])
def test_any_markup_soup_renders_as_itself(values: list[str]) -> None:
    shown(*values)


@given(
    st.integers(1, 3).flatmap(
        lambda width: st.lists(
            st.lists(st.text(PRINTABLE, max_size=12) | SOUP, min_size=width, max_size=width),
            max_size=4,
        )
    )
)
@settings(max_examples=300, deadline=None)
def test_any_table_keeps_each_value_in_its_own_cell(table: list[list[str]]) -> None:
    width = len(table[0]) if table else 1
    fields = [f"f{i}" for i in range(width)]
    assert_shows([dict(zip(fields, values, strict=True)) for values in table], fields)


def test_a_table_is_escaped_cell_by_cell_when_a_value_holds_a_separator() -> None:
    """No valid data holds a NUL or SOH (the separators of the one-pass escape); if a value did,
    each cell would still be escaped on its own and keep its place."""
    markdown = markdown_table([{"a": "x\x00_y_", "b": "\x01*z*"}], ["a", "b"])
    assert markdown.splitlines()[2] == "| x\x00\\_y\\_ | \x01\\*z\\* |"


# --- Every command, on the bundled data and on a hostile file ----------------------------------

COMMANDS = [
    ["list"],
    ["timeline"],
    ["show", "japan"],
    ["operations"],
    ["operations", "isaf"],
    ["glossary"],
    ["sources"],
    ["search", "piracy"],
    ["changes", "2010", "2020"],
]


def _rows(value: Any) -> list[dict[str, Any]]:
    return value if isinstance(value, list) else [value]


def assert_markdown_is_the_json(invoke: Invoke, args: list[str], data: Path | None = None) -> None:
    rows = _rows(json_of(invoke, *args, data=data))
    assert rows
    result = invoke(*args, "--format", "markdown", data=data)
    assert result.exit_code == 0, result.output
    table = cells_of(result.stdout)
    fields = list(rows[0])
    expected = [fields, *([machine.cell(row[name]) for name in fields] for row in rows)]
    assert [[c.text for c in cells] for cells in table] == expected
    for cells, values in zip(table, expected, strict=True):
        for got, value in zip(cells, values, strict=True):
            for address, text in got.links:
                assert link_is_honest(address, text, value), (address, text)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_renders_its_records_exactly(invoke: Invoke, args: list[str]) -> None:
    assert_markdown_is_the_json(invoke, args)


def test_every_source_url_is_a_working_link_to_itself(invoke: Invoke) -> None:
    """The issue's case: 64 of the 132 URLs then had an ``_``; each must link to itself."""
    sources = json_of(invoke, "sources")
    result = invoke("sources", "--format", "markdown", "--fields", "url")
    _header, *cells = cells_of(result.stdout)
    assert len(cells) == len(sources) >= 132
    assert sum("_" in s["url"] for s in sources) >= 64
    for (got,), source in zip(cells, sources, strict=True):
        assert got.links == [(source["url"], source["url"])]


HOSTILE = {
    'name = "Fixtureland"': 'name = "*Fixture* <b>land</b> [x](javascript:alert(1)) | _a_"',
    'official_name = "Republic of [bold]Fixture[/bold]"': (
        'official_name = "![img](http://x/y.png) &lt;b&gt; &amp; `c` ~s~ $m$ :smile: [^1]"'
    ),
}


def test_markup_in_a_data_file_is_shown_as_written(invoke: Invoke, tmp_path: Path) -> None:
    text = (FIXTURES / "mini.toml").read_text(encoding="utf-8")
    for old, new in HOSTILE.items():
        assert old in text
        text = text.replace(old, new)
    text = text.replace('url = "https://', 'url = "https://x.org/_a_*b*?u=https://')
    edited = tmp_path / "markup.toml"
    edited.write_text(text, "utf-8")
    for args in (["list"], ["show", "fixture"], ["sources"], ["search", "fixture"]):
        assert_markdown_is_the_json(invoke, args, data=edited)
    rows = json_of(invoke, "list", data=edited)
    assert "[x](javascript:alert(1))" in rows[0]["name"]


def test_html_parsing_reads_entities_back() -> None:
    """The checks above read text through html.parser; it decodes what cmark-gfm encodes."""
    (got,) = cells_of("| a |\n| --- |\n| &lt;b&gt; \\&amp; |\n")[1]
    assert got.text == html.unescape("<b> &amp;amp;")


@pytest.mark.parametrize(
    "url",
    [
        "http://www01.koreaherald.com/view.php?mp=28&np=276&ud=20110512",
        "https://example.org/?a=1&copy;=2",
        "https://example.org/?x=&#169;&y=&#xA9;",
        "https://example.org/?amp=&amp;",
    ],
)
def test_a_url_keeps_its_ampersands_unless_they_start_a_reference(url: str) -> None:
    """Only an & that CommonMark would read as a character reference is written &amp;: a
    query string's & stays as it is, for every renderer (markdown-it keeps &amp; in a link)."""
    table = assert_shows([{"url": url}], ["url"])
    assert [link for link, _ in table[1][0].links] == [url]
    written = markdown_table([{"url": url}], ["url"]).splitlines()[2]
    assert written.count("&amp;") == len(re.findall(r"&(?=[A-Za-z]\w*;|#)", url))
