"""Tests for the bundled scenarios and the editorial case (korea-2025)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pydantic
import pytest

import middlepower as mp
from middlepower.exceptions import (
    MiddlePowerError,
    MissingFileError,
    UnknownScenarioError,
)
from middlepower.models import Channel, Evidence, Scenario, TieKind

EDITORIAL = Evidence(
    source="Dong-A Ilbo",
    title="Lee's calls signal balanced approach to U.S., China, Japan",
    published=dt.date(2025, 6, 11),
)


FOUR = ("KOR", "USA", "JPN", "CHN")  # the editorial's four states


@pytest.fixture
def korea() -> Scenario:
    return mp.load_scenario("korea-2025")


# -- loading -------------------------------------------------------------------


def test_list_scenarios() -> None:
    names = mp.list_scenarios()
    assert isinstance(names, tuple)
    assert "korea-2025" in names
    assert list(names) == sorted(names)
    assert all(not n.endswith(".json") for n in names)


def test_every_bundled_scenario_loads() -> None:
    for name in mp.list_scenarios():
        sc = mp.load_scenario(name)
        assert isinstance(sc, Scenario)
        assert sc.name == name
        assert Scenario.from_json(sc.to_json()) == sc


def test_default_is_the_editorial_case(korea: Scenario) -> None:
    assert mp.load_scenario() == korea
    assert mp.load_scenario().name == "korea-2025"


@pytest.mark.parametrize("name", ["korea-2099", "Korea-2025", "", "missing"])
def test_unknown_scenario_is_named(name: str) -> None:
    with pytest.raises(
        UnknownScenarioError, match=rf"Unknown scenario {name!r}"
    ) as info:
        mp.load_scenario(name)
    assert "korea-2025" in str(info.value)
    assert str(info.value).endswith(
        f"bundled scenarios are: {', '.join(mp.list_scenarios())}."
    )
    assert info.value.name == name
    assert info.value.available == mp.list_scenarios()
    assert isinstance(info.value, KeyError) and isinstance(info.value, MiddlePowerError)


def test_load_by_path(tmp_path: Path, korea: Scenario) -> None:
    mine = korea.replace(name="my-case", title="A copy", poles=("CHN", "USA"))
    path = tmp_path / "my-case.json"
    path.write_text(mine.to_json(), encoding="utf-8")
    assert mp.load_scenario(path) == mine
    assert mp.load_scenario(str(path)) == mine
    # a file whose name does not end in .json is read too
    other = tmp_path / "case.txt"
    other.write_text(mine.to_json(indent=None), encoding="utf-8")
    assert mp.load_scenario(other) == mine


def test_load_by_path_validates(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        '{"name": "bad", "title": "t", "poles": ["USA", "CHN"], '
        '"states": [{"code": "USA", "name": "US"}, {"code": "chn", "name": "China"}]}',
        encoding="utf-8",
    )
    with pytest.raises(pydantic.ValidationError, match=r"state code 'chn'"):
        mp.load_scenario(path)


def test_missing_json_path_is_file_not_found(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"
    with pytest.raises(MissingFileError, match=r"Scenario file '.*nowhere\.json'"):
        mp.load_scenario(path)
    with pytest.raises(FileNotFoundError, match=r"does not exist"):
        mp.load_scenario("missing.json")


# -- the editorial case --------------------------------------------------------


def test_editorial_states_and_poles(korea: Scenario) -> None:
    assert korea.codes[:4] == FOUR
    assert korea.poles == ("USA", "CHN")
    four = [s for s in korea.states if s.code in FOUR]
    cows = {s.code: s.cow for s in four}
    assert cows == {"KOR": 732, "USA": 2, "JPN": 740, "CHN": 710}
    assert {s.code: s.role for s in four} == {
        "KOR": "focal",
        "USA": "pole",
        "JPN": "partner",
        "CHN": "pole",
    }
    assert all(s.role == "partner" for s in korea.states if s.code not in FOUR)
    mp.validate_codes(korea.codes, scheme="iso3")


def test_editorial_sequence(korea: Scenario) -> None:
    """Lee's first three calls: Trump 6 June, Ishiba 9 June, Xi 10 June 2025."""
    seq = korea.sequence()
    assert seq.focal == "KOR"
    assert seq.start == dt.date(2025, 6, 4)  # inauguration
    assert [(c.partner, c.on) for c in seq.contacts] == [
        ("USA", dt.date(2025, 6, 6)),
        ("JPN", dt.date(2025, 6, 9)),
        ("CHN", dt.date(2025, 6, 10)),
    ]
    assert all(c.channel is Channel.CALL and c.level == "leader" for c in seq.contacts)
    assert [c.duration_min for c in seq.contacts] == [20.0, 25.0, 30.0]
    assert seq.label is not None and korea.sequence(seq.label) is seq
    for other in korea.sequences:  # every sequence is Lee's, from the inauguration
        assert (other.focal, other.start) == ("KOR", dt.date(2025, 6, 4))


def test_editorial_ties(korea: Scenario) -> None:
    """The ten ties among KOR, USA, JPN and CHN, as seeds/README.md encodes them."""
    among = [t for t in korea.ties if {t.source, t.target} <= set(FOUR)]
    assert len(among) == 10
    found = {(t.source, t.target, t.kind): t.strength for t in among}
    assert found == {
        ("KOR", "USA", TieKind.ALLIANCE): 1.0,
        ("USA", "JPN", TieKind.ALLIANCE): 1.0,
        ("KOR", "JPN", TieKind.PARTNERSHIP): 0.5,
        ("KOR", "CHN", TieKind.PARTNERSHIP): 1.0,
        ("USA", "CHN", TieKind.RIVALRY): 1.0,
        ("KOR", "CHN", TieKind.TRADE): 0.206,
        ("KOR", "USA", TieKind.TRADE): 0.152,
        ("KOR", "JPN", TieKind.TRADE): 0.059,
        ("KOR", "CHN", TieKind.NEIGHBOUR): 1.0,
        ("KOR", "JPN", TieKind.NEIGHBOUR): 1.0,
    }
    start = korea.sequence().start
    assert all(t.valid_on(start) for t in korea.ties)


def test_editorial_trade_ties_keep_raw_figures(korea: Scenario) -> None:
    """2024 trade (bn USD): China 271.0, US 200.0, Japan 77.2; each tie's strength is
    the share of Korea's total trade (e.g. 271.0 / 1315.75 = 0.206)."""
    all_trade = [t for t in korea.ties if t.kind is TieKind.TRADE]
    assert all(t.value is not None and t.unit for t in all_trade)
    trade = {t.target: t for t in all_trade if t.source == "KOR" and t.target in FOUR}
    assert set(trade) == {"CHN", "USA", "JPN"}
    assert {c: (t.value, t.unit) for c, t in trade.items()} == {
        "CHN": (271.0, "bn USD"),
        "USA": (200.0, "bn USD"),
        "JPN": (77.2, "bn USD"),
    }
    for t in trade.values():
        assert t.source == "KOR" and t.directed
        assert (t.start, t.end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert trade["CHN"].value / 1315.75 == pytest.approx(
        trade["CHN"].strength, abs=5e-4
    )
    assert trade["USA"].value / 1315.75 == pytest.approx(
        trade["USA"].strength, abs=5e-4
    )


def test_editorial_evidence_everywhere(korea: Scenario) -> None:
    for tie in korea.ties:
        assert tie.evidence, f"tie {tie.source}-{tie.target} {tie.kind} has no evidence"
        assert all(e.source for e in tie.evidence)
    for contact in (c for seq in korea.sequences for c in seq.contacts):
        assert contact.evidence, f"contact with {contact.partner} has no evidence"
        assert all(e.url or e.locator for e in contact.evidence)
    assert korea.sources


def test_editorial_citation_in_sources(korea: Scenario) -> None:
    """The Dong-A Ilbo editorial of 2025-06-11 is the case's first source."""
    hits = [
        e
        for e in korea.sources
        if (e.source, e.title, e.published)
        == (EDITORIAL.source, EDITORIAL.title, EDITORIAL.published)
    ]
    assert len(hits) == 1
    assert korea.sources[0] is hits[0]


def test_editorial_is_cached_and_frozen(korea: Scenario) -> None:
    assert mp.load_scenario("korea-2025") is korea
    with pytest.raises(pydantic.ValidationError, match=r"Instance is frozen"):
        korea.name = "other"  # type: ignore[misc]
