"""Partial dates: a year, a month, a day or a decade, sorting by their first day.

Plain Python, so that reading and comparing dates needs no pydantic models.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import total_ordering
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import core_schema

_DATE_PATTERN = r"^(?:[0-9]{3}0s|[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)$"
_DATE_RE = re.compile(
    r"(?:(?P<decade>\d{3}0)s|(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?)"
)


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date to a year, month, day or decade: ``1998``, ``2011-04``, ``2010-11-19``, ``1990s``.

    Dates sort by their first day, the wider first when two share it (``2023`` heads the year
    before ``2023-01``), and print as written.
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
    def parse(cls, value: object) -> PartialDate:
        """Read a partial date from its text, or from a TOML date."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            raise ValueError("a date has no time of day: write it as YYYY-MM-DD")
        if isinstance(value, dt.date):
            return cls(value, value, value.isoformat())
        if not isinstance(value, str):
            raise ValueError(
                f"expected a date such as 1998, 2011-04, 2010-11-19 or 1990s, got {value!r}"
            )
        match = _DATE_RE.fullmatch(value)
        if match is None:
            raise ValueError(f"{value!r} is not a date such as 1998, 2011-04, 2010-11-19 or 1990s")
        if match["decade"]:
            decade = int(match["decade"])
            return cls(dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31), value)
        year = int(match["year"])
        try:
            if match["day"]:
                day = dt.date(year, int(match["month"]), int(match["day"]))
                return cls(day, day, value)
            if match["month"]:
                month = int(match["month"])
                first = dt.date(year, month, 1)
                following = dt.date(year + month // 12, month % 12 + 1, 1)
                return cls(first, following - dt.timedelta(days=1), value)
        except ValueError:
            raise ValueError(f"{value!r} is not a real calendar date") from None
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), value)

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
            "pattern": _DATE_PATTERN,
            "description": "A year, month, day or decade: 1998, 2011-04, 2010-11-19, 1990s.",
            "examples": ["1998", "2011-04", "2010-11-19", "1990s"],
        }
