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

import contextlib
import csv
import datetime as dt
import functools
import gc
import io
import math
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

from middlepower._optional import import_optional
from middlepower.exceptions import (
    DataFormatError,
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
from middlepower.models import Evidence, State, Tie, TieKind

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
        with open(os.fspath(strengths), newline="", encoding="utf-8") as fh:
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
        overrides = {str(k): dict(v) for k, v in strengths.items()}
    else:
        raise InvalidParameterError(
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
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = math.nan
            if isinstance(value, bool) or not (0.0 <= number <= 1.0):
                raise InvalidParameterError(
                    f"Strength of {kind} {key!r} must be a number in [0, 1], "
                    f"not {value!r}."
                )
            ladder[kind][key] = number
    return ladder


# -- trusted construction ------------------------------------------------------------

_set = object.__setattr__
_new = object.__new__
_EVIDENCE_FIELDS = frozenset(Evidence.model_fields)
_TIE_FIELDS = frozenset(Tie.model_fields)


def _trusted(cls: type[Any], fields: frozenset[str], data: dict[str, Any]) -> Any:
    """Build a model from values already validated column-wise (no re-validation).

    This is what :meth:`pydantic.BaseModel.model_construct` does, without its
    per-field bookkeeping: ``data`` must hold every field, with the types the
    model's validators would produce (the tests compare the result with
    ``model_validate``).
    """
    obj = _new(cls)
    _set(obj, "__dict__", data)
    _set(obj, "__pydantic_fields_set__", fields)
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


def _evidence(source: str, title: str, locator: str, claim: str) -> Evidence:
    ev: Evidence = _trusted(
        Evidence,
        _EVIDENCE_FIELDS,
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
class _Rows:
    """One kind's rows over all years, sorted by year (numpy columns).

    ``value`` is the strength for alliance/neighbour/rivalry rows and the raw
    trade value (USD millions) for trade rows; ``claim`` the one-line raw
    values, ``key`` the source row key; ``src`` indexes the data set.
    """

    kind: TieKind
    year: np.ndarray
    c1: np.ndarray
    c2: np.ndarray
    value: np.ndarray
    claim: np.ndarray
    key: np.ndarray
    src: np.ndarray
    a: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    b: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))

    def __post_init__(self) -> None:
        order = np.argsort(self.year, kind="stable")
        for name in ("year", "c1", "c2", "value", "claim", "key", "src"):
            setattr(self, name, np.asarray(getattr(self, name))[order])

    def span(self, year: int) -> slice:
        lo = int(np.searchsorted(self.year, year, side="left"))
        hi = int(np.searchsorted(self.year, year, side="right"))
        return slice(lo, hi)


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
    states: pd.DataFrame
    totals: _Rows | None
    iso: np.ndarray  # ISO3 code of each id (object array, sorted)
    keys: np.ndarray  # sorted COW number * 10_000 + year
    ids: np.ndarray  # ISO3 id of each key


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
    """Stack parts ``(year, c1, c2, value, claim, key, src, keep)``."""
    cols: list[list[np.ndarray]] = [[] for _ in range(7)]
    for part in parts:
        keep = np.asarray(part[7], dtype=bool)
        for i in range(7):
            cols[i].append(np.asarray(part[i])[keep])
    kinds = (np.int64, np.int64, np.int64, np.float64, object, object, np.int64)
    arrays = [
        np.concatenate(c).astype(t, copy=False) if c else np.empty(0, dtype=t)
        for c, t in zip(cols, kinds, strict=True)
    ]
    return _Rows(kind, *arrays)


def _codes(df: pd.DataFrame, column: str) -> np.ndarray:
    out: np.ndarray = df[column].to_numpy(dtype=np.int64)
    return out


def _alliance_rows(
    frames: list[pd.DataFrame], ladder: Mapping[str, float], datasets: list[_DataSet]
) -> _Rows:
    pa, pc = _pa(), _pc()
    parts = []
    for df in frames:
        dataset = _first(df["dataset"]) or "COW"
        raw = _RAW_NAMES.get(dataset, _RAW_NAMES["ATOP"])
        strength = np.zeros(len(df))
        pieces: list[Any] = []
        for ob in OBLIGATIONS:
            if ob not in raw:
                continue
            flag = df[ob].to_numpy(dtype=float, na_value=np.nan)
            strength = np.maximum(strength, np.where(flag == 1, ladder[ob], 0.0))
            text = np.where(np.isnan(flag), "NA", np.where(flag == 1, "1", "0"))
            pieces += [
                " " if pieces else "",
                f"{raw[ob]}=",
                pa.array(text, pa.string()),
            ]
        directed = df["directed"].to_numpy(dtype=bool)
        arrow = pa.array(np.where(directed, "->", "-"), pa.string())
        claim = _cat(_s(df["ccode1"]), arrow, _s(df["ccode2"]), ": ", *pieces)
        src = _dataset(datasets, _DATASET_NAMES.get(dataset, dataset), df, dataset)
        parts.append(
            (
                _codes(df, "year"),
                _codes(df, "ccode1"),
                _codes(df, "ccode2"),
                strength,
                claim,
                _s(df["row_key"]).to_numpy(zero_copy_only=False),
                np.full(len(df), src),
                strength > 0,
            )
        )
    del pc
    return _rows(TieKind.ALLIANCE, parts)


def _neighbour_rows(
    df: pd.DataFrame, ladder: Mapping[str, float], datasets: list[_DataSet]
) -> _Rows:
    pa, pc = _pa(), _pc()
    conttype = np.clip(_codes(df, "conttype"), 0, 5)
    strength = np.array([ladder.get(str(t), 0.0) for t in range(6)])[conttype]
    text = np.array([_CONTTYPE_TEXT.get(t, "") for t in range(6)], dtype=object)
    spell = pc.if_else(
        pa.array(df["begin"].isna().to_numpy()),
        "",
        pc.binary_join_element_wise(
            "; spell ", _s(df["begin"]), "-", _s(df["end"]), ""
        ),
    )
    claim = _cat(
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
    src = _dataset(datasets, "COW Direct Contiguity", df, "COW Direct Contiguity")
    part = (
        _codes(df, "year"),
        _codes(df, "ccode1"),
        _codes(df, "ccode2"),
        strength,
        claim,
        _s(df["row_key"]).to_numpy(zero_copy_only=False),
        np.full(len(df), src),
        strength > 0,
    )
    return _rows(TieKind.NEIGHBOUR, [part])


def _rivalry_rows(
    df: pd.DataFrame,
    years: tuple[int, ...],
    ladder: Mapping[str, float],
    datasets: list[_DataSet],
) -> _Rows:
    pa, pc = _pa(), _pc()
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
    names = pc.fill_null(_s_nullable(df["name"]), "rivalry")
    bad = pc.match_substring_regex(names, r"[\r\n]")
    if pc.any(bad).as_py():
        i = int(pc.index(bad, True).as_py())
        raise DataFormatError(
            str(df.attrs.get("path", "<DataFrame>")),
            f"rivalry name {names[i].as_py()!r} spans several lines",
        )
    types = _s_nullable(df["types"])
    type_text = pc.if_else(
        pc.is_null(types), "", pc.binary_join_element_wise(" (", types, ")", "")
    )
    end_text = pc.fill_null(_s_nullable(df["end"]), "ongoing")
    claim = _cat(
        _s(df["ccode1"]),
        "-",
        _s(df["ccode2"]),
        ": ",
        names,
        type_text,
        ", ",
        _s(df["start"]),
        "-",
        end_text,
    )
    source = _first(df["dataset"]) or "Rivalries"
    src = _dataset(datasets, source, df, source)
    strength = np.full(len(idx), float(ladder["strategic"]))
    part = (
        year,
        _codes(df, "ccode1")[idx],
        _codes(df, "ccode2")[idx],
        strength,
        claim[idx],
        _s(df["row_key"]).to_numpy(zero_copy_only=False)[idx],
        np.full(len(idx), src),
        strength > 0,
    )
    del pa
    return _rows(TieKind.RIVALRY, [part])


def _s_nullable(values: Any) -> Any:
    pa, pc = _pa(), _pc()
    arr = pa.array(values, from_pandas=True)
    return arr if pa.types.is_string(arr.type) else pc.cast(arr, pa.string())


def _trade_rows(df: pd.DataFrame, datasets: list[_DataSet]) -> _Rows:
    value = df["trade"].to_numpy(dtype=float, na_value=np.nan)
    keep = value > 0
    df = df[keep]
    c1, c2 = _s(df["ccode1"]), _s(df["ccode2"])
    claim = _cat(
        c1, " imports from ", c2, " = ", _s(df["imports"]),
        ", exports to ", c2, " = ", _s(df["exports"]),
        f" ({TRADE_UNIT}, COW flow1/flow2)",
    )  # fmt: skip
    src = _dataset(datasets, "COW Trade", df, "COW Trade")
    part = (
        _codes(df, "year"),
        _codes(df, "ccode1"),
        _codes(df, "ccode2"),
        value[keep],
        claim,
        _s(df["row_key"]).to_numpy(zero_copy_only=False),
        np.full(len(df), src),
        np.ones(len(df), dtype=bool),
    )
    return _rows(TieKind.TRADE, [part])


def _totals_rows(df: pd.DataFrame) -> _Rows:
    n = len(df)
    codes = _codes(df, "ccode")
    empty = np.full(n, "", dtype=object)
    return _Rows(
        TieKind.TRADE,
        _codes(df, "year"),
        codes,
        codes,
        df["total"].to_numpy(dtype=float, na_value=np.nan),
        empty,
        empty,
        np.zeros(n, dtype=np.int64),
    )


def _members(states: pd.DataFrame, year: int) -> pd.DataFrame:
    """Rows of the states table in the system in ``year`` (one per state).

    The list ends in 2016: for later years, the states whose membership runs
    to its last day (31 Dec 2016) count as members.
    """
    st = _codes(states, "styear")
    end = _codes(states, "endyear")
    last = int(end.max()) if len(end) else year
    open_end = (
        (end == last)
        & (_codes(states, "endmonth") == 12)
        & (_codes(states, "endday") == 31)
    )
    inside = (st <= year) & ((end >= year) | open_end)
    rows: pd.DataFrame = states[inside]
    return rows.drop_duplicates("ccode", keep="last")


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
    if isinstance(years, int | np.integer):
        raise InvalidParameterError(
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
    st = _states_frame(states)
    # One ISO3 lookup for every (COW number, year) a table or a node needs.
    needed = [np.empty(0, np.int64)]
    for r in [*rows, *([total_rows] if total_rows is not None else [])]:
        needed += [r.c1 * 10_000 + r.year, r.c2 * 10_000 + r.year]
    for y in wanted:
        needed.append(_codes(_members(st, y), "ccode") * 10_000 + y)
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
        raise InvalidParameterError(f"A year must be an integer, not {value!r}.")
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


def _evidence_lists(
    r: _Rows, g: _Groups, prepared: _Prepared
) -> tuple[list[Any], list[Any], dict[int, tuple[Evidence, ...]]]:
    """Locators and claims of single-row ties; evidence of merged ones."""
    prefix = np.array([d.prefix for d in prepared.datasets], dtype=object)
    single = g.rows
    locators = (prefix[r.src[single]] + r.key[single]).tolist()
    claims = r.claim[single].tolist()
    merged: dict[int, tuple[Evidence, ...]] = {}
    for i in np.flatnonzero(g.sizes > 1).tolist():
        idx = g.order[g.starts[i] : g.starts[i] + g.sizes[i]]
        out = []
        for s in dict.fromkeys(r.src[idx].tolist()):
            sel = idx[r.src[idx] == s]
            d = prepared.datasets[s]
            out.append(
                _evidence(
                    d.source,
                    d.title,
                    d.prefix + " | ".join(r.key[sel].tolist()),
                    "; ".join(r.claim[sel].tolist()),
                )
            )
        merged[i] = tuple(out)
    return locators, claims, merged


def _emit(
    kind: TieKind,
    directed: bool,
    sources: list[str],
    targets: list[str],
    strengths: list[float],
    values: list[float | None],
    unit: str | None,
    datasets: list[_DataSet],
    src: list[int],
    locators: list[str],
    claims: list[str],
    merged: Mapping[int, tuple[Evidence, ...]],
    start: dt.date,
    end: dt.date,
) -> list[Tie]:
    """Build the ties of one kind and year (values already checked).

    The hot loop of :func:`graph_for_year`: one :class:`Evidence` and one
    :class:`Tie` per tie, built as :func:`_trusted` does, with every name
    bound locally.
    """
    ties: list[Tie] = []
    append = ties.append
    setattr_ = _set
    new = _new
    tie_cls, ev_cls = Tie, Evidence
    tie_fields, ev_fields = _TIE_FIELDS, _EVIDENCE_FIELDS
    names = [(d.source, d.title) for d in datasets]
    for i, (u, v, s, x, k, loc, claim) in enumerate(
        zip(sources, targets, strengths, values, src, locators, claims, strict=True)
    ):
        ev = merged.get(i) if merged else None
        if ev is None:
            source, title = names[k]
            e = new(ev_cls)
            setattr_(
                e,
                "__dict__",
                {
                    "source": source,
                    "title": title,
                    "published": None,
                    "url": None,
                    "locator": loc,
                    "claim": claim,
                    "confidence": None,
                },
            )
            setattr_(e, "__pydantic_fields_set__", ev_fields)
            setattr_(e, "__pydantic_extra__", None)
            setattr_(e, "__pydantic_private__", None)
            ev = (e,)
        t = new(tie_cls)
        setattr_(
            t,
            "__dict__",
            {
                "source": u,
                "target": v,
                "kind": kind,
                "strength": s,
                "directed": directed,
                "start": start,
                "end": end,
                "value": x,
                "unit": unit if x is not None else None,
                "evidence": ev,
                "note": None,
            },
        )
        setattr_(t, "__pydantic_fields_set__", tie_fields)
        setattr_(t, "__pydantic_extra__", None)
        setattr_(t, "__pydantic_private__", None)
        append(t)
    return ties


def _check_strengths(values: np.ndarray, kind: TieKind) -> None:
    if len(values) and not (
        np.all(np.isfinite(values)) and values.min() >= 0 and values.max() <= 1
    ):
        raise InvalidParameterError(  # pragma: no cover - guarded by the ladder checks
            f"{kind.value} strengths outside [0, 1]."
        )


def _ties_symmetric(
    r: _Rows, year: int, prepared: _Prepared, start: dt.date, end: dt.date
) -> list[Tie]:
    g, value = _group(r, year, True, len(prepared.iso))
    if not len(g.u):
        return []
    strength = np.maximum.reduceat(value, g.starts)
    keep = g.u != g.v  # two COW numbers of one ISO3 state that year
    if not keep.all():
        g = _Groups(
            g.u[keep], g.v[keep], g.rows[keep], g.order, g.starts[keep], g.sizes[keep]
        )
        strength = strength[keep]
    _check_strengths(strength, r.kind)
    locators, claims, merged = _evidence_lists(r, g, prepared)
    n = len(g.u)
    return _emit(
        r.kind,
        False,
        prepared.iso[g.u].tolist(),
        prepared.iso[g.v].tolist(),
        strength.tolist(),
        [None] * n,
        None,
        prepared.datasets,
        r.src[g.rows].tolist(),
        locators,
        claims,
        merged,
        start,
        end,
    )


def _ties_trade(
    r: _Rows, year: int, prepared: _Prepared, start: dt.date, end: dt.date
) -> list[Tie]:
    m = len(prepared.iso)
    g, raw = _group(r, year, False, m)
    if not len(g.u):
        return []
    value = np.add.reduceat(raw, g.starts)
    keep = g.u != g.v
    if not keep.all():
        g = _Groups(
            g.u[keep], g.v[keep], g.rows[keep], g.order, g.starts[keep], g.sizes[keep]
        )
        value = value[keep]
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
    locators, claims, merged = _evidence_lists(r, g, prepared)
    pa, pc = _pa(), _pc()
    value_text = pc.cast(pa.array(value), pa.string()).to_numpy(zero_copy_only=False)
    denom_text = pc.cast(pa.array(denom[g.u]), pa.string()).to_numpy(
        zero_copy_only=False
    )
    iso_u, iso_v = prepared.iso[g.u], prepared.iso[g.v]
    suffix = (
        "; " + iso_u + " trade with " + iso_v + " " + value_text
        + " of its total " + denom_text + basis[g.u]
    )  # fmt: skip
    claims = (np.asarray(claims, dtype=object) + suffix).tolist()
    for i, ev in merged.items():
        merged[i] = (ev[0].replace(claim=(ev[0].claim or "") + str(suffix[i])), *ev[1:])
    return _emit(
        TieKind.TRADE,
        True,
        iso_u.tolist(),
        iso_v.tolist(),
        strength.tolist(),
        value.tolist(),
        TRADE_UNIT,
        prepared.datasets,
        r.src[g.rows].tolist(),
        locators,
        claims,
        merged,
        start,
        end,
    )


def _nodes(prepared: _Prepared, year: int, used: set[str]) -> list[State]:
    members = _members(prepared.states, year)
    ccodes = _codes(members, "ccode")
    ids = _lookup(prepared, ccodes * 10_000 + year)
    names = members["statenme"].astype(str).tolist()
    ends = (
        _codes(members, "endyear") * 10_000
        + _codes(members, "endmonth") * 100
        + _codes(members, "endday")
    )
    by_code: dict[str, list[tuple[int, int, str]]] = {}
    for i, c, n, e in zip(
        ids.tolist(), ccodes.tolist(), names, ends.tolist(), strict=True
    ):
        by_code.setdefault(str(prepared.iso[i]), []).append((e, c, n))
    states = []
    for code, entries in by_code.items():
        entries.sort()
        _, cow, name = entries[-1]  # the member on 31 December (or last) wins
        note = None
        if len(entries) > 1:
            others = ", ".join(f"{c} ({n})" for _, c, n in entries[:-1])
            note = f"also COW {others} in {year}: one ISO3 code that year"
        states.append(State(code=code, name=name, cow=cow, note=note))
    missing = sorted(used - set(by_code))
    if missing:
        states += _outsiders(prepared, year, missing)
    return states


def _outsiders(prepared: _Prepared, year: int, codes: list[str]) -> list[State]:
    """Nodes for tie ends outside the state system that year."""
    from middlepower.io.codes import to_iso3

    st = prepared.states
    ccodes = _codes(st, "ccode")
    iso = to_iso3(ccodes, "cown", year=np.full(len(ccodes), year))
    names = st["statenme"].astype(str).tolist()
    found: dict[str, tuple[int, str]] = {}
    for code, c, n in zip(iso.tolist(), ccodes.tolist(), names, strict=True):
        if code is not None:
            found.setdefault(str(code), (c, n))
    out = []
    for code in codes:
        cow, name = found.get(code, (None, code))
        out.append(
            State(
                code=code,
                name=name,
                cow=cow,
                note=f"not a member of the COW state system in {year} (states2016)",
            )
        )
    return out


@contextlib.contextmanager
def _bulk() -> Any:
    """Pause the cyclic garbage collector while building many objects.

    Building a year's graph allocates hundreds of thousands of objects that
    stay alive; without the pause, each generation-2 collection re-scans all
    of them, which made construction several times slower.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build(prepared: _Prepared, year: int) -> RelationGraph:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    ties: list[Tie] = []
    for r in prepared.rows:
        if r.kind is TieKind.TRADE:
            ties += _ties_trade(r, year, prepared, start, end)
        else:
            ties += _ties_symmetric(r, year, prepared, start, end)
    used = {t.source for t in ties} | {t.target for t in ties}
    return RelationGraph(ties, _nodes(prepared, year, used), name=str(year))


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
    with _bulk():
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
    country-code tables, strengths in :math:`[0, 1]`, one-line claims), then
    the :class:`~middlepower.Tie` and :class:`~middlepower.Evidence` objects
    are built without re-validating each one (as ``model_construct`` does);
    the tests check that they equal validated models.

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
