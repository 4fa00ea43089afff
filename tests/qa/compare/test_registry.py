"""The detector registry: every detector has one interface and every flag comes through the one adapter."""

import datetime as dt

from qa.compare import compare
from qa.compare.engine import DETECTORS
from qa.compare.registry import SAYS_NORMALISED, Finding, disagreement
from qa.models import Side
from tests.qa.compare.test_engine import _setup


def _side(outlet: str, value: str, normalized: str) -> Side:
    return Side(outlet=outlet, article_id=outlet.lower(), value=value, normalized=normalized,
                passage_id=f"{outlet.lower()}#0", snippet=f"It opened on {value}.", snippet_start=0)


def test_detectors_have_unique_names_and_scopes():
    assert len({d.name for d in DETECTORS}) == len(DETECTORS)
    assert {d.scope for d in DETECTORS} == {"pair", "answer", "internal"}
    assert all(callable(d.find) for d in DETECTORS)


def test_the_adapter_renders_the_template_and_keeps_the_detector():
    f = Finding(detector="aligned date", scope="pair", kind="date", confidence=0.8,
                sides=(_side("Ledger", "May 2", "2031-05-02"), _side("Courier", "3 May", "2031-05-03")),
                template=SAYS_NORMALISED, values={"value_a": "May 2", "norm_a": "2031-05-02", "value_b": "3 May",
                                                  "norm_b": "2031-05-03"})
    d = disagreement(f)
    assert d.explanation == "Ledger says May 2; Courier says 3 May (2031-05-02 vs 2031-05-03)"
    assert (d.outlets, d.detector, d.internal, d.severity) == (("Ledger", "Courier"), "aligned date", False, "major")
    assert disagreement(f.model_copy(update={"scope": "internal"})).internal


def test_every_flag_names_a_registered_detector():
    day = dt.date(2031, 3, 6)
    outlets, index = _setup({
        "a": ("The Orlen board approved the harbour tunnel on March 3, officials said.", day),
        "b": ("The Orlen board approved the harbour tunnel on March 5, officials said.", day),
    })
    found, _ = compare("When did the Orlen board approve the harbour tunnel?", "date", outlets, index)
    prefixes = tuple(d.name for d in DETECTORS)
    assert found and all(d.detector.startswith(prefixes) for d in found)
