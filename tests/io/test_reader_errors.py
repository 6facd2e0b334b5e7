"""Every reader on truncated, garbled and wrong-header input: DataFormatError.

Each case starts from a valid file (a real cut, or one written in the
documented format) and breaks it one way; the error must name the file, the
line (for a bad row) and the missing/unexpected columns (for a bad header).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tests.io import formats as F

from middlepower.exceptions import DataFormatError
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
)

DATA = Path(__file__).resolve().parents[1] / "data" / "io"


@dataclass(frozen=True)
class Case:
    name: str
    reader: Callable[..., Any]
    header: str
    rows: tuple[str, ...]
    numeric: str  # a numeric column to garble

    def lines(self) -> list[str]:
        return [self.header, *self.rows]


def _real(name: str, limit: int = 40) -> tuple[str, tuple[str, ...]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return lines[0], tuple(lines[1:limit])


CASES = [
    Case(
        "alliance_v4.1_by_dyad_yearly.csv",
        read_cow_alliances,
        F.COW_ALLIANCE_HEADER,
        tuple(F.COW_ALLIANCE_ROWS),
        "ccode2",
    ),
    Case("atop5_1dy.csv", read_atop, F.ATOP_DY_HEADER, tuple(F.ATOP_DY_ROWS), "mem1"),
    Case(
        "atop5_1ddyr.csv",
        read_atop,
        F.ATOP_DDYR_HEADER,
        tuple(F.ATOP_DDYR_ROWS),
        "stateB",
    ),
    Case("atop_alliance.csv", read_atop, *_real("atop_alliance_cut.csv"), "year"),
    Case(
        "contdir.csv",
        read_cow_contiguity,
        F.CONTDIR_HEADER,
        tuple(F.CONTDIR_ROWS),
        "begin",
    ),
    Case(
        "contdird.csv",
        read_cow_contiguity,
        F.CONTDIRD_HEADER,
        tuple(F.CONTDIRD_ROWS),
        "year",
    ),
    Case(
        "cow_contdir.csv", read_cow_contiguity, *_real("cow_contdir_cut.csv"), "ccode1"
    ),
    Case(
        "Dyadic_COW_4.0.csv",
        read_cow_trade,
        F.TRADE_HEADER,
        tuple(F.TRADE_ROWS),
        "flow2",
    ),
    Case(
        "cow_trade_sy.csv",
        read_cow_trade_totals,
        *_real("cow_trade_sy_cut.csv"),
        "ccode",
    ),
    Case(
        "NMC-60-abridged.csv", read_cow_nmc, *_real("NMC-60-abridged_cut.csv"), "milper"
    ),
    Case("states2016.csv", read_cow_states, *_real("states2016.csv"), "styear"),
    Case("tss_rivalries.csv", read_rivalries, *_real("tss_rivalries.csv"), "start"),
    Case("td_rivalries.csv", read_rivalries, *_real("td_rivalries.csv"), "ccode2"),
    Case(
        "rivals.csv",
        read_rivalries,
        "ccode1,ccode2,start,end,name",
        ("2,710,1949,1972,US-China 1", "2,710,1996,,US-China 2", "2,365,1947,1989,"),
        "start",
    ),
]
IDS = [c.name for c in CASES]


def _columns(header: str) -> list[str]:
    return [c.strip().strip('"') for c in header.split(",")]


def _write(tmp_path: Path, case: Case, lines: list[str], *, final: str = "\n") -> Path:
    p = tmp_path / case.name
    p.write_bytes(("\n".join(lines) + final).encode("utf-8"))
    return p


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_valid_file_reads(tmp_path: Path, case: Case) -> None:
    df = case.reader(_write(tmp_path, case, case.lines()))
    assert len(df) == len(case.rows)
    assert list(df.index) == list(range(2, len(case.rows) + 2))


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_truncated_last_line(tmp_path: Path, case: Case) -> None:
    lines = case.lines()
    last = lines[-1]
    cut = last[: last.index(",", last.index(",") + 1)]  # two fields only
    p = _write(tmp_path, case, [*lines[:-1], cut], final="")
    n = len(lines)
    with pytest.raises(DataFormatError, match=rf"{re.escape(case.name)}, line {n}: "):
        case.reader(p)
    with pytest.raises(DataFormatError, match="truncated"):
        case.reader(p)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_garbled_code(tmp_path: Path, case: Case) -> None:
    lines = case.lines()
    k = min(3, len(lines) - 1)  # a row in the middle (line k + 1)
    names = _columns(case.header)
    fields = lines[k].split(",")
    i = names.index(case.numeric)
    fields[i] = "7x"
    lines[k] = ",".join(fields)
    p = _write(tmp_path, case, lines)
    with pytest.raises(DataFormatError) as info:
        case.reader(p)
    err = info.value
    assert err.line == k + 1
    assert case.name in str(err)
    assert "'7x'" in str(err) and repr(case.numeric) in str(err)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_wrong_number_of_fields(tmp_path: Path, case: Case) -> None:
    lines = case.lines()
    k = min(2, len(lines) - 1)
    lines[k] = lines[k] + ",extra"
    p = _write(tmp_path, case, lines)
    with pytest.raises(
        DataFormatError, match=rf"line {k + 1}: the line has \d+ fields"
    ):
        case.reader(p)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_wrong_header(tmp_path: Path, case: Case) -> None:
    names = _columns(case.header)
    renamed = [*names]
    victim = case.numeric
    renamed[renamed.index(victim)] = "bogus"
    p = _write(tmp_path, case, [",".join(renamed), *case.rows])
    with pytest.raises(DataFormatError) as info:
        case.reader(p)
    err = info.value
    assert err.line is None
    assert victim in err.missing
    assert "header is not" in str(err) and case.name in str(err)
    # read_table names the closest layout's columns too
    with pytest.raises(DataFormatError, match="header is not a supported data file"):
        read_table(p)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_empty_file(tmp_path: Path, case: Case) -> None:
    p = tmp_path / case.name
    p.write_bytes(b"")
    with pytest.raises(DataFormatError, match="empty"):
        case.reader(p)


@pytest.mark.parametrize(
    ("case_name", "column", "value", "problem"),
    [
        ("contdir.csv", "conttype", "6", "expected one of 1, 2, 3, 4, 5"),
        ("contdir.csv", "begin", "194913", "not a year and month"),
        ("atop5_1dy.csv", "defense", "2", "expected one of 0, 1"),
        ("atop5_1dy.csv", "mem2", "1732", "not a COW state number"),
        ("alliance_v4.1_by_dyad_yearly.csv", "year", "212", "not a year"),
        ("Dyadic_COW_4.0.csv", "flow1", "inf", "not a finite number"),
        ("Dyadic_COW_4.0.csv", "ccode1", "", "where a value is required"),
    ],
)
def test_values_out_of_range(
    tmp_path: Path, case_name: str, column: str, value: str, problem: str
) -> None:
    case = next(c for c in CASES if c.name == case_name)
    lines = case.lines()
    names = _columns(case.header)
    fields = lines[2].split(",")
    fields[names.index(column)] = value
    lines[2] = ",".join(fields)
    p = _write(tmp_path, case, lines)
    with pytest.raises(DataFormatError, match=rf"line 3: .*{re.escape(problem)}"):
        case.reader(p)


def test_year_zero_only_allowed_for_cow_alliances(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "atop5_1dy.csv")
    lines = case.lines()
    lines[1] = lines[1].replace(",2012,", ",0,")
    with pytest.raises(DataFormatError, match=r"line 2: .*not a year"):
        case.reader(_write(tmp_path, case, lines))


def test_unnamed_column_in_the_middle(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_text("ccode1,,ccode2,start,end\n2,,710,1996,2020\n")
    with pytest.raises(DataFormatError, match="column 2 of the header has no name"):
        read_rivalries(p)


def test_repeated_column(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_text("ccode1,ccode2,start,end,START\n2,710,1996,2020,1\n")
    with pytest.raises(DataFormatError, match="repeats columns 'start'"):
        read_rivalries(p)


def test_zip_without_a_documented_member(tmp_path: Path) -> None:
    z = F.write_zip(tmp_path / "x.zip", {"readme.txt": "hello"})
    with pytest.raises(
        DataFormatError, match=r"no member holding a COW Trade v4.0 .*'readme.txt'"
    ):
        read_cow_trade(z)


def test_garbled_bytes(tmp_path: Path) -> None:
    p = tmp_path / "cow_trade_sy.csv"
    p.write_bytes(b"ccode,year,imports,exports\n2,1870,450,418\n\x00\x01\x02garbage\n")
    with pytest.raises(DataFormatError, match="line 3"):
        read_cow_trade_totals(p)
