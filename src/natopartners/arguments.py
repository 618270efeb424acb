"""The checks of what a person asks with: one set for the command line and the Python API.

Each takes the parameter's name and the value given, and returns it checked and normalised,
or raises ``TypeError`` (a value of the wrong type: only the API can pass one) or
``UsageError`` with the words the command line shows after "Invalid value for ...". So
``--kind sumit`` and ``timeline(kind="sumit")`` are refused alike, and ``kind="Summit"`` is
accepted by both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from natopartners.dates import PartialDate
from natopartners.errors import UsageError, shown

S = TypeVar("S", bound=str)

DATE_HINT = "(try 2014, 2014-03 or 2014-03-31)"


def _text(param: str, value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{param} must be {what} (a str), not {type(value).__name__}")
    return value


def name(param: str, value: object) -> str:
    """A name, id or code of a record: text with something left once case, accents and
    punctuation are ignored."""
    from natopartners.lookup import normalise

    text = _text(param, value, "a name, id or code")
    if not normalise(text):
        said = "this one is empty" if not text.strip() else f"{shown(text)} has no letter or digit"
        raise UsageError(f"give a name, id or code; {said}", param=param)
    return text


def text(param: str, value: object) -> str:
    """Text to find: with a letter or digit in it (search ignores case, accents and
    punctuation, so "(" would find nothing)."""
    from natopartners.lookup import fold

    found = _text(param, value, "text to find")
    if not fold(found):
        said = "this is empty" if not found.strip() else f"{shown(found)} has no letter or digit"
        raise UsageError(f"give some text to find; {said}", param=param)
    return found


def date(param: str, value: object) -> PartialDate:
    """A day, month or year asked about: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a decade or
    a range is a date of the data, not a question)."""
    if isinstance(value, PartialDate):
        value = value.text
    found = _text(param, value, "a date such as '2014' or '2014-03-31'")
    try:
        return PartialDate.parse(found.strip(), option=True)
    except ValueError as error:
        raise UsageError(f"{error} {DATE_HINT}", param=param) from None


def choice(param: str, value: object, choices: Sequence[S]) -> S:
    """One of ``choices``, in any case or by an unambiguous prefix."""
    found = _text(param, value, f"one of {', '.join(choices)}")
    folded = found.strip().casefold()
    exact = [c for c in choices if c == folded]
    matches = exact or [c for c in choices if folded and c.startswith(folded)]
    if len(matches) != 1:
        raise UsageError(f"{shown(found)} is not one of: {', '.join(choices)}", param=param)
    return matches[0]
