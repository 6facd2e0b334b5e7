r"""The CSV engine behind every reader: layouts, header detection, fast parsing.

A :class:`Layout` describes one file format (its columns, their types and the
checks on their values). :func:`read_layout` reads a plain CSV or a member of a
``.zip`` archive, detects which of the candidate layouts the header belongs to,
parses the body with :func:`pyarrow.csv.read_csv` using explicit column types,
turns the missing-value markers (``-9`` and empty cells) into ``NA``, checks
the values column by column (vectorised) and converts to pandas once.

Row numbers. The frame's index is the 1-based line number of each row in the
file (named ``"line"``), so a row can always be traced back to the file, also
after filtering.

Errors. A file that is not in the expected format raises
:class:`~middlepower.DataFormatError` naming the file and, for a bad row, its
line (found by a slow diagnostic pass over the text, run only once the fast
parser has failed).
"""

from __future__ import annotations

import csv
import fnmatch
import io
import os
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from middlepower._optional import import_optional
from middlepower.exceptions import DataFormatError, InvalidParameterError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "Column",
    "Layout",
    "PathLike",
    "detect_layout",
    "read_layout",
    "snake_case",
]

PathLike = str | os.PathLike[str]

Kind = Literal["code", "year", "int", "flag", "float", "str", "date", "yyyymm"]

MISSING_CODE = -9
"""The COW/ATOP marker of a missing number, read as NA."""

YEAR_RANGE = (1400, 2100)
"""Plausible years (strategic rivalries start in 1494); outside is an error."""

CODE_RANGE = (1, 999)
"""COW state numbers run from 2 (USA) to 990 (Samoa)."""

_NULLS = ["", "NA"]


def snake_case(name: str) -> str:
    """Return ``name`` in snake_case (``"stateA"`` -> ``"state_a"``).

    Parameters
    ----------
    name : str
        A column name as written in a data file.

    Returns
    -------
    str
        Lower case, words joined by underscores.

    Examples
    --------
    >>> from middlepower.io._csv import snake_case
    >>> snake_case("stateA"), snake_case("StateNme"), snake_case("flow1")
    ('state_a', 'state_nme', 'flow1')
    """
    s = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name.strip())
    s = re.sub(r"[^0-9A-Za-z]+", "_", s).strip("_")
    return s.lower()


@dataclass(frozen=True)
class Column:
    """One column of a layout.

    Parameters
    ----------
    name : str
        The name in the file (matched case-insensitively).
    kind : str
        ``"code"`` (a COW state number, 1-999), ``"year"``, ``"int"``,
        ``"flag"`` (0/1), ``"float"``, ``"str"``, ``"date"`` (ISO
        ``YYYY-MM-DD``) or ``"yyyymm"`` (a year and month as one integer).
    required : bool, optional (default=True)
        Whether the header must have it.
    nullable : bool, optional (default=True)
        Whether a missing value is allowed (a dyad's codes and year are not).
    allowed : tuple of int, optional
        The only values an integer column may take (e.g. contiguity types).
    out : str, optional
        The name in the returned frame (default: :func:`snake_case` of
        ``name``).
    """

    name: str
    kind: Kind
    required: bool = True
    nullable: bool = True
    allowed: tuple[int, ...] | None = None
    out: str = ""

    @property
    def output(self) -> str:
        """The column's name in the returned frame."""
        return self.out or snake_case(self.name)


@dataclass(frozen=True)
class Layout:
    """A file format: its columns, where it comes from, how to cite it.

    Parameters
    ----------
    key : str
        Identifier (e.g. ``"cow_trade"``), stored in ``df.attrs["layout"]``.
    dataset : str
        Short name of the data set (e.g. ``"COW Trade"``).
    version : str
        Version of the data set (e.g. ``"4.0"``).
    variant : str
        Which file of the data set (e.g. ``"dyadic"``, ``"peacesciencer"``).
    title : str
        Full title, used in evidence and messages.
    columns : tuple of Column
        Columns in their documented order.
    repeated : tuple of (str, Column), optional
        Families of numbered columns (a regular expression over lower-case
        names and the column spec used for each match, e.g. ATOP's
        ``atopid1`` ... ``atopid9``).
    allow_unknown : bool, optional (default=False)
        Keep columns the layout does not know (as strings) instead of failing;
        only for formats whose documented header is incomplete.
    members : tuple of str, optional
        Names (glob patterns, case-insensitive) of the file inside the
        distributed ``.zip`` archive, in order of preference.
    year_zero : bool, optional (default=False)
        Whether ``year == 0`` is a known quirk to keep (COW alliances).
    citation : str, optional
        How to cite the data set.
    """

    key: str
    dataset: str
    version: str
    variant: str
    title: str
    columns: tuple[Column, ...]
    repeated: tuple[tuple[str, Column], ...] = ()
    allow_unknown: bool = False
    members: tuple[str, ...] = ()
    year_zero: bool = False
    citation: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def required(self) -> tuple[str, ...]:
        """Lower-case names of the required columns."""
        return tuple(c.name.lower() for c in self.columns if c.required)

    def column_for(self, name: str) -> Column | None:
        """Return the column spec for a header name (``None`` if unknown)."""
        low = name.strip().lower()
        for c in self.columns:
            if c.name.lower() == low:
                return c
        for pattern, spec in self.repeated:
            if re.fullmatch(pattern, low):
                return Column(name.strip(), spec.kind, required=False)
        return None

    def outputs(self) -> set[str]:
        """Output names of the layout's fixed columns."""
        return {c.output for c in self.columns}


# -- sources ------------------------------------------------------------------


@dataclass
class _Source:
    data: Any  # bytes, or a pyarrow Buffer (a memory-mapped file)
    label: str
    name: str  # file or member name, for variant hints
    mapped: Any = None  # the pyarrow memory map to close after parsing

    def close(self) -> None:
        if self.mapped is not None:
            self.mapped.close()


def _load(
    path: PathLike, members: Sequence[str], member: str | None, what: str
) -> _Source:
    """Read a file, or the chosen member of a zip archive, into memory."""
    if not isinstance(path, str | os.PathLike):
        raise InvalidParameterError(
            f"Expected a path to {what}, got {type(path).__name__} {path!r}."
        )
    fspath = os.fspath(path)
    if zipfile.is_zipfile(fspath):
        with zipfile.ZipFile(fspath) as zf:
            names = [n for n in zf.namelist() if not n.endswith("/")]
            chosen = _pick_member(fspath, names, members, member, what)
            return _Source(zf.read(chosen), f"{fspath}:{chosen}", chosen)
    if member is not None:
        raise InvalidParameterError(
            f"member={member!r} was given but {fspath!r} is not a zip archive."
        )
    if os.path.getsize(fspath) == 0:
        return _Source(b"", fspath, os.path.basename(fspath))
    pa = import_optional("pyarrow", "data", "the data readers")
    mapped = pa.memory_map(fspath, "r")  # zero-copy: pyarrow parses the mapping
    return _Source(mapped.read_buffer(), fspath, os.path.basename(fspath), mapped)


def _pick_member(
    path: str,
    names: list[str],
    patterns: Sequence[str],
    member: str | None,
    what: str,
) -> str:
    if member is not None:
        for n in names:
            if n == member or os.path.basename(n) == member:
                return n
        raise DataFormatError(
            path,
            f"the archive has no member {member!r}; its members are "
            + ", ".join(map(repr, names)),
        )
    for pattern in patterns:
        hits = [
            n for n in names if fnmatch.fnmatch(os.path.basename(n).lower(), pattern)
        ]
        if hits:
            return sorted(hits)[0]
    raise DataFormatError(
        path,
        f"the archive has no member holding {what} (looked for "
        + ", ".join(map(repr, patterns))
        + "); its members are "
        + ", ".join(map(repr, names))
        + "; pass member= to choose one",
    )


# -- header -------------------------------------------------------------------

_BOM = b"\xef\xbb\xbf"


def _decode(raw: bytes) -> tuple[str, str]:
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"  # pragma: no cover - latin-1 decodes all


def _prefix(data: Any, n: int) -> bytes:
    """Return the first ``n`` bytes of ``data`` (bytes or a pyarrow Buffer)."""
    if isinstance(data, bytes):
        return data[:n]
    return bytes(memoryview(data)[:n])


def _header(data: Any, label: str) -> tuple[list[str], int, str]:
    """Header names, offset of the first body byte, encoding of the header."""
    n = 1 << 16
    head = _prefix(data, n)
    while b"\n" not in head and len(head) == n:
        n *= 4
        head = _prefix(data, n)
    start = len(_BOM) if head.startswith(_BOM) else 0
    end = head.find(b"\n", start)
    line = head[start:] if end < 0 else head[start:end]
    text, encoding = _decode(line.rstrip(b"\r"))
    if not text.strip():
        raise DataFormatError(label, "the file is empty or its first line is blank")
    names = next(csv.reader([text]))
    body = len(data) if end < 0 else end + 1  # len() works on Buffer too
    return [n.strip() for n in names], body, encoding


def _split_trailing_empty(names: list[str], label: str) -> tuple[list[str], int]:
    """Named columns and the number of empty-named trailing columns."""
    n = len(names)
    while n and names[n - 1] == "":
        n -= 1
    named = names[:n]
    if "" in named:
        where = named.index("") + 1
        raise DataFormatError(label, f"column {where} of the header has no name")
    lower = [c.lower() for c in named]
    dupes = sorted({c for c in lower if lower.count(c) > 1})
    if dupes:
        raise DataFormatError(
            label, "the header repeats columns " + ", ".join(map(repr, dupes))
        )
    return named, len(names) - n


# -- detection ----------------------------------------------------------------


def _fit(layout: Layout, names: Sequence[str]) -> tuple[list[str], list[str]]:
    """Missing required columns and unexpected columns of a header."""
    lower = {n.strip().lower() for n in names}
    missing = [
        c.name for c in layout.columns if c.required and c.name.lower() not in lower
    ]
    unexpected = (
        []
        if layout.allow_unknown
        else [n for n in names if layout.column_for(n) is None]
    )
    return missing, unexpected


def detect_layout(
    names: Sequence[str], layouts: Sequence[Layout], label: str, what: str
) -> Layout:
    """Return the layout a header belongs to, or raise naming what differs.

    Among the layouts whose required columns are all present and which have
    no unexpected column, the one recognising the most columns wins (so a
    specific layout beats a permissive one with the same core). Failing that,
    :class:`~middlepower.DataFormatError` names the missing and unexpected
    columns relative to the closest layout.

    Parameters
    ----------
    names : sequence of str
        Column names of the header (or of a DataFrame).
    layouts : sequence of Layout
        Candidates.
    label : str
        The file (for the message).
    what : str
        What was expected, for the message (e.g. ``"an ATOP file"``).

    Returns
    -------
    Layout
        The matching layout.

    Raises
    ------
    DataFormatError
        If no layout matches.

    Examples
    --------
    >>> from middlepower.io._csv import detect_layout
    >>> from middlepower.io.cow import COW_NMC
    >>> names = "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc,version"
    >>> detect_layout(names.split(","), [COW_NMC], "nmc.csv", "NMC").key
    'cow_nmc'
    """
    best: tuple[int, int, Layout] | None = None
    closest: tuple[int, Layout, list[str], list[str]] | None = None
    for layout in layouts:
        missing, unexpected = _fit(layout, names)
        if not missing and not unexpected:
            known = sum(layout.column_for(n) is not None for n in names)
            rank = (known, -len(layout.columns))
            if best is None or rank > best[:2]:
                best = (rank[0], rank[1], layout)
        else:
            score = len(missing) + len(unexpected)
            if closest is None or score < closest[0]:
                closest = (score, layout, missing, unexpected)
    if best is not None:
        return best[2]
    if closest is None:  # pragma: no cover - callers always pass layouts
        raise InvalidParameterError("No layout to detect against.")
    _, layout, missing, unexpected = closest
    raise DataFormatError(
        label,
        f"the header is not {what} (closest: {layout.title})",
        missing=missing,
        unexpected=unexpected,
    )


# -- reading ------------------------------------------------------------------


def _arrow_type(kind: Kind) -> Any:
    pa = import_optional("pyarrow", "data", "the data readers")
    return {
        "code": pa.int64(),
        "year": pa.int64(),
        "int": pa.int64(),
        "flag": pa.int64(),
        "yyyymm": pa.int64(),
        "float": pa.float64(),
        "str": pa.string(),
        "date": pa.date32(),
    }[kind]


def _newlines(raw: np.ndarray) -> int:
    """Count the line feeds in ``raw`` (bytes), 4 MB at a time (cache-sized)."""
    step = 1 << 22
    return sum(
        int(np.count_nonzero(raw[i : i + step] == 10)) for i in range(0, len(raw), step)
    )


def _body_lines(data: Any, body: int, rows: int) -> tuple[int, np.ndarray | None]:
    """Line number of the first data row, and a per-row map if blank lines exist.

    ``pyarrow`` skips blank lines, so the row -> line map is a plain offset
    unless the body has blank lines before its last row (then there are more
    lines than rows).
    """
    raw = np.frombuffer(data, dtype=np.uint8) if len(data) else np.zeros(0, np.uint8)
    first = _newlines(raw[:body]) + 1
    end = len(raw)
    while end > body and raw[end - 1] in (9, 10, 13, 32):
        end -= 1
    lines_in_body = _newlines(raw[body:end]) + (1 if end > body else 0)
    if lines_in_body == rows:
        return first, None
    buf = raw[body:end]
    nl = np.flatnonzero(buf == 10)
    starts = np.concatenate(([0], nl + 1))
    stops = np.concatenate((nl, [len(buf)]))
    length = stops - starts
    cr = (length == 1) & (buf[np.minimum(starts, len(buf) - 1)] == 13)
    blank = (length == 0) | cr
    lines = np.flatnonzero(~blank) + first
    return first, lines.astype(np.int64)


def read_layout(
    path: PathLike,
    layouts: Sequence[Layout],
    *,
    member: str | None = None,
    what: str,
    variant_hint: Any = None,
) -> pd.DataFrame:
    r"""Read a CSV (or a zip member) in one of ``layouts`` into pandas.

    Parameters
    ----------
    path : str or os.PathLike
        A ``.csv`` file or the distributed ``.zip`` archive.
    layouts : sequence of Layout
        The formats the caller accepts; the header picks one.
    member : str, optional
        The archive member to read (name or base name); default: the first
        member matching the layouts' documented names.
    what : str
        What the caller reads, for messages (e.g. ``"a COW trade file"``).
    variant_hint : callable, optional
        ``f(layout, file_name) -> Layout`` to choose between layouts that
        share a header (COW alliance yearly files).

    Returns
    -------
    pandas.DataFrame
        The data set's own columns (snake_case), typed; index = file line
        number; ``attrs`` with ``dataset``, ``version``, ``variant``,
        ``layout``, ``path``, ``missing_codes`` and ``encoding``.

    Raises
    ------
    DataFormatError
        For a wrong header or a bad row (naming the line).
    FileNotFoundError
        If ``path`` does not exist.

    Examples
    --------
    >>> import os, tempfile
    >>> from middlepower.io._csv import read_layout
    >>> from middlepower.io.cow import COW_NMC
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = os.path.join(tmp, "nmc.csv")
    ...     with open(p, "w") as f:
    ...         _ = f.write(
    ...             "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,"
    ...             "cinc,version\nROK,732,2012,-9,655,69073,"
    ...             "362300,48588,40100,0.0226,2021\n"
    ...         )
    ...     df = read_layout(p, [COW_NMC], what="an NMC file")
    >>> import pandas as pd
    >>> pd.isna(df.loc[2, "milex"]), int(df.loc[2, "ccode"]), df.attrs["missing_codes"]
    (True, 732, {'milex': 1})
    """
    members = tuple(m for layout in layouts for m in layout.members)
    source = _load(path, members, member, what)
    try:
        return parse_source(source, layouts, what=what, variant_hint=variant_hint)
    finally:
        source.close()


def parse_source(
    source: _Source,
    layouts: Sequence[Layout],
    *,
    what: str,
    variant_hint: Any = None,
) -> pd.DataFrame:
    """Parse loaded bytes (see :func:`read_layout`)."""
    pa = import_optional("pyarrow", "data", "the data readers")
    pacsv = import_optional("pyarrow.csv", "data", "the data readers")
    label = source.label
    data = source.data
    names, body, encoding = _header(data, label)
    named, n_empty = _split_trailing_empty(names, label)
    layout = detect_layout(named, layouts, label, what)
    if variant_hint is not None:
        layout = variant_hint(layout, source.name)
    specs = [layout.column_for(n) or Column(n, "str", required=False) for n in named]
    dummies = [f"__empty_{i}" for i in range(n_empty)]
    all_names = [*named, *dummies]
    types = {n: _arrow_type(s.kind) for n, s in zip(named, specs, strict=True)}
    types.update(dict.fromkeys(dummies, pa.string()))
    buf = pa.py_buffer(data) if isinstance(data, bytes) else data
    body_buf = buf.slice(body)
    tried: list[str] = []
    table = None
    for enc in dict.fromkeys([encoding, "utf8", "cp1252", "latin-1"]):
        try:
            table = pacsv.read_csv(
                pa.BufferReader(body_buf),
                read_options=pacsv.ReadOptions(
                    column_names=all_names,
                    encoding="utf8" if enc in ("utf-8", "utf8") else enc,
                    block_size=1 << 24,
                ),
                parse_options=pacsv.ParseOptions(newlines_in_values=False),
                convert_options=pacsv.ConvertOptions(
                    column_types=types,
                    null_values=_NULLS,
                    strings_can_be_null=True,
                    quoted_strings_can_be_null=True,
                ),
            )
            encoding = "utf-8" if enc in ("utf-8", "utf8") else enc
            break
        except UnicodeDecodeError as err:  # a byte the code page does not define
            tried.append(str(err))
            continue
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as err:
            msg = str(err)
            tried.append(msg)
            if "UTF8" in msg or "utf8" in msg.lower():
                continue  # not UTF-8: try the next encoding
            _diagnose(data, body, named, specs, n_empty, label, msg)
    if table is None:
        _diagnose(data, body, named, specs, n_empty, label, tried[-1])
        raise DataFormatError(label, "the file cannot be parsed")  # pragma: no cover
    first, lines = _body_lines(data, body, table.num_rows)
    if lines is not None and len(lines) != table.num_rows:
        _unterminated_quote(data, body, first, label)
    return finish_table(
        table, layout, specs, named, dummies, label, first, lines, encoding
    )


def _unterminated_quote(data: Any, body: int, first: int, label: str) -> None:
    """Raise for a body whose rows swallowed lines: a quote left open.

    pyarrow keeps reading a quoted field up to the next quote, across lines,
    so the lines after an unterminated ``"`` become part of one field and the
    table has fewer rows than the file has lines. Names the first line with
    an odd number of quotes.
    """
    text = bytes(memoryview(data)[body:])
    for i, line in enumerate(text.split(b"\n")):
        if line.count(b'"') % 2:
            raise DataFormatError(
                label,
                "a quoted field is not closed (an odd number of '\"' on the "
                "line), so the lines after it would be read as one value",
                line=first + i,
            )
    raise DataFormatError(  # pragma: no cover - rows and lines always match otherwise
        label, "the file has more lines than pyarrow read rows"
    )


def _line_of(index: int, first: int, lines: np.ndarray | None) -> int:
    return int(lines[index]) if lines is not None else first + index


def finish_table(
    table: Any,
    layout: Layout,
    specs: Sequence[Column],
    named: Sequence[str],
    dummies: Sequence[str],
    label: str,
    first: int,
    lines: np.ndarray | None,
    encoding: str,
) -> pd.DataFrame:
    """Mask missing markers, check values, convert to pandas (see read_layout)."""
    pa = import_optional("pyarrow", "data", "the data readers")
    pc = import_optional("pyarrow.compute", "data", "the data readers")
    pd_ = import_optional("pandas", "data", "the data readers")
    # Unnamed trailing columns are not part of the data set (spreadsheet
    # leftovers): ignored, but what stood in them is counted in attrs.
    unnamed_values = sum(
        len(table.column(n)) - table.column(n).null_count for n in dummies
    )
    missing_codes: dict[str, int] = {}
    numbers: dict[str, Any] = {}  # output name -> pandas masked array
    others: list[tuple[str, Any]] = []  # output name -> arrow column
    out_names = [s.output for s in specs]
    fused = len(set(out_names)) == len(out_names)
    for name, spec in zip(named, specs, strict=True):
        col = table.column(name)
        numeric = spec.kind in _NUMERIC_KINDS
        if numeric and fused and col.type in (pa.int64(), pa.float64()):
            # one numpy pass: -9 and empty cells -> mask, checks, masked array
            values, mask, n = _numbers(col, pa)
            if n:
                missing_codes[spec.output] = n
            _check_numbers(values, mask, spec, layout, label, first, lines)
            kind = pd_.arrays.IntegerArray
            if values.dtype.kind == "f":
                kind = pd_.arrays.FloatingArray
            numbers[spec.output] = kind(values, mask)
            continue
        if numeric:
            marker = pc.equal(col, MISSING_CODE)
            n = int(pc.sum(marker).as_py() or 0)
            if n:
                col = pc.if_else(marker, pa.scalar(None, col.type), col)
                missing_codes[spec.output] = n
        _check_values(col, spec, layout, label, first, lines, pc, pa)
        others.append((spec.output, col))
    mapper = {
        pa.int64(): pd_.Int64Dtype(),
        pa.float64(): pd_.Float64Dtype(),
        pa.string(): pd_.StringDtype("pyarrow"),
    }
    rest = pa.table([c for _, c in others], names=[n for n, _ in others])
    df = rest.to_pandas(types_mapper=mapper.get, date_as_object=False)
    if numbers:
        data = {
            name: numbers[name] if name in numbers else df[name].array
            for name in out_names
        }
        df = pd_.DataFrame(data, copy=False)
    n = len(df)
    if lines is None:
        df.index = pd_.RangeIndex(first, first + n, name="line")
    else:
        df.index = pd_.Index(lines[:n], name="line")
    df.attrs.update(
        {
            "dataset": layout.dataset,
            "version": layout.version,
            "variant": layout.variant,
            "layout": layout.key,
            "title": layout.title,
            "path": label,
            "encoding": encoding,
            "missing_codes": missing_codes,
            "unnamed_columns": len(dummies),
            "unnamed_values": int(unnamed_values),
        }
    )
    return df


_NUMERIC_KINDS = ("code", "year", "int", "flag", "float", "yyyymm")


def _numbers(col: Any, pa: Any) -> tuple[np.ndarray, np.ndarray, int]:
    """Values, mask (empty or -9) and number of -9 markers of a numeric column.

    The values are a new writable array, zero under the mask (the buffers
    of the arrow column are read in place).
    """
    arr = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    dtype = np.float64 if arr.type == pa.float64() else np.int64
    n, offset = len(arr), arr.offset
    if n == 0:
        return np.zeros(0, dtype=dtype), np.zeros(0, dtype=bool), 0
    validity, data = arr.buffers()[:2]
    values = np.frombuffer(data, dtype=dtype, count=n + offset)[offset:]
    mask = values == MISSING_CODE
    if arr.null_count:
        bits = np.frombuffer(validity, dtype=np.uint8)
        valid = np.unpackbits(bits, count=n + offset, bitorder="little")[offset:]
        mask &= valid.view(bool)
        markers = int(np.count_nonzero(mask))
        mask |= ~valid.view(bool)
    else:
        markers = int(np.count_nonzero(mask))
    return np.where(mask, dtype(0), values), mask, markers


def _check_numbers(
    values: np.ndarray,
    mask: np.ndarray,
    spec: Column,
    layout: Layout,
    label: str,
    first: int,
    lines: np.ndarray | None,
) -> None:
    """:func:`_check_values` for a numeric column as numpy values and mask."""
    bad = None
    problem = ""
    if not spec.nullable and mask.any():
        bad = mask
        problem = f"column {spec.name!r} is empty (or -9) where a value is required"
    elif spec.kind == "code":
        lo, hi = CODE_RANGE
        bad = ((values < lo) | (values > hi)) & ~mask
        what = f"not a COW state number ({lo}-{hi})"
        problem = f"column {spec.name!r} holds {{v}}, {what}"
    elif spec.kind == "year":
        lo, hi = YEAR_RANGE
        bad = ((values < lo) | (values > hi)) & ~mask
        if layout.year_zero:
            bad &= values != 0
        problem = f"column {spec.name!r} holds {{v}}, not a year ({lo}-{hi})"
    elif spec.kind == "flag" or spec.allowed is not None:
        allowed = spec.allowed if spec.allowed is not None else (0, 1)
        bad = ~np.isin(values, np.asarray(allowed, dtype=values.dtype)) & ~mask
        problem = f"column {spec.name!r} holds {{v}}; expected one of " + ", ".join(
            map(str, allowed)
        )
    elif spec.kind == "yyyymm":
        year = np.where(values < 0, -(-values // 100), values // 100)  # truncated
        month = values - year * 100
        bad = (month < 1) | (month > 12) | (year < YEAR_RANGE[0])
        bad = (bad | (year > YEAR_RANGE[1])) & ~mask
        problem = f"column {spec.name!r} holds {{v}}, not a year and month YYYYMM"
    elif spec.kind == "float":
        bad = ~np.isfinite(values) & ~mask
        problem = f"column {spec.name!r} holds {{v}}, not a finite number"
    if bad is None or not bad.any():
        return
    i = int(np.flatnonzero(bad)[0])
    raise DataFormatError(
        label,
        problem.format(v=repr(values[i].item())),
        line=_line_of(i, first, lines),
    )


def _check_values(
    col: Any,
    spec: Column,
    layout: Layout,
    label: str,
    first: int,
    lines: np.ndarray | None,
    pc: Any,
    pa: Any,
) -> None:
    """Raise DataFormatError at the first value of ``col`` that breaks ``spec``."""
    bad = None
    problem = ""
    if not spec.nullable and col.null_count:
        bad = pc.is_null(col)
        problem = f"column {spec.name!r} is empty (or -9) where a value is required"
    elif spec.kind == "code":
        lo, hi = CODE_RANGE
        bad = pc.or_(pc.less(col, lo), pc.greater(col, hi))
        problem = (
            f"column {spec.name!r} holds {{v}}, not a COW state number ({lo}-{hi})"
        )
    elif spec.kind == "year":
        lo, hi = YEAR_RANGE
        bad = pc.or_(pc.less(col, lo), pc.greater(col, hi))
        if layout.year_zero:
            bad = pc.and_(bad, pc.not_equal(col, 0))
        problem = f"column {spec.name!r} holds {{v}}, not a year ({lo}-{hi})"
    elif spec.kind == "flag" or spec.allowed is not None:
        allowed = spec.allowed if spec.allowed is not None else (0, 1)
        bad = pc.invert(pc.is_in(col, value_set=pa.array(allowed, type=col.type)))
        bad = pc.and_(bad, pc.is_valid(col))
        problem = f"column {spec.name!r} holds {{v}}; expected one of " + ", ".join(
            map(str, allowed)
        )
    elif spec.kind == "yyyymm":
        month = pc.subtract(col, pc.multiply(pc.divide(col, 100), 100))
        year = pc.divide(col, 100)
        bad = pc.or_(
            pc.or_(pc.less(month, 1), pc.greater(month, 12)),
            pc.or_(pc.less(year, YEAR_RANGE[0]), pc.greater(year, YEAR_RANGE[1])),
        )
        problem = f"column {spec.name!r} holds {{v}}, not a year and month YYYYMM"
    elif spec.kind == "float":
        bad = pc.invert(pc.is_finite(col))
        problem = f"column {spec.name!r} holds {{v}}, not a finite number"
    if bad is None:
        return
    bad = pc.fill_null(bad, False)
    if not pc.any(bad).as_py():
        return
    i = int(pc.index(bad, True).as_py())
    raise DataFormatError(
        label, problem.format(v=repr(col[i].as_py())), line=_line_of(i, first, lines)
    )


# -- diagnostics (slow path, only after the fast parser failed) ----------------

_INT = re.compile(r"^\s*[-+]?\d+\s*$")
_FLOAT = re.compile(
    r"^\s*[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|nan|inf)\s*$", re.I
)
_DATE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")


def _value_ok(kind: Kind, value: str) -> bool:
    if value.strip() in ("", "NA"):
        return True
    if kind in ("code", "year", "int", "flag", "yyyymm"):
        return bool(_INT.match(value))
    if kind == "float":
        return bool(_FLOAT.match(value))
    if kind == "date":
        return bool(_DATE.match(value))
    return True


def _diagnose(
    data: Any,
    body: int,
    named: Sequence[str],
    specs: Sequence[Column],
    n_empty: int,
    label: str,
    message: str,
) -> None:
    """Find the first bad line and raise DataFormatError naming it."""
    if not isinstance(data, bytes):
        data = bytes(memoryview(data))
    text, _ = _decode(data[body:])
    first = data[:body].count(b"\n") + 1
    width = len(named) + n_empty
    rows = text.split("\n")
    ends_with_newline = text.endswith("\n")
    if ends_with_newline:
        rows = rows[:-1]
    last = len(rows) - 1
    for k, raw in enumerate(rows):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        try:
            fields = next(csv.reader(io.StringIO(line)))
        except (csv.Error, StopIteration):  # pragma: no cover - csv rarely fails
            raise DataFormatError(
                label, "the line cannot be parsed", line=first + k
            ) from None
        if len(fields) != width:
            if k == last and not ends_with_newline and len(fields) < width:
                problem = (
                    f"the last line is truncated: it has {len(fields)} of "
                    f"{width} fields"
                )
            else:
                problem = f"the line has {len(fields)} fields, expected {width}"
            raise DataFormatError(label, problem, line=first + k)
        for value, spec in zip(fields, specs, strict=False):
            if not _value_ok(spec.kind, value):
                what = {
                    "code": "an integer state code",
                    "year": "an integer year",
                    "int": "an integer",
                    "flag": "0 or 1",
                    "yyyymm": "an integer YYYYMM",
                    "float": "a number",
                    "date": "a date YYYY-MM-DD",
                    "str": "text",
                }[spec.kind]
                trunc = (
                    " (the last line looks truncated)"
                    if k == last and not ends_with_newline
                    else ""
                )
                raise DataFormatError(
                    label,
                    f"value {value!r} in column {spec.name!r} is not {what}{trunc}",
                    line=first + k,
                )
    raise DataFormatError(label, f"the file cannot be parsed ({message.strip()})")
