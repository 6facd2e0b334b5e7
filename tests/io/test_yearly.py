"""graph_for_year / graphs_for_years on real cuts and documented formats."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.io import formats as F

from middlepower.exceptions import (
    DataFormatError,
    InvalidArgumentTypeError,
    InvalidParameterError,
    UnknownStateError,
)
from middlepower.graph import KINDS, RelationGraph
from middlepower.io import (
    alliance_obligations,
    graph_for_year,
    graphs_for_years,
    read_atop,
    read_cow_states,
    tie_strengths,
)
from middlepower.models import Evidence, State, Tie, TieKind

DATA = Path(__file__).resolve().parents[1] / "data" / "io"
ATOP = DATA / "atop_alliance_cut.csv"
CONTIGUITY = DATA / "cow_contdir_cut.csv"
TSS = DATA / "tss_rivalries.csv"


@pytest.fixture(scope="module")
def g2012() -> RelationGraph:
    return graph_for_year(2012, atop=ATOP, contiguity=CONTIGUITY, rivalries=TSS)


def test_known_rows_2012(g2012: RelationGraph) -> None:
    assert g2012.name == "2012"
    assert g2012.pair_strength("KOR", "USA", "alliance") == 1.0  # defence pact
    assert g2012.pair_strength("CHN", "PRK", "alliance") == 1.0
    assert g2012.pair_strength("KOR", "JPN", "neighbour") == 0.4  # type 4
    assert g2012.pair_strength("KOR", "CHN", "neighbour") == 0.4
    assert g2012.pair_strength("KOR", "PRK", "neighbour") == 1.0  # type 1
    assert g2012.pair_strength("USA", "CHN", "rivalry") == 1.0
    # KOR-JPN: ATOP codes a non-aggression obligation in 2012
    assert g2012.pair_strength("KOR", "JPN", "alliance") == 0.5


def test_nodes_are_the_2012_system(g2012: RelationGraph) -> None:
    states = read_cow_states()
    members = states[(states["styear"] <= 2012) & (states["endyear"] >= 2012)]
    assert len(g2012) == members["ccode"].nunique() == 195
    assert g2012.state("KOR") == State(code="KOR", name="South Korea", cow=732)
    assert g2012.state("RUS").cow == 365
    # states without any tie in the cuts are nodes too
    assert g2012.state("WSM").name == "Samoa"
    assert not g2012.ties_between("WSM", "USA")


def test_tie_fields_and_evidence(g2012: RelationGraph) -> None:
    (ally,) = [
        t for t in g2012.ties_between("KOR", "USA") if t.kind is TieKind.ALLIANCE
    ]
    assert (ally.start, ally.end) == (dt.date(2012, 1, 1), dt.date(2012, 12, 31))
    assert not ally.directed and ally.value is None
    (ev,) = ally.evidence
    assert ev.source == "ATOP"
    assert "ATOP" in (ev.title or "") and "peacesciencer" in (ev.title or "")
    assert ev.locator is not None and ev.locator.startswith("version 5.1; line ")
    assert ev.claim == (
        "2->732: defense=1 offense=0 neutral=0 nonagg=1 consul=1; "
        "732->2: defense=1 offense=0 neutral=0 nonagg=1 consul=1"
    )
    (rival,) = [
        t for t in g2012.ties_between("USA", "CHN") if t.kind is TieKind.RIVALRY
    ]
    assert rival.evidence[0].claim == (
        "2-710: China-United States 2 (positional, principal), 1996-2020"
    )
    assert rival.evidence[0].locator == "version 2022; tssr_id 211; line 212"
    (near,) = [
        t for t in g2012.ties_between("KOR", "JPN") if t.kind is TieKind.NEIGHBOUR
    ]
    assert near.evidence[0].claim == (
        "732-740: conttype=4 (water, 150 miles or less); spell 195204-201612"
    )


def test_trusted_models_equal_validated_models(g2012: RelationGraph) -> None:
    for t in g2012.ties:
        assert Tie.model_validate(t.model_dump()) == t
        for e in t.evidence:
            assert Evidence.model_validate(e.model_dump()) == e
            assert e.model_fields_set == Evidence(source="x").model_fields_set | set(
                Evidence.model_fields
            )
    assert RelationGraph.from_json(g2012.to_json()) == g2012
    # and the graph equals the one the validating constructor builds
    rebuilt = RelationGraph(
        [Tie.model_validate(t.model_dump()) for t in g2012.ties],
        g2012.states,
        name="2012",
    )
    assert rebuilt == g2012


def test_graphs_for_years_equal_graph_for_year() -> None:
    years = [1950, 1975, 2012]
    graphs = graphs_for_years(years, atop=ATOP, contiguity=CONTIGUITY, rivalries=TSS)
    assert list(graphs) == years
    for y in years:
        assert graphs[y] == graph_for_year(
            y, atop=ATOP, contiguity=CONTIGUITY, rivalries=TSS
        )
    # preloaded DataFrames (reader output or canonical tables) give the same graphs
    frames = graphs_for_years(
        years, atop=read_atop(ATOP), contiguity=CONTIGUITY, rivalries=TSS
    )
    assert frames == graphs
    canonical = graphs_for_years(
        years, atop=alliance_obligations(ATOP), contiguity=CONTIGUITY, rivalries=TSS
    )
    assert canonical == graphs


def _trade(tmp_path: Path) -> Path:
    return F.write(tmp_path / "Dyadic_COW_4.0.csv", F.TRADE_HEADER, F.TRADE_ROWS)


def test_trade_shares_of_dyadic_sums(tmp_path: Path) -> None:
    g = graph_for_year(2012, trade=_trade(tmp_path))
    # USA: 554904.1 (CHN) + 102814.7 (KOR) = 657718.8
    assert g.strength("USA", "CHN", "trade") == pytest.approx(554904.1 / 657718.8)
    # KOR: 102814.7 (USA) + 249523.5 (CHN) = 352338.2
    assert g.strength("KOR", "CHN", "trade") == pytest.approx(249523.5 / 352338.2)
    # PRK: only China (2484.7; its other flow is -9); PRK-KOR: both -9, no tie
    assert g.strength("PRK", "CHN", "trade") == 1.0
    assert not g.ties_between("PRK", "KOR")
    # CHN: 554904.1 + 249523.5 + 2484.7 = 806912.3
    assert g.strength("CHN", "PRK", "trade") == pytest.approx(2484.7 / 806912.3)
    for code in g.codes:
        total = sum(t.strength for t in g.ties if t.source == code)
        assert total == pytest.approx(1.0) or total == 0.0
    (kor_chn,) = [t for t in g.ties if (t.source, t.target) == ("KOR", "CHN")]
    assert (kor_chn.value, kor_chn.unit, kor_chn.directed) == (
        249523.5,
        "million current USD",
        True,
    )
    assert kor_chn.evidence[0].claim == (
        "732 imports from 710 = 80785.4, exports to 710 = 168738.1 (million "
        "current USD, COW flow1/flow2); KOR trade with CHN 249523.5 of its total "
        "352338.2 (sum of its dyadic trade)"
    )
    assert kor_chn.evidence[0].locator == "version 4.0; line 4"


def test_trade_shares_of_national_totals(tmp_path: Path) -> None:
    totals = tmp_path / "cow_trade_sy.csv"
    totals.write_text(
        "ccode,year,imports,exports\n"
        "732,2012,500000,500000\n"  # KOR: 1,000,000 >= its dyadic sum
        "2,2012,50000,50000\n"  # USA: 100,000 < its dyadic sum 657718.8
        "710,2012,,\n"  # CHN: missing -> dyadic sum
    )
    g = graph_for_year(2012, trade=_trade(tmp_path), trade_totals=totals)
    assert g.strength("KOR", "CHN", "trade") == pytest.approx(0.2495235)
    assert g.strength("KOR", "USA", "trade") == pytest.approx(0.1028147)
    assert g.strength("USA", "CHN", "trade") == pytest.approx(554904.1 / 657718.8)
    assert g.strength("CHN", "KOR", "trade") == pytest.approx(249523.5 / 806912.3)
    claims = {(t.source, t.target): t.evidence[0].claim for t in g.ties}
    assert claims[("KOR", "CHN")].endswith("of its total 1000000 (national total)")
    assert claims[("USA", "CHN")].endswith(
        "(sum of its dyadic trade, above its national total)"
    )
    assert claims[("CHN", "KOR")].endswith(
        "(sum of its dyadic trade; no national total)"
    )


def test_real_national_totals_cut(tmp_path: Path) -> None:
    g = graph_for_year(
        2012, trade=_trade(tmp_path), trade_totals=DATA / "cow_trade_sy_cut.csv"
    )
    # KOR 2012 total: 519584.170436 + 547860.499736 = 1067444.670172
    assert g.strength("KOR", "CHN", "trade") == pytest.approx(249523.5 / 1067444.670172)


def test_cow_and_atop_alliances_combined(tmp_path: Path) -> None:
    cow = F.write(
        tmp_path / "alliance_v4.1_by_dyad_yearly.csv",
        F.COW_ALLIANCE_HEADER,
        F.COW_ALLIANCE_ROWS,
    )
    dy = F.write(tmp_path / "atop5_1dy.csv", F.ATOP_DY_HEADER, F.ATOP_DY_ROWS)
    g = graph_for_year(2012, alliances=cow, atop=dy)
    (tie,) = g.ties_between("KOR", "USA")
    assert tie.strength == 1.0
    assert [e.source for e in tie.evidence] == ["COW Formal Alliances", "ATOP"]
    assert tie.evidence[0].claim == (
        "2-732: defense=1 neutrality=0 nonaggression=0 entente=0"
    )
    assert tie.evidence[0].locator == "version 4.1; version4id 201; line 3"
    assert tie.evidence[1].locator == "version 5.1; atopid 3230, 4145; line 2"
    # USA-Mexico: two COW alliances that year, merged in the canonical table
    (mex,) = g.ties_between("USA", "MEX")
    assert mex.evidence[0].locator == (
        "version 4.1; version4id 109; line 4 | version4id 117; line 5"
    )
    # KOR-JPN only a non-aggression obligation (ATOP): 0.5
    assert g.pair_strength("KOR", "JPN", "alliance") == 0.5


def test_strength_overrides(tmp_path: Path) -> None:
    g = graph_for_year(
        2012,
        atop=ATOP,
        contiguity=CONTIGUITY,
        strengths={"alliance": {"nonaggression": 0.7}, "neighbour": {4: 0.45}},
    )
    assert g.pair_strength("KOR", "JPN", "alliance") == 0.7
    assert g.pair_strength("KOR", "JPN", "neighbour") == 0.45
    assert g.pair_strength("KOR", "USA", "alliance") == 1.0
    csv = tmp_path / "s.csv"
    csv.write_text("kind,code,strength\nrivalry,strategic,0.8\n")
    assert tie_strengths(csv)["rivalry"]["strategic"] == 0.8
    assert (
        graph_for_year(2012, rivalries=TSS, strengths=csv).pair_strength(
            "USA", "CHN", "rivalry"
        )
        == 0.8
    )


@pytest.mark.parametrize(
    ("strengths", "message"),
    [
        ({"trade": {"x": 1}}, "Unknown kind 'trade'"),
        ({"alliance": {"pact": 1}}, "Unknown alliance code 'pact'"),
        ({"neighbour": {1: 1.5}}, r"must be a number in \[0, 1\]"),
        ({"neighbour": {1: True}}, r"must be a number in \[0, 1\]"),
        ({"neighbour": {1: "high"}}, r"must be a number in \[0, 1\]"),
    ],
)
def test_bad_strengths(strengths: object, message: str) -> None:
    with pytest.raises(InvalidParameterError, match=message):
        tie_strengths(strengths)  # type: ignore[arg-type]


def test_strengths_of_the_wrong_type() -> None:
    with pytest.raises(InvalidArgumentTypeError, match="mapping or a CSV path"):
        tie_strengths(3)  # type: ignore[arg-type]


def test_bad_strengths_file(tmp_path: Path) -> None:
    p = tmp_path / "s.csv"
    p.write_text("kind,value\nalliance,1\n")
    with pytest.raises(DataFormatError, match="missing columns: 'code', 'strength'"):
        tie_strengths(p)


def test_default_ladder_matches_methods() -> None:
    ladder = tie_strengths()
    assert ladder["alliance"] == {
        "defense": 1.0,
        "offense": 1.0,
        "neutrality": 0.5,
        "nonaggression": 0.5,
        "entente": 0.25,
        "consultation": 0.25,
    }
    assert ladder["neighbour"] == {"1": 1.0, "2": 0.8, "3": 0.6, "4": 0.4, "5": 0.2}
    assert ladder["rivalry"] == {"strategic": 1.0}


def test_one_iso3_for_two_cow_numbers(tmp_path: Path) -> None:
    rows = [
        "1,2,United States of America,255,Germany,3,10,1990,,,,0,1,1,0,0,0,1990,4.1",
        "2,2,United States of America,260,German Federal Republic,4,4,1949,2,10,1990,"
        "0,0,1,0,0,0,1990,4.1",
        "3,255,Germany,260,German Federal Republic,3,10,1990,,,,0,0,0,0,0,1,1990,4.1",
    ]
    p = F.write(tmp_path / "a.csv", F.COW_ALLIANCE_HEADER, rows)
    g = graph_for_year(1990, alliances=p)
    deu = g.state("DEU")
    assert (deu.cow, deu.name) == (255, "Germany")
    assert (
        deu.note
        == "also COW 260 (German Federal Republic) in 1990: one ISO3 code that year"
    )
    (tie,) = g.ties  # the 255-260 row joins DEU to itself: no tie
    assert {tie.source, tie.target} == {"USA", "DEU"}
    assert tie.evidence[0].claim == (
        "2-255: defense=1 neutrality=0 nonaggression=0 entente=0; "
        "2-260: defense=1 neutrality=0 nonaggression=0 entente=0"
    )
    assert "also COW 678" in (g.state("YEM").note or "")


def test_after_2016_and_outside_the_system(tmp_path: Path) -> None:
    g2018 = graph_for_year(2018)
    assert len(g2018) == len(graph_for_year(2016))
    assert g2018.ties == ()
    g = graph_for_year(1800, rivalries=TSS)
    assert g.pair_strength("FRA", "AUH", "rivalry") == 1.0
    assert g.state("FRA").note == (
        "not a member of the COW state system in 1800 (states2016)"
    )
    assert g.state("FRA").cow == 220
    assert all(s.note for s in g.states)  # the COW system starts in 1816
    # Venice (324 in the rivalry tables, 1494-1717) has no COW/ISO code
    with pytest.raises(UnknownStateError, match="'324'"):
        graph_for_year(1500, rivalries=TSS)


def test_historical_codes() -> None:
    g = graph_for_year(1980, rivalries=TSS)
    assert "SUN" in g and "RUS" not in g
    assert g.state("SUN").cow == 365
    assert "DDR" in g and "VNM" in g


def test_errors(tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentTypeError, match="must be an integer"):
        graph_for_year("2012")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="outside"):
        graph_for_year(3012)
    with pytest.raises(InvalidArgumentTypeError, match="iterable of years"):
        graphs_for_years(2012)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="No year"):
        graphs_for_years([])
    p = F.write(tmp_path / "r.csv", "ccode1,ccode2,start,end", ["2,999,2000,2020"])
    with pytest.raises(UnknownStateError, match="'999'"):
        graph_for_year(2012, rivalries=p)
    with pytest.raises(DataFormatError, match="header is not an alliance file"):
        graph_for_year(2012, atop=TSS)
    with pytest.raises(FileNotFoundError):
        graph_for_year(2012, contiguity=tmp_path / "missing.csv")


# -- the columnar graphs (lazy ties) ---------------------------------------------------


def _validated(g: RelationGraph) -> RelationGraph:
    """The same graph through the validating constructor (every Tie validated)."""
    ties = [Tie.model_validate(t.model_dump()) for t in g.ties]
    return RelationGraph(ties, g.states, name=g.name)


@pytest.mark.parametrize("year", [1950, 1975, 2012])
def test_year_graph_identical_to_validated_ties(year: int) -> None:
    g = graph_for_year(year, atop=ATOP, contiguity=CONTIGUITY, rivalries=TSS)
    assert len(g.ties) > 0
    assert g.identical(_validated(g))


def test_trade_and_merged_alliances_identical_to_validated_ties(tmp_path: Path) -> None:
    cow = F.write(
        tmp_path / "alliance_v4.1_by_dyad_yearly.csv",
        F.COW_ALLIANCE_HEADER,
        F.COW_ALLIANCE_ROWS,
    )
    dy = F.write(tmp_path / "atop5_1dy.csv", F.ATOP_DY_HEADER, F.ATOP_DY_ROWS)
    totals = DATA / "cow_trade_sy_cut.csv"
    g = graph_for_year(
        2012, alliances=cow, atop=dy, trade=_trade(tmp_path), trade_totals=totals
    )
    kinds = {t.kind for t in g.ties}
    assert kinds == {TieKind.ALLIANCE, TieKind.TRADE}
    assert any(len(t.evidence) == 2 for t in g.ties)  # COW and ATOP rows merged
    assert g.identical(_validated(g))


def test_year_graph_makes_its_ties_on_first_use(tmp_path: Path) -> None:
    g = graph_for_year(
        2012, atop=ATOP, contiguity=CONTIGUITY, rivalries=TSS, trade=_trade(tmp_path)
    )
    assert g._ties is None and g._G is None
    T = g.strength_tensor()
    assert T[KINDS.index(TieKind.ALLIANCE), g.codes.index("KOR")].max() == 1.0
    g.signed_matrix()
    assert g.pair_strength("KOR", "JPN", "neighbour") == 0.4
    snap = g.at("2012-06-30")
    assert g.at("2013-01-01").ties == ()  # valid 1 Jan - 31 Dec 2012 only
    pair = g.ties_between("KOR", "USA")  # only the pair's ties are made
    assert g._ties is None and g._G is None and snap._ties is None
    everything = g.ties
    assert pair == tuple(
        t for t in everything if {t.source, t.target} == {"KOR", "USA"}
    )
    assert snap.ties == everything  # the same evidence, made separately
    assert snap.identical(g)


def test_year_graph_pickles() -> None:
    import pickle

    g = graph_for_year(2012, atop=ATOP, rivalries=TSS)
    back = pickle.loads(pickle.dumps(g))
    assert back.identical(g)
