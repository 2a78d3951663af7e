"""Tests for plans.periods: parsing, printing and splitting of activity periods."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plans.periods import (
    ACADEMIC_MONTHS,
    MONTH_NAMES,
    Frequency,
    ParseResult,
    Period,
    format_period,
    month_name,
    parse_period,
    split_period_lines,
)

F = Frequency
SEP_TO_MAY = frozenset({9, 10, 11, 12, 1, 2, 3, 4, 5})

# (text as written, expected months, expected frequency, expected printed text)
KNOWN_PHRASES: list[tuple[str, set[int], str, str]] = [
    # Real phrases from the source document, typos and spacing included.
    ("В течение года", set(), F.YEAR_ROUND, "В течение года"),
    ("В течении года", set(), F.YEAR_ROUND, "В течение года"),
    ("Май-июнь", {5, 6}, "", "Май–июнь"),
    ("Октябрь", {10}, "", "Октябрь"),
    ("Декабрь-январь", {12, 1}, "", "Декабрь–январь"),
    ("Февраль", {2}, "", "Февраль"),
    ("Май", {5}, "", "Май"),
    ("Сентябрь, октябрь,    февраль, май", {9, 10, 2, 5}, "", "Сентябрь–октябрь, февраль, май"),
    ("2 раза в год", set(), F.TWICE_A_YEAR, "2 раза в год"),
    ("ноябрь, апрель", {11, 4}, "", "Ноябрь, апрель"),
    ("сентябрь, май", {9, 5}, "", "Сентябрь, май"),
    ("февраль, март", {2, 3}, "", "Февраль–март"),
    ("Один раз в полгода.", set(), F.HALF_YEAR, "Один раз в полгода"),
    ("Один раз в квартал.", set(), F.QUARTERLY, "Один раз в квартал"),
    ("Один раз в квартал .", set(), F.QUARTERLY, "Один раз в квартал"),
    ("Один раз в год", set(), F.ONCE, "Один раз в год"),
    ("По мере необходимости.", set(), F.AS_NEEDED, "По мере необходимости"),
    ("сентябрь, май февраль, март", {9, 5, 2, 3}, "", "Сентябрь, февраль–март, май"),
    # Other expected ways of writing.
    ("ежемесячно", set(), F.MONTHLY, "Ежемесячно"),
    ("Раз в квартал", set(), F.QUARTERLY, "Один раз в квартал"),
    ("ежеквартально", set(), F.QUARTERLY, "Один раз в квартал"),
    ("1 раз в год", set(), F.ONCE, "Один раз в год"),
    ("два раза в год", set(), F.TWICE_A_YEAR, "2 раза в год"),
    ("дважды в год", set(), F.TWICE_A_YEAR, "2 раза в год"),
    ("раз в полгода", set(), F.HALF_YEAR, "Один раз в полгода"),
    ("по необходимости", set(), F.AS_NEEDED, "По мере необходимости"),
    ("в течение учебного года", set(), F.YEAR_ROUND, "В течение года"),
    ("В ТЕЧЕНИЕ ГОДА.", set(), F.YEAR_ROUND, "В течение года"),
    ("Сентябрь–май", SEP_TO_MAY, "", "Сентябрь–май"),
    ("сентябрь - октябрь", {9, 10}, "", "Сентябрь–октябрь"),
    ("Май — июнь", {5, 6}, "", "Май–июнь"),
    ("май –июнь", {5, 6}, "", "Май–июнь"),
    ("Май, июнь", {5, 6}, "", "Май–июнь"),
    ("май и июнь", {5, 6}, "", "Май–июнь"),
    ("май; июнь", {5, 6}, "", "Май–июнь"),
    ("май февраль", {5, 2}, "", "Февраль, май"),
    ("ОКТЯБРЬ", {10}, "", "Октябрь"),
    ("оКтЯбРь", {10}, "", "Октябрь"),
    ("  Май  .  ", {5}, "", "Май"),
    ("Май...", {5}, "", "Май"),
    ("Сентябрь–август", set(range(1, 13)), "", "Сентябрь–август"),
    ("август, сентябрь", {8, 9}, "", "Сентябрь, август"),
    ("декабрь, январь, март", {12, 1, 3}, "", "Декабрь–январь, март"),
    ("2 раза в год: ноябрь, апрель", {11, 4}, F.TWICE_A_YEAR, "2 раза в год: ноябрь, апрель"),
    ("Ежемесячно: Сентябрь-Май", SEP_TO_MAY, F.MONTHLY, "Ежемесячно: сентябрь–май"),
]


@pytest.mark.parametrize(("text", "months", "frequency", "printed"), KNOWN_PHRASES)
def test_it_parses_and_prints_known_phrases(
    text: str, months: set[int], frequency: str, printed: str
) -> None:
    result = parse_period(text)
    assert result == ParseResult(Period(frozenset(months), frequency), True, "")
    assert format_period(result.period) == printed
    assert parse_period(printed).period == result.period


@pytest.mark.parametrize(
    ("text", "period", "printed"),
    [
        ("Октябрь (по согласованию)", Period({10}, note="по согласованию"), None),
        (
            "октябрь(по согласованию).",
            Period({10}, note="по согласованию"),
            "Октябрь (по согласованию)",
        ),
        (
            "2 раза в год: ноябрь, апрель (в библиотеке)",
            Period({11, 4}, F.TWICE_A_YEAR, "в библиотеке"),
            None,
        ),
        (
            "В течении года ( по плану ДК )",
            Period(frozenset(), F.YEAR_ROUND, "по плану ДК"),
            "В течение года (по плану ДК)",
        ),
        ("Май (акция (весна))", Period({5}, note="акция (весна)"), None),
        ("Май ()", Period({5}), "Май"),
    ],
)
def test_it_reads_a_note_in_parentheses(text: str, period: Period, printed: str | None) -> None:
    result = parse_period(text)
    assert result.recognised
    assert result.period == period
    assert format_period(period) == (printed or text)


@pytest.mark.parametrize(
    "text",
    [
        "когда-нибудь",
        "май–сентябрь",
        "31 февраля",
        "Июнь–май",
        "май-июнь-июль",
        "май -",
        "Октябрь (по согласованию",
        "Октябрь (по согласованию), май",
        "(по согласованию)",
        "2 раза в год: когда удобно",
        "ежемесячно, по мере необходимости",
        "в сентябре",
    ],
)
def test_it_keeps_unknown_text_as_note(text: str) -> None:
    result = parse_period(f"  {text} ")
    assert result == ParseResult(Period(note=text), False, text)
    assert not result.period.is_valid
    assert format_period(result.period) == text


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_it_reads_blank_text_as_empty_period(text: str) -> None:
    assert parse_period(text) == ParseResult(Period(), True, "")
    assert format_period(Period()) == ""


def test_it_prints_the_note_alone_as_is() -> None:
    assert format_period(Period(note="  по согласованию ")) == "по согласованию"


def test_it_normalises_and_validates_period_fields() -> None:
    period = Period([5, 6, 5], Frequency.MONTHLY, "  note  ")  # type: ignore[arg-type]
    assert period.months == frozenset({5, 6})
    assert period.frequency == "monthly"
    assert type(period.frequency) is str
    assert period.note == "note"
    assert period == Period(frozenset({5, 6}), "monthly", "note")
    assert hash(period) == hash(Period(frozenset({5, 6}), "monthly", "note"))
    for bad in ({0}, {13}, {True}, {"5"}):
        with pytest.raises(ValueError, match="month must be"):
            Period(frozenset(bad))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown frequency"):
        Period(frequency="weekly")


def test_it_answers_period_properties() -> None:
    assert Period().is_empty
    assert not Period().is_valid
    assert not Period(note="x").is_empty
    assert not Period(note="x").is_valid
    assert Period({5}).is_valid
    assert Period(frequency=F.ONCE).is_valid

    period = Period({1, 5, 9, 12})
    assert period.academic_months == [9, 12, 1, 5]
    assert period.text == str(period) == "Сентябрь, декабрь–январь, май"
    assert period.is_tied_to_months
    assert not Period(frequency=F.MONTHLY).is_tied_to_months

    assert Period(frequency=F.ONCE).times_per_year == 1
    assert Period(frequency=F.TWICE_A_YEAR).times_per_year == 2
    assert Period(frequency=F.HALF_YEAR).times_per_year == 2
    assert Period(frequency=F.QUARTERLY).times_per_year == 4
    assert Period(frequency=F.MONTHLY).times_per_year == 12
    assert Period(SEP_TO_MAY, F.MONTHLY).times_per_year == 9
    assert Period({11, 4}, F.TWICE_A_YEAR).times_per_year == 2
    assert Period({11, 4, 5}).times_per_year == 3
    assert Period(frequency=F.YEAR_ROUND).times_per_year is None
    assert Period(frequency=F.AS_NEEDED).times_per_year is None
    assert Period().times_per_year is None


def test_it_converts_months_to_bitmask_and_back() -> None:
    assert Period({1}).to_bitmask() == 1
    assert Period({12, 1}).to_bitmask() == 0b1000_0000_0001
    assert Period.from_bitmask(0b11, F.ONCE, "x") == Period({1, 2}, F.ONCE, "x")
    assert Period.from_bitmask(0) == Period()
    for bad in (-1, 4096, True):
        with pytest.raises(ValueError, match="bitmask"):
            Period.from_bitmask(bad)


def test_it_names_months() -> None:
    assert ACADEMIC_MONTHS == (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8)
    assert MONTH_NAMES[1] == "январь"
    assert MONTH_NAMES[12] == "декабрь"
    assert sorted(MONTH_NAMES) == list(range(1, 13))
    assert month_name(5) == "май"
    assert month_name(9, capital=True) == "Сентябрь"
    with pytest.raises(ValueError, match="must be in"):
        month_name(13)


@pytest.mark.parametrize(
    ("cell", "lines"),
    [
        (
            (
                "2 раза в год                    В течении года\n\nноябрь, апрель\n\n"
                "сентябрь, май февраль, март"
            ),
            ["2 раза в год", "В течении года", "ноябрь, апрель", "сентябрь, май февраль, март"],
        ),
        ("Февраль                   Май", ["Февраль", "Май"]),
        (
            "Один раз в квартал.            Один раз в год",
            ["Один раз в квартал.", "Один раз в год"],
        ),
        ("Сентябрь, октябрь,    февраль, май", ["Сентябрь, октябрь,    февраль, май"]),
        ("Май   –   июнь\r\nОктябрь\tНоябрь", ["Май   –   июнь", "Октябрь", "Ноябрь"]),
        ("май и    июнь", ["май и    июнь"]),
        ("Октябрь    (по   согласованию)   Май", ["Октябрь    (по   согласованию)", "Май"]),
        ("  Май  ", ["Май"]),
        ("", []),
        (" \n\n   \n", []),
    ],
)
def test_it_splits_a_word_cell_into_period_lines(cell: str, lines: list[str]) -> None:
    assert split_period_lines(cell) == lines


# --------------------------------------------------------------------------- properties

months_st = st.frozensets(st.integers(min_value=1, max_value=12))
frequency_st = st.sampled_from(["", *Frequency.values])
any_note_st = st.text(max_size=30)
# Notes that cannot be read as a period on their own: no Cyrillic month or frequency words.
SAFE_NOTE_WORDS = ["по согласованию", "акция", "совместно с ДК", "по плану школы", "online", "№ 5"]
safe_note_st = st.one_of(
    st.sampled_from(SAFE_NOTE_WORDS),
    st.text(alphabet=string.ascii_letters + string.digits + " ,;:!?№", min_size=1).filter(
        str.strip
    ),
)


@st.composite
def valid_periods(draw: st.DrawFn, notes: st.SearchStrategy[str] = any_note_st) -> Period:
    """Any period with months or a frequency, and any note."""
    months = draw(months_st)
    frequency = draw(frequency_st if months else st.sampled_from(Frequency.values))
    return Period(months, frequency, draw(notes))


# Pieces of periods glued into texts, to reach the interesting parts of the parser.
PERIOD_PIECES = [
    *MONTH_NAMES.values(),
    "Май",
    "СЕНТЯБРЬ",
    "раз в год",
    "2 раза в год",
    "дважды в год",
    "один раз в полгода",
    "раз в квартал",
    "ежемесячно",
    "в течении года",
    "по мере необходимости",
    "и",
    ",",
    ";",
    ":",
    "-",
    "–",
    "—",
    ".",
    "(",
    ")",
    "  ",
    "31",
    "когда-нибудь",
]
period_like_text_st = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(PERIOD_PIECES), max_size=8).map(" ".join),
    st.lists(st.sampled_from(PERIOD_PIECES), max_size=8).map("".join),
)


@settings(max_examples=500, deadline=None)
@given(valid_periods())
def test_it_round_trips_every_valid_period_through_text(period: Period) -> None:
    text = format_period(period)
    result = parse_period(text)
    assert result == ParseResult(period, True, "")
    assert format_period(result.period) == text
    assert not text.endswith(".")
    assert text[:1] == text[:1].upper()


@settings(max_examples=200, deadline=None)
@given(safe_note_st)
def test_it_round_trips_a_note_alone_as_unrecognised(note: str) -> None:
    period = Period(note=note)
    result = parse_period(format_period(period))
    assert result == ParseResult(period, False, period.note)


@settings(max_examples=500, deadline=None)
@given(period_like_text_st)
def test_it_never_drops_text_and_is_idempotent(text: str) -> None:
    result = parse_period(text)
    if result.recognised:
        assert result.unknown == ""
        assert result.period.is_valid or not text.strip()
    else:
        assert result.period == Period(note=text.strip())
        assert result.unknown == text.strip()
    printed = format_period(result.period)
    again = parse_period(printed)
    assert again.period == result.period
    assert again.recognised == result.recognised
    assert format_period(again.period) == printed


@given(months_st, frequency_st, any_note_st)
def test_it_round_trips_the_month_bitmask(
    months: frozenset[int], frequency: str, note: str
) -> None:
    period = Period(months, frequency, note)
    mask = period.to_bitmask()
    assert 0 <= mask < 4096
    assert Period.from_bitmask(mask, frequency, note) == period


@settings(deadline=None)
@given(st.lists(valid_periods(safe_note_st), max_size=6), st.sampled_from(["\n", "\n\n", "    "]))
def test_it_splits_joined_printed_periods_back(periods: list[Period], glue: str) -> None:
    texts = [format_period(p) for p in periods]
    assert split_period_lines(glue.join(texts)) == texts
