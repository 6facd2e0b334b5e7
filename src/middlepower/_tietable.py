r"""The ties of a :class:`~middlepower.RelationGraph` as columns (private).

A :class:`TieTable` holds one entry per tie in numpy columns: the source and
target as indices into the graph's states, the kind as an index into
:data:`KINDS`, the strength, the directedness, the validity bounds as day
ordinals (:data:`OPEN_START`/:data:`OPEN_END` for a missing bound), the raw
value (``nan`` for none), the unit and note (object arrays of ``str`` or
``None``) and the evidence (an :class:`EvidenceColumn`, which may compute the
citations only when they are asked for). The graph's measures read the
columns; :meth:`TieTable.ties` makes the :class:`~middlepower.Tie` objects
when a caller needs them.

:meth:`TieTable.build` validates columns given by a caller (vectorised: the
same rules as :class:`~middlepower.Tie` and the graph constructor), so that a
table built from columns holds exactly what a table built from validated
ties would.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from middlepower.exceptions import InvalidGraphError
from middlepower.models import Evidence, Tie, TieKind, _check_overlaps

__all__ = [
    "KINDS",
    "OPEN_END",
    "OPEN_START",
    "EvidenceColumn",
    "TieTable",
    "trusted",
]

KINDS: tuple[TieKind, ...] = tuple(TieKind)
"""Order of tie kinds on the first axis of :meth:`RelationGraph.strength_tensor`
(and of a tie table's ``kind`` column)."""

OPEN_START = 0
"""Day ordinal of a missing ``start`` (``datetime.date.min`` is ordinal 1)."""

OPEN_END = dt.date.max.toordinal() + 1
"""Day ordinal of a missing ``end`` (one past ``datetime.date.max``)."""

IntArray = npt.NDArray[np.intp]
Int64Array = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
ObjectArray = npt.NDArray[np.object_]
EvidenceTuple = tuple[Evidence, ...]
EvidenceFn = Callable[[Int64Array], Sequence[EvidenceTuple]]

_KIND_INDEX = {k: i for i, k in enumerate(KINDS)}
_KIND_OBJECTS = np.array(KINDS, dtype=object)
_KIND_DIRECTED = np.array([k.directed for k in KINDS], dtype=bool)

_set = object.__setattr__
_new = object.__new__
_TIE_FIELDS = frozenset(Tie.model_fields)
_FIELDS: dict[type[Any], frozenset[str]] = {}


def trusted(cls: type[Any], data: dict[str, Any]) -> Any:
    """Build a model from values already validated (no re-validation).

    What :meth:`pydantic.BaseModel.model_construct` does, without its
    per-field bookkeeping: ``data`` must hold every field of ``cls``, with
    the types its validators would produce (the tests compare the result
    with ``model_validate``).
    """
    fields = _FIELDS.get(cls)
    if fields is None:
        fields = _FIELDS[cls] = frozenset(cls.__pydantic_fields__)
    obj = _new(cls)
    _set(obj, "__dict__", data)
    _set(obj, "__pydantic_fields_set__", fields)
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


# -- evidence ---------------------------------------------------------------------


class _Listed:
    """Evidence already made: one tuple per row."""

    __slots__ = ("items",)

    def __init__(self, items: Sequence[EvidenceTuple]) -> None:
        self.items = items

    def __call__(self, rows: Int64Array) -> list[EvidenceTuple]:
        items = self.items
        return [items[i] for i in rows.tolist()]


class _NoEvidence:
    """No evidence on any row."""

    __slots__ = ()

    def __call__(self, rows: Int64Array) -> list[EvidenceTuple]:
        return [()] * len(rows)


class EvidenceColumn:
    """The evidence of each tie of a table, made when asked for.

    The column is a list of *parts*, each a function from row numbers (an
    int64 array) to one tuple of :class:`~middlepower.Evidence` per row, and
    for each tie the part and row it comes from. Selecting ties
    (:meth:`take`) selects part/row pairs; nothing is computed until
    :meth:`get`.

    Parameters
    ----------
    parts : sequence of callable
        The parts.
    part, row : numpy.ndarray
        For each tie, its part and its row in that part.
    """

    __slots__ = ("_part", "_parts", "_row")

    def __init__(
        self, parts: Sequence[EvidenceFn], part: IntArray, row: Int64Array
    ) -> None:
        self._parts = tuple(parts)
        self._part = part
        self._row = row

    @classmethod
    def listed(cls, items: Sequence[EvidenceTuple]) -> EvidenceColumn:
        """Return a column of evidence already made (one tuple per tie)."""
        n = len(items)
        return cls.lazy(_Listed(items), n)

    @classmethod
    def lazy(cls, fn: EvidenceFn, n: int) -> EvidenceColumn:
        """Return a column of ``n`` ties whose evidence ``fn(rows)`` computes."""
        return cls([fn], np.zeros(n, dtype=np.intp), np.arange(n, dtype=np.int64))

    @classmethod
    def empty(cls, n: int) -> EvidenceColumn:
        """Return a column of ``n`` ties without evidence."""
        return cls.lazy(_NoEvidence(), n)

    @classmethod
    def concat(cls, columns: Sequence[EvidenceColumn]) -> EvidenceColumn:
        """Return the columns one after the other."""
        parts: list[EvidenceFn] = []
        part, row = [], []
        for c in columns:
            part.append(c._part + len(parts))
            row.append(c._row)
            parts += c._parts
        if not parts:
            return cls.empty(0)
        return cls(parts, np.concatenate(part), np.concatenate(row))

    def __len__(self) -> int:
        return len(self._row)

    def take(self, index: IntArray) -> EvidenceColumn:
        """Return the evidence of the ties at ``index`` (nothing computed)."""
        return EvidenceColumn(self._parts, self._part[index], self._row[index])

    def get(self, index: IntArray | None = None) -> list[EvidenceTuple]:
        """Return the evidence of the ties at ``index`` (default: all), in order."""
        part = self._part if index is None else self._part[index]
        row = self._row if index is None else self._row[index]
        if len(self._parts) == 1:
            return list(self._parts[0](row))
        out: list[EvidenceTuple] = [()] * len(row)
        for p in np.unique(part).tolist():
            where = np.flatnonzero(part == p)
            for i, ev in zip(where.tolist(), self._parts[p](row[where]), strict=True):
                out[i] = ev
        return out


# -- the table ----------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class TieTable:
    """The ties of a graph as columns (see the module docstring)."""

    source: IntArray
    target: IntArray
    kind: IntArray
    strength: FloatArray
    directed: BoolArray
    start: Int64Array
    end: Int64Array
    value: FloatArray
    unit: ObjectArray
    note: ObjectArray
    evidence: EvidenceColumn

    def __len__(self) -> int:
        return len(self.source)

    # -- construction -----------------------------------------------------------
    @classmethod
    def from_ties(cls, ties: Sequence[Tie], index: Mapping[str, int]) -> TieTable:
        """Return the columns of validated ties (``index``: code -> position)."""
        n = len(ties)
        source = np.empty(n, dtype=np.intp)
        target = np.empty(n, dtype=np.intp)
        kind = np.empty(n, dtype=np.intp)
        strength = np.empty(n, dtype=np.float64)
        directed = np.empty(n, dtype=bool)
        start = np.empty(n, dtype=np.int64)
        end = np.empty(n, dtype=np.int64)
        value = np.empty(n, dtype=np.float64)
        unit = np.empty(n, dtype=object)
        note = np.empty(n, dtype=object)
        kinds = _KIND_INDEX
        nan = np.nan
        for i, t in enumerate(ties):
            source[i] = index[t.source]
            target[i] = index[t.target]
            kind[i] = kinds[t.kind]
            strength[i] = t.strength
            directed[i] = t.directed
            start[i] = OPEN_START if t.start is None else t.start.toordinal()
            end[i] = OPEN_END if t.end is None else t.end.toordinal()
            value[i] = nan if t.value is None else t.value
            unit[i] = t.unit
            note[i] = t.note
        evidence = EvidenceColumn.listed([t.evidence for t in ties])
        return cls(
            source, target, kind, strength, directed, start, end, value, unit, note,
            evidence,
        )  # fmt: skip

    @classmethod
    def build(
        cls,
        n_states: int,
        *,
        source: Any,
        target: Any,
        kind: Any,
        strength: Any,
        directed: Any = None,
        start: Any = None,
        end: Any = None,
        value: Any = None,
        unit: Any = None,
        note: Any = None,
        evidence: EvidenceColumn | Sequence[EvidenceTuple] | None = None,
    ) -> TieTable:
        """Check columns given by a caller and return the table (see RelationGraph).

        Raises
        ------
        InvalidGraphError
            For a column of the wrong length or type, or a value a
            :class:`~middlepower.Tie` would reject (naming the tie's position
            and the value).
        """
        src = _ints(source, "source")
        n = len(src)
        tgt = _ints(target, "target", n)
        knd = _ints(kind, "kind", n)
        bad = (knd < 0) | (knd >= len(KINDS))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InvalidGraphError(
                f"Tie {i} has kind index {int(knd[i])}; expected 0-{len(KINDS) - 1} "
                f"(an index into {', '.join(k.value for k in KINDS)})."
            )
        for name, col in (("source", src), ("target", tgt)):
            bad = (col < 0) | (col >= n_states)
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise InvalidGraphError(
                    f"Tie {i} has {name} index {int(col[i])}, not a state of the "
                    f"graph (0-{n_states - 1})."
                )
        same = src == tgt
        if same.any():
            i = int(np.flatnonzero(same)[0])
            raise InvalidGraphError(
                f"Tie {i} joins state index {int(src[i])} to itself."
            )
        s = _floats(strength, "strength", n)
        bad = ~(np.isfinite(s) & (s >= 0.0) & (s <= 1.0))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InvalidGraphError(
                f"Tie {i} has strength {float(s[i])!r}; expected a finite number "
                "in [0, 1]."
            )
        if directed is None:
            drc = _KIND_DIRECTED[knd]
        else:
            drc = np.asarray(directed)
            if drc.size == 0 and drc.ndim == 1:
                drc = drc.astype(bool)
            if drc.dtype != np.bool_ or drc.shape != (n,):
                raise InvalidGraphError(
                    f"Column 'directed' must be {n} booleans, got {_what(drc)}."
                )
        lo = _days(start, "start", n, OPEN_START)
        hi = _days(end, "end", n, OPEN_END)
        for name, col, other, own in (
            ("start", lo, OPEN_END, OPEN_START),
            ("end", hi, OPEN_START, OPEN_END),
        ):
            bad = (col < OPEN_START) | (col > OPEN_END) | (col == other)
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise InvalidGraphError(
                    f"Tie {i} has {name} ordinal {int(col[i])}; expected a day "
                    f"ordinal 1-{OPEN_END - 1}, or {own} for none."
                )
        bad = hi < lo
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InvalidGraphError(
                f"Tie {i} ends on {dt.date.fromordinal(int(hi[i]))} before it "
                f"starts on {dt.date.fromordinal(int(lo[i]))}."
            )
        val = np.full(n, np.nan) if value is None else _floats(value, "value", n)
        if np.isinf(val).any():
            i = int(np.flatnonzero(np.isinf(val))[0])
            raise InvalidGraphError(
                f"Tie {i} has raw value {float(val[i])!r}; expected a finite number "
                "(nan for none)."
            )
        unt = _texts(unit, "unit", n)
        nte = _texts(note, "note", n)
        has_value = ~np.isnan(val)
        if has_value.any():
            no_unit = has_value & ((unt == None) | (unt == ""))  # noqa: E711
            if no_unit.any():
                i = int(np.flatnonzero(no_unit)[0])
                raise InvalidGraphError(
                    f"Tie {i} has raw value {float(val[i])!r} but no unit."
                )
        if evidence is None:
            ev = EvidenceColumn.empty(n)
        elif isinstance(evidence, EvidenceColumn):
            ev = evidence
        else:
            items = list(evidence)
            for i, e in enumerate(items):
                if not isinstance(e, tuple) or not all(
                    isinstance(x, Evidence) for x in e
                ):
                    raise InvalidGraphError(
                        f"Evidence of tie {i} must be a tuple of Evidence, got "
                        f"{_what(e)}."
                    )
            ev = EvidenceColumn.listed(items)
        if len(ev) != n:
            raise InvalidGraphError(
                f"Column 'evidence' has {len(ev)} entries for {n} ties."
            )
        return cls(src, tgt, knd, s, drc, lo, hi, val, unt, nte, ev)

    # -- checks -------------------------------------------------------------------
    def check_overlaps(
        self, codes: Sequence[str], ties: Sequence[Tie] | None = None
    ) -> None:
        """Raise if two ties of one pair and kind are valid on a common day.

        The pair of a symmetric tie is unordered (its two codes sorted, as
        :func:`~middlepower.models.tie_pair_key`). Sorted by pair, kind and
        start, some two ties of a group overlap iff two consecutive ones do.
        The message is that of :func:`~middlepower.models._check_overlaps`
        on the ties in their order (``ties``, else the ties made from the
        columns of the groups at fault).
        """
        n = len(self)
        if n < 2:
            return
        m = len(codes)
        rank = np.empty(m, dtype=np.int64)
        rank[np.argsort(np.asarray(codes, dtype=object).astype(str), kind="stable")] = (
            np.arange(m)
        )
        a, b = self.source.astype(np.int64), self.target.astype(np.int64)
        swap = ~self.directed & (rank[a] > rank[b])
        a, b = np.where(swap, b, a), np.where(swap, a, b)
        key = (self.kind.astype(np.int64) * m + a) * m + b
        order = np.lexsort((self.start, key))
        ks, lo, hi = key[order], self.start[order], self.end[order]
        clash = (ks[1:] == ks[:-1]) & (lo[1:] <= hi[:-1])
        if not clash.any():
            return
        bad_keys = np.unique(ks[1:][clash])
        rows = np.flatnonzero(np.isin(key, bad_keys))
        if ties is None:
            chosen = self.ties(codes, rows, evidence=False)
        else:
            chosen = [ties[i] for i in rows.tolist()]
        try:
            _check_overlaps(chosen)
        except ValueError as err:
            raise InvalidGraphError(str(err)) from None
        raise InvalidGraphError(  # pragma: no cover - the two checks agree
            "Two ties of one pair and kind are valid on a common day."
        )

    # -- selection ------------------------------------------------------------------
    def take(self, index: IntArray) -> TieTable:
        """Return the ties at ``index`` (an integer array), in that order."""
        return TieTable(
            self.source[index],
            self.target[index],
            self.kind[index],
            self.strength[index],
            self.directed[index],
            self.start[index],
            self.end[index],
            self.value[index],
            self.unit[index],
            self.note[index],
            self.evidence.take(index),
        )

    def valid_on(self, ordinal: int) -> BoolArray:
        """Return the mask of the ties valid on day ``ordinal`` (bounds inclusive)."""
        out: BoolArray = (self.start <= ordinal) & (ordinal <= self.end)
        return out

    def pairs(self, u: int, v: int) -> IntArray:
        """Return the positions of the ties joining ``u`` and ``v`` (either way)."""
        s, t = self.source, self.target
        out: IntArray = np.flatnonzero(((s == u) & (t == v)) | ((s == v) & (t == u)))
        return out

    def with_evidence(self, evidence: EvidenceColumn) -> TieTable:
        """Return the same table with another evidence column."""
        return TieTable(
            self.source, self.target, self.kind, self.strength, self.directed,
            self.start, self.end, self.value, self.unit, self.note, evidence,
        )  # fmt: skip

    # -- ties ---------------------------------------------------------------------
    def ties(
        self,
        codes: Sequence[str],
        index: IntArray | None = None,
        *,
        evidence: bool = True,
    ) -> list[Tie]:
        """Return the :class:`~middlepower.Tie` objects (all, or those at ``index``).

        The columns were validated, so the ties are built without validating
        again (as :func:`trusted`); they equal ``Tie.model_validate`` of the
        same fields. ``evidence=False`` leaves the evidence out (for error
        messages only).
        """
        sel: Any = slice(None) if index is None else index
        code = np.asarray(codes, dtype=object)
        sources = code[self.source[sel]].tolist()
        targets = code[self.target[sel]].tolist()
        kinds = _KIND_OBJECTS[self.kind[sel]].tolist()
        strengths = self.strength[sel].tolist()
        directed = self.directed[sel].tolist()
        starts = _dates(self.start[sel], OPEN_START)
        ends = _dates(self.end[sel], OPEN_END)
        raw = self.value[sel]
        values: list[float | None] = raw.tolist()
        if np.isnan(raw).any():
            obj = raw.astype(object)
            obj[np.isnan(raw)] = None
            values = obj.tolist()
        units = self.unit[sel].tolist()
        notes = self.note[sel].tolist()
        with _no_gc():
            return self._make(
                sources, targets, kinds, strengths, directed, starts, ends, values,
                units, notes, self.evidence.get(index) if evidence else None,
            )  # fmt: skip

    @staticmethod
    def _make(
        sources: list[str],
        targets: list[str],
        kinds: list[TieKind],
        strengths: list[float],
        directed: list[bool],
        starts: list[dt.date | None],
        ends: list[dt.date | None],
        values: list[float | None],
        units: list[str | None],
        notes: list[str | None],
        evs: list[EvidenceTuple] | None,
    ) -> list[Tie]:
        if evs is None:
            evs = [()] * len(sources)
        out: list[Tie] = []
        append = out.append
        new, setattr_ = _new, _set
        fields = _TIE_FIELDS
        for u, v, k, s, d, lo, hi, x, un, ev, nt in zip(
            sources, targets, kinds, strengths, directed, starts, ends, values,
            units, evs, notes, strict=True,
        ):  # fmt: skip
            t = new(Tie)
            setattr_(
                t,
                "__dict__",
                {
                    "source": u,
                    "target": v,
                    "kind": k,
                    "strength": s,
                    "directed": d,
                    "start": lo,
                    "end": hi,
                    "value": x,
                    "unit": un,
                    "evidence": ev,
                    "note": nt,
                },
            )
            setattr_(t, "__pydantic_fields_set__", fields)
            setattr_(t, "__pydantic_extra__", None)
            setattr_(t, "__pydantic_private__", None)
            append(t)
        return out


# -- column checks ------------------------------------------------------------------


def _what(value: object) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of dtype {value.dtype} and shape {value.shape}"
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 40 else text[:37] + '...'}"


def _ints(values: Any, name: str, n: int | None = None) -> IntArray:
    arr = np.asarray(values)
    if arr.size == 0 and arr.ndim == 1:
        arr = arr.astype(np.intp)
    if arr.ndim != 1 or arr.dtype.kind not in "iu" or (n is not None and len(arr) != n):
        size = "" if n is None else f"{n} "
        raise InvalidGraphError(
            f"Column {name!r} must be {size}integers (a 1-d array), got {_what(arr)}."
        )
    out: IntArray = arr.astype(np.intp, copy=False)
    return out


def _floats(values: Any, name: str, n: int) -> FloatArray:
    arr = np.asarray(values)
    if arr.size == 0 and arr.ndim == 1:
        arr = arr.astype(np.float64)
    if arr.ndim != 1 or arr.dtype.kind not in "fiu" or len(arr) != n:
        raise InvalidGraphError(
            f"Column {name!r} must be {n} numbers (a 1-d array), got {_what(arr)}."
        )
    out: FloatArray = arr.astype(np.float64, copy=False)
    return out


def _days(values: Any, name: str, n: int, open_: int) -> Int64Array:
    if values is None:
        return np.full(n, open_, dtype=np.int64)
    if isinstance(values, int | np.integer) and not isinstance(values, bool):
        return np.full(n, int(values), dtype=np.int64)
    arr = np.asarray(values)
    if arr.size == 0 and arr.ndim == 1:
        arr = arr.astype(np.int64)
    if arr.ndim != 1 or arr.dtype.kind not in "iu" or len(arr) != n:
        raise InvalidGraphError(
            f"Column {name!r} must be {n} day ordinals (integers), got {_what(arr)}."
        )
    out: Int64Array = arr.astype(np.int64, copy=False)
    return out


def _texts(values: Any, name: str, n: int) -> ObjectArray:
    if values is None or isinstance(values, str):
        out = np.empty(n, dtype=object)
        out[:] = values
        return out
    arr = np.asarray(values, dtype=object)
    if arr.ndim != 1 or len(arr) != n:
        raise InvalidGraphError(
            f"Column {name!r} must be {n} strings or None, got {_what(arr)}."
        )
    items = arr.tolist()
    if not set(map(type, items)) <= {str, type(None)}:
        arr = arr.copy()
        for i, x in enumerate(items):
            if isinstance(x, str):
                arr[i] = str(x)  # a str subclass (numpy.str_): its plain string
            elif x is not None:
                raise InvalidGraphError(
                    f"Tie {i} has {name} {_what(x)}; expected a string or None."
                )
    return arr


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while many objects are made.

    Making a year's ties allocates some 100,000 objects that stay alive;
    without the pause, the collections triggered on the way re-scan them
    all and making them takes about twice as long.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _dates(ordinals: Int64Array, open_: int) -> list[dt.date | None]:
    """Return the dates of day ordinals (``open_`` -> None), each made once."""
    if not len(ordinals):
        return []
    first = int(ordinals[0])
    if (ordinals == first).all():
        day = None if first == open_ else dt.date.fromordinal(first)
        return [day] * len(ordinals)
    uniq, inverse = np.unique(ordinals, return_inverse=True)
    days = np.array(
        [None if o == open_ else dt.date.fromordinal(o) for o in uniq.tolist()],
        dtype=object,
    )
    out: list[dt.date | None] = days[inverse].tolist()
    return out
