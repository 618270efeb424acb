"""Pinned facts of the bundled dataset: what the 2017 page says, no more, in our own words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from natopartners import lookup, queries
from natopartners.models import Dataset, Operation, PartialDate, Partner, Sourced, Term
from natopartners.reference import Reference

GLOBAL_PARTNERS = [
    "afghanistan",
    "australia",
    "colombia",
    "iraq",
    "japan",
    "korea",
    "mongolia",
    "new-zealand",
    "pakistan",
]
CONSULTED = ["china", "india", "singapore", "indonesia", "malaysia"]
OPERATION_CONTRIBUTORS = ["argentina", "chile"]

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"
SOURCE_TEXTS = [
    SOURCES / "nato-relations-with-partners-across-the-globe-2017-05-19.txt",
    SOURCES / "partner-facts.md",
]


def _ids_with(data: Dataset, relationship: str, as_of: str = "2017-05-19") -> list[str]:
    found = Reference(data, as_of).partners(relationship=relationship)
    return [row["id"] for row in found]


def test_the_2017_page_nine_global_partners_five_consulted_two_contributors(
    data: Dataset,
) -> None:
    assert _ids_with(data, "global-partner") == GLOBAL_PARTNERS
    assert _ids_with(data, "consulted") == CONSULTED
    assert _ids_with(data, "operation-contributor") == OPERATION_CONTRIBUTORS
    assert len(data.partners) == 16


def test_2014_has_eight_global_partners_and_colombia_among_the_consulted(data: Dataset) -> None:
    assert _ids_with(data, "global-partner", "2014") == [
        p for p in GLOBAL_PARTNERS if p != "colombia"
    ]
    assert _ids_with(data, "consulted", "2014") == ["colombia", *CONSULTED]


def test_the_2024_pages_still_list_the_same_nine(data: Dataset) -> None:
    assert _ids_with(data, "global-partner", "2024-10-03") == GLOBAL_PARTNERS


# Relationship / programme per partner at the dates the fact sheet is checked on; "GP" is a
# global partner, "-" no relationship yet, a missing programme is None.
SPOT_CHECKS: dict[str, dict[str, tuple[str, str | None]]] = {
    "2005": {
        "australia": ("GP", None), "japan": ("GP", None), "korea": ("GP", None),
        "mongolia": ("GP", None), "new-zealand": ("GP", None), "pakistan": ("GP", None),
        "colombia": ("-", None), "iraq": ("-", None), "afghanistan": ("-", None),
    },
    "2012": {
        "afghanistan": ("GP", "enduring-partnership"), "australia": ("GP", None),
        "iraq": ("GP", "ipcp"), "japan": ("GP", None), "korea": ("GP", "ipcp"),
        "mongolia": ("GP", "ipcp"), "new-zealand": ("GP", "ipcp"), "colombia": ("-", None),
    },
    "2014": {
        "australia": ("GP", "ipcp"), "japan": ("GP", "ipcp"), "colombia": ("consulted", None),
    },
    "2017-05-19": {
        # The 2017 page says every global partner has an IPCP; none was found for Pakistan.
        "colombia": ("GP", "ipcp"), "pakistan": ("GP", None), "iraq": ("GP", "ipcp"),
    },
    "2021-12": {
        "colombia": ("GP", "itpp"), "afghanistan": ("GP", None), "japan": ("GP", "ipcp"),
    },
    "2024-10": {
        "australia": ("GP", "itpp"), "japan": ("GP", "itpp"), "korea": ("GP", "itpp"),
        "mongolia": ("GP", "itpp"), "new-zealand": ("GP", "ipcp"), "colombia": ("GP", "itpp"),
        "iraq": ("GP", "ipcp"), "pakistan": ("GP", None), "afghanistan": ("GP", None),
    },
}  # fmt: skip


@pytest.mark.parametrize("when", list(SPOT_CHECKS))
def test_relationships_and_programmes_match_the_fact_sheet(data: Dataset, when: str) -> None:
    on = PartialDate.parse(when).last
    found: dict[str, tuple[str, str | None]] = {}
    for pid in SPOT_CHECKS[when]:
        partner = data.partner_index[pid]
        relationship = queries.relationship(partner, on)
        programme = queries.programme(partner, on)
        label = {"global-partner": "GP", None: "-"}.get(
            relationship.value if relationship else None,
            relationship.value if relationship else "-",
        )
        found[pid] = (label, programme.value if programme else None)
    assert found == SPOT_CHECKS[when]


def test_isaf_contributors_as_the_sources_name_them(data: Dataset) -> None:
    isaf = [row["id"] for row in Reference(data, "2017-05-19").partners(operation="isaf")]
    # The 2017 page names Australia, the Republic of Korea and New Zealand; later sources add
    # Mongolia (from 2010), Pakistan (transit), Singapore and Malaysia.
    assert isaf == [
        "australia", "korea", "mongolia", "new-zealand", "pakistan", "singapore", "malaysia",
    ]  # fmt: skip
    assert "japan" not in isaf  # Japan funded projects and sent liaison officers: no combat


def test_operations_and_their_dates(data: Dataset) -> None:
    dates = {o.id: (str(o.start or ""), str(o.end or "")) for o in data.operations}
    assert dates == {
        "isaf": ("2003-08", "2014-12-31"),
        "resolute-support": ("2015-01-01", "2021"),
        "kfor": ("1999-06-11", ""),
        "bih": ("1995-12", "2004-12"),
        "ifor": ("1995-12-20", "1996-12"),
        "sfor": ("1996-12", "2004-12-02"),
        "allied-force": ("1999-03-23", "1999-06-10"),
        "allied-provider-protector": ("2008", ""),  # no source dates the end
        "ocean-shield": ("2009-08", "2016-12-15"),
        "ntm-i": ("2004", "2011-12-31"),
        "sea-guardian": ("2016-11-09", ""),
        "nmi": ("2018-07", ""),
    }
    assert {o.id: str(o.ended_by) for o in data.operations if o.ended_by} == {
        "allied-provider-protector": "2009-08",
    }


def test_disagreeing_sources_are_kept(data: Dataset) -> None:
    found = {(d.record, d.field, d.value) for d in data.disputes}
    assert {
        ("operations.kfor", "start", "1999-06-12"),
        ("operations.isaf", "end", "2014-12"),
        ("operations.ifor", "start", "1995-12-16"),
        ("operations.sfor", "end", "2004-11"),
        ("partners.korea", "contributions", "2014-06"),
    } <= found


def test_every_dated_step_of_the_2017_page_is_on_the_timeline(data: Dataset) -> None:
    ids = {e.id for e in queries.timeline(data)}
    assert {
        "ad-hoc-dialogue-1990s",
        "contact-countries-1998",
        "riga-summit-2006",
        "bucharest-summit-2008",
        "lisbon-summit-2010",
        "lisbon-pmf-review-2010",
        "berlin-2011",
        "isaf-start",
        "isaf-end",
    } <= ids


def test_every_body_framework_and_programme_is_in_the_glossary(data: Dataset) -> None:
    names = {t.name for t in data.terms}
    assert {
        "Euro-Atlantic Partnership Council",
        "Partnership for Peace",
        "Mediterranean Dialogue",
        "Istanbul Cooperation Initiative",
        "Individual Partnership and Cooperation Programme",
        "Individually Tailored Partnership Programme",
        "Political-Military Framework",
        "International Coordination Centre",
        "Supreme Headquarters Allied Powers Europe",
        "North Atlantic Council",
        "Contact Countries",
        "Individual Tailored Cooperation Packages of Activities",
    } <= names


def test_the_seed_source_and_the_data_date(data: Dataset) -> None:
    source = data.source_index["glob17"]
    assert (source.publisher, source.url, str(source.updated), source.grade) == (
        "NATO",
        "https://www.nato.int/cps/uk/natohq/topics_49188.htm?selectedLocale=en",  # 2017 version
        "2017-05-19",
        "N",
    )
    dates = [date for s in data.sources for date in (s.updated, s.published) if date]
    assert data.dataset.as_of == max(dates)


def _records(data: Dataset) -> list[Sourced]:
    records: list[Sourced] = [
        *data.partners,
        *data.operations,
        *data.events,
        *data.terms,
        *data.disputes,
    ]
    for partner in data.partners:
        records += [*partner.relationship, *partner.programme, *partner.contributions]
    return records


def test_every_record_cites_a_known_source(data: Dataset) -> None:
    for record in _records(data):
        assert record.sources
        assert {c.source for c in record.sources} <= set(data.source_index)


def test_no_fact_rests_on_weak_sources_alone(data: Dataset) -> None:
    weak_only = [
        record
        for record in _records(data)
        if all(data.source_index[c.source].grade == "W" for c in record.sources)
    ]
    assert weak_only == []


def test_every_source_is_cited(data: Dataset) -> None:
    counts = queries.citation_counts(data)
    assert [source for source, count in counts.items() if count == 0] == []


def test_codes_are_unique(data: Dataset) -> None:
    nations = list(data.country_index.values())
    for codes in ([n.iso2 for n in nations], [n.iso3 for n in nations if n.iso3]):
        assert len(codes) == len(set(codes))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))


@pytest.mark.skipif(not SOURCES.exists(), reason="the shared sources are not beside the repo")
def test_no_summary_copies_the_sources(data: Dataset) -> None:
    """Own words: no eight-word run of a source reappears, unless it is mostly proper names."""
    runs: set[tuple[str, ...]] = set()
    for path in SOURCE_TEXTS:
        words = _words(path.read_text(encoding="utf-8"))
        runs |= {tuple(words[i : i + 8]) for i in range(len(words) - 7)}
    names = {"the", "and", "of", "a", "in"}
    named: list[Partner | Operation | Term] = [*data.partners, *data.operations, *data.terms]
    for record in named:
        names.update(_words(record.name))
    texts = [getattr(r, "summary", "") for r in _records(data)]
    texts += [getattr(r, "note", None) or "" for r in _records(data)]
    texts += [e.title for e in data.events]
    copied = [
        " ".join(run)
        for text in texts
        for words_ in [_words(text)]
        for run in (tuple(words_[i : i + 8]) for i in range(len(words_) - 7))
        if run in runs and len(set(run) - names) >= 3
    ]
    assert copied == []


def test_a_programme_start_an_event_tells_is_one_step(data: Dataset) -> None:
    after = PartialDate.parse("2023-06").last
    for entries in (queries.changes(data, after, queries.moment(data)), queries.timeline(data)):
        ids = [e.id for e in entries]
        assert "japan-itpp-2023" in ids
        assert "japan-programme-2-start" not in ids


def test_a_programme_end_an_event_tells_is_one_line(data: Dataset) -> None:
    """Afghanistan's Enduring Partnership was suspended by the ministers' meeting: one step."""
    rows = Reference(data).changes("2014", "2024")
    on_the_day = [row["id"] for row in rows if row["date"] == "2021-08-20"]
    assert on_the_day == ["afghanistan-support-suspended-2021"]


def test_the_timeline_carries_the_disputes_of_relationships_and_operations(data: Dataset) -> None:
    differ = {e.id: len(e.disputes) for e in queries.timeline(data)}
    assert differ["colombia-relationship-2-start"] == 2  # formal status: 2017, 2018 or 2019
    assert differ["korea-relationship-1-start"] == 1
    assert differ["isaf-start"] == differ["isaf-end"] == 1  # ISAF's last day, with each
    assert differ["colombia-relationship-1-start"] == 0


# ---------------------------------------------------------------- sources against the fact sheet

FACT_SHEET = SOURCES / "partner-facts.md"
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
# From the most precise to the least: the first pattern that finds a real date wins.
_DATE_PATTERNS = [
    re.compile(r"\b(?P<year>\d{4})-(?P<mm>\d{2})-(?P<day>\d{2})\b"),  # 2021-06-03
    re.compile(rf"\b(?P<day>\d{{1,2}})-{_MONTH}-(?P<year>\d{{4}})\b"),  # 15-Oct-2007
    re.compile(rf"\b\d{{1,2}}-\d{{1,2}}\s+{_MONTH}\s+(?P<year>\d{{4}})\b"),  # 4-5 September 2014
    re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH}\s+(?P<year>\d{{4}})\b"),  # 19 May 2017
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}),\s+(?P<year>\d{{4}})\b"),  # December 5, 2006
    re.compile(rf"\b{_MONTH}\s+(?P<year>\d{{4}})\b"),  # June 2022
    re.compile(r"\b(?P<year>\d{4})\b"),  # 2025
]
_TIME_OF_DAY = re.compile(r"\b\d{2}:\d{2}\b")  # NATO's "Last updated" lines carry a time


def _first_date(text: str) -> str | None:
    """The first date written in ``text``, as a partial date of the precision it is written to
    (a span of days such as "4-5 September 2014" is known to the month)."""
    for pattern in _DATE_PATTERNS:
        for found in pattern.finditer(text):
            parts = found.groupdict()
            month = parts.get("month")
            number = int(parts["mm"]) if parts.get("mm") else _MONTHS.get((month or "").lower())
            if month is not None and number is None:
                continue  # a word that is not a month
            date = parts["year"]
            if number:
                date += f"-{number:02d}"
                if parts.get("day"):
                    date += f"-{int(parts['day']):02d}"
            return date
    return None


@dataclass(frozen=True)
class _Listed:
    """A source as the fact sheet lists it: its addresses, update days and publication date."""

    urls: tuple[str, ...]
    updated: tuple[str, ...]
    published: str | None


def _listed_sources(text: str) -> dict[str, _Listed]:
    """The fact sheet's table of sources, by id.

    The date column holds "Last updated: ..." (or a quoted "Updated ...") for an update line,
    else "not shown", "published ...", "dated ...", "issued ..." or a bare date for the date
    printed on the page; parts are separated by ";". An archive capture date is neither.
    """
    table = text.split("## 1. Sources", 1)[1].split("\n## ", 1)[0]
    listed: dict[str, _Listed] = {}
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 6 or not re.fullmatch(r"[a-z0-9-]+", cells[0]):
            continue
        ident, _title, address, shown = cells[:4]
        urls = tuple(u.rstrip(");,") for u in re.findall(r"https?://[^\s)]+", address))
        updated: list[str] = []
        published: list[str] = []
        for part in shown.split(";"):
            date = _first_date(part)
            if date is None or "capture" in part:
                continue
            is_update = "updated" in part.lower() or _TIME_OF_DAY.search(part)
            (updated if is_update else published).append(date)
        listed[ident] = _Listed(urls, tuple(updated), published[0] if published else None)
    return listed


@pytest.mark.parametrize(
    ("shown", "date"),
    [
        ("Last updated: 19 May 2017 11:31", "2017-05-19"),
        ('"Updated: 15-Oct-2007"', "2007-10-15"),
        ('"Updated December 5, 2006"', "2006-12-05"),
        ("not shown (posted 2021-06-03)", "2021-06-03"),
        ('"Newport, 4-5 September 2014"', "2014-09"),
        ("not shown (Yonhap, Jan 2020)", "2020-01"),
        ("not shown (2011 issue)", "2011"),
        ("not shown (source credited: NATO)", None),
        ("not shown (Yonhap, Vilnius 11 Jul)", None),
    ],
)
def test_the_fact_sheet_dates_are_read_to_their_precision(shown: str, date: str | None) -> None:
    assert _first_date(shown) == date


@pytest.mark.skipif(not FACT_SHEET.exists(), reason="the shared fact sheet is not beside the repo")
def test_every_source_has_the_address_and_dates_the_fact_sheet_gives(data: Dataset) -> None:
    """A page's last update goes in ``updated``, the date printed on an article in
    ``published``; the address is one the fact sheet gives for that version of the page."""
    listed = _listed_sources(FACT_SHEET.read_text(encoding="utf-8"))
    assert len(listed) > 100  # the table was found and read
    wrong = []
    for source in data.sources:
        fact = listed.get(source.id)
        if fact is None:
            continue
        updated = str(source.updated) if source.updated else None
        published = str(source.published) if source.published else None
        if source.url not in fact.urls:
            wrong.append(f"{source.id}: url {source.url} is not one of {fact.urls}")
        if updated not in (fact.updated or (None,)):
            wrong.append(f"{source.id}: updated {updated}, the fact sheet shows {fact.updated}")
        if published != fact.published:
            wrong.append(f"{source.id}: published {published}, the fact sheet {fact.published}")
    assert wrong == []


# ---------------------------------------------------------------- corrections of issue 13


def test_the_ipcp_is_found_by_its_formal_name_and_by_the_shorter_wording(data: Dataset) -> None:
    ipcp = data.term_index["ipcp"]
    assert ipcp.name == "Individual Partnership and Cooperation Programme"
    for wording in (ipcp.name, "Individual Partnership Cooperation Programme", "ipcp"):
        assert lookup.find_term(data, wording) is ipcp


def test_afghanistan_is_a_global_partner_only_from_the_first_list_naming_it(
    data: Dataset,
) -> None:
    """Cooperation (the Enduring Partnership) began in 2010; the first list is of Oct 2012."""
    afghanistan = data.partner_index["afghanistan"]
    assert queries.relationship(afghanistan, PartialDate.parse("2011-06").last) is None
    assert "afghanistan" not in _ids_with(data, "global-partner", "2012-09")
    assert "afghanistan" in _ids_with(data, "global-partner", "2012-10-20")
    programme = queries.programme(afghanistan, PartialDate.parse("2011-06").last)
    assert programme is not None and programme.value == "enduring-partnership"
    glossary = data.term_index["enduring-partnership"].summary
    assert "suspended" in glossary
    assert not re.search(r"\bended\b|in place of", glossary)


def test_every_contribution_says_what_it_was(data: Dataset) -> None:
    untitled = [
        f"{p.id}[{i}]" for p in data.partners for i, c in enumerate(p.contributions) if not c.title
    ]
    assert untitled == []


def test_an_end_no_source_gives_is_marked_inferred(data: Dataset) -> None:
    inferred = {
        (p.id, c.operation, str(c.until))
        for p in data.partners
        for c in p.contributions
        if c.until_inferred
    }
    # Chile moved to the EU's mission in 2005: its NATO part ends with the NATO-led operations.
    # Every other contribution to an operation that ended, with no end of its own in the
    # sources, ends with the operation at the latest.
    assert inferred == {
        ("chile", "bih", "2004-12"),
        ("pakistan", "isaf", "2014"),
        ("argentina", "bih", "2004-12"),
        ("mongolia", "isaf", "2014-12-31"),
        ("mongolia", "resolute-support", "2021"),
        ("new-zealand", "ifor", "1996-12"),
        ("new-zealand", "sfor", "2004-12-02"),
        ("new-zealand", "isaf", "2014-12-31"),
        ("new-zealand", "resolute-support", "2021"),
        ("new-zealand", "ocean-shield", "2016-12-15"),
    }


def test_no_contribution_outlives_its_operation(data: Dataset) -> None:
    for partner in data.partners:
        for contribution in partner.contributions:
            operation = data.operation_index.get(contribution.operation or "")
            end = operation and (operation.end or operation.ended_by)
            if end:
                assert contribution.until is not None, (partner.id, contribution.operation)
                assert contribution.until.first <= end.last, (partner.id, contribution.operation)


def test_host_countries_of_operations(data: Dataset) -> None:
    hosts = {o.id: list(o.hosts) for o in data.operations if o.hosts}
    assert hosts == {
        "isaf": ["afghanistan"],
        "resolute-support": ["afghanistan"],
        "ntm-i": ["iraq"],
        "nmi": ["iraq"],
    }


def test_texts_stand_alone_and_titles_are_whole(data: Dataset) -> None:
    """No pointer to another section, no cut-off title, no publisher repeated in a title."""
    texts = [getattr(r, "summary", "") + (getattr(r, "note", None) or "") for r in _records(data)]
    texts += [p.note or "" for partner in data.partners for p in partner.relationship]
    assert [t for t in texts if "see disputes" in t or "see those" in t] == []
    assert [s.id for s in data.sources if s.title.endswith("…")] == []
    parenthesised = {
        s.id: s.title for s in data.sources if re.search(r"\([^)]*\)$", s.title)
    }  # NATO's own page titles end "(Archived)" or with the years covered
    assert parenthesised == {
        "ntmi15": "NATO's assistance to Iraq (Archived)",
        "cp16": "Counter-piracy operations (Archived)",
        "bih24": "Peace support operations in Bosnia and Herzegovina (1995-2004)",
        "crs06": "CRS Report RS21774, Bosnia and the EU Military Force (EUFOR)",
    }
