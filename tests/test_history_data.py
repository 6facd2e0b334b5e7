"""Tests for the historical scenarios and the bundled leader-contacts table.

The scenarios (five Korean presidents, Albanese 2022, Prabowo 2024, and the
second sequence of korea-2025) are checked against the contacts table read
independently with the csv module, and - when the facts folder is present -
against the checked trade figures.
"""

from __future__ import annotations

import csv
import datetime as dt
import warnings
from pathlib import Path

import pytest

import middlepower as mp
from middlepower.datasets._contacts import (
    leader_contact_sequence,
    load_leader_contacts,
)
from middlepower.exceptions import InvalidParameterError, MiddlePowerError
from middlepower.models import Channel, Scenario, TieKind

DATA = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "middlepower"
    / "datasets"
    / "data"
    / "leader_contacts"
)
FACTS = Path(__file__).resolve().parents[2] / "shared" / "data" / "facts"
TABLES = ("rok_leader_contacts.csv", "other_leader_contacts.csv")

# scenario name -> leader (first sequence)
HISTORY = {
    "korea-2002-roh": "Roh Moo-hyun",
    "korea-2007-lee-myung-bak": "Lee Myung-bak",
    "korea-2012-park": "Park Geun-hye",
    "korea-2017-moon": "Moon Jae-in",
    "korea-2022-yoon": "Yoon Suk-yeol",
    "australia-2022-albanese": "Anthony Albanese",
    "indonesia-2024-prabowo": "Prabowo Subianto",
}
NEW = (*HISTORY, "korea-2025")
FIVE_MONTHS = "Lee Jae-myung, first five months (June-November 2025)"

# COW state numbers of the facts README's country-code list (CZE from the
# COW State System list v2016: 316 Czech Republic)
COW = {
    "KOR": 732,
    "USA": 2,
    "JPN": 740,
    "CHN": 710,
    "RUS": 365,
    "AUS": 900,
    "IND": 750,
    "IDN": 850,
    "VNM": 816,
    "CZE": 316,
}


def _csv_rows(name: str, folder: Path = DATA) -> list[dict[str, str]]:
    with open(folder / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _leader_rows(leader: str) -> list[dict[str, str]]:
    rows = [r for t in TABLES for r in _csv_rows(t) if r["leader"] == leader]
    assert rows, leader
    return sorted(rows, key=lambda r: r["date"])  # stable: same-day order kept


def _sequence_of(name: str) -> mp.ContactSequence:
    sc = mp.load_scenario(name)
    return sc.sequence(FIVE_MONTHS) if name == "korea-2025" else sc.sequence()


def _leader_of(name: str) -> str:
    return "Lee Jae-myung" if name == "korea-2025" else HISTORY[name]


# -- loading and provenance ---------------------------------------------------


@pytest.mark.parametrize("name", NEW)
def test_scenario_loads_and_round_trips(name: str) -> None:
    assert name in mp.list_scenarios()
    sc = mp.load_scenario(name)
    assert isinstance(sc, Scenario)
    assert sc.name == name
    assert sc.poles == ("USA", "CHN")
    assert Scenario.from_json(sc.to_json()) == sc
    assert sc.description and sc.sources


@pytest.mark.parametrize("name", NEW)
def test_evidence_on_every_tie_and_contact(name: str) -> None:
    sc = mp.load_scenario(name)
    for t in sc.ties:
        assert t.evidence, (t.source, t.target, t.kind)
        assert all(e.claim and e.confidence for e in t.evidence)
        assert t.note
    for seq in sc.sequences:
        for c in seq.contacts:
            assert c.evidence, (c.partner, c.on)
            assert all(e.claim and e.confidence for e in c.evidence)


@pytest.mark.parametrize("name", NEW)
def test_cow_numbers_follow_the_facts(name: str) -> None:
    for s in mp.load_scenario(name).states:
        assert s.cow == COW[s.code], s.code


def test_bundled_tables_are_unchanged_copies() -> None:
    if not FACTS.is_dir():
        pytest.skip("facts folder not available")
    for name in TABLES:
        assert (DATA / name).read_bytes() == (FACTS / name).read_bytes()


# -- contacts match the table -------------------------------------------------


@pytest.mark.parametrize("name", NEW)
def test_contacts_match_the_table(name: str) -> None:
    seq = _sequence_of(name)
    rows = _leader_rows(_leader_of(name))
    assert seq.start == dt.date.fromisoformat(rows[0]["milestone_date"])
    assert seq.focal == rows[0]["focal"]
    assert len(seq.contacts) == len(rows)
    for c, r in zip(seq.contacts, rows, strict=True):
        assert c.partner == r["partner"]
        assert c.on == dt.date.fromisoformat(r["date"])
        assert c.channel == Channel(r["channel"])
        assert c.level == "leader"
        duration = r.get("duration_min") or None
        assert c.duration_min == (float(duration) if duration else None)
        time = r.get("time_kst") or None
        assert c.time == (dt.time.fromisoformat(time) if time else None)
        # notes kept verbatim (the editorial's three calls were reworded by hand)
        if r["note"] and (name != "korea-2025" or c.on > dt.date(2025, 6, 10)):
            assert c.note is not None and c.note.startswith(r["note"])
        # the row's source and confidence, verbatim
        (ev,) = c.evidence
        assert (ev.url, ev.confidence) == (r["source"], r["confidence"])


@pytest.mark.parametrize("name", NEW)
def test_likely_is_never_upgraded(name: str) -> None:
    seq = _sequence_of(name)
    rows = _leader_rows(_leader_of(name))
    likely = [r for r in rows if "likely" in r["confidence"]]
    for c, r in zip(seq.contacts, rows, strict=True):
        assert [e.confidence for e in c.evidence] == [r["confidence"]]
    got = [c for c in seq.contacts if "likely" in (c.evidence[0].confidence or "")]
    assert len(got) == len(likely)


def test_known_likely_rows() -> None:
    conf = {
        (name, c.partner, c.on.isoformat()): c.evidence[0].confidence
        for name in HISTORY
        for c in mp.load_scenario(name).sequence().contacts
    }
    assert conf["korea-2002-roh", "JPN", "2002-12-24"] == "likely"
    assert conf["korea-2002-roh", "CHN", "2003-05-02"] == "likely"
    assert conf["korea-2012-park", "JPN", "2013-03-06"] == "likely"
    assert conf["indonesia-2024-prabowo", "AUS", "2024-11-14"] == "likely"
    idn = mp.load_scenario("indonesia-2024-prabowo")
    (cn,) = [
        t
        for t in idn.ties
        if t.kind is TieKind.PARTNERSHIP and "CHN" in (t.source, t.target)
    ]
    assert cn.start == dt.date(2013, 10, 2)
    assert [e.confidence for e in cn.evidence] == ["year verified, day likely"]


def test_china_note_is_kept() -> None:
    for name in HISTORY:
        if not name.startswith("korea-"):
            continue
        sc = mp.load_scenario(name)
        assert "Chinese practice" in sc.description
        year = sc.sequence().start.year
        china = [c for c in sc.sequence().contacts if c.partner == "CHN"]
        if year < 2017:
            assert all("Chinese practice" in (c.note or "") for c in china)


# -- the editorial case keeps its first sequence ------------------------------


def test_editorial_first_sequence_unchanged() -> None:
    sc = mp.load_scenario("korea-2025")
    first = sc.sequence()
    assert first is sc.sequences[0]
    assert first.label == "Lee Jae-myung, first leader calls (June 2025)"
    assert first.start == dt.date(2025, 6, 4)
    assert [(c.partner, c.on, c.channel) for c in first.contacts] == [
        ("USA", dt.date(2025, 6, 6), Channel.CALL),
        ("JPN", dt.date(2025, 6, 9), Channel.CALL),
        ("CHN", dt.date(2025, 6, 10), Channel.CALL),
    ]
    assert [c.duration_min for c in first.contacts] == [20.0, 25.0, 30.0]
    assert [c.time for c in first.contacts] == [
        dt.time(22, 0),
        dt.time(12, 0),
        dt.time(11, 30),
    ]


def test_editorial_second_sequence() -> None:
    sc = mp.load_scenario("korea-2025")
    assert [s.label for s in sc.sequences][1:] == [FIVE_MONTHS]
    five = sc.sequence(FIVE_MONTHS)
    assert five.contacts[:3] == sc.sequence().contacts
    assert five.partners == (
        "USA", "JPN", "CHN", "CZE", "VNM", "AUS", "JPN", "JPN", "USA", "CHN",
    )  # fmt: skip
    assert five.contacts[-1].on == dt.date(2025, 11, 1)
    assert (five.contacts[-1].on - five.start).days == 150
    assert "first five months" in sc.description
    # CZE and VNM have no tie (evenly aligned); AUS is tied to the US by ANZUS
    tied = {code for t in sc.ties for code in (t.source, t.target)}
    assert {"CZE", "VNM"}.isdisjoint(tied)
    (anzus,) = [t for t in sc.ties if "AUS" in (t.source, t.target)]
    assert (anzus.kind, anzus.strength, anzus.start) == (
        TieKind.ALLIANCE,
        1.0,
        dt.date(1952, 4, 29),
    )
    g = mp.RelationGraph.from_scenario(sc)
    a = mp.alignment(g, sc.poles)
    assert list(a["CZE"]) == pytest.approx([0.5, 0.5])
    assert list(a["VNM"]) == pytest.approx([0.5, 0.5])
    assert list(a["AUS"]) == pytest.approx([1.0, 0.0])


# -- ties ----------------------------------------------------------------------


def _ties(sc: Scenario, kind: TieKind, a: str, b: str) -> list[mp.Tie]:
    return [t for t in sc.ties if t.kind is kind and {t.source, t.target} == {a, b}]


@pytest.mark.parametrize("name", [n for n in HISTORY if n.startswith("korea-")])
def test_korean_ties_at_the_milestone(name: str) -> None:
    sc = mp.load_scenario(name)
    day = sc.sequence().start
    snap = mp.RelationGraph.from_scenario(sc).at(day)
    assert snap.pair_strength("KOR", "USA", "alliance") == 1.0
    assert snap.pair_strength("USA", "JPN", "alliance") == 1.0
    assert snap.pair_strength("KOR", "JPN", "partnership") == 0.25
    (kj,) = _ties(sc, TieKind.PARTNERSHIP, "KOR", "JPN")
    assert (kj.start, kj.end) == (dt.date(1965, 12, 18), dt.date(2023, 8, 17))
    # the strategic cooperative partnership exists only from 2008-05-27
    kc = _ties(sc, TieKind.PARTNERSHIP, "KOR", "CHN")
    if day < dt.date(2008, 5, 27):
        assert kc == []
    else:
        assert [(t.strength, t.start) for t in kc] == [(1.0, dt.date(2008, 5, 27))]
    # every trade tie in the file is valid at the milestone
    trade = [t for t in sc.ties if t.kind is TieKind.TRADE]
    assert trade and all(t.valid_on(day) for t in trade)
    assert all(t.value is not None and t.unit == "bn USD" for t in trade)


def test_no_trade_tie_for_an_empty_cell() -> None:
    moon = mp.load_scenario("korea-2017-moon")
    assert _ties(moon, TieKind.TRADE, "KOR", "JPN") == []
    assert {t.target for t in moon.ties if t.kind is TieKind.TRADE} == {"USA", "CHN"}
    assert "empty" in moon.description
    # Russia: no tie at all
    assert all("RUS" not in (t.source, t.target) for t in moon.ties)


def test_trade_ties_match_the_facts() -> None:
    if not FACTS.is_dir():
        pytest.skip("facts folder not available")
    trade = _csv_rows("trade.csv", FACTS)
    index = {(r["reporter"], r["partner"], r["year"]): r for r in trade}
    for name in NEW:
        sc = mp.load_scenario(name)
        years = set()
        for t in sc.ties:
            if t.kind is not TieKind.TRADE:
                continue
            loc = t.evidence[0].locator or ""
            reporter, partner, year = loc.rsplit(" ", 1)[-1].split(",")
            assert (reporter, partner) == (t.source, t.target), name
            r = index[reporter, partner, year]
            years.add((reporter, year))
            assert t.value == float(r["total"])
            assert t.strength == float(r["share_of_reporter_total"])
            assert t.unit == r["currency_unit"]
            assert t.evidence[0].confidence == r["confidence"]
        # no trade tie where the checked cell is empty
        for reporter, year in years:
            for (rep, partner, yr), r in index.items():
                if (rep, yr) == (reporter, year) and partner != "WLD":
                    has_tie = bool(_ties(sc, TieKind.TRADE, rep, partner))
                    assert has_tie == bool(r["total"]), (name, partner, year)


def test_rivalry_and_normalisation_leave_sequence_scores_unchanged() -> None:
    """The documented claim: the open USA-CHN rivalry and the 0.25 KOR-JPN
    tie change none of the four sequence scores (default settings)."""
    for name in HISTORY:
        sc = mp.load_scenario(name)
        seq = sc.sequence()
        bare = sc.replace(
            ties=[
                t
                for t in sc.ties
                if t.kind is not TieKind.RIVALRY
                and not (t.kind is TieKind.PARTNERSHIP and t.strength == 0.25)
            ]
        )
        g, h = mp.RelationGraph.from_scenario(sc), mp.RelationGraph.from_scenario(bare)
        # a partner without a tie to a pole (RUS under Moon) is a caveat, not
        # part of this claim: the warning is tested in test_sequence_metrics
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", mp.exceptions.UnalignedPartnerWarning)
            assert mp.tilt(g, seq, sc.poles) == pytest.approx(mp.tilt(h, seq, sc.poles))
            assert mp.equidistance(g, seq, sc.poles) == pytest.approx(
                mp.equidistance(h, seq, sc.poles)
            )
        assert mp.proportionality(g, seq) == pytest.approx(mp.proportionality(h, seq))
        assert mp.concordance(g, seq) == mp.concordance(h, seq)


# -- the loader ----------------------------------------------------------------


def test_load_leader_contacts_keeps_every_row_and_column() -> None:
    rows = load_leader_contacts()
    raw = [r for t in TABLES for r in _csv_rows(t)]
    assert len(rows) == len(raw)
    for got, r in zip(rows, raw, strict=True):
        for column, cell in r.items():
            value = got[column]
            if column in ("date", "milestone_date"):
                assert value == dt.date.fromisoformat(cell)
            elif column == "duration_min":
                assert value == (float(cell) if cell else None)
                assert value is None or isinstance(value, float)
            elif column == "time_kst":
                assert value == (dt.time.fromisoformat(cell) if cell else None)
            else:
                assert value == (cell or None)
        assert {"source", "confidence", "time_kst", "duration_min"} <= set(got)


def test_load_leader_contacts_by_focal() -> None:
    kor = load_leader_contacts("KOR")
    assert {r["focal"] for r in kor} == {"KOR"}
    assert len(kor) == len(_csv_rows(TABLES[0]))
    assert {r["leader"] for r in load_leader_contacts("IDN")} == {"Prabowo Subianto"}
    # fresh copies: mutating one result does not leak into the next
    kor[0]["partner"] = "XXX"
    assert load_leader_contacts("KOR")[0]["partner"] == "USA"
    with pytest.raises(InvalidParameterError, match=r"'JPN'.*'KOR'"):
        load_leader_contacts("JPN")


@pytest.mark.parametrize("name", NEW)
def test_leader_contact_sequence_matches_the_scenario(name: str) -> None:
    leader = _leader_of(name)
    built = leader_contact_sequence(leader)
    seq = _sequence_of(name)
    assert built.start == seq.start and built.focal == seq.focal
    assert [
        (c.partner, c.on, c.channel, c.duration_min, c.time) for c in built.contacts
    ] == [(c.partner, c.on, c.channel, c.duration_min, c.time) for c in seq.contacts]
    if name != "korea-2025":
        assert built.label == seq.label
    rows = _leader_rows(leader)
    for c, r in zip(built.contacts, rows, strict=True):
        (ev,) = c.evidence
        assert (ev.source, ev.confidence) == (r["source"], r["confidence"])
        assert ev.claim and "\n" not in ev.claim


def test_leader_contact_sequence_partners() -> None:
    seq = leader_contact_sequence("Lee Jae-myung", partners=("USA", "JPN", "CHN"))
    assert seq.partners == ("USA", "JPN", "CHN", "JPN", "JPN", "USA", "CHN")
    assert seq.start == dt.date(2025, 6, 4)
    with pytest.raises(InvalidParameterError, match="single partner"):
        leader_contact_sequence("Lee Jae-myung", partners="USA")
    with pytest.raises(InvalidParameterError, match="no contact"):
        leader_contact_sequence("Roh Moo-hyun", partners=["RUS"])


def test_unknown_leader_is_rejected() -> None:
    with pytest.raises(
        InvalidParameterError, match=r"Unknown leader 'Kim Dae-jung'"
    ) as info:
        leader_contact_sequence("Kim Dae-jung")
    message = str(info.value)
    for leader in {r["leader"] for t in TABLES for r in _csv_rows(t)}:
        assert repr(leader) in message
    assert isinstance(info.value, MiddlePowerError) and isinstance(
        info.value, ValueError
    )
