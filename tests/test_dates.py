"""Partial dates: one ASCII grammar for the data, the command line and the JSON Schema."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from natopartners.dates import PartialDate
from natopartners.schemas import dataset_schema

# Digits that Python's \d matches but a date may not hold: 2014 in Arabic-Indic and full width.
ARABIC_INDIC = "\u0662\u0660\u0661\u0664"
FULL_WIDTH = "\uff12\uff10\uff11\uff14"


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("1998", dt.date(1998, 1, 1), dt.date(1998, 12, 31)),
        ("2011-04", dt.date(2011, 4, 1), dt.date(2011, 4, 30)),
        ("2012-02", dt.date(2012, 2, 1), dt.date(2012, 2, 29)),
        ("2010-12", dt.date(2010, 12, 1), dt.date(2010, 12, 31)),
        ("2010-11-19", dt.date(2010, 11, 19), dt.date(2010, 11, 19)),
        ("1990s", dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
        ("9999-12", dt.date(9999, 12, 1), dt.date(9999, 12, 31)),  # no year-10000 overflow
        ("9990s", dt.date(9990, 1, 1), dt.date(9999, 12, 31)),
        ("0001", dt.date(1, 1, 1), dt.date(1, 12, 31)),
    ],
)
def test_partial_date_spans_and_prints_as_written(text: str, first: dt.date, last: dt.date) -> None:
    date = PartialDate.parse(text)
    assert (date.first, date.last, str(date)) == (first, last, text)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("0000", "'0000' is not a date: there is no year 0000 (years start at 1)"),
        ("0000s", "'0000s' is not a date: there is no year 0000 (years start at 1)"),
        ("2011-13", "'2011-13' is not a date: there is no month 13"),
        ("2011-00", "'2011-00' is not a date: there is no month 00"),
        ("2011-02-29", "'2011-02-29' is not a date: 2011-02 has days 01 to 28"),
        ("2011-04-00", "'2011-04-00' is not a date: 2011-04 has days 01 to 30"),
        (ARABIC_INDIC, f"{ARABIC_INDIC!r} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD, a"),
        (FULL_WIDTH, f"{FULL_WIDTH!r} is not a date: give YYYY"),
        ("2014\n", "'2014\\n' is not a date: give YYYY"),
        ("\x1b[2J", "'\\x1b[2J' is not a date: give YYYY"),
        ("", "'' is not a date: give YYYY"),
        ("2011-4", "'2011-4' is not a date: give YYYY"),
        ("98", "'98' is not a date: give YYYY"),
        ("1995s", "'1995s' is not a date: give YYYY"),
        ("2011/04", "'2011/04' is not a date: give YYYY"),
        ("2011/2010", "'2011/2010' is not a date: a range's end must come after its start"),
        ("2011-03-05/2011-03-05", "'2011-03-05/2011-03-05' is not a date: a range's end must"),
        ("1990s/2000s", "'1990s/2000s' is not a date: a range joins two dates, not decades"),
        ("2011/", "'2011/' is not a date: give YYYY"),
        (
            2011,
            "expected a date as a string (1998, 2011-04, 2010-11-19, 1990s or "
            "2023-03-03/2023-03-05), got int",
        ),
        (None, "expected a date as a string"),
        (dt.date(2014, 5, 6), 'write dates as strings: "2014-05-06", not 2014-05-06 unquoted'),
        (dt.datetime(2014, 5, 6, 12), 'write dates as strings: "2014-05-06"'),
    ],
)
def test_what_is_not_a_date_is_refused_saying_why(bad: object, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        PartialDate.parse(bad)
    assert str(caught.value).startswith(message)


def test_a_long_refused_text_is_echoed_cut() -> None:
    with pytest.raises(ValueError, match=r"…' \(100000 characters\) is not a date"):
        PartialDate.parse("1" * 100_000)


def test_a_range_runs_from_the_first_day_of_its_start_to_the_last_of_its_end() -> None:
    raisina = PartialDate.parse("2023-03-03/2023-03-05")
    assert (raisina.first, raisina.last, str(raisina)) == (
        dt.date(2023, 3, 3),
        dt.date(2023, 3, 5),
        "2023-03-03/2023-03-05",
    )
    assert PartialDate.parse("2023-03/2023-05").last == dt.date(2023, 5, 31)
    assert PartialDate.parse("2023") < raisina < PartialDate.parse("2023-03-04")
    with pytest.raises(ValueError, match="is a range, not accepted here"):
        PartialDate.parse("2023-03-03/2023-03-05", option=True)


def test_options_may_refuse_decades() -> None:
    with pytest.raises(ValueError) as caught:
        PartialDate.parse("1990s", option=True)
    assert str(caught.value) == (
        "'1990s' is a decade, not accepted here: give YYYY, YYYY-MM or YYYY-MM-DD"
    )
    with pytest.raises(ValueError, match=r"^'x' is not a date: give YYYY, YYYY-MM or YYYY-MM-DD$"):
        PartialDate.parse("x", option=True)
    assert str(PartialDate.parse("1990", option=True)) == "1990"


def test_partial_dates_sort_by_first_day_the_wider_first() -> None:
    texts = ["2011", "2010-11-19", "1990s", "2010-11", "1998", "2010", "2010-01", "1990"]
    ordered = [str(d) for d in sorted(PartialDate.parse(t) for t in texts)]
    assert ordered == [
        "1990s", "1990", "1998", "2010", "2010-01", "2010-11", "2010-11-19", "2011",
    ]  # fmt: skip


@given(st.dates(min_value=dt.date(10, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_every_precision_of_a_real_day_contains_it(day: dt.date) -> None:
    iso = day.isoformat()
    for text in (iso, iso[:7], iso[:4], f"{iso[:3]}0s"):
        date = PartialDate.parse(text)
        assert date.first <= day <= date.last
        assert str(date) == text


def _schema_date_validator() -> Draft202012Validator:
    """The published schema of ``dataset.as_of``, a date like every other."""
    schema = dataset_schema()
    info = schema["$defs"]["DatasetInfo"]["properties"]["as_of"]
    return Draft202012Validator(info)


SCHEMA = _schema_date_validator()
# Date-like text: ASCII and other digits, hyphens, the decade's s. No newline: Python's `$`
# (used by jsonschema) also matches before a final newline, ECMA-262's (the schema's) does not.
DATE_LIKE = st.one_of(
    st.from_regex(r"\A[0-9]{3,4}(s|-[0-9]{1,2}(-[0-9]{1,2})?)?\Z"),
    st.text(alphabet=f"0123456789-s x{ARABIC_INDIC}{FULL_WIDTH}", max_size=11),
)


@given(DATE_LIKE)
@example("0000")
@example("0000s")
@example("2011-13")
@example("2011-02-29")
@example("2012-02-29")
@example("9999-12-31")
@example("0010s")
@example(ARABIC_INDIC)
def test_the_parser_and_the_schema_pattern_agree(text: str) -> None:
    """What the schema accepts the parser reads, and the other way round; a regex cannot know
    the days of each month, so a day past the month's end is the one thing only the parser
    refuses."""
    try:
        PartialDate.parse(text)
    except ValueError as error:
        parsed, reason = False, str(error)
    else:
        parsed, reason = True, ""
    if SCHEMA.is_valid(text) and not parsed:
        assert "has days 01 to" in reason
    else:
        assert SCHEMA.is_valid(text) == parsed
