"""Tests for parley.timex on invented news sentences: each common form of date, time and duration."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from parley.timex import TimeExpression, find_time_expressions, resolve_span

D = dt.date


def only(text: str, anchor: D) -> TimeExpression:
    """The single expression found in ``text``; fails if there is not exactly one."""
    found = find_time_expressions(text, anchor)
    assert len(found) == 1, found
    return found[0]


def find(text: str, anchor: D, phrase: str) -> TimeExpression:
    """The expression whose text is ``phrase``."""
    found = [e for e in find_time_expressions(text, anchor) if e.text == phrase]
    assert found, (phrase, find_time_expressions(text, anchor))
    return found[0]


# --------------------------------------------------------------------------- weekdays


def test_on_saturday_in_monday_article_is_the_saturday_before() -> None:
    e = only("Gunmen attacked a checkpoint on Saturday, the army said.", D(2024, 1, 29))
    assert (e.text, e.type, e.value) == ("Saturday", "DATE", "2024-01-27")
    assert resolve_span(e) == (D(2024, 1, 27), D(2024, 1, 27))


def test_bare_weekday_defaults_to_the_most_recent_past_one() -> None:
    e = only("The foreign ministers met Thursday in Cairo.", D(2024, 4, 26))
    assert e.value == "2024-04-25"


def test_weekday_naming_the_article_day_is_the_article_day() -> None:
    assert only("Protesters marched Friday through the capital.", D(2024, 4, 26)).value == "2024-04-26"


def test_weekday_in_future_clause_points_forward() -> None:
    assert only("The two leaders will meet Thursday in Cairo.", D(2024, 4, 26)).value == "2024-05-02"
    assert only("The summit is scheduled to open on Monday.", D(2024, 4, 26)).value == "2024-04-29"


def test_said_weekday_is_past_even_if_a_future_follows() -> None:
    text = "The ministry said Sunday that the talks would resume."
    assert find(text, D(2024, 3, 12), "Sunday").value == "2024-03-10"


def test_last_and_next_weekday() -> None:
    anchor = D(2024, 4, 24)  # a Wednesday
    assert only("The vote took place last Friday.", anchor).value == "2024-04-19"
    assert only("The vote takes place next Friday.", anchor).value == "2024-04-26"
    assert only("The vote took place last Wednesday.", anchor).value == "2024-04-17"


def test_weekday_with_part_of_day_is_a_time() -> None:
    e = only("Shelling resumed Tuesday night near the border.", D(2024, 4, 25))
    assert (e.type, e.value) == ("TIME", "2024-04-23TNI")


# --------------------------------------------------------------------------- relative days and periods


@pytest.mark.parametrize(
    ("text", "value", "typ"),
    [
        ("The cabinet meets today to discuss the budget.", "2024-03-14", "DATE"),
        ("The cabinet met yesterday to discuss the budget.", "2024-03-13", "DATE"),
        ("The cabinet meets tomorrow to discuss the budget.", "2024-03-15", "DATE"),
        ("The president will address the nation tonight.", "2024-03-14TNI", "TIME"),
        ("The rebels shelled the town last night.", "2024-03-13TNI", "TIME"),
        ("The minister arrived this morning in Nairobi.", "2024-03-14TMO", "TIME"),
        ("The envoy left this afternoon.", "2024-03-14TAF", "TIME"),
    ],
)
def test_relative_days(text: str, value: str, typ: str) -> None:
    e = only(text, D(2024, 3, 14))
    assert (e.type, e.value) == (typ, value)


def test_last_week_spans_monday_to_sunday_of_the_previous_week() -> None:
    e = only("The minister resigned last week after the scandal.", D(2024, 4, 26))
    assert e.value == "2024-W16"
    assert resolve_span(e) == (D(2024, 4, 15), D(2024, 4, 21))


def test_earlier_this_month_runs_from_the_first_to_the_article_date() -> None:
    e = only("Protests broke out earlier this month in the north.", D(2024, 4, 26))
    assert e.value == "2024-04"
    assert (e.first, e.last) == (D(2024, 4, 1), D(2024, 4, 26))


def test_later_this_week_runs_from_the_article_date() -> None:
    e = only("A vote is expected later this week.", D(2024, 4, 24))
    assert e.value == "2024-W17"
    assert (e.first, e.last) == (D(2024, 4, 24), D(2024, 4, 28))


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("this week", "2024-W11"),
        ("next week", "2024-W12"),
        ("the coming week", "2024-W12"),
        ("this month", "2024-03"),
        ("last month", "2024-02"),
        ("next month", "2024-04"),
        ("this year", "2024"),
        ("last year", "2023"),
        ("next year", "2025"),
        ("earlier this year", "2024"),
        ("the weekend", "2024-W10-WE"),
    ],
)
def test_relative_periods(phrase: str, value: str) -> None:
    e = only(f"Officials said the deal was discussed {phrase}.", D(2024, 3, 13))
    assert (e.text, e.value) == (phrase, value)


def test_month_rollover_of_last_month_in_january() -> None:
    assert only("Exports fell last month.", D(2024, 1, 10)).value == "2023-12"


# --------------------------------------------------------------------------- calendar dates


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The accord was signed April 25 in Doha.", "April 25", "2024-04-25"),
        ("The accord was signed on Jan. 23 in Doha.", "Jan. 23", "2024-01-23"),
        ("The accord was signed on 25 April in Doha.", "25 April", "2024-04-25"),
        ("The accord was signed on Sept. 14, 2019, in Doha.", "Sept. 14, 2019", "2019-09-14"),
        ("The accord was signed on Thursday, April 25, in Doha.", "Thursday, April 25", "2024-04-25"),
        ("The accord was signed in July 2019 in Doha.", "July 2019", "2019-07"),
        ("The accord was signed on 2024-03-01 in Doha.", "2024-03-01", "2024-03-01"),
        ("The accord was signed on 3/4/2024 in Doha.", "3/4/2024", "2024-03-04"),
    ],
)
def test_calendar_dates(text: str, phrase: str, value: str) -> None:
    e = only(text, D(2024, 5, 2))
    assert (e.text, e.type, e.value) == (phrase, "DATE", value)


def test_year_rollover_puts_late_december_in_the_previous_year() -> None:
    e = only("The ceasefire was signed on Dec. 30, the army said.", D(2024, 1, 2))
    assert e.value == "2023-12-30"


def test_early_january_in_a_december_article_is_next_year_when_future() -> None:
    assert only("The new parliament will convene Jan. 5.", D(2024, 12, 20)).value == "2025-01-05"


def test_range_from_to_gives_the_whole_span() -> None:
    found = find_time_expressions("Talks were held from Jan. 23 to 27 in Geneva.", D(2024, 2, 2))
    assert [e.value for e in found] == ["2024-01-23", "2024-01-27"]
    assert all(resolve_span(e) == (D(2024, 1, 23), D(2024, 1, 27)) for e in found)


def test_hyphenated_range_and_between_range() -> None:
    found = find_time_expressions("Talks were held Jan. 23-27 in Geneva.", D(2024, 2, 2))
    assert resolve_span(found[0]) == (D(2024, 1, 23), D(2024, 1, 27))
    found = find_time_expressions("Voting runs between March 30 and April 2.", D(2024, 3, 20))
    assert [e.value for e in found] == ["2024-03-30", "2024-04-02"]
    assert resolve_span(found[1]) == (D(2024, 3, 30), D(2024, 4, 2))


def test_month_alone_takes_its_year_from_the_tense() -> None:
    assert only("Fighting erupted in March near the border.", D(2024, 10, 10)).value == "2024-03"
    assert only("Elections will be held in March.", D(2024, 10, 10)).value == "2025-03"


def test_last_month_name_is_the_previous_occurrence() -> None:
    assert only("The mayor was elected last November.", D(2024, 3, 5)).value == "2023-11"
    assert only("The mayor was elected last April.", D(2024, 10, 5)).value == "2024-04"


def test_may_the_verb_is_not_a_date() -> None:
    found = find_time_expressions(
        "Troops may withdraw, officials said, and talks may resume in May.", D(2024, 3, 1)
    )
    assert [(e.text, e.value) for e in found] == [("May", "2024-05")]


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The party was founded in 1992 by exiles.", "1992", "1992"),
        ("The region was unstable in the 1990s.", "the 1990s", "199"),
        ("Sales fell in fiscal 2023, the company said.", "fiscal 2023", "2023"),
        ("The border was redrawn in the 19th century.", "the 19th century", "18"),
    ],
)
def test_years_decades_centuries(text: str, phrase: str, value: str) -> None:
    e = only(text, D(2024, 5, 2))
    assert (e.text, e.value) == (phrase, value)


def test_numbers_that_are_not_years() -> None:
    assert find_time_expressions("The army sent 1990 troops and paid $2000 in fees.", D(2024, 5, 2)) == []


def test_quarters_and_year_earlier_comparison() -> None:
    text = "Profit rose in the third quarter. A year earlier, the firm lost money. The quarter was strong."
    found = find_time_expressions(text, D(1998, 10, 26))
    assert [(e.text, e.value) for e in found] == [
        ("the third quarter", "1998-Q3"),
        ("A year earlier", "1997-Q3"),
        ("The quarter", "1998-Q3"),
    ]
    assert resolve_span(found[0]) == (D(1998, 7, 1), D(1998, 9, 30))


def test_adjectival_quarter_leaves_out_the_article() -> None:
    e = only("The company reported the third-quarter results.", D(1998, 10, 26))
    assert (e.text, e.value) == ("third-quarter", "1998-Q3")


def test_seasons_and_holidays() -> None:
    assert only("Clashes erupted last summer.", D(2024, 3, 9)).value == "2023-SU"
    assert only("Troops were deployed on Thanksgiving Day.", D(2024, 3, 9)).value == "2023-11-23"


# --------------------------------------------------------------------------- vague references, ago, durations


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The envoy is currently in Kabul.", "PRESENT_REF"),
        ("The envoy is now in Kabul.", "PRESENT_REF"),
        ("The envoy recently visited Kabul.", "PAST_REF"),
        ("Talks may resume in the near future.", "FUTURE_REF"),
    ],
)
def test_vague_references(text: str, value: str) -> None:
    assert only(text, D(2024, 3, 9)).value == value


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [
        ("The army seized power two years ago.", "2022", (D(2022, 1, 1), D(2022, 12, 31))),
        ("The army seized power three days ago.", "2024-03-02", (D(2024, 3, 2), D(2024, 3, 2))),
        ("The army seized power two weeks ago.", "2024-W08", (D(2024, 2, 19), D(2024, 2, 25))),
        ("The army seized power six months ago.", "2023-09", (D(2023, 9, 1), D(2023, 9, 30))),
    ],
)
def test_ago_expressions(text: str, value: str, span: tuple[D, D]) -> None:
    e = only(text, D(2024, 3, 5))
    assert (e.type, e.value, resolve_span(e)) == ("DATE", value, span)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The junta ruled for three years.", "three years", "P3Y"),
        ("Rebels ended a five-day siege of the town.", "five-day", "P5D"),
        ("The strike lasted 24 hours.", "24 hours", "PT24H"),
        ("The talks took several weeks.", "several weeks", "PXW"),
    ],
)
def test_durations(text: str, phrase: str, value: str) -> None:
    e = only(text, D(2024, 3, 5))
    assert (e.text, e.type, e.value) == (phrase, "DURATION", value)
    assert resolve_span(e) == (None, None)


# --------------------------------------------------------------------------- clock times and sets


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The blast occurred at 8:41 near the market.", "8:41", "2024-03-09T08:41"),
        ("The blast occurred at 8 a.m. near the market.", "8 a.m.", "2024-03-09T08:00"),
        ("The blast occurred at noon near the market.", "noon", "2024-03-09T12:00"),
        ("The curfew began at 10 p.m. Wednesday, police said.", "10 p.m. Wednesday", "2024-03-06T22:00"),
        ("A curfew will start at 10 p.m. Wednesday, police said.", "10 p.m. Wednesday", "2024-03-13T22:00"),
    ],
)
def test_clock_times(text: str, phrase: str, value: str) -> None:
    e = only(text, D(2024, 3, 9))
    assert (e.text, e.type, e.value) == (phrase, "TIME", value)


def test_sets() -> None:
    found = find_time_expressions("The council meets every Monday and briefs reporters daily.", D(2024, 3, 9))
    assert [(e.type, e.value) for e in found] == [("SET", "XXXX-WXX-1"), ("SET", "P1D")]


# --------------------------------------------------------------------------- API contract


def test_offsets_match_text_and_results_are_ordered() -> None:
    text = "On Monday the envoy met rebels; by Jan. 5 a deal was reached, and it held for two weeks."
    found = find_time_expressions(text, D(2024, 1, 10))
    assert [e.text for e in found] == ["Monday", "Jan. 5", "two weeks"]
    assert all(text[e.start : e.end] == e.text for e in found)
    assert [e.start for e in found] == sorted(e.start for e in found)


def test_expression_is_frozen_and_datetime_anchor_is_accepted() -> None:
    e = only("The vote took place yesterday.", dt.datetime(2024, 3, 9, 15, 30))
    assert e.value == "2024-03-08"
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.value = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("value", "span"),
    [
        ("1998-W32", (D(1998, 8, 3), D(1998, 8, 9))),
        ("1998-08", (D(1998, 8, 1), D(1998, 8, 31))),
        ("1998-Q3", (D(1998, 7, 1), D(1998, 9, 30))),
        ("199", (D(1990, 1, 1), D(1999, 12, 31))),
        ("1998-08-07TMO", (D(1998, 8, 7), D(1998, 8, 7))),
        ("PRESENT_REF", (None, None)),
    ],
)
def test_resolve_span_from_value(value: str, span: tuple[D | None, D | None]) -> None:
    assert resolve_span(TimeExpression(0, 1, "x", "DATE", value)) == span


def test_empty_and_timeless_text() -> None:
    assert find_time_expressions("", D(2024, 1, 1)) == []
    assert find_time_expressions("The minister denied the charges.", D(2024, 1, 1)) == []
