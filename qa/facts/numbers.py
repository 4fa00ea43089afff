"""Numbers in text with their units, scale words and hedges, normalised to a base unit for comparison.

"434,000 soldiers" → 434000 (soldier); "$1.2bn" → 1.2e9 USD; "30 meters (98 ft)" → 30 m and 29.9 m;
"two and a half years" → 2.5 year; "between 1.5 and 3.8%" → the interval 1.5–3.8 percent.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from qa.facts.text import stem

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
          "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12}
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9,
          "b": 1e9, "trillion": 1e12, "tn": 1e12}
# unit word → (dimension, factor to the dimension's base unit)
_UNITS = {
    "%": ("percent", 1), "percent": ("percent", 1), "per cent": ("percent", 1),
    "km": ("length", 1000), "kilometres": ("length", 1000), "kilometers": ("length", 1000), "kilometre": ("length", 1000),
    "kilometer": ("length", 1000), "m": ("length", 1), "metres": ("length", 1), "meters": ("length", 1),
    "metre": ("length", 1), "meter": ("length", 1), "cm": ("length", 0.01), "mm": ("length", 0.001),
    "mi": ("length", 1609.344), "miles": ("length", 1609.344), "mile": ("length", 1609.344),
    "ft": ("length", 0.3048), "feet": ("length", 0.3048), "foot": ("length", 0.3048), "in": ("length", 0.0254),
    "inches": ("length", 0.0254), "inch": ("length", 0.0254),
    "kg": ("mass", 1), "kilograms": ("mass", 1), "kilogram": ("mass", 1), "g": ("mass", 0.001), "grams": ("mass", 0.001),
    "tonnes": ("mass", 1000), "tons": ("mass", 907.18), "lb": ("mass", 0.45359), "lbs": ("mass", 0.45359),
    "km2": ("area", 1e6), "m2": ("area", 1), "sq mi": ("area", 2.59e6), "hectares": ("area", 1e4), "hectare": ("area", 1e4),
    "ha": ("area", 1e4), "acres": ("area", 4046.86), "acre": ("area", 4046.86),
    "km/h": ("speed", 1), "mph": ("speed", 1.609344),
    "years": ("duration", 365.25), "year": ("duration", 365.25), "months": ("duration", 30.44), "month": ("duration", 30.44),
    "weeks": ("duration", 7), "week": ("duration", 7), "days": ("duration", 1), "day": ("duration", 1),
    "hours": ("duration", 1 / 24), "hour": ("duration", 1 / 24),
    "$": ("usd", 1), "dollars": ("usd", 1), "us$": ("usd", 1), "€": ("eur", 1), "euros": ("eur", 1), "£": ("gbp", 1),
    "pounds": ("gbp", 1), "shillings": ("shilling", 1), "shilling": ("shilling", 1), "pence": ("pence", 1),
}
_BASE_UNIT = {"percent": "%", "length": "m", "mass": "kg", "area": "m²", "speed": "km/h", "duration": "days",
              "usd": "USD", "eur": "EUR", "gbp": "GBP", "count": ""}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = (r"(?:(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")(?:[- ](?:" + "|".join(_WORDS) + r"))?"
            r"(?:\s+and\s+a\s+(?:half|quarter))?)")
_SCALEW = r"(?:\s*(?P<scale>thousand|million|billion|trillion|bn|mn|mln|tn|k|m|b)\b)?"
_UNIT = r"(?:\s*(?P<unit>" + "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True) if u not in "$€£") + r")(?![\w/]))?"
_HEDGE = r"(?P<hedge>about|around|approximately|nearly|almost|some|roughly|over|more than|at least|less than|under|up to|fewer than)?\s*"
_FRACTION = r"(?:\s+(?P<frac>1/2|1/4|3/4)\b|\s*(?P<glyph>[½¼¾])|\s+and\s+a\s+(?P<fracw>half|quarter)\b)?"
_FRACTIONS = {"1/2": 0.5, "1/4": 0.25, "3/4": 0.75, "½": 0.5, "¼": 0.25, "¾": 0.75, "half": 0.5, "quarter": 0.25}
"""A fraction after a written whole number: "22 1/2 years", "22½ years", "22 and a half years" (22.5)."""
_QUANTITY = re.compile(
    rf"(?<![\w.,/-]){_HEDGE}(?P<cur>US\$|\$|€|£)?\s?(?:between\s+)?(?P<a>{_NUM}(?!/\d)|{_WORDNUM}){_FRACTION}"
    rf"(?:\s*(?:-|–|to|and)\s*(?P<b>{_NUM}))?{_SCALEW}{_UNIT}(?:\s+(?P<noun>[a-z][a-z-]+))?",
    re.I)
_NOT_NOUN = frozenset("and or of the a an in on at to for from with by was were is are had has have but as than "
                      "that which who when where while after before since per each".split())


_ROUNDING_SHARE = 0.01
"""Least relative slack of an unhedged number (a source may round 1,285 to 1,290)."""
_HALF_OPEN = 0.999
_ROUND_FROM = 1000
"""Below this an unhedged whole number's trailing zeros are taken as written ("50 prisoners")."""
_HEDGE_SHARE = 0.05
"""Least relative slack of a hedged number ("about", "roughly", "nearly")."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as written, with the interval it means in its dimension's base unit."""

    start: int
    end: int
    text: str
    lo: float
    hi: float
    dimension: str
    """"length", "percent", "usd", … or "count:<noun stem>" ("count:soldier"), or "count" when bare."""
    bound: str = "eq"
    """"eq", "min" ("more than 40"), "max" ("under 40") or "approx" ("about 40")."""
    unit: str = ""
    """The unit or currency sign as written, lower-cased ("mm", "acres", "£"); empty for counts."""
    factor: float = 1.0
    """Base units per written unit, scale word included ("26.5mm" → 0.001; "$1.2bn" → 1e9)."""
    step: float = 0.0
    """Half of the last written digit's place, in the base unit: the rounding the text allows ("26.5 mm" →
    0.00005 m; "81,000 m2" → 500 m², trailing zeros of a whole number taken as not significant)."""

    @property
    def normalized(self) -> str:
        unit = _BASE_UNIT.get(self.dimension, "")
        if self.dimension.startswith("count:"):
            unit = self.text.split()[-1]  # the noun as written ("prisoners"), not its stem
        scale = 1000.0 if unit == "m" and max(abs(self.lo), abs(self.hi)) >= 1000 else 1.0
        unit = "km" if scale > 1 else unit
        lo, hi = _shown(self.lo / scale), _shown(self.hi / scale)
        value = lo if lo == hi else f"{lo}–{hi}"
        prefix = {"min": "≥", "max": "≤", "approx": "≈"}.get(self.bound, "")
        return f"{prefix}{value} {unit}".strip()

    def interval(self) -> tuple[float, float]:
        """The values this mention allows: the rounding its written digits allow ("81,000" → ±500, "150,000"
        → ±5,000; "50" unhedged is ±0.5), and at least ±1 % (±5 % when hedged: "about 69 km" → 65.6–72.5 km)."""
        lo, hi = self.lo, self.hi
        if self.bound == "min":
            return lo, float("inf")
        if self.bound == "max":
            return float("-inf"), hi
        share = _HEDGE_SHARE if self.bound == "approx" else _ROUNDING_SHARE
        rounding = self.step
        if self.bound != "approx" and self.factor and abs(lo / self.factor) < _ROUND_FROM and rounding > 0.5 * self.factor:
            rounding = 0.5 * self.factor  # "50 prisoners" is a count, not "about 50"; "150,000" may be rounded
        rounding *= _HALF_OPEN  # "3" is 2.5 ≤ x < 3.5: it never meets "2"
        return lo - max(rounding, abs(lo) * share), hi + max(rounding, abs(hi) * share)


def word_number(token: str) -> float | None:
    """The value of a number as written: "1,500" → 1500, "twenty-one" → 21, "two and a half" → 2.5."""
    t = token.lower().replace(",", "")
    try:
        return float(t)
    except ValueError:
        pass
    half = 0.5 if "and a half" in t else 0.25 if "and a quarter" in t else 0.0
    t = t.split(" and a ")[0]
    parts = re.split(r"[- ]", t)
    if not all(p in _WORDS for p in parts):
        return None
    return (sum(_WORDS[p] for p in parts) if parts[-1] != "hundred" else _WORDS[parts[0]] * 100) + half


_BOUNDS = {"more than": "min", "over": "min", "at least": "min", "less than": "max", "under": "max",
           "up to": "max", "fewer than": "max"}


_LABEL_BEFORE = re.compile(r"(?:\b[A-Z][\w.-]*|\bNo\.|#)\s?$")


def _is_label(text: str, start: int) -> bool:
    """True for numbers that name things ("Class 153", "Windows Server 2022", "Building 98")."""
    return bool(_LABEL_BEFORE.search(text[max(0, start - 25):start]))


def _shown(value: float) -> str:
    """``value`` to four significant digits, with thousands separators and no exponent (69201.8 → "69,200")."""
    if value == 0 or math.isinf(value):
        return f"{value:g}"
    digits = 3 - math.floor(math.log10(abs(value)))
    text = f"{round(value, digits):,.{max(0, digits)}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _step(token: str) -> float:
    """Half of the last written digit's place: "26.5" → 0.05, "160" → 5, "81,000" → 500, "seven" → 0.5."""
    t = token.replace(",", "")
    if "." in t:
        return 0.5 * 10 ** -len(t.split(".", 1)[1])
    if not t.isdigit():
        return 0.5
    return 0.5 * 10 ** (len(t) - len(t.rstrip("0"))) if t.strip("0") else 0.5


def find_quantities(text: str, skip: list[tuple[int, int]] | None = None, loose: bool = False) -> list[Quantity]:
    """Numbers in ``text`` with units or counted nouns; spans in ``skip`` (dates) are left out.

    ``loose`` also reads "one inch" and the adjectival "100-mile" as measures (left out by default: "one in
    five" and "a 100-mile race" are rarely the value a sentence reports)."""
    return list(_find_quantities(text, tuple(skip or ()), loose))


_SINGULAR = {"inch": "inches", "foot": "feet", "mile": "miles", "metre": "metres", "meter": "meters",
             "kilometre": "kilometres", "kilometer": "kilometers", "acre": "acres", "hectare": "hectares",
             "year": "years", "month": "months", "week": "weeks", "day": "days", "hour": "hours", "pound": "pounds"}
_UNIT_WORDS = sorted({*_UNITS, *_SINGULAR}, key=len, reverse=True)
_ONE_UNIT = re.compile(r"(?<![\w.,-])(?P<a>one)\s+(?P<unit>" + "|".join(
    re.escape(u) for u in _UNIT_WORDS if len(u) > 2 and u.isalpha()) + r")\b", re.I)
_ADJ_UNIT = re.compile(r"(?<![\w.,-])(?P<a>" + _NUM + r")-(?P<unit>" + "|".join(
    re.escape(u) for u in _UNIT_WORDS if u.isalpha()) + r")\b", re.I)


def _unit(word: str) -> tuple[str, float] | None:
    """(dimension, base units per unit) of a lower-case unit word, singular or plural ("mile", "miles")."""
    return _UNITS.get(word) or _UNITS.get(_SINGULAR.get(word, ""))


def _loose(text: str, skip: tuple[tuple[int, int], ...]) -> list[Quantity]:
    """"one inch", "100-mile": measures the default reading leaves out."""
    out = []
    for pattern in (_ONE_UNIT, _ADJ_UNIT):
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in skip):
                continue
            unit = m.group("unit").lower()
            dimension, factor = _unit(unit) or (None, 0)
            value = word_number(m.group("a"))
            if dimension is None or value is None:
                continue
            out.append(Quantity(m.start(), m.end(), m.group(), value * factor, value * factor, dimension, "eq",
                                unit, factor, _step(m.group("a")) * factor))
    return out


@functools.lru_cache(maxsize=8192)
def _find_quantities(text: str, skip: tuple[tuple[int, int], ...], loose: bool = False) -> tuple[Quantity, ...]:
    out: list[Quantity] = _loose(text, skip) if loose else []
    for m in _QUANTITY.finditer(text):
        g = m.groupdict()
        a_start, a_end = m.span("a")
        if any(a_start < e and s < a_end for s, e in skip) or any(q.start <= a_start < q.end for q in out):
            continue
        if re.match(r"[^\W\d_]", text[a_end:a_end + 1]) and not (g["scale"] or g["unit"]):
            continue  # "1st", "3rd", "5G"
        if g["a"].lower() == "one" or (g["a"].isalpha() and not (g["noun"] or g["unit"])):
            continue
        if not g["cur"] and not g["unit"] and _is_label(text, a_start):
            continue  # "Building 98", but "Angermünde 80 km" is a distance
        lo = word_number(g["a"])
        if lo is None:
            continue
        fraction = g["frac"] or g["glyph"] or g["fracw"]
        if fraction and g["a"][:1].isdigit() and "." not in g["a"]:
            lo += _FRACTIONS[fraction.lower()]
        hi = word_number(g["b"]) if g["b"] else lo
        if hi is None or hi < lo:
            continue
        scale, unit = (g["scale"] or "").lower(), (g["unit"] or "").lower()
        if scale in ("m", "b", "k") and not g["cur"]:
            unit, scale = (unit or "m") if scale == "m" else unit, ""
            if scale == "" and g["scale"].lower() in ("b", "k"):
                continue
        factor = _SCALE.get(scale, 1.0)
        if g["cur"]:
            dimension, unit_factor = _UNITS[g["cur"].lower()]
        elif unit:
            dimension, unit_factor = _UNITS[unit]
        elif g["noun"] and g["noun"].lower() not in _NOT_NOUN:
            dimension, unit_factor = f"count:{stem(g['noun'])}", 1
        else:
            dimension, unit_factor = "count", 1
        hedge = (g["hedge"] or "").lower()
        bound = _BOUNDS.get(hedge, "approx" if hedge else "eq")
        if g["noun"] and dimension.startswith("count:"):
            end = m.end("noun")
        else:
            end = max(m.end(name) for name in ("a", "frac", "glyph", "fracw", "b", "scale", "unit") if g[name])
        start = m.start("hedge") if g["hedge"] else m.start("cur") if g["cur"] else a_start
        written = (g["cur"] or unit).lower()
        step = _step(g["b"] or g["a"]) * factor * unit_factor
        out.append(Quantity(start, end, text[start:end], lo * factor * unit_factor, hi * factor * unit_factor,
                            dimension, bound, written, factor * unit_factor, step))
    return tuple(sorted(out, key=lambda q: q.start))


def compatible(a: Quantity, b: Quantity) -> bool:
    """True unless the two quantities measure the same thing and cannot both be true."""
    if a.dimension != b.dimension:
        return True
    alo, ahi = a.interval()
    blo, bhi = b.interval()
    return alo <= bhi and blo <= ahi


def comparable(a: Quantity, b: Quantity) -> bool:
    """True when the two measure the same kind of thing (same unit dimension or counted noun)."""
    return a.dimension == b.dimension and a.dimension != "count"


def same_figure(a: Quantity, b: Quantity) -> bool:
    """True when two counts are the same written figure, whatever noun follows ("1,626,042 valid signatures" /
    "1,626,042 signatures")."""
    return a.dimension.startswith("count") and b.dimension.startswith("count") and (a.lo, a.hi) == (b.lo, b.hi)


def unshared(qa: list[Quantity], qb: list[Quantity], measures: bool = True) -> tuple[list[Quantity], list[Quantity]]:
    """The quantities of two sentences left to contrast once their common ground is set aside.

    A figure both give is agreed, whatever noun follows it; and (``measures``) when the two agree on one value of
    a kind (a percentage, a count of jobs), their other values of that kind are other measures ("prices rose 0.9%
    in June and 5.4% over the year" / "rose 0.9% in June after 0.6% in May"). The second holds for two sentences
    on the same claim, not for an answer slot, whose question names the one measure it asks about."""
    agreed = {a.dimension for a in qa for b in qb if measures and comparable(a, b) and compatible(a, b)}
    keep_a = [a for a in qa if a.dimension not in agreed and not any(same_figure(a, b) for b in qb)]
    keep_b = [b for b in qb if b.dimension not in agreed and not any(same_figure(a, b) for a in qa)]
    return keep_a, keep_b


def unit_dimension(word: str) -> str | None:
    """The dimension a unit word measures ("miles" → "length", "shillings" → "shilling"), None for other words."""
    found = _unit(word.lower())
    return found[0] if found else None
