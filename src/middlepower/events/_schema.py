"""The canonical event table (METHODS.md §10) and its validation.

Every reader (``read_gdelt``, ``read_icews``, ``read_polecat``) returns this
table, and every function of :mod:`middlepower.events` takes it. Validation
happens once, at the entry point, on the column names and dtypes (for a Dask
DataFrame, on its ``meta``); values are checked where they are used (only on
the rows that can become contacts), so a table of millions of events is never
scanned twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from middlepower.exceptions import (
    DataFormatError,
    InvalidArgumentTypeError,
    UnknownStateError,
)

__all__ = [
    "CANONICAL_COLUMNS",
    "LEVELS",
    "EventTableError",
    "UnalignedStateError",
    "check_event_table",
]

CANONICAL_COLUMNS: tuple[str, ...] = (
    "event_id",
    "date",
    "source",
    "target",
    "code",
    "mode",
    "intensity",
    "level",
    "dataset",
    "mentions",
)
"""Columns of the canonical event table, in the readers' order."""

LEVELS: tuple[str, ...] = ("leader", "government", "other")
"""Actor levels of the canonical table, highest first."""

_STRING_COLUMNS = ("source", "target", "code", "level", "dataset")


class EventTableError(DataFormatError):
    """An event table that is not in the canonical format (a :class:`DataFormatError`).

    Identical to :class:`~middlepower.DataFormatError` except that it survives
    pickling, so that a check failing on a Dask worker reaches the client
    with its message intact.

    Examples
    --------
    >>> import pickle
    >>> from middlepower.events import EventTableError
    >>> err = EventTableError("<DataFrame>", "bad", missing=["date"])
    >>> print(pickle.loads(pickle.dumps(err)))
    <DataFrame>: bad; missing columns: 'date'.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild_table_error,
            (self.path, self.problem, self.line, self.missing, self.unexpected),
        )


def _rebuild_table_error(
    path: str,
    problem: str,
    line: int | None,
    missing: Sequence[str],
    unexpected: Sequence[str],
) -> EventTableError:
    return EventTableError(
        path, problem, line=line, missing=missing, unexpected=unexpected
    )


class UnalignedStateError(UnknownStateError):
    """A contacted partner without an alignment (an :class:`UnknownStateError`).

    Raised by :func:`~middlepower.events.balance_panel` with
    ``unaligned="raise"``; it survives pickling (Dask workers).

    Parameters
    ----------
    codes : sequence of str
        The partners without an alignment.
    where : str
        Which alignment and periods, for the message.

    Examples
    --------
    >>> from middlepower.events import UnalignedStateError
    >>> err = UnalignedStateError(["XKX"], "the alignment on 2018-06-01")
    >>> print(err)
    Unknown state code 'XKX' in the alignment on 2018-06-01.
    >>> isinstance(err, mp.UnknownStateError), err.codes
    (True, ('XKX',))
    """

    def __init__(self, codes: Sequence[str], where: str = "") -> None:
        super().__init__(tuple(codes), where)
        self.where = where

    def __reduce__(self) -> tuple[Any, ...]:
        return (UnalignedStateError, (self.codes, self.where))


def _is_string(dtype: Any) -> bool:
    import pandas as pd

    if isinstance(dtype, pd.CategoricalDtype):
        return _is_string(dtype.categories.dtype)
    if isinstance(dtype, pd.ArrowDtype):
        import pyarrow as pa

        t = dtype.pyarrow_dtype
        return bool(
            pa.types.is_string(t)
            or pa.types.is_large_string(t)
            or (pa.types.is_dictionary(t) and pa.types.is_string(t.value_type))
        )
    return bool(
        pd.api.types.is_string_dtype(dtype) or pd.api.types.is_object_dtype(dtype)
    )


def _is_null(dtype: Any) -> bool:
    import pandas as pd

    if isinstance(dtype, pd.ArrowDtype):
        import pyarrow as pa

        return bool(pa.types.is_null(dtype.pyarrow_dtype))
    return False


def _is_day(dtype: Any) -> bool:
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(dtype):
        return True
    if isinstance(dtype, pd.ArrowDtype):
        import pyarrow as pa

        t = dtype.pyarrow_dtype
        return bool(pa.types.is_date(t) or pa.types.is_timestamp(t))
    return bool(pd.api.types.is_object_dtype(dtype))  # datetime.date objects


def check_event_table(events: Any, where: str = "<DataFrame>") -> None:
    """Check that ``events`` has the canonical columns with usable dtypes.

    Parameters
    ----------
    events : pandas.DataFrame or dask.dataframe.DataFrame
        The event table (pyarrow- or numpy-backed).
    where : str, optional
        How to name the table in messages.

    Returns
    -------
    None
        When the table can be used.

    Raises
    ------
    EventTableError
        A :class:`~middlepower.DataFormatError` naming the missing columns,
        or the column whose dtype is wrong and what it should be.
    TypeError
        If ``events`` is not a DataFrame.

    Notes
    -----
    ``date`` must hold days (``datetime64``, a pyarrow date or timestamp, or
    :class:`datetime.date` objects; a time of day is dropped); ``source``,
    ``target``, ``code``, ``level`` and ``dataset`` strings (categoricals of
    strings are fine); ``event_id`` integers or strings; ``mode`` strings or
    entirely missing. ``intensity`` and ``mentions`` must be present but are
    not used: a contact counts once whatever its intensity and number of
    mentions.

    Examples
    --------
    >>> import pandas as pd
    >>> from middlepower.events import check_event_table
    >>> try:
    ...     check_event_table(pd.DataFrame({"event_id": [1], "date": ["2018-06-01"]}))
    ... except mp.DataFormatError as err:
    ...     print(err.missing[:3])
    ('source', 'target', 'code')
    """
    import pandas as pd

    columns = getattr(events, "columns", None)
    dtypes = getattr(events, "dtypes", None)
    if columns is None or dtypes is None:
        raise InvalidArgumentTypeError(
            "events must be a pandas or Dask DataFrame in the canonical event "
            f"format (read files with read_gdelt, read_icews or read_polecat), not "
            f"{type(events).__name__}."
        )
    missing = [c for c in CANONICAL_COLUMNS if c not in columns]
    if missing:
        raise EventTableError(
            where,
            "the table lacks columns of the canonical event table",
            missing=missing,
        )
    if len(set(columns)) != len(columns):
        raise EventTableError(where, "the table repeats a column name")
    for col in _STRING_COLUMNS:
        if not _is_string(dtypes[col]):
            raise EventTableError(
                where,
                f"column {col!r} must hold strings (e.g. ISO3 codes, CAMEO codes "
                f"such as '042'), not {dtypes[col]}",
            )
    if not _is_day(dtypes["date"]):
        raise EventTableError(
            where,
            f"column 'date' must hold days (datetime64, a pyarrow date or "
            f"datetime.date objects), not {dtypes['date']}",
        )
    eid = dtypes["event_id"]
    if not (pd.api.types.is_integer_dtype(eid) or _is_string(eid)):
        raise EventTableError(
            where, f"column 'event_id' must hold integers or strings, not {eid}"
        )
    mode = dtypes["mode"]
    if not (_is_string(mode) or pd.api.types.is_float_dtype(mode) or _is_null(mode)):
        raise EventTableError(
            where,
            f"column 'mode' must hold strings (PLOVER modes) or be missing, not {mode}",
        )
