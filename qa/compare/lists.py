"""A stated count against the list that enumerates it, inside one sentence.

"contains four small towns: Mitta Mitta, Eskdale, Dartmouth." names three; "five others (153302, 153318, 153368, 153372,
153374, and 153382)" names six. Only a list that is plainly the whole set counts: it follows the counted noun directly
(after a colon, in parentheses, after "namely" or a dash) or follows "the following N …:", it runs to the end of the
sentence or the parenthesis, every item is short and name-like, and nothing marks it as a selection ("including",
"such as", "e.g.", "etc.", "and others", "one of the four …"). An "and" inside an item may join two items or belong to
one name ("Antigua and Barbuda"), so a list reads as anything from its comma-separated items to that plus one per such
"and"; only a count outside that range is reported.
"""

from __future__ import annotations

import re

from qa.compare.registry import SelfContradiction, Statement
from qa.facts import lang
from qa.facts.entities import countries
from qa.facts.numbers import word_number
from qa.facts.text import STOPWORDS, stem

_NUMBER = lang.alternation("lists.count_patterns")
_PLURAL = lang.alternation("lists.plural_patterns")
_NUMBER_WORD = re.compile(rf"\b(?:{_NUMBER})\b", re.I)
_COUNTED = re.compile(
    rf"(?P<n>{_NUMBER})\s+(?P<mods>(?:[A-Za-z-]+\s+){{0,3}}?)(?P<noun>{_PLURAL})\b"
    r"(?P<rest>[^:;.()\d]*?)\s*(?P<open>:|\(|,\s+namely\b|\s+[-–—]\s+)\s*$", re.I)
_BEFORE_COUNT = re.compile(r"(?:\b(?:" + lang.alternation("lists.part_words") + r")\s+(?:"
                           + "|".join(rf"{w}\s+" for w in lang.words("lists.part_determiners"))
                           + r")?|\b(?:" + lang.alternation("lists.number_words") + r")\s+|[\d.,-])$", re.I)
_SELECTION = re.compile(r"\b(?:" + lang.alternation("lists.selection_patterns") + r")\b|…|\.\.\.", re.I)
_SENTENCE_END = re.compile(r"\.(?=\s+[A-Z\"“(]|\s*$)|$")
MAX_ITEM_WORDS = 8
MAX_LOWER_ITEM_WORDS = 1
MAX_REST_WORDS = 12
_COUNT_WORDS = {n: w for w, n in reversed(lang.table("numbers.number_words").items()) if n <= 12}
"""1 to 12 as words ("one" … "twelve"): a number's first word in the table ("twelve", not "dozen")."""


def _count(n: int) -> str:
    return _COUNT_WORDS.get(n, str(n))


def _items(list_text: str) -> tuple[list[str], int] | None:
    """The comma- (or semicolon-) separated items and the number of "and"s inside them; None when not a list."""
    flat = re.sub(r"\s*\([^()]*\)", "", list_text).strip().rstrip(".").strip()
    if not flat or ":" in flat or "(" in flat or ")" in flat:
        return None
    pieces = [p.strip() for p in re.split(r";\s*" if ";" in flat else r",\s+", flat)]
    pieces[-1] = re.sub(r"^(?:and|&)\s+", "", pieces[-1])
    ands = 0
    for p in pieces:
        if not (words := p.split()):
            return None
        ands += len(re.findall(r"\s(?:and|&)\s", f" {p} "))
        upper = words[0][:1].isupper() or words[0][:1].isdigit()
        if len(words) > (MAX_ITEM_WORDS if upper else MAX_LOWER_ITEM_WORDS):
            return None
        if not upper and any(w.lower() in STOPWORDS for w in words):
            return None
        if any(ch.isdigit() for ch in p) and not re.fullmatch(r"\d{3,}", p):
            return None  # "451 men", "2.8%", "2001–02", "16M": a breakdown or figures, not names; "153302" is one
        if len(words) > 1 and _NUMBER_WORD.search(p) or re.search(r"[<>=%]|\bet al\b", p):
            return None  # "two deputies" counts again; "P<.001", "Smith et al." are not items
    return pieces, ands


def _counted(prefix: str) -> re.Match[str] | None:
    """The count nearest before the list opener that ends ``prefix`` ("… four small towns:")."""
    return next((head for m in reversed(list(_NUMBER_WORD.finditer(prefix)))
                 if (head := _COUNTED.match(prefix, m.start()))), None)


def _list_end(text: str, start: int, opener: str) -> int | None:
    if opener == "(":
        close = text.find(")", start)
        return close if close > 0 and "(" not in text[start:close] else None
    m = _SENTENCE_END.search(text, start)
    end = m.start() if m else len(text)
    if opener in ("-", "–", "—"):
        dash = re.search(r"\s[-–—]\s", text[start:end])
        return start + dash.start() if dash else end  # "three winners – A, B, C – each got …"
    return end


def count_mismatches(text: str) -> list[SelfContradiction]:
    """Counts in ``text`` whose complete list names a different number of items: the counted phrase ("four small
    towns") against the list."""
    out = []
    for opener in re.finditer(r":|\(|,\s+namely\b|\s+[-–—]\s+", text):
        head = _counted(text[:opener.end()])
        if head is None or _BEFORE_COUNT.search(text[:head.start("n")]):
            continue
        stated = word_number(head.group("n"))
        noun = stem(head.group("noun"))
        rest = head.group("rest").split()
        end = _list_end(text, opener.end(), opener.group().strip())
        if stated is None or end is None or len(rest) > MAX_REST_WORDS:
            continue
        list_text = text[opener.end():end]
        if _SELECTION.search(text[head.start():end]) or (found := _items(list_text)) is None:
            continue
        items, ands = found
        if len(items) < 2 or 0 < sum(bool(countries(i)) for i in items) < len(items):
            continue  # one item is no list; "Kigali, Rwanda and Lusaka, Zambia" pairs cities with countries
        if any(w.lower() in STOPWORDS for w in head.group("mods").split()):
            continue  # "two of those sites", "2 and other conditions"
        if rest and not re.search(r"\bfollowing\s+$", text[:head.start("n")], re.I) and not all(noun in {stem(w) for w in i.split()} for i in items):
            continue  # "Six people were injured in the towns: A, B": the list may not be what was counted
        if len(items) <= stated <= len(items) + ands:
            continue
        start = opener.end() + len(list_text) - len(list_text.lstrip())
        count = Statement(0, ((head.start("n"), head.end("noun")),), str(int(stated)))
        detail = f"says “{count.text(text)}” but lists {_count(len(items))} ({', '.join(items)})"
        out.append(SelfContradiction("internal count-list", "number", count,
                                     Statement(0, ((start, end),), f"{len(items)} listed"), detail))
    return out
