"""The date rules of ``validate``: each shown failing on a small file built for it.

Every file is the same small dataset, one operation and one partner, with the one record the
rule is about; ``validate`` must exit 3 and name that record's field.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from natopartners.errors import ExitCode
from tests.conftest import Invoke

BASE = """
[dataset]
title = "Rules"
version = "1"
as_of = "2025-01-01"

[[sources]]
id = "src"
title = "A source"
publisher = "Tests"
url = "https://example.org/"
grade = "N"

[[operations]]
id = "op"
name = "Operation Test"
theatre = "Testland"
start = "2003-08"
end = "2014-12-31"
hosts = {hosts}
summary = "A test operation."
sources = [{{ source = "src" }}]

[[operations]]
id = "ongoing"
name = "Operation Ongoing"
theatre = "Testland"
start = "2016-11-09"
summary = "An operation with no end."
sources = [{{ source = "src" }}]

[[partners]]
id = "land"
name = "Land"
official_name = "Land"
iso2 = "LA"
iso3 = "LAN"
region = "Asia"
subregion = "Eastern Asia"
summary = "A partner."
sources = [{{ source = "src" }}]

[[partners.relationship]]
value = "global-partner"
since = "2001"
{relationship_end}
sources = [{{ source = "src" }}]

[[partners.programme]]
value = "prog"
since = "2010"
{programme_end}
sources = [{{ source = "src" }}]

[[partners.contributions]]
{contribution}
summary = "Took part."
sources = [{{ source = "src" }}]

[[terms]]
id = "prog"
name = "A programme"
summary = "A programme."
sources = [{{ source = "src" }}]
"""


def _file(
    tmp_path: Path,
    contribution: str,
    *,
    hosts: str = '["land"]',
    relationship_end: str = "",
    programme_end: str = "",
) -> Path:
    path = tmp_path / "rules.toml"
    text = BASE.format(
        contribution=contribution,
        hosts=hosts,
        relationship_end=relationship_end,
        programme_end=programme_end,
    )
    path.write_text(text, encoding="utf-8")
    return path


def _problems(invoke: Invoke, path: Path) -> list[str]:
    """What ``validate`` reports about ``path``, one problem a line; it must refuse the file."""
    result = invoke("validate", str(path))
    assert result.exit_code == ExitCode.INVALID_DATA, result.output
    return [
        line.removeprefix("natopartners: ")
        for line in result.stderr.splitlines()
        if "rules.toml:" in line
    ]


def test_the_small_file_is_valid_as_it_stands(invoke: Invoke, tmp_path: Path) -> None:
    """Dates that touch the operation's own: a year shared with its start or its end fits."""
    path = _file(tmp_path, 'operation = "op"\nsince = "2003"\nuntil = "2014"')
    result = invoke("validate", str(path))
    assert result.exit_code == 0, result.output
    assert "valid (1 source, 1 partner, 0 other countries, 2 operations" in result.stdout


@pytest.mark.parametrize(
    ("dates", "field", "message"),
    [
        (
            'since = "2002"\nuntil = "2014"',
            "since",
            "2002 is before operation 'op' began (2003-08)",
        ),
        (
            'since = "2003-07"\nuntil = "2014"',
            "since",
            "2003-07 is before operation 'op' began (2003-08)",
        ),
        ('until = "2002-12"', "until", "2002-12 is before operation 'op' began (2003-08)"),
        ('attested = "2015"', "attested", "2015 is after operation 'op' ended (2014-12-31)"),
    ],
)
def test_a_contribution_cannot_fall_outside_its_operation(
    invoke: Invoke, tmp_path: Path, dates: str, field: str, message: str
) -> None:
    path = _file(tmp_path, f'operation = "op"\n{dates}')
    problems = _problems(invoke, path)
    # A contribution wholly after its operation has no end either: that is said too.
    assert f"{path}: partners[land].contributions[0].{field}: {message}" in problems
    assert all(p.startswith(f"{path}: partners[land].contributions[0].") for p in problems)


def test_a_contribution_to_an_ended_operation_cannot_stay_open(
    invoke: Invoke, tmp_path: Path
) -> None:
    """New Zealand in ISAF "from 2003" and no end: ISAF ended, so the service did by then."""
    path = _file(tmp_path, 'operation = "op"\nsince = "2003"')
    assert _problems(invoke, path) == [
        f"{path}: partners[land].contributions[0].until: missing: operation 'op' ended "
        "(2014-12-31), so the contribution ended by then; give until (with until_inferred = "
        "true where no source dates its own end)"
    ]
    closed = _file(
        tmp_path, 'operation = "op"\nsince = "2003"\nuntil = "2014-12-31"\nuntil_inferred = true'
    )
    assert invoke("validate", str(closed)).exit_code == 0
    ongoing = _file(tmp_path, 'operation = "ongoing"\nsince = "2017"')
    assert invoke("validate", str(ongoing)).exit_code == 0


def test_a_contribution_cannot_end_after_its_operation(invoke: Invoke, tmp_path: Path) -> None:
    """Chile's case: service with the NATO-led force "until 2005", which ended in 2004."""
    path = _file(tmp_path, 'operation = "op"\nsince = "2010"\nuntil = "2015"')
    assert _problems(invoke, path) == [
        f"{path}: partners[land].contributions[0].until: "
        "2015 is after operation 'op' ended (2014-12-31)"
    ]


def test_a_programme_cannot_end_after_the_relationship(invoke: Invoke, tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        'operation = "op"\nuntil = "2014"',
        relationship_end='until = "2021-08-20"',
        programme_end='until = "2022"',
    )
    assert _problems(invoke, path) == [
        f"{path}: partners[land].programme[0].until: "
        "2022 is after the partner's relationship ended (2021-08-20)"
    ]


def test_an_inferred_end_needs_an_end(invoke: Invoke, tmp_path: Path) -> None:
    path = _file(tmp_path, 'operation = "op"\nuntil_inferred = true')
    problems = _problems(invoke, path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}: partners[land].contributions[0]: ")
    assert "until_inferred needs until, the inferred end" in problems[0]


@pytest.mark.parametrize(
    ("contribution", "field", "message"),
    [
        (
            'operation = "op"\nuntil = "2013"\nuntil_inferred = true',
            "until",
            "the inferred end 2013 is not the end of operation 'op' (2014-12-31)",
        ),
        (
            'operation = "ongoing"\nuntil = "2019"\nuntil_inferred = true',
            "until_inferred",
            "operation 'ongoing' has no end to infer",
        ),
        (
            'until = "2019"\nuntil_inferred = true',
            "until_inferred",
            "an inferred end needs the operation it comes from",
        ),
    ],
)
def test_an_inferred_end_is_its_operations_end(
    invoke: Invoke, tmp_path: Path, contribution: str, field: str, message: str
) -> None:
    path = _file(tmp_path, contribution)
    assert _problems(invoke, path) == [
        f"{path}: partners[land].contributions[0].{field}: {message}"
    ]


def test_an_inferred_end_to_the_year_of_the_operations_end_is_accepted(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = _file(tmp_path, 'operation = "op"\nuntil = "2014"\nuntil_inferred = true')
    assert invoke("validate", str(path)).exit_code == 0


def test_a_host_must_be_a_country_of_the_data(invoke: Invoke, tmp_path: Path) -> None:
    path = _file(tmp_path, 'operation = "op"\nuntil = "2014"', hosts='["lnad"]')
    assert _problems(invoke, path) == [
        f"{path}: operations[op].hosts[0]: unknown country 'lnad' (did you mean 'land'?)"
    ]


VALID = 'operation = "op"\nuntil = "2014"'


def _edited(tmp_path: Path, old: str, new: str, **ends: str) -> Path:
    """The small valid file with one piece of text replaced (which must be there)."""
    path = _file(tmp_path, VALID, **ends)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_the_data_is_no_more_current_than_its_newest_source(invoke: Invoke, tmp_path: Path) -> None:
    path = _edited(tmp_path, 'grade = "N"', 'grade = "N"\npublished = "2024-06"')
    assert _problems(invoke, path) == [
        f"{path}: dataset.as_of: 2025-01-01 is later than the newest source (2024-06): the data "
        "is only as current as its sources"
    ]
    # A source of the very day, or a month that holds it, makes the same as_of current.
    for day in ("2025-01-01", "2025-01"):
        path = _edited(tmp_path, 'grade = "N"', f'grade = "N"\nupdated = "{day}"')
        assert invoke("validate", str(path)).exit_code == 0


def test_no_source_is_newer_than_the_data(invoke: Invoke, tmp_path: Path) -> None:
    path = _edited(tmp_path, 'grade = "N"', 'grade = "N"\npublished = "2025-02-03"')
    assert _problems(invoke, path) == [
        f"{path}: sources[src].published: 2025-02-03 is after the data's as_of (2025-01-01)"
    ]


ANNOUNCED = (
    'announced_end = {{ date = "{date}", summary = "Said it would leave.", '
    'sources = [{{ source = "{source}" }}] }}'
)


@pytest.mark.parametrize(
    ("date", "source", "until", "problem"),
    [
        (
            "2000",
            "src",
            "",
            "partners[land].relationship[0]: announced_end (2000) is before the start (2001)",
        ),
        (
            "2012",
            "src",
            'until = "2011"',
            "partners[land].relationship[0]: announced_end (2012) is after until (2011)",
        ),
        (
            "2026-05",
            "src",
            "",
            "partners[land].relationship[0].announced_end.date: 2026-05 is after the data's "
            "as_of (2025-01-01)",
        ),
        (
            "2020",
            "scr",
            "",
            "partners[land].relationship[0].announced_end.sources[0].source: unknown source "
            "'scr' (did you mean 'src'?)",
        ),
    ],
)
def test_an_announced_end_falls_within_its_relationship_and_the_data(
    invoke: Invoke, tmp_path: Path, date: str, source: str, until: str, problem: str
) -> None:
    announced = ANNOUNCED.format(date=date, source=source)
    path = _file(tmp_path, VALID, relationship_end=f"{until}\n{announced}")
    assert _problems(invoke, path) == [f"{path}: {problem}"]
