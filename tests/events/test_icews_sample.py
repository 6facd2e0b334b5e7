"""Contacts and balance panels on the real ICEWS sample (3,705 events of 1-2
June 2018, tests/data/events), read with read_icews."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from tests.events.strategies import World
from tests.events.test_panel import _check_rows

import middlepower as mp
from middlepower.events import balance_panel, contact_rows, contacts
from middlepower.exceptions import (
    MiddlePowerWarning,
    UnalignedPartnerWarning,
    UndefinedBenchmarkWarning,
)

# rows scored on assumed alignments warn once per panel (tested in
# test_panel.py); here the numbers are what is checked
pytestmark = pytest.mark.filterwarnings(
    "ignore::middlepower.exceptions.UnalignedPartnerWarning"
)


_readers = pytest.importorskip(
    "middlepower.events._readers",
    reason="the ICEWS reader (branch codes) is not merged",
)
SAMPLE = "tests/data/events/icews.events.2018.sample.tab"
POLES = ("USA", "CHN")


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return _readers.read_icews(SAMPLE)


@pytest.fixture(scope="module")
def graph(events: pd.DataFrame) -> mp.RelationGraph:
    """Every state of the sample; a few ties to the poles (for the checks only:
    any alignment will do to compare the panel with the scalar measures)."""
    codes = sorted(set(events.source) | set(events.target))
    ties = [
        mp.Tie(source="USA", target="CHN", kind="rivalry", strength=1.0),
        mp.Tie(source="USA", target="KOR", kind="alliance", strength=1.0),
        mp.Tie(source="USA", target="JPN", kind="alliance", strength=1.0),
        mp.Tie(source="USA", target="PHL", kind="alliance", strength=1.0),
        mp.Tie(source="USA", target="CAN", kind="alliance", strength=1.0),
        mp.Tie(source="CHN", target="PRK", kind="alliance", strength=1.0),
        mp.Tie(source="CHN", target="RUS", kind="partnership", strength=1.0),
        mp.Tie(source="VNM", target="CHN", kind="partnership", strength=0.5),
        mp.Tie(
            source="KOR",
            target="CHN",
            kind="partnership",
            strength=1.0,
            start="2018-06-02",
        ),
    ]
    return mp.RelationGraph(ties, [mp.State(code=c, name=c) for c in codes])


def test_the_sample_reads_into_the_contacts_of_its_leaders(events):
    rows = contact_rows(events)
    assert len(rows) == 42
    # the visit of North Korea's Kim Yong-chol to the White House, 1 June 2018
    prk = rows[(rows.focal == "PRK") & (rows.partner == "USA")]
    assert set(prk.channel) == {"meeting", "visit"}
    assert set(prk.date.dt.date) == {dt.date(2018, 6, 1), dt.date(2018, 6, 2)}
    assert (rows.n_reports >= 1).all() and rows.n_reports.sum() > len(rows)


def test_contacts_of_the_sample_feed_every_measure(events, graph):
    seq = contacts(events, "PRK", "2018-06-01", "2018-06-02")
    assert seq.partners[:2] == ("USA", "SGP")
    assert all(e.source == "icews" for c in seq.contacts for e in c.evidence)
    # Singapore has no ATOP alliance with either pole in 2018: its alignment is
    # assumed; and no alliance links PRK to its partners (the only interest kind
    # of this graph), so the benchmark is undefined: the report says both
    with pytest.warns(MiddlePowerWarning) as caught:
        report = mp.assess(graph, seq, POLES)
    assert [type(w.message) for w in caught] == [
        UnalignedPartnerWarning,
        UndefinedBenchmarkWarning,
    ]
    assert "SGP" in caught[0].message.states
    assert [c.category for c in report.caveats] == [
        "UnalignedPartnerWarning",
        "UndefinedBenchmarkWarning",
    ]
    assert report.proportionality is None
    assert 0.0 <= report.equidistance <= 1.0
    assert len(mp.orderings(graph, seq, POLES)) > 1  # no warning: see assess


@pytest.mark.parametrize(
    ("freq", "level", "direction", "dedupe", "salience"),
    [
        ("D", "leader", "both", "day", "harmonic"),
        ("D", None, "both", "day", mp.Salience("half-life", half_life_days=1.0)),
        ("W-MON", None, "outgoing", None, "linear"),
        ("MS", ("leader", "government"), "both", "day", "geometric"),
    ],
)
def test_every_panel_row_equals_the_scalar_measures(
    events, graph, freq, level, direction, dedupe, salience
):
    world = World(events, graph, POLES, freq, salience, level, direction, dedupe)
    panel = balance_panel(
        events,
        graph,
        POLES,
        freq=freq,
        salience=salience,
        level=level,
        direction=direction,
        dedupe=dedupe,
    )
    assert len(panel) > 5
    _check_rows(world, panel, lambda day: graph)
