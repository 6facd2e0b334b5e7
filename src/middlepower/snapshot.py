r"""The arrays a computation needs from a relation graph on one day.

ARCHITECTURE.md, "One snapshot": the node order, the kind-by-state-by-state
strength tensor and the alignment matrix toward the poles come from this one
place in the graph layer, used alike by the sequence measures, the batch
analyses and the event panels. :class:`GraphArrays` holds the tensor of a
snapshot (:meth:`RelationGraph.at <middlepower.RelationGraph.at>`) for an
explicit node order; :meth:`GraphArrays.alignment` turns it into the
alignment :math:`a_s \in \Delta^m` of every node with the kernel
:func:`~middlepower.kernels.sequence.alignment_kernel`;
:func:`alignment_matrix` does both in one call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from middlepower._checks import check_code_list, check_graph
from middlepower.exceptions import (
    InvalidGraphError,
    InvalidParameterError,
    UnknownStateError,
)
from middlepower.graph import KINDS, RelationGraph
from middlepower.kernels.sequence import alignment_kernel
from middlepower.models import ALIGNMENT_WEIGHTS, TieKind, kind_weights

__all__ = ["GraphArrays", "alignment_matrix", "check_poles", "kappa_vector"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]


def kappa_vector(
    kinds: Mapping[TieKind, float] | Mapping[str, float] | None = None,
) -> FloatArray:
    r"""Alignment weights :math:`\kappa_k` as an array in ``KINDS`` order.

    Parameters
    ----------
    kinds : mapping of TieKind (or its value) to float, optional
        :math:`\kappa` of each kind; kinds left out weigh 0. Default
        (``None``): alliance 1, partnership 0.5, rivalry 1, trade and
        neighbour 0 (METHODS.md §2).

    Returns
    -------
    numpy.ndarray
        Shape ``(len(KINDS),)``.

    Raises
    ------
    InvalidParameterError
        For an unknown kind or a negative or non-finite weight.

    Examples
    --------
    >>> from middlepower.snapshot import kappa_vector
    >>> kappa_vector().tolist()  # alliance, partnership, trade, neighbour, rivalry
    [1.0, 0.5, 0.0, 0.0, 1.0]
    >>> kappa_vector({"alliance": 2}).tolist()
    [2.0, 0.0, 0.0, 0.0, 0.0]
    """
    try:
        kappa = kind_weights(kinds, ALIGNMENT_WEIGHTS, "alignment kinds")
    except ValueError as err:
        raise InvalidParameterError(str(err)[0].upper() + str(err)[1:] + ".") from None
    return np.array([kappa[k] for k in KINDS], dtype=float)


@dataclass(frozen=True, eq=False)
class GraphArrays:
    r"""A relation graph on one day, as arrays over an explicit node order.

    Build it with :meth:`of`. ``tensor[k, i, j]`` is the strength of
    ``KINDS[k]`` from ``nodes[i]`` to ``nodes[j]`` among the ties valid on
    ``day`` (:meth:`RelationGraph.strength_tensor
    <middlepower.RelationGraph.strength_tensor>` of the snapshot
    :meth:`RelationGraph.at <middlepower.RelationGraph.at>`).

    Parameters
    ----------
    nodes : tuple of str
        The node order of both state axes.
    tensor : numpy.ndarray
        Shape ``(len(KINDS), N, N)``.
    day : datetime.date or None
        The snapshot day (``None``: the graph as given, every tie).

    Examples
    --------
    >>> from middlepower.snapshot import GraphArrays
    >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
    >>> arr = GraphArrays.of(g, ["KOR", "JPN", "USA", "CHN"], day="2025-06-04")
    >>> arr.tensor.shape
    (5, 4, 4)
    >>> arr.alignment(("USA", "CHN")).round(4).tolist()  # KOR, JPN, USA, CHN
    [[0.6667, 0.3333], [1.0, 0.0], [1.0, 0.0], [0.0, 1.0]]
    """

    nodes: tuple[str, ...]
    tensor: FloatArray
    day: dt.date | None = None

    @classmethod
    def of(
        cls,
        graph: RelationGraph,
        nodes: Sequence[str] | None = None,
        *,
        day: dt.date | str | None = None,
    ) -> GraphArrays:
        """Return the arrays of ``graph`` on ``day`` for the node order ``nodes``.

        Parameters
        ----------
        graph : RelationGraph
            The graph.
        nodes : sequence of str, optional
            The node order (default: every state of the graph, in its order).
        day : datetime.date or str, optional
            Read the ties valid that day (``graph.at(day)``); ``None`` takes
            the graph as given.

        Returns
        -------
        GraphArrays
            The snapshot's arrays.

        Raises
        ------
        UnknownStateError
            If a node is not in the graph.
        InvalidGraphError
            If ``nodes`` repeats a state or ``day`` is not a date.

        Examples
        --------
        >>> from middlepower.snapshot import GraphArrays
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> GraphArrays.of(g).nodes
        ('KOR', 'USA', 'JPN', 'CHN', 'CZE', 'VNM', 'AUS')
        """
        return cls.series(graph, nodes, [day])[0]

    @classmethod
    def series(
        cls,
        graph: RelationGraph,
        nodes: Sequence[str] | None,
        days: Sequence[dt.date | str | None],
    ) -> list[GraphArrays]:
        """Return the arrays of ``graph`` on each of ``days`` (one pass over the ties).

        Equal, day by day, to :meth:`of` — ``graph.at(day).strength_tensor(
        nodes)`` — but the ties are read once into arrays and each snapshot
        is a mask over them, so that many snapshots (one per period of an
        event panel) cost little more than one.

        Parameters
        ----------
        graph : RelationGraph
            The graph.
        nodes : sequence of str or None
            The node order (default: every state of the graph).
        days : sequence of datetime.date, str or None
            The snapshot days (``None``: every tie, the graph as given).

        Returns
        -------
        list of GraphArrays
            One per day, in order.

        Raises
        ------
        UnknownStateError
            If a node is not in the graph.
        InvalidGraphError
            If ``nodes`` repeats a state or a day is not a date.

        Examples
        --------
        >>> from middlepower.snapshot import GraphArrays
        >>> g = mp.RelationGraph(
        ...     [
        ...         mp.Tie(
        ...             source="KOR",
        ...             target="CHN",
        ...             kind="partnership",
        ...             strength=1,
        ...             start="2008-05-27",
        ...         )
        ...     ]
        ... )
        >>> [
        ...     a.tensor.sum()
        ...     for a in GraphArrays.series(g, None, ["2000-01-01", "2025-06-04"])
        ... ]
        [np.float64(0.0), np.float64(2.0)]
        """
        order = graph.codes if nodes is None else tuple(nodes)
        graph.check_codes(order)
        if len(set(order)) != len(order):
            raise InvalidGraphError(f"Node list {list(order)} repeats a state.")
        kind, row, col, strength, lo, hi, directed = _tie_arrays(graph, order)
        out = []
        for day in days:
            when = _as_day(day)
            if when is None:
                valid = np.ones(kind.shape[0], dtype=bool)
            else:
                ordinal = when.toordinal()
                valid = (lo <= ordinal) & (ordinal <= hi)
            tensor = np.zeros((len(KINDS), len(order), len(order)))
            k, i, j, v = kind[valid], row[valid], col[valid], strength[valid]
            np.maximum.at(tensor, (k, i, j), v)
            both = ~directed[valid]
            np.maximum.at(tensor, (k[both], j[both], i[both]), v[both])
            out.append(cls(nodes=order, tensor=tensor, day=when))
        return out

    def index(self, codes: Sequence[str]) -> IntArray:
        """Row of each code in :attr:`nodes`.

        Parameters
        ----------
        codes : sequence of str
            State codes.

        Returns
        -------
        numpy.ndarray of int
            One row index per code.

        Raises
        ------
        UnknownStateError
            Naming every code that is not a node.

        Examples
        --------
        >>> from middlepower.snapshot import GraphArrays
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> GraphArrays.of(g).index(["CHN", "KOR"]).tolist()
        [3, 0]
        """
        where = {c: i for i, c in enumerate(self.nodes)}
        missing = [c for c in codes if c not in where]
        if missing:
            raise UnknownStateError(
                tuple(dict.fromkeys(missing)), "the snapshot's node list"
            )
        return np.array([where[c] for c in codes], dtype=np.intp)

    @property
    def pair_tensor(self) -> FloatArray:
        """Pair strengths: the larger of both directions, ``(K, N, N)``.

        Examples
        --------
        >>> from middlepower.snapshot import GraphArrays
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> P = GraphArrays.of(g, ["KOR", "CHN"]).pair_tensor
        >>> float(P[mp.graph.KINDS.index(mp.TieKind.TRADE), 1, 0])
        0.206
        """
        out: FloatArray = np.maximum(self.tensor, np.swapaxes(self.tensor, 1, 2))
        return out

    def pole_pulls(self, poles: Sequence[str]) -> tuple[FloatArray, IntArray]:
        r"""Signed pair strengths toward each pole, before the weights :math:`\kappa`.

        ``C[k, s, j] = sign_k · str_k(s, p_j)`` (pair strength), so that the
        pull of METHODS.md §2 is :math:`z_{s,j} = \sum_k \kappa_k C_{k,s,j}`
        for any :math:`\kappa` (one setting or a batch of Monte Carlo draws).

        Parameters
        ----------
        poles : sequence of str
            The poles (nodes of the snapshot).

        Returns
        -------
        C : numpy.ndarray
            Shape ``(len(KINDS), N, m)``.
        pole_rows : numpy.ndarray of int
            Shape ``(m,)``: the row of each pole in :attr:`nodes`.

        Examples
        --------
        >>> from middlepower.snapshot import GraphArrays
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> C, rows = GraphArrays.of(g, ["USA", "CHN"]).pole_pulls(("USA", "CHN"))
        >>> rows.tolist(), float(C[mp.graph.KINDS.index(mp.TieKind.RIVALRY), 0, 1])
        ([0, 1], -1.0)
        """
        pole_rows = self.index(list(poles))
        signs = np.array([k.sign for k in KINDS], dtype=float)
        C: FloatArray = signs[:, None, None] * self.pair_tensor[:, :, pole_rows]
        return C, pole_rows

    def alignment(
        self,
        poles: Sequence[str],
        kappa: Mapping[TieKind, float] | Mapping[str, float] | FloatArray | None = None,
    ) -> FloatArray:
        r"""Alignment of every node between the poles (METHODS.md §2).

        .. math::

           z_{s,j} = \sum_k \kappa_k\,\mathrm{sign}_k\,\mathrm{str}_k(s, p_j),
           \qquad
           a_{s,j} \propto z_{s,j}^+ + \frac{1}{m-1}\sum_{l \ne j} z_{s,l}^-

        uniform :math:`1/m` when every :math:`z_{s,j}` is 0; a pole gets
        :math:`e_j` (:func:`~middlepower.kernels.sequence.alignment_kernel`).

        Parameters
        ----------
        poles : sequence of str
            The poles, nodes of the snapshot (not checked further: validate
            them with the graph first).
        kappa : mapping, or numpy.ndarray of shape (K,) or (B, K), optional
            :math:`\kappa` per kind (a mapping as :func:`kappa_vector` takes,
            or arrays in ``KINDS`` order: one setting, or a batch of ``B``
            settings). Default: alliance 1, partnership 0.5, rivalry 1.

        Returns
        -------
        numpy.ndarray
            Shape ``(N, m)`` for one setting, ``(B, N, m)`` for a batch;
            every row sums to 1.

        Notes
        -----
        One setting computes :math:`z` as ``tensordot(κ·sign, P)``, exactly
        as the scalar sequence measures always have; a batch computes it as
        ``einsum(κ, sign·P)``, exactly as :func:`~middlepower.orderings` and
        :func:`~middlepower.sensitivity` always have (the two agree to
        rounding).

        Examples
        --------
        >>> from middlepower.snapshot import GraphArrays
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> arr = GraphArrays.of(g, ["KOR", "USA", "CHN"], day="2025-06-04")
        >>> arr.alignment(("USA", "CHN"), {"partnership": 1.0}).tolist()  # KOR-CHN only
        [[0.0, 1.0], [1.0, 0.0], [0.0, 1.0]]
        """
        if kappa is None or isinstance(kappa, Mapping):
            kap = kappa_vector(kappa)
        else:
            kap = np.asarray(kappa, dtype=float)
        if kap.ndim == 2:
            C, pole_rows = self.pole_pulls(poles)
            Zb = np.einsum("bK,KNm->bNm", kap, C)
            batch: FloatArray = alignment_kernel(Zb, pole_rows)
            return batch
        pole_rows = self.index(list(poles))
        coef = kap * np.array([k.sign for k in KINDS], dtype=float)
        Z = np.tensordot(coef, self.pair_tensor[:, :, pole_rows], axes=1)
        out: FloatArray = alignment_kernel(Z, pole_rows)
        return out

    def focal_strengths(self) -> FloatArray:
        """``str_k(F -> s)`` with node 0 as F: shape ``(N - 1, K)``.

        For a directed kind (trade) only the tie recorded ``F -> s`` counts;
        for the others the pair strength (METHODS.md §2, interest benchmark).

        Returns
        -------
        numpy.ndarray
            One row per node after the first, one column per kind.

        Examples
        --------
        >>> from middlepower.snapshot import GraphArrays
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> X = GraphArrays.of(g, ["KOR", "CHN"], day="2025-06-04").focal_strengths()
        >>> dict(zip([k.value for k in mp.graph.KINDS], X[0].tolist()))["trade"]
        0.206
        """
        T = self.tensor
        P = self.pair_tensor
        directed = np.array([k.directed for k in KINDS])
        out: FloatArray = np.where(directed[:, None], T[:, 0, 1:], P[:, 0, 1:]).T.copy()
        return out


_NO_BOUND_LO = dt.date.min.toordinal()
_NO_BOUND_HI = dt.date.max.toordinal()


def _as_day(day: dt.date | str | None) -> dt.date | None:
    """Return the day as a date (ISO strings accepted), as ``RelationGraph.at``."""
    if day is None:
        return None
    if isinstance(day, str):
        try:
            return dt.date.fromisoformat(day)
        except ValueError:
            raise InvalidGraphError(f"Day {day!r} is not an ISO date.") from None
    if isinstance(day, dt.datetime):
        return day.date()
    if isinstance(day, dt.date):
        return day
    raise InvalidGraphError(f"Day {day!r} is not a date.")


def _tie_arrays(
    graph: RelationGraph, nodes: Sequence[str]
) -> tuple[IntArray, IntArray, IntArray, FloatArray, IntArray, IntArray, BoolArray]:
    """Every tie between ``nodes`` as arrays: kind, rows, strength, validity.

    Read from the graph's tie columns (no :class:`~middlepower.Tie` is made);
    open bounds become ``date.min`` / ``date.max`` ordinals.
    """
    t = graph._table
    where = np.full(len(graph._codes), -1, dtype=np.intp)
    index = graph._index
    for i, c in enumerate(nodes):
        j = index.get(c)
        if j is not None:
            where[j] = i
    src, dst = where[t.source], where[t.target]
    keep = (src >= 0) & (dst >= 0)
    return (
        t.kind[keep].astype(np.intp),
        src[keep],
        dst[keep],
        t.strength[keep].astype(float),
        np.clip(t.start[keep], _NO_BOUND_LO, _NO_BOUND_HI).astype(np.int64),
        np.clip(t.end[keep], _NO_BOUND_LO, _NO_BOUND_HI).astype(np.int64),
        t.directed[keep].astype(bool),
    )


def alignment_matrix(
    graph: RelationGraph,
    poles: Sequence[str],
    nodes: Sequence[str] | None = None,
    *,
    day: dt.date | str | None = None,
    kinds: Mapping[TieKind, float] | Mapping[str, float] | None = None,
) -> FloatArray:
    r"""Return the alignment of ``nodes`` toward ``poles`` on ``day``: ``(n, m)``.

    The alignment :math:`a_s \in \Delta^m` of METHODS.md §2 (see
    :meth:`GraphArrays.alignment`) of every state in ``nodes``, reading the
    ties valid on ``day``: what the sequence measures use for a sequence
    starting that day, and what :func:`~middlepower.events.balance_panel`
    uses for a period starting that day.

    Parameters
    ----------
    graph : RelationGraph
        The graph.
    poles : sequence of str
        The poles (checked: at least two, distinct, in the graph).
    nodes : sequence of str, optional
        The states wanted (default: every state of the graph).
    day : datetime.date or str, optional
        Snapshot day; ``None`` takes the graph as given.
    kinds : mapping of TieKind to float, optional
        :math:`\kappa` (default: alliance 1, partnership 0.5, rivalry 1).

    Returns
    -------
    numpy.ndarray
        One row per node, in order; rows sum to 1; a pole's row is
        :math:`e_j`.

    Raises
    ------
    InvalidParameterError
        For fewer than two poles, a repeated pole or bad weights.
    UnknownStateError
        If a pole or node is not in the graph.

    Examples
    --------
    >>> from middlepower.snapshot import alignment_matrix
    >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
    >>> A = alignment_matrix(g, ("USA", "CHN"), ["KOR", "JPN"], day="2025-06-04")
    >>> A.round(4).tolist()
    [[0.6667, 0.3333], [1.0, 0.0]]
    """
    pole_list = check_poles(graph, poles)
    wanted = graph.codes if nodes is None else tuple(nodes)
    graph.check_codes(wanted)
    order = list(wanted) + [p for p in pole_list if p not in wanted]
    arrays = GraphArrays.of(graph, order, day=day)
    out: FloatArray = arrays.alignment(pole_list, kappa_vector(kinds))[: len(wanted)]
    return out


def check_poles(graph: RelationGraph, poles: Sequence[str]) -> tuple[str, ...]:
    """Validate ``poles``: at least two distinct codes known to ``graph``.

    Parameters
    ----------
    graph : RelationGraph
        The graph the poles must belong to.
    poles : sequence of str
        The rival poles.

    Returns
    -------
    tuple of str
        The poles.

    Raises
    ------
    InvalidParameterError
        For a string, fewer than two poles or a repeated pole.
    UnknownStateError
        If a pole is not in the graph.

    Examples
    --------
    >>> from middlepower.snapshot import check_poles
    >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
    >>> check_poles(g, ["USA", "CHN"])
    ('USA', 'CHN')
    """
    if isinstance(poles, str):
        raise InvalidParameterError(
            f"poles must be a sequence of state codes such as ('USA', 'CHN'), not the "
            f"string {poles!r}."
        )
    check_graph(graph)
    out = check_code_list(poles, "poles")
    if len(out) < 2:
        raise InvalidParameterError(f"At least two poles are needed, got {list(out)}.")
    if len(set(out)) != len(out):
        raise InvalidParameterError(f"Poles {list(out)} repeat a state.")
    graph.check_codes(out)
    return out
