"""Partial dates: a year, a month, a day, a decade or a range, sorting by their first day.

One grammar everywhere — ASCII ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` and, in data, the decade
``NNN0s`` and the range ``START/END`` of two of the others (``2023-03-03/2023-03-05``, as ISO
8601 writes an interval) — read by ``PartialDate.parse`` for the data files and the
command-line options alike, and published as ``PATTERN`` in the JSON Schema. Plain Python, so
that reading and comparing dates needs no pydantic models.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache, total_ordering
from typing import TYPE_CHECKING, Any

from natopartners.errors import shown

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import core_schema

# The shape of a date. [0-9], never \d, which also matches Arabic-Indic and other digits.
_SHAPE = re.compile(
    r"(?:(?P<decade>[0-9]{3}0)s|(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?)"
)
# The JSON Schema's pattern: the same shape with the ranges that a regex can say (no year or
# decade 0000, months 01-12, days 01-31). The days in a given month are checked by the parser
# only. Written without look-arounds so that every JSON Schema validator can run it.
_YEAR = "(?:[0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)"
_DECADE = "(?:[0-9]{2}[1-9]|[0-9][1-9]0|[1-9]00)0s"
_DATE = rf"{_YEAR}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?"
PATTERN = rf"^(?:{_DECADE}|{_DATE}(?:/{_DATE})?)$"

FORMS = "give YYYY, YYYY-MM or YYYY-MM-DD"
EXAMPLES = "1998, 2011-04, 2010-11-19, 1990s or 2023-03-03/2023-03-05"


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date to a year, month, day or decade, or a range of them: ``1998``, ``2011-04``,
    ``2010-11-19``, ``1990s``, ``2023-03-03/2023-03-05`` (3 to 5 March 2023).

    ``first`` and ``last`` are the first and last day it may mean: a fact dated so happened on
    one of those days, or over them. Dates sort by their first day, the wider first when two
    share it (``2023`` heads the year before ``2023-01``), and print as written.
    """

    first: dt.date
    last: dt.date
    text: str

    def _key(self) -> tuple[dt.date, int, str]:
        return (self.first, -self.last.toordinal(), self.text)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    @classmethod
    def parse(cls, value: object, *, option: bool = False) -> PartialDate:
        """Read a partial date from its text; raise ValueError with a message for a person.

        Only text is a date: a TOML date (``2014-05-06`` unquoted) is refused, as the JSON
        Schema asks for strings and a TOML date cannot say a month or a year. With ``option``
        (what a person asks about, on the command line or in the Python API) only ``YYYY``,
        ``YYYY-MM`` and ``YYYY-MM-DD`` are dates: a decade or a range is refused.
        """
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.date):  # datetime.datetime included
            example = value.isoformat()[:10]
            raise ValueError(f'write dates as strings: "{example}", not {example} unquoted')
        if not isinstance(value, str):
            raise ValueError(
                f"expected a date as a string ({EXAMPLES}), got {type(value).__name__}"
            )
        return _from_text(value, not option)

    def __str__(self) -> str:
        return self.text

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.to_string_ser_schema()
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": PATTERN,
            "description": f"A year, month, day or decade: {EXAMPLES}.",
            "examples": ["1998", "2011-04", "2010-11-19", "1990s"],
        }


@lru_cache(maxsize=4096)  # a large dataset repeats its dates; a PartialDate is immutable
def _from_text(text: str, data: bool) -> PartialDate:
    """The date ``text`` writes (``data``: a decade and a range too), or a ValueError naming
    what is wrong with it."""
    start, slash, end = text.partition("/")
    if slash and _SHAPE.fullmatch(start) and _SHAPE.fullmatch(end):
        if not data:
            raise ValueError(f"{shown(text)} is a range, not accepted here: {FORMS}")
        return _range(text, start, end)
    match = _SHAPE.fullmatch(text)
    if match is None:
        forms = f"{FORMS}, a decade such as 1990s or a range START/END" if data else FORMS
        raise ValueError(f"{shown(text)} is not a date: {forms}")
    if match["decade"]:
        if not data:
            raise ValueError(f"{shown(text)} is a decade, not accepted here: {FORMS}")
        decade = _year(int(match["decade"]), text)
        return PartialDate(dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31), text)
    year = _year(int(match["year"]), text)
    if not match["month"]:
        return PartialDate(dt.date(year, 1, 1), dt.date(year, 12, 31), text)
    month = int(match["month"])
    if not 1 <= month <= 12:
        raise ValueError(f"{shown(text)} is not a date: there is no month {match['month']}")
    days = calendar.monthrange(year, month)[1]
    if not match["day"]:
        return PartialDate(dt.date(year, month, 1), dt.date(year, month, days), text)
    day = int(match["day"])
    if not 1 <= day <= days:
        raise ValueError(f"{shown(text)} is not a date: {year:04}-{month:02} has days 01 to {days}")
    return PartialDate(dt.date(year, month, day), dt.date(year, month, day), text)


def _range(text: str, start: str, end: str) -> PartialDate:
    """The range ``start/end``: from the first day of one to the last of the other."""
    if start.endswith("s") or end.endswith("s"):
        raise ValueError(f"{shown(text)} is not a date: a range joins two dates, not decades")
    first, last = _from_text(start, True), _from_text(end, True)
    if last.last <= first.last or last.first <= first.first:
        raise ValueError(f"{shown(text)} is not a date: a range's end must come after its start")
    return PartialDate(first.first, last.last, text)


def _year(year: int, text: str) -> int:
    """``year``, unless it is 0: the calendar runs from the year 0001 (``0000s`` neither)."""
    if year == 0:
        raise ValueError(f"{shown(text)} is not a date: there is no year 0000 (years start at 1)")
    return year
