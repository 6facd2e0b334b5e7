"""The real-data case (examples/05_real_data_korea.ipynb, docs/real-data-case.md).

``examples/data`` holds a cut of peacesciencer's ``atop_alliance.csv`` and
unchanged copies of ``cow_contdir.csv`` and ``tss_rivalries.csv``. The tests
on the cut always run: its rule, the known rows, and the measures of South
Korea against hand computations. The tests against the full files run when
``/work/shared/data/peacesciencer`` is present (the project's machine) and
skip with the reason otherwise: the cut must be the documented rule applied
to the full file, and every measure the notebook shows must be the same on
the cut as on the full files.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

import middlepower as mp
from middlepower.io import (
    alliance_obligations,
    graph_for_year,
    graphs_for_years,
    read_atop,
    read_cow_states,
)
from middlepower.metrics.similarity import (
    alliance_portfolios,
    similarity,
)

ROOT = Path(__file__).resolve().parents[1]
CUT = ROOT / "examples" / "data"
FULL = Path("/work/shared/data/peacesciencer")
FILES = ("atop_alliance.csv", "cow_contdir.csv", "tss_rivalries.csv")
CUT_FILES = ("atop_alliance_kor.csv", "cow_contdir.csv", "tss_rivalries.csv")
needs_full = pytest.mark.skipif(
    not all((FULL / f).is_file() for f in FILES),
    reason=(
        f"the full peacesciencer files ({FULL}) are not on this machine; "
        "the cut is checked against hand computations instead"
    ),
)

POLES = ("USA", "CHN")
YEARS = range(1953, 2019)  # 1953 to the last ATOP 5.1 year
KOR, USA, CHN = 732, 2, 710
CORE = {USA, CHN, KOR}
TRADE_FACTS = {
    2002: "korea-2002-roh",
    2007: "korea-2007-lee-myung-bak",
    2012: "korea-2012-park",
    2017: "korea-2017-moon",
}
SIMILARITIES = (("s", "absolute"), ("kappa", "squared"), ("pi", "nominal"))


# -- helpers: the notebook's computation ------------------------------------------
def _sources(folder: Path, files: tuple[str, ...]) -> dict[str, Path]:
    kinds = ("atop", "contiguity", "rivalries")
    return {kind: folder / f for kind, f in zip(kinds, files, strict=True)}


def _trade(year: int) -> list[mp.Tie]:
    """Korea's trade ties measured in ``year`` from the bundled scenario."""
    return [
        t
        for t in mp.load_scenario(TRADE_FACTS[year]).ties
        if t.kind is mp.TieKind.TRADE and t.source == "KOR" and t.start is not None
        if t.start.year == year
    ]


def _with_trade(g: mp.RelationGraph, year: int) -> mp.RelationGraph:
    return mp.RelationGraph([*g.ties, *_trade(year)], g.states, name=f"{year}+trade")


def _position(g: mp.RelationGraph) -> tuple[float | None, ...]:
    return (
        mp.structural_equidistance(g, "KOR", POLES),
        mp.cross_pressure(g, "KOR"),
        mp.two_track(g, "KOR", POLES),
    )


def _members_at_end() -> list[int]:
    """States whose membership runs to the end of states2016 (31 Dec 2016)."""
    st = read_cow_states()
    at_end = (st["endyear"] == 2016) & (st["endmonth"] == 12) & (st["endday"] == 31)
    return [int(c) for c in st.loc[at_end, "ccode"]]


def _similarities(atop: Path, years: Iterable[int]) -> dict[int, tuple[float, ...]]:
    """S, kappa, pi of KOR to USA and to CHN per year (the notebook's settings)."""
    years = list(years)
    obligations = alliance_obligations(atop, years=years)
    states, at_end = read_cow_states(), _members_at_end()
    out = {}
    for y in years:
        system: Any = states if y <= 2016 else at_end
        X = alliance_portfolios(obligations, y, states=system).loc[[KOR, USA, CHN]]
        out[y] = tuple(
            float(similarity(X, m, d, scale=(0, 3)).loc[KOR, pole])
            for m, d in SIMILARITIES
            for pole in (USA, CHN)
        )
    return out


@cache
def _cut_graphs() -> dict[int, mp.RelationGraph]:
    return graphs_for_years(YEARS, **_sources(CUT, CUT_FILES))


@cache
def _full_graphs() -> dict[int, mp.RelationGraph]:
    return graphs_for_years(YEARS, **_sources(FULL, FILES))


def _rows(path: Path) -> list[tuple[int, int, int]]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        return [(int(r[0]), int(r[1]), int(r[2])) for r in reader]


def _rule(rows: list[tuple[int, int, int]]) -> list[bool]:
    """The cut's rule: a row of USA, CHN or KOR, or between two KOR partners."""
    partners = {(year, c2) for c1, c2, year in rows if c1 == KOR}
    return [
        c1 in CORE or c2 in CORE or ((year, c1) in partners and (year, c2) in partners)
        for c1, c2, year in rows
    ]


# -- the cut ------------------------------------------------------------------
def test_the_cut_files_hold_what_the_readme_says() -> None:
    rows = _rows(CUT / "atop_alliance_kor.csv")
    assert len(rows) == 23_920
    assert all(_rule(rows))  # every row of the cut follows the rule
    assert min(y for *_, y in rows) == 1846 and max(y for *_, y in rows) == 2018
    atop = read_atop(CUT / "atop_alliance_kor.csv")
    assert (atop.attrs["dataset"], atop.attrs["version"]) == ("ATOP", "5.1")
    assert atop.attrs["variant"] == "peacesciencer"
    assert len(_rows(CUT / "cow_contdir.csv")) == 1_874
    with open(CUT / "tss_rivalries.csv", encoding="utf-8") as fh:
        assert sum(1 for _ in fh) == 264 + 1


def test_known_rows_kor_usa_alliance_from_1953() -> None:
    graphs = _cut_graphs()
    assert (
        graph_for_year(1952, **_sources(CUT, CUT_FILES)).pair_strength(
            "KOR", "USA", "alliance"
        )
        == 0.0
    )
    for y in YEARS:
        assert graphs[y].pair_strength("KOR", "USA", "alliance") == 1.0
    (tie,) = graphs[1953].ties_between("KOR", "USA")
    assert tie.evidence[0].source == "ATOP"
    assert tie.evidence[0].claim == (
        "2->732: defense=1 offense=0 neutral=0 nonagg=1 consul=1; "
        "732->2: defense=1 offense=0 neutral=0 nonagg=1 consul=1"
    )


def test_known_rows_neighbours_by_sea_type_4() -> None:
    graphs = _cut_graphs()
    for y in range(1953, 2017):  # COW Direct Contiguity 3.2 ends in 2016
        assert graphs[y].pair_strength("KOR", "JPN", "neighbour") == 0.4
        assert graphs[y].pair_strength("KOR", "CHN", "neighbour") == 0.4
        assert graphs[y].pair_strength("KOR", "PRK", "neighbour") == 1.0
    for y in (2017, 2018):
        assert graphs[y].pair_strength("KOR", "JPN", "neighbour") == 0.0
    pair = graphs[2016].ties_between("KOR", "JPN")
    (tie,) = [t for t in pair if t.kind is mp.TieKind.NEIGHBOUR]
    assert "conttype=4 (water, 150 miles or less); spell 195204-201612" in (
        tie.evidence[0].claim
    )


def test_known_rows_usa_chn_rivalry_spells() -> None:
    graphs = _cut_graphs()
    on = [y for y in YEARS if graphs[y].pair_strength("USA", "CHN", "rivalry") > 0]
    assert on == [*range(1953, 1973), *range(1996, 2019)]
    assert {graphs[y].pair_strength("USA", "CHN", "rivalry") for y in on} == {1.0}
    (tie,) = [
        t for t in graphs[2018].ties_between("USA", "CHN") if t.kind.value == "rivalry"
    ]
    assert tie.evidence[0].locator == "version 2022; tssr_id 211; line 212"
    assert "China-United States 2" in tie.evidence[0].claim


def test_known_rows_kor_pledges_and_the_us_china_pledge() -> None:
    graphs = _cut_graphs()
    first = {
        pair: min(y for y in YEARS if pair[1] in graphs[y] and
                  graphs[y].pair_strength(*pair, "alliance") > 0)
        for pair in [("KOR", "PRK"), ("KOR", "RUS"), ("KOR", "CHN"), ("KOR", "JPN")]
    }  # fmt: skip
    assert first == {
        ("KOR", "PRK"): 1991,
        ("KOR", "RUS"): 1992,
        ("KOR", "CHN"): 2004,
        ("KOR", "JPN"): 2004,
    }
    for y in (2004, 2018):
        assert graphs[y].pair_strength("KOR", "CHN", "alliance") == 0.5  # nonagg
    us_chn = [y for y in YEARS if graphs[y].pair_strength("USA", "CHN", "alliance")]
    assert us_chn == [1962, 1963, 1964, *range(2009, 2019)]
    us_rus = [
        y
        for y in YEARS
        if "RUS" in graphs[y] and graphs[y].pair_strength("USA", "RUS", "rivalry")
    ]
    assert us_rus == list(range(2007, 2019))


# -- the measures on the cut, by hand ---------------------------------------------
def test_2002_by_hand_data_graph() -> None:
    r"""Korea, 2002, on the data-built graph alone.

    Korea's ties: USA defence pact 1.0; RUS non-aggression 0.5; PRK
    non-aggression 0.5 and strategic rivalry 1.0 (signed -0.5). Russia has
    non-aggression pledges with both poles, so its alignment is (1/2, 1/2).
    Friendly mass c = 1.0*(1, 0) + 0.5*(1/2, 1/2) = (1.25, 0.25) -> (5/6, 1/6),
    E_c = 1 - 2*|5/6 - 1/2| = 1/3. Cross-pressure: USA-RUS is +0.5 (a
    pledge, no rivalry in 2002), so no hostile pair: 0. No trade tie, so no
    two-track index.
    """
    g = _cut_graphs()[2002]
    assert g.pair_strength("KOR", "USA", "alliance") == 1.0
    assert g.pair_strength("KOR", "RUS", "alliance") == 0.5
    assert g.pair_strength("KOR", "PRK", "alliance") == 0.5
    assert g.pair_strength("KOR", "PRK", "rivalry") == 1.0
    assert g.pair_strength("RUS", "USA", "alliance") == 0.5
    assert g.pair_strength("RUS", "CHN", "alliance") == 0.5
    assert g.pair_strength("RUS", "USA", "rivalry") == 0.0
    se, cp, tt = _position(g)
    assert se == pytest.approx(1 / 3, abs=1e-12)
    assert cp == 0.0
    assert tt is None


def test_2002_by_hand_data_graph_and_trade_facts() -> None:
    r"""Korea, 2002, on the data-built graph plus the 2002 trade facts.

    Trade shares (korea-2002-roh): CHN 0.131, USA 0.177, JPN 0.143; trade has
    kappa 0.5, so s(KOR, CHN) = 0.0655, s(KOR, JPN) = 0.0715, s(KOR, USA) =
    clip(1 + 0.0885) = 1. Japan: US defence pact 1.0, China pledge 0.5 and
    rivalry 1.0 -> alignment (1, 0).

    * E_c: c = USA 1*(1, 0) + RUS 0.5*(1/2, 1/2) + CHN 0.0655*(0, 1)
      + JPN 0.0715*(1, 0) = (1.3215, 0.3155); c_1 = 1.3215/1.637, so
      E_c = 1 - 2*(1.3215/1.637 - 1/2) = 0.6310/1.637.
    * Cross-pressure: p = USA 1, RUS 0.5, CHN 0.0655, JPN 0.0715; the sum of
      p_u*p_v over the six pairs is 0.71018325; hostile pairs USA-CHN (-1)
      and CHN-JPN (-1 + 0.5 = -0.5): 0.0655*1 + 0.0655*0.0715*0.5 =
      0.067841625; CP = 0.067841625/0.71018325.
    * Two-track: security sigma = USA 1*(1, 0) + RUS 0.5*(1/2, 1/2) ->
      (5/6, 1/6); trade epsilon = (0.177 + 0.143, 0.131)/0.451;
      T = |5/6 - 0.32/0.451|.
    """
    g = _with_trade(_cut_graphs()[2002], 2002)
    assert {t.target: t.strength for t in _trade(2002)} == {
        "CHN": 0.131,
        "USA": 0.177,
        "JPN": 0.143,
    }
    assert mp.alignment(g, POLES)["JPN"].tolist() == [1.0, 0.0]
    se, cp, tt = _position(g)
    assert se == pytest.approx(0.6310 / 1.637, abs=1e-12)
    assert cp == pytest.approx(0.067841625 / 0.71018325, abs=1e-12)
    assert tt == pytest.approx(abs(5 / 6 - 0.32 / 0.451), abs=1e-12)
    assert (round(se, 4), round(cp, 4), round(tt, 4)) == (0.3855, 0.0955, 0.1238)


def test_1953_portfolio_similarity_by_hand() -> None:
    r"""S and quadratic kappa of Korea to the US and China, 1953 (ATOP ladder).

    79 states in the system, each an item. Korea: 3 to itself and to the US
    (defence), 0 elsewhere. US: 3 to itself and to its 38 defence partners
    (Korea included), 0 elsewhere. China: 3 to itself and to the USSR.

    * S(KOR, USA): they differ by 3 (d = 1) on the 37 US partners other than
      Korea: S = 1 - 2*37/79 = 5/79. S(KOR, CHN): d = 1 on KOR, USA, CHN,
      SUN: S = 1 - 2*4/79 = 71/79.
    * kappa(KOR, USA): D_obs = 37/79; Korea's shares (3: 2/79, 0: 77/79), the
      US's (3: 39/79, 0: 40/79); D_exp = (2*40 + 77*39)/79^2 = 3083/6241;
      kappa = 1 - (37/79)/(3083/6241) = 160/3083.
    * kappa(KOR, CHN): D_obs = 4/79; both (2/79, 77/79):
      D_exp = 2*2*77/6241 = 308/6241; kappa = 1 - 316/308 = -2/77.
    """
    atop = read_atop(CUT / "atop_alliance_kor.csv")
    usa = atop[(atop["ccode1"] == USA) & (atop["year"] == 1953)]
    assert len(usa) == 38 and bool(usa["atop_defense"].eq(1).all())
    sims = _similarities(CUT / "atop_alliance_kor.csv", [1953])[1953]
    s_usa, s_chn, k_usa, k_chn = sims[:4]
    assert s_usa == pytest.approx(float(Fraction(5, 79)), abs=1e-12)
    assert s_chn == pytest.approx(float(Fraction(71, 79)), abs=1e-12)
    assert k_usa == pytest.approx(float(Fraction(160, 3083)), abs=1e-12)
    assert k_chn == pytest.approx(float(Fraction(-2, 77)), abs=1e-12)


def test_two_track_is_undefined_without_trade_and_2022_has_no_graph() -> None:
    graphs = _cut_graphs()
    assert all(mp.two_track(g, "KOR", POLES) is None for g in graphs.values())
    assert 2022 not in graphs and max(graphs) == 2018


def test_the_editorial_measures_on_the_latest_data_graphs() -> None:
    """The numbers the notebook and docs page show (pinned, from the cut)."""
    graphs = _cut_graphs()
    got = {y: _position(graphs[y]) for y in (1953, 1991, 1992, 2004, 2016, 2018)}
    assert got[1953] == (0.0, None, None) and got[1991] == (0.0, None, None)
    assert got[1992][0] == pytest.approx(1 / 3) and got[1992][1] == 0.0
    assert [round(got[y][0], 3) for y in (2004, 2016, 2018)] == [0.722, 0.828, 0.828]
    assert [round(got[y][1], 3) for y in (2004, 2016, 2018)] == [0.026, 0.009, 0.009]
    tt = {y: mp.two_track(_with_trade(graphs[y], y), "KOR", POLES) for y in TRADE_FACTS}
    assert {y: round(v, 3) for y, v in tt.items() if v is not None} == {
        2002: 0.124,
        2007: 0.241,
        2012: 0.099,
        2017: 0.254,
    }


# -- the cut against the full files -----------------------------------------------
@needs_full
def test_the_cut_is_the_rule_applied_to_the_full_file() -> None:
    with open(FULL / "atop_alliance.csv", encoding="utf-8") as fh:
        lines = fh.read().splitlines(keepends=True)
    rows = _rows(FULL / "atop_alliance.csv")
    keep = [line for line, ok in zip(lines[1:], _rule(rows), strict=True) if ok]
    expected = lines[0] + "".join(keep)
    assert (CUT / "atop_alliance_kor.csv").read_text(encoding="utf-8") == expected
    for name in ("cow_contdir.csv", "tss_rivalries.csv"):
        assert (CUT / name).read_bytes() == (FULL / name).read_bytes()


@needs_full
def test_korea_s_ties_and_the_poles_ties_are_the_same_on_cut_and_full() -> None:
    cut, full = _cut_graphs(), _full_graphs()

    def ties(g: mp.RelationGraph) -> set[tuple[Any, ...]]:
        # evidence locators hold line numbers of the file read: compare claims
        return {
            (t.source, t.target, t.kind.value, t.strength, t.evidence[0].claim)
            for t in g.ties
            if {t.source, t.target} & {"KOR", "USA", "CHN"}
        }

    for y in YEARS:
        # the full files name a few states outside the system that year (kept
        # as nodes with a note); none of them is tied to KOR, USA or CHN
        extra = set(full[y].codes) - set(cut[y].codes)
        assert set(cut[y].codes) <= set(full[y].codes)
        assert all("not a member" in (full[y].state(c).note or "") for c in extra)
        assert ties(cut[y]) == ties(full[y]), y


@needs_full
def test_every_measure_is_the_same_on_cut_and_full_files() -> None:
    cut, full = _cut_graphs(), _full_graphs()
    for y in YEARS:
        assert _position(cut[y]) == _position(full[y]), y
    for y in TRADE_FACTS:
        assert _position(_with_trade(cut[y], y)) == _position(_with_trade(full[y], y))
    on_cut = _similarities(CUT / "atop_alliance_kor.csv", YEARS)
    on_full = _similarities(FULL / "atop_alliance.csv", YEARS)
    assert on_cut.keys() == on_full.keys() == set(YEARS)
    for y in YEARS:
        assert on_cut[y] == on_full[y], y
        assert all(math.isfinite(v) for v in on_cut[y])
