r"""Country codes: COW numbers and letters, ISO3, names, CAMEO and POLECAT codes.

Inside middlepower a state is its ISO 3166-1 alpha-3 code (METHODS.md §8).
This module converts the codes that real data sets use to it and back:

``"cown"``
    Correlates of War state numbers (``732`` South Korea).
``"cowc"``
    COW letter codes (``"ROK"``). They are never taken for ISO3: ``"AUS"``
    is Austria in COW and Australia in ISO, ``"KOR"`` pre-1910 Korea in COW.
``"iso3"``
    ISO 3166-1 alpha-3 plus the bundled historical codes
    (:func:`middlepower.known_codes` ``("state")``).
``"name"``
    English country names, matched by the regular expressions of the
    countrycode package (ICEWS writes "South Korea", "Russian Federation",
    "Moldova, Republic of", "Occupied Palestinian Territory").
``"cameo"``
    The 3-letter CAMEO country codes of GDELT's ``Actor1CountryCode`` /
    ``Actor2CountryCode``: ISO3 except the codes in ``codes/cameo.csv``
    (``ROM`` Romania, ``TMP`` East Timor, ``WSB`` West Bank...) and the
    region codes (``AFR``, ``EUR``...), which are not states.
``"polecat"``
    POLECAT's ``Actor Country`` / ``Recipient Country``: per the PLOVER
    manual (ch. "Country Names and Sector Codes") the ISO 3166 English short
    name or, optionally, the ISO 3-letter code of an independent state (COW
    list plus the Holy See), Hong Kong, Palestine or Antarctica, ``KOS`` for
    Kosovo, and seven non-state codes (``IGO``, ``UNO``, ``EUR``, ``NGO``,
    ``ISM``, ``IMG``, ``MNC``). Both names and codes are accepted.

The conversion goes through the countrycode package (Arel-Bundock et al.);
what it lacks is a small cited override file (``codes/overrides.csv``): COW
states without an ISO code, the historical states (``365`` is ``SUN``
1923-1991, ``345`` is ``YUG`` 1919-2002 and ``SCG`` 2003-2006, ``315`` is
``CSK``, ``265`` is ``DDR``, ``816`` is ``VDR`` until 1975...) with their
years, Kosovo (``XKX``). See ``docs/country-codes.md`` for the sources.

Every function maps the distinct values only (an event table has millions of
rows but a few hundred distinct codes) and caches its tables; it returns the
kind of container it was given: a scalar, a list (``None`` where unmapped), a
numpy array (object dtype, ``None`` where unmapped) or a pandas Series (same
index and name; pandas ``string`` dtype, or ``Int64`` for COW numbers, with
``<NA>`` where unmapped). Missing inputs (``None``, NaN, ``""``) give missing
outputs and never raise.

Year-aware mapping
------------------
A COW number whose ISO code changed has one spell per code in the override
file; ``year`` picks the spell (a scalar, or an array aligned with
``values``). A year before the first spell takes the first, after the last
the last, and no year (or a missing one) the latest: the present-day code.
In the other direction, when several COW numbers map to one ISO3 code in a
year (``DEU``: 260 and 255 in 1990), the state that is a member of the COW
state system on 31 December of that year wins, else the one whose
membership is nearest to it.

Examples
--------
>>> from middlepower.io.codes import convert, from_iso3, to_iso3
>>> to_iso3([732, 731, 2, 710], "cown")
['KOR', 'PRK', 'USA', 'CHN']
>>> to_iso3([365, 365], "cown", year=[1980, 2000])
['SUN', 'RUS']
>>> to_iso3(["South Korea", "Occupied Palestinian Territory"], "name")
['KOR', 'PSE']
>>> to_iso3(["ROK", "ROM", "AFR"], "cameo")
[None, 'ROU', None]
>>> from_iso3("DEU", "cown", year=1980), convert("GFR", "cowc", "cown")
(260, 260)
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

import numpy as np

from middlepower._checks import check_bool, show
from middlepower.exceptions import (
    InvalidArgumentTypeError,
    InvalidParameterError,
    UnknownStateError,
)
from middlepower.registry import known_codes, suggest

__all__ = ["SCHEMES", "convert", "from_iso3", "to_iso3"]

Scheme = Literal["cown", "cowc", "iso3", "name", "cameo", "polecat"]

#: The code schemes :func:`to_iso3`, :func:`from_iso3` and :func:`convert` know.
SCHEMES: tuple[str, ...] = ("cown", "cowc", "iso3", "name", "cameo", "polecat")

_SCHEME_LABEL = {
    "cown": "COW number",
    "cowc": "COW letter",
    "iso3": "ISO3",
    "name": "country name",
    "cameo": "CAMEO country",
    "polecat": "POLECAT country",
}

# Outcomes of resolving one distinct value.
_MISSING, _NONSTATE, _UNKNOWN = "missing", "non-state", "unknown"

_CODE3 = re.compile(r"^[A-Z]{3}$")


# -- tables --------------------------------------------------------------------


def _read(name: str) -> list[dict[str, str]]:
    path = resources.files("middlepower.datasets") / "data" / name
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _year(text: str) -> float:
    return float(text) if text.strip() else -math.inf


@dataclass(frozen=True)
class _Spells:
    """The ISO3 codes of one COW number, by the first year each applies."""

    starts: np.ndarray  # float, ascending; starts[0] = -inf
    codes: tuple[str, ...]

    def at(self, year: float | None) -> str:
        if year is None or math.isnan(year):
            return self.codes[-1]
        return self.codes[int(np.searchsorted(self.starts, year, side="right")) - 1]

    def at_many(self, years: np.ndarray) -> np.ndarray:
        y = np.where(np.isnan(years), np.inf, years)
        idx = np.searchsorted(self.starts, y, side="right") - 1
        return np.asarray(self.codes, dtype=object)[idx]


@dataclass(frozen=True)
class _Tables:
    spells: Mapping[int, _Spells]
    letters: Mapping[str, int]  # COW letter -> COW number
    abbrev: Mapping[int, str]  # COW number -> COW letter
    membership: Mapping[int, tuple[tuple[dt.date, dt.date], ...]]
    states: frozenset[str]  # every code to_iso3 can return
    iso3166: frozenset[str]  # ISO 3166-1 alpha-3 (current)
    names: Mapping[str, str]  # ISO3 -> English name
    name_overrides: tuple[tuple[re.Pattern[str], str], ...]
    name_regexes: tuple[tuple[re.Pattern[str], str | None, int | None], ...]
    cameo: Mapping[str, str | None]
    cameo_back: Mapping[str, str]
    polecat: Mapping[str, str | None]  # upper-case code or case-folded name
    polecat_back: Mapping[str, str]
    reverse: Mapping[str, tuple[int, ...]]  # ISO3 -> COW numbers that reach it


def _library() -> dict[str, list[Any]]:
    """Return the countrycode package's code list (needs the ``data`` extra)."""
    from middlepower._optional import import_optional

    countrycode = import_optional("countrycode", "data", "country-code conversion")
    codelist = countrycode.codelist
    if codelist is None:  # pragma: no cover - broken installation
        codelist = countrycode.countrycode.prepare_codelist(None)
    return dict(codelist)


def _int_or_none(value: object) -> int | None:
    if value is None:
        return None
    try:
        f = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else int(f)


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


@functools.cache
def _tables() -> _Tables:
    lib = _library()
    lib_iso = [_str_or_none(v) for v in lib["iso3c"]]
    lib_cown = [_int_or_none(v) for v in lib["cown"]]
    lib_name = [_str_or_none(v) for v in lib["country.name.en"]]
    lib_regex = [_str_or_none(v) for v in lib["country.name.en.regex"]]

    # COW numbers: the override spells replace the library wherever they exist.
    rows: dict[int, list[tuple[float, str]]] = {}
    override_names: dict[str, str] = {}
    for row in _read("codes/overrides.csv"):
        rows.setdefault(int(row["cown"]), []).append(
            (_year(row["start_year"]), row["iso3"])
        )
        override_names.setdefault(row["iso3"], row["name"])
    spells: dict[int, _Spells] = {}
    for cown, iso in zip(lib_cown, lib_iso, strict=True):
        if cown is not None and iso is not None and cown not in rows:
            spells[cown] = _Spells(np.array([-math.inf]), (iso,))
    for cown, found in rows.items():
        found.sort()
        starts = np.array([s for s, _ in found], dtype=float)
        starts[0] = -math.inf
        spells[cown] = _Spells(starts, tuple(c for _, c in found))

    reverse: dict[str, list[int]] = {}
    for cown, sp in sorted(spells.items()):
        for code in dict.fromkeys(sp.codes):
            reverse.setdefault(code, []).append(cown)

    letters: dict[str, int] = {}
    abbrev: dict[int, str] = {}
    membership: dict[int, list[tuple[dt.date, dt.date]]] = {}
    for row in _read("cow/states2016.csv"):
        cown = int(row["ccode"])
        letters[row["stateabb"]] = cown
        abbrev[cown] = row["stateabb"]
        start = dt.date(int(row["styear"]), int(row["stmonth"]), int(row["stday"]))
        end = dt.date(int(row["endyear"]), int(row["endmonth"]), int(row["endday"]))
        membership.setdefault(cown, []).append((start, end))

    names: dict[str, str] = {}
    for iso, name in zip(lib_iso, lib_name, strict=True):
        if iso is not None and name is not None:
            names.setdefault(iso, name)
    for code, name in override_names.items():
        names.setdefault(code, name)

    name_overrides = tuple(
        (re.compile(row["pattern"], re.IGNORECASE), row["iso3"])
        for row in _read("codes/names.csv")
    )
    for row in _read("codes/names.csv"):
        names.setdefault(row["iso3"], row["name"])
    name_regexes = tuple(
        (re.compile(rx, re.IGNORECASE), iso, cown)
        for rx, iso, cown in zip(lib_regex, lib_iso, lib_cown, strict=True)
        if rx is not None and (iso is not None or cown is not None)
    )

    cameo: dict[str, str | None] = {}
    cameo_back: dict[str, str] = {}
    for row in _read("codes/cameo.csv"):
        cameo[row["cameo"]] = row["iso3"] or None
        if row["iso3"]:
            names.setdefault(row["iso3"], row["label"])
            if row["iso3"] not in cameo_back and row["iso3"] != row["cameo"]:
                # PSE is its own CAMEO code; WSB and GZS are parts of it.
                if row["cameo"] not in ("WSB", "GZS", "BAG"):
                    cameo_back[row["iso3"]] = row["cameo"]

    polecat: dict[str, str | None] = {}
    polecat_back: dict[str, str] = {}
    for row in _read("codes/polecat.csv"):
        polecat[row["code"]] = row["iso3"] or None
        polecat[row["name"].casefold()] = row["iso3"] or None
        if row["iso3"]:
            polecat_back[row["iso3"]] = row["code"]

    return _Tables(
        spells=spells,
        letters=letters,
        abbrev=abbrev,
        membership={k: tuple(v) for k, v in membership.items()},
        states=known_codes("state"),
        iso3166=known_codes("iso3"),
        names=names,
        name_overrides=name_overrides,
        name_regexes=name_regexes,
        cameo=cameo,
        cameo_back=cameo_back,
        polecat=polecat,
        polecat_back=polecat_back,
        reverse={k: tuple(v) for k, v in reverse.items()},
    )


# -- resolving one distinct value ---------------------------------------------

#: A resolved value: ("iso3", code), ("cown", number) or (outcome, None).
_Resolved = tuple[str, Any]


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and not value.strip():
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value)) if np.ndim(value) == 0 else False  # type: ignore[arg-type]
    except ImportError:  # pragma: no cover - pandas is in the data extra
        return False


@functools.lru_cache(maxsize=65536)
def _resolve_name(name: str) -> _Resolved:
    t = _tables()
    for pattern, code in t.name_overrides:
        if pattern.search(name):
            return ("iso3", code)
    for pattern, iso, cown in t.name_regexes:
        if pattern.search(name):
            if iso is not None:
                return ("iso3", iso)
            if cown is not None and cown in t.spells:
                return ("cown", cown)
            return (_UNKNOWN, None)
    return (_UNKNOWN, None)


def _resolve(value: object, source: str) -> _Resolved:
    """Resolve one distinct input value of scheme ``source``."""
    if _is_missing(value):
        return (_MISSING, None)
    t = _tables()
    if source == "cown":
        if isinstance(value, bool):
            return (_UNKNOWN, None)
        if isinstance(value, numbers.Integral):
            number: int | None = int(value)
        elif isinstance(value, numbers.Real):
            f = float(value)
            number = int(f) if f.is_integer() else None
        elif isinstance(value, str) and value.strip().isdigit():
            number = int(value.strip())
        else:
            number = None
        if number is not None and number in t.spells:
            return ("cown", number)
        return (_UNKNOWN, None)
    if not isinstance(value, str):
        return (_UNKNOWN, None)
    text = value.strip()
    if source == "name":
        return _resolve_name(text)
    code = text.upper()
    if source == "cowc":
        number = t.letters.get(code)
        return ("cown", number) if number is not None else (_UNKNOWN, None)
    if source == "iso3":
        return ("iso3", code) if code in t.states else (_UNKNOWN, None)
    if source == "cameo":
        if code in t.cameo:
            found = t.cameo[code]
            return ("iso3", found) if found else (_NONSTATE, None)
        return ("iso3", code) if code in t.states else (_UNKNOWN, None)
    # polecat: a 3-letter code or a name
    if _CODE3.match(text):
        if text in t.polecat:
            found = t.polecat[text]
            return ("iso3", found) if found else (_NONSTATE, None)
        return ("iso3", text) if text in t.states else (_UNKNOWN, None)
    folded = text.casefold()
    if folded in t.polecat:
        found = t.polecat[folded]
        return ("iso3", found) if found else (_NONSTATE, None)
    return _resolve_name(text)


# -- containers ----------------------------------------------------------------


@dataclass(frozen=True)
class _Input:
    kind: str  # "scalar", "list", "array", "series"
    data: Any  # an object ndarray, or the Series itself
    size: int
    index: Any = None
    name: Any = None


def _as_input(values: object) -> _Input:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is in the data extra
        pd = None
    if isinstance(values, bool | np.bool_):
        raise InvalidArgumentTypeError(
            f"values must hold codes (strings or numbers), got {show(values)}."
        )
    scalar = (str, bytes, numbers.Number, np.generic, type(None))
    if isinstance(values, scalar) or (pd is not None and values is pd.NA):
        return _Input("scalar", np.array([values], dtype=object), 1)
    if pd is not None and isinstance(values, pd.Series):
        return _Input("series", values, len(values), values.index, values.name)
    if isinstance(values, (list, tuple)):
        arr = np.array([*values, None], dtype=object)[:-1]
        return _Input("list", arr, len(arr))
    if isinstance(values, np.ndarray):
        arr = values.astype(object).ravel()
        return _Input("array", arr, len(arr))
    if pd is not None and isinstance(
        values, (pd.Index, pd.api.extensions.ExtensionArray)
    ):
        arr = np.asarray(values, dtype=object)
        return _Input("array", arr, len(arr))
    raise InvalidArgumentTypeError(
        f"values must be a scalar, a list, a numpy array or a pandas Series, "
        f"got {show(values)}."
    )


def _as_years(year: object, n: int, kind: str) -> np.ndarray | None:
    """Years as a float array aligned with the values (NaN = no year)."""
    if year is None:
        return None
    if np.ndim(year) == 0:  # type: ignore[arg-type]
        if isinstance(year, str | bytes | bool | np.bool_) or not (
            isinstance(year, numbers.Number) or _is_missing(year)
        ):
            raise InvalidArgumentTypeError(
                "year must be None, an integer year or one per value, got "
                f"{show(year)}."
            )
        y = _int_or_none(year)
        if y is None and not _is_missing(year):
            raise InvalidParameterError(f"year must be a number, not {year!r}.")
        return np.full(n, np.nan if y is None else float(y))
    if kind == "scalar":
        raise InvalidParameterError(
            "year must be a scalar when values is a scalar; got an array of years."
        )
    import pandas as pd

    raw = (
        year
        if isinstance(year, pd.Series)
        else pd.Series(np.asarray(year, dtype=object))
    )
    try:
        arr = pd.to_numeric(raw, errors="raise").to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError) as err:
        raise InvalidParameterError(f"year must hold numbers: {err}.") from err
    if arr.shape != (n,):
        raise InvalidParameterError(
            f"year has {arr.size} entries but values has {n}; pass one year per "
            "value or a single year."
        )
    floored: np.ndarray = np.floor(arr)
    return floored


def _year_value(value: object) -> float:
    y = _int_or_none(value)
    if y is None:
        raise InvalidParameterError(f"year must be a number, not {value!r}.")
    return float(y)


def _none(values: np.ndarray) -> np.ndarray:
    """Return where an object array holds None."""
    equal: Any = np.equal
    return np.asarray(equal(values, None), dtype=bool)


def _factorize(values: Any) -> tuple[np.ndarray, list[object]]:
    """Codes (-1 = missing) and distinct values, via pandas when present."""
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is in the data extra
        uniq: dict[object, int] = {}
        codes = [
            -1 if _is_missing(v) else uniq.setdefault(v, len(uniq)) for v in values
        ]
        return np.asarray(codes, dtype=np.intp), list(uniq)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return np.asarray(codes, dtype=np.intp), list(uniques)


def _wrap(out: np.ndarray, inp: _Input, numeric: bool) -> Any:
    if inp.kind == "scalar":
        return out[0]
    if inp.kind == "list":
        return out.tolist()
    if inp.kind == "array":
        return out
    import pandas as pd

    missing = _none(out)
    if numeric:
        values = np.where(missing, 0, out).astype(np.int64)
        array: Any = pd.arrays.IntegerArray(values, missing)
    else:
        array = pd.array(np.where(missing, pd.NA, out), dtype="string")
    return pd.Series(array, index=inp.index, name=inp.name)


def _check_scheme(value: str, what: str, allowed: tuple[str, ...] = SCHEMES) -> None:
    if value not in allowed:
        valid = ", ".join(map(repr, allowed))
        raise InvalidParameterError(
            f"Unknown {what} {value!r}; expected one of {valid}."
        )


# -- explaining what did not map ------------------------------------------------


def _explain(value: object, source: str, outcome: str) -> str:
    """Return a short parenthesis that helps with one unmapped value."""
    t = _tables()
    text = str(value).strip()
    code = text.upper()
    if outcome == _NONSTATE:
        return "not a state"
    if source in ("iso3", "cameo", "polecat") and code in t.letters:
        number = t.letters[code]
        iso = t.spells[number].at(None) if number in t.spells else None
        state = f"COW {number}" + (f", ISO3 {iso!r}" if iso else "")
        return f"looks like a COW letter code ({state}); use source='cowc'"
    if source == "cown":
        return "not a COW state number"
    if source == "name":
        import difflib

        close = difflib.get_close_matches(text, sorted(set(t.names.values())), n=1)
        return f"did you mean {close[0]!r}?" if close else "no country name matches"
    scheme = "cow" if source == "cowc" else "state"
    guess = suggest(text, scheme)  # type: ignore[arg-type]
    return f"did you mean {guess!r}?" if guess else "unknown code"


def _raise_unmapped(values: list[tuple[object, str]], source: str, target: str) -> None:
    label = _SCHEME_LABEL[source]
    parts = ", ".join(f"{v!r} ({_explain(v, source, o)})" for v, o in values)
    noun = "value" if len(values) == 1 else "values"
    err = UnknownStateError(tuple(str(v) for v, _ in values), f"the {label} scheme")
    err.args = (f"Cannot convert {len(values)} {label} {noun} to {target}: {parts}.",)
    raise err


# -- the public API --------------------------------------------------------------


def _map_to_iso3(
    values: np.ndarray, source: str, years: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, list[object], list[_Resolved]]:
    """ISO3 per row (None where unmapped), with the factorisation behind it."""
    codes, uniques = _factorize(values)
    resolved = [_resolve(u, source) for u in uniques]
    t = _tables()
    fixed = np.empty(len(uniques) + 1, dtype=object)  # last slot: missing rows
    fixed[-1] = None
    dependent: list[int] = []
    for i, (kind, what) in enumerate(resolved):
        if kind == "iso3":
            fixed[i] = what
        elif kind == "cown":
            spells = t.spells[what]
            fixed[i] = spells.codes[-1]
            if len(spells.codes) > 1 and years is not None:
                dependent.append(i)
        else:
            fixed[i] = None
    out = fixed[codes]  # codes == -1 picks the last slot (None)
    for i in dependent:
        rows = np.flatnonzero(codes == i)
        out[rows] = t.spells[resolved[i][1]].at_many(years[rows])  # type: ignore[index]
    return out, codes, uniques, resolved


def to_iso3(
    values: Any, source: Scheme, *, year: Any = None, strict: bool = False
) -> Any:
    r"""Convert country codes or names of scheme ``source`` to ISO3.

    Parameters
    ----------
    values : scalar, list, numpy array or pandas Series
        The codes or names (see the module docstring for the schemes).
    source : {"cown", "cowc", "iso3", "name", "cameo", "polecat"}
        Their scheme. ``"iso3"`` validates: only codes of
        :func:`middlepower.known_codes` ``("state")`` pass.
    year : int, array-like of int, or None, optional (default=None)
        The year of each value (a scalar for all), for the COW numbers whose
        ISO code changed over time (``365``: ``SUN`` 1923-1991, ``RUS``
        otherwise). None: the present-day code.
    strict : bool, optional (default=False)
        Raise instead of returning a missing value for a value that does not
        map (missing inputs never raise).

    Returns
    -------
    same kind as ``values``
        ISO3 codes; ``None`` (``<NA>`` in a Series of ``string`` dtype) where
        a value is missing, unknown or not a state (a CAMEO region, a
        POLECAT IGO).

    Raises
    ------
    UnknownStateError
        With ``strict=True``, naming every unmapped value with a hint (a COW
        letter code given as ISO3, the close code that was probably meant).
    InvalidParameterError
        For an unknown ``source``, or ``year`` of the wrong length.

    Examples
    --------
    >>> from middlepower.io.codes import to_iso3
    >>> to_iso3(732, "cown"), to_iso3("ROK", "cowc"), to_iso3("ROK", "iso3")
    ('KOR', 'KOR', None)
    >>> to_iso3([816, 816, 817], "cown", year=[1970, 1990, 1970])
    ['VDR', 'VNM', 'VNM']
    >>> import pandas as pd
    >>> to_iso3(pd.Series(["Russian Federation", "NA"], index=[7, 9]), "name")
    7     RUS
    9    <NA>
    dtype: string
    >>> to_iso3(["ROK", "CNH"], "iso3", strict=True)
    Traceback (most recent call last):
    ...
    middlepower.exceptions.UnknownStateError: Cannot convert 2 ISO3 values to ISO3:
    'ROK' (looks like a COW letter code (COW 732, ISO3 'KOR'); use source='cowc'),
    'CNH' (did you mean 'CHN'?).
    """
    _check_scheme(source, "source scheme")
    strict = check_bool(strict, "strict")
    inp = _as_input(values)
    years = _as_years(year, inp.size, inp.kind)
    out, _, uniques, resolved = _map_to_iso3(inp.data, source, years)
    if strict:
        bad = [
            (u, kind)
            for u, (kind, _) in zip(uniques, resolved, strict=True)
            if kind in (_UNKNOWN, _NONSTATE)
        ]
        if bad:
            _raise_unmapped(bad, source, "ISO3")
    return _wrap(out, inp, numeric=False)


def _days_apart(cown: int, when: dt.date) -> tuple[int, int]:
    """Return the distance of ``when`` to ``cown``'s COW membership in days.

    Zero inside a spell of membership; the second item (minus the last day
    of membership) makes the later state win a tie.
    """
    spells = _tables().membership.get(cown, ())
    if not spells:
        return (10**9, 0)
    best = min(
        0
        if start <= when <= end
        else min(abs((start - when).days), abs((when - end).days))
        for start, end in spells
    )
    return (best, -max(end for _, end in spells).toordinal())


def _cown_of(iso: str, year: float | None) -> int | None:
    t = _tables()
    candidates = t.reverse.get(iso, ())
    if year is not None and not math.isnan(year):
        candidates = tuple(c for c in candidates if t.spells[c].at(year) == iso)
        when = dt.date(min(max(int(year), 1), 9999), 12, 31)
    else:
        when = dt.date(9999, 12, 31)
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    return min(candidates, key=lambda c: (*_days_apart(c, when), c))


def from_iso3(
    values: Any, target: Scheme, *, year: Any = None, strict: bool = False
) -> Any:
    r"""Convert ISO3 codes to scheme ``target``.

    Parameters
    ----------
    values : scalar, list, numpy array or pandas Series
        ISO3 codes (:func:`middlepower.known_codes` ``("state")``).
    target : {"cown", "cowc", "iso3", "name", "cameo", "polecat"}
        The scheme to convert to. ``"name"`` gives the English short name
        of the countrycode package (``"South Korea"``); ``"cameo"`` and
        ``"polecat"`` the codes those data sets write (``ROU`` is ``ROM``
        in CAMEO, ``XKX`` is ``KOS`` in POLECAT).
    year : int, array-like of int, or None, optional (default=None)
        The year of each code, to pick the COW state when several share an
        ISO3 code (``DEU``: 255 or 260, ``VNM``: 816 or 817). None: the
        present-day state.
    strict : bool, optional (default=False)
        Raise instead of returning a missing value for a code that has no
        counterpart (``HKG`` has no COW number).

    Returns
    -------
    same kind as ``values``
        The codes; COW numbers as ``int`` (``Int64`` in a Series), the rest
        as ``str``; ``None``/``<NA>`` where there is none.

    Raises
    ------
    UnknownStateError
        With ``strict=True``, naming every code without a counterpart.
    InvalidParameterError
        For an unknown ``target``, or ``year`` of the wrong length.

    Examples
    --------
    >>> from middlepower.io.codes import from_iso3
    >>> from_iso3(["KOR", "DEU", "DEU", "SUN"], "cown", year=[2000, 1980, 2000, 1980])
    [732, 260, 255, 365]
    >>> from_iso3(["KOR", "ROU", "XKX"], "cowc"), from_iso3(["ROU", "XKX"], "cameo")
    (['ROK', 'ROM', 'KOS'], ['ROM', None])
    >>> from_iso3(["ROU", "XKX"], "polecat")
    ['ROU', 'KOS']
    >>> from_iso3("HKG", "cown") is None
    True
    """
    _check_scheme(target, "target scheme")
    strict = check_bool(strict, "strict")
    inp = _as_input(values)
    years = _as_years(year, inp.size, inp.kind)
    iso, codes, uniques, _ = _map_to_iso3(inp.data, "iso3", None)
    if target == "iso3":
        out = iso
        converted = [_resolve(u, "iso3")[1] for u in uniques]
    else:
        # Convert each distinct (code, year) pair once.
        year_of: list[float | None] = []
        if years is None:
            key = codes
        else:
            ycodes, yuniq = _factorize(years)
            year_of = [float(y) for y in yuniq]  # type: ignore[arg-type]
            key = (codes + 1) * (len(yuniq) + 1) + (ycodes + 1)
        kcodes, kuniq = _factorize(key)
        n_years = len(year_of) + 1 if years is not None else 1
        results = np.empty(len(kuniq) + 1, dtype=object)
        results[-1] = None
        for i, k in enumerate(kuniq):
            k_int = int(k)  # type: ignore[call-overload]
            if years is None:
                vcode, ycode = k_int + 1, 0
            else:
                vcode, ycode = divmod(k_int, n_years)
            code = None if vcode == 0 else _resolve(uniques[vcode - 1], "iso3")
            iso_code = code[1] if code is not None and code[0] == "iso3" else None
            y = None if ycode == 0 or years is None else year_of[ycode - 1]
            results[i] = _from_one(iso_code, y, target)
        out = results[kcodes]
        converted = None
    if strict:
        bad: list[tuple[object, str]] = []
        if target == "iso3":
            bad = [
                (u, "unknown")
                for u, c in zip(uniques, converted or [], strict=True)
                if c is None
            ]
        else:
            seen = np.unique(codes[(codes >= 0) & _none(out)])
            bad = [(uniques[i], "unknown") for i in seen.tolist()]
        bad = [b for b in bad if not _is_missing(b[0])]
        if bad:
            _raise_unmapped_target(bad, target, _tables())
    return _wrap(out, inp, numeric=target == "cown")


def _from_one(iso: object, year: float | None, target: str) -> object:
    if iso is None:
        return None
    t = _tables()
    code = str(iso)
    if target == "name":
        return t.names.get(code)
    if target == "cameo":
        if code in t.cameo_back:
            return t.cameo_back[code]
        return code if code in t.iso3166 else None
    if target == "polecat":
        if code in t.polecat_back:
            return t.polecat_back[code]
        return code if code in t.iso3166 else None
    cown = _cown_of(code, year)
    if target == "cown" or cown is None:
        return cown
    return t.abbrev.get(cown)


def _raise_unmapped_target(
    bad: list[tuple[object, str]], target: str, t: _Tables
) -> None:
    parts = []
    for value, _ in bad:
        code = str(value).strip().upper()
        if code not in t.states:
            guess = suggest(code, "state")
            why = (
                f"looks like a COW letter code; use convert(..., 'cowc', {target!r})"
                if code in t.letters
                else (f"did you mean {guess!r}?" if guess else "not an ISO3 code")
            )
        else:
            why = f"no {_SCHEME_LABEL[target]} code"
        parts.append(f"{value!r} ({why})")
    noun = "value" if len(bad) == 1 else "values"
    err = UnknownStateError(tuple(str(v) for v, _ in bad), f"the {target} scheme")
    err.args = (
        f"Cannot convert {len(bad)} ISO3 {noun} to {_SCHEME_LABEL[target]}: "
        + ", ".join(parts)
        + ".",
    )
    raise err


def convert(
    values: Any,
    source: Scheme,
    target: Scheme,
    *,
    year: Any = None,
    strict: bool = False,
) -> Any:
    r"""Convert country codes or names from scheme ``source`` to ``target``.

    The conversion goes through ISO3: ``from_iso3(to_iso3(values, source),
    target)`` with the same ``year``, except between COW numbers and COW
    letters, which the COW state list converts directly (``GFR`` is 260
    whatever the year).

    Parameters
    ----------
    values : scalar, list, numpy array or pandas Series
        The codes or names.
    source, target : {"cown", "cowc", "iso3", "name", "cameo", "polecat"}
        Their scheme and the scheme to convert to.
    year : int, array-like of int, or None, optional (default=None)
        The year of each value (see :func:`to_iso3`).
    strict : bool, optional (default=False)
        Raise for values that do not convert (missing inputs never raise).

    Returns
    -------
    same kind as ``values``
        The converted codes (see :func:`from_iso3`).

    Raises
    ------
    UnknownStateError
        With ``strict=True``, naming the values that do not convert.
    InvalidParameterError
        For an unknown scheme, or ``year`` of the wrong length.

    Examples
    --------
    >>> from middlepower.io.codes import convert
    >>> convert(["ROK", "GFR", "GDR", "USR"], "cowc", "cown")
    [732, 260, 265, None]
    >>> convert(["South Korea", "Viet Nam"], "name", "cowc", year=2000)
    ['ROK', 'DRV']
    """
    _check_scheme(source, "source scheme")
    _check_scheme(target, "target scheme")
    strict = check_bool(strict, "strict")
    if {source, target} == {"cown", "cowc"}:
        return _cow_to_cow(values, source, strict=strict)
    iso = to_iso3(values, source, year=year, strict=strict)
    if target == "iso3":
        return iso
    return from_iso3(iso, target, year=year, strict=strict)


def _cow_to_cow(values: Any, source: str, *, strict: bool) -> Any:
    """COW numbers to COW letters or back, through the COW state list."""
    inp = _as_input(values)
    codes, uniques = _factorize(inp.data)
    t = _tables()
    results = np.empty(len(uniques) + 1, dtype=object)
    results[-1] = None
    bad: list[tuple[object, str]] = []
    for i, value in enumerate(uniques):
        kind, number = _resolve(value, source)
        if kind != "cown":
            results[i] = None
            if kind != _MISSING:
                bad.append((value, kind))
        else:
            results[i] = number if source == "cowc" else t.abbrev.get(number)
    if strict and bad:
        _raise_unmapped(bad, source, "cown" if source == "cowc" else "cowc")
    return _wrap(results[codes], inp, numeric=source == "cowc")


# -- for the event readers ------------------------------------------------------


def _iso3_with_outcomes(
    uniques: list[object], source: str
) -> tuple[list[str | None], list[str]]:
    """ISO3 (present-day) and outcome per distinct value, for readers.

    The outcome is ``"ok"``, ``"missing"``, ``"non-state"`` or ``"unknown"``.
    """
    t = _tables()
    codes: list[str | None] = []
    outcomes: list[str] = []
    for value in uniques:
        kind, what = _resolve(value, source)
        if kind == "iso3":
            codes.append(what)
            outcomes.append("ok")
        elif kind == "cown":
            codes.append(t.spells[what].codes[-1])
            outcomes.append("ok")
        else:
            codes.append(None)
            outcomes.append(kind)
    return codes, outcomes
