"""Tests of the country-code layer (middlepower.io.codes) and the registry.

Known pairs are read off the sources by hand: the COW State System Membership
List v2016 (ccode, stateabb, years), ISO 3166-1 and ISO 3166-3, the GDELT
CAMEO country list and the PLOVER manual (docs/country-codes.md).
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from middlepower.exceptions import (
    InvalidArgumentTypeError,
    InvalidParameterError,
    UnknownStateError,
)
from middlepower.io.codes import SCHEMES, convert, from_iso3, to_iso3
from middlepower.registry import known_codes, suggest, validate_codes

DATA = Path(__file__).resolve().parents[2] / "src" / "middlepower" / "datasets"
CODES = DATA / "data" / "codes"
ICEWS = Path(__file__).resolve().parents[1] / "data" / "events"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


STATES = [
    r
    for r in _rows(DATA / "data" / "cow" / "states2016.csv")
    if r["ccode"]  # the file carries empty trailing columns
]
ISO1 = {r["alpha_3"] for r in _rows(DATA / "data" / "iso3166_1.csv")}
ISO3_HISTORIC = {r["alpha_3"] for r in _rows(CODES / "iso3166_3.csv")}
COW_LETTERS = {r["stateabb"]: int(r["ccode"]) for r in STATES}


# -- (a) known pairs, by hand -----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "source", "year", "expected"),
    [
        (732, "cown", None, "KOR"),
        (731, "cown", None, "PRK"),
        (2, "cown", None, "USA"),
        (710, "cown", None, "CHN"),
        (740, "cown", None, "JPN"),
        (365, "cown", 1980, "SUN"),
        (365, "cown", 2000, "RUS"),
        (365, "cown", 1991, "SUN"),  # the USSR ends 26 Dec 1991
        (365, "cown", 1992, "RUS"),
        (365, "cown", 1900, "RUS"),  # Russian Empire, before the USSR (1922)
        (365, "cown", None, "RUS"),
        (260, "cown", 1980, "DEU"),
        (255, "cown", 1900, "DEU"),
        (255, "cown", 2000, "DEU"),
        (265, "cown", 1980, "DDR"),
        (315, "cown", 1950, "CSK"),
        (316, "cown", 2000, "CZE"),
        (816, "cown", 1970, "VDR"),
        (816, "cown", 1975, "VDR"),
        (816, "cown", 1976, "VNM"),
        (817, "cown", 1970, "VNM"),
        (678, "cown", 1980, "YEM"),
        (679, "cown", 2000, "YEM"),
        (680, "cown", 1980, "YMD"),
        (345, "cown", 1900, "SRB"),
        (345, "cown", 1950, "YUG"),
        (345, "cown", 2002, "YUG"),
        (345, "cown", 2003, "SCG"),
        (345, "cown", 2006, "SCG"),
        (345, "cown", 2007, "SRB"),
        (347, "cown", 2010, "XKX"),
        (730, "cown", 1900, "XKR"),
        (245, "cown", 1850, "BAV"),
        (269, "cown", 1850, "SAX"),
        (240, "cown", 1850, "HAN"),
        (271, "cown", 1850, "WRT"),
        (300, "cown", 1900, "AUH"),
        ("732", "cown", None, "KOR"),
        (732.0, "cown", None, "KOR"),
        (np.int16(732), "cown", None, "KOR"),
        ("ROK", "cowc", None, "KOR"),
        ("rok", "cowc", None, "KOR"),
        ("GFR", "cowc", None, "DEU"),
        ("GDR", "cowc", None, "DDR"),
        ("CZE", "cowc", None, "CSK"),  # COW letter CZE is Czechoslovakia
        ("CZR", "cowc", None, "CZE"),
        ("AUS", "cowc", None, "AUT"),  # COW AUS is Austria
        ("AUL", "cowc", None, "AUS"),
        ("KOR", "cowc", None, "XKR"),  # COW KOR is pre-1910 Korea
        ("KOR", "iso3", None, "KOR"),
        ("SUN", "iso3", None, "SUN"),
        (" kor ", "iso3", None, "KOR"),
        ("South Korea", "name", None, "KOR"),
        ("Russian Federation", "name", None, "RUS"),
        ("Moldova, Republic of", "name", None, "MDA"),
        ("Occupied Palestinian Territory", "name", None, "PSE"),
        ("Soviet Union", "name", None, "SUN"),
        ("USSR", "name", None, "SUN"),
        ("Yugoslavia", "name", 2000, "YUG"),
        ("Serbia and Montenegro", "name", None, "SCG"),
        ("Czechoslovakia", "name", None, "CSK"),
        ("East Germany", "name", None, "DDR"),
        ("Democratic Republic of Vietnam", "name", None, "VDR"),
        ("Socialist Republic of Vietnam", "name", None, "VNM"),
        ("Republic of Vietnam", "name", None, "VNM"),
        ("Yemen Arab Republic", "name", None, "YEM"),
        ("Kosovo", "name", None, "XKX"),
        ("Bavaria", "name", None, "BAV"),
        ("KOR", "cameo", None, "KOR"),
        ("PRK", "cameo", None, "PRK"),
        ("ROM", "cameo", None, "ROU"),
        ("TMP", "cameo", None, "TLS"),
        ("MTN", "cameo", None, "MNE"),
        ("IMY", "cameo", None, "IMN"),
        ("WSB", "cameo", None, "PSE"),
        ("SSD", "cameo", None, "SSD"),  # ISO3 missing from the CAMEO list
        ("USA", "polecat", None, "USA"),
        ("KOS", "polecat", None, "XKX"),
        ("Germany", "polecat", None, "DEU"),
        ("Hong Kong", "polecat", None, "HKG"),
    ],
)
def test_known_pairs(
    value: object, source: str, year: int | None, expected: str
) -> None:
    assert to_iso3(value, source, year=year) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "source"),
    [
        ("ROK", "iso3"),  # a COW letter code is never taken for ISO3
        ("GDR", "iso3"),
        ("AFR", "cameo"),  # CAMEO regions are not states
        ("EUR", "cameo"),
        ("SAF", "cameo"),  # Southern Africa; COW SAF is South Africa
        ("ROK", "cameo"),
        ("IGO", "polecat"),
        ("EUR", "polecat"),  # the European Union
        ("United Nations", "polecat"),
        (999, "cown"),
        (732.5, "cown"),
        ("XYZ", "cowc"),
        ("Atlantis", "name"),
        (None, "iso3"),
        (float("nan"), "cown"),
        ("", "name"),
        (pd.NA, "cameo"),
    ],
)
def test_unmapped_values_are_missing(value: object, source: str) -> None:
    assert to_iso3(value, source) is None  # type: ignore[arg-type]


# -- (b) coverage of the real lists ---------------------------------------------


def test_every_cow_state_maps_at_its_start_and_end() -> None:
    """Every spell of states2016 maps, year-aware, to a code of the registry."""
    cowns = [int(r["ccode"]) for r in STATES for _ in (0, 1)]
    years = [int(r[k]) for r in STATES for k in ("styear", "endyear")]
    got = to_iso3(cowns, "cown", year=years)
    missing = [(c, y) for c, y, g in zip(cowns, years, got, strict=True) if g is None]
    assert missing == []
    assert set(got) <= known_codes("state")
    assert len({int(r["ccode"]) for r in STATES}) == 217


def test_cow_round_trip_except_in_years_of_unification() -> None:
    """cown -> iso3 -> cown at a spell's first and last year.

    It fails only where two COW states share an ISO3 code in one year and the
    other state is the member on 31 December: 260 (GFR, to 2 Oct 1990) and
    678 (YAR, to 21 May 1990) both give way to the unified state.
    """
    failures = set()
    for r in STATES:
        cown = int(r["ccode"])
        for year in (int(r["styear"]), int(r["endyear"])):
            iso = to_iso3(cown, "cown", year=year)
            if from_iso3(iso, "cown", year=year) != cown:
                failures.add((cown, year))
    assert failures == {(260, 1990), (678, 1990)}


def test_iso3_round_trip() -> None:
    """iso3 -> cown -> iso3 is the identity wherever a COW number exists."""
    codes = sorted(known_codes("state") - {"SUN", "YUG", "SCG", "VDR"})
    cowns = from_iso3(codes, "cown")
    with_cow = [(c, n) for c, n in zip(codes, cowns, strict=True) if n is not None]
    assert len(with_cow) >= 200
    back = to_iso3([n for _, n in with_cow], "cown")
    assert back == [c for c, _ in with_cow]
    # Codes of a COW number that changed its code need their year.
    historical = {"SUN": 1980, "YUG": 1980, "SCG": 2004, "VDR": 1970, "SRB": 1900}
    cowns = from_iso3(list(historical), "cown", year=list(historical.values()))
    assert cowns == [365, 345, 345, 816, 345]
    assert to_iso3(cowns, "cown", year=list(historical.values())) == list(historical)
    assert from_iso3("SUN", "cown", year=1980) == 365
    assert to_iso3(365, "cown", year=1980) == "SUN"
    assert from_iso3("SUN", "cown", year=2000) is None


def test_every_icews_name_of_the_sample_maps() -> None:
    frame = pd.read_csv(
        ICEWS / "icews.events.2018.sample.tab",
        sep="\t",
        quoting=3,
        encoding="latin-1",
        dtype=str,
        keep_default_na=False,
    )
    names = sorted(
        set(frame["Source Country"])
        | set(frame["Target Country"])
        | set(frame["Country"])
    )
    names.remove("NA")  # ICEWS's missing marker
    assert len(names) == 151
    got = to_iso3(names, "name", strict=True)
    assert None not in got
    assert dict(zip(names, got, strict=True))["South Korea"] == "KOR"


def test_cameo_table_maps_as_recorded() -> None:
    rows = _rows(CODES / "cameo.csv")
    got = to_iso3([r["cameo"] for r in rows], "cameo")
    assert got == [r["iso3"] or None for r in rows]
    regions = [r["cameo"] for r in rows if not r["iso3"]]
    assert len(regions) == 25


def test_whole_gdelt_cameo_country_list() -> None:
    """All 261 CAMEO country codes of GDELT: 228 ISO3, 8 recoded, 25 regions."""
    path = Path(__file__).resolve().parents[1] / "data" / "codes" / "CAMEO.country.txt"
    with path.open(encoding="utf-8") as f:
        codes = [line.split("\t")[0] for line in f.read().splitlines()[1:]]
    assert len(codes) == 261
    got = to_iso3(codes, "cameo")
    assert sum(g == c for g, c in zip(got, codes, strict=True)) == 229  # 228 + ANT
    assert got.count(None) == 25
    recoded = {c: g for c, g in zip(codes, got, strict=True) if g not in (c, None)}
    assert recoded == {
        "WSB": "PSE",
        "BAG": "IRQ",
        "GZS": "PSE",
        "TMP": "TLS",
        "IMY": "IMN",
        "MTN": "MNE",
        "ROM": "ROU",
    }


def test_polecat_non_state_codes() -> None:
    rows = _rows(CODES / "polecat.csv")
    assert to_iso3([r["code"] for r in rows], "polecat") == [
        r["iso3"] or None for r in rows
    ]
    assert to_iso3([r["name"] for r in rows], "polecat") == [
        r["iso3"] or None for r in rows
    ]


def test_fallback_codes_do_not_collide_with_iso() -> None:
    """COW-letter fallbacks and user-assigned codes are not ISO codes of others."""
    for row in _rows(CODES / "overrides.csv"):
        if row["basis"].startswith(("COW letter", "user-assigned")):
            assert row["iso3"] not in ISO1 | ISO3_HISTORIC, row
    # ... and the one COW letter that would collide is not used.
    assert "KOR" in ISO1 and to_iso3(730, "cown") == "XKR"


def test_override_spells_are_contiguous() -> None:
    spells: dict[str, list[tuple[str, str]]] = {}
    for row in _rows(CODES / "overrides.csv"):
        spells.setdefault(row["cown"], []).append((row["start_year"], row["end_year"]))
    for cown, found in spells.items():
        assert found[0][0] == "" and found[-1][1] == "", cown
        for (_, end), (start, _) in itertools.pairwise(found):
            assert int(end) + 1 == int(start), cown


def test_every_returnable_code_is_in_the_state_registry() -> None:
    state = known_codes("state")
    assert ISO1 <= state
    assert {"SUN", "YUG", "SCG", "CSK", "DDR", "VDR", "YMD", "XKX", "XKR"} <= state
    cowns = sorted({int(r["ccode"]) for r in STATES})
    for year in (1816, 1900, 1950, 1980, 2004, 2016, None):
        assert set(to_iso3(cowns, "cown", year=year)) - {None} <= state
    lib = pd.Series(from_iso3(sorted(ISO1), "name")).dropna().tolist()
    assert set(to_iso3(lib, "name")) - {None} <= state


def test_cow_letters_are_never_taken_for_iso3() -> None:
    letters = sorted(set(COW_LETTERS) - ISO1 - known_codes("state"))
    assert {"ROK", "GFR", "GDR", "AUL", "UKG"} <= set(letters)
    assert to_iso3(letters, "iso3") == [None] * len(letters)
    with pytest.raises(
        UnknownStateError, match=r"'ROK' \(looks like a COW letter code"
    ):
        to_iso3(["KOR", "ROK"], "iso3", strict=True)


# -- (c) containers -------------------------------------------------------------


def test_containers_keep_their_kind() -> None:
    assert to_iso3(732, "cown") == "KOR"
    assert to_iso3([732, None, 999], "cown") == ["KOR", None, None]
    assert to_iso3((732,), "cown") == ["KOR"]
    arr = to_iso3(np.array([732, 2]), "cown")
    assert isinstance(arr, np.ndarray) and arr.dtype == object
    assert arr.tolist() == ["KOR", "USA"]
    s = pd.Series([2, 732, None], index=["a", "b", "c"], name="ccode", dtype="Int64")
    out = to_iso3(s, "cown")
    assert isinstance(out, pd.Series)
    assert out.dtype == pd.StringDtype()
    assert out.index.tolist() == ["a", "b", "c"] and out.name == "ccode"
    assert out.iloc[0] == "USA" and out.iloc[1] == "KOR" and out.isna().iloc[2]
    back = from_iso3(out, "cown")
    assert back.dtype == pd.Int64Dtype()
    assert back.tolist() == [2, 732, pd.NA]


def test_year_array_is_aligned_with_values() -> None:
    s = pd.Series([365, 365, 345, 816], index=[10, 11, 12, 13])
    years = pd.Series([1980, 2000, 2004, np.nan], index=[10, 11, 12, 13])
    assert to_iso3(s, "cown", year=years).tolist() == ["SUN", "RUS", "SCG", "VNM"]
    assert to_iso3([365, 365], "cown", year=np.array([1980.0, 2001.0])) == [
        "SUN",
        "RUS",
    ]


def test_from_iso3_targets() -> None:
    assert from_iso3(
        ["KOR", "DEU", "DEU", "VNM", "VNM"], "cown", year=[2000, 1980, 2000, 1970, 2000]
    ) == [732, 260, 255, 817, 816]
    assert from_iso3(["KOR", "DDR", "XKR"], "cowc") == ["ROK", "GDR", "KOR"]
    assert from_iso3(["KOR", "SUN"], "name") == ["South Korea", "Soviet Union"]
    assert from_iso3(["ROU", "TLS", "KOR", "SUN"], "cameo") == [
        "ROM",
        "TMP",
        "KOR",
        None,
    ]
    assert from_iso3(["XKX", "KOR"], "polecat") == ["KOS", "KOR"]
    assert from_iso3(["KOR", "ROK"], "iso3") == ["KOR", None]
    assert from_iso3("HKG", "cown") is None


def test_convert() -> None:
    assert convert(["ROK", "GFR"], "cowc", "cown") == [732, 260]
    assert convert([732, 260], "cown", "cowc") == ["ROK", "GFR"]
    assert convert("South Korea", "name", "cown") == 732
    assert convert("ROM", "cameo", "cowc") == "ROM"  # COW letter for Romania
    assert convert(["ROK"], "cowc", "iso3") == ["KOR"]


# -- (d) properties ---------------------------------------------------------------

_COWNS = sorted({int(r["ccode"]) for r in STATES})
_values = st.one_of(st.sampled_from(_COWNS), st.integers(-5, 1200), st.none())
_years = st.one_of(st.integers(1800, 2030), st.none())


@given(st.lists(st.tuples(_values, _years), max_size=40))
def test_vectorised_equals_scalar(pairs: list[tuple[int | None, int | None]]) -> None:
    values = [v for v, _ in pairs]
    years = [y for _, y in pairs]
    got = to_iso3(values, "cown", year=pd.array(years, dtype="Int64"))
    assert got == [to_iso3(v, "cown", year=y) for v, y in pairs]
    series = to_iso3(pd.Series(values, dtype="Int64"), "cown", year=pd.Series(years))
    assert series.astype(object).where(series.notna(), None).tolist() == got


@given(st.lists(st.sampled_from(sorted(known_codes("state"))), max_size=30), _years)
def test_iso3_is_idempotent_and_cown_round_trips(
    codes: list[str], year: int | None
) -> None:
    assert to_iso3(codes, "iso3") == codes
    if year is None:  # without a year, the present-day code of each COW number
        codes = [c for c in codes if c not in {"SUN", "YUG", "SCG", "VDR"}]
    cowns = from_iso3(codes, "cown", year=year)
    back = to_iso3(cowns, "cown", year=year)
    for code, cown, again in zip(codes, cowns, back, strict=True):
        if cown is not None:
            assert again == code


@given(st.text(max_size=6))
def test_unknown_text_never_crashes(text: str) -> None:
    for source in ("iso3", "cowc", "cameo", "polecat", "name"):
        got = to_iso3(text, source)  # type: ignore[arg-type]
        assert got is None or got in known_codes("state")


# -- (e) errors ---------------------------------------------------------------------


def test_strict_names_every_unmapped_value_with_hints() -> None:
    with pytest.raises(UnknownStateError) as info:
        to_iso3(["KOR", "CNH", "ROK", None, "CNH"], "iso3", strict=True)
    message = str(info.value)
    assert message.startswith("Cannot convert 2 ISO3 values to ISO3: 'CNH'")
    assert "'CNH' (did you mean 'CHN'?)" in message
    assert info.value.codes == ("CNH", "ROK")
    with pytest.raises(UnknownStateError, match=r"'AFR' \(not a state\)"):
        to_iso3(["AFR"], "cameo", strict=True)
    with pytest.raises(UnknownStateError, match=r"999 \(not a COW state number\)"):
        to_iso3([999], "cown", strict=True)
    with pytest.raises(
        UnknownStateError, match=r"'Germny' \(did you mean 'Germany'\?\)"
    ):
        to_iso3("Germny", "name", strict=True)
    with pytest.raises(UnknownStateError, match=r"'HKG' \(no COW number code\)"):
        from_iso3(["HKG"], "cown", strict=True)
    with pytest.raises(UnknownStateError, match=r"'ROK' \(looks like a COW letter"):
        from_iso3(["ROK"], "name", strict=True)
    # missing values never raise
    assert to_iso3([None, "", float("nan")], "iso3", strict=True) == [None] * 3


@pytest.mark.parametrize("scheme", ["iso2", "ISO3", "gwn", ""])
def test_unknown_schemes(scheme: str) -> None:
    with pytest.raises(
        InvalidParameterError, match=rf"Unknown source scheme {scheme!r}"
    ):
        to_iso3("KOR", scheme)  # type: ignore[arg-type]
    with pytest.raises(
        InvalidParameterError, match=rf"Unknown target scheme {scheme!r}"
    ):
        from_iso3("KOR", scheme)  # type: ignore[arg-type]
    assert scheme not in SCHEMES


def test_bad_years() -> None:
    with pytest.raises(
        InvalidParameterError, match="year has 1 entries but values has 2"
    ):
        to_iso3([365, 365], "cown", year=[1980])
    with pytest.raises(InvalidParameterError, match="year must be a scalar"):
        to_iso3(365, "cown", year=[1980])
    with pytest.raises(InvalidParameterError, match="year must hold numbers"):
        to_iso3([365], "cown", year=["last year"])
    with pytest.raises(InvalidArgumentTypeError, match="year must be None, an integer"):
        to_iso3(365, "cown", year="1980s")
    with pytest.raises(
        InvalidArgumentTypeError, match="values must be a scalar, a list"
    ):
        to_iso3({732}, "cown")


# -- (f) the registry ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "scheme", "expected"),
    [
        ("CNH", "iso3", "CHN"),  # transposition
        ("kor", "iso3", "KOR"),  # case
        ("USB", "iso3", None),  # USA and UZB are both one letter off: ambiguous
        ("NKR", "iso3", None),
        ("XQZ", "iso3", None),
        ("RKO", "cow", None),  # ROK and KOR (pre-1910 Korea) are both anagrams
        ("RPK", "cow", "PRK"),
        ("SNU", "state", "SUN"),
    ],
)
def test_suggest(code: str, scheme: str, expected: str | None) -> None:
    assert suggest(code, scheme) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("codes", "scheme", "match"),
    [
        (
            ["CNH"],
            "iso3",
            r"^Unknown state code 'CNH' in the iso3 registry; did you mean 'CHN'\?$",
        ),
        (
            ["CNH", "ROK"],
            "iso3",
            r"^Unknown state codes 'CNH', 'ROK' in the iso3 registry; "
            r"did you mean 'CHN' for 'CNH'\?; "
            r"'ROK' is a COW letter code \(South Korea\), not an ISO3 code",
        ),
        (["SUN"], "iso3", r"'SUN' is a former ISO code \(Soviet Union\)\.$"),
        (["BAV"], "iso3", r"'BAV' is a COW letter code \(Bavaria\)"),
        (
            ["DEU"],
            "cow",
            r"'DEU' is an ISO3 code \(Germany\), not a COW letter code\.$",
        ),
    ],
)
def test_validate_codes_hints(codes: list[str], scheme: str, match: str) -> None:
    with pytest.raises(UnknownStateError, match=match):
        validate_codes(codes, scheme)  # type: ignore[arg-type]


def test_state_registry_accepts_historical_codes() -> None:
    assert validate_codes(["SUN", "DDR", "KOR", "XKX"], "state") is None
    with pytest.raises(UnknownStateError, match="in the state registry"):
        validate_codes(["ROK"], "state")


def test_large_series_maps_through_its_distinct_values() -> None:
    rng = np.random.default_rng(7)
    values = pd.Series(
        rng.choice(np.array(["KOR", "USA", "CHN", "ROM", "AFR"]), 200_000)
    )
    got = to_iso3(values, "cameo")
    expected = values.map({"KOR": "KOR", "USA": "USA", "CHN": "CHN", "ROM": "ROU"})
    pd.testing.assert_series_equal(got, expected.astype("string"))
