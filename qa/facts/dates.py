"""Dates in text, absolute and relative, resolved against the article's publication date, with granularity.

Each found date is an interval of days (``lo``..``hi``) plus its granularity, so "December 2024" and
"Dec. 12, 2024" overlap (no conflict) while "Sept. 16" and "September 17" do not. dateparser 1.5.0 was
measured for this and not used: it resolves "on Friday" in a Friday article to the Friday before, returns
nothing for "in December last year", "earlier this week" and decades, its ``search_dates`` turns
"on Sept. 16" into the publication day, and each call costs about a millisecond (200 ms on the first).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from qa.facts import lang
from qa.facts.mention import Mention
from qa.facts.text import IRREGULAR, STOPWORDS, clause_bounds, fold, same_word, stem, words

Granularity = Literal["day", "week", "month", "year", "decade", "century"]

_ABBREVIATIONS = lang.table("dates.month_abbreviations")
MONTHS = {m: i for i, m in enumerate(lang.words("dates.months"), start=1)} | _ABBREVIATIONS
WEEKDAYS = {d: i for i, d in enumerate(lang.words("dates.weekdays"))}

_MON = rf"(?P<mon>(?:{'|'.join(_ABBREVIATIONS)})\.?|{lang.alternation('dates.months')})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1\d|20)\d\d)(?!\d)"

_WORDNUM = lang.table("dates.ago_numbers")
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("mdy", re.compile(rf"\b{_MON}\s+{_DAY}(?:,?\s+{_YEAR})?\b", re.I)),
    ("dmy", re.compile(rf"\b(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?\b", re.I)),
    ("iso", re.compile(r"\b(?P<year>(?:1\d|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("my_rel", re.compile(rf"\b(?:in\s+)?{_MON}\s+(?P<rel>last|this|next)\s+year\b", re.I)),
    ("rel_m", re.compile(rf"\b(?P<rel>last|this|next)\s+{_MON}\b", re.I)),
    ("my", re.compile(rf"\b{_MON}\s*,?\s+{_YEAR}\b", re.I)),
    ("decade", re.compile(r"\b(?:the\s+)?(?P<part>early|mid|late)?-?\s*(?P<year>(?:1\d|20)\d0)'?s\b", re.I)),
    ("century", re.compile(r"\b(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+century(?:\s+(?P<era>BC|BCE|AD))?\b", re.I)),
    ("era_year", re.compile(r"\b(?:c\.\s*|circa\s+)?(?P<year>\d{1,4})\s*(?P<era>BC|BCE)\b", re.I)),
    ("ago", re.compile(r"\b(?P<n>\d+|" + "|".join(_WORDNUM) + r")\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)),
    ("rel_unit", re.compile(r"\b(?:(?P<early>earlier|later)\s+)?(?P<rel>last|this|next|past)\s+(?P<unit>week|month|year)\b", re.I)),
    ("weekend", re.compile(r"\b(?:at|over|during)\s+the\s+weekend\b", re.I)),
    ("deictic", re.compile(r"\b(?P<word>yesterday|today|tomorrow)\b", re.I)),
    ("weekday", re.compile(r"\b(?:on|last|this)\s+(?P<wd>" + lang.alternation("dates.weekdays") + r")\b", re.I)),
    ("bare_weekday", re.compile(r"\b(?P<wd>" + "|".join(w.capitalize() for w in WEEKDAYS) + r")\b")),
    ("month", re.compile(rf"\b(?:in|since|until|by|during|early|late|mid-?)\s+{_MON}\b(?!\s+\d)", re.I)),
    ("year", re.compile(rf"(?<![\w$€£.,-]){_YEAR}(?![.,]\d|\s*(?:%|percent|km|kg|m\b|mi\b|ft\b))", re.I)),
]
_REPORT_WORD = re.compile(lang.alternation("quotes.speech_verb_patterns") + "|"
                          + lang.alternation("dates.report_verb_patterns"), re.I)


def _key(year: int, month: int, day: int) -> int:
    """Sortable day key; negative years are BC (so intervals work where ``datetime.date`` cannot)."""
    return year * 10000 + month * 100 + day


class DateMention(Mention):
    """A date found in a text: where, as written, and the interval of days it means; ``normalized`` is its ISO
    form at its granularity ("2024-09-16", "2024-12", "2024", "1890s", "2500 BC")."""

    kind: Literal["date"] = "date"
    lo: int
    """First day (``_key`` form)."""
    hi: int
    """Last day (``_key`` form)."""
    granularity: Granularity
    relative: bool = False
    """True when resolved against the publication date ("last month")."""


def _day(d: dt.date) -> tuple[int, int, str]:
    k = _key(d.year, d.month, d.day)
    return k, k, d.isoformat()


def _month(year: int, month: int) -> tuple[int, int, str]:
    return _key(year, month, 1), _key(year, month, 31), f"{year:04d}-{month:02d}"


def _year(year: int) -> tuple[int, int, str]:
    return _key(year, 1, 1), _key(year, 12, 31), str(year) if year > 0 else f"{-year} BC"


def _span(first: dt.date, last: dt.date) -> tuple[int, int, str]:
    return _key(first.year, first.month, first.day), _key(last.year, last.month, last.day), f"{first.isoformat()}/{last.isoformat()}"


AHEAD_MONTHS = 2
"""How many calendar months after the publication date a month written without a year may lie: news names the
coming weeks by month alone ("through early December", "on Nov. 8" in an October article)."""


def _year_for(month: int, day: int, base: dt.date | None) -> int | None:
    """Year of a month/day written without one: the latest such date not more than ``AHEAD_MONTHS`` calendar
    months after ``base``."""
    if base is None:
        return None
    year = base.year
    if (month, day) > (base.month, base.day) and month - base.month > AHEAD_MONTHS:
        year -= 1
    elif (month, day) <= (base.month, base.day) and month + 12 - base.month <= AHEAD_MONTHS:
        year += 1  # "on Jan. 5" in a December article
    return year


def _safe_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _mon(m: re.Match[str]) -> int:
    return MONTHS[m.group("mon").lower().rstrip(".")]


def _shift_months(base: dt.date, months: int) -> tuple[int, int]:
    index = base.year * 12 + base.month - 1 + months
    return index // 12, index % 12 + 1


def _resolve(kind: str, m: re.Match[str], base: dt.date | None):
    """(lo, hi, normalized, granularity, relative) for one match, or None when it cannot be resolved."""
    g = m.groupdict()
    if kind in ("mdy", "dmy"):
        month, day = _mon(m), int(g["day"])
        year = int(g["year"]) if g.get("year") else _year_for(month, day, base)
        d = _safe_day(year, month, day) if year else None
        return (*_day(d), "day", not g.get("year")) if d else None
    if kind == "iso":
        d = _safe_day(int(g["year"]), int(g["m"]), int(g["d"]))
        return (*_day(d), "day", False) if d else None
    if kind == "my":
        return (*_month(int(g["year"]), _mon(m)), "month", False)
    if kind == "decade":
        first = int(g["year"])
        lo, hi = {"early": (0, 4), "mid": (3, 7), "late": (6, 9)}.get((g.get("part") or "").lower(), (0, 9))
        return _key(first + lo, 1, 1), _key(first + hi, 12, 31), f"{first}s", "decade", False
    if kind == "century":
        n = int(g["n"])
        bc = (g.get("era") or "").upper().startswith("BC")
        first, last = ((-(n * 100), -(n * 100 - 99)) if bc else ((n - 1) * 100 + 1, n * 100))
        return _key(first, 1, 1), _key(last, 12, 31), m.group().strip(), "century", False
    if kind == "era_year":
        year = -int(g["year"])
        circa = m.group().lower().startswith("c")
        lo, hi = (year - 50, year + 50) if circa else (year, year)
        return _key(lo, 1, 1), _key(hi, 12, 31), f"{-year} BC", "year" if not circa else "decade", False
    if kind == "year":
        return (*_year(int(g["year"])), "year", False)
    if base is None:
        return None
    if kind in ("my_rel", "rel_m"):
        shift = {"last": -1, "this": 0, "next": 1}[g["rel"].lower()]
        month = _mon(m)
        if kind == "rel_m":  # "last December": the latest December before base
            year = base.year if (shift >= 0 or month < base.month) else base.year - 1
            year += 1 if shift > 0 and month <= base.month else 0
        else:
            year = base.year + shift
        return (*_month(year, month), "month", True)
    if kind == "ago":
        n = _WORDNUM.get(g["n"].lower()) or int(g["n"])
        unit = g["unit"].lower()
        if unit in ("day", "week"):
            d = base - dt.timedelta(days=n * (7 if unit == "week" else 1))
            return (*(_day(d) if unit == "day" else _span(d - dt.timedelta(days=3), d + dt.timedelta(days=3))),
                    unit, True)
        if unit == "month":
            return (*_month(*_shift_months(base, -n)), "month", True)
        return (*_year(base.year - n), "year", True)
    if kind == "rel_unit":
        rel, unit = g["rel"].lower(), g["unit"].lower()
        shift = {"last": -1, "past": -1, "this": 0, "next": 1}[rel]
        if rel == "past":  # "the past month": the trailing period up to base
            return None
        if unit == "week":
            monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=shift)
            last = base if (g.get("early") or "").lower() == "earlier" and shift == 0 else monday + dt.timedelta(days=6)
            return (*_span(monday, last), "week", True)
        if unit == "month":
            return (*_month(*_shift_months(base, shift)), "month", True)
        return (*_year(base.year + shift), "year", True)
    if kind == "weekend":
        saturday = base - dt.timedelta(days=(base.weekday() - 5) % 7)
        return (*_span(saturday, saturday + dt.timedelta(days=1)), "week", True)
    if kind == "deictic":
        d = base + dt.timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[g["word"].lower()])
        return (*_day(d), "day", True)
    if kind in ("weekday", "bare_weekday"):
        # News convention: "on Friday" in a Friday article is that day; otherwise the latest such day before.
        return (*_day(base - dt.timedelta(days=(base.weekday() - WEEKDAYS[g["wd"].lower()]) % 7)), "day", True)
    if kind == "month":
        month = _mon(m)
        return (*_month(_year_for(month, 1, base), month), "month", True)
    return None


_YEAR_BEFORE = re.compile(r"\b(" + "|".join(w.replace(".", r"\.") for w in lang.words("dates.year_cue_words"))
                          + r")\s*$", re.I)
_LOWER_WORD_AFTER = re.compile(r"\s+[a-z]")


def _looks_like_year(text: str, start: int, end: int) -> bool:
    """A bare four-digit number is a year after a date word, or when no lower-case noun follows it."""
    return bool(_YEAR_BEFORE.search(text[max(0, start - 14):start])) or not _LOWER_WORD_AFTER.match(text, end)


_QUALIFIED = re.compile(r"\b(?:" + lang.alternation("dates.named_day_qualifiers") + r")\s+$", re.I)
_CAPITALISED_AFTER = re.compile(r"\s+[A-Z]")


def _names_a_day(text: str, start: int, end: int) -> bool:
    """True when a bare capitalised weekday ("made landfall Sunday", "arrived in Norland Saturday night") names a
    day, not part of a name: no qualifier of a named day before it ("Super Tuesday", "Good Friday") and no
    capitalised word after it ("Sunday Times", "Tuesday Morning")."""
    return not _QUALIFIED.search(text, 0, start) and not _CAPITALISED_AFTER.match(text, end)


def find_dates(text: str, published: dt.date | None = None) -> list[DateMention]:
    """Every date in ``text``, resolved against ``published``, longest-first without overlaps, in text order."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind == "year" and not _looks_like_year(text, m.start(), m.end()):
                continue
            if kind == "bare_weekday" and not _names_a_day(text, m.start(), m.end()):
                continue
            if (resolved := _resolve(kind, m, published)) is None:
                continue
            lo, hi, norm, gran, relative = resolved
            taken.append((m.start(), m.end()))
            found.append(DateMention(start=m.start(), end=m.end(), text=m.group(), lo=lo, hi=hi, granularity=gran,
                                     normalized=norm, relative=relative))
    return sorted(found, key=lambda d: d.start)


def compatible(a: DateMention, b: DateMention) -> bool:
    """True unless the two dates certainly differ: their intervals share a day."""
    return a.lo <= b.hi and b.lo <= a.hi


def governing_verbs(text: str, mention: DateMention, asked: frozenset[str] = frozenset()) -> list[str]:
    """The verbs a date is said with: the nearest past form (or ``asked`` stem, unless it modifies the word after it:
    "a federal funding bill") before it in its clause ("filed a complaint on Thursday", "a law passed in 2018"), else
    the first past form after it and those joined to it by "and" ("In the 1970s they formed a group and made contact
    …"). A past form is a lower-case word in -ed, an irregular form ("told") or a report verb."""
    lo, hi = clause_bounds(text, mention.start, mention.end)

    def verb(word: str, then: str) -> bool:
        w = word.lower()
        return word == w and (w in IRREGULAR or bool(_REPORT_WORD.fullmatch(w)) or len(w) > 4 and w.endswith("ed")
                              or bool(then) and same_word(w, asked) and (not then.islower() or fold(then) in STOPWORDS))

    ahead = [w for w, _, _ in words(text[lo:mention.start])]
    before = next((w for w, then in reversed(list(zip(ahead, [*ahead[1:], "."]))) if verb(w, then)), None)
    if before:
        return [before]
    after = [w for w, _, _ in words(text[mention.end:hi])]
    found = [i for i, w in enumerate(after) if verb(w, "")]
    return [after[i] for i in found[:1] + [i for i in found[1:] if after[i - 1].lower() in ("and", "or")]]


def report_stems(text: str) -> frozenset[str]:
    """Stems of the verbs of saying and reporting in ``text`` ("tell" in "What did X tell Y?")."""
    return frozenset(stem(w) for w, _, _ in words(text) if _REPORT_WORD.fullmatch(w))


def reported(text: str, mention: DateMention) -> bool:
    """Whether ``mention`` is the day of a report ("officials said Thursday …", "the ministry on Monday announced")."""
    return any(_REPORT_WORD.fullmatch(v) for v in governing_verbs(text, mention))
