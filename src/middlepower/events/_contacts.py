r"""Events to contacts: one vectorised pass (METHODS.md §10).

:func:`contact_rows` is the one function that turns an event table into
contact rows (focal, partner, day, channel, level, smallest event id, number
of reports), used by :func:`contacts` (one focal state and period, as a
:class:`~middlepower.ContactSequence`) and by
:func:`~middlepower.events.balance_panel` (every focal state and period). It
works in two stages, so that the Dask path can shuffle in between:

1. :func:`event_views` — each event seen from each side that can be the
   focal state (both sides by default, the source only with
   ``direction="outgoing"``), with its channel from the mapping; events
   whose code is not a contact, below the wanted level or outside the dates
   are dropped;
2. :func:`dedupe_views` — reports of the same contact (same focal state,
   partner, day and channel) merged into one contact that keeps the smallest
   event id, then every contact in order: focal state, day, smallest event
   id (ties, which only repeated ids can make, by partner code and channel).

Both stages are numpy on integer codes: a factorisation of the string
columns, one sort and :func:`numpy.minimum.reduceat` — no Python loop over
rows or groups, memory linear in the events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from middlepower._checks import check_focal, show
from middlepower._optional import import_optional
from middlepower.events._channels import CHANNELS, ChannelLookup
from middlepower.events._schema import LEVELS, EventTableError, check_event_table
from middlepower.exceptions import (
    EmptySequenceError,
    InvalidArgumentTypeError,
    InvalidParameterError,
)
from middlepower.models import Channel, Contact, ContactSequence, Evidence

__all__ = [
    "Contacts",
    "EmptySequenceError",
    "Views",
    "contact_rows",
    "contacts",
    "dedupe_views",
    "event_views",
    "unpack",
]

IntArray = npt.NDArray[np.int64]
Int32Array = npt.NDArray[np.int32]
Int8Array = npt.NDArray[np.int8]
Direction = Literal["both", "outgoing"]
Dedupe = Literal["day"] | None
LevelArg = str | Sequence[str] | None

_EPOCH = dt.date(1970, 1, 1)
_KEY_BITS = 62


def to_day(value: Any, name: str) -> int:
    """Return days since 1970-01-01 of a date, datetime, ISO string or Timestamp."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            raise InvalidParameterError(
                f"{name} {value!r} is not an ISO date such as '2018-06-01'."
            ) from None
    elif hasattr(value, "date") and callable(value.date):  # datetime, Timestamp
        value = value.date()
    if not isinstance(value, dt.date):
        raise InvalidParameterError(f"{name} must be a date, not {value!r}.")
    return (value - _EPOCH).days


def from_day(day: int) -> dt.date:
    """Return the date ``day`` days after 1970-01-01."""
    return _EPOCH + dt.timedelta(days=int(day))


def check_levels(level: LevelArg) -> tuple[str, ...] | None:
    """Validate the ``level`` argument: a level, several, or ``None`` for all."""
    if level is None:
        return None
    if not isinstance(level, str | Iterable) or isinstance(level, bytes | Mapping):
        raise InvalidArgumentTypeError(
            "level must be 'leader', 'government', 'other', a list of them or None, "
            f"got {show(level)}."
        )
    levels = (level,) if isinstance(level, str) else tuple(level)
    unknown = [lv for lv in levels if lv not in LEVELS]
    if unknown or not levels:
        raise InvalidParameterError(
            f"Unknown level(s) {unknown or list(levels)!r}; expected 'leader', "
            "'government', 'other', a list of them, or None for every level."
        )
    return levels


def check_direction(direction: str) -> Direction:
    """Validate ``direction``."""
    if direction not in ("both", "outgoing"):
        raise InvalidParameterError(
            f"Unknown direction {direction!r}; expected 'both' (the focal state "
            "as source or target) or 'outgoing' (as source only)."
        )
    return "both" if direction == "both" else "outgoing"


def check_dedupe(dedupe: object) -> Dedupe:
    """Validate ``dedupe``."""
    if dedupe not in ("day", None):
        raise InvalidParameterError(
            f"Unknown dedupe {dedupe!r}; expected 'day' (reports of one contact "
            "on one day count once) or None (every report is a contact)."
        )
    return None if dedupe is None else "day"


@dataclass(frozen=True)
class Views:
    """Events seen from the focal side: one row per (event, focal side).

    Integer codes: ``focal``/``partner`` index :attr:`states` (sorted, so
    the order of codes is the order of the strings), ``channel`` indexes
    :data:`CHANNELS`, ``level`` indexes :data:`LEVELS`, ``dataset`` indexes
    :attr:`datasets`; ``day`` is days since 1970-01-01; ``event`` keeps the
    raw event ids (integers or strings).
    """

    states: tuple[str, ...]
    datasets: tuple[str, ...]
    focal: Int32Array
    partner: Int32Array
    day: IntArray
    channel: Int8Array
    level: Int8Array
    dataset: Int32Array
    event: npt.NDArray[Any]

    def __len__(self) -> int:
        return int(self.focal.shape[0])

    def take(self, rows: npt.NDArray[Any]) -> Views:
        """Return the views at ``rows`` (an index or boolean array)."""
        return Views(
            self.states,
            self.datasets,
            self.focal[rows],
            self.partner[rows],
            self.day[rows],
            self.channel[rows],
            self.level[rows],
            self.dataset[rows],
            self.event[rows],
        )

    def to_frame(self) -> Any:
        """Return the views as a DataFrame (for the Dask shuffle).

        State codes and data set names are pyarrow strings (compact, and
        hashed by value, so that every partition sends a (focal state,
        period) to the same place).
        """
        pd = import_optional("pandas", "data", "event contacts")
        return pd.DataFrame(
            {
                "focal": _arrow_strings(self.focal, self.states),
                "partner": _arrow_strings(self.partner, self.states),
                "day": self.day,
                "channel": self.channel,
                "level": self.level,
                "dataset": _arrow_strings(self.dataset, self.datasets),
                "event_id": self.event,
            }
        )

    @classmethod
    def from_frame(cls, frame: Any) -> Views:
        """Rebuild views from :meth:`to_frame` output (any row subset)."""
        pd = import_optional("pandas", "data", "event contacts")
        f_idx, p_idx, states = _factorize_pair(frame["focal"], frame["partner"])
        d_idx, d_uniq = pd.factorize(frame["dataset"], sort=True)
        event = frame["event_id"].to_numpy()
        return cls(
            states=states,
            datasets=tuple(str(v) for v in d_uniq),
            focal=f_idx,
            partner=p_idx,
            day=frame["day"].to_numpy(dtype=np.int64),
            channel=frame["channel"].to_numpy(dtype=np.int8),
            level=frame["level"].to_numpy(dtype=np.int8),
            dataset=np.asarray(d_idx, dtype=np.int32),
            event=event,
        )


def _arrow_strings(codes: npt.NDArray[Any], vocab: Sequence[str]) -> Any:
    """Strings ``vocab[codes]`` as a pandas array of pyarrow strings."""
    pd = import_optional("pandas", "data", "event contacts")
    pa = import_optional("pyarrow", "data", "event contacts")
    indices = pa.array(np.asarray(codes, dtype=np.int32), type=pa.int32())
    dictionary = pa.array(list(vocab), type=pa.string())
    decoded = pa.DictionaryArray.from_arrays(indices, dictionary).dictionary_decode()
    return pd.arrays.ArrowExtensionArray(decoded)


def _factorize_pair(a: Any, b: Any) -> tuple[Int32Array, Int32Array, tuple[str, ...]]:
    """Codes of two string Series against one sorted vocabulary (-1 for NA)."""
    pd = import_optional("pandas", "data", "event contacts")
    a_idx, a_uniq = pd.factorize(a)
    b_idx, b_uniq = pd.factorize(b)
    a_names = [str(v) for v in a_uniq]
    b_names = [str(v) for v in b_uniq]
    states = tuple(sorted(set(a_names) | set(b_names)))
    where = {c: i for i, c in enumerate(states)}
    a_map = np.array([where[c] for c in a_names] + [-1], dtype=np.int32)
    b_map = np.array([where[c] for c in b_names] + [-1], dtype=np.int32)
    # index -1 (NA) picks the trailing -1
    return (
        a_map[np.asarray(a_idx, dtype=np.intp)],
        b_map[np.asarray(b_idx, dtype=np.intp)],
        states,
    )


def _days(series: Any, where: str) -> IntArray:
    pd = import_optional("pandas", "data", "event contacts")
    try:
        stamps = pd.to_datetime(series)
    except (ValueError, TypeError) as err:
        raise EventTableError(
            where, f"column 'date' holds values that are not days ({err})"
        ) from None
    if getattr(stamps.dt, "tz", None) is not None:
        stamps = stamps.dt.tz_localize(None)
    values = stamps.to_numpy()
    if np.isnat(values).any():
        raise EventTableError(where, "column 'date' has missing days in contact rows")
    days: IntArray = values.astype("datetime64[D]").astype(np.int64)
    return days


def event_views(
    events: Any,
    *,
    focal: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    start: int | None = None,
    end: int | None = None,
    level: tuple[str, ...] | None = ("leader",),
    direction: Direction = "both",
    lookup: ChannelLookup | None = None,
    where: str = "<DataFrame>",
) -> Views:
    """Stage 1: every event seen from each possible focal side, with its channel.

    Parameters
    ----------
    events : pandas.DataFrame
        A canonical event table (checked by the caller).
    focal : sequence of str, optional
        Keep only these focal states (default: every state).
    exclude : sequence of str, optional
        Never a focal state (the poles of a panel).
    start, end : int, optional
        First and last day (days since 1970-01-01, both inclusive).
    level : tuple of str or None
        Levels kept (``None``: all).
    direction : {"both", "outgoing"}
        Focal state as source or target, or as source only.
    lookup : ChannelLookup, optional
        The compiled mapping (default: the bundled one).
    where : str
        How to name the table in messages.

    Returns
    -------
    Views
        One row per (event, focal side) that is a contact of some channel,
        in no particular order.
    """
    pd = import_optional("pandas", "data", "event contacts")
    lookup = lookup or ChannelLookup.from_mapping()
    ch_src, ch_tgt = lookup.channels(events["code"], events["mode"])
    if direction == "outgoing":
        ch_tgt[:] = -1
    mask = (ch_src >= 0) | (ch_tgt >= 0)
    lv_idx, lv_uniq = pd.factorize(events["level"])
    lv_names = [str(v) for v in lv_uniq]
    lv_code = np.array(
        [LEVELS.index(v) if v in LEVELS else -2 for v in lv_names] + [-1],
        dtype=np.int8,
    )
    level_all = lv_code[np.asarray(lv_idx, dtype=np.intp)]
    del lv_idx
    if (level_all[mask] < 0).any():
        shown = sorted({v for v in lv_names if v not in LEVELS})
        problem = (
            f"column 'level' holds {', '.join(map(repr, shown))}"
            if shown
            else "column 'level' has missing values"
        )
        raise EventTableError(
            where,
            problem + " in contact rows; expected 'leader', 'government' or 'other'",
        )
    if level is not None:
        mask &= np.isin(level_all, [LEVELS.index(lv) for lv in level])
    rows = np.flatnonzero(mask)
    del mask
    level_sub = level_all[rows]
    c_src = ch_src[rows]
    c_tgt = ch_tgt[rows]
    del level_all, ch_src, ch_tgt
    # one column at a time, so that only one subset copy lives at once
    src, tgt, states = _factorize_pair(
        events["source"].iloc[rows], events["target"].iloc[rows]
    )
    days = _days(events["date"].iloc[rows], where)
    ok = (src >= 0) & (tgt >= 0) & (src != tgt)
    if start is not None:
        ok &= days >= start
    if end is not None:
        ok &= days <= end
    eid = events["event_id"].iloc[rows]
    if eid.isna().to_numpy()[ok].any():
        raise EventTableError(
            where, "column 'event_id' has missing ids in contact rows"
        )
    if pd.api.types.is_integer_dtype(eid.dtype):
        event = eid.to_numpy(dtype=np.int64, na_value=0)
    else:
        event = eid.astype(object).to_numpy()
    del eid
    ds_idx, ds_uniq = pd.factorize(events["dataset"].iloc[rows], sort=True)
    ds_idx = np.asarray(ds_idx, dtype=np.int32)
    if (ds_idx[ok] < 0).any():
        raise EventTableError(
            where, "column 'dataset' has missing names in contact rows"
        )
    del rows
    allowed = np.ones(len(states), dtype=bool)
    if focal is not None:
        allowed[:] = False
        wanted = set(focal)
        allowed[[i for i, c in enumerate(states) if c in wanted]] = True
    if exclude:
        banned = set(exclude)
        allowed[[i for i, c in enumerate(states) if c in banned]] = False
    as_src = ok & (c_src >= 0)
    as_src[as_src] = allowed[src[as_src]]
    as_tgt = ok & (c_tgt >= 0)
    as_tgt[as_tgt] = allowed[tgt[as_tgt]]
    del ok
    i_src = np.flatnonzero(as_src)
    i_tgt = np.flatnonzero(as_tgt)
    del as_src, as_tgt

    def both(a: npt.NDArray[Any], b: npt.NDArray[Any]) -> npt.NDArray[Any]:
        out = np.empty(i_src.shape[0] + i_tgt.shape[0], dtype=a.dtype)
        np.take(a, i_src, out=out[: i_src.shape[0]])
        np.take(b, i_tgt, out=out[i_src.shape[0] :])
        return out

    return Views(
        states=states,
        datasets=tuple(str(v) for v in ds_uniq),
        focal=both(src, tgt),
        partner=both(tgt, src),
        day=both(days, days),
        channel=both(c_src, c_tgt),
        level=both(level_sub, level_sub),
        dataset=both(ds_idx, ds_idx),
        event=both(event, event),
    )


def event_keys(event: npt.NDArray[Any]) -> tuple[IntArray, npt.NDArray[Any]]:
    """Order-preserving integer keys of event ids, and the ids by key.

    Integer ids are their own keys; strings get their rank among the
    distinct ids. ``decode[key - offset]`` gives the id back (see code).
    """
    if np.issubdtype(event.dtype, np.integer):
        keys: IntArray = np.asarray(event, dtype=np.int64)  # no copy if int64
        return keys, keys
    pd = import_optional("pandas", "data", "event contacts")
    codes, uniq = pd.factorize(event, sort=True)
    return np.asarray(codes, dtype=np.int64), np.asarray(uniq, dtype=object)


def _decode(keys: IntArray, decode: npt.NDArray[Any], integer: bool) -> Any:
    return keys if integer else decode[keys]


def _bits(radix: int) -> int:
    """Bits of a field holding ``0 .. radix - 1``."""
    return max(int(radix) - 1, 1).bit_length()


def _pack(parts: Sequence[tuple[npt.NDArray[Any], int, int]], n: int) -> IntArray:
    """Pack ``(values, radix, offset)`` parts into one int64 key per row.

    The first part is most significant; each takes :func:`_bits` of its
    radix (shifts and ors, in place). The caller checks that they fit.
    """
    key = np.zeros(n, dtype=np.int64)
    for values, radix, offset in parts:
        key <<= _bits(radix)
        key |= values if not offset else values - offset
    return key


def sort_order(
    parts: Sequence[tuple[npt.NDArray[Any], int, int]],
    stable: bool,
    *,
    nearly_sorted: bool = False,
) -> tuple[IntArray, IntArray | None]:
    """Argsort by several integer keys, the first most significant.

    Each part is ``(values, radix, offset)`` with ``0 <= values - offset <
    radix``. The parts are packed as bit fields into one int64 key (shifts
    and ors, in place); when the row index fits below it too, the packed
    values are sorted (:meth:`numpy.ndarray.sort`, vectorised, much faster
    than an argsort) and the order read back from the low bits, which also
    makes the order stable. The sorted key is returned (decode it with
    :func:`unpack`) so that runs of equal keys are found with one
    comparison. Keys wider than 62 bits fall back to :func:`numpy.lexsort`
    (stable; no key returned).

    ``nearly_sorted`` says that the rows are already in order but for short
    runs (the contacts of one focal state and day, reordered by event id):
    the packed keys are then sorted with numpy's stable sort (timsort for
    int64), which finds the sorted runs and is about 3x faster there than
    the default quicksort. The order is the same either way (the keys are
    distinct).
    """
    n = parts[0][0].shape[0]
    width = sum(_bits(radix) for _, radix, _ in parts)
    if width > _KEY_BITS:
        out: IntArray = np.lexsort(tuple(v for v, _, _ in reversed(parts)))
        return out, None
    key = _pack(parts, n)
    index_bits = _bits(max(n, 2))
    if width + index_bits <= _KEY_BITS:
        key <<= index_bits
        key |= np.arange(n, dtype=np.int64)
        key.sort(kind="stable" if nearly_sorted else "quicksort")
        order = key & ((1 << index_bits) - 1)
        key >>= index_bits
        return order, key
    order = np.argsort(key, kind="stable" if stable else "quicksort")
    return order, key[order]


@dataclass(frozen=True)
class Contacts:
    """Contacts in order (focal state, day, smallest event id), as arrays."""

    states: tuple[str, ...]
    focal: Int32Array
    partner: Int32Array
    day: IntArray
    channel: Int8Array
    n_reports: IntArray
    level: Int8Array | None  # highest level of the reports (None: not asked)
    event_key: IntArray | None  # smallest report's key (order-preserving)
    event_min: npt.NDArray[Any] | None  # smallest report's event id
    member: IntArray | None  # for each view row: the index of its contact

    def __len__(self) -> int:
        return int(self.focal.shape[0])


def dedupe_views(
    views: Views,
    dedupe: Dedupe = "day",
    *,
    members: bool = False,
    details: bool = True,
) -> Contacts:
    """Stage 2: merge reports of one contact; order the contacts.

    With ``dedupe="day"`` the views that share focal state, partner, day and
    channel are one contact, which keeps the smallest event id, the highest
    level and the number of reports. Contacts are then ordered by focal
    state, day and smallest event id (ties by partner code and channel).

    Parameters
    ----------
    views : Views
        From :func:`event_views`.
    dedupe : {"day", None}
        Merge reports, or keep every view as a contact.
    members : bool, optional
        Also return, for every view, the index of its contact (to gather the
        event ids of each contact as evidence).
    details : bool, optional
        Also return each contact's level and smallest event id (a panel
        needs neither).

    Returns
    -------
    Contacts
        The contacts in order.
    """
    n = len(views)
    keys, decode = event_keys(views.event)
    integer = np.issubdtype(views.event.dtype, np.integer)
    n_states = max(len(views.states), 1)
    if n:
        dmin = int(views.day.min())
        span = int(views.day.max()) - dmin + 1
        emin = int(keys.min())
        espan = int(keys.max()) - emin + 1
    else:
        dmin, span, emin, espan = 0, 1, 0, 1
    parts: list[tuple[npt.NDArray[Any], int, int]] = [
        (views.focal, n_states, 0),
        (views.day, span, dmin),
        (views.partner, n_states, 0),
        (views.channel, len(CHANNELS), 0),
    ]
    if dedupe == "day" and not details and not members and n:
        fast = _dedupe_by_key(views, parts, keys, espan, emin)
        if fast is not None:
            return fast
    if dedupe != "day":
        parts.append((keys, espan, emin))
    order1, key1 = sort_order(parts, stable=dedupe != "day")
    radices = [(radix, offset) for _, radix, offset in parts]
    del parts
    if dedupe == "day" and n:
        change = np.empty(n, dtype=bool)
        change[0] = True
        if key1 is not None:
            np.not_equal(key1[1:], key1[:-1], out=change[1:])
        else:
            f1, d1 = views.focal[order1], views.day[order1]
            p1, c1 = views.partner[order1], views.channel[order1]
            change[1:] = (
                (f1[1:] != f1[:-1])
                | (d1[1:] != d1[:-1])
                | (p1[1:] != p1[:-1])
                | (c1[1:] != c1[:-1])
            )
            del f1, d1, p1, c1
        starts = np.flatnonzero(change)
        ev_min = np.minimum.reduceat(keys[order1], starts)
        lv = np.minimum.reduceat(views.level[order1], starts) if details else None
        n_rep = np.diff(np.append(starts, n)).astype(np.int64)
    else:
        change = np.ones(n, dtype=bool)
        starts = np.arange(n)
        ev_min = keys[order1]
        lv = views.level[order1] if details else None
        n_rep = np.ones(n, dtype=np.int64)
    # the contacts' columns: decoded from the sorted key at the group starts
    # (sequential arithmetic, no random-access gathers), else gathered
    focal: npt.NDArray[Any]
    day: npt.NDArray[Any]
    partner: npt.NDArray[Any]
    channel: npt.NDArray[Any]
    if key1 is not None:
        cols = unpack(key1[starts], radices)  # (+ the event part without dedupe)
        focal, day, partner, channel = cols[0], cols[1], cols[2], cols[3]
        del cols
    else:
        first = order1[starts]
        focal, day = views.focal[first], views.day[first]
        partner, channel = views.partner[first], views.channel[first]
        del first
    del key1, starts
    order2, ordered = _in_contact_order(
        views.states,
        (focal, day, partner, channel, n_rep, ev_min),
        radices,
        espan,
        emin,
    )
    member = None
    if members:
        rank = np.empty_like(order2)
        rank[order2] = np.arange(order2.shape[0])
        member = np.empty(n, dtype=np.int64)
        member[order1] = rank[np.cumsum(change) - 1]
    del order1, change
    if not details and member is None:
        return ordered
    ev_sorted = ev_min[order2] if details else None
    return replace(
        ordered,
        level=None if lv is None else lv[order2],
        event_key=ev_sorted,
        event_min=None if ev_sorted is None else _decode(ev_sorted, decode, integer),
        member=member,
    )


def _dedupe_by_key(
    views: Views,
    parts: list[tuple[npt.NDArray[Any], int, int]],
    keys: IntArray,
    espan: int,
    emin: int,
) -> Contacts | None:
    """:func:`dedupe_views` for a panel, from one sorted key (or ``None``).

    When focal state, day, partner, channel and event key fit in one int64,
    the packed keys are sorted as values: each contact is a run of equal
    (focal, day, partner, channel) whose first event key is the smallest
    (no row order, gather or ``reduceat`` needed), and the columns are
    decoded from the key. Same contacts, in the same order, as the general
    path without ``details`` and ``members``; ``None`` if the key is too wide.
    """
    width = sum(_bits(radix) for _, radix, _ in parts) + _bits(espan)
    if width > _KEY_BITS:
        return None
    n = len(views)
    key = _pack([*parts, (keys, espan, emin)], n)
    key.sort()
    ev_bits = _bits(espan)
    change = np.empty(n, dtype=bool)
    change[0] = True
    prefix = key >> ev_bits
    np.not_equal(prefix[1:], prefix[:-1], out=change[1:])
    del prefix
    starts = np.flatnonzero(change)
    del change
    n_rep = np.diff(np.append(starts, n)).astype(np.int64)
    first = key[starts]
    del key, starts
    radices = [(radix, offset) for _, radix, offset in parts]
    focal, day, partner, channel, ev_min = unpack(first, [*radices, (espan, emin)])
    del first
    return _in_contact_order(
        views.states,
        (focal, day, partner, channel, n_rep, ev_min),
        radices,
        espan,
        emin,
    )[1]


def _in_contact_order(
    states: tuple[str, ...],
    columns: tuple[npt.NDArray[Any], ...],
    radices: Sequence[tuple[int, int]],
    espan: int,
    emin: int,
) -> tuple[IntArray, Contacts]:
    """Contacts sorted by (focal, day, partner, channel) put in contact order.

    ``columns`` are focal, day, partner, channel, reports and smallest event
    key per contact; ``radices`` the (radix, offset) of focal and day first.
    Each (focal state, day) run is reordered by smallest event key (nearly
    sorted: short runs), so focal and day keep their order. Returns the
    permutation (to carry other columns along) and the contacts, without
    level, event ids or members.
    """
    focal, day, partner, channel, n_rep, ev_min = columns
    (n_states, _), (span, dmin) = radices[0], radices[1]
    order2, _ = sort_order(
        [(focal, n_states, 0), (day, span, dmin), (ev_min, espan, emin)],
        stable=True,
        nearly_sorted=True,
    )
    return order2, Contacts(
        states=states,
        focal=focal.astype(np.int32),
        partner=partner[order2].astype(np.int32),
        day=day.astype(np.int64),
        channel=channel[order2].astype(np.int8),
        n_reports=n_rep[order2],
        level=None,
        event_key=None,
        event_min=None,
        member=None,
    )


def unpack(key: IntArray, parts: Sequence[tuple[int, int]]) -> list[IntArray]:
    """Split a composite key of :func:`sort_order` back into its parts.

    Parameters
    ----------
    key : numpy.ndarray of int64
        The composite keys.
    parts : sequence of (radix, offset)
        As given to :func:`sort_order`, most significant first.

    Returns
    -------
    list of numpy.ndarray
        One array per part, offsets added back.
    """
    out: list[IntArray] = []
    shift = 0
    for radix, offset in reversed(parts):
        bits = _bits(radix)
        value = key >> shift if shift else key.copy()
        value &= (1 << bits) - 1
        if offset:
            value += offset
        out.append(value)
        shift += bits
    return out[::-1]


def contact_rows(
    events: Any,
    *,
    focal: str | Sequence[str] | None = None,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    level: LevelArg = "leader",
    direction: Direction = "both",
    mapping: Any = None,
    dedupe: Dedupe = "day",
) -> Any:
    r"""Return the diplomatic contacts in an event table, one row per contact.

    A contact of a focal state F with a partner s is an event between them
    (F as source or target; as source only with ``direction="outgoing"``)
    whose code maps to a channel (:func:`load_channel_map`), seen from F:
    CAMEO 042 *make a visit* is a ``visit`` when F is the source and a
    ``meeting`` (F hosts) when F is the target. Reports of the same contact
    (same F, s, day and channel) count once (``dedupe="day"``) and keep the
    smallest event id. This is the one function that turns events into
    contacts; :func:`contacts` and :func:`balance_panel` call it.

    Parameters
    ----------
    events : pandas.DataFrame
        A canonical event table (METHODS.md §10; pyarrow- or numpy-backed).
    focal : str or sequence of str, optional
        The focal state(s); default every state.
    start, end : datetime.date or str, optional
        First and last day kept (both inclusive).
    level : str, sequence of str or None, optional (default="leader")
        The actor levels kept (``"leader"``, ``"government"``, ``"other"``);
        ``None`` keeps every level. Both sides' level is the event's level
        as the data set records it.
    direction : {"both", "outgoing"}, optional (default="both")
        F as source or target, or as source only.
    mapping : str, os.PathLike or pandas.DataFrame, optional
        Event code to channel table (default: the bundled one).
    dedupe : {"day", None}, optional (default="day")
        Merge the reports of one contact, or count every report.

    Returns
    -------
    pandas.DataFrame
        Columns ``focal``, ``partner`` (strings), ``date`` (``datetime64``),
        ``channel``, ``level`` (strings; a merged contact has the highest
        level among its reports), ``event_id`` (the smallest event id of its
        reports) and ``n_reports``; in order of focal state, date and event
        id.

    Raises
    ------
    DataFormatError
        If the table is not in the canonical format.
    InvalidParameterError
        For a bad ``level``, ``direction``, ``dedupe`` or date.

    Examples
    --------
    >>> import pandas as pd
    >>> from middlepower.events import contact_rows
    >>> ev = pd.DataFrame(
    ...     {
    ...         "event_id": [1, 2, 3],
    ...         "date": pd.to_datetime(["2018-06-01"] * 3),
    ...         "source": ["KOR", "USA", "KOR"],
    ...         "target": ["USA", "KOR", "CHN"],
    ...         "code": ["042", "043", "040"],  # visit, hosted visit, consult
    ...         "mode": [None] * 3,
    ...         "intensity": [1.9, 2.8, 1.0],
    ...         "level": ["leader"] * 3,
    ...         "dataset": ["ICEWS"] * 3,
    ...         "mentions": [1, 1, 1],
    ...     }
    ... )
    >>> rows = contact_rows(ev)
    >>> rows[["focal", "partner", "channel", "event_id", "n_reports"]].values.tolist()
    [['KOR', 'USA', 'visit', 1, 2], ['USA', 'KOR', 'meeting', 1, 2]]
    """
    pd = import_optional("pandas", "data", "contact_rows")
    check_event_table(events)
    focal = check_focal(focal)
    focal_list = [focal] if isinstance(focal, str) else focal
    d0 = None if start is None else to_day(start, "start")
    d1 = None if end is None else to_day(end, "end")
    if d0 is not None and d1 is not None and d1 < d0:
        raise InvalidParameterError(
            f"The period ends ({from_day(d1)}) before it starts ({from_day(d0)})."
        )
    c = dedupe_views(
        event_views(
            events,
            focal=focal_list,
            start=d0,
            end=d1,
            level=check_levels(level),
            direction=check_direction(direction),
            lookup=ChannelLookup.from_mapping(mapping),
        ),
        check_dedupe(dedupe),
    )
    states = np.array(c.states, dtype=object)
    return pd.DataFrame(
        {
            "focal": pd.array(states[c.focal], dtype="string"),
            "partner": pd.array(states[c.partner], dtype="string"),
            "date": c.day.astype("datetime64[D]").astype("datetime64[ns]"),
            "channel": pd.array(
                np.array(CHANNELS, dtype=object)[c.channel], dtype="string"
            ),
            "level": pd.array(np.array(LEVELS, dtype=object)[c.level], dtype="string"),
            "event_id": c.event_min,
            "n_reports": c.n_reports,
        }
    )


def contacts(
    events: Any,
    focal: str,
    start: dt.date | str,
    end: dt.date | str,
    *,
    level: LevelArg = "leader",
    direction: Direction = "both",
    mapping: Any = None,
    dedupe: Dedupe = "day",
) -> ContactSequence:
    r"""Return a focal state's contacts in an event table as a sequence.

    The contacts of :func:`contact_rows` of ``focal`` from ``start`` to
    ``end`` (both inclusive), in date order (same-day contacts by their
    smallest event id), each with its event ids as evidence. The sequence
    starts on ``start`` (not on its first contact), so that the half-life
    salience counts days from ``start`` and every sequence measure reads the
    relation graph on ``start`` — the convention of
    :func:`balance_panel`, whose rows equal the measures of these sequences.
    Every measure (:func:`~middlepower.equidistance`,
    :func:`~middlepower.assess`, :func:`~middlepower.orderings`...) takes
    the result.

    Parameters
    ----------
    events : pandas.DataFrame
        A canonical event table (METHODS.md §10).
    focal : str
        The focal state (ISO3 code).
    start, end : datetime.date or str
        First and last day of the period (both inclusive).
    level : str, sequence of str or None, optional (default="leader")
        Actor levels kept; the library is about leaders' contacts, so only
        events the data set codes at leader level count by default. ``None``
        keeps every level.
    direction : {"both", "outgoing"}, optional (default="both")
        Events with the focal state as source or target, or as source only.
    mapping : str, os.PathLike or pandas.DataFrame, optional
        Event code to channel table (default: the bundled one,
        :func:`load_channel_map`).
    dedupe : {"day", None}, optional (default="day")
        Reports of the same contact (same partner, day and channel) count
        once; ``None`` counts every report.

    Returns
    -------
    ContactSequence
        ``start`` = ``start``; each contact with ``level`` the highest level
        among its reports and one :class:`~middlepower.Evidence` per data set
        (``source`` = the data set's name, ``locator`` = its event ids).

    Raises
    ------
    EmptySequenceError
        If the focal state has no contact in the period.
    DataFormatError
        If the table is not in the canonical format.
    InvalidParameterError
        For ``end`` before ``start`` or another bad argument.

    References
    ----------
    .. [1] Boschee, E., J. Lautenschlager, S. O'Brien, S. Shellman, J. Starz
       and M. Ward. "ICEWS Coded Event Data." Harvard Dataverse, 2015.
       https://doi.org/10.7910/DVN/28075
    .. [2] Leetaru, K. and P. A. Schrodt. "GDELT: Global Data on Events,
       Location, and Tone, 1979-2012." Paper presented at the International
       Studies Association, San Francisco, 2013.
    .. [3] Halterman, A., P. A. Schrodt, A. Beger, B. E. Bagozzi and G. I.
       Scarborough. "Creating Custom Event Data Without Dictionaries: A
       Bag-of-Tricks." arXiv:2304.01331, 2023.

    Examples
    --------
    >>> import pandas as pd
    >>> from middlepower.events import contacts
    >>> ev = pd.DataFrame(
    ...     {
    ...         "event_id": [7, 8, 9],
    ...         "date": pd.to_datetime(["2025-06-06", "2025-06-06", "2025-06-10"]),
    ...         "source": ["KOR", "USA", "CHN"],
    ...         "target": ["USA", "KOR", "KOR"],
    ...         "code": ["041", "041", "041"],
    ...         "mode": [None] * 3,
    ...         "intensity": [1.0] * 3,
    ...         "level": ["leader"] * 3,
    ...         "dataset": ["ICEWS"] * 3,
    ...         "mentions": [1] * 3,
    ...     }
    ... )
    >>> seq = contacts(ev, "KOR", "2025-06-04", "2025-06-30")
    >>> seq.start, seq.partners, [c.channel.value for c in seq.contacts]
    (datetime.date(2025, 6, 4), ('USA', 'CHN'), ['call', 'call'])
    >>> seq.contacts[0].evidence[0].locator  # both reports of the USA call
    'event ids 7, 8'
    """
    check_event_table(events)
    if not isinstance(focal, str):
        raise InvalidArgumentTypeError(f"focal must be one state code, not {focal!r}.")
    d0, d1 = to_day(start, "start"), to_day(end, "end")
    if d1 < d0:
        raise InvalidParameterError(
            f"The period ends ({from_day(d1)}) before it starts ({from_day(d0)})."
        )
    views = event_views(
        events,
        focal=[focal],
        start=d0,
        end=d1,
        level=check_levels(level),
        direction=check_direction(direction),
        lookup=ChannelLookup.from_mapping(mapping),
    )
    c = dedupe_views(views, check_dedupe(dedupe), members=True)
    if not len(c):
        shown = "every level" if level is None else f"level {level!r}"
        raise EmptySequenceError(
            f"No contact of {focal!r} from {from_day(d0)} to {from_day(d1)} "
            f"({shown}, direction {direction!r}) in the event table."
        )
    # evidence: the reports of each contact, grouped by data set
    member = c.member if c.member is not None else np.zeros(0, dtype=np.int64)
    levels = c.level if c.level is not None else np.zeros(len(c), dtype=np.int8)
    by_contact = np.argsort(member, kind="stable")
    bounds = np.searchsorted(member[by_contact], np.arange(len(c) + 1))
    ids = views.event[by_contact]
    ds = views.dataset[by_contact]
    items: list[Contact] = []
    for i in range(len(c)):  # builds one model per contact: the boundary
        lo, hi = int(bounds[i]), int(bounds[i + 1])
        evidence = []
        for d in sorted(set(ds[lo:hi].tolist())):
            mine = sorted(ids[lo:hi][ds[lo:hi] == d].tolist())
            evidence.append(
                Evidence(
                    source=views.datasets[d],
                    locator="event ids " + ", ".join(str(x) for x in mine),
                )
            )
        items.append(
            Contact(
                partner=c.states[int(c.partner[i])],
                on=from_day(int(c.day[i])),
                channel=Channel(CHANNELS[int(c.channel[i])]),
                level=LEVELS[int(levels[i])],
                evidence=tuple(evidence),
            )
        )
    used = sorted({views.datasets[d] for d in np.unique(views.dataset).tolist()})
    label = f"{focal} contacts from {from_day(d0)} to {from_day(d1)} (event data: "
    label += ", ".join(used) + ")"
    return ContactSequence(
        focal=focal, contacts=tuple(items), start=from_day(d0), label=label
    )
