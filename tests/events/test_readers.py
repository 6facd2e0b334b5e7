"""Tests of the event readers (GDELT, ICEWS, POLECAT).

ICEWS is read from the real sample (tests/data/events). GDELT and POLECAT rows
are written here in exactly the documented layouts (DATA_FORMATS.md; GDELT
column lists as in linwoodc3/gdeltPyR utils/schema_csvs), with real CAMEO and
PLOVER codes and real country codes.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from middlepower.events._readers import (
    CANONICAL_COLUMNS,
    DROP_REASONS,
    ReadSummary,
    read_gdelt,
    read_icews,
    read_polecat,
)
from middlepower.exceptions import (
    DataFormatError,
    InvalidParameterError,
    MissingFileError,
)

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "events"
ICEWS_SAMPLE = SAMPLE / "icews.events.2018.sample.tab"

# -- GDELT layouts (independent of the reader's own lists) --------------------------

_ACTOR = [
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
]
_V2 = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _ACTOR]
    + [f"Actor2{c}" for c in _ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass"]
    + ["GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [
        f"{who}Geo_{g}"
        for who in ("Actor1", "Actor2", "Action")
        for g in (
            "Type",
            "FullName",
            "CountryCode",
            "ADM1Code",
            "ADM2Code",
            "Lat",
            "Long",
            "FeatureID",
        )
    ]
    + ["DATEADDED", "SOURCEURL"]
)
GDELT_COLUMNS = {
    61: _V2,
    58: [c for c in _V2 if not c.endswith("ADM2Code")],
    57: [c for c in _V2 if not c.endswith("ADM2Code") and c != "SOURCEURL"],
}


def gdelt_line(width: int, **values: object) -> str:
    """One GDELT line of ``width`` fields; unnamed fields stay empty."""
    names = GDELT_COLUMNS[width]
    row = dict.fromkeys(names, "")
    row.update(
        {
            "MonthYear": "202506",
            "Year": "2025",
            "FractionDate": "2025.4301",
            "IsRootEvent": "1",
            "QuadClass": "1",
            "NumMentions": "10",
            "NumSources": "3",
            "AvgTone": "1.5",
            "DATEADDED": "20250606010000" if width == 61 else "20250606",
        }
    )
    if width != 57:
        row["SOURCEURL"] = "https://example.org/news"
    for key, value in values.items():
        assert key in row, key
        row[key] = str(value)
    return "\t".join(row[n] for n in names)


def actor(n: int, code: str, name: str, country: str, *types: str) -> dict[str, str]:
    out = {
        f"Actor{n}Code": code,
        f"Actor{n}Name": name,
        f"Actor{n}CountryCode": country,
    }
    for k, t in enumerate(types, start=1):
        out[f"Actor{n}Type{k}Code"] = t
    return out


#: (GLOBALEVENTID, what happens to the row)
GDELT_ROWS: list[tuple[dict[str, object], str]] = [
    (  # South Korean government visits the US government: kept
        {
            "GLOBALEVENTID": 1001,
            "SQLDATE": "20250606",
            **actor(1, "KORGOV", "SOUTH KOREA", "KOR", "GOV"),
            **actor(2, "USAGOV", "UNITED STATES", "USA", "GOV"),
            "EventCode": "042",
            "EventBaseCode": "042",
            "EventRootCode": "04",
            "GoldsteinScale": "1.9",
            "NumArticles": "8",
        },
        "kept",
    ),
    (  # China (the state itself) expresses intent to meet the ROK government
        {
            "GLOBALEVENTID": 1002,
            "SQLDATE": "20250607",
            **actor(1, "CHN", "CHINA", "CHN"),
            **actor(2, "KORGOV", "SEOUL", "KOR", "GOV"),
            "EventCode": "036",
            "GoldsteinScale": "4.0",
            "NumArticles": "0",
        },
        "kept",
    ),
    (  # Romania under CAMEO's old code ROM
        {
            "GLOBALEVENTID": 1003,
            "SQLDATE": "20250608",
            **actor(1, "ROMGOV", "ROMANIA", "ROM", "GOV"),
            **actor(2, "USA", "UNITED STATES", "USA"),
            "EventCode": "0841",
            "GoldsteinScale": "7.0",
        },
        "kept",
    ),
    (
        {
            "GLOBALEVENTID": 1004,
            "SQLDATE": "20250606",
            **actor(1, "KORGOV", "SOUTH KOREA", "KOR", "GOV"),
            **actor(2, "", "", ""),
            "EventCode": "010",
            "GoldsteinScale": "0",
        },
        "no target country",
    ),
    (
        {
            "GLOBALEVENTID": 1005,
            "SQLDATE": "20250606",
            **actor(1, "AFR", "AFRICA", "AFR"),
            **actor(2, "CHNGOV", "CHINA", "CHN", "GOV"),
            "EventCode": "020",
            "GoldsteinScale": "3.0",
        },
        "non-state source",
    ),
    (
        {
            "GLOBALEVENTID": 1006,
            "SQLDATE": "20251345",
            **actor(1, "KOR", "SOUTH KOREA", "KOR"),
            **actor(2, "JPN", "JAPAN", "JPN"),
            "EventCode": "040",
            "GoldsteinScale": "1.0",
        },
        "malformed date",
    ),
    (
        {
            "GLOBALEVENTID": 1007,
            "SQLDATE": "20250606",
            **actor(1, "KOR", "SOUTH KOREA", "KOR"),
            **actor(2, "JPN", "JAPAN", "JPN"),
            "EventCode": "X42",
            "GoldsteinScale": "1.0",
        },
        "malformed code",
    ),
    (
        {
            "GLOBALEVENTID": 1008,
            "SQLDATE": "20250606",
            **actor(1, "KOR", "SOUTH KOREA", "KOR"),
            **actor(2, "ZZZ", "NOWHERE", "ZZZ"),
            "EventCode": "040",
            "GoldsteinScale": "1.0",
        },
        "unknown target country",
    ),
]


def write_gdelt(path: Path, width: int, rows: Sequence[dict[str, object]]) -> Path:
    path.write_text(
        "".join(gdelt_line(width, **r) + "\n" for r in rows), encoding="utf-8"
    )
    return path


@pytest.fixture
def gdelt_dir(tmp_path: Path) -> Path:
    for width in (57, 58, 61):
        write_gdelt(tmp_path / f"gdelt{width}.CSV", width, [r for r, _ in GDELT_ROWS])
    return tmp_path


# -- GDELT -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "label"),
    [(57, "GDELT 1.0 (historical)"), (58, "GDELT 1.0 (daily)"), (61, "GDELT 2.0")],
)
def test_gdelt_versions_give_the_same_table(
    gdelt_dir: Path, width: int, label: str
) -> None:
    path = gdelt_dir / f"gdelt{width}.CSV"
    events = read_gdelt(path)
    assert tuple(events.columns) == CANONICAL_COLUMNS
    summary = events.attrs["summary"]
    assert isinstance(summary, ReadSummary)
    assert summary.formats == {str(path): label}
    assert summary.rows_read == len(GDELT_ROWS) == 8
    assert summary.rows_kept == 3
    expected = {}
    for _, fate in GDELT_ROWS:
        if fate != "kept":
            expected[fate] = expected.get(fate, 0) + 1
    assert summary.dropped == expected
    assert summary.rows_read == summary.rows_kept + summary.rows_dropped
    records = events.to_dict("records")
    assert records[0] == {
        "event_id": 1001,
        "date": dt.date(2025, 6, 6),
        "source": "KOR",
        "target": "USA",
        "code": "042",
        "mode": None,
        "intensity": 1.9,
        "level": "government",
        "dataset": "gdelt",
        "mentions": 8,
    }
    # the state itself and a government: government level; 0 articles -> 1
    assert (records[1]["source"], records[1]["level"], records[1]["mentions"]) == (
        "CHN",
        "government",
        1,
    )
    assert (records[2]["source"], records[2]["code"], records[2]["mentions"]) == (
        "ROU",
        "0841",
        1,
    )


def test_gdelt_dtypes(gdelt_dir: Path) -> None:
    events = read_gdelt(gdelt_dir / "gdelt61.CSV")
    assert {c: str(t) for c, t in events.dtypes.items()} == {
        "event_id": "int64[pyarrow]",
        "date": "date32[day][pyarrow]",
        "source": "string[pyarrow]",
        "target": "string[pyarrow]",
        "code": "string[pyarrow]",
        "mode": "string[pyarrow]",
        "intensity": "double[pyarrow]",
        "level": "string[pyarrow]",
        "dataset": "string[pyarrow]",
        "mentions": "int64[pyarrow]",
    }


def test_gdelt_leaders_by_name(tmp_path: Path) -> None:
    rows = [
        {
            "GLOBALEVENTID": 7,
            "SQLDATE": "20250606",
            **actor(1, "KORGOV", "LEE JAE-MYUNG", "KOR", "GOV"),
            **actor(2, "USAGOV", "DONALD TRUMP", "USA", "GOV"),
            "EventCode": "041",
            "GoldsteinScale": "1.0",
        },
        {
            "GLOBALEVENTID": 8,
            "SQLDATE": "20250606",
            **actor(1, "KORGOV", "LEE JAE-MYUNG", "KOR", "GOV"),
            **actor(2, "CHN", "CHINA", "CHN"),
            "EventCode": "042",
            "GoldsteinScale": "1.9",
        },
        {
            "GLOBALEVENTID": 9,
            "SQLDATE": "20250606",
            **actor(1, "KORGOV", "LEE JAE-MYUNG", "KOR", "GOV"),
            **actor(2, "JPNGOV", "FOREIGN MINISTRY", "JPN", "GOV"),
            "EventCode": "040",
            "GoldsteinScale": "1.0",
        },
    ]
    path = write_gdelt(tmp_path / "x.CSV", 61, rows)
    assert read_gdelt(path)["level"].tolist() == ["government"] * 3
    got = read_gdelt(path, leaders=["Lee Jae-myung", "donald trump"])
    assert got["level"].tolist() == ["leader", "leader", "government"]


def test_gdelt_keep_original(gdelt_dir: Path) -> None:
    events = read_gdelt(gdelt_dir / "gdelt58.CSV", keep_original=True)
    assert list(events.columns[:10]) == list(CANONICAL_COLUMNS)
    assert list(events.columns[10:]) == GDELT_COLUMNS[58]
    assert events["SOURCEURL"].iloc[0] == "https://example.org/news"
    assert events["EventCode"].tolist() == events["code"].tolist()
    assert events["GLOBALEVENTID"].tolist() == [1001, 1002, 1003]


def test_gdelt_zip_glob_and_list(gdelt_dir: Path, tmp_path: Path) -> None:
    archive = tmp_path / "20250606.export.CSV.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(gdelt_dir / "gdelt61.CSV", "20250606.export.CSV")
    zipped = read_gdelt(archive)
    assert zipped.attrs["summary"].files == (f"{archive}:20250606.export.CSV",)
    plain = read_gdelt(gdelt_dir / "gdelt61.CSV")
    pd.testing.assert_frame_equal(zipped, plain)
    both = read_gdelt(str(gdelt_dir / "gdelt5*.CSV"))
    assert both.attrs["summary"].files == (
        str(gdelt_dir / "gdelt57.CSV"),
        str(gdelt_dir / "gdelt58.CSV"),
    )
    assert both.attrs["summary"].rows_read == 16 and len(both) == 6
    listed = read_gdelt([gdelt_dir / "gdelt61.CSV", archive])
    assert len(listed) == 6 and listed.attrs["summary"].dropped["malformed code"] == 2


def test_gdelt_version_is_checked(gdelt_dir: Path) -> None:
    with pytest.raises(
        DataFormatError, match=r"line 1: 61 .* GDELT 2.0, not GDELT 1.0"
    ):
        read_gdelt(gdelt_dir / "gdelt61.CSV", version="1.0")
    assert len(read_gdelt(gdelt_dir / "gdelt57.CSV", version="1.0")) == 3
    with pytest.raises(InvalidParameterError, match="Unknown GDELT version '3'"):
        read_gdelt(gdelt_dir / "gdelt57.CSV", version="3")


def test_gdelt_wrong_files(tmp_path: Path) -> None:
    icews = tmp_path / "icews.CSV"
    icews.write_text("\t".join(["x"] * 20) + "\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"icews.CSV, line 1: 20 tab-separated"):
        read_gdelt(icews)
    comma = tmp_path / "comma.CSV"
    comma.write_text(
        gdelt_line(61, GLOBALEVENTID=1).replace("\t", ","), encoding="utf-8"
    )
    with pytest.raises(DataFormatError, match="not tab-separated"):
        read_gdelt(comma)
    empty = tmp_path / "empty.CSV"
    empty.write_bytes(b"")
    with pytest.raises(DataFormatError, match=r"empty.CSV: the file is empty"):
        read_gdelt(empty)
    binary = tmp_path / "binary.CSV"
    binary.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(DataFormatError, match="binary data"):
        read_gdelt(binary)
    header = tmp_path / "header.CSV"
    header.write_text(
        "\t".join(GDELT_COLUMNS[61]) + "\n" + gdelt_line(61, GLOBALEVENTID=1) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(
        DataFormatError, match=r"line 1: GLOBALEVENTID is not an integer"
    ):
        read_gdelt(header)
    lines = [gdelt_line(61, **r) for r, _ in GDELT_ROWS[:3]]
    lines[2] = "\t".join(lines[2].split("\t")[:30])
    short = tmp_path / "short.CSV"
    short.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"short.CSV, line 3: 30 tab-separated"):
        read_gdelt(short)
    latin = tmp_path / "latin.CSV"
    latin.write_bytes(
        gdelt_line(61, GLOBALEVENTID=1, Actor1Name="BOGOTÁ").encode("latin-1")
    )
    with pytest.raises(DataFormatError, match="invalid UTF-8"):
        read_gdelt(latin)
    bad_number = tmp_path / "bad_number.CSV"
    bad_number.write_text(
        gdelt_line(61, GLOBALEVENTID=1, GoldsteinScale="1.0")
        + "\n"
        + gdelt_line(61, GLOBALEVENTID=2, GoldsteinScale="high")
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(
        DataFormatError, match=r"line 2: GoldsteinScale is not a number"
    ):
        read_gdelt(bad_number)


def test_paths_that_name_no_file(tmp_path: Path) -> None:
    with pytest.raises(MissingFileError, match=r"Event file '.*missing\.CSV' does not"):
        read_gdelt(tmp_path / "missing.CSV")
    with pytest.raises(DataFormatError, match="is a folder, not an event file"):
        read_gdelt(tmp_path)
    with pytest.raises(InvalidParameterError, match="No file matches the pattern"):
        read_icews(str(tmp_path / "*.tab"))
    with pytest.raises(InvalidParameterError, match="empty list"):
        read_polecat([])
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK not really")
    with pytest.raises(DataFormatError, match="not a readable zip archive"):
        read_gdelt(broken)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["KOR", "USA", "CHN", "ROM", "AFR", "", "QQQ", "WSB"]),
            st.sampled_from(["KOR", "USA", "CHN", "PRK", "EUR", ""]),
            st.sampled_from(["042", "043", "036", "190", "1x", ""]),
            st.sampled_from(["20250606", "20250631", ""]),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_gdelt_every_row_is_accounted_for(
    rows: list[tuple[str, str, str, str]],
) -> None:
    """Property: rows read = kept + dropped; kept rows map to states."""
    import tempfile

    lines = [
        {
            "GLOBALEVENTID": i,
            "SQLDATE": day,
            **actor(1, src, "A", src),
            **actor(2, tgt, "B", tgt),
            "EventCode": code,
            "GoldsteinScale": "1",
        }
        for i, (src, tgt, code, day) in enumerate(rows)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        events = read_gdelt(write_gdelt(Path(tmp) / "p.CSV", 61, lines))
    summary = events.attrs["summary"]
    assert summary.rows_read == len(rows)
    assert summary.rows_read == summary.rows_kept + summary.rows_dropped
    assert set(summary.dropped) <= set(DROP_REASONS)
    assert events["source"].notna().all() and events["target"].notna().all()
    assert set(events["code"]) <= {"042", "043", "036", "190"}
    expected_kept = sum(
        s not in ("AFR", "", "QQQ")
        and t not in ("EUR", "")
        and c not in ("1x", "")
        and d == "20250606"
        for s, t, c, d in rows
    )
    assert len(events) == expected_kept


# -- ICEWS -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def icews() -> pd.DataFrame:
    return read_icews(ICEWS_SAMPLE, keep_original=True)


def test_icews_sample_every_row_accounted_for(icews: pd.DataFrame) -> None:
    summary = icews.attrs["summary"]
    assert summary.rows_read == 3705
    assert summary.dropped == {"no source country": 147, "no target country": 221}
    assert summary.rows_kept == len(icews) == 3705 - 147 - 221 == 3337
    assert summary.formats == {str(ICEWS_SAMPLE): "ICEWS (UTF-8)"}
    assert icews["source"].notna().all() and icews["target"].notna().all()
    assert icews["code"].str.fullmatch(r"\d{3,4}").all()
    assert set(icews["date"]) == {dt.date(2018, 6, 1), dt.date(2018, 6, 2)}
    assert icews["event_id"].is_unique


@pytest.mark.parametrize(
    ("event_id", "expected"),
    [
        # Foreign Affairs (Bangladesh) consults Vietnam's military: ministries
        (32889836, ("BGD", "VNM", "040", 1.0, "government", "2018-06-01")),
        # Moon Jae-in and Kim Jong-Un: both "Executive Office"
        (32891232, ("KOR", "PRK", "046", 7.0, "leader", "2018-06-01")),
        # Moon Jae-in and Singapore (the state itself)
        (32891125, ("KOR", "SGP", "036", 4.0, "leader", "2018-06-01")),
        # Japan and Vietnam, both the state itself
        (32891065, ("JPN", "VNM", "032", 4.5, "government", "2018-06-01")),
        # Peter Hain (UK; sectors include Government, not Executive Office)
        # makes a visit to Zimbabwe (the state itself)
        (32890039, ("GBR", "ZWE", "042", 1.9, "government", "2018-06-01")),
        # Citizens of India and of Pakistan: no government actor
        (32891179, ("IND", "PAK", "030", 4.0, "other", "2018-06-01")),
    ],
)
def test_icews_known_rows(
    icews: pd.DataFrame, event_id: int, expected: tuple[object, ...]
) -> None:
    row = icews.loc[icews["event_id"] == event_id].iloc[0]
    got = (
        row["source"],
        row["target"],
        row["code"],
        row["intensity"],
        row["level"],
        row["date"].isoformat(),
    )
    assert got == expected


def test_icews_dropped_rows_and_original_columns(icews: pd.DataFrame) -> None:
    # Antonio Tajani has no country (NA): dropped, counted as "no source country"
    assert 32891108 not in set(icews["event_id"])
    assert list(icews.columns[10:13]) == ["Event ID", "Event Date", "Source Name"]
    maduro = icews.loc[icews["event_id"] == 32889842].iloc[0]
    assert maduro["Target Name"] == "Nicolás Maduro"  # UTF-8 read as UTF-8
    assert (maduro["source"], maduro["target"], maduro["level"]) == (
        "VEN",
        "VEN",
        "leader",
    )


ICEWS_HEADER = [
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
]


def icews_line(**values: object) -> str:
    row = dict.fromkeys(ICEWS_HEADER, "NA")
    row.update({"Event Text": "Consult", "Story ID": "1", "Sentence Number": "1"})
    row.update({k: str(v) for k, v in values.items()})
    return "\t".join(row[c] for c in ICEWS_HEADER)


def test_icews_latin1_and_malformed_rows(tmp_path: Path) -> None:
    lines = [
        "\t".join(ICEWS_HEADER),
        icews_line(
            **{
                "Event ID": 1,
                "Event Date": "2018-06-01",
                "Source Name": 'Iván "El Jefe" Duque',
                "Source Sectors": "Executive,Government,Executive Office",
                "Source Country": "Colombia",
                "CAMEO Code": "042",
                "Intensity": "1.9",
                "Target Name": "Ecuador",
                "Target Country": "Ecuador",
            }
        ),
        icews_line(
            **{
                "Event ID": 2,
                "Event Date": "2018-06-01",
                "Source Country": "Colombia",
                "CAMEO Code": "13y",
                "Intensity": "-4.4",
                "Target Country": "Ecuador",
            }
        ),
        icews_line(
            **{"Event ID": 3, "Source Country": "Colombia", "CAMEO Code": "040"}
        ),
        icews_line(
            **{
                "Event ID": 4,
                "Event Date": "2018-06-01",
                "Source Country": "Atlantis",
                "CAMEO Code": "040",
                "Target Country": "Ecuador",
            }
        ),
    ]
    path = tmp_path / "latin.tab"
    path.write_bytes(("\n".join(lines) + "\n").encode("latin-1"))
    events = read_icews(path, keep_original=True)
    summary = events.attrs["summary"]
    assert summary.formats == {str(path): "ICEWS (Latin-1)"}
    assert summary.dropped == {
        "missing date": 1,
        "malformed code": 1,
        "unknown source country": 1,
    }
    assert events["Source Name"].tolist() == ['Iván "El Jefe" Duque']
    assert events[["source", "target", "level"]].values.tolist() == [
        ["COL", "ECU", "leader"]
    ]
    forced = read_icews(path, encoding="latin-1")
    assert forced.attrs["summary"].formats[str(path)] == "ICEWS (Latin-1)"


def test_icews_wrong_header(tmp_path: Path) -> None:
    header = [c for c in ICEWS_HEADER if c != "Intensity"] + ["Goldstein"]
    path = tmp_path / "bad.tab"
    path.write_text("\t".join(header) + "\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_icews(path)
    assert info.value.missing == ("Intensity",)
    assert info.value.unexpected == ("Goldstein",)
    assert info.value.line == 1
    assert str(info.value).startswith(f"{path}, line 1: the header is not ICEWS")
    gdelt = tmp_path / "gdelt.tab"
    gdelt.write_text(gdelt_line(61, GLOBALEVENTID=1) + "\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="the header is not ICEWS"):
        read_icews(gdelt)


def test_icews_line_with_missing_fields(tmp_path: Path) -> None:
    good = icews_line(**{"Event ID": 1, "Event Date": "2018-06-01"})
    path = tmp_path / "short.tab"
    path.write_text(
        "\t".join(ICEWS_HEADER) + "\n" + good + "\n" + "5\t2018-06-01\tX\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFormatError, match=r"short.tab, line 3: 3 tab-separated"):
        read_icews(path)


# -- POLECAT ---------------------------------------------------------------------------

POLECAT_HEADER = [
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Intensity",
    "Quad Code",
    "Contexts",
    "Actor Name",
    "Actor Country",
    "Actor COW",
    "Primary Actor Sector",
    "Actor Sectors",
    "Actor Title",
    "Actor Name Raw",
    "Wikipedia Actor ID",
    "Recipient Name",
    "Recipient Country",
    "Recipient COW",
    "Primary Recipient Sector",
    "Recipient Sectors",
    "Recipient Title",
    "Recipient Name Raw",
    "Wikipedia Recipient ID",
    "Placename",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
    "GeoNames ID",
    "Raw Placename",
    "Feature Type",
    "Source",
    "Publication Date",
    "Story People",
    "Story Organizations",
    "Story Locations",
    "Language",
    "Version",
]


def polecat_fields(**values: object) -> list[str]:
    row = dict.fromkeys(POLECAT_HEADER, "")
    row.update({"Language": "en", "Version": "NGEC_coder-Vers001-b1-Run-001"})
    row.update({k.replace("_", " "): str(v) for k, v in values.items()})
    return [row[c] for c in POLECAT_HEADER]


POLECAT_ROWS = [
    polecat_fields(  # Lee phones Ishiba: leader
        **{
            "Event ID": "20250609-0001-CONSULT",
            "Event Date": "2025-06-09",
            "Event Type": "CONSULT",
            "Event Mode": "phone",
            "Intensity": "1.5",
            "Quad Code": "VERBAL COOPERATION",
            "Actor Name": "Lee Jae-myung",
            "Actor Country": "KOR",
            "Actor COW": "732",
            "Primary Actor Sector": "GOV",
            "Actor Title": "President",
            "Recipient Name": "Shigeru Ishiba",
            "Recipient Country": "JPN",
            "Recipient COW": "740",
            "Primary Recipient Sector": "GOV",
            "Recipient Title": "Prime Minister",
        }
    ),
    polecat_fields(  # the foreign minister visits China (the state itself)
        **{
            "Event ID": "20250610-0002-CONSULT",
            "Event Date": "2025-06-10",
            "Event Type": "consult",
            "Event Mode": "visit",
            "Intensity": "4",
            "Actor Name": "Cho Hyun",
            "Actor Country": "South Korea",
            "Primary Actor Sector": "GOV",
            "Actor Sectors": "GOV;OPP",
            "Actor Title": "Minister of Foreign Affairs",
            "Recipient Name": "China",
            "Recipient Country": "China",
        }
    ),
    polecat_fields(  # the vice president is not a leader
        **{
            "Event ID": "20250611-0003-AGREE",
            "Event Date": "2025-06-11",
            "Event Type": "AGREE",
            "Intensity": "3",
            "Actor Name": "JD Vance",
            "Actor Country": "USA",
            "Primary Actor Sector": "GOV",
            "Actor Title": "Vice President of the United States",
            "Recipient Name": "Friedrich Merz",
            "Recipient Country": "Germany",
            "Primary Recipient Sector": "GOV",
            "Recipient Title": "Chancellor of Germany",
        }
    ),
    polecat_fields(
        **{
            "Event ID": "20250611-0004-CONSULT",
            "Event Date": "2025-06-11",
            "Event Type": "CONSULT",
            "Event Mode": "multilateral",
            "Actor Name": "Lee Jae-myung",
            "Actor Country": "KOR",
            "Recipient Name": "United Nations",
            "Recipient Country": "UNO",
        }
    ),
    polecat_fields(
        **{
            "Event ID": "20250611-0005-DEMAND",
            "Event Date": "2025-06-11",
            "Event Type": "DEMAND",
            "Actor Country": "KOR",
            "Recipient Country": "JPN",
        }
    ),
    polecat_fields(
        **{
            "Event ID": "20250611-0006-PROTEST",
            "Event Date": "2025-06-11",
            "Event Type": "PROTEST",
            "Event Mode": "demo",
            "Actor Country": "KOR",
        }
    ),
    polecat_fields(
        **{
            "Event ID": "20250611-0007-CONSULT",
            "Event Date": "2025-06-11",
            "Event Type": "CONSULT",
            "Actor Country": "KOS",
            "Recipient Country": "Serbia",
        }
    ),
]


def write_polecat(
    path: Path,
    rows: Sequence[list[str]],
    *,
    header: Sequence[str] = POLECAT_HEADER,
    tail: dict[int, str] | None = None,
) -> Path:
    """A POLECAT file; ``tail`` appends text to given data lines (0-based)."""
    lines = ["\t".join(header)]
    for i, row in enumerate(rows):
        lines.append("\t".join(row) + (tail or {}).get(i, ""))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_polecat_clean_file(tmp_path: Path) -> None:
    events = read_polecat(write_polecat(tmp_path / "ngecEvents.txt", POLECAT_ROWS))
    summary = events.attrs["summary"]
    assert summary.rows_read == 7 and summary.rows_kept == 4
    assert summary.dropped == {
        "malformed code": 1,
        "no target country": 1,
        "non-state target": 1,
    }
    assert summary.repaired == {}
    assert events["event_id"].dtype == "string[pyarrow]"
    got = events[["source", "target", "code", "mode", "intensity", "level"]]
    got = got.astype(object).where(got.notna(), None)
    assert got.values.tolist() == [
        ["KOR", "JPN", "CONSULT", "phone", 1.5, "leader"],
        ["KOR", "CHN", "CONSULT", "visit", 4.0, "government"],
        ["USA", "DEU", "AGREE", None, 3.0, "government"],
        ["XKX", "SRB", "CONSULT", None, None, "government"],
    ]
    assert events["mentions"].tolist() == [1, 1, 1, 1]


def test_polecat_header_with_headline(tmp_path: Path) -> None:
    header = [*POLECAT_HEADER[:34], "Headline", *POLECAT_HEADER[34:]]
    path = write_polecat(tmp_path / "headline.txt", POLECAT_ROWS, header=header)
    events = read_polecat(path)
    assert events.attrs["summary"].repaired == {"extra Headline column": 1}
    clean = read_polecat(write_polecat(tmp_path / "clean.txt", POLECAT_ROWS))
    pd.testing.assert_frame_equal(events, clean)


def test_polecat_trailing_tabs_everywhere(tmp_path: Path) -> None:
    header = [*POLECAT_HEADER, "", ""]
    path = write_polecat(
        tmp_path / "tabs.txt",
        POLECAT_ROWS,
        header=header,
        tail=dict.fromkeys(range(len(POLECAT_ROWS)), "\t\t"),
    )
    events = read_polecat(path, keep_original=True)
    assert events.attrs["summary"].repaired == {"trailing tabs": 8}
    assert list(events.columns[10:]) == POLECAT_HEADER
    assert len(events) == 4


def test_polecat_trailing_tab_on_the_header_only(tmp_path: Path) -> None:
    path = write_polecat(tmp_path / "h.txt", POLECAT_ROWS, header=[*POLECAT_HEADER, ""])
    events = read_polecat(path)
    assert events.attrs["summary"].repaired == {"trailing tabs": 1}
    assert len(events) == 4


def test_polecat_headline_column_with_values(tmp_path: Path) -> None:
    header = [*POLECAT_HEADER, "Headline"]
    path = write_polecat(
        tmp_path / "hv.txt",
        POLECAT_ROWS,
        header=header,
        tail=dict.fromkeys(range(len(POLECAT_ROWS)), "\tKorea's president calls"),
    )
    events = read_polecat(path, keep_original=True)
    assert events.attrs["summary"].repaired == {"extra Headline column": 8}
    assert "Headline" not in events.columns and len(events) == 4


def test_polecat_trailing_tabs_on_some_lines(tmp_path: Path) -> None:
    path = write_polecat(
        tmp_path / "some.txt", POLECAT_ROWS, tail={0: "\t", 3: "\t\t\t"}
    )
    events = read_polecat(path)
    assert events.attrs["summary"].repaired == {"trailing tabs": 2}
    assert events.attrs["summary"].rows_read == 7
    clean = read_polecat(write_polecat(tmp_path / "clean.txt", POLECAT_ROWS))
    key = ["event_id", "source", "target", "code", "mode", "level"]
    pd.testing.assert_frame_equal(
        events.sort_values("event_id")[key].reset_index(drop=True),
        clean.sort_values("event_id")[key].reset_index(drop=True),
    )


def test_polecat_extra_values_are_an_error(tmp_path: Path) -> None:
    path = write_polecat(tmp_path / "extra.txt", POLECAT_ROWS, tail={2: "\tsurprise"})
    with pytest.raises(DataFormatError, match=r"extra.txt, line 4: 41 tab-separated"):
        read_polecat(path)
    header = [*POLECAT_HEADER, ""]
    path = write_polecat(
        tmp_path / "named.txt",
        POLECAT_ROWS,
        header=header,
        tail={0: "\t", 1: "\tvalue", 2: "\t"},
    )
    with pytest.raises(DataFormatError, match="line 3: a column without a name"):
        read_polecat(path)


def test_polecat_wrong_header(tmp_path: Path) -> None:
    header = [c for c in POLECAT_HEADER if c != "Actor Title"] + ["Actor Role"]
    path = write_polecat(tmp_path / "bad.txt", [], header=header)
    with pytest.raises(DataFormatError) as info:
        read_polecat(path)
    assert info.value.missing == ("Actor Title",)
    assert info.value.unexpected == ("Actor Role",)


def test_polecat_zip_of_months(tmp_path: Path) -> None:
    jan = write_polecat(tmp_path / "2022-Jan.txt", POLECAT_ROWS[:2])
    feb = write_polecat(tmp_path / "2022-Feb.txt", POLECAT_ROWS[2:])
    archive = tmp_path / "ngecEventsDV-2022.txt.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(jan, "2022-Jan.txt")
        z.write(feb, "2022-Feb.txt")
    events = read_polecat(archive)
    summary = events.attrs["summary"]
    assert summary.files == (f"{archive}:2022-Jan.txt", f"{archive}:2022-Feb.txt")
    assert summary.rows_read == 7 and len(events) == 4


def test_readers_refuse_each_others_files(tmp_path: Path) -> None:
    polecat = write_polecat(tmp_path / "p.txt", POLECAT_ROWS)
    with pytest.raises(DataFormatError, match="the header is not ICEWS"):
        read_icews(polecat)
    with pytest.raises(DataFormatError, match="40 tab-separated fields"):
        read_gdelt(polecat)
    with pytest.raises(DataFormatError, match="the header is not POLECAT"):
        read_polecat(ICEWS_SAMPLE)
