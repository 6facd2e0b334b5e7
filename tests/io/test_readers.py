"""Readers of middlepower.io on real cuts (tests/data/io) and documented formats."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from tests.io import formats as F

from middlepower.exceptions import (
    DataFormatError,
    InvalidArgumentTypeError,
    InvalidParameterError,
)
from middlepower.io import (
    read_atop,
    read_cow_alliances,
    read_cow_contiguity,
    read_cow_nmc,
    read_cow_states,
    read_cow_trade,
    read_cow_trade_totals,
    read_rivalries,
    read_table,
    states_path,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "io"


def row(df: pd.DataFrame, **where: int) -> pd.Series:
    mask = pd.Series(True, index=df.index)
    for column, value in where.items():
        mask &= df[column] == value
    hits = df[mask.to_numpy()]
    assert len(hits) == 1, hits
    return hits.iloc[0]


# -- real cuts -----------------------------------------------------------------


def test_atop_peacesciencer_known_rows() -> None:
    df = read_atop(DATA / "atop_alliance_cut.csv")
    assert df.attrs["layout"] == "ps_atop_alliance"
    assert df.attrs["variant"] == "peacesciencer"
    assert df.attrs["version"] == "5.1"
    assert list(df.columns) == [
        "ccode1",
        "ccode2",
        "year",
        "atop_defense",
        "atop_offense",
        "atop_neutral",
        "atop_nonagg",
        "atop_consul",
    ]
    assert all(str(t) == "Int64" for t in df.dtypes)
    assert len(df) == 5486
    # peacesciencer README: KOR (732)-USA (2) and CHN (710)-PRK (731) defense 2012
    assert row(df, ccode1=732, ccode2=2, year=2012)["atop_defense"] == 1
    assert row(df, ccode1=2, ccode2=732, year=2012)["atop_defense"] == 1
    assert row(df, ccode1=710, ccode2=731, year=2012)["atop_defense"] == 1
    # the index is the line in the file: line 2 is the first data row
    first = (DATA / "atop_alliance_cut.csv").read_text().splitlines()[1]
    assert df.index[0] == 2
    assert first.startswith(f"{df.iloc[0]['ccode1']},{df.iloc[0]['ccode2']},")


def test_contiguity_peacesciencer_known_rows() -> None:
    df = read_cow_contiguity(DATA / "cow_contdir_cut.csv")
    assert df.attrs["variant"] == "peacesciencer"
    kor_jpn = row(df, ccode1=732, ccode2=740)
    assert kor_jpn["conttype"] == 4
    assert kor_jpn["stdate"] == pd.Timestamp("1952-04-01")
    kor_chn = row(df, ccode1=732, ccode2=710)
    assert kor_chn["conttype"] == 4
    assert kor_chn["stdate"] == pd.Timestamp("1949-06-01")
    assert row(df, ccode1=732, ccode2=731)["conttype"] == 1
    assert (df["conttype"] == 0).any()  # peacesciencer's non-contiguity spells


def test_tss_rivalries_china_us() -> None:
    df = read_rivalries(DATA / "tss_rivalries.csv")
    assert df.attrs["layout"] == "ps_tss_rivalries"
    r = df[df["rivalry"] == "China-United States 2"].iloc[0]
    assert (r["ccode1"], r["ccode2"], r["start"], r["end"]) == (2, 710, 1996, 2020)
    assert r["principal"] == 1 and pd.isna(r["spatial"])
    assert len(df) == 264


def test_td_rivalries() -> None:
    df = read_rivalries(DATA / "td_rivalries.csv")
    assert df.attrs["layout"] == "ps_td_rivalries"
    r = df[df["rivalryname"] == "China-United States 2"].iloc[0]
    assert (r["styear"], r["endyear"], r["type1"]) == (1996, 2010, "positional")
    assert pd.isna(r["type2"])


def test_trade_totals_cut() -> None:
    df = read_cow_trade_totals(DATA / "cow_trade_sy_cut.csv")
    kor = row(df, ccode=732, year=2012)
    assert kor["imports"] == pytest.approx(519584.170436, rel=1e-9)
    assert str(df["imports"].dtype) == "Float64"


def test_nmc_cut_missing_codes_and_no_final_newline() -> None:
    raw = (DATA / "NMC-60-abridged_cut.csv").read_bytes()
    assert not raw.endswith(b"\n")  # as the original file
    df = read_cow_nmc(DATA / "NMC-60-abridged_cut.csv")
    assert len(df) == 631
    assert df.attrs["version"] == "6.0"
    usa = row(df, ccode=2, year=1816)
    assert (usa["milex"], usa["milper"], usa["tpop"]) == (3823, 17, 8659)
    # -9 are NA, and counted; the raw -9 is never a number in the frame
    assert df.attrs["missing_codes"]
    for column, count in df.attrs["missing_codes"].items():
        assert int(df[column].isna().sum()) >= count
        assert not (df[column] == -9).any()
    assert df.index[-1] == 632  # the last line, without newline, is read
    assert df.iloc[-1]["stateabb"] == "WSM"


def test_states_real_copy_ignores_unnamed_columns() -> None:
    df = read_cow_states(DATA / "states2016.csv")
    assert list(df.columns) == [
        "stateabb",
        "ccode",
        "statenme",
        "styear",
        "stmonth",
        "stday",
        "endyear",
        "endmonth",
        "endday",
        "version",
    ]
    assert len(df) == 243
    assert df.attrs["unnamed_columns"] == 11
    assert df.attrs["unnamed_values"] > 0  # '#REF!' and numbers left in the copy
    kor = row(df, ccode=732)
    assert (kor["stateabb"], kor["styear"]) == ("ROK", 1949)
    # default: the bundled copy, identical
    assert read_cow_states().equals(df)
    assert Path(states_path()).read_bytes() == (DATA / "states2016.csv").read_bytes()


def test_read_table_dispatches_every_real_cut() -> None:
    expected = {
        "atop_alliance_cut.csv": ("ATOP", "peacesciencer"),
        "cow_contdir_cut.csv": ("COW Direct Contiguity", "peacesciencer"),
        "cow_trade_sy_cut.csv": ("COW Trade", "national_peacesciencer"),
        "tss_rivalries.csv": (
            "Strategic Rivalries (Thompson, Sakuwa & Suhas)",
            "peacesciencer",
        ),
        "td_rivalries.csv": (
            "Strategic Rivalries (Thompson & Dreyer)",
            "peacesciencer",
        ),
        "NMC-60-abridged_cut.csv": ("COW National Material Capabilities", "abridged"),
        "states2016.csv": ("COW State System Membership", "states"),
    }
    for name, (dataset, variant) in expected.items():
        df = read_table(DATA / name)
        assert (df.attrs["dataset"], df.attrs["variant"]) == (dataset, variant), name
        assert df.attrs["path"].endswith(name)


# -- documented formats, written by the tests -----------------------------------


def test_cow_alliance_dyad_yearly(tmp_path: Path) -> None:
    p = F.write(
        tmp_path / "alliance_v4.1_by_dyad_yearly.csv",
        F.COW_ALLIANCE_HEADER,
        F.COW_ALLIANCE_ROWS,
    )
    df = read_cow_alliances(p)
    assert df.attrs["variant"] == "dyad_yearly"
    assert df.attrs["version"] == "4.1"
    kor = row(df, ccode1=2, ccode2=732, year=2012)
    assert (kor["defense"], kor["dyad_st_year"], kor["version4id"]) == (1, 1953, 201)
    assert pd.isna(kor["dyad_end_year"])  # ongoing
    assert kor["state_name2"] == "South Korea"
    # quirks kept as they are: the duplicate dyad-year and the year-0 row
    assert len(df[(df["ccode2"] == 70) & (df["year"] == 2012)]) == 2
    assert (df["year"] == 0).sum() == 1


def test_cow_alliance_directed_variant_from_name_or_argument(tmp_path: Path) -> None:
    p = F.write(
        tmp_path / "alliance_v4.1_by_directed_yearly.csv",
        F.COW_ALLIANCE_HEADER,
        F.COW_ALLIANCE_ROWS,
    )
    assert read_cow_alliances(p).attrs["variant"] == "directed_yearly"
    assert read_table(p).attrs["variant"] == "directed_yearly"
    q = F.write(tmp_path / "mine.csv", F.COW_ALLIANCE_HEADER, F.COW_ALLIANCE_ROWS)
    assert read_cow_alliances(q).attrs["variant"] == "dyad_yearly"
    assert (
        read_cow_alliances(q, variant="directed_yearly").attrs["variant"]
        == "directed_yearly"
    )
    with pytest.raises(InvalidParameterError, match="'both'"):
        read_cow_alliances(q, variant="both")


def test_cow_alliance_zip_members(tmp_path: Path) -> None:
    body = F.text(F.COW_ALLIANCE_HEADER, F.COW_ALLIANCE_ROWS)
    z = F.write_zip(
        tmp_path / "version4.1_csv.zip",
        {
            "version4.1_csv/alliance_v4.1_by_directed_yearly.csv": body,
            "version4.1_csv/alliance_v4.1_by_dyad_yearly.csv": body,
            "version4.1_csv/alliance_v4.1_by_member.csv": "x\n1\n",
        },
    )
    df = read_cow_alliances(z)
    assert df.attrs["variant"] == "dyad_yearly"
    assert df.attrs["path"].endswith(
        "version4.1_csv.zip:version4.1_csv/alliance_v4.1_by_dyad_yearly.csv"
    )
    directed = read_cow_alliances(z, member="alliance_v4.1_by_directed_yearly.csv")
    assert directed.attrs["variant"] == "directed_yearly"
    assert directed.equals(df)
    with pytest.raises(DataFormatError, match=r"no member 'nope\.csv'"):
        read_cow_alliances(z, member="nope.csv")


def test_atop_dy_and_ddyr_detected(tmp_path: Path) -> None:
    dy = read_atop(
        F.write(tmp_path / "atop5_1dy.csv", F.ATOP_DY_HEADER, F.ATOP_DY_ROWS)
    )
    assert dy.attrs["variant"] == "dy"
    assert dy.attrs["version"] == "5.1"
    assert dy.attrs["extra_columns"] == []
    kor = row(dy, mem1=2, mem2=732, year=2012)
    assert (kor["defense"], kor["consul"], kor["atopid1"], kor["atopid2"]) == (
        1,
        1,
        3230,
        4145,
    )
    assert pd.isna(kor["atopid3"])
    ddyr = read_atop(
        F.write(tmp_path / "atop5_1ddyr.csv", F.ATOP_DDYR_HEADER, F.ATOP_DDYR_ROWS)
    )
    assert ddyr.attrs["variant"] == "ddyr"
    assert "state_a" in ddyr.columns and "state_b" in ddyr.columns
    assert row(ddyr, state_a=731, state_b=710, year=2012)["defense"] == 1


def test_atop_version_from_file_name_and_unknown_columns(tmp_path: Path) -> None:
    header = F.ATOP_DDYR_HEADER.replace(",version", ",newcol")
    rows = [r.rsplit(",", 1)[0] + ",x" for r in F.ATOP_DDYR_ROWS]
    df = read_atop(F.write(tmp_path / "atop5_0ddyr.csv", header, rows))
    assert df.attrs["version"] == "5.0"
    assert df.attrs["extra_columns"] == ["newcol"]
    assert (df["newcol"] == "x").all()


def test_contdir_and_contdird(tmp_path: Path) -> None:
    contdir = read_cow_contiguity(
        F.write(tmp_path / "contdir.csv", F.CONTDIR_HEADER, F.CONTDIR_ROWS)
    )
    assert contdir.attrs["variant"] == "contdir"
    r = row(contdir, statelno=732, statehno=740)
    assert (r["conttype"], r["begin"], r["end"], r["statehab"]) == (
        4,
        195204,
        201612,
        "JPN",
    )
    contdird = read_cow_contiguity(
        F.write(tmp_path / "contdird.csv", F.CONTDIRD_HEADER, F.CONTDIRD_ROWS)
    )
    assert contdird.attrs["variant"] == "contdird"
    assert row(contdird, state1no=731, state2no=732)["conttype"] == 1
    # minimal contdir header (the documented core columns only)
    core = read_cow_contiguity(
        F.write(
            tmp_path / "core.csv",
            "statelno,statehno,conttype,begin,end",
            ["731,732,1,194906,201612"],
        )
    )
    assert core.attrs["variant"] == "contdir"


def test_contiguity_zip(tmp_path: Path) -> None:
    z = F.write_zip(
        tmp_path / "DirectContiguity320.zip",
        {
            "DirectContiguity320/contdird.csv": F.text(
                F.CONTDIRD_HEADER, F.CONTDIRD_ROWS
            ),
            "DirectContiguity320/contdir.csv": F.text(F.CONTDIR_HEADER, F.CONTDIR_ROWS),
        },
    )
    assert read_cow_contiguity(z).attrs["variant"] == "contdir"
    assert read_cow_contiguity(z, member="contdird.csv").attrs["variant"] == "contdird"


def test_trade_dyadic(tmp_path: Path) -> None:
    p = F.write(tmp_path / "Dyadic_COW_4.0.csv", F.TRADE_HEADER, F.TRADE_ROWS)
    df = read_cow_trade(p)
    assert len(df.columns) == 23
    assert df.attrs["dataset"] == "COW Trade"
    r = row(df, ccode1=710, ccode2=732, year=2012)
    assert (r["flow1"], r["flow2"], r["importer2"]) == (
        168738.1,
        80785.4,
        "South Korea",
    )
    assert pd.isna(r["china_alt_flow1"])
    prk = row(df, ccode1=731, ccode2=732, year=2012)
    assert pd.isna(prk["flow1"]) and pd.isna(prk["flow2"])
    # every -9 is counted: 4 alt flows per row, the PRK rows' flows
    assert df.attrs["missing_codes"]["bel_lux_alt_flow1"] == len(F.TRADE_ROWS)
    assert df.attrs["missing_codes"]["flow1"] == 1
    assert df.attrs["missing_codes"]["flow2"] == 2
    assert str(df["version"].dtype).startswith("string")
    z = F.write_zip(
        tmp_path / "COW_Trade_4.0.zip", {"Dyadic_COW_4.0.csv": p.read_text()}
    )
    assert read_cow_trade(z).equals(df)


def test_crlf_bom_quotes_and_blank_lines(tmp_path: Path) -> None:
    body = "\ufeff" + '"ccode","year","imports","exports"\r\n'
    body += "732,2012,519584.1,547860.5\r\n\r\n710,2012,1818405,2048714\r\n\r\n"
    p = tmp_path / "totals.csv"
    p.write_bytes(body.encode("utf-8"))
    df = read_cow_trade_totals(p)
    assert list(df.index) == [2, 4]  # the blank line 3 is not a row
    assert list(df["ccode"]) == [732, 710]


def test_latin1_file(tmp_path: Path) -> None:
    text = F.text("ccode1,ccode2,start,end,name", ["2,710,1996,2020,Chine-États-Unis"])
    p = tmp_path / "rivals.csv"
    p.write_bytes(text.encode("cp1252"))
    df = read_rivalries(p)
    assert df.attrs["encoding"] == "cp1252"
    assert df.loc[2, "name"] == "Chine-États-Unis"


def test_plain_rivalry_table(tmp_path: Path) -> None:
    p = F.write(
        tmp_path / "rivals.csv",
        "ccode1,ccode2,start,end,note",
        ["2,710,1996,,ongoing", "2,365,1947,1989,Cold War"],
    )
    df = read_rivalries(p)
    assert df.attrs["layout"] == "plain_rivalries"
    assert pd.isna(df.loc[2, "end"]) and df.loc[3, "note"] == "Cold War"


@pytest.mark.parametrize(
    ("name", "header", "rows", "layout"),
    [
        (
            "alliance_v4.1_by_dyad_yearly.csv",
            F.COW_ALLIANCE_HEADER,
            F.COW_ALLIANCE_ROWS,
            "cow_alliance_dyad_yearly",
        ),
        ("atop5_1dy.csv", F.ATOP_DY_HEADER, F.ATOP_DY_ROWS, "atop_dy"),
        ("atop5_1ddyr.csv", F.ATOP_DDYR_HEADER, F.ATOP_DDYR_ROWS, "atop_ddyr"),
        ("contdir.csv", F.CONTDIR_HEADER, F.CONTDIR_ROWS, "cow_contdir"),
        ("contdird.csv", F.CONTDIRD_HEADER, F.CONTDIRD_ROWS, "cow_contdird"),
        ("Dyadic_COW_4.0.csv", F.TRADE_HEADER, F.TRADE_ROWS, "cow_trade"),
    ],
)
def test_read_table_dispatches_documented_formats(
    tmp_path: Path, name: str, header: str, rows: list[str], layout: str
) -> None:
    df = read_table(F.write(tmp_path / name, header, rows))
    assert df.attrs["layout"] == layout
    assert len(df) == len(rows)


def test_pathlike_and_bad_path_types(tmp_path: Path) -> None:
    src = DATA / "tss_rivalries.csv"
    copy = shutil.copy(src, tmp_path / "x.csv")
    assert read_rivalries(str(copy)).equals(read_rivalries(Path(copy)))
    with pytest.raises(InvalidArgumentTypeError, match="path"):
        read_rivalries(42)  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        read_rivalries(tmp_path / "missing.csv")
    with pytest.raises(InvalidParameterError, match="not a zip"):
        read_rivalries(copy, member="x.csv")
