r"""Readers of event data (GDELT, ICEWS, POLECAT) into the canonical event table.

Each reader takes one path, a list of paths or a glob pattern (plain files or
``.zip`` archives, every member of which is read), checks the format, and
returns the canonical event table of METHODS.md §10 as a pyarrow-backed
pandas DataFrame, one row per event between two states:

============  ===========================  ==========================================
column        dtype                        content
============  ===========================  ==========================================
event_id      ``int64[pyarrow]``           GDELT ``GLOBALEVENTID``, ICEWS ``Event ID``
              (POLECAT: ``string[pyarrow]``) (not unique alone in ICEWS 2007-2013)
date          ``date32[day][pyarrow]``     the day of the event
source        ``string[pyarrow]``          ISO3 of the acting state
target        ``string[pyarrow]``          ISO3 of the state acted upon
code          ``string[pyarrow]``          CAMEO code, zero-padded (``"042"``), or
                                           the PLOVER type (``"CONSULT"``)
mode          ``string[pyarrow]``          PLOVER mode (``"phone"``) or ``<NA>``
intensity     ``double[pyarrow]``          Goldstein score / PLOVER intensity
level         ``string[pyarrow]``          ``"leader"``, ``"government"``, ``"other"``
dataset       ``string[pyarrow]``          ``"gdelt"``, ``"icews"``, ``"polecat"``
mentions      ``int64[pyarrow]``           reports behind the row (>= 1): GDELT
                                           ``NumArticles``, else 1
============  ===========================  ==========================================

With ``keep_original=True`` the file's own columns follow, under their own
names. Country codes go through :func:`middlepower.io.codes.to_iso3` (GDELT:
CAMEO country codes, ICEWS: English names, POLECAT: names or ISO codes).

**What is dropped.** A row that cannot be placed is dropped and counted, never
silently: the summary ``df.attrs["summary"]`` (a :class:`ReadSummary`) holds
the rows read, kept and dropped per reason, each dropped row counted once under
the first reason that applies, in this order: ``"missing date"``,
``"malformed date"``, ``"malformed code"``, ``"no source country"``,
``"non-state source"`` (a CAMEO region, a POLECAT IGO...), ``"unknown source
country"``, then the same three for the target. ``rows_read == rows_kept +
sum(dropped.values())`` always holds. Lines that were repaired (POLECAT's
malformed files) are counted in ``repaired``.

**Level.** ``leader`` where the data set identifies a head of state or
government, ``government`` for other government actors, else ``other``; the
rules per data set are the cited table ``datasets/data/events/readers/
levels.csv`` (ICEWS sector "Executive Office"; POLECAT title and sector GOV;
GDELT type GOV, leaders only by name through ``leaders=``). The event takes the
lower level of its two actors; an actor that is the state itself ("China")
counts as a leader there, so that a head of state's visit "to China" is a
leader-level event, and two such actors make a government-level event.

A wrong file (wrong column count or header, not tab-separated, binary, empty,
a value that does not parse) raises :class:`~middlepower.DataFormatError`
naming the file, and the line where one line is at fault.

References
----------
.. [1] Leetaru, Kalev, and Philip A. Schrodt. "GDELT: Global Data on Events,
   Location and Tone, 1979-2012." ISA Annual Convention, 2013.
.. [2] Boschee, Elizabeth, et al. "ICEWS Coded Event Data." Harvard
   Dataverse, 2015. https://doi.org/10.7910/DVN/28075
.. [3] Halterman, Andrew, et al. "PLOVER and POLECAT: A New Political Event
   Ontology and Dataset." 2023. https://doi.org/10.7910/DVN/AJGVIT
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import glob
import io
import os
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

from middlepower._checks import check_bool, check_path, show
from middlepower._optional import import_optional
from middlepower.events._schema import CANONICAL_COLUMNS
from middlepower.exceptions import (
    DataFormatError,
    InvalidArgumentTypeError,
    InvalidParameterError,
    MissingFileError,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import pyarrow as pa

__all__ = [
    "CANONICAL_COLUMNS",
    "DROP_REASONS",
    "ReadSummary",
    "read_gdelt",
    "read_icews",
    "read_polecat",
]

#: Why a row is dropped, in the order the reasons are checked.
DROP_REASONS: tuple[str, ...] = (
    "missing date",
    "malformed date",
    "malformed code",
    "no source country",
    "non-state source",
    "unknown source country",
    "no target country",
    "non-state target",
    "unknown target country",
)

PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class ReadSummary:
    """What a reader read, kept, dropped and repaired.

    Attributes
    ----------
    dataset : str
        ``"gdelt"``, ``"icews"`` or ``"polecat"``.
    files : tuple of str
        The files read, in order (``archive.zip:member`` for zip members).
    formats : dict of str to str
        The format of each file (``"GDELT 2.0"``...).
    rows_read : int
        Data rows in the files.
    rows_kept : int
        Rows in the table.
    dropped : dict of str to int
        Rows dropped per reason (:data:`DROP_REASONS`; reasons with no row
        are left out).
    repaired : dict of str to int
        Lines read after a repair, per kind of repair.

    Examples
    --------
    >>> from middlepower.events._readers import ReadSummary
    >>> s = ReadSummary(
    ...     "icews", ("a.tab",), {"a.tab": "ICEWS"}, 5, 3, {"no target country": 2}, {}
    ... )
    >>> s.rows_dropped, s.rows_read == s.rows_kept + s.rows_dropped
    (2, True)
    """

    dataset: str
    files: tuple[str, ...]
    formats: dict[str, str]
    rows_read: int
    rows_kept: int
    dropped: dict[str, int] = field(default_factory=dict)
    repaired: dict[str, int] = field(default_factory=dict)

    @property
    def rows_dropped(self) -> int:
        """Rows dropped, all reasons together."""
        return sum(self.dropped.values())

    def __str__(self) -> str:
        """Rows read, kept, dropped by reason and repaired, one per line.

        Files are named without their folders, so the text is the same
        wherever the data live.

        Examples
        --------
        >>> from middlepower.events._readers import ReadSummary
        >>> print(
        ...     ReadSummary(
        ...         "icews",
        ...         ("/data/a.tab",),
        ...         {"/data/a.tab": "ICEWS"},
        ...         5,
        ...         3,
        ...         {"no target country": 2},
        ...     )
        ... )
        icews: 5 rows read from a.tab; 3 kept, 2 dropped
          dropped (no target country): 2
        """
        names = ", ".join(os.path.basename(f) for f in self.files)
        lines = [
            f"{self.dataset}: {self.rows_read:,} rows read from {names}; "
            f"{self.rows_kept:,} kept, {self.rows_dropped:,} dropped"
        ]
        lines += [f"  dropped ({why}): {n:,}" for why, n in self.dropped.items()]
        lines += [f"  repaired ({what}): {n:,}" for what, n in self.repaired.items()]
        return "\n".join(lines)


# -- formats ---------------------------------------------------------------------------

_GDELT_ACTOR = (
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
)


def _gdelt_names(version: str) -> tuple[str, ...]:
    geo: tuple[str, ...] = ("Type", "FullName", "CountryCode", "ADM1Code")
    geo += ("ADM2Code",) if version == "2.0" else ()
    geo += ("Lat", "Long", "FeatureID")
    names = [
        "GLOBALEVENTID",
        "SQLDATE",
        "MonthYear",
        "Year",
        "FractionDate",
        *(f"Actor1{c}" for c in _GDELT_ACTOR),
        *(f"Actor2{c}" for c in _GDELT_ACTOR),
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
        *(f"{who}Geo_{g}" for who in ("Actor1", "Actor2", "Action") for g in geo),
        "DATEADDED",
    ]
    return tuple(names)


#: GDELT layouts by field count: 57 = 1.0 historical, 58 = 1.0 daily, 61 = 2.0.
_GDELT_LAYOUTS: dict[int, tuple[str, tuple[str, ...]]] = {
    57: ("GDELT 1.0 (historical)", _gdelt_names("1.0")),
    58: ("GDELT 1.0 (daily)", (*_gdelt_names("1.0"), "SOURCEURL")),
    61: ("GDELT 2.0", (*_gdelt_names("2.0"), "SOURCEURL")),
}

_ICEWS_NAMES = (
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
)

_POLECAT_NAMES = (
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
)


@dataclass(frozen=True)
class _Layout:
    """How to read one file: its columns and the types of those used."""

    label: str
    names: tuple[str, ...]
    types: dict[str, str]  # column -> "int64" | "float64" (others: string)
    needed: tuple[str, ...]
    encoding: str
    null_values: tuple[str, ...]
    skip_header: bool


def _arrow_type(kind: str) -> pa.DataType:
    import pyarrow as pa

    return {"int64": pa.int64(), "float64": pa.float64()}.get(kind, pa.string())


# -- tables ----------------------------------------------------------------------------


def _read_table_file(name: str) -> list[dict[str, str]]:
    path = resources.files("middlepower.datasets") / "data" / "events" / "readers"
    text = (path / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@functools.cache
def _level_rules(dataset: str) -> dict[tuple[str, str], re.Pattern[str]]:
    """(field, level) -> compiled pattern for one data set."""
    return {
        (row["field"], row["level"]): re.compile(row["pattern"])
        for row in _read_table_file("levels.csv")
        if row["dataset"] == dataset
    }


@functools.cache
def _plover_types() -> frozenset[str]:
    return frozenset(row["type"] for row in _read_table_file("plover.csv"))


# -- files -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    """One file to read: a path on disk, or the bytes of a zip member."""

    label: str
    path: str | None = None
    data: bytes | None = None

    def head(self, size: int = 1 << 16) -> bytes:
        if self.data is not None:
            return self.data[:size]
        with open(self.path, "rb") as f:  # type: ignore[arg-type]
            head: bytes = f.read(size)
        return head

    def arrow_input(self) -> Any:
        import pyarrow as pa

        if self.data is not None:
            return pa.BufferReader(self.data)
        return self.path

    def raw(self) -> bytes:
        if self.data is not None:
            return self.data
        with open(self.path, "rb") as f:  # type: ignore[arg-type]
            raw: bytes = f.read()
        return raw


_GLOB = re.compile(r"[*?\[]")


def _check_encoding(encoding: object) -> None:
    """Raise unless ``encoding`` is ``None`` or the name of a Python codec."""
    if encoding is None:
        return
    if not isinstance(encoding, str):
        raise InvalidArgumentTypeError(
            "encoding must be a codec name such as 'utf-8' or None, got "
            f"{show(encoding)}."
        )
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InvalidParameterError(
            f"Unknown encoding {encoding!r}; expected a Python codec name such as "
            "'utf-8' or 'latin-1'."
        ) from None


def _expand(paths: PathLike | Iterable[PathLike]) -> list[_Source]:
    """Files named by a path, a glob pattern or a list of them, zips opened."""
    if isinstance(paths, (str, os.PathLike)):
        items: list[Any] = [paths]
    elif isinstance(paths, bytes | Mapping) or not isinstance(paths, Iterable):
        raise InvalidArgumentTypeError(
            "paths must be a path, a glob pattern or a list of them, got "
            f"{show(paths)}."
        )
    else:
        items = list(paths)
        if not items:
            raise InvalidParameterError(
                "paths is an empty list; name at least one file."
            )
    files: list[str] = []
    for item in items:
        if not isinstance(item, str | os.PathLike):
            raise InvalidArgumentTypeError(
                f"paths must hold paths (str or os.PathLike), got {show(item)}."
            )
        text = check_path(item, "paths")
        if _GLOB.search(text) and not os.path.exists(text):
            matched = sorted(glob.glob(text))
            if not matched:
                raise InvalidParameterError(f"No file matches the pattern {text!r}.")
            files.extend(matched)
        elif os.path.isdir(text):
            raise DataFormatError(text, "is a folder, not an event file")
        elif os.path.isfile(text):
            files.append(text)
        else:
            raise MissingFileError(text, "Event file")
    sources: list[_Source] = []
    for path in files:
        if path.lower().endswith(".zip"):
            try:
                with zipfile.ZipFile(path) as archive:
                    members = [m for m in archive.infolist() if not m.is_dir()]
                    if not members:
                        raise DataFormatError(path, "the zip archive holds no file")
                    for member in members:
                        sources.append(
                            _Source(
                                f"{path}:{member.filename}", data=archive.read(member)
                            )
                        )
            except zipfile.BadZipFile as err:
                raise DataFormatError(path, "not a readable zip archive") from err
        else:
            sources.append(_Source(path, path=path))
    return sources


def _first_lines(source: _Source, count: int = 2) -> list[bytes]:
    """Return the first ``count`` lines (no line ends), after checking the text."""
    head = source.head()
    if not head.strip():
        raise DataFormatError(source.label, "the file is empty")
    if b"\x00" in head:
        raise DataFormatError(source.label, "not a text file (it holds binary data)")
    lines = head.splitlines()
    return [line.rstrip(b"\r") for line in lines[:count]]


def _line_of(source: _Source, text: str, encoding: str) -> int | None:
    """Return the 1-based line whose content is ``text`` (for error messages)."""
    target = text.rstrip("\r\n").encode(encoding, errors="replace")
    for number, line in enumerate(source.raw().splitlines(), start=1):
        if line.rstrip(b"\r") == target:
            return number
    return None


def _encoding_of(source: _Source, encoding: str | None) -> str:
    """Return ``encoding``, or UTF-8 if the file is valid UTF-8, else Latin-1."""
    if encoding is not None:
        return encoding
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        if source.data is not None:
            decoder.decode(source.data, final=True)
        else:
            with open(source.path, "rb") as f:  # type: ignore[arg-type]
                while chunk := f.read(1 << 22):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "latin-1"
    return "utf-8"


def _arrow_encoding(encoding: str) -> str:
    """Return the name under which pyarrow reads UTF-8 natively."""
    return "utf8" if codecs.lookup(encoding).name == "utf-8" else encoding


_ENCODING_LABEL = {"utf-8": "UTF-8", "utf8": "UTF-8", "latin-1": "Latin-1"}


# -- parsing ---------------------------------------------------------------------------


@dataclass
class _Parsed:
    table: pa.Table
    repaired: Counter[str] = field(default_factory=Counter)


def _convert_options(layout: _Layout, keep: bool) -> Any:
    import pyarrow.csv as pv

    columns = layout.names if keep else layout.needed
    return pv.ConvertOptions(
        column_types={c: _arrow_type(layout.types.get(c, "string")) for c in columns},
        include_columns=list(columns),
        null_values=list(layout.null_values),
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
    )


def _parse(
    source: _Source,
    layout: _Layout,
    keep: bool,
    *,
    on_bad_row: Callable[[Any], str] | None = None,
    data: bytes | None = None,
) -> pa.Table:
    """One pyarrow.csv pass; a bad value becomes a DataFormatError with its line."""
    import pyarrow as pa
    import pyarrow.csv as pv

    if on_bad_row is not None and codecs.lookup(layout.encoding).name == "utf-8":
        # pyarrow decodes a bad row's text before calling on_bad_row: an
        # invalid UTF-8 byte there would escape as an unraisable error
        _check_utf8(source, data)
    read = pv.ReadOptions(
        column_names=list(layout.names),
        skip_rows=1 if layout.skip_header and data is None else 0,
        encoding=_arrow_encoding(layout.encoding),
        block_size=1 << 24,
    )
    parse = pv.ParseOptions(
        delimiter="\t",
        quote_char=False,
        escape_char=False,
        newlines_in_values=False,
        ignore_empty_lines=True,
        invalid_row_handler=on_bad_row,
    )
    try:
        return pv.read_csv(
            pa.BufferReader(data) if data is not None else source.arrow_input(),
            read_options=read,
            parse_options=parse,
            convert_options=_convert_options(layout, keep),
        )
    except pa.ArrowInvalid as err:
        raise _explain_arrow_error(source, layout, str(err)) from err


def _check_utf8(source: _Source, data: bytes | None) -> None:
    """Raise a DataFormatError naming the line of the first invalid UTF-8 byte."""
    raw = data if data is not None else source.raw()
    if raw.isascii():
        return
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DataFormatError(
            source.label,
            f"the file is not UTF-8 text (invalid UTF-8 byte {raw[err.start]:#04x})",
            line=raw.count(b"\n", 0, err.start) + 1 if data is None else None,
        ) from None


_COLUMN_ERROR = re.compile(r"In CSV column #(\d+): .*?conversion error to (\w+)")


def _explain_arrow_error(source: _Source, layout: _Layout, message: str) -> Exception:
    if "invalid UTF8" in message:
        return DataFormatError(
            source.label,
            f"the file is not {layout.encoding} text (invalid UTF-8 bytes); "
            "pass encoding= to read it",
        )
    found = _COLUMN_ERROR.search(message)
    if found:
        column = layout.names[int(found.group(1))]
        kind = layout.types.get(column, "string")
        line = _first_bad_value_line(source, layout, column, kind)
        expected = "an integer" if kind == "int64" else "a number"
        return DataFormatError(
            source.label,
            f"{column} is not {expected} (the file is not {layout.label})",
            line=line,
        )
    return DataFormatError(source.label, f"cannot be read as {layout.label}: {message}")


def _first_bad_value_line(
    source: _Source, layout: _Layout, column: str, kind: str
) -> int | None:
    """Re-read one column as text and find the first value of the wrong type."""
    import pyarrow as pa
    import pyarrow.csv as pv

    text_layout = _Layout(
        layout.label,
        layout.names,
        {},
        (column,),
        layout.encoding,
        layout.null_values,
        layout.skip_header,
    )
    try:
        values = pv.read_csv(
            source.arrow_input(),
            read_options=pv.ReadOptions(
                column_names=list(layout.names),
                skip_rows=1 if layout.skip_header else 0,
                encoding=_arrow_encoding(layout.encoding),
            ),
            parse_options=pv.ParseOptions(
                delimiter="\t",
                quote_char=False,
                invalid_row_handler=lambda row: "skip",
            ),
            convert_options=_convert_options(text_layout, False),
        ).column(0)
    except pa.ArrowInvalid:  # pragma: no cover - already failing file
        return None
    cast = int if kind == "int64" else float
    for index, value in enumerate(values.to_pylist()):
        if value is None:
            continue
        try:
            cast(value)
        except ValueError:
            text = value
            line = _line_of_value(source, layout, index)
            return line if line is not None else _line_of(source, text, layout.encoding)
    return None


def _line_of_value(source: _Source, layout: _Layout, row: int) -> int | None:
    """Return the line of data row ``row`` (0-based), blank lines skipped."""
    raw = source.raw()
    lines = raw.splitlines()
    offset = 1 if layout.skip_header else 0
    non_empty = [i for i, line in enumerate(lines) if line.strip()]
    index = row + offset
    return non_empty[index] + 1 if index < len(non_empty) else None


class _BadRows:
    """Collects the rows pyarrow cannot split into the expected columns."""

    def __init__(self) -> None:
        self.rows: list[Any] = []

    def __call__(self, row: Any) -> str:
        self.rows.append(row)
        return "skip"


def _fail_on_bad_rows(source: _Source, layout: _Layout, bad: _BadRows) -> None:
    if not bad.rows:
        return
    row = min(bad.rows, key=lambda r: r.number if r.number is not None else 1 << 62)
    line = row.number if row.number is not None else None
    if line is None:
        line = _line_of(source, row.text, layout.encoding)
    raise DataFormatError(
        source.label,
        f"{row.actual_columns} tab-separated fields where {layout.label} has "
        f"{row.expected_columns}",
        line=line,
    )


# -- mapping columns -------------------------------------------------------------------


def _by_unique(
    column: pa.ChunkedArray, fn: Callable[[list[Any]], list[Any]], out_type: pa.DataType
) -> pa.Array:
    """Apply ``fn`` to the distinct values of ``column`` and spread the result."""
    import pyarrow as pa
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(column).combine_chunks()
    uniques = encoded.dictionary.to_pylist()
    mapped = pa.array(fn(uniques), type=out_type)
    return mapped.take(encoded.indices)


def _countries(
    column: pa.ChunkedArray, source: str
) -> tuple[pa.Array, np.ndarray, np.ndarray, np.ndarray]:
    """ISO3 per row and masks: no country, non-state, unknown."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from middlepower.io.codes import _iso3_with_outcomes

    encoded = pc.dictionary_encode(column).combine_chunks()
    codes, kinds = _iso3_with_outcomes(encoded.dictionary.to_pylist(), source)
    iso = pa.array(codes, type=pa.string()).take(encoded.indices)
    kind_index = np.asarray(
        pa.array(
            [("missing", "non-state", "unknown", "ok").index(k) for k in kinds],
            type=pa.int8(),
        )
        .take(encoded.indices)
        .fill_null(0)
        .to_numpy(zero_copy_only=False)
    )
    return iso, kind_index == 0, kind_index == 1, kind_index == 2


def _matches(column: pa.ChunkedArray, pattern: re.Pattern[str]) -> np.ndarray:
    """Where a string column's value contains ``pattern`` (null: no)."""
    import pyarrow as pa

    hit = _by_unique(
        column,
        lambda u: [v is not None and pattern.search(v) is not None for v in u],
        pa.bool_(),
    )
    return np.asarray(hit.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


def _is_null(column: pa.ChunkedArray | pa.Array) -> np.ndarray:
    import pyarrow.compute as pc

    return np.asarray(pc.is_null(column).to_numpy(zero_copy_only=False), dtype=bool)


def _dates(
    column: pa.ChunkedArray, fmt: str
) -> tuple[pa.Array, np.ndarray, np.ndarray]:
    """Days, and masks: missing, malformed.

    Each distinct date string is parsed once with :func:`datetime.strptime`,
    which is strict (``20250631`` is not a day), and the days are spread back.
    """
    import pyarrow as pa

    def parse(uniques: list[Any]) -> list[dt.date | None]:
        days: list[dt.date | None] = []
        for text in uniques:
            try:
                days.append(dt.datetime.strptime(text.strip(), fmt).date())
            except (AttributeError, ValueError):
                days.append(None)
        return days

    days = _by_unique(column, parse, pa.date32())
    missing = _is_null(column)
    return days, missing, _is_null(days) & ~missing


# Ranks of an actor: 0 other, 1 government, 2 leader, 3 the state itself.
_OTHER, _GOVERNMENT, _LEADER, _STATE = 0, 1, 2, 3
_LEVEL_NAMES = np.array(["other", "government", "leader"], dtype=object)


def _event_level(source_rank: np.ndarray, target_rank: np.ndarray) -> np.ndarray:
    """Return the lower rank of two actors, the state itself counting as a leader."""
    both_state = (source_rank == _STATE) & (target_rank == _STATE)
    level = np.minimum(
        np.where(source_rank == _STATE, _LEADER, source_rank),
        np.where(target_rank == _STATE, _LEADER, target_rank),
    )
    level[both_state] = _GOVERNMENT
    return level


@dataclass
class _Canonical:
    """The canonical columns of one file, before rows are dropped."""

    event_id: Any
    days: Any
    source: Any
    target: Any
    code: Any
    mode: Any
    intensity: Any
    level: np.ndarray
    mentions: Any
    masks: dict[str, np.ndarray]


def _finish(
    dataset: str,
    parsed: list[tuple[_Source, str, pa.Table, _Canonical, Counter[str]]],
    keep: bool,
) -> pd.DataFrame:
    """Drop what cannot be placed, count it, and build the DataFrame."""
    import pandas as pd
    import pyarrow as pa

    tables: list[pa.Table] = []
    dropped: Counter[str] = Counter()
    repaired: Counter[str] = Counter()
    rows_read = 0
    for _, _, table, canon, fixes in parsed:
        n = table.num_rows
        rows_read += n
        repaired.update(fixes)
        remaining = np.ones(n, dtype=bool)
        for reason in DROP_REASONS:
            mask = canon.masks.get(reason)
            if mask is None:
                continue
            hit = mask & remaining
            count = int(hit.sum())
            if count:
                dropped[reason] += count
            remaining &= ~mask
        keep_mask = pa.array(remaining)
        columns: dict[str, Any] = {
            "event_id": canon.event_id,
            "date": canon.days,
            "source": canon.source,
            "target": canon.target,
            "code": canon.code,
            "mode": canon.mode,
            "intensity": canon.intensity,
            "level": pa.array(list(_LEVEL_NAMES), type=pa.string()).take(
                pa.array(canon.level)
            ),
            "dataset": pa.array([dataset], type=pa.string()).take(
                pa.array(np.zeros(n, dtype=np.int8))
            ),
            "mentions": canon.mentions,
        }
        out = pa.table(columns)
        if keep:
            for name in table.column_names:
                out = out.append_column(name, table.column(name))
        tables.append(out.filter(keep_mask))
    result = pa.concat_tables(tables, promote_options="permissive")
    frame = result.to_pandas(types_mapper=pd.ArrowDtype)
    frame.attrs["summary"] = ReadSummary(
        dataset=dataset,
        files=tuple(src.label for src, *_ in parsed),
        formats={src.label: label for src, label, *_ in parsed},
        rows_read=rows_read,
        rows_kept=len(frame),
        dropped={r: dropped[r] for r in DROP_REASONS if dropped[r]},
        repaired=dict(sorted(repaired.items())),
    )
    return frame


def _country_masks(
    prefix: str, column: pa.ChunkedArray, scheme: str
) -> tuple[Any, dict[str, np.ndarray]]:
    codes, missing, nonstate, unknown = _countries(column, scheme)
    return codes, {
        f"no {prefix} country": missing,
        f"non-state {prefix}": nonstate,
        f"unknown {prefix} country": unknown,
    }


# -- GDELT -----------------------------------------------------------------------------


def _gdelt_layout(source: _Source, version: str | None) -> _Layout:
    first = _first_lines(source, 1)[0]
    if b"\t" not in first:
        raise DataFormatError(
            source.label, "not tab-separated (no tab on the first line)", line=1
        )
    fields = first.count(b"\t") + 1
    if fields not in _GDELT_LAYOUTS:
        raise DataFormatError(
            source.label,
            f"{fields} tab-separated fields; GDELT 1.0 files have 57 or 58, "
            "GDELT 2.0 files 61",
            line=1,
        )
    label, names = _GDELT_LAYOUTS[fields]
    if version is not None and not label.startswith(f"GDELT {version}"):
        raise DataFormatError(
            source.label,
            f"{fields} tab-separated fields make it {label}, not GDELT {version}",
            line=1,
        )
    types = {
        "GLOBALEVENTID": "int64",
        "GoldsteinScale": "float64",
        "NumArticles": "int64",
        "NumMentions": "int64",
        "NumSources": "int64",
        "QuadClass": "int64",
        "IsRootEvent": "int64",
        "AvgTone": "float64",
        "FractionDate": "float64",
    }
    needed = (
        "GLOBALEVENTID",
        "SQLDATE",
        "Actor1Code",
        "Actor1Name",
        "Actor1CountryCode",
        "Actor1Type1Code",
        "Actor1Type2Code",
        "Actor1Type3Code",
        "Actor2Code",
        "Actor2Name",
        "Actor2CountryCode",
        "Actor2Type1Code",
        "Actor2Type2Code",
        "Actor2Type3Code",
        "EventCode",
        "GoldsteinScale",
        "NumArticles",
    )
    return _Layout(label, names, types, needed, "utf8", ("",), skip_header=False)


def _gdelt_rank(table: pa.Table, actor: str, leaders: frozenset[str]) -> np.ndarray:
    import pyarrow as pa
    import pyarrow.compute as pc

    rules = _level_rules("gdelt")
    gov = rules[("type", "government")]
    rank = np.zeros(table.num_rows, dtype=np.int8)
    typed = np.zeros(table.num_rows, dtype=bool)
    for k in (1, 2, 3):
        column = table.column(f"{actor}Type{k}Code")
        rank[_matches(column, gov)] = _GOVERNMENT
        typed |= ~_is_null(column)
    if leaders:
        names = pc.utf8_upper(table.column(f"{actor}Name"))
        is_leader = pc.is_in(names, value_set=pa.array(sorted(leaders)))
        rank[np.asarray(is_leader.fill_null(False).to_numpy(zero_copy_only=False))] = (
            _LEADER
        )
    code = table.column(f"{actor}Code")
    country = table.column(f"{actor}CountryCode")
    state_only = pc.fill_null(pc.equal(code, country), False)
    state = np.asarray(state_only.to_numpy(zero_copy_only=False), dtype=bool) & ~typed
    rank[state & (rank == _OTHER)] = _STATE
    return rank


_CAMEO_CODE = re.compile(r"^\d{2,4}$")


def _gdelt_canonical(table: pa.Table, leaders: frozenset[str]) -> _Canonical:
    import pyarrow as pa
    import pyarrow.compute as pc

    days, no_date, bad_date = _dates(table.column("SQLDATE"), "%Y%m%d")
    code = table.column("EventCode")
    bad_code = ~_matches(code, _CAMEO_CODE)
    source, source_masks = _country_masks(
        "source", table.column("Actor1CountryCode"), "cameo"
    )
    target, target_masks = _country_masks(
        "target", table.column("Actor2CountryCode"), "cameo"
    )
    level = _event_level(
        _gdelt_rank(table, "Actor1", leaders), _gdelt_rank(table, "Actor2", leaders)
    )
    articles = pc.max_element_wise(
        pc.fill_null(table.column("NumArticles"), 1), pa.scalar(1, pa.int64())
    )
    return _Canonical(
        event_id=table.column("GLOBALEVENTID"),
        days=days,
        source=source,
        target=target,
        code=code,
        mode=pa.nulls(table.num_rows, pa.string()),
        intensity=table.column("GoldsteinScale"),
        level=level,
        mentions=articles,
        masks={
            "missing date": no_date,
            "malformed date": bad_date,
            "malformed code": bad_code,
            **source_masks,
            **target_masks,
        },
    )


def read_gdelt(
    paths: PathLike | Iterable[PathLike],
    *,
    version: str | None = None,
    keep_original: bool = False,
    leaders: Iterable[str] | None = None,
) -> pd.DataFrame:
    r"""Read GDELT event files (1.0 or 2.0) into the canonical event table.

    GDELT files are tab-separated without a header: 1.0 historical files
    have 57 fields, 1.0 daily files 58 (``SOURCEURL`` added), 2.0 files 61
    (``ADM2`` codes added); the version is told by the field count of the
    first line. Plain ``.CSV`` files and the ``.CSV.zip`` archives GDELT
    distributes are read alike.

    Parameters
    ----------
    paths : path, glob pattern, or list of them
        The files (``"20250606*.export.CSV.zip"``).
    version : {"1.0", "2.0"} or None, optional (default=None)
        Require this version; None accepts both.
    keep_original : bool, optional (default=False)
        Append the file's columns (GDELT names, ``GLOBALEVENTID``...).
    leaders : iterable of str or None, optional (default=None)
        Actor names (``Actor1Name``/``Actor2Name``, compared in upper case:
        ``"MOON JAE-IN"``) that are heads of state or government. GDELT has
        no code for them, so without this no event is ``leader``-level.

    Returns
    -------
    pandas.DataFrame
        The canonical event table (module docstring), with the
        :class:`ReadSummary` in ``.attrs["summary"]``. Source and target are
        ``Actor1CountryCode`` and ``Actor2CountryCode`` (CAMEO country codes);
        ``code`` is ``EventCode``; ``intensity`` ``GoldsteinScale``;
        ``mentions`` ``NumArticles`` (at least 1).

    Raises
    ------
    DataFormatError
        For a file that is not GDELT (or not ``version``), naming the file and
        the line at fault.
    InvalidParameterError
        For a path that names no file, or an unknown ``version``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from middlepower.events._readers import read_gdelt
    >>> gov = ["", "", "", "", "GOV", "", ""]  # group, ethnic, religions, types
    >>> row = ["1", "20250606", "202506", "2025", "2025.4301"]
    >>> row += [
    ...     "KORGOV",
    ...     "SOUTH KOREA",
    ...     "KOR",
    ...     *gov,
    ...     "USAGOV",
    ...     "UNITED STATES",
    ...     "USA",
    ...     *gov,
    ... ]
    >>> row += ["1", "042", "042", "04", "1", "1.9", "10", "3", "8", "2.5"]
    >>> row += [""] * 24 + ["20250606010000", "https://example.org/a"]
    >>> len(row)
    61
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "20250606.export.CSV"
    >>> _ = path.write_text("\t".join(row) + "\n", encoding="utf-8")
    >>> events = read_gdelt(path)
    >>> events[["source", "target", "code", "level", "mentions"]].to_dict("records")
    [{'source': 'KOR', 'target': 'USA', 'code': '042', 'level': 'government',
      'mentions': 8}]
    >>> events.attrs["summary"].formats[str(path)]
    'GDELT 2.0'
    """
    if version not in (None, "1.0", "2.0"):
        raise InvalidParameterError(
            f"Unknown GDELT version {version!r}; expected '1.0', '2.0' or None."
        )
    keep_original = check_bool(keep_original, "keep_original")
    if leaders is not None and (
        isinstance(leaders, str | bytes | Mapping) or not isinstance(leaders, Iterable)
    ):
        raise InvalidArgumentTypeError(
            f"leaders must be a sequence of actor names or None, got {show(leaders)}."
        )
    import_optional("pyarrow", "data", "read_gdelt")
    chosen = frozenset(str(n).strip().upper() for n in leaders or ())
    parsed: list[Any] = []
    for source in _expand(paths):
        layout = _gdelt_layout(source, version)
        bad = _BadRows()
        table = _parse(source, layout, keep_original, on_bad_row=bad)
        _fail_on_bad_rows(source, layout, bad)
        canon = _gdelt_canonical(table, chosen)
        parsed.append((source, layout.label, table, canon, Counter()))
    return _finish("gdelt", parsed, keep_original)


# -- ICEWS -----------------------------------------------------------------------------


def _check_header(
    source: _Source, header: list[str], expected: Sequence[str], label: str
) -> None:
    if list(header) == list(expected):
        return
    missing = [c for c in expected if c not in header]
    unexpected = [c for c in header if c not in expected]
    problem = f"the header is not {label}"
    if not missing and not unexpected:
        problem += " (columns in another order)"
    raise DataFormatError(
        source.label, problem, line=1, missing=missing, unexpected=unexpected
    )


def _split_header(source: _Source, line: bytes, encoding: str) -> list[str]:
    if b"\t" not in line:
        raise DataFormatError(
            source.label, "not tab-separated (no tab on the first line)", line=1
        )
    return line.decode(encoding, errors="replace").lstrip("\ufeff").split("\t")


def _icews_rank(table: pa.Table, who: str) -> np.ndarray:
    import pyarrow.compute as pc

    rules = _level_rules("icews")
    sectors = table.column(f"{who} Sectors")
    rank = np.zeros(table.num_rows, dtype=np.int8)
    rank[_matches(sectors, rules[("sectors", "government")])] = _GOVERNMENT
    rank[_matches(sectors, rules[("sectors", "leader")])] = _LEADER
    same = pc.fill_null(
        pc.equal(table.column(f"{who} Name"), table.column(f"{who} Country")), False
    )
    state = np.asarray(same.to_numpy(zero_copy_only=False), dtype=bool) & _is_null(
        sectors
    )
    rank[state] = _STATE
    return rank


def read_icews(
    paths: PathLike | Iterable[PathLike],
    *,
    keep_original: bool = False,
    encoding: str | None = None,
) -> pd.DataFrame:
    r"""Read ICEWS event files into the canonical event table.

    The Dataverse files (doi:10.7910/DVN/28075, weekly doi:10.7910/DVN/QI2T9A)
    are tab-separated with a header of 20 columns, no quoting, countries as
    English names and ``NA`` for missing values. They are described as
    ISO-8859-1, but the real sample (tests/data/events, from andybega/icews,
    whose reader uses readr's UTF-8 default) is UTF-8: by default a file that
    is valid UTF-8 is read as UTF-8, any other as Latin-1 (transcoded); the
    summary's ``formats`` says which.

    Parameters
    ----------
    paths : path, glob pattern, or list of them
        The files (``.tab``/``.tsv``/``.txt``, or ``.zip`` archives of them).
    keep_original : bool, optional (default=False)
        Append the file's 20 columns (``"Event ID"``, ``"Source Name"``...).
    encoding : str or None, optional (default=None)
        The text encoding of the files; None: UTF-8 if valid, else Latin-1.

    Returns
    -------
    pandas.DataFrame
        The canonical event table (module docstring), with the
        :class:`ReadSummary` in ``.attrs["summary"]``. ``code`` is ``CAMEO
        Code`` (malformed codes such as ``"13y"`` are dropped and counted);
        ``intensity`` ``Intensity``; ``level`` from the sectors
        ("Executive Office": leader, "Government": government).

    Raises
    ------
    DataFormatError
        For a file that is not ICEWS, naming the file, the missing and
        unexpected columns, and the line at fault.
    InvalidParameterError
        For a path that names no file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from middlepower.events._readers import read_icews
    >>> head = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\t"
    >>> head += "Event Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\t"
    >>> head += "Target Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\t"
    >>> head += "Province\tCountry\tLatitude\tLongitude"
    >>> row = "1\t2018-06-01\tMoon Jae-in\tExecutive,Government,Executive Office\t"
    >>> row += "South Korea\tMake a visit\t042\t1.9\tChina\tNA\tChina\t7\t1\tYonhap\t"
    >>> row += "NA\tNA\tNA\tChina\tNA\tNA"
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "events.tab"
    >>> _ = path.write_text(head + "\n" + row + "\n", encoding="latin-1")
    >>> read_icews(path)[["event_id", "source", "target", "code", "level"]]
       event_id source target code   level
    0         1    KOR    CHN  042  leader
    """
    keep_original = check_bool(keep_original, "keep_original")
    _check_encoding(encoding)
    pa = import_optional("pyarrow", "data", "read_icews")
    types = {
        "Event ID": "int64",
        "Intensity": "float64",
        "Story ID": "int64",
        "Sentence Number": "int64",
        "Latitude": "float64",
        "Longitude": "float64",
    }
    needed = (
        "Event ID",
        "Event Date",
        "Source Name",
        "Source Sectors",
        "Source Country",
        "CAMEO Code",
        "Intensity",
        "Target Name",
        "Target Sectors",
        "Target Country",
    )
    parsed: list[Any] = []
    for source in _expand(paths):
        first = _first_lines(source, 1)[0]
        used = _encoding_of(source, encoding)
        label = f"ICEWS ({_ENCODING_LABEL.get(used, used)})"
        layout = _Layout(label, _ICEWS_NAMES, types, needed, used, ("NA", ""), True)
        header = _split_header(source, first, used)
        _check_header(source, header, _ICEWS_NAMES, "ICEWS")
        bad = _BadRows()
        table = _parse(source, layout, keep_original, on_bad_row=bad)
        _fail_on_bad_rows(source, layout, bad)
        days, no_date, bad_date = _dates(table.column("Event Date"), "%Y-%m-%d")
        code = table.column("CAMEO Code")
        source_iso, source_masks = _country_masks(
            "source", table.column("Source Country"), "name"
        )
        target_iso, target_masks = _country_masks(
            "target", table.column("Target Country"), "name"
        )
        canon = _Canonical(
            event_id=table.column("Event ID"),
            days=days,
            source=source_iso,
            target=target_iso,
            code=code,
            mode=pa.nulls(table.num_rows, pa.string()),
            intensity=table.column("Intensity"),
            level=_event_level(
                _icews_rank(table, "Source"), _icews_rank(table, "Target")
            ),
            mentions=pa.array(np.ones(table.num_rows, dtype=np.int64)),
            masks={
                "missing date": no_date,
                "malformed date": bad_date,
                "malformed code": ~_matches(code, _CAMEO_CODE),
                **source_masks,
                **target_masks,
            },
        )
        parsed.append((source, label, table, canon, Counter()))
    return _finish("icews", parsed, keep_original)


# -- POLECAT ---------------------------------------------------------------------------


def _polecat_rank(table: pa.Table, who: str) -> np.ndarray:
    rules = _level_rules("polecat")
    sector_cols = (
        ("Primary Actor Sector", "Actor Sectors")
        if who == "Actor"
        else ("Primary Recipient Sector", "Recipient Sectors")
    )
    gov = np.zeros(table.num_rows, dtype=bool)
    empty = np.ones(table.num_rows, dtype=bool)
    for name in sector_cols:
        column = table.column(name)
        gov |= _matches(column, rules[("sector", "government")])
        empty &= _is_null(column)
    title = table.column(f"{who} Title")
    leader = gov & _matches(title, rules[("title", "leader")])
    rank = np.zeros(table.num_rows, dtype=np.int8)
    rank[gov] = _GOVERNMENT
    rank[leader] = _LEADER
    rank[empty & _is_null(title)] = _STATE
    return rank


def _polecat_file(
    source: _Source, keep: bool, encoding: str
) -> tuple[pa.Table, Counter[str]]:
    """Read one POLECAT file, repairing the known malformations."""
    lines = _first_lines(source, 2)
    header = _split_header(source, lines[0], encoding)
    fixes: Counter[str] = Counter()
    extra = [h for h in header if h not in _POLECAT_NAMES]
    if any(h not in ("", "Headline") for h in extra):
        _check_header(source, header, _POLECAT_NAMES, "POLECAT")
    core = [h for h in header if h in _POLECAT_NAMES]
    _check_header(source, core, _POLECAT_NAMES, "POLECAT")
    second = (
        lines[1].decode(encoding, errors="replace").split("\t")
        if len(lines) > 1
        else []
    )
    types = {"Intensity": "float64", "Latitude": "float64", "Longitude": "float64"}
    needed = (
        "Event ID",
        "Event Date",
        "Event Type",
        "Event Mode",
        "Intensity",
        "Actor Name",
        "Actor Country",
        "Primary Actor Sector",
        "Actor Sectors",
        "Actor Title",
        "Recipient Name",
        "Recipient Country",
        "Primary Recipient Sector",
        "Recipient Sectors",
        "Recipient Title",
    )
    label = "POLECAT"
    if extra and len(second) == len(header):
        # The rows carry the extra columns too: read them, check, drop them.
        names = tuple(
            h if h in _POLECAT_NAMES else f"_extra_{i}" for i, h in enumerate(header)
        )
        layout = _Layout(label, names, types, needed, encoding, ("",), skip_header=True)
        bad = _BadRows()
        table = _parse(source, layout, True, on_bad_row=bad)
        for i, h in enumerate(header):
            if h in _POLECAT_NAMES:
                continue
            column = table.column(f"_extra_{i}")
            if h == "" and column.null_count != table.num_rows:
                first = int(np.flatnonzero(~_is_null(column))[0])
                raise DataFormatError(
                    source.label,
                    "a column without a name in the header holds values",
                    line=_line_of_value(source, layout, first),
                )
        kind = "extra Headline column" if "Headline" in extra else "trailing tabs"
        fixes[kind] += table.num_rows + 1
        table = table.select(list(_POLECAT_NAMES if keep else needed))
    else:
        layout = _Layout(
            label, _POLECAT_NAMES, types, needed, encoding, ("",), skip_header=True
        )
        bad = _BadRows()
        table = _parse(source, layout, keep, on_bad_row=bad)
        if extra:
            fixes[
                "extra Headline column" if "Headline" in extra else "trailing tabs"
            ] += 1
    if bad.rows:
        table = _repair_rows(source, layout, keep, table, bad, fixes)
    return table, fixes


def _repair_rows(
    source: _Source,
    layout: _Layout,
    keep: bool,
    table: pa.Table,
    bad: _BadRows,
    fixes: Counter[str],
) -> pa.Table:
    """Rows with trailing empty fields: drop the empty fields and parse them."""
    import pyarrow as pa

    repaired: list[str] = []
    width = len(_POLECAT_NAMES)
    for row in sorted(bad.rows, key=lambda r: r.number if r.number is not None else 0):
        fields = row.text.rstrip("\r\n").split("\t")
        while len(fields) > width and fields[-1].strip() == "":
            fields.pop()
        if len(fields) != width:
            line = (
                row.number
                if row.number is not None
                else _line_of(source, row.text, layout.encoding)
            )
            raise DataFormatError(
                source.label,
                f"{row.actual_columns} tab-separated fields where POLECAT has {width}",
                line=line,
            )
        repaired.append("\t".join(fields))
    fixes["trailing tabs"] += len(repaired)
    plain = _Layout(
        layout.label,
        _POLECAT_NAMES,
        layout.types,
        layout.needed,
        "utf8",
        layout.null_values,
        skip_header=False,
    )
    extra = _parse(source, plain, keep, data="\n".join(repaired).encode("utf-8"))
    extra = extra.select(table.column_names)
    return pa.concat_tables([table, extra.cast(table.schema)])


def read_polecat(
    paths: PathLike | Iterable[PathLike],
    *,
    keep_original: bool = False,
    encoding: str | None = None,
) -> pd.DataFrame:
    r"""Read POLECAT event files into the canonical event table.

    POLECAT's weekly ``.txt`` files and yearly ``.zip`` archives
    (doi:10.7910/DVN/AJGVIT) are tab-separated with a header of 40 columns.
    Some are malformed: a header with an extra ``Headline`` column, or
    trailing tabs (empty extra fields) on the header or on some lines. Both
    are repaired and counted in the summary's ``repaired``; an extra field
    that is not empty is an error.

    Parameters
    ----------
    paths : path, glob pattern, or list of them
        The files (``ngecEvents*.txt``, ``ngecEventsDV-2022.txt.zip``).
    keep_original : bool, optional (default=False)
        Append the file's 40 columns (``"Event ID"``, ``"Actor Name"``...).
    encoding : str or None, optional (default=None)
        The text encoding of the files; None: UTF-8 if valid, else Latin-1
        (the summary's ``formats`` says which).

    Returns
    -------
    pandas.DataFrame
        The canonical event table (module docstring), with the
        :class:`ReadSummary` in ``.attrs["summary"]``. ``event_id`` is a
        string; ``code`` the PLOVER ``Event Type`` in upper case (a type not
        in PLOVER is a malformed code); ``mode`` ``Event Mode``; source and
        target ``Actor Country`` and ``Recipient Country`` (ISO names or
        codes; the non-state codes IGO, UNO, EUR... are dropped and
        counted); ``level`` from ``Actor Title`` and the sectors.

    Raises
    ------
    DataFormatError
        For a file that is not POLECAT, naming the file, the missing and
        unexpected columns, and the line at fault.
    InvalidParameterError
        For a path that names no file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from middlepower.events._readers import _POLECAT_NAMES, read_polecat
    >>> row = dict.fromkeys(_POLECAT_NAMES, "")
    >>> row.update(
    ...     {
    ...         "Event ID": "20250609-KOR-JPN",
    ...         "Event Date": "2025-06-09",
    ...         "Event Type": "CONSULT",
    ...         "Event Mode": "phone",
    ...         "Intensity": "1.5",
    ...         "Actor Name": "Lee Jae-myung",
    ...         "Actor Country": "KOR",
    ...         "Primary Actor Sector": "GOV",
    ...         "Actor Title": "President",
    ...         "Recipient Name": "Shigeru Ishiba",
    ...         "Recipient Country": "JPN",
    ...         "Primary Recipient Sector": "GOV",
    ...         "Recipient Title": "Prime Minister",
    ...     }
    ... )
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "ngecEvents.txt"
    >>> text = "\t".join(row) + "\n" + "\t".join(row.values()) + "\n"
    >>> _ = path.write_text(text, encoding="utf-8")
    >>> read_polecat(path)[["source", "target", "code", "mode", "level"]]
      source target     code   mode   level
    0    KOR    JPN  CONSULT  phone  leader
    """
    keep_original = check_bool(keep_original, "keep_original")
    _check_encoding(encoding)
    import_optional("pyarrow", "data", "read_polecat")
    import pyarrow as pa
    import pyarrow.compute as pc

    parsed: list[Any] = []
    types = _plover_types()
    for source in _expand(paths):
        used = _encoding_of(source, encoding)
        label = f"POLECAT ({_ENCODING_LABEL.get(used, used)})"
        table, fixes = _polecat_file(source, keep_original, used)
        days, no_date, bad_date = _dates(table.column("Event Date"), "%Y-%m-%d")
        code = pc.utf8_upper(pc.utf8_trim_whitespace(table.column("Event Type")))
        known = _by_unique(code, lambda u: [v in types for v in u], pa.bool_())
        bad_code = ~np.asarray(
            known.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool
        )
        mode = pc.utf8_trim_whitespace(table.column("Event Mode"))
        mode = pc.if_else(pc.equal(mode, ""), pa.scalar(None, pa.string()), mode)
        source_iso, source_masks = _country_masks(
            "source", table.column("Actor Country"), "polecat"
        )
        target_iso, target_masks = _country_masks(
            "target", table.column("Recipient Country"), "polecat"
        )
        canon = _Canonical(
            event_id=table.column("Event ID"),
            days=days,
            source=source_iso,
            target=target_iso,
            code=code,
            mode=mode,
            intensity=table.column("Intensity"),
            level=_event_level(
                _polecat_rank(table, "Actor"), _polecat_rank(table, "Recipient")
            ),
            mentions=pa.array(np.ones(table.num_rows, dtype=np.int64)),
            masks={
                "missing date": no_date,
                "malformed date": bad_date,
                "malformed code": bad_code,
                **source_masks,
                **target_masks,
            },
        )
        parsed.append((source, label, table, canon, fixes))
    return _finish("polecat", parsed, keep_original)
