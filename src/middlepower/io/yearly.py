r"""Relation graphs for any year from the public data sets (METHODS.md §8).

:func:`graph_for_year` turns alliance, contiguity, trade and rivalry data of
one year into a :class:`~middlepower.RelationGraph`; :func:`graphs_for_years`
does it for many years in one pass over each table. Each source is a path
(read with the matching reader) or a DataFrame (a reader's output, or the
canonical table of :mod:`middlepower.io.tables`).

Nodes are ISO 3166-1 alpha-3 codes (historical states: ISO 3166-3 where one
exists, else the COW letter code; :mod:`middlepower.io.codes`), year-aware
(COW 365 is ``SUN`` in 1980 and ``RUS`` in 2000). Every state in the COW
state system that year is a node, with or without ties.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

from middlepower._checks import check_file
from middlepower._optional import import_optional
from middlepower._tietable import KINDS, EvidenceColumn, trusted
from middlepower.exceptions import (
    DataFormatError,
    InvalidArgumentTypeError,
    InvalidParameterError,
    UnknownStateError,
)
from middlepower.graph import RelationGraph
from middlepower.io._csv import PathLike
from middlepower.io.cow import read_cow_states
from middlepower.io.tables import (
    OBLIGATIONS,
    alliance_obligations,
    contiguity_years,
    rivalry_spells,
    trade_flows,
    trade_totals,
)
from middlepower.models import Evidence, State, TieKind

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["graph_for_year", "graphs_for_years", "tie_strengths"]

Source = PathLike | Any  # a path or a pandas DataFrame

TRADE_UNIT = "million current USD"
"""Unit of the raw value of a trade tie (COW Trade v4.0)."""

_LADDER_KINDS = ("alliance", "neighbour", "rivalry")
_CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]{1,7}$")

# The data sets' own names of the obligations, for the evidence claims.
_RAW_NAMES = {
    "COW": {
        "defense": "defense",
        "neutrality": "neutrality",
        "nonaggression": "nonaggression",
        "entente": "entente",
    },
    "ATOP": {
        "defense": "defense",
        "offense": "offense",
        "neutrality": "neutral",
        "nonaggression": "nonagg",
        "consultation": "consul",
    },
}
_DATASET_NAMES = {"COW": "COW Formal Alliances", "ATOP": "ATOP"}
_CONTTYPE_TEXT = {
    1: "land or river",
    2: "water, 12 miles or less",
    3: "water, 24 miles or less",
    4: "water, 150 miles or less",
    5: "water, 400 miles or less",
}


# -- strengths -------------------------------------------------------------------


@functools.cache
def _default_ladder() -> tuple[tuple[str, str, float], ...]:
    path = (
        resources.files("middlepower.datasets") / "data" / "strengths" / "strengths.csv"
    )
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    return tuple((r["kind"], r["code"], float(r["strength"])) for r in rows)


def tie_strengths(
    strengths: Mapping[str, Mapping[Any, float]] | PathLike | None = None,
) -> dict[str, dict[str, float]]:
    r"""Return the strength ladder: defaults, with ``strengths`` applied on top.

    The defaults (METHODS.md §8) are in the cited data file
    ``middlepower/datasets/data/strengths/strengths.csv``:

    =========  ===============================================  ========
    kind       code                                             strength
    =========  ===============================================  ========
    alliance   defense, offense                                 1.0
    alliance   neutrality, nonaggression                        0.5
    alliance   entente, consultation                            0.25
    neighbour  COW contiguity type 1, 2, 3, 4, 5                1.0, 0.8, 0.6, 0.4, 0.2
    rivalry    strategic                                        1.0
    =========  ===============================================  ========

    Parameters
    ----------
    strengths : mapping or str or os.PathLike, optional
        Overrides: a mapping ``{kind: {code: strength}}`` (e.g.
        ``{"alliance": {"entente": 0.5}, "neighbour": {4: 0.5}}``) or a CSV
        with the columns ``kind, code, strength``. Codes left out keep their
        default.

    Returns
    -------
    dict
        ``{kind: {code: strength}}`` for ``alliance``, ``neighbour`` and
        ``rivalry`` (codes as strings).

    Raises
    ------
    InvalidParameterError
        For an unknown kind or code, or a strength outside :math:`[0, 1]`.

    Examples
    --------
    >>> from middlepower.io import tie_strengths
    >>> tie_strengths()["alliance"]["neutrality"], tie_strengths()["neighbour"]["4"]
    (0.5, 0.4)
    >>> tie_strengths({"neighbour": {4: 0.5}})["neighbour"]["4"]
    0.5
    """
    ladder: dict[str, dict[str, float]] = {k: {} for k in _LADDER_KINDS}
    for kind, code, value in _default_ladder():
        ladder[kind][code] = value
    if strengths is None:
        return ladder
    if isinstance(strengths, str | os.PathLike):
        overrides: dict[str, dict[str, Any]] = {}
        from_file = True
        path = check_file(strengths, "strengths", "Strengths file")
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            need = {"kind", "code", "strength"}
            if not need <= set(reader.fieldnames or ()):
                raise DataFormatError(
                    os.fspath(strengths),
                    "the strengths file needs the columns kind, code, strength",
                    missing=sorted(need - set(reader.fieldnames or ())),
                )
            for row in reader:
                overrides.setdefault(row["kind"].strip(), {})[row["code"].strip()] = (
                    row["strength"]
                )
    elif isinstance(strengths, Mapping):
        from_file = False
        overrides = {}
        for k, v in strengths.items():
            if not isinstance(v, Mapping):
                raise InvalidArgumentTypeError(
                    f"strengths[{k!r}] must be a mapping of codes to strengths "
                    f"(e.g. {{'defense': 1.0}}), not {type(v).__name__}."
                )
            overrides[str(k)] = dict(v)
    else:
        raise InvalidArgumentTypeError(
            "strengths must be a mapping or a CSV path, not "
            f"{type(strengths).__name__}."
        )
    for kind, codes in overrides.items():
        if kind not in ladder:
            raise InvalidParameterError(
                f"Unknown kind {kind!r} in strengths; expected one of "
                + ", ".join(map(repr, _LADDER_KINDS))
                + "."
            )
        for code, value in codes.items():
            key = str(code).strip()
            if key not in ladder[kind]:
                raise InvalidParameterError(
                    f"Unknown {kind} code {code!r} in strengths; expected one of "
                    + ", ".join(map(repr, ladder[kind]))
                    + "."
                )
            # a CSV file gives text; a mapping must give numbers
            number = math.nan
            if from_file or isinstance(value, int | float | np.number):
                try:
                    number = float(value)
                except (TypeError, ValueError):
                    pass
            if isinstance(value, bool) or not (0.0 <= number <= 1.0):
                raise InvalidParameterError(
                    f"Strength of {kind} {key!r} must be a number in [0, 1], "
                    f"not {value!r}."
                )
            ladder[kind][key] = number
    return ladder


# -- trusted construction ------------------------------------------------------------


def _evidence(source: str, title: str, locator: str, claim: str) -> Evidence:
    ev: Evidence = trusted(
        Evidence,
        {
            "source": source,
            "title": title,
            "published": None,
            "url": None,
            "locator": locator,
            "claim": claim,
            "confidence": None,
        },
    )
    return ev


# -- preparation: one table per kind, all years, as numpy columns ---------------------


@dataclass
class _Text:
    """The text of one source table's rows, formatted for the rows asked for.

    ``frame`` holds the columns ``claim`` reads (``claim(frame.iloc[rows])``
    gives the one-line raw values of those rows), ``key`` the row keys as a
    pyarrow string array. Nothing is formatted until a tie's evidence is
    asked for.
    """

    frame: pd.DataFrame
    claim: Callable[[pd.DataFrame], np.ndarray]
    key: Any

    def claims(self, rows: np.ndarray) -> np.ndarray:
        return self.claim(self.frame.iloc[rows])

    def keys(self, rows: np.ndarray) -> np.ndarray:
        out: np.ndarray = self.key.take(pa_indices(rows)).to_numpy(zero_copy_only=False)
        return out


def pa_indices(rows: np.ndarray) -> Any:
    return _pa().array(np.asarray(rows, dtype=np.int64))


@dataclass
class _Rows:
    """One kind's rows over all years, sorted by year (numpy columns).

    ``value`` is the strength for alliance/neighbour/rivalry rows and the raw
    trade value (USD millions) for trade rows; ``src`` indexes the data set;
    row ``i`` comes from row ``orig[i]`` of the source table
    ``texts[part[i]]`` (its claim and key are made on demand).
    """

    kind: TieKind
    year: np.ndarray
    c1: np.ndarray
    c2: np.ndarray
    value: np.ndarray
    src: np.ndarray
    part: np.ndarray
    orig: np.ndarray
    texts: list[_Text]
    a: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    b: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))

    def __post_init__(self) -> None:
        order = np.argsort(self.year, kind="stable")
        for name in ("year", "c1", "c2", "value", "src", "part", "orig"):
            setattr(self, name, np.asarray(getattr(self, name))[order])

    def span(self, year: int) -> slice:
        lo = int(np.searchsorted(self.year, year, side="left"))
        hi = int(np.searchsorted(self.year, year, side="right"))
        return slice(lo, hi)

    def _text(self, rows: np.ndarray, what: str) -> np.ndarray:
        out = np.empty(len(rows), dtype=object)
        part, orig = self.part[rows], self.orig[rows]
        for p in np.unique(part).tolist():
            sel = np.flatnonzero(part == p)
            text = self.texts[p]
            out[sel] = (text.claims if what == "claims" else text.keys)(orig[sel])
        return out

    def claims(self, rows: np.ndarray) -> np.ndarray:
        """Return the claims (one-line raw values) of ``rows``."""
        return self._text(rows, "claims")

    def keys(self, rows: np.ndarray) -> np.ndarray:
        """Return the source row keys of ``rows``."""
        return self._text(rows, "keys")


@dataclass(frozen=True)
class _DataSet:
    source: str  # Evidence.source
    title: str  # Evidence.title
    version: str

    @property
    def prefix(self) -> str:
        return f"version {self.version}; " if self.version else ""


@dataclass
class _Prepared:
    years: tuple[int, ...]
    rows: list[_Rows]
    datasets: list[_DataSet]
    states: _States
    totals: _Rows | None
    iso: np.ndarray  # ISO3 code of each id (object array, sorted)
    keys: np.ndarray  # sorted COW number * 10_000 + year
    ids: np.ndarray  # ISO3 id of each key
    made: dict[tuple[Any, ...], State] = field(default_factory=dict)  # nodes made

    def state(self, code: str, name: str, cow: int | None, note: str | None) -> State:
        """Return the validated State with these fields (made once per run)."""
        key = (code, name, cow, note)
        found = self.made.get(key)
        if found is None:
            found = self.made[key] = State(code=code, name=name, cow=cow, note=note)
        return found


def _pa() -> Any:
    return import_optional("pyarrow", "data", "graph_for_year")


def _pc() -> Any:
    return import_optional("pyarrow.compute", "data", "graph_for_year")


def _is_frame(obj: Any) -> bool:
    pd_ = import_optional("pandas", "data", "graph_for_year")
    return isinstance(obj, pd_.DataFrame)


def _canonical(
    source: Source, table: str, build: Any, years: tuple[int, ...]
) -> pd.DataFrame:
    """Return the canonical table of a source (path, reader or canonical frame)."""
    attrs = getattr(source, "attrs", None) if _is_frame(source) else None
    if attrs is not None and attrs.get("table") == table:
        frame: pd.DataFrame = source
        if table != "rivalry_spells":
            keep = frame["year"].isin(list(years)).fillna(False).to_numpy()
            frame = frame[keep]
        return frame
    if table == "rivalry_spells":
        out: pd.DataFrame = build(source)
    else:
        out = build(source, years=years)
    return out


def _s(values: Any) -> Any:
    """Return a column as a pyarrow string array, missing values as ``NA``."""
    pa, pc = _pa(), _pc()
    arr = values if isinstance(values, pa.Array | pa.ChunkedArray) else None
    if arr is None:
        arr = pa.array(
            np.asarray(values) if isinstance(values, np.ndarray) else values,
            from_pandas=True,
        )
    if not pa.types.is_string(arr.type):
        arr = pc.cast(arr, pa.string())
    return pc.fill_null(arr, "NA")


def _cat(*parts: Any) -> np.ndarray:
    """Element-wise concatenation (pyarrow) of string arrays and scalars."""
    out = _pc().binary_join_element_wise(*parts, "")
    result: np.ndarray = out.to_numpy(zero_copy_only=False)
    return result


def _first(column: Any) -> str:
    values = column.dropna()
    return str(values.iloc[0]) if len(values) else ""


def _dataset(
    datasets: list[_DataSet], source: str, df: pd.DataFrame, default_title: str
) -> int:
    datasets.append(
        _DataSet(
            source, str(df.attrs.get("title", default_title)), _first(df["version"])
        )
    )
    return len(datasets) - 1


def _rows(kind: TieKind, parts: list[tuple[Any, ...]]) -> _Rows:
    """Stack parts ``(year, c1, c2, value, src, orig, keep, text)``."""
    cols: list[list[np.ndarray]] = [[] for _ in range(7)]
    texts = []
    for p, part in enumerate(parts):
        keep = np.asarray(part[6], dtype=bool)
        for i in range(6):
            cols[i].append(np.asarray(part[i])[keep])
        cols[6].append(np.full(int(keep.sum()), p, dtype=np.int64))
        texts.append(part[7])
    kinds = (np.int64, np.int64, np.int64, np.float64, np.int64, np.int64, np.int64)
    arrays = [
        np.concatenate(c).astype(t, copy=False) if c else np.empty(0, dtype=t)
        for c, t in zip(cols, kinds, strict=True)
    ]
    year, c1, c2, value, src, orig, part_ = arrays
    return _Rows(kind, year, c1, c2, value, src, part_, orig, texts)


def _codes(df: pd.DataFrame, column: str) -> np.ndarray:
    out: np.ndarray = df[column].to_numpy(dtype=np.int64)
    return out


def _alliance_claims(df: pd.DataFrame, raw: Mapping[str, str]) -> np.ndarray:
    """``2->732: defense=1 offense=0 ...`` for each row of an alliance table."""
    pa = _pa()
    pieces: list[Any] = []
    for ob in OBLIGATIONS:
        if ob not in raw:
            continue
        flag = df[ob].to_numpy(dtype=float, na_value=np.nan)
        text = np.where(np.isnan(flag), "NA", np.where(flag == 1, "1", "0"))
        pieces += [
            " " if pieces else "",
            f"{raw[ob]}=",
            pa.array(text, pa.string()),
        ]
    directed = df["directed"].to_numpy(dtype=bool)
    arrow = pa.array(np.where(directed, "->", "-"), pa.string())
    return _cat(_s(df["ccode1"]), arrow, _s(df["ccode2"]), ": ", *pieces)


def _alliance_rows(
    frames: list[pd.DataFrame], ladder: Mapping[str, float], datasets: list[_DataSet]
) -> _Rows:
    parts = []
    for df in frames:
        dataset = _first(df["dataset"]) or "COW"
        raw = _RAW_NAMES.get(dataset, _RAW_NAMES["ATOP"])
        strength = np.zeros(len(df))
        for ob in OBLIGATIONS:
            if ob not in raw:
                continue
            flag = df[ob].to_numpy(dtype=float, na_value=np.nan)
            strength = np.maximum(strength, np.where(flag == 1, ladder[ob], 0.0))
        src = _dataset(datasets, _DATASET_NAMES.get(dataset, dataset), df, dataset)
        columns = ["ccode1", "ccode2", "directed"]
        columns += [o for o in OBLIGATIONS if o in raw]
        claims = functools.partial(_alliance_claims, raw=raw)
        text = _Text(df[columns], claims, _s(df["row_key"]))
        parts.append(
            (
                _codes(df, "year"),
                _codes(df, "ccode1"),
                _codes(df, "ccode2"),
                strength,
                np.full(len(df), src),
                np.arange(len(df)),
                strength > 0,
                text,
            )
        )
    return _rows(TieKind.ALLIANCE, parts)


def _neighbour_claims(df: pd.DataFrame) -> np.ndarray:
    """``732-740: conttype=4 (water, 150 miles or less); spell ...`` per row."""
    pa, pc = _pa(), _pc()
    conttype = np.clip(_codes(df, "conttype"), 0, 5)
    text = np.array([_CONTTYPE_TEXT.get(t, "") for t in range(6)], dtype=object)
    spell = pc.if_else(
        pa.array(df["begin"].isna().to_numpy()),
        "",
        pc.binary_join_element_wise(
            "; spell ", _s(df["begin"]), "-", _s(df["end"]), ""
        ),
    )
    return _cat(
        _s(df["ccode1"]),
        "-",
        _s(df["ccode2"]),
        ": conttype=",
        _s(conttype),
        " (",
        pa.array(text[conttype], pa.string()),
        ")",
        spell,
    )


def _neighbour_rows(
    df: pd.DataFrame, ladder: Mapping[str, float], datasets: list[_DataSet]
) -> _Rows:
    conttype = np.clip(_codes(df, "conttype"), 0, 5)
    strength = np.array([ladder.get(str(t), 0.0) for t in range(6)])[conttype]
    src = _dataset(datasets, "COW Direct Contiguity", df, "COW Direct Contiguity")
    columns = ["ccode1", "ccode2", "conttype", "begin", "end"]
    part = (
        _codes(df, "year"),
        _codes(df, "ccode1"),
        _codes(df, "ccode2"),
        strength,
        np.full(len(df), src),
        np.arange(len(df)),
        strength > 0,
        _Text(df[columns], _neighbour_claims, _s(df["row_key"])),
    )
    return _rows(TieKind.NEIGHBOUR, [part])


def _rivalry_names(df: pd.DataFrame) -> Any:
    return _pc().fill_null(_s_nullable(df["name"]), "rivalry")


def _rivalry_claims(df: pd.DataFrame) -> np.ndarray:
    """``2-710: China-United States 2 (positional, principal), 1996-2020`` per row."""
    pc = _pc()
    types = _s_nullable(df["types"])
    type_text = pc.if_else(
        pc.is_null(types), "", pc.binary_join_element_wise(" (", types, ")", "")
    )
    end_text = pc.fill_null(_s_nullable(df["end"]), "ongoing")
    return _cat(
        _s(df["ccode1"]),
        "-",
        _s(df["ccode2"]),
        ": ",
        _rivalry_names(df),
        type_text,
        ", ",
        _s(df["start"]),
        "-",
        end_text,
    )


def _rivalry_rows(
    df: pd.DataFrame,
    years: tuple[int, ...],
    ladder: Mapping[str, float],
    datasets: list[_DataSet],
) -> _Rows:
    pc = _pc()
    wanted = np.asarray(sorted(years), dtype=np.int64)
    start = _codes(df, "start")
    end = df["end"].to_numpy(dtype=np.int64, na_value=int(wanted[-1]))  # NA: ongoing
    lo = np.maximum(start, wanted[0])
    hi = np.minimum(end, wanted[-1])
    span = np.maximum(hi - lo + 1, 0)
    idx = np.repeat(np.arange(len(df)), span)
    offsets = np.repeat(np.cumsum(span) - span, span)
    year = lo[idx] + (np.arange(len(idx)) - offsets)
    keep = np.isin(year, wanted)
    idx, year = idx[keep], year[keep]
    names = _rivalry_names(df)
    bad = pc.match_substring_regex(names, r"[\r\n]")
    if pc.any(bad).as_py():
        i = int(pc.index(bad, True).as_py())
        raise DataFormatError(
            str(df.attrs.get("path", "<DataFrame>")),
            f"rivalry name {names[i].as_py()!r} spans several lines",
        )
    source = _first(df["dataset"]) or "Rivalries"
    src = _dataset(datasets, source, df, source)
    strength = np.full(len(idx), float(ladder["strategic"]))
    columns = ["ccode1", "ccode2", "name", "types", "start", "end"]
    part = (
        year,
        _codes(df, "ccode1")[idx],
        _codes(df, "ccode2")[idx],
        strength,
        np.full(len(idx), src),
        idx,
        strength > 0,
        _Text(df[columns], _rivalry_claims, _s(df["row_key"])),
    )
    return _rows(TieKind.RIVALRY, [part])


def _s_nullable(values: Any) -> Any:
    pa, pc = _pa(), _pc()
    arr = pa.array(values, from_pandas=True)
    return arr if pa.types.is_string(arr.type) else pc.cast(arr, pa.string())


def _trade_claims(df: pd.DataFrame) -> np.ndarray:
    """``732 imports from 710 = ..., exports to 710 = ... (...)`` per row."""
    c1, c2 = _s(df["ccode1"]), _s(df["ccode2"])
    return _cat(
        c1, " imports from ", c2, " = ", _s(df["imports"]),
        ", exports to ", c2, " = ", _s(df["exports"]),
        f" ({TRADE_UNIT}, COW flow1/flow2)",
    )  # fmt: skip


def _trade_rows(df: pd.DataFrame, datasets: list[_DataSet]) -> _Rows:
    value = df["trade"].to_numpy(dtype=float, na_value=np.nan)
    keep = value > 0
    src = _dataset(datasets, "COW Trade", df, "COW Trade")
    columns = ["ccode1", "ccode2", "imports", "exports"]
    part = (
        _codes(df, "year"),
        _codes(df, "ccode1"),
        _codes(df, "ccode2"),
        value,
        np.full(len(df), src),
        np.arange(len(df)),
        keep,
        _Text(df[columns], _trade_claims, _s(df["row_key"])),
    )
    return _rows(TieKind.TRADE, [part])


def _totals_rows(df: pd.DataFrame) -> _Rows:
    n = len(df)
    codes = _codes(df, "ccode")
    zeros = np.zeros(n, dtype=np.int64)
    return _Rows(
        TieKind.TRADE,
        _codes(df, "year"),
        codes,
        codes,
        df["total"].to_numpy(dtype=float, na_value=np.nan),
        zeros,
        zeros,
        np.arange(n, dtype=np.int64),
        [],
    )


@dataclass
class _States:
    """The COW states list as numpy columns (one row per membership spell)."""

    ccode: np.ndarray
    styear: np.ndarray
    endyear: np.ndarray
    end: np.ndarray  # endyear * 10_000 + endmonth * 100 + endday
    open_end: np.ndarray  # membership runs to the list's last day
    names: list[str]

    @classmethod
    def of(cls, states: pd.DataFrame) -> _States:
        endyear = _codes(states, "endyear")
        month, day = _codes(states, "endmonth"), _codes(states, "endday")
        last = int(endyear.max()) if len(endyear) else 0
        return cls(
            _codes(states, "ccode"),
            _codes(states, "styear"),
            endyear,
            endyear * 10_000 + month * 100 + day,
            (endyear == last) & (month == 12) & (day == 31),
            states["statenme"].astype(str).tolist(),
        )

    def members(self, year: int) -> np.ndarray:
        """Rows of the states in the system in ``year`` (one per state, in order).

        The list ends in 2016: for later years, the states whose membership
        runs to its last day (31 Dec 2016) count as members. A state with
        several spells that year keeps its last row.
        """
        inside = np.flatnonzero(
            (self.styear <= year) & ((self.endyear >= year) | self.open_end)
        )
        codes = self.ccode[inside][::-1]
        _, last = np.unique(codes, return_index=True)
        out: np.ndarray = np.sort(inside[::-1][last])
        return out


def _states_frame(states: Source | None) -> pd.DataFrame:
    if states is None:
        return read_cow_states()
    if _is_frame(states):
        frame: pd.DataFrame = states
        return frame
    return read_cow_states(states)


def _prepare(
    years: Iterable[int],
    *,
    alliances: Source | None,
    atop: Source | None,
    contiguity: Source | None,
    trade: Source | None,
    rivalries: Source | None,
    states: Source | None,
    totals: Source | None,
    strengths: Any,
) -> _Prepared:
    if isinstance(years, int | np.integer | str | bytes) or not isinstance(
        years, Iterable
    ):
        raise InvalidArgumentTypeError(
            f"years must be an iterable of years, not {years!r}."
        )
    wanted = tuple(sorted({_year(y) for y in years}))
    if not wanted:
        raise InvalidParameterError("No year given.")
    ladder = tie_strengths(strengths)
    datasets: list[_DataSet] = []
    rows: list[_Rows] = []
    frames = [
        _canonical(s, "alliance_obligations", alliance_obligations, wanted)
        for s in (alliances, atop)
        if s is not None
    ]
    if frames:
        rows.append(_alliance_rows(frames, ladder["alliance"], datasets))
    if contiguity is not None:
        df = _canonical(contiguity, "contiguity_years", contiguity_years, wanted)
        rows.append(_neighbour_rows(df, ladder["neighbour"], datasets))
    if rivalries is not None:
        df = _canonical(rivalries, "rivalry_spells", rivalry_spells, wanted)
        rows.append(_rivalry_rows(df, wanted, ladder["rivalry"], datasets))
    if trade is not None:
        df = _canonical(trade, "trade_flows", trade_flows, wanted)
        rows.append(_trade_rows(df, datasets))
    total_rows = None
    if totals is not None:
        total_rows = _totals_rows(
            _canonical(totals, "trade_totals", trade_totals, wanted)
        )
    st = _States.of(_states_frame(states))
    # One ISO3 lookup for every (COW number, year) a table or a node needs.
    needed = [np.empty(0, np.int64)]
    for r in [*rows, *([total_rows] if total_rows is not None else [])]:
        needed += [r.c1 * 10_000 + r.year, r.c2 * 10_000 + r.year]
    for y in wanted:
        needed.append(st.ccode[st.members(y)] * 10_000 + y)
    keys = np.unique(np.concatenate(needed))
    iso, ids = _iso_ids(keys)
    prepared = _Prepared(wanted, rows, datasets, st, total_rows, iso, keys, ids)
    for r in [*rows, *([total_rows] if total_rows is not None else [])]:
        r.a = _lookup(prepared, r.c1 * 10_000 + r.year)
        r.b = _lookup(prepared, r.c2 * 10_000 + r.year)
    return prepared


def _iso_ids(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """ISO3 codes (sorted) and the id of each ``COW number * 10_000 + year``."""
    from middlepower.io.codes import to_iso3

    if not len(keys):
        return np.empty(0, dtype=object), np.empty(0, dtype=np.int64)
    cown = keys // 10_000
    iso = np.asarray(to_iso3(cown, "cown", year=keys % 10_000), dtype=object)
    missing = np.array([v is None for v in iso.tolist()], dtype=bool)
    if missing.any():
        bad = sorted({int(c) for c in cown[missing]})
        raise UnknownStateError(
            tuple(str(c) for c in bad), "the country-code tables (COW state numbers)"
        )
    names, ids = np.unique(iso.astype(str), return_inverse=True)
    bad_codes = [c for c in names.tolist() if not _CODE_RE.match(c)]
    if bad_codes:  # pragma: no cover - the code tables are checked by their tests
        raise UnknownStateError(tuple(bad_codes), "the state-code pattern")
    return names.astype(object), ids.astype(np.int64)


def _lookup(prepared: _Prepared, key: np.ndarray) -> np.ndarray:
    """ISO3 ids of ``COW number * 10_000 + year`` keys that were prepared."""
    out: np.ndarray = prepared.ids[np.searchsorted(prepared.keys, key)]
    return out


def _year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise InvalidArgumentTypeError(f"A year must be an integer, not {value!r}.")
    y = int(value)
    if not 1400 <= y <= 2100:
        raise InvalidParameterError(f"Year {y} is outside 1400-2100.")
    return y


# -- building one year ---------------------------------------------------------


@dataclass
class _Groups:
    """The ties of one kind and year: one group of source rows per tie."""

    u: np.ndarray  # iso id of source
    v: np.ndarray  # iso id of target
    rows: np.ndarray  # row index (into _Rows) of the first row of each group
    order: np.ndarray  # row indices sorted by group
    starts: np.ndarray
    sizes: np.ndarray


def _group(r: _Rows, year: int, symmetric: bool, m: int) -> tuple[_Groups, np.ndarray]:
    sl = r.span(year)
    a, b = r.a[sl], r.b[sl]
    if symmetric:
        a, b = np.minimum(a, b), np.maximum(a, b)
    key = a * m + b
    order = np.argsort(key, kind="stable")
    ks = key[order]
    if len(ks):
        starts = np.flatnonzero(np.r_[True, ks[1:] != ks[:-1]])
    else:
        starts = np.empty(0, dtype=np.int64)
    sizes = np.diff(np.r_[starts, len(ks)])
    first = order[starts]
    groups = _Groups(
        a[first], b[first], first + sl.start, order + sl.start, starts, sizes
    )
    return groups, r.value[sl][order]


class _LazyEvidence:
    """The evidence of one kind's ties in one year, made when asked for.

    A part of the graph's :class:`~middlepower._tietable.EvidenceColumn`:
    called with tie numbers (positions in ``groups``), it formats the claims
    and keys of their source rows and returns one tuple of
    :class:`~middlepower.Evidence` per tie: one citation for a tie from one
    row; for a tie merged from several rows, one per data set, keys joined
    by ``" | "`` and claims by ``"; "``. ``trade`` holds, per tie, what the
    trade claim adds (the ends, the value, the total and its basis).
    """

    def __init__(
        self,
        rows: _Rows,
        groups: _Groups,
        datasets: list[_DataSet],
        trade: tuple[np.ndarray, ...] | None = None,
    ) -> None:
        self.rows = rows
        self.groups = groups
        self.datasets = datasets
        self.trade = trade

    @staticmethod
    def _suffix(trade: tuple[np.ndarray, ...], ties: np.ndarray) -> np.ndarray:
        """Return what a trade tie's claim adds: its share and the total's basis."""
        pa, pc = _pa(), _pc()
        iso_u, iso_v, value, denom, basis = (x[ties] for x in trade)
        value_text = pc.cast(pa.array(value), pa.string()).to_numpy(
            zero_copy_only=False
        )
        denom_text = pc.cast(pa.array(denom), pa.string()).to_numpy(
            zero_copy_only=False
        )
        out: np.ndarray = (
            "; " + iso_u + " trade with " + iso_v + " " + value_text
            + " of its total " + denom_text + basis
        )  # fmt: skip
        return out

    def __call__(self, ties: np.ndarray) -> list[tuple[Evidence, ...]]:
        n = len(ties)
        if not n:
            return []
        r, g, datasets = self.rows, self.groups, self.datasets
        sizes = g.sizes[ties]
        offsets = np.cumsum(sizes) - sizes
        within = np.arange(int(sizes.sum())) - np.repeat(offsets, sizes)
        idx = g.order[np.repeat(g.starts[ties], sizes) + within]
        claims, keys, src = r.claims(idx), r.keys(idx), r.src[idx]
        suffix = None if self.trade is None else self._suffix(self.trade, ties)
        names = [(d.source, d.title) for d in datasets]
        prefix = np.array([d.prefix for d in datasets], dtype=object)
        out: list[tuple[Evidence, ...]] = [()] * n
        single = np.flatnonzero(sizes == 1)
        at = offsets[single]
        locators = (prefix[src[at]] + keys[at]).tolist()
        texts = claims[at] if suffix is None else claims[at] + suffix[single]
        for i, k, loc, claim in zip(
            single.tolist(), src[at].tolist(), locators, texts.tolist(), strict=True
        ):
            source, title = names[k]
            out[i] = (_evidence(source, title, loc, claim),)
        for i in np.flatnonzero(sizes > 1).tolist():
            lo, hi = int(offsets[i]), int(offsets[i] + sizes[i])
            s, kk, cc = src[lo:hi], keys[lo:hi], claims[lo:hi]
            evs = []
            for d_ in dict.fromkeys(s.tolist()):
                sel = s == d_
                d = datasets[d_]
                evs.append(
                    _evidence(
                        d.source,
                        d.title,
                        d.prefix + " | ".join(kk[sel].tolist()),
                        "; ".join(cc[sel].tolist()),
                    )
                )
            if suffix is not None:
                e = evs[0]
                claim = (e.claim or "") + suffix[i]
                evs[0] = _evidence(e.source, e.title or "", e.locator or "", claim)
            out[i] = tuple(evs)
        return out


@dataclass
class _Block:
    """The ties of one kind in one year as columns (ends as ISO3 ids)."""

    kind: TieKind
    directed: bool
    u: np.ndarray
    v: np.ndarray
    strength: np.ndarray
    value: np.ndarray  # raw values (trade), nan for none
    evidence: EvidenceColumn


def _check_strengths(values: np.ndarray, kind: TieKind) -> None:
    if len(values) and not (
        np.all(np.isfinite(values)) and values.min() >= 0 and values.max() <= 1
    ):
        raise InvalidParameterError(  # pragma: no cover - guarded by the ladder checks
            f"{kind.value} strengths outside [0, 1]."
        )


def _drop_self(g: _Groups, *values: np.ndarray) -> tuple[_Groups, list[np.ndarray]]:
    """Drop the groups joining an ISO3 state to itself (two COW numbers)."""
    keep = g.u != g.v
    if keep.all():
        return g, list(values)
    g = _Groups(
        g.u[keep], g.v[keep], g.rows[keep], g.order, g.starts[keep], g.sizes[keep]
    )
    return g, [x[keep] for x in values]


def _block_symmetric(r: _Rows, year: int, prepared: _Prepared) -> _Block | None:
    g, value = _group(r, year, True, len(prepared.iso))
    if not len(g.u):
        return None
    g, (strength,) = _drop_self(g, np.maximum.reduceat(value, g.starts))
    _check_strengths(strength, r.kind)
    n = len(g.u)
    return _Block(
        r.kind,
        False,
        g.u,
        g.v,
        strength,
        np.full(n, np.nan),
        EvidenceColumn.lazy(_LazyEvidence(r, g, prepared.datasets), n),
    )


def _block_trade(r: _Rows, year: int, prepared: _Prepared) -> _Block | None:
    m = len(prepared.iso)
    g, raw = _group(r, year, False, m)
    if not len(g.u):
        return None
    g, (value,) = _drop_self(g, np.add.reduceat(raw, g.starts))
    dyadic = np.bincount(g.u, weights=value, minlength=m)
    national = np.full(m, np.nan)
    t = prepared.totals
    if t is not None:
        tsl = t.span(year)
        ok = ~np.isnan(t.value[tsl])
        ta = t.a[tsl][ok]
        national[np.unique(ta)] = 0.0
        np.add.at(national, ta, t.value[tsl][ok])
    use_national = ~np.isnan(national) & (national >= dyadic)
    denom = np.where(use_national, national, dyadic)
    if t is None:
        basis = np.full(m, " (sum of its dyadic trade)", dtype=object)
    else:
        basis = np.where(
            np.isnan(national),
            " (sum of its dyadic trade; no national total)",
            np.where(
                use_national,
                " (national total)",
                " (sum of its dyadic trade, above its national total)",
            ),
        ).astype(object)
    strength = np.minimum(value / denom[g.u], 1.0)
    _check_strengths(strength, r.kind)
    trade = (prepared.iso[g.u], prepared.iso[g.v], value, denom[g.u], basis[g.u])
    n = len(g.u)
    return _Block(
        TieKind.TRADE,
        True,
        g.u,
        g.v,
        strength,
        value,
        EvidenceColumn.lazy(_LazyEvidence(r, g, prepared.datasets, trade), n),
    )


def _nodes(
    prepared: _Prepared, year: int, used: np.ndarray
) -> tuple[list[State], list[int]]:
    """Return the nodes of ``year`` and their ISO3 ids (``used``: tie ends)."""
    st = prepared.states
    members = st.members(year)
    ccodes = st.ccode[members]
    ids = _lookup(prepared, ccodes * 10_000 + year)
    names = [st.names[i] for i in members.tolist()]
    ends = st.end[members]
    by_id: dict[int, list[tuple[int, int, str]]] = {}
    for i, c, n, e in zip(
        ids.tolist(), ccodes.tolist(), names, ends.tolist(), strict=True
    ):
        by_id.setdefault(i, []).append((e, c, n))
    states = []
    for i, entries in by_id.items():
        entries.sort()
        _, cow, name = entries[-1]  # the member on 31 December (or last) wins
        note = None
        if len(entries) > 1:
            others = ", ".join(f"{c} ({n})" for _, c, n in entries[:-1])
            note = f"also COW {others} in {year}: one ISO3 code that year"
        states.append(prepared.state(str(prepared.iso[i]), name, cow, note))
    order = list(by_id)
    missing = [i for i in used.tolist() if i not in by_id]  # sorted by code
    if missing:
        codes = [str(prepared.iso[i]) for i in missing]
        states += _outsiders(prepared, year, codes)
        order += missing
    return states, order


def _outsiders(prepared: _Prepared, year: int, codes: list[str]) -> list[State]:
    """Nodes for tie ends outside the state system that year."""
    from middlepower.io.codes import to_iso3

    st = prepared.states
    ccodes = st.ccode
    iso = to_iso3(ccodes, "cown", year=np.full(len(ccodes), year))
    names = st.names
    found: dict[str, tuple[int, str]] = {}
    for code, c, n in zip(iso.tolist(), ccodes.tolist(), names, strict=True):
        if code is not None:
            found.setdefault(str(code), (c, n))
    out = []
    for code in codes:
        cow, name = found.get(code, (None, code))
        note = f"not a member of the COW state system in {year} (states2016)"
        out.append(prepared.state(code, name, cow, note))
    return out


_KIND_CODE = {k: i for i, k in enumerate(KINDS)}


def _build(prepared: _Prepared, year: int) -> RelationGraph:
    """Return the graph of ``year`` (columns to the checking fast constructor)."""
    blocks = []
    for r in prepared.rows:
        make = _block_trade if r.kind is TieKind.TRADE else _block_symmetric
        block = make(r, year, prepared)
        if block is not None:
            blocks.append(block)
    none = np.empty(0, dtype=np.int64)
    u = np.concatenate([none, *(b.u for b in blocks)])
    v = np.concatenate([none, *(b.v for b in blocks)])
    states, ids = _nodes(prepared, year, np.unique(np.concatenate([u, v])))
    where = np.full(len(prepared.iso), -1, dtype=np.intp)
    where[np.asarray(ids, dtype=np.intp)] = np.arange(len(ids))
    sizes = [len(b.u) for b in blocks]
    value = np.concatenate([np.empty(0), *(b.value for b in blocks)])
    unit = np.full(len(value), None, dtype=object)
    unit[~np.isnan(value)] = TRADE_UNIT
    return RelationGraph._from_columns(
        states,
        source=where[u],
        target=where[v],
        kind=np.repeat([_KIND_CODE[b.kind] for b in blocks], sizes).astype(np.intp),
        strength=np.concatenate([np.empty(0), *(b.strength for b in blocks)]),
        directed=np.repeat([b.directed for b in blocks], sizes).astype(bool),
        start=dt.date(year, 1, 1).toordinal(),
        end=dt.date(year, 12, 31).toordinal(),
        value=value,
        unit=unit,
        evidence=EvidenceColumn.concat([b.evidence for b in blocks]),
        name=str(year),
    )


# -- public -----------------------------------------------------------------------


def graphs_for_years(
    years: Iterable[int],
    *,
    alliances: Source | None = None,
    atop: Source | None = None,
    contiguity: Source | None = None,
    trade: Source | None = None,
    rivalries: Source | None = None,
    states: Source | None = None,
    trade_totals: Source | None = None,
    strengths: Mapping[str, Mapping[Any, float]] | PathLike | None = None,
) -> dict[int, RelationGraph]:
    r"""Relation graphs for many years, reading and canonicalising each table once.

    Same sources and rules as :func:`graph_for_year`; each file is read once,
    put into its canonical table for all the years asked for, and split by
    year (one pass over each table, not one per year).

    Parameters
    ----------
    years : iterable of int
        The years (duplicates ignored).
    alliances, atop, contiguity, trade, rivalries, states, trade_totals
        As in :func:`graph_for_year`.
    strengths : mapping or path, optional
        As in :func:`graph_for_year`.

    Returns
    -------
    dict of int to RelationGraph
        One graph per year, in increasing year order (built eagerly).

    Raises
    ------
    DataFormatError
        For a file not in the expected format.
    UnknownStateError
        For a COW state number the country-code tables do not know.
    InvalidParameterError
        For a bad year or strength.

    Examples
    --------
    >>> from middlepower.io import graphs_for_years
    >>> graphs = graphs_for_years([1946, 2012])
    >>> {y: len(g) for y, g in graphs.items()}
    {1946: 66, 2012: 195}
    """
    prepared = _prepare(
        years,
        alliances=alliances,
        atop=atop,
        contiguity=contiguity,
        trade=trade,
        rivalries=rivalries,
        states=states,
        totals=trade_totals,
        strengths=strengths,
    )
    return {y: _build(prepared, y) for y in prepared.years}


def graph_for_year(
    year: int,
    *,
    alliances: Source | None = None,
    atop: Source | None = None,
    contiguity: Source | None = None,
    trade: Source | None = None,
    rivalries: Source | None = None,
    states: Source | None = None,
    trade_totals: Source | None = None,
    strengths: Mapping[str, Mapping[Any, float]] | PathLike | None = None,
) -> RelationGraph:
    r"""Build the relation graph of one year from alliance, trade and other data.

    Every tie is valid from 1 January to 31 December of ``year`` and carries
    :class:`~middlepower.Evidence` naming the data set (``source``, ``title``),
    the version and source rows (``locator``) and the raw values
    (``claim``). Strengths (METHODS.md §8; defaults in
    :func:`tie_strengths`):

    * **alliance** (``alliances``: COW; ``atop``: ATOP; either accepts any
      alliance file): the strongest obligation of the dyad-year in either
      direction, from both data sets if both are given (defence, offence 1.0;
      neutrality, non-aggression 0.5; entente, consultation 0.25);
    * **neighbour** (``contiguity``): COW contiguity type 1-5 ->
      1.0, 0.8, 0.6, 0.4, 0.2 (the closest type recorded that year);
    * **rivalry** (``rivalries``): 1.0 for every rivalry in force that year;
    * **trade** (``trade``, directed): for A -> B,

      .. math::

         s_{AB} = \frac{x_{AB} + x_{BA}}{T_A}

      where :math:`x_{AB}` is A's imports from B (COW ``flow1``/``flow2``,
      millions of current USD) and :math:`T_A` A's total trade that year:
      the national total (imports + exports, from ``trade_totals``) when it
      is given and at least the sum of A's dyadic trade, else that sum (so
      the shares of a state sum to at most 1). ``value``/``unit`` keep
      :math:`x_{AB} + x_{BA}` in ``"million current USD"``; a missing flow
      counts as unknown (the known one is used; no tie when both are
      missing), a pair with no recorded trade gets no tie.

    Parameters
    ----------
    year : int
        The year.
    alliances : str, os.PathLike or DataFrame, optional
        COW Formal Alliances v4.1 yearly file (or reader output).
    atop : str, os.PathLike or DataFrame, optional
        ATOP 5.x dy/ddyr file or peacesciencer's ``atop_alliance``.
    contiguity : str, os.PathLike or DataFrame, optional
        COW Direct Contiguity 3.2 (``contdir``, ``contdird``, peacesciencer).
    trade : str, os.PathLike or DataFrame, optional
        COW Trade v4.0 dyadic file.
    rivalries : str, os.PathLike or DataFrame, optional
        A rivalry table (TSS, TD or plain).
    states : str, os.PathLike or DataFrame, optional
        COW states list (default: the bundled ``states2016.csv``). Its
        members that year are the nodes.
    trade_totals : str, os.PathLike or DataFrame, optional
        National trade totals (peacesciencer ``cow_trade_sy``).
    strengths : mapping or path, optional
        Overrides of the strength ladder (see :func:`tie_strengths`).

    Returns
    -------
    RelationGraph
        Named ``str(year)``; nodes are ISO3 codes with
        ``State(code, name=statenme, cow=ccode)``.

    Raises
    ------
    DataFormatError
        For a file not in the expected format (naming file and line).
    UnknownStateError
        For a COW state number the country-code tables do not know.
    InvalidParameterError
        For a bad year or strength.

    Notes
    -----
    Nodes: the states in the COW system that year (membership on any day of
    it; after 2016, the end of the list, the states whose membership runs to
    31 Dec 2016). A tie naming a state outside the system that year keeps it,
    as a node whose ``note`` says so. When two COW numbers share an ISO3 code
    in a year (``DEU``: 260 and 255 in 1990; ``YEM``: 678 and 679), they are
    one node (named after the member on 31 December, the other noted) and
    their ties are merged (strongest obligation, closest contiguity, trade
    summed).

    Construction: the tables are checked column-wise (codes through the
    country-code tables, strengths in :math:`[0, 1]`, one-line claims) and
    each year's ties go to the graph as columns (ends, kind, strength, raw
    value), which the graph checks again, vectorised, as it would check
    :class:`~middlepower.Tie` objects. The measures read these columns; the
    :class:`~middlepower.Tie` and :class:`~middlepower.Evidence` objects
    (claims and row keys formatted from the source rows) are made on first
    use of :attr:`~middlepower.RelationGraph.ties` (or an export), without
    re-validating each one; the tests check that the graph is identical to
    the one built from validated models.

    References
    ----------
    .. [1] Gibler, Douglas M. 2009. *International Military Alliances,
       1648-2008*. CQ Press.
    .. [2] Leeds, Brett Ashley, et al. 2002. "Alliance Treaty Obligations and
       Provisions, 1815-1944." *International Interactions* 28(3): 237-260.
    .. [3] Stinnett, Douglas M., et al. 2002. "The Correlates of War Project
       Direct Contiguity Data, Version 3." *Conflict Management and Peace
       Science* 19(2): 59-67.
    .. [4] Barbieri, Katherine, Omar M. G. Keshk and Brian M. Pollins. 2009.
       "Trading Data." *Conflict Management and Peace Science* 26(5):
       471-491.

    Examples
    --------
    >>> import os, tempfile
    >>> from middlepower.io import graph_for_year
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     atop = os.path.join(tmp, "atop_alliance.csv")
    ...     with open(atop, "w") as f:
    ...         _ = f.write(
    ...             "ccode1,ccode2,year,atop_defense,atop_offense,"
    ...             "atop_neutral,atop_nonagg,atop_consul\n"
    ...             "732,2,2012,1,0,0,1,1\n2,732,2012,1,0,0,1,1\n"
    ...         )
    ...     rivals = os.path.join(tmp, "rivals.csv")
    ...     with open(rivals, "w") as f:
    ...         _ = f.write("ccode1,ccode2,start,end\n2,710,1996,2020\n")
    ...     g = graph_for_year(2012, atop=atop, rivalries=rivals)
    >>> g
    <RelationGraph '2012': 195 states, 2 ties>
    >>> (
    ...     g.pair_strength("KOR", "USA", "alliance"),
    ...     g.pair_strength("USA", "CHN", "rivalry"),
    ... )
    (1.0, 1.0)
    >>> for claim in g.ties_between("KOR", "USA")[0].evidence[0].claim.split("; "):
    ...     print(claim)
    2->732: defense=1 offense=0 neutral=0 nonagg=1 consul=1
    732->2: defense=1 offense=0 neutral=0 nonagg=1 consul=1
    """
    return graphs_for_years(
        [year],
        alliances=alliances,
        atop=atop,
        contiguity=contiguity,
        trade=trade,
        rivalries=rivalries,
        states=states,
        trade_totals=trade_totals,
        strengths=strengths,
    )[_year(year)]
