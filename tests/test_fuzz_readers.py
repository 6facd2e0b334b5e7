"""Fuzzing the data readers: malformed files only ever raise the documented errors.

Small valid files in the documented formats (tests/io/formats.py, the real cuts
in tests/data/io, the ICEWS sample, and GDELT/POLECAT lines written as in
tests/events/test_readers.py) are mutated by hypothesis: lines truncated,
deleted or duplicated, a column deleted or duplicated, garbage or non-UTF-8
bytes inserted, the delimiter changed, the file emptied or cut to its header.

Property (issue 11 item 7): a reader either returns a complete table or
raises a :class:`~middlepower.MiddlePowerError` subclass (DataFormatError,
MissingFileError...), never another exception and never a silently partial
table:

- a CSV reader returns one row per non-blank data line of the file;
- an event reader's summary accounts for every row it read
  (``rows_read == rows_kept + sum(dropped)``) and the table holds
  ``rows_kept`` rows.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from tests.events.test_readers import (
    GDELT_ROWS,
    POLECAT_HEADER,
    POLECAT_ROWS,
    gdelt_line,
)
from tests.io import formats as F

from middlepower.events import read_gdelt, read_icews, read_polecat
from middlepower.exceptions import DataFormatError, MiddlePowerError
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

DATA = Path(__file__).resolve().parent / "data"
FUZZ = settings(max_examples=40, deadline=None)


def _real(name: str, limit: int = 12) -> bytes:
    lines = (DATA / "io" / name).read_bytes().splitlines()[:limit]
    return b"\n".join(lines) + b"\n"


def _doc(header: str, rows: list[str]) -> bytes:
    return F.text(header, rows).encode("utf-8")


#: (file name, reader, a valid file)
CSV_FILES: list[tuple[str, Callable[..., Any], bytes]] = [
    (
        "alliance_v4.1_by_dyad_yearly.csv",
        read_cow_alliances,
        _doc(F.COW_ALLIANCE_HEADER, F.COW_ALLIANCE_ROWS),
    ),
    ("atop5_1dy.csv", read_atop, _doc(F.ATOP_DY_HEADER, F.ATOP_DY_ROWS)),
    ("atop_alliance.csv", read_atop, _real("atop_alliance_cut.csv")),
    ("contdir.csv", read_cow_contiguity, _doc(F.CONTDIR_HEADER, F.CONTDIR_ROWS)),
    ("contdird.csv", read_cow_contiguity, _doc(F.CONTDIRD_HEADER, F.CONTDIRD_ROWS)),
    ("cow_contdir.csv", read_cow_contiguity, _real("cow_contdir_cut.csv")),
    ("Dyadic_COW_4.0.csv", read_cow_trade, _doc(F.TRADE_HEADER, F.TRADE_ROWS)),
    ("cow_trade_sy.csv", read_cow_trade_totals, _real("cow_trade_sy_cut.csv")),
    ("NMC-60-abridged.csv", read_cow_nmc, _real("NMC-60-abridged_cut.csv")),
    ("states2016.csv", read_cow_states, _real("states2016.csv")),
    ("tss_rivalries.csv", read_rivalries, _real("tss_rivalries.csv")),
    ("td_rivalries.csv", read_rivalries, _real("td_rivalries.csv")),
    ("peacesciencer.csv", read_table, _real("cow_contdir_cut.csv")),
]

# -- mutations -------------------------------------------------------------------

#: Bytes undefined in cp1252 (a file with one falls back to Latin-1).
CP1252_UNDEFINED = b"\x81\x8d\x8f\x90\x9d"
GARBAGE = st.one_of(
    st.binary(min_size=1, max_size=6),
    st.sampled_from([b'"', b'x"y', CP1252_UNDEFINED[:1], CP1252_UNDEFINED]),
).filter(lambda b: b"\n" not in b and b"\r" not in b)


@st.composite
def mutated(draw: st.DrawFn, doc: bytes, sep: bytes) -> bytes:
    """A valid file with one to three mutations of its lines, fields or bytes."""
    lines = doc.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for _ in range(draw(st.integers(1, 3))):
        op = draw(
            st.sampled_from(
                [
                    "truncate-line",
                    "delete-line",
                    "duplicate-line",
                    "delete-column",
                    "duplicate-column",
                    "garbage",
                    "non-utf8",
                    "delimiter",
                    "empty",
                    "header-only",
                ]
            )
        )
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        if op == "truncate-line":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif op == "delete-line":
            del lines[i]
        elif op == "duplicate-line":
            lines.insert(i, lines[i])
        elif op in ("delete-column", "duplicate-column"):
            k = draw(st.integers(0, max(0, lines[0].count(sep))))
            for j, line in enumerate(lines):
                fields = line.split(sep)
                if k < len(fields):
                    if op == "delete-column":
                        del fields[k]
                    else:
                        fields.insert(k, fields[k])
                lines[j] = sep.join(fields)
        elif op == "garbage":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(GARBAGE) + lines[i][at:]
        elif op == "non-utf8":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + b"\xff\xfe\xe9" + lines[i][at:]
        elif op == "delimiter":
            other = draw(st.sampled_from([b";", b"\t", b"|", b","]))
            lines[i] = lines[i].replace(sep, other)
        elif op == "empty":
            lines = []
        else:
            lines = lines[:1]
    return b"\n".join(lines) + (b"\n" if lines and draw(st.booleans()) else b"")


def _write(name: str, data: bytes) -> tuple[tempfile.TemporaryDirectory[str], str]:
    tmp = tempfile.TemporaryDirectory()
    path = os.path.join(tmp.name, name)
    with open(path, "wb") as fh:
        fh.write(data)
    return tmp, path


def _only_documented(read: Callable[[], Any]) -> Any:
    try:
        return read()
    except MiddlePowerError:
        return None
    except Exception as err:  # pragma: no cover - what the test looks for
        pytest.fail(f"undocumented {type(err).__name__}: {err}")


def _data_lines(data: bytes) -> int:
    """Non-blank lines after the header."""
    lines = [line for line in data.splitlines() if line.strip()]
    return max(0, len(lines) - 1)


# -- the CSV readers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reader", "doc"), CSV_FILES, ids=[c[0] for c in CSV_FILES]
)
def test_valid_files_read_completely(
    name: str, reader: Callable[..., Any], doc: bytes
) -> None:
    tmp, path = _write(name, doc)
    with tmp:
        assert len(reader(path)) == _data_lines(doc) > 0


@pytest.mark.parametrize(
    ("name", "reader", "doc"), CSV_FILES, ids=[c[0] for c in CSV_FILES]
)
@FUZZ
@given(data=st.data())
def test_malformed_csv_files(
    name: str, reader: Callable[..., Any], doc: bytes, data: st.DataObject
) -> None:
    text = data.draw(mutated(doc, b","), label="file")
    tmp, path = _write(name, text)
    with tmp:
        df = _only_documented(lambda: reader(path))
    if df is not None:
        assert len(df) == _data_lines(text), "a silently partial table"


# -- the event readers ---------------------------------------------------------------

ICEWS = _real("../events/icews.events.2018.sample.tab", limit=25)
GDELT = "".join(gdelt_line(61, **r) + "\n" for r, _ in GDELT_ROWS).encode("utf-8")
POLECAT = (
    "\n".join(["\t".join(POLECAT_HEADER), *("\t".join(r) for r in POLECAT_ROWS)]) + "\n"
).encode("utf-8")

EVENT_FILES: list[tuple[str, Callable[..., Any], bytes]] = [
    ("events.2018.tab", read_icews, ICEWS),
    ("20250606.export.CSV", read_gdelt, GDELT),
    ("ngecEvents.txt", read_polecat, POLECAT),
]


def _accounted_for(events: Any) -> None:
    summary = events.attrs["summary"]
    assert summary.rows_read == summary.rows_kept + sum(summary.dropped.values())
    assert len(events) == summary.rows_kept


@pytest.mark.parametrize(
    ("name", "reader", "doc"), EVENT_FILES, ids=[c[0] for c in EVENT_FILES]
)
def test_valid_event_files_account_for_every_row(
    name: str, reader: Callable[..., Any], doc: bytes
) -> None:
    tmp, path = _write(name, doc)
    with tmp:
        events = reader(path)
    _accounted_for(events)
    assert events.attrs["summary"].rows_read == doc.count(b"\n") - (
        0 if reader is read_gdelt else 1
    )


@pytest.mark.parametrize(
    ("name", "reader", "doc"), EVENT_FILES, ids=[c[0] for c in EVENT_FILES]
)
@FUZZ
@given(data=st.data())
@example(data=None)
def test_malformed_event_files(
    name: str, reader: Callable[..., Any], doc: bytes, data: st.DataObject | None
) -> None:
    text = b"" if data is None else data.draw(mutated(doc, b"\t"), label="file")
    tmp, path = _write(name, text)
    with tmp:
        events = _only_documented(lambda: reader(path))
    if events is not None:
        _accounted_for(events)


def test_an_unterminated_quote_is_a_data_format_error(tmp_path: Path) -> None:
    path = tmp_path / "rivals.csv"
    path.write_text(
        'ccode1,ccode2,start,end,name\n2,710,1949,1972,"US-China\n2,365,1996,2000,x\n',
        encoding="utf-8",
    )
    with pytest.raises(DataFormatError, match=r"rivals\.csv, line 2"):
        read_rivalries(path)


def test_a_byte_undefined_in_cp1252_falls_back_to_latin1(tmp_path: Path) -> None:
    path = tmp_path / "rivals.csv"
    path.write_bytes(b"ccode1,ccode2,start,end,name\n2,710,1949,1972,\x8dx\n")
    assert len(read_rivalries(path)) == 1


def test_an_invalid_utf8_byte_in_a_bad_gdelt_row_is_named(tmp_path: Path) -> None:
    """Found by the fuzzing above: pyarrow decodes a bad row before handing it
    over, so an invalid byte there escaped as an unraisable UnicodeDecodeError."""
    lines = GDELT.split(b"\n")
    lines[2] = lines[2][:40] + b"\x92\tx"
    path = tmp_path / "20250606.export.CSV"
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(DataFormatError, match=r"line 3: the file is not UTF-8 text"):
        read_gdelt(path)
