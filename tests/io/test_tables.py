"""Canonical tables: alliances, contiguity, trade, totals, rivalries."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.io import formats as F

from middlepower.exceptions import (
    DataFormatError,
    InvalidArgumentTypeError,
)
from middlepower.io import (
    alliance_obligations,
    contiguity_years,
    read_atop,
    read_cow_trade,
    rivalry_spells,
    trade_flows,
    trade_totals,
)
from middlepower.io.tables import OBLIGATIONS

DATA = Path(__file__).resolve().parents[1] / "data" / "io"


def one(df: pd.DataFrame, **where: int) -> pd.Series:
    mask = np.ones(len(df), dtype=bool)
    for column, value in where.items():
        mask &= (df[column] == value).to_numpy()
    assert mask.sum() == 1, df[mask]
    return df[mask].iloc[0]


# -- alliances -----------------------------------------------------------------


def test_alliance_columns_contract(tmp_path: Path) -> None:
    p = F.write(tmp_path / "atop5_1dy.csv", F.ATOP_DY_HEADER, F.ATOP_DY_ROWS)
    ob = alliance_obligations(p)
    assert list(ob.columns) == [
        "ccode1",
        "ccode2",
        "year",
        *OBLIGATIONS,
        "directed",
        "dataset",
        "version",
        "row_key",
    ]
    assert [str(ob[c].dtype) for c in ("ccode1", "ccode2", "year")] == ["Int64"] * 3
    assert all(str(ob[c].dtype) == "boolean" for c in OBLIGATIONS)
    assert ob["directed"].dtype == bool
    assert ob.attrs["table"] == "alliance_obligations"


def test_cow_alliances_merge_duplicates_and_drop_year_zero(tmp_path: Path) -> None:
    p = F.write(
        tmp_path / "alliance_v4.1_by_dyad_yearly.csv",
        F.COW_ALLIANCE_HEADER,
        F.COW_ALLIANCE_ROWS,
    )
    ob = alliance_obligations(p)
    assert len(ob) == 4  # 6 rows: one duplicate dyad-year merged, one year 0 out
    kor = one(ob, ccode1=2, ccode2=732, year=2012)
    assert bool(kor["defense"]) and not bool(kor["entente"])
    assert pd.isna(kor["offense"]) and pd.isna(kor["consultation"])
    assert (kor["dataset"], kor["version"], kor["directed"]) == ("COW", "4.1", False)
    assert kor["row_key"] == "version4id 201; line 3"
    # USA-Mexico 2012: Rio pact (defense) OR OAS charter (entente)
    mex = one(ob, ccode1=2, ccode2=70, year=2012)
    assert bool(mex["defense"]) and bool(mex["entente"])
    assert mex["row_key"] == "version4id 109; line 4 | version4id 117; line 5"
    assert not (ob["year"] == 0).any()
    assert ob.attrs["excluded"] == ["version4id 302; line 7"]
    # sorted by year, then codes
    assert list(ob["year"]) == sorted(ob["year"])


def test_atop_dy_row_keys_and_missing_entente(tmp_path: Path) -> None:
    ob = alliance_obligations(
        F.write(tmp_path / "atop5_1dy.csv", F.ATOP_DY_HEADER, F.ATOP_DY_ROWS)
    )
    kor = one(ob, ccode1=2, ccode2=732)
    assert kor["row_key"] == "atopid 3230, 4145; line 2"
    assert pd.isna(kor["entente"])
    assert bool(kor["consultation"]) and bool(kor["nonaggression"])
    assert not bool(kor["offense"])
    assert (kor["dataset"], kor["version"], kor["directed"]) == ("ATOP", "5.1", False)


def test_atop_ddyr_directed_rows(tmp_path: Path) -> None:
    ob = alliance_obligations(
        F.write(tmp_path / "atop5_1ddyr.csv", F.ATOP_DDYR_HEADER, F.ATOP_DDYR_ROWS)
    )
    assert ob["directed"].all()
    assert len(ob) == 4  # A->B and B->A kept apart
    assert one(ob, ccode1=732, ccode2=2)["row_key"] == "atopid 3230, 4145; line 3"
    assert one(ob, ccode1=731, ccode2=710)["row_key"] == "atopid 3445; line 5"


def test_peacesciencer_atop_known_rows_and_years() -> None:
    ob = alliance_obligations(DATA / "atop_alliance_cut.csv", years=[2012])
    assert set(ob["year"]) == {2012}
    kor_usa = one(ob, ccode1=732, ccode2=2)
    assert bool(kor_usa["defense"]) and kor_usa["directed"]
    assert bool(one(ob, ccode1=710, ccode2=731)["defense"])
    full = alliance_obligations(DATA / "atop_alliance_cut.csv")
    assert len(full) == 5486  # peacesciencer has no duplicate directed dyad-years
    assert full[full["year"] == 2012].reset_index(drop=True).equals(ob)


def test_dataframe_sources_equal_path_sources(tmp_path: Path) -> None:
    p = F.write(tmp_path / "atop5_1ddyr.csv", F.ATOP_DDYR_HEADER, F.ATOP_DDYR_ROWS)
    by_path = alliance_obligations(p)
    frame = read_atop(p)
    assert alliance_obligations(frame).equals(by_path)
    bare = frame.copy()
    bare.attrs = {}  # a frame without reader metadata: detected from its columns
    assert alliance_obligations(bare)[list(OBLIGATIONS)].equals(
        by_path[list(OBLIGATIONS)]
    )
    with pytest.raises(InvalidArgumentTypeError, match="path or a pandas DataFrame"):
        alliance_obligations(42)  # type: ignore[arg-type]
    with pytest.raises(DataFormatError, match="header is not an alliance file"):
        alliance_obligations(DATA / "tss_rivalries.csv")


@st.composite
def atop_dy_rows(draw: st.DrawFn) -> list[tuple[int, int, int, tuple[int, ...]]]:
    codes = st.sampled_from([2, 20, 200, 365, 710, 731, 732, 740])
    rows = draw(
        st.lists(
            st.tuples(
                codes,
                codes,
                st.integers(2010, 2012),
                st.tuples(*[st.integers(0, 1)] * 5),
            ),
            min_size=1,
            max_size=25,
        )
    )
    return [r for r in rows if r[0] != r[1]] or [(2, 732, 2012, (1, 0, 0, 1, 1))]


@settings(max_examples=40, deadline=None)
@given(rows=atop_dy_rows())
def test_alliance_merge_is_or_of_flags(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[int, int, int, tuple[int, ...]]],
) -> None:
    lines = [
        f"{a * 1000 + b},{a},{b},{y},1,{','.join(map(str, f))},1,,,,,,,,,,5.1"
        for a, b, y, f in rows
    ]
    p = F.write(
        tmp_path_factory.mktemp("atop") / "atop5_1dy.csv", F.ATOP_DY_HEADER, lines
    )
    ob = alliance_obligations(p)
    groups: dict[tuple[int, int, int], list[int]] = {}
    for i, (a, b, y, _) in enumerate(rows):
        groups.setdefault((min(a, b), max(a, b), y), []).append(i)
    assert len(ob) == len(groups)
    names = ["defense", "offense", "neutrality", "nonaggression", "consultation"]
    for (a, b, y), idx in groups.items():
        got = one(ob, ccode1=a, ccode2=b, year=y)
        for k, name in enumerate(names):
            assert bool(got[name]) == any(rows[i][3][k] for i in idx)
        assert got["row_key"].split(" | ") == [f"line {i + 2}" for i in idx]


# -- contiguity -------------------------------------------------------------------


def test_contdir_spells_to_years(tmp_path: Path) -> None:
    c = contiguity_years(
        F.write(tmp_path / "contdir.csv", F.CONTDIR_HEADER, F.CONTDIR_ROWS)
    )
    kor_jpn = c[(c["ccode1"] == 732) & (c["ccode2"] == 740)]
    assert list(kor_jpn["year"]) == list(range(1952, 2017))  # 195204-201612
    assert set(kor_jpn["conttype"]) == {4}
    # 1879: a type-5 spell ends (187903) and a type-4 one starts: the closer counts
    y1879 = one(c, ccode1=710, ccode2=740, year=1879)
    assert (y1879["conttype"], y1879["begin"], y1879["end"]) == (4, 187903, 189504)
    assert y1879["row_key"] == "line 7 | line 6"
    assert one(c, ccode1=710, ccode2=740, year=1878)["conttype"] == 5
    assert not c["directed"].any()
    assert c.attrs["table"] == "contiguity_years"


def test_peacesciencer_contiguity_known_rows() -> None:
    c = contiguity_years(DATA / "cow_contdir_cut.csv", years=[1951, 1952, 2012])
    assert one(c, ccode1=732, ccode2=740, year=2012)["conttype"] == 4
    assert one(c, ccode1=732, ccode2=740, year=1952)["conttype"] == 4
    assert (
        len(c[(c["ccode1"] == 732) & (c["ccode2"] == 740) & (c["year"] == 1951)]) == 0
    )
    kor_chn = one(c, ccode1=710, ccode2=732, year=2012)
    assert kor_chn["conttype"] == 4 and kor_chn["begin"] == 194906
    assert one(c, ccode1=731, ccode2=732, year=2012)["conttype"] == 1
    # the two directions peacesciencer lists are one pair; type 0 rows are not kept
    assert " | " in kor_chn["row_key"]
    assert (c["conttype"] >= 1).all()
    assert (c["ccode1"] < c["ccode2"]).all()


def test_contdird_years(tmp_path: Path) -> None:
    c = contiguity_years(
        F.write(tmp_path / "contdird.csv", F.CONTDIRD_HEADER, F.CONTDIRD_ROWS)
    )
    assert len(c) == 2
    kor_jpn = one(c, ccode1=732, ccode2=740, year=2012)
    assert kor_jpn["row_key"] == "line 2 | line 3"
    assert pd.isna(kor_jpn["begin"])


# -- trade -------------------------------------------------------------------------


def test_trade_flows_hand_computed(tmp_path: Path) -> None:
    t = trade_flows(
        F.write(tmp_path / "Dyadic_COW_4.0.csv", F.TRADE_HEADER, F.TRADE_ROWS)
    )
    assert len(t) == 2 * len(F.TRADE_ROWS)
    chn_kor = one(t, ccode1=710, ccode2=732)
    # flow1 = 710's imports from 732 = 168738.1; flow2 = 732's imports = 80785.4
    assert (chn_kor["imports"], chn_kor["exports"]) == (168738.1, 80785.4)
    assert chn_kor["trade"] == pytest.approx(249523.5)
    kor_chn = one(t, ccode1=732, ccode2=710)
    assert (kor_chn["imports"], kor_chn["exports"]) == (80785.4, 168738.1)
    assert kor_chn["row_key"] == chn_kor["row_key"] == "line 4"
    assert pd.isna(one(t, ccode1=731, ccode2=732)["trade"])  # both flows -9
    assert one(t, ccode1=731, ccode2=710)["trade"] == 2484.7  # one flow known
    assert t["directed"].all()
    smooth = trade_flows(read_cow_trade(tmp_path / "Dyadic_COW_4.0.csv"), smoothed=True)
    assert one(smooth, ccode1=710, ccode2=732)["imports"] == 168738.1


def test_trade_flows_duplicate_dyad_year(tmp_path: Path) -> None:
    rows = [*F.TRADE_ROWS, F.TRADE_ROWS[1].replace("2,732,", "732,2,", 1)]
    p = F.write(tmp_path / "Dyadic_COW_4.0.csv", F.TRADE_HEADER, rows)
    with pytest.raises(DataFormatError, match=r"line 7: dyad-year .* appears twice"):
        trade_flows(p)


@st.composite
def dyadic(draw: st.DrawFn) -> list[tuple[int, int, float, float]]:
    codes = [2, 20, 200, 710, 732, 740]
    pairs = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1 :]]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, min_size=1))
    flow = st.one_of(
        st.just(-9.0), st.floats(0, 1e6, allow_nan=False).map(lambda x: round(x, 2))
    )
    return [(a, b, draw(flow), draw(flow)) for a, b in chosen]


@settings(max_examples=40, deadline=None)
@given(rows=dyadic())
def test_trade_flows_mirror_property(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[int, int, float, float]]
) -> None:
    lines = [
        f"{a},{b},2000,A,B,{f1},{f2},{f1},{f2},-9,0,0,0,0,0,0,-9,-9,-9,-9,1,1,4"
        for a, b, f1, f2 in rows
    ]
    p = F.write(tmp_path_factory.mktemp("t") / "d.csv", F.TRADE_HEADER, lines)
    t = trade_flows(p)
    imports = {
        (a, b): x
        for a, b, x in zip(t["ccode1"], t["ccode2"], t["imports"], strict=True)
    }
    exports = {
        (a, b): x
        for a, b, x in zip(t["ccode1"], t["ccode2"], t["exports"], strict=True)
    }
    for (a, b), x in imports.items():
        y = exports[(b, a)]
        assert (pd.isna(x) and pd.isna(y)) or x == y
    known = sum(f for _, _, f1, f2 in rows for f in (f1, f2) if f != -9)
    assert float(t["trade"].sum()) == pytest.approx(2 * known)


def test_trade_totals() -> None:
    tt = trade_totals(DATA / "cow_trade_sy_cut.csv", years=[2012])
    kor = one(tt, ccode=732)
    # 519584.170436 + 547860.499736 = 1067444.670172
    assert kor["total"] == pytest.approx(1067444.670172)
    assert set(tt["year"]) == {2012}
    assert kor["row_key"].startswith("line ")


def test_trade_totals_missing_is_na(tmp_path: Path) -> None:
    p = tmp_path / "cow_trade_sy.csv"
    p.write_text("ccode,year,imports,exports\n31,1960,,\n31,1965,,18.5\n2,1965,1,2\n")
    tt = trade_totals(p)
    assert pd.isna(one(tt, ccode=31, year=1965)["total"])
    assert one(tt, ccode=2, year=1965)["total"] == 3.0


# -- rivalries --------------------------------------------------------------------


def test_rivalry_spells_tss() -> None:
    r = rivalry_spells(DATA / "tss_rivalries.csv")
    us_chn = r[(r["ccode1"] == 2) & (r["ccode2"] == 710) & (r["start"] == 1996)].iloc[0]
    assert (us_chn["end"], us_chn["name"]) == (2020, "China-United States 2")
    assert us_chn["types"] == "positional, principal"
    assert us_chn["rivalry_id"] == "211"
    assert us_chn["row_key"] == "tssr_id 211; line 212"
    assert (r["ccode1"] < r["ccode2"]).all()
    assert len(r) == 264


def test_rivalry_spells_td_and_plain(tmp_path: Path) -> None:
    td = rivalry_spells(DATA / "td_rivalries.csv")
    row = td[td["name"] == "China-United States 2"].iloc[0]
    assert (row["start"], row["end"], row["types"]) == (1996, 2010, "positional")
    p = F.write(tmp_path / "r.csv", "ccode1,ccode2,start,end", ["710,2,1996,"])
    plain = rivalry_spells(p)
    assert (plain.loc[0, "ccode1"], plain.loc[0, "ccode2"]) == (2, 710)
    assert pd.isna(plain.loc[0, "end"]) and pd.isna(plain.loc[0, "name"])
    bad = F.write(tmp_path / "b.csv", "ccode1,ccode2,start,end", ["2,710,1996,1990"])
    with pytest.raises(DataFormatError, match="line 2: rivalry ends in 1990 before"):
        rivalry_spells(bad)
