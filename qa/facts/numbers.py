"""Numbers in text with their units, scale words and hedges, normalised to a base unit for comparison.

"434,000 soldiers" → 434000 (soldier); "$1.2bn" → 1.2e9 USD; "30 meters (98 ft)" → 30 m and 29.9 m; "two and a half
years" → 2.5 year; "between 1.5 and 3.8%" → the interval 1.5–3.8 percent; "almost doubles the risk", "three times as
likely", "a fourfold rise" → the factor (≈2, 3, 4 times); "thousands of migrants" → 2,000 to 999,999 migrants.
"""

from __future__ import annotations

import math
import re
from typing import Literal

from qa.facts import lang
from qa.facts.mention import Mention
from qa.facts.text import stem

_WORDS = lang.table("numbers.number_words")
_SCALE = lang.table("numbers.scale_words")
_UNITS = {unit: tuple(v) for unit, v in lang.table("numbers.units").items()}
_SINGULAR = lang.table("numbers.unit_plurals")
_FRACTION_WORDS = lang.table("numbers.fraction_words")
_BASE_UNIT = {"times": "times", "percent": "%", "length": "m", "mass": "kg", "area": "m²", "speed": "km/h", "duration": "days",
              "usd": "USD", "eur": "EUR", "gbp": "GBP", "count": ""}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = (r"(?:(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")(?:[- ](?:" + "|".join(_WORDS) + r"))?"
            r"(?:\s+and\s+a\s+(?:" + "|".join(_FRACTION_WORDS) + r"))?)")
_SCALEW = r"(?:\s*(?P<scale>" + "|".join(_SCALE) + r")\b)?"
_UNIT = r"(?:\s*(?P<unit>" + "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True) if u not in "$€£") + r")(?![\w/]))?"
HEDGES = lang.table("numbers.hedges")
_HEDGE = r"(?P<hedge>" + "|".join(HEDGES) + r")?\s*"
_FRACTION = (r"(?:\s+(?P<frac>1/2|1/4|3/4)\b|\s*(?P<glyph>[½¼¾])|\s+and\s+a\s+(?P<fracw>" + "|".join(_FRACTION_WORDS)
             + r")\b)?")
_FRACTIONS = {"1/2": 0.5, "1/4": 0.25, "3/4": 0.75, "½": 0.5, "¼": 0.25, "¾": 0.75} | _FRACTION_WORDS
"""A fraction after a written whole number: "22 1/2 years", "22½ years", "22 and a half years" (22.5)."""
_QUANTITY = re.compile(
    rf"(?<![\w.,/-]){_HEDGE}(?P<cur>US\$|\$|€|£)?\s?(?:between\s+)?(?P<a>{_NUM}(?!/\d)|{_WORDNUM}){_FRACTION}"
    rf"(?:\s*(?:-|–|to|and)\s*(?P<b>{_NUM}))?{_SCALEW}{_UNIT}(?:\s+(?:(?-i:(?:[A-Z]\.){{2,}})\s+)?(?P<noun>[a-z][a-z-]+))?",
    re.I)
_NOT_NOUN = lang.wordset("numbers.not_nouns")


_ROUNDING_SHARE = 0.01
"""Least relative slack of an unhedged number (a source may round 1,285 to 1,290)."""
_HALF_OPEN = 0.999
_ROUND_FROM = 1000
"""Below this an unhedged whole number's trailing zeros are taken as written ("50 prisoners")."""
_HEDGE_SHARE = 0.05
"""Least relative slack of a hedged number ("about", "roughly", "nearly")."""


class Quantity(Mention):
    """A number as written, with the interval it means in its dimension's base unit."""

    kind: Literal["quantity"] = "quantity"
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
    number_start: int
    """Offset of the number itself, after any hedge or currency sign ("40" in "about $40")."""
    span_years: float | None = None
    """The span the figure adds up over or is a rate of, in years ("$5 trillion in new spending over the next
    decade": 10; "$40,000 a year": 1); None when the text says none."""
    part: bool = False
    """True for a part of a figure written after it ("$300 billion of the $5 trillion total")."""
    sizes: str | None = None
    """The name written right after the figure, whose size it is ("the $1.8 trillion American Families Plan"), or the
    count it is a rate per ("55.8 births per 1,000 women")."""

    @property
    def counted(self) -> str | None:
        """Stem of the noun a count counts ("soldier" for "434,000 soldiers"); None for a bare count or a measure."""
        return self.dimension[len("count:"):] if self.dimension.startswith("count:") else None

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


def _normalized(text: str, lo: float, hi: float, dimension: str, bound: str) -> str:
    """The value in its base unit, as shown: "≈69,200 km", "47 prisoners" (the noun as written, not its stem)."""
    unit = text.split()[-1] if dimension.startswith("count:") else _BASE_UNIT.get(dimension, "")
    scale = 1000.0 if unit == "m" and max(abs(lo), abs(hi)) >= 1000 else 1.0
    unit = "km" if scale > 1 else unit
    low, high = _shown(lo / scale), _shown(hi / scale)
    value = low if low == high else f"{low}–{high}"
    prefix = {"min": "≥", "max": "≤", "approx": "≈"}.get(bound, "")
    return f"{prefix}{value} {unit}".strip()


def word_number(token: str) -> float | None:
    """The value of a number as written: "1,500" → 1500, "twenty-one" → 21, "two and a half" → 2.5."""
    t = token.lower().replace(",", "")
    try:
        return float(t)
    except ValueError:
        pass
    half = next((v for w, v in _FRACTION_WORDS.items() if f"and a {w}" in t), 0.0)
    parts = re.split(r"[- ]", t.split(" and a ")[0])
    if not all(p in _WORDS for p in parts):
        return None
    return (sum(_WORDS[p] for p in parts) if parts[-1] != "hundred" else _WORDS[parts[0]] * 100) + half


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


_UNIT_WORDS = sorted({*_UNITS, *_SINGULAR}, key=len, reverse=True)
_ONE_UNIT = re.compile(r"(?<![\w.,-])(?P<a>one)\s+(?P<unit>" + "|".join(
    re.escape(u) for u in _UNIT_WORDS if len(u) > 2 and u.isalpha()) + r")\b", re.I)
_ADJ_UNIT = re.compile(r"(?<![\w.,-])(?P<a>" + _NUM + r")-(?P<unit>" + "|".join(
    re.escape(u) for u in _UNIT_WORDS if u.isalpha()) + r")\b", re.I)


def _unit(word: str) -> tuple[str, float] | None:
    """(dimension, base units per unit) of a lower-case unit word, singular or plural ("mile", "miles")."""
    return _UNITS.get(word) or _UNITS.get(_SINGULAR.get(word, ""))


def find_measures(text: str, skip: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """"one inch", "100-mile": measures that ``find_quantities`` leaves out ("one in five" and "a 100-mile race"
    are rarely the value a sentence reports); spans in ``skip`` (dates) are left out."""
    out = []
    for pattern in (_ONE_UNIT, _ADJ_UNIT):
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in skip or ()):
                continue
            unit = m.group("unit").lower()
            dimension, factor = _unit(unit) or (None, 0)
            value = word_number(m.group("a"))
            if dimension is None or value is None:
                continue
            lo = value * factor
            out.append(Quantity(start=m.start(), end=m.end(), text=m.group(), lo=lo, hi=lo, dimension=dimension,
                                unit=unit, factor=factor, step=_step(m.group("a")) * factor, number_start=m.start("a"),
                                normalized=_normalized(m.group(), lo, lo, dimension, "eq")))
    return out


_MULTIPLIER_VERBS = lang.table("numbers.multiplier_verbs")
_MULTIPLIER = re.compile(
    rf"(?<![\w-]){_HEDGE}(?:(?P<verb>{'|'.join(_MULTIPLIER_VERBS)})(?:(?:es|ed|ing|s|d)\b(?!\s+down\b)|e?(?=\s+(?:the|its|their|his|her)\b))"
    rf"|(?P<twice>twice)(?=\s+(?:as|the)\b)|(?P<a>{_NUM}|{_WORDNUM})(?:\s+times(?=\s+(?:as|more|higher|greater|larger|the)\b)|-?fold\b))",
    re.I)


def find_multipliers(text: str) -> list[Quantity]:
    """Factors written as words: "doubles the risk" (2), "almost doubled" (≈2), "twice as likely", "three times
    more", "a fourfold rise", "sales halved" (0.5); not "doubled down" or "a double murder"."""
    out = []
    for m in _MULTIPLIER.finditer(text):
        value = (float(_MULTIPLIER_VERBS[m.group("verb").lower()]) if m.group("verb")
                 else 2.0 if m.group("twice") else word_number(m.group("a")))
        if value is None:
            continue
        bound = HEDGES.get((m.group("hedge") or "").lower(), "eq")
        start = m.start("hedge") if m.group("hedge") else m.start() + len(m.group()) - len(m.group().lstrip())
        out.append(Quantity(start=start, end=m.end(), text=text[start:m.end()], lo=value, hi=value, dimension="times",
                            bound=bound, number_start=start, normalized=_normalized("", value, value, "times", bound)))
    return out


_VAGUE = lang.table("numbers.vague_counts")
_VAGUE_COUNT = re.compile(r"(?<![\w-])(?P<a>" + "|".join(_VAGUE) + r")\s+of\s+(?:(?:the|these|those)\s+)?(?P<noun>[a-z][a-z-]+)",
                          re.I)


def find_vague_counts(text: str) -> list[Quantity]:
    """Counts written as a plural number word: "thousands of migrants" (at least 2,000), "dozens of homes" (at
    least 24). A lower bound: "hundreds of people" is often written of a toll past a thousand, so it agrees with
    any larger figure and sets apart only a smaller one."""
    out = []
    for m in _VAGUE_COUNT.finditer(text):
        noun = m.group("noun").lower()
        if noun in _NOT_NOUN or noun in _VAGUE or noun.rstrip("s") in _SCALE:
            continue  # "hundreds of millions of dollars" is not a count of millions
        dimension, factor = _unit(noun) or (f"count:{stem(noun)}", 1)
        lo = _VAGUE[m.group("a").lower()] * factor
        out.append(Quantity(start=m.start(), end=m.end(), text=m.group(), lo=lo, hi=lo, dimension=dimension, bound="min",
                            unit=noun if factor != 1 else "", factor=factor, number_start=m.start(),
                            normalized=_normalized(m.group(), lo, lo, dimension, "min")))
    return out


def find_quantities(text: str, skip: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Numbers in ``text`` with units or counted nouns, in text order; spans in ``skip`` (dates) are left out."""
    out: list[Quantity] = []
    for m in _QUANTITY.finditer(text):
        g = m.groupdict()
        a_start, a_end = m.span("a")
        if any(a_start < e and s < a_end for s, e in skip or ()):
            continue
        if re.match(r"[^\W\d_]", text[a_end:a_end + 1]) and not (g["scale"] or g["unit"]):
            continue  # "1st", "3rd", "5G"
        if g["a"].lower() == "one" or (g["a"].isalpha() and not (g["noun"] or g["unit"])):
            continue
        if not g["cur"] and not g["unit"] and not g["hedge"] and _is_label(text, a_start):
            continue  # "Building 98", but "Angermünde 80 km" is a distance and "About 500 people" a count
        if (lo := word_number(g["a"])) is None:
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
        written = (g["cur"] or unit).lower()
        if written:
            dimension, unit_factor = _UNITS[written]
        elif g["noun"] and g["noun"].lower() not in _NOT_NOUN:
            dimension, unit_factor = f"count:{stem(g['noun'])}", 1
        else:
            dimension, unit_factor = "count", 1
        bound = HEDGES.get((g["hedge"] or "").lower(), "eq")
        end = m.end("noun") if g["noun"] and dimension.startswith("count:") else max(
            m.end(name) for name in ("a", "frac", "glyph", "fracw", "b", "scale", "unit") if g[name])
        start = m.start("hedge") if g["hedge"] else m.start("cur") if g["cur"] else a_start
        step = _step(g["b"] or g["a"]) * factor * unit_factor
        lo, hi, written_text = lo * factor * unit_factor, hi * factor * unit_factor, text[start:end]
        out.append(Quantity(start=start, end=end, text=written_text, lo=lo, hi=hi, dimension=dimension, bound=bound,
                            unit=written, factor=factor * unit_factor, step=step, number_start=a_start,
                            normalized=_normalized(written_text, lo, hi, dimension, bound)))
    return sorted(out, key=lambda q: q.start)


def loosely(quantities: list[Quantity], measures: list[Quantity]) -> list[Quantity]:
    """The loose reading of a text from its ``find_quantities`` and ``find_measures``: the measures, and the
    quantities whose number is not inside one (not the "100" of "100-mile"), in text order."""
    kept = [q for q in quantities if not any(m.start <= q.number_start < m.end for m in measures)]
    return sorted([*measures, *kept], key=lambda q: q.start)


def overlap(a: Quantity, b: Quantity) -> bool:
    """True when the values the two allow (``Quantity.interval``) meet, whatever they measure."""
    (alo, ahi), (blo, bhi) = a.interval(), b.interval()
    return alo <= bhi and blo <= ahi


def _same_measure(a: Quantity, b: Quantity) -> bool:
    """Same dimension over the same span and of the same named thing, and neither a part of a figure beside it."""
    return (a.dimension == b.dimension and a.span_years == b.span_years and a.sizes == b.sizes
            and not a.part and not b.part)


def compatible(a: Quantity, b: Quantity) -> bool:
    """True unless the two quantities measure the same thing and cannot both be true (a total over a decade and
    one year's, or a part and the whole, measure different things)."""
    return not _same_measure(a, b) or overlap(a, b)


def comparable(a: Quantity, b: Quantity) -> bool:
    """True when the two measure the same kind of thing (same unit dimension or counted noun, over the same span,
    neither a part of another figure)."""
    return _same_measure(a, b) and a.dimension != "count"


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
    return ([a for a in qa if a.dimension not in agreed and not any(same_figure(a, b) for b in qb)],
            [b for b in qb if b.dimension not in agreed and not any(same_figure(a, b) for a in qa)])


def unit_dimension(word: str) -> str | None:
    """The dimension a unit word measures ("miles" → "length", "shillings" → "shilling"), None for other words."""
    found = _unit(word.lower())
    return found[0] if found else None
