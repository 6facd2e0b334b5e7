r"""Generic reading (:func:`read_table`) and the canonical tables built on the readers.

The readers keep each data set's own columns. The canonical tables put the
data sets that measure the same thing into one shape, which
:func:`~middlepower.io.graph_for_year` and the similarity measures use:

=========================  ====================================================
table                      one row per
=========================  ====================================================
:func:`alliance_obligations`  dyad-year (or directed dyad-year) with obligations
:func:`contiguity_years`   contiguous pair and year (the closest type that year)
:func:`trade_flows`        directed pair and year (A's imports, exports, trade)
:func:`trade_totals`       state and year (national imports, exports, total)
:func:`rivalry_spells`     rivalry (pair, first and last year)
=========================  ====================================================

Every canonical table has the columns ``dataset``, ``version`` and
``row_key`` (the source rows, e.g. ``"version4id 188; line 45"``; rows merged
from several source rows keep every key, joined by ``" | "``), COW state
numbers and years as ``Int64``, and is sorted by year (or start) and codes.
Each function takes a path (read with the matching reader) or a reader's
DataFrame (the layout is taken from ``df.attrs["layout"]``, else detected from
the columns).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from middlepower._checks import check_bool, check_file, check_years, show
from middlepower._optional import import_optional
from middlepower.exceptions import (
    DataFormatError,
    InvalidArgumentTypeError,
)
from middlepower.io._csv import Layout, PathLike, detect_layout, read_layout
from middlepower.io._paths import reader_path
from middlepower.io.atop import ATOP_DDYR, ATOP_DY, PS_ATOP, finish_atop
from middlepower.io.cow import (
    COW_ALLIANCE_DIRECTED,
    COW_ALLIANCE_DYAD,
    COW_CONTDIR,
    COW_CONTDIRD,
    COW_NMC,
    COW_STATES,
    COW_TRADE,
    PS_CONTDIR,
    PS_TRADE_SY,
    _alliance_variant,
)
from middlepower.io.rivalries import PLAIN_RIVALRIES, PS_TD_RIVALRIES, PS_TSS_RIVALRIES

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "LAYOUTS",
    "OBLIGATIONS",
    "alliance_obligations",
    "contiguity_years",
    "read_table",
    "rivalry_spells",
    "trade_flows",
    "trade_totals",
]

LAYOUTS: tuple[Layout, ...] = (
    COW_ALLIANCE_DYAD,
    COW_ALLIANCE_DIRECTED,
    ATOP_DY,
    ATOP_DDYR,
    PS_ATOP,
    COW_CONTDIR,
    COW_CONTDIRD,
    PS_CONTDIR,
    COW_TRADE,
    PS_TRADE_SY,
    COW_NMC,
    COW_STATES,
    PS_TSS_RIVALRIES,
    PS_TD_RIVALRIES,
    PLAIN_RIVALRIES,
)
"""Every file layout :func:`read_table` recognises."""

OBLIGATIONS = (
    "defense",
    "offense",
    "neutrality",
    "nonaggression",
    "entente",
    "consultation",
)
"""The obligation columns of :func:`alliance_obligations`, in order."""

_ALLIANCE = (COW_ALLIANCE_DYAD, COW_ALLIANCE_DIRECTED, ATOP_DY, ATOP_DDYR, PS_ATOP)
_CONTIGUITY = (COW_CONTDIR, COW_CONTDIRD, PS_CONTDIR)
_TRADE = (COW_TRADE,)
_TOTALS = (PS_TRADE_SY,)
_RIVALRY = (PS_TSS_RIVALRIES, PS_TD_RIVALRIES, PLAIN_RIVALRIES)
_ATOP = (ATOP_DY.key, ATOP_DDYR.key, PS_ATOP.key)
_SEP = " | "


def _pd() -> Any:
    return import_optional("pandas", "data", "the data tables")


def _pa() -> Any:
    return import_optional("pyarrow", "data", "the data tables")


def _cat(a: Any, b: Any) -> Any:
    """Concatenate two pandas arrays of one dtype."""
    pd_ = _pd()
    return pd_.concat([pd_.Series(a), pd_.Series(b)], ignore_index=True).array


def read_table(path: PathLike, *, member: str | None = None) -> pd.DataFrame:
    r"""Read any supported data file, detecting which data set it is from its header.

    Parameters
    ----------
    path : str or os.PathLike
        A CSV or zip of any layout in :data:`LAYOUTS`: COW alliances (dyad-
        or directed-yearly), ATOP (dy, ddyr, peacesciencer), COW contiguity
        (contdir, contdird, peacesciencer), COW dyadic trade, national trade
        totals (peacesciencer), COW NMC, COW states, rivalries (TSS, TD,
        plain).
    member : str, optional
        Member of a zip archive (default: the first member with a documented
        name).

    Returns
    -------
    pandas.DataFrame
        As the matching reader returns it; ``df.attrs`` holds ``dataset``,
        ``version``, ``variant``, ``layout``, ``title`` and ``path``.

    Raises
    ------
    DataFormatError
        If the header matches no layout (naming the closest one's missing and
        unexpected columns) or a row is bad.

    Examples
    --------
    >>> from middlepower.io import read_table, states_path
    >>> df = read_table(states_path())
    >>> df.attrs["dataset"], df.attrs["version"]
    ('COW State System Membership', '2016')
    """
    return _read(reader_path(path, member), LAYOUTS, "a supported data file", member)


def _read(
    path: PathLike, layouts: Sequence[Layout], what: str, member: str | None = None
) -> pd.DataFrame:
    df = read_layout(
        path,
        layouts,
        member=member,
        what=what,
        variant_hint=_hint,
    )
    if df.attrs["layout"] in _ATOP:
        finish_atop(df)
    return df


def _hint(layout: Layout, name: str) -> Layout:
    if layout in (COW_ALLIANCE_DYAD, COW_ALLIANCE_DIRECTED):
        chosen: Layout = _alliance_variant(None)(layout, name)  # type: ignore[operator]
        return chosen
    return layout


def _frame(
    source: Any, layouts: Sequence[Layout], what: str
) -> tuple[pd.DataFrame, Layout]:
    """Read a path or identify a DataFrame's layout."""
    pd_ = _pd()
    if isinstance(source, pd_.DataFrame):
        df = source
    elif isinstance(source, str | os.PathLike):
        df = _read(check_file(source, "source"), layouts, what)
    else:
        raise InvalidArgumentTypeError(
            f"source must be a path or a pandas DataFrame of {what}, got "
            f"{show(source)}."
        )
    key = df.attrs.get("layout")
    for layout in layouts:
        if layout.key == key:
            return df, layout
    label = str(df.attrs.get("path", "<DataFrame>"))
    layout = _detect_frame(df, layouts, label, what)
    return df, layout


def _detect_frame(
    df: pd.DataFrame, layouts: Sequence[Layout], label: str, what: str
) -> Layout:
    """Detect the layout of a frame from its (output) column names."""
    renamed: list[list[str]] = []
    for layout in layouts:
        raw = {c.output: c.name for c in layout.columns}
        renamed.append([raw.get(str(c), str(c)) for c in df.columns])
    best = None
    for layout, names in zip(layouts, renamed, strict=True):
        try:
            found = detect_layout(names, [layout], label, what)
        except DataFormatError:
            continue
        known = sum(found.column_for(n) is not None for n in names)
        if best is None or known > best[0]:
            best = (known, found)
    if best is None:
        return detect_layout(list(map(str, df.columns)), layouts, label, what)
    return best[1]


def _int(series: Any) -> Any:
    return _pd().array(series, dtype="Int64")


def _lines(df: pd.DataFrame) -> Any:
    """Return the row keys' line part (the index is the file line number)."""
    pa = import_optional("pyarrow", "data", "the data tables")
    pc = import_optional("pyarrow.compute", "data", "the data tables")
    index = np.asarray(df.index)
    name = df.index.name
    prefix = "line " if name == "line" else f"{name or 'row'} "
    return pc.binary_join_element_wise(
        prefix, pc.cast(pa.array(index), pa.string()), ""
    )


def _keys(df: pd.DataFrame, label: str | None = None, column: str | None = None) -> Any:
    """Row keys ``"<label> <value>; line N"`` as a pyarrow string array."""
    pa = import_optional("pyarrow", "data", "the data tables")
    pc = import_optional("pyarrow.compute", "data", "the data tables")
    lines = _lines(df)
    if column is None:
        return lines
    values = pc.cast(pa.array(df[column], from_pandas=True), pa.string())
    head = pc.binary_join_element_wise(f"{label} ", values, "")
    return pc.coalesce(pc.binary_join_element_wise(head, lines, "; "), lines)


def _string(values: Any) -> Any:
    """Return a pandas ``string[pyarrow]`` array (zero-copy from pyarrow)."""
    pd_, pa = _pd(), _pa()
    pc = import_optional("pyarrow.compute", "data", "the data tables")
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if isinstance(values, pa.Array):
        if not pa.types.is_string(values.type) and not pa.types.is_large_string(
            values.type
        ):
            values = pc.cast(values, pa.string())
        return pd_.arrays.ArrowStringArray(values)
    return pd_.array(values, dtype=pd_.StringDtype("pyarrow"))


def _const(value: str, n: int) -> Any:
    """Return a constant string column of length ``n``."""
    pa = _pa()
    return _string(pa.repeat(pa.scalar(value, pa.string()), n))


def _flag(df: pd.DataFrame, column: str) -> Any:
    return _pd().array(df[column], dtype="Int64").astype("boolean")


def _na_flags(n: int) -> Any:
    pd_ = _pd()
    return pd_.array([pd_.NA] * n, dtype="boolean")


def _version(df: pd.DataFrame, layout: Layout) -> str:
    if df.attrs.get("layout") == layout.key and df.attrs.get("version"):
        return str(df.attrs["version"])
    if "version" in df.columns and layout.dataset != "ATOP":
        values = df["version"].dropna().unique()
        if len(values) == 1 and str(values[0]).strip() == layout.version:
            return layout.version
    return layout.version


def _years_mask(year: Any, years: Iterable[int] | None) -> Any:
    if years is None:
        return None
    wanted = np.asarray(sorted({int(y) for y in years}), dtype=np.int64)
    return np.isin(np.asarray(year.fillna(-1), dtype=np.int64), wanted)


def _unordered(out: pd.DataFrame) -> None:
    """Put ``ccode1 < ccode2`` on rows that bind both ways (in place)."""
    c1 = out["ccode1"].to_numpy(dtype=np.int64)
    c2 = out["ccode2"].to_numpy(dtype=np.int64)
    directed = out["directed"].to_numpy(dtype=bool)
    swap = (~directed) & (c1 > c2)
    if swap.any():
        out["ccode1"] = _int(np.where(swap, c2, c1))
        out["ccode2"] = _int(np.where(swap, c1, c2))


def _merge(out: pd.DataFrame, keys: list[str], agg: dict[str, str]) -> pd.DataFrame:
    """Merge rows sharing ``keys``: ``agg`` per column, row keys joined.

    ``agg`` maps a column to ``"max"`` (nullable booleans: True if any row is
    True, NA if all are NA) or ``"first"`` (the first row's value in the
    current order). Other columns take the first row's value.
    """
    pd_ = _pd()
    ids = out.groupby(keys, sort=False, dropna=False).ngroup().to_numpy()
    counts = np.bincount(ids) if len(ids) else np.zeros(0, dtype=np.int64)
    dup = counts[ids] > 1 if len(ids) else np.zeros(0, dtype=bool)
    if not dup.any():
        return out
    part = out[dup]
    pid = ids[dup]
    order = np.argsort(pid, kind="stable")
    part = part.iloc[order]
    pid = pid[order]
    starts = np.flatnonzero(np.r_[True, pid[1:] != pid[:-1]])
    stops = np.r_[starts[1:], len(pid)]
    merged = part.iloc[starts].reset_index(drop=True)
    for column, how in agg.items():
        if how == "max":
            values = part[column].to_numpy(dtype=float, na_value=np.nan)
            best = np.fmax.reduceat(values, starts)
            merged[column] = pd_.arrays.BooleanArray(best == 1, np.isnan(best))
    keys_list = part["row_key"].astype(str).tolist()
    merged["row_key"] = _string(
        [
            _SEP.join(keys_list[a:b])
            for a, b in zip(starts.tolist(), stops.tolist(), strict=True)
        ]
    )
    return pd_.concat([out[~dup], merged], ignore_index=True)


def _finish(out: pd.DataFrame, order: list[str], attrs: dict[str, Any]) -> pd.DataFrame:
    out = out.sort_values(order, kind="stable").reset_index(drop=True)
    out.attrs = attrs
    return out


# -- alliances ----------------------------------------------------------------


def alliance_obligations(
    source: PathLike | pd.DataFrame, *, years: Iterable[int] | None = None
) -> pd.DataFrame:
    r"""One table of alliance obligations from any COW or ATOP alliance file.

    Parameters
    ----------
    source : str, os.PathLike or pandas.DataFrame
        A COW Formal Alliances v4.1 yearly file (dyad- or directed-yearly), an
        ATOP 5.x file (dy, ddyr) or peacesciencer's ``atop_alliance``, as a
        path or as the reader's DataFrame.
    years : iterable of int, optional
        Keep only these years (filtering before the work, so a single year
        is cheap).

    Returns
    -------
    pandas.DataFrame
        Columns ``ccode1, ccode2, year`` (``Int64``); ``defense, offense,
        neutrality, nonaggression, entente, consultation`` (nullable
        ``boolean``; ``NA`` where the data set does not code that obligation:
        COW has no offense or consultation, ATOP no entente); ``directed``
        (``True`` when the row is ccode1's obligation toward ccode2, as in
        ATOP ddyr and peacesciencer's ``atop_alliance``; ``False`` for rows
        that bind both ways, put in the order ``ccode1 < ccode2``);
        ``dataset`` (``"COW"`` or ``"ATOP"``); ``version`` (e.g. ``"4.1"``,
        ``"5.1"``); ``row_key`` (COW ``version4id``, ATOP ``atopid``\ s, and
        the file line). Sorted by year, ccode1, ccode2.

    Raises
    ------
    DataFormatError
        If the source is not an alliance file.

    Notes
    -----
    Quirks handled: several rows for one dyad-year (a pair in several
    alliances) are merged into one row, each obligation the OR of the rows',
    keeping every row key; COW rows with ``year == 0`` (two in v4.1: 2-666
    and 651-666) are left out, their keys listed in ``df.attrs["excluded"]``;
    the COW "directed" file lists each pair in one direction only, so its
    rows are read as binding both ways (``directed=False``), like the dyad
    file's.

    Column mapping: COW ``defense, neutrality, nonaggression, entente``;
    ATOP ``defense, offense, neutral, nonagg, consul`` (peacesciencer
    ``atop_*``) -> ``defense, offense, neutrality, nonaggression,
    consultation``.

    Examples
    --------
    >>> import os, tempfile
    >>> from middlepower.io import alliance_obligations
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = os.path.join(tmp, "atop_alliance.csv")
    ...     with open(p, "w") as f:
    ...         _ = f.write(
    ...             "ccode1,ccode2,year,atop_defense,atop_offense,"
    ...             "atop_neutral,atop_nonagg,atop_consul\n"
    ...             "732,2,2012,1,0,0,1,1\n2,732,2012,1,0,0,1,1\n"
    ...         )
    ...     ob = alliance_obligations(p)
    >>> ob[["ccode1", "ccode2", "defense", "entente", "directed", "row_key"]]
       ccode1  ccode2  defense  entente  directed row_key
    0       2     732     True     <NA>      True  line 3
    1     732       2     True     <NA>      True  line 2
    """
    years = check_years(years)
    df, layout = _frame(source, _ALLIANCE, "an alliance file (COW or ATOP)")
    pd_ = _pd()
    mask = _years_mask(df["year"], years)
    if mask is not None:
        df = df[mask]
    n = len(df)
    version = _version(df, layout)
    excluded: list[str] = []
    if layout in (COW_ALLIANCE_DYAD, COW_ALLIANCE_DIRECTED):
        keys = _keys(df, "version4id", "version4id")
        out = pd_.DataFrame(
            {
                "ccode1": _int(df["ccode1"]),
                "ccode2": _int(df["ccode2"]),
                "year": _int(df["year"]),
                "defense": _flag(df, "defense"),
                "offense": _na_flags(n),
                "neutrality": _flag(df, "neutrality"),
                "nonaggression": _flag(df, "nonaggression"),
                "entente": _flag(df, "entente"),
                "consultation": _na_flags(n),
                "directed": np.zeros(n, dtype=bool),
            }
        )
        dataset = "COW"
        zero = (out["year"] == 0).fillna(False).to_numpy()
        if zero.any():
            excluded = [
                str(k) for k in np.asarray(keys.to_pylist(), dtype=object)[zero]
            ]
            out = out[~zero].reset_index(drop=True)
            keys = keys.filter(_pa().array(~zero))
    else:
        if layout is PS_ATOP:
            c1, c2, names = (
                "ccode1",
                "ccode2",
                [
                    f"atop_{f}"
                    for f in ("defense", "offense", "neutral", "nonagg", "consul")
                ],
            )
            keys = _keys(df)
            directed = True
        else:
            c1, c2 = ("mem1", "mem2") if layout is ATOP_DY else ("state_a", "state_b")
            names = ["defense", "offense", "neutral", "nonagg", "consul"]
            keys = _atop_keys(df)
            directed = layout is ATOP_DDYR
        out = pd_.DataFrame(
            {
                "ccode1": _int(df[c1]),
                "ccode2": _int(df[c2]),
                "year": _int(df["year"]),
                "defense": _flag(df, names[0]),
                "offense": _flag(df, names[1]),
                "neutrality": _flag(df, names[2]),
                "nonaggression": _flag(df, names[3]),
                "entente": _na_flags(n),
                "consultation": _flag(df, names[4]),
                "directed": np.full(n, directed, dtype=bool),
            }
        )
        dataset = "ATOP"
    out["dataset"] = _const(dataset, len(out))
    out["version"] = _const(version, len(out))
    out["row_key"] = _string(keys)
    _unordered(out)
    out = _merge(
        out, ["ccode1", "ccode2", "year", "directed"], dict.fromkeys(OBLIGATIONS, "max")
    )
    attrs = _attrs(df, layout, "alliance_obligations")
    attrs["excluded"] = excluded
    return _finish(out, ["year", "ccode1", "ccode2"], attrs)


def _atop_keys(df: pd.DataFrame) -> Any:
    """``"atopid 1005, 3020; line 12"`` (or just the line without atopid columns)."""
    import re

    pa = import_optional("pyarrow", "data", "the data tables")
    pc = import_optional("pyarrow.compute", "data", "the data tables")
    lines = _lines(df)
    ids = [c for c in df.columns if re.fullmatch(r"atopid\d+", str(c))]
    if not ids:
        return lines
    cols = [pc.cast(pa.array(df[c], from_pandas=True), pa.string()) for c in ids]
    joined = _join_present(cols, ", ")
    head = pc.binary_join_element_wise("atopid ", joined, "")
    return pc.coalesce(pc.binary_join_element_wise(head, lines, "; "), lines)


def _join_present(arrays: list[Any], sep: str) -> Any:
    """Join the non-null strings of each row with ``sep``; null if none.

    (pyarrow's ``binary_join_element_wise(..., null_handling="skip")`` drops
    the rows whose values are all null, so it is not used.)
    """
    pa = _pa()
    pc = import_optional("pyarrow.compute", "data", "the data tables")
    pieces = [
        pc.if_else(pc.is_null(a), "", pc.binary_join_element_wise(sep, a, ""))
        for a in arrays
    ]
    joined = pc.binary_join_element_wise(*pieces, "")
    trimmed = pc.utf8_slice_codeunits(joined, len(sep))
    return pc.if_else(pc.equal(joined, ""), pa.scalar(None, pa.string()), trimmed)


def _attrs(df: pd.DataFrame, layout: Layout, table: str) -> dict[str, Any]:
    return {
        "table": table,
        "dataset": layout.dataset,
        "version": _version(df, layout),
        "variant": layout.variant,
        "layout": layout.key,
        "title": layout.title,
        "path": df.attrs.get("path", "<DataFrame>"),
    }


# -- contiguity ----------------------------------------------------------------


def _expand(start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row index and year of every year in ``[start, end]`` of every row."""
    span = np.maximum(end - start + 1, 0)
    idx = np.repeat(np.arange(len(start)), span)
    offsets = np.repeat(np.cumsum(span) - span, span)
    year = start[idx] + (np.arange(len(idx)) - offsets)
    return idx, year


def _clip_years(
    start: np.ndarray, end: np.ndarray, years: Iterable[int] | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    if years is None:
        return start, end, None
    wanted = np.asarray(sorted({int(y) for y in years}), dtype=np.int64)
    if len(wanted) == 0:
        return start, start - 1, wanted
    return np.maximum(start, wanted[0]), np.minimum(end, wanted[-1]), wanted


def contiguity_years(
    source: PathLike | pd.DataFrame, *, years: Iterable[int] | None = None
) -> pd.DataFrame:
    r"""Contiguous pairs per year, from any COW Direct Contiguity 3.2 file.

    Parameters
    ----------
    source : str, os.PathLike or pandas.DataFrame
        ``contdir`` (spells, ``begin``/``end`` YYYYMM), ``contdird``
        (directed dyad-years) or peacesciencer's ``cow_contdir`` (spells with
        dates; both directions), as a path or the reader's DataFrame.
    years : iterable of int, optional
        Keep only these years.

    Returns
    -------
    pandas.DataFrame
        One row per pair (``ccode1 < ccode2``) and year with contiguity:
        ``ccode1, ccode2, year, conttype`` (``Int64``; the closest type
        recorded in any month of that year, 1 land ... 5 up to 400 miles of
        water), ``begin, end`` (YYYYMM of that type's spell, ``Int64``; NA
        for dyad-year data), ``directed`` (always ``False``: contiguity binds
        both ways), ``dataset`` (``"COW"``), ``version`` (``"3.2"``),
        ``row_key`` (the source lines of every spell or row that year).

    Raises
    ------
    DataFormatError
        If the source is not a contiguity file.

    Notes
    -----
    A spell counts in every year it touches (``begin`` 1952-04 counts for
    1952). peacesciencer's rows with ``conttype`` 0 (spells without
    contiguity it added between real ones) are not contiguity and are left
    out; the two directions it lists are merged into one pair.

    Examples
    --------
    >>> import os, tempfile
    >>> from middlepower.io import contiguity_years
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = os.path.join(tmp, "contdir.csv")
    ...     with open(p, "w") as f:
    ...         _ = f.write(
    ...             "statelno,statehno,conttype,begin,end\n732,740,4,195204,201612\n"
    ...         )
    ...     c = contiguity_years(p, years=[1951, 1952, 2016, 2017])
    >>> c[["ccode1", "ccode2", "year", "conttype", "row_key"]]
       ccode1  ccode2  year  conttype row_key
    0     732     740  1952         4  line 2
    1     732     740  2016         4  line 2
    """
    years = check_years(years)
    df, layout = _frame(source, _CONTIGUITY, "a COW contiguity file")
    pd_ = _pd()
    if layout is COW_CONTDIRD:
        mask = _years_mask(df["year"], years)
        if mask is not None:
            df = df[mask]
        n = len(df)
        out = pd_.DataFrame(
            {
                "ccode1": _int(df["state1no"]),
                "ccode2": _int(df["state2no"]),
                "year": _int(df["year"]),
                "conttype": _int(df["conttype"]),
                "begin": _int([pd_.NA] * n),
                "end": _int([pd_.NA] * n),
            }
        )
        keys = _keys(df)
    else:
        if layout is PS_CONTDIR:
            df = df[(df["conttype"] != 0).fillna(False).to_numpy()]
            stdate = pd_.DatetimeIndex(df["stdate"])
            enddate = pd_.DatetimeIndex(df["enddate"])
            begin = np.asarray(stdate.year * 100 + stdate.month, dtype=np.int64)
            end = np.asarray(enddate.year * 100 + enddate.month, dtype=np.int64)
            c1, c2 = "ccode1", "ccode2"
        else:
            begin = df["begin"].to_numpy(dtype=np.int64)
            end = df["end"].to_numpy(dtype=np.int64)
            c1, c2 = "statelno", "statehno"
        lo, hi, wanted = _clip_years(begin // 100, end // 100, years)
        idx, year = _expand(lo, hi)
        if wanted is not None:
            keep = np.isin(year, wanted)
            idx, year = idx[keep], year[keep]
        rows = df.iloc[idx]
        out = pd_.DataFrame(
            {
                "ccode1": _int(rows[c1]),
                "ccode2": _int(rows[c2]),
                "year": _int(year),
                "conttype": _int(rows["conttype"]),
                "begin": _int(begin[idx]),
                "end": _int(end[idx]),
            }
        )
        keys = _keys(rows)
    n = len(out)
    out["directed"] = np.zeros(n, dtype=bool)
    out["dataset"] = _const("COW", n)
    out["version"] = _const(_version(df, layout), n)
    out["row_key"] = _string(keys)
    _unordered(out)
    out = out.sort_values(["ccode1", "ccode2", "year", "conttype"], kind="stable")
    out = _merge(out.reset_index(drop=True), ["ccode1", "ccode2", "year"], {})
    return _finish(
        out, ["year", "ccode1", "ccode2"], _attrs(df, layout, "contiguity_years")
    )


# -- trade ----------------------------------------------------------------------


def _check_unique(df: pd.DataFrame, cols: list[str], what: str) -> None:
    dup = df.duplicated(cols, keep=False).to_numpy()
    if dup.any():
        lines = [int(x) for x in np.asarray(df.index)[dup][:2]]
        first = df[dup].iloc[0]
        key = "-".join(str(first[c]) for c in cols)
        raise DataFormatError(
            str(df.attrs.get("path", "<DataFrame>")),
            f"{what} {key} appears more than once (lines {lines[0]} and {lines[1]}); "
            "remove the duplicate",
            line=lines[1],
        )


def trade_flows(
    source: PathLike | pd.DataFrame,
    *,
    years: Iterable[int] | None = None,
    smoothed: bool = False,
) -> pd.DataFrame:
    r"""Directed trade flows per year from COW Trade v4.0 dyadic data.

    Each dyadic row (``flow1`` = ccode1's imports from ccode2, ``flow2`` =
    ccode2's imports from ccode1) gives two directed rows, one from each
    side:

    .. math::

       \mathrm{imports}_{AB} = \text{A's imports from B}, \qquad
       \mathrm{exports}_{AB} = \mathrm{imports}_{BA}, \qquad
       \mathrm{trade}_{AB} = \mathrm{imports}_{AB} + \mathrm{exports}_{AB}

    Parameters
    ----------
    source : str, os.PathLike or pandas.DataFrame
        ``Dyadic_COW_4.0.csv`` (or zip) or :func:`read_cow_trade` output.
    years : iterable of int, optional
        Keep only these years.
    smoothed : bool, optional (default=False)
        Use ``smoothflow1``/``smoothflow2`` (COW's flows smoothed over
        spikes and dips) instead of ``flow1``/``flow2``.

    Returns
    -------
    pandas.DataFrame
        ``ccode1, ccode2, year`` (``Int64``), ``imports, exports, trade``
        (``Float64``, millions of current USD; ``trade`` is the sum of the
        known flows, ``NA`` if both are missing), ``directed`` (``True``),
        ``dataset`` (``"COW"``), ``version`` (``"4.0"``), ``row_key`` (the
        dyadic row's line). Sorted by year, ccode1, ccode2.

    Raises
    ------
    DataFormatError
        If the source is not COW dyadic trade, or a dyad-year appears twice.

    Examples
    --------
    >>> import os, tempfile
    >>> from middlepower.io import trade_flows
    >>> from middlepower.io.cow import COW_TRADE
    >>> header = ",".join(c.name for c in COW_TRADE.columns)
    >>> row = (
    ...     "710,732,2012,China,South Korea,87.3,-9,87.3,80.1,167.4,"
    ...     "0,0,0,0,0,0,-9,-9,-9,-9,1,1,4.0"
    ... )
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = os.path.join(tmp, "Dyadic_COW_4.0.csv")
    ...     with open(p, "w") as f:
    ...         _ = f.write(header + "\n" + row + "\n")
    ...     t = trade_flows(p)
    >>> t[["ccode1", "ccode2", "imports", "exports", "trade"]]
       ccode1  ccode2  imports  exports  trade
    0     710     732     87.3     <NA>   87.3
    1     732     710     <NA>     87.3   87.3
    """
    years = check_years(years)
    smoothed = check_bool(smoothed, "smoothed")
    df, layout = _frame(source, _TRADE, "a COW Trade v4.0 dyadic file")
    pd_, pa = _pd(), _pa()
    mask = _years_mask(df["year"], years)
    if mask is not None:
        df = df[mask]
    c1 = df["ccode1"].to_numpy(dtype=np.int64)
    c2 = df["ccode2"].to_numpy(dtype=np.int64)
    year = df["year"].to_numpy(dtype=np.int64)
    _check_unique_dyads(df, c1, c2, year)
    f1, f2 = ("smoothflow1", "smoothflow2") if smoothed else ("flow1", "flow2")
    a = df[f1].to_numpy(dtype=float, na_value=np.nan)
    b = df[f2].to_numpy(dtype=float, na_value=np.nan)
    imports = np.concatenate([a, b])
    exports = np.concatenate([b, a])
    both = np.isnan(imports) & np.isnan(exports)
    total = np.where(both, np.nan, np.nan_to_num(imports) + np.nan_to_num(exports))
    cc1 = np.concatenate([c1, c2])
    cc2 = np.concatenate([c2, c1])
    yy = np.concatenate([year, year])
    order = np.lexsort((cc2, cc1, yy))
    n = len(order)
    keys = _keys(df)
    out = pd_.DataFrame(
        {
            "ccode1": _ints(cc1[order]),
            "ccode2": _ints(cc2[order]),
            "year": _ints(yy[order]),
            "imports": _floats(imports[order]),
            "exports": _floats(exports[order]),
            "trade": _floats(total[order]),
            "directed": np.ones(n, dtype=bool),
            "dataset": _const("COW", n),
            "version": _const(_version(df, layout), n),
            "row_key": _string(keys.take(pa.array(order % max(len(df), 1)))),
        }
    )
    out.attrs = _attrs(df, layout, "trade_flows")
    return out


def _ints(values: np.ndarray) -> Any:
    return _pd().arrays.IntegerArray(
        values.astype(np.int64), np.zeros(len(values), dtype=bool)
    )


def _floats(values: np.ndarray) -> Any:
    nan = np.isnan(values)
    return _pd().arrays.FloatingArray(np.where(nan, 0.0, values), nan)


def _check_unique_dyads(
    df: pd.DataFrame, c1: np.ndarray, c2: np.ndarray, year: np.ndarray
) -> None:
    """Raise naming the lines of a dyad-year that appears twice."""
    key = (np.minimum(c1, c2) * 1000 + np.maximum(c1, c2)) * 10_000 + year
    order = np.argsort(key, kind="stable")
    same = np.flatnonzero(key[order][1:] == key[order][:-1])
    if len(same):
        i, j = order[same[0]], order[same[0] + 1]
        lines = np.asarray(df.index)
        raise DataFormatError(
            str(df.attrs.get("path", "<DataFrame>")),
            f"dyad-year {c1[i]}-{c2[i]} {year[i]} appears twice (lines {lines[i]} "
            f"and {lines[j]}); remove the duplicate",
            line=int(lines[j]),
        )


def trade_totals(
    source: PathLike | pd.DataFrame, *, years: Iterable[int] | None = None
) -> pd.DataFrame:
    r"""National trade totals per state and year (peacesciencer ``cow_trade_sy``).

    Parameters
    ----------
    source : str, os.PathLike or pandas.DataFrame
        ``cow_trade_sy.csv`` or :func:`read_cow_trade_totals` output.
    years : iterable of int, optional
        Keep only these years.

    Returns
    -------
    pandas.DataFrame
        ``ccode, year`` (``Int64``), ``imports, exports, total`` (``Float64``,
        millions of current USD; ``total = imports + exports``, ``NA`` if
        either is missing), ``dataset`` (``"COW"``), ``version``
        (``"4.0"``), ``row_key``.

    Raises
    ------
    DataFormatError
        If the source is not a totals file, or a state-year appears twice.

    Examples
    --------
    >>> import os, tempfile
    >>> from middlepower.io import trade_totals
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = os.path.join(tmp, "cow_trade_sy.csv")
    ...     with open(p, "w") as f:
    ...         _ = f.write("ccode,year,imports,exports\n732,2012,519.6,547.9\n")
    ...     t = trade_totals(p)
    >>> round(float(t.loc[0, "total"]), 1), t.loc[0, "row_key"]
    (1067.5, 'line 2')
    """
    years = check_years(years)
    df, layout = _frame(source, _TOTALS, "a national trade totals file")
    pd_ = _pd()
    mask = _years_mask(df["year"], years)
    if mask is not None:
        df = df[mask]
    _check_unique(df, ["ccode", "year"], "state-year")
    n = len(df)
    imports = pd_.array(df["imports"], dtype="Float64")
    exports = pd_.array(df["exports"], dtype="Float64")
    out = pd_.DataFrame(
        {
            "ccode": _int(df["ccode"]),
            "year": _int(df["year"]),
            "imports": imports,
            "exports": exports,
            "total": imports + exports,
            "dataset": _const("COW", n),
            "version": _const(_version(df, layout), n),
            "row_key": _string(_keys(df)),
        }
    )
    return _finish(out, ["year", "ccode"], _attrs(df, layout, "trade_totals"))


# -- rivalries -------------------------------------------------------------------


def rivalry_spells(source: PathLike | pd.DataFrame) -> pd.DataFrame:
    r"""Rivalries as spells of years, from any supported rivalry table.

    Parameters
    ----------
    source : str, os.PathLike or pandas.DataFrame
        peacesciencer's ``tss_rivalries`` or ``td_rivalries``, or a plain
        table ``ccode1, ccode2, start, end`` (path or reader output).

    Returns
    -------
    pandas.DataFrame
        ``ccode1, ccode2`` (``ccode1 < ccode2``), ``start, end`` (years,
        ``Int64``; ``end`` NA = ongoing), ``name`` (the rivalry's name, if
        any), ``types`` (its type labels, e.g. ``"positional, principal"``),
        ``rivalry_id`` (``tssr_id``/``rivalryno`` when given), ``dataset``
        (e.g. ``"Strategic Rivalries (Thompson, Sakuwa & Suhas)"``),
        ``version``, ``row_key``. Sorted by start, ccode1, ccode2.

    Raises
    ------
    DataFormatError
        If the source is not a rivalry table, or a rivalry ends before it
        starts (naming its line).

    Examples
    --------
    >>> import os, tempfile
    >>> from middlepower.io import rivalry_spells
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = os.path.join(tmp, "rivals.csv")
    ...     with open(p, "w") as f:
    ...         _ = f.write("ccode1,ccode2,start,end\n710,2,1996,2020\n")
    ...     r = rivalry_spells(p)
    >>> r[["ccode1", "ccode2", "start", "end", "row_key"]]
       ccode1  ccode2  start   end row_key
    0       2     710   1996  2020  line 2
    """
    df, layout = _frame(source, _RIVALRY, "a rivalry table")
    pd_ = _pd()
    pa = import_optional("pyarrow", "data", "the data tables")
    pc = import_optional("pyarrow.compute", "data", "the data tables")
    n = len(df)
    if layout is PS_TSS_RIVALRIES:
        start, end = "start", "end"
        name: str | None = "rivalry"
        rid: str | None = "tssr_id"
        flags = [
            "positional",
            "spatial",
            "ideological",
            "interventionary",
            "principal",
            "aprin",
        ]
        parts = [
            pc.if_else(
                pc.fill_null(pc.equal(pa.array(df[f], from_pandas=True), 1), False),
                f,
                pa.scalar(None, pa.string()),
            )
            for f in flags
        ]
        types = _join_present(parts, ", ")
        keys = _keys(df, "tssr_id", "tssr_id")
    elif layout is PS_TD_RIVALRIES:
        start, end, name, rid = "styear", "endyear", "rivalryname", "rivalryno"
        parts = [
            pc.cast(pa.array(df[f"type{i}"], from_pandas=True), pa.string())
            for i in (1, 2, 3)
        ]
        types = _join_present(parts, ", ")
        keys = _keys(df, "rivalryno", "rivalryno")
    else:
        start, end, rid = "start", "end", None
        name = next(
            (c for c in ("name", "rivalry", "rivalryname") if c in df.columns), None
        )
        types = pa.nulls(n, pa.string())
        keys = _keys(df)
    lo = _int(df[start])
    hi = _int(df[end])
    bad = (hi < lo).fillna(False).to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise DataFormatError(
            str(df.attrs.get("path", "<DataFrame>")),
            f"rivalry {df[name].iloc[i] if name else ''!s} ends in {hi[i]} before it "
            f"starts in {lo[i]}".replace("rivalry  ends", "rivalry ends"),
            line=int(df.index[i]),
        )
    out = pd_.DataFrame(
        {
            "ccode1": _int(df["ccode1"]),
            "ccode2": _int(df["ccode2"]),
            "start": lo,
            "end": hi,
            "name": _string(df[name] if name else [pd_.NA] * n),
            "types": _string(types),
            "rivalry_id": _string(df[rid].astype("string") if rid else [pd_.NA] * n),
            "directed": np.zeros(n, dtype=bool),
            "dataset": _const(layout.dataset, n),
            "version": _const(layout.version, n),
            "row_key": _string(keys),
        }
    )
    _unordered(out)
    out = out.drop(columns="directed")
    return _finish(
        out, ["start", "ccode1", "ccode2"], _attrs(df, layout, "rivalry_spells")
    )
