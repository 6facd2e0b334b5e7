r"""Alignment toward the poles for every period of a balance panel.

A panel row reads the alignment on its period's start day, as the scalar
measures read ``graph.at(sequence.start)``. The alignment only changes where
a tie starts or ends, so it is computed once per *snapshot* (a run of days
with the same valid ties), not once per period: yearly ties give one
alignment per year whatever the frequency of the panel. Three sources:

* a :class:`~middlepower.RelationGraph` (ties dated or not);
* a mapping year → :class:`~middlepower.RelationGraph` (e.g. the graphs of
  ``graph_for_year``), the graph of the period start's year, read on the
  period start;
* a table of per-state pole shares per year (columns ``year``, ``state`` and
  one per pole; rows sum to 1).

The result, :class:`AlignmentTable`, is plain numpy (picklable, shipped to
Dask workers as is).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from middlepower._optional import import_optional
from middlepower.events._contacts import from_day
from middlepower.events._schema import EventTableError
from middlepower.exceptions import InvalidArgumentTypeError, InvalidParameterError
from middlepower.graph import RelationGraph
from middlepower.metrics.sequence import untied_rows
from middlepower.models import TieKind
from middlepower.snapshot import GraphArrays, check_poles, kappa_vector

__all__ = ["AlignmentTable", "build_alignment"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_EPOCH = dt.date(1970, 1, 1)
_SHARE_TOL = 1e-9


def _day(d: dt.date) -> int:
    return (d - _EPOCH).days


def _breakpoints(graph: RelationGraph) -> IntArray:
    """Days on which the set of valid ties can change (sorted, distinct)."""
    days: set[int] = set()
    for t in graph.ties:
        if t.start is not None:
            days.add(_day(t.start))
        if t.end is not None and t.end < dt.date.max:
            days.add(_day(t.end) + 1)
    return np.array(sorted(days), dtype=np.int64)


@dataclass(frozen=True)
class AlignmentTable:
    """Alignment of every known state on every snapshot a panel needs.

    ``A[k, i]`` is the alignment (``m`` shares) of ``codes[i]`` on snapshot
    ``k``; ``known[k, i]`` says whether that state has one there, and
    ``tied[k, i]`` whether it has an alignment tie to some pole there (a
    known state without one has the assumed alignment :math:`1/m`; ``None``
    for a table of pole shares, whose shares are taken as given: every known
    state counts as tied). A day is mapped to its snapshot by
    :meth:`snapshot_of`.
    """

    poles: tuple[str, ...]
    codes: tuple[str, ...]
    A: FloatArray  # (S, N, m)
    known: BoolArray  # (S, N)
    years: tuple[int, ...] | None  # None: one source for every day
    breakpoints: tuple[IntArray, ...]  # per year (or one): interval bounds
    snapshot: tuple[IntArray, ...]  # per year (or one): snapshot per interval
    source: str  # for messages
    tied: BoolArray | None = None  # (S, N); None: every known state is tied

    @property
    def tied_or_known(self) -> BoolArray:
        """:attr:`tied`, or :attr:`known` for a table of pole shares."""
        return self.known if self.tied is None else self.tied

    def index_of(self, states: Sequence[str]) -> IntArray:
        """Column of each state in :attr:`codes` (-1 if unknown)."""
        where = {c: i for i, c in enumerate(self.codes)}
        return np.array([where.get(s, -1) for s in states], dtype=np.int64)

    def snapshot_of(self, days: IntArray) -> IntArray:
        """Snapshot of each day (days since 1970-01-01).

        Raises
        ------
        InvalidParameterError
            For a day whose year has no graph or table row.
        """
        days = np.asarray(days, dtype=np.int64)
        out = np.empty(days.shape[0], dtype=np.int64)
        if self.years is None:
            out[:] = self.snapshot[0][
                np.searchsorted(self.breakpoints[0], days, side="right")
            ]
            return out
        years = (
            days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
        )
        position = {y: i for i, y in enumerate(self.years)}
        for y in np.unique(years).tolist():  # a loop over years, not rows
            i = position.get(int(y))
            if i is None:
                shown = ", ".join(str(v) for v in self.years[:5])
                more = ", ..." if len(self.years) > 5 else ""
                raise InvalidParameterError(
                    f"The alignment ({self.source}) has no entry for {y}, a year "
                    f"of the events; its years are {shown}{more}."
                )
            sel = years == y
            out[sel] = self.snapshot[i][
                np.searchsorted(self.breakpoints[i], days[sel], side="right")
            ]
        if (out < 0).any():  # pragma: no cover - build_alignment covers the days
            raise InvalidParameterError("A day of the events has no alignment.")
        return out


def _graph_snapshots(
    graph: RelationGraph,
    poles: tuple[str, ...],
    codes: tuple[str, ...],
    kappa: FloatArray,
    days: IntArray | None,
    A_out: list[FloatArray],
    known_out: list[BoolArray],
    tied_out: list[BoolArray],
) -> tuple[IntArray, IntArray]:
    """Append one alignment per needed interval of ``graph``; return its lookup."""
    bps = _breakpoints(graph)
    n_int = bps.shape[0] + 1
    needed = np.zeros(n_int, dtype=bool)
    if days is None:
        needed[:] = True
        if bps.shape[0] and bps[0] <= _day(dt.date.min):
            needed[0] = False  # no day comes before the first breakpoint
    else:
        needed[np.unique(np.searchsorted(bps, days, side="right"))] = True
    ids = np.full(n_int, -1, dtype=np.int64)
    nodes = graph.codes
    where = {c: i for i, c in enumerate(codes)}
    columns = np.array([where[c] for c in nodes], dtype=np.int64)
    wanted = np.flatnonzero(needed).tolist()
    # a canonical day inside each interval: its first day (or the day before
    # the first breakpoint); every day of an interval has the same ties
    reps = [
        from_day(int(bps[i - 1]) if i > 0 else (int(bps[0]) - 1 if bps.size else 0))
        for i in wanted
    ]
    for i, arrays in zip(wanted, GraphArrays.series(graph, nodes, reps), strict=True):
        A = np.full((len(codes), len(poles)), np.nan)
        A[columns] = arrays.alignment(poles, kappa)
        known = np.zeros(len(codes), dtype=bool)
        known[columns] = True
        tied = np.zeros(len(codes), dtype=bool)
        C, pole_rows = arrays.pole_pulls(poles)
        tied[columns] = ~untied_rows(C, kappa, pole_rows)
        ids[i] = len(A_out)
        A_out.append(A)
        known_out.append(known)
        tied_out.append(tied)
    return bps, ids


def _stack(rows: list[BoolArray], n: int) -> BoolArray:
    out: BoolArray = np.stack(rows) if rows else np.zeros((0, n), dtype=bool)
    return out


def _year_of(days: IntArray) -> IntArray:
    out: IntArray = (
        days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    )
    return out


def build_alignment(
    alignment: Any,
    poles: Sequence[str],
    *,
    kinds: Mapping[TieKind, float] | Mapping[str, float] | None = None,
    days: IntArray | None = None,
) -> AlignmentTable:
    """Compile ``alignment`` for the period start ``days`` (``None``: every day).

    Parameters
    ----------
    alignment : RelationGraph, mapping of int to RelationGraph, or DataFrame
        The alignment source (see :func:`~middlepower.events.balance_panel`).
    poles : sequence of str
        The poles.
    kinds : mapping of TieKind to float, optional
        Alignment weights κ (graphs only).
    days : numpy.ndarray of int, optional
        The period start days that will be looked up; only their snapshots
        are computed. ``None`` computes every snapshot (the Dask path, which
        does not know the periods in advance).

    Returns
    -------
    AlignmentTable
        The compiled alignment.

    Raises
    ------
    InvalidParameterError
        For bad poles, a mapping with a non-year key or a non-graph value, or
        a year of ``days`` without an entry.
    DataFormatError
        For a pole-share table without the needed columns, with shares that
        are not in [0, 1] or do not sum to 1, a repeated (year, state), or a
        pole whose row is not its own pole.
    UnknownStateError
        If a pole is not in a graph.
    """
    pd = import_optional("pandas", "data", "balance_panel")
    if isinstance(poles, str):
        raise InvalidParameterError(
            f"poles must be a sequence of state codes such as ('USA', 'CHN'), not the "
            f"string {poles!r}."
        )
    pole_list = tuple(poles)
    kappa = kappa_vector(kinds)
    A_list: list[FloatArray] = []
    known_list: list[BoolArray] = []
    tied_list: list[BoolArray] = []
    if isinstance(alignment, RelationGraph):
        pole_list = check_poles(alignment, pole_list)
        codes = alignment.codes
        bps, ids = _graph_snapshots(
            alignment, pole_list, codes, kappa, days, A_list, known_list, tied_list
        )
        return AlignmentTable(
            pole_list,
            codes,
            np.stack(A_list) if A_list else np.zeros((0, len(codes), len(pole_list))),
            np.stack(known_list) if known_list else np.zeros((0, len(codes)), bool),
            None,
            (bps,),
            (ids,),
            f"graph {alignment.name or 'unnamed'}",
            _stack(tied_list, len(codes)),
        )
    if isinstance(alignment, Mapping):
        graphs: dict[int, RelationGraph] = {}
        for key, g in alignment.items():
            if isinstance(key, bool) or not isinstance(key, int | np.integer):
                raise InvalidParameterError(
                    f"An alignment mapping must be keyed by year (int), not {key!r}."
                )
            if not isinstance(g, RelationGraph):
                raise InvalidParameterError(
                    f"The alignment for {key} must be a RelationGraph, not "
                    f"{type(g).__name__}."
                )
            check_poles(g, pole_list)
            graphs[int(key)] = g
        if not graphs:
            raise InvalidParameterError("The alignment mapping is empty.")
        pole_list = check_poles(next(iter(graphs.values())), pole_list)
        years = tuple(sorted(graphs))
        codes = tuple(sorted({c for g in graphs.values() for c in g.codes}))
        wanted_years = None if days is None else set(_year_of(days).tolist())
        if wanted_years is not None:
            missing = sorted(wanted_years - set(years))
            if missing:
                shown = ", ".join(str(y) for y in years[:5])
                raise InvalidParameterError(
                    f"The alignment mapping has no graph for {missing[0]}, a year of "
                    f"the events; its years are {shown}"
                    + (", ..." if len(years) > 5 else "")
                    + "."
                )
        bps_all: list[IntArray] = []
        ids_all: list[IntArray] = []
        for y in years:
            sel = None
            if days is not None:
                sel = days[_year_of(days) == y]
                if sel.size == 0:
                    bps_all.append(np.zeros(0, dtype=np.int64))
                    ids_all.append(np.full(1, -1, dtype=np.int64))
                    continue
            bps, ids = _graph_snapshots(
                graphs[y], pole_list, codes, kappa, sel, A_list, known_list, tied_list
            )
            bps_all.append(bps)
            ids_all.append(ids)
        return AlignmentTable(
            pole_list,
            codes,
            np.stack(A_list) if A_list else np.zeros((0, len(codes), len(pole_list))),
            np.stack(known_list) if known_list else np.zeros((0, len(codes)), bool),
            years,
            tuple(bps_all),
            tuple(ids_all),
            "mapping of yearly graphs",
            _stack(tied_list, len(codes)),
        )
    if isinstance(alignment, pd.DataFrame):
        return _from_table(alignment, pole_list)
    raise InvalidArgumentTypeError(
        "alignment must be a RelationGraph, a mapping year -> RelationGraph or a "
        f"DataFrame of pole shares, not {type(alignment).__name__}."
    )


def _from_table(table: Any, poles: tuple[str, ...]) -> AlignmentTable:
    pd = import_optional("pandas", "data", "balance_panel")
    where = "<alignment table>"
    if len(poles) < 2 or len(set(poles)) != len(poles):
        raise InvalidParameterError(
            f"At least two distinct poles are needed, got {list(poles)}."
        )
    need = ["year", "state", *poles]
    missing = [c for c in need if c not in table.columns]
    if missing:
        raise EventTableError(
            where,
            "a table of pole shares needs columns year, state and one per pole",
            missing=missing,
        )
    if not pd.api.types.is_integer_dtype(table["year"].dtype):
        raise EventTableError(
            where, f"column 'year' must hold integers, not {table['year'].dtype}"
        )
    states = table["state"].astype(object).to_numpy()
    if pd.isna(table["state"]).any():
        raise EventTableError(where, "column 'state' has missing codes")
    shares = table[list(poles)].to_numpy(dtype=float, na_value=np.nan)
    if not np.isfinite(shares).all() or (shares < 0).any() or (shares > 1).any():
        raise EventTableError(
            where, "pole shares must be finite numbers in [0, 1] (no missing values)"
        )
    sums = shares.sum(axis=1)
    bad = np.flatnonzero(np.abs(sums - 1.0) > _SHARE_TOL)
    if bad.size:
        i = int(bad[0])
        raise EventTableError(
            where,
            f"the pole shares of {states[i]} in {int(table['year'].iloc[i])} sum to "
            f"{float(sums[i]):.6g}, not 1",
        )
    years_col = table["year"].to_numpy(dtype=np.int64)
    pairs = pd.MultiIndex.from_arrays([years_col, states])
    if pairs.has_duplicates:
        dup = pairs[pairs.duplicated()][0]
        raise EventTableError(where, f"state {dup[1]} appears twice in {dup[0]}")
    for j, p in enumerate(poles):
        rows = np.flatnonzero(states == p)
        expect = np.eye(len(poles))[j]
        for r in rows.tolist():
            if not np.allclose(shares[r], expect, atol=_SHARE_TOL):
                raise EventTableError(
                    where,
                    f"pole {p} has shares {shares[r].tolist()} in {years_col[r]}; a "
                    f"pole's alignment is its own pole, {expect.tolist()}",
                )
    codes = tuple(sorted(set(states.tolist()) | set(poles)))
    years = tuple(sorted(set(years_col.tolist())))
    col = {c: i for i, c in enumerate(codes)}
    row_of_year = {y: i for i, y in enumerate(years)}
    A = np.full((len(years), len(codes), len(poles)), np.nan)
    known = np.zeros((len(years), len(codes)), dtype=bool)
    yi = np.array([row_of_year[int(y)] for y in years_col], dtype=np.int64)
    ci = np.array([col[s] for s in states], dtype=np.int64)
    A[yi, ci] = shares
    known[yi, ci] = True
    for j, p in enumerate(poles):
        A[:, col[p]] = np.eye(len(poles))[j]
        known[:, col[p]] = True
    return AlignmentTable(
        poles,
        codes,
        A,
        known,
        years,
        tuple(np.zeros(0, dtype=np.int64) for _ in years),
        tuple(np.array([i], dtype=np.int64) for i in range(len(years))),
        "table of pole shares",
    )
