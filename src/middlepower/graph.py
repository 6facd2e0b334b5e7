r"""The relation graph: a signed, weighted, time-aware graph of states.

:class:`RelationGraph` wraps a :class:`networkx.MultiDiGraph`. Nodes are state
codes carrying their :class:`~middlepower.State`; there is one edge per
:class:`~middlepower.Tie`, keyed by its kind (METHODS.md §1). networkx is the
store and the interchange format; numpy arrays with an explicit node order are
the compute format (:meth:`RelationGraph.strength_tensor`,
:meth:`RelationGraph.signed_matrix`).

Inside, the ties are stored as columns (:mod:`middlepower._tietable`): the
measures, :meth:`RelationGraph.at` and the lookups work on numpy arrays, and
the :class:`~middlepower.Tie` objects and the networkx graph are made on
first use (:attr:`RelationGraph.ties`, :attr:`RelationGraph.nx_graph`, the
exports) and kept.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any
from xml.etree.ElementTree import ParseError

import networkx as nx
import numpy as np
import numpy.typing as npt

from middlepower._checks import (
    check_bool,
    check_code,
    check_code_list,
    check_int,
    check_kind_weights,
    check_optional_str,
    check_path,
    check_registered,
    check_type,
    show,
)
from middlepower._tietable import KINDS, EvidenceColumn, TieTable
from middlepower.exceptions import (
    DataFormatError,
    InvalidArgumentTypeError,
    InvalidGraphError,
    InvalidParameterError,
    MissingFileError,
    UnknownStateError,
)
from middlepower.models import (
    SIGNED_WEIGHTS,
    Evidence,
    Scenario,
    State,
    Tie,
    TieKind,
    kind_weights,
)

__all__ = ["KINDS", "RelationGraph"]

# KINDS (from _tietable): the order of tie kinds on the first axis of
# RelationGraph.strength_tensor and of the ``kind`` column of a tie table.

_FORMAT = "middlepower.RelationGraph/1"
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class RelationGraph:
    r"""States and the ties between them, on a :class:`networkx.MultiDiGraph`.

    Parameters
    ----------
    ties : iterable of Tie
        The ties. Two ties of the same pair and kind must not be valid on a
        common day (give them disjoint ``start``/``end``).
    states : iterable of State, optional
        The states. If given, every tie must name known states (else
        :class:`~middlepower.UnknownStateError`); if omitted, a bare
        ``State(code, name=code)`` is made for every code the ties name.
    name : str, optional
        A label for the graph.
    check_codes : bool, optional (default=True)
        Check every state code against the registry (ISO 3166-1 alpha-3 and
        the bundled historical codes; a set lookup) and raise
        :class:`~middlepower.UnregisteredCodeError` with a "did you mean" for
        an unknown one. ``False`` for user-defined codes; the choice is kept
        by :meth:`at` and by every round trip.

    Raises
    ------
    InvalidArgumentTypeError
        If ``ties`` is not an iterable of :class:`~middlepower.Tie` (or
        ``states`` of :class:`~middlepower.State`).
    UnknownStateError
        If a tie names a state missing from ``states``.
    UnregisteredCodeError
        If ``check_codes`` and a code is not in the registry.
    InvalidGraphError
        For a state given twice, or two ties of one pair and kind valid on a
        common day.

    Notes
    -----
    Edge keys are the kind's value (``"alliance"``); when one pair has several
    ties of one kind (in different periods), the later ones are keyed
    ``"trade@2024-01-01"``. :meth:`at` gives a snapshot where each pair has at
    most one tie per kind.

    The ties keep the order given (:attr:`ties`), and so do the round trips
    through JSON, node-link data, GraphML and networkx. ``==`` compares the
    name, the states and the ties as collections (order ignored: no measure
    depends on it); :meth:`identical` also compares their order.

    Storage: the ties are kept as numpy columns (state indices, kind,
    strength, direction, validity as day ordinals, raw value, unit, note and
    evidence). The lookups, the matrices and :meth:`at` work on the columns;
    the :class:`~middlepower.Tie` objects are made on first use of
    :attr:`ties` (or of :meth:`ties_between`, :attr:`nx_graph`, ``==``, the
    exports), and the networkx graph on first use of :attr:`nx_graph` (or an
    export); both are kept. A snapshot of a graph whose ties were made shares
    them.

    Examples
    --------
    >>> g = mp.RelationGraph(
    ...     [
    ...         mp.Tie(source="KOR", target="USA", kind="alliance", strength=1.0),
    ...         mp.Tie(source="USA", target="CHN", kind="rivalry", strength=1.0),
    ...     ]
    ... )
    >>> g.codes
    ('KOR', 'USA', 'CHN')
    >>> g.pair_strength("USA", "KOR", "alliance")
    1.0
    >>> sorted(g.signed().edges(data="weight"))
    [('KOR', 'USA', 1.0), ('USA', 'CHN', -1.0)]
    """

    def __init__(
        self,
        ties: Iterable[Tie] = (),
        states: Iterable[State] | None = None,
        *,
        name: str | None = None,
        check_codes: bool = True,
    ) -> None:
        ties = _models(ties, Tie, "ties")
        state_list = None if states is None else _models(states, State, "states")
        check_optional_str(name, "name")
        check_codes = check_bool(check_codes, "check_codes")
        if state_list is not None:
            index = _state_index(state_list)
            unknown = [c for t in ties for c in (t.source, t.target) if c not in index]
            if unknown:
                raise UnknownStateError(
                    tuple(dict.fromkeys(unknown)), "the states given"
                )
            made = tuple(state_list)
        else:
            index = {}
            bare = []
            for t in ties:
                for c in (t.source, t.target):
                    if c not in index:
                        index[c] = len(index)
                        bare.append(State(code=c, name=c))
            made = tuple(bare)
        if check_codes:
            check_registered(list(index))
        table = TieTable.from_ties(ties, index)
        codes = tuple(index)
        table.check_overlaps(codes, ties)
        self._setup(made, codes, index, table, name, check_codes, ties)

    def _setup(
        self,
        states: tuple[State, ...],
        codes: tuple[str, ...],
        index: dict[str, int],
        table: TieTable,
        name: str | None,
        check_codes: bool,
        ties: tuple[Tie, ...] | None,
    ) -> None:
        """Set the fields of a graph whose states and ties were checked."""
        self._states = states
        self._codes = codes
        self._index = index
        self._table = table
        self._ties = ties
        self._G: nx.MultiDiGraph | None = None
        self._pairs: dict[int, float] | None = None
        self._check_codes = check_codes
        self.name = name or None

    @classmethod
    def _from_columns(
        cls,
        states: Iterable[State],
        *,
        source: npt.ArrayLike,
        target: npt.ArrayLike,
        kind: npt.ArrayLike,
        strength: npt.ArrayLike,
        directed: npt.ArrayLike | None = None,
        start: npt.ArrayLike | int | None = None,
        end: npt.ArrayLike | int | None = None,
        value: npt.ArrayLike | None = None,
        unit: npt.ArrayLike | str | None = None,
        note: npt.ArrayLike | str | None = None,
        evidence: EvidenceColumn | Sequence[tuple[Evidence, ...]] | None = None,
        name: str | None = None,
        check_codes: bool = True,
    ) -> RelationGraph:
        """Build a graph from tie columns (fast path for tables; private).

        The columns are checked vectorised against the rules of
        :class:`~middlepower.Tie` and of the constructor: indices of known
        states, no self-tie, a known kind, a finite strength in [0, 1], end
        not before start, a finite raw value with a unit, text or ``None``
        for unit and note, no two ties of one pair and kind valid on a common
        day; the states as in the constructor (no code twice, the registry
        check). The graph equals (:meth:`identical`) the one built from the
        same ties as :class:`~middlepower.Tie` objects.

        Parameters
        ----------
        states : iterable of State
            The nodes, in order.
        source, target : array of int
            Position of each tie's ends in ``states``.
        kind : array of int
            Index of each tie's kind in :data:`KINDS`.
        strength : array of float
            Strengths.
        directed : array of bool, optional
            Default: the kind's directedness.
        start, end : array of int or int, optional
            Validity bounds as day ordinals (``datetime.date.toordinal``);
            ``middlepower._tietable.OPEN_START``/``OPEN_END`` (or ``None`` for
            the whole column) when open.
        value : array of float, optional
            Raw values, ``nan`` for none.
        unit, note : array of str or None, or one str or None, optional
            Per tie, or one for all.
        evidence : EvidenceColumn or sequence of tuples of Evidence, optional
            The citations; an :class:`~middlepower._tietable.EvidenceColumn`
            may compute them on first use (its functions are trusted to
            return valid :class:`~middlepower.Evidence`).
        name : str, optional
            A label for the graph.
        check_codes : bool, optional (default=True)
            Check the codes against the registry.

        Returns
        -------
        RelationGraph
            The graph; its ties are made on first use.

        Raises
        ------
        InvalidGraphError
            For a bad column (naming the tie and value), a state given twice
            or overlapping ties.
        UnregisteredCodeError
            If ``check_codes`` and a code is not in the registry.

        Examples
        --------
        >>> g = mp.RelationGraph._from_columns(
        ...     [mp.State(code="KOR", name="KOR"), mp.State(code="CHN", name="CHN")],
        ...     source=[0],
        ...     target=[1],
        ...     kind=[mp.graph.KINDS.index(mp.TieKind.TRADE)],
        ...     strength=[0.2],
        ... )
        >>> g.ties == (mp.Tie(source="KOR", target="CHN", kind="trade", strength=0.2),)
        True
        """
        state_list = _models(states, State, "states")
        check_optional_str(name, "name")
        check_codes = check_bool(check_codes, "check_codes")
        index = _state_index(state_list)
        if check_codes:
            check_registered(list(index))
        table = TieTable.build(
            len(index),
            source=source,
            target=target,
            kind=kind,
            strength=strength,
            directed=directed,
            start=start,
            end=end,
            value=value,
            unit=unit,
            note=note,
            evidence=evidence,
        )
        codes = tuple(index)
        table.check_overlaps(codes)
        graph = cls.__new__(cls)
        graph._setup(state_list, codes, index, table, name, check_codes, None)
        return graph

    def _derive(self, rows: npt.NDArray[np.intp]) -> RelationGraph:
        """Return the graph with the same states and the ties at ``rows``."""
        graph = type(self).__new__(type(self))
        ties = None
        if self._ties is not None:
            ties = tuple(self._ties[i] for i in rows.tolist())
        graph._setup(
            self._states,
            self._codes,
            self._index,
            self._table.take(rows),
            self.name,
            self._check_codes,
            ties,
        )
        return graph

    # -- construction -----------------------------------------------------
    @classmethod
    def from_ties(
        cls,
        ties: Iterable[Tie],
        states: Iterable[State] | None = None,
        *,
        check_codes: bool = True,
    ) -> RelationGraph:
        """Build a graph from ties (and optionally their states).

        Parameters
        ----------
        ties : iterable of Tie
            The ties.
        states : iterable of State, optional
            The states; if omitted, one is made for every code the ties name.
        check_codes : bool, optional (default=True)
            Check the codes against the registry (see :class:`RelationGraph`).

        Returns
        -------
        RelationGraph
            The graph (unnamed).

        Examples
        --------
        >>> g = mp.RelationGraph.from_ties(
        ...     [mp.Tie(source="USA", target="CHN", kind="rivalry", strength=1.0)]
        ... )
        >>> g
        <RelationGraph: 2 states, 1 ties>
        """
        return cls(ties, states, check_codes=check_codes)

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> RelationGraph:
        """Build the graph of a :class:`~middlepower.Scenario`.

        Parameters
        ----------
        scenario : Scenario
            The case; its states, ties and name are used, and its
            ``check_codes`` choice.

        Returns
        -------
        RelationGraph
            The graph, named after the scenario.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> "KOR" in g
        True
        """
        check_type(scenario, Scenario, "scenario", "a Scenario")
        return cls(
            scenario.ties,
            scenario.states,
            name=scenario.name,
            check_codes=scenario.check_codes,
        )

    # -- container protocol -------------------------------------------------
    def __contains__(self, code: object) -> bool:
        try:
            return code in self._index
        except TypeError:  # an unhashable object is no state code
            return False

    def __len__(self) -> int:
        return len(self._codes)

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __eq__(self, other: object) -> bool:
        """Compare name, states and ties (order ignored; see :meth:`identical`)."""
        if not isinstance(other, RelationGraph):
            return NotImplemented
        return (
            self.name == other.name
            and len(self._table) == len(other._table)
            and Counter(self._states) == Counter(other._states)
            and Counter(self.ties) == Counter(other.ties)
        )

    def __getstate__(self) -> dict[str, Any]:
        """Pickle with the ties made (a lazy evidence column may not pickle)."""
        ties = self.ties
        state = dict(self.__dict__)
        state["_G"] = None
        state["_pairs"] = None
        state["_table"] = self._table.with_evidence(
            EvidenceColumn.listed([t.evidence for t in ties])
        )
        return state

    def identical(self, other: object) -> bool:
        """Whether ``other`` equals this graph with states and ties in the same order.

        ``==`` ignores order (a graph is a set of ties, and no measure depends
        on their order); this check is what every round trip guarantees: the
        same name, the same states and ties in the same order, and the same
        ``check_codes`` choice.

        Parameters
        ----------
        other : object
            Anything.

        Returns
        -------
        bool
            ``True`` when ``other`` is an identical :class:`RelationGraph`.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> back = mp.RelationGraph.from_json(g.to_json())
        >>> back.identical(g)
        True
        >>> shuffled = mp.RelationGraph(g.ties[::-1], g.states, name=g.name)
        >>> shuffled == g, shuffled.identical(g)
        (True, False)
        """
        return (
            isinstance(other, RelationGraph)
            and self.name == other.name
            and self._states == other._states
            and len(self._table) == len(other._table)
            and self._check_codes == other._check_codes
            and self.ties == other.ties
        )

    __hash__ = None  # type: ignore[assignment]  # mutable-looking container

    def __repr__(self) -> str:
        label = f" {self.name!r}" if self.name else ""
        return f"<RelationGraph{label}: {len(self)} states, {len(self._table)} ties>"

    # -- accessors ------------------------------------------------------------
    @property
    def nx_graph(self) -> nx.MultiDiGraph:
        """A read-only view of the underlying :class:`networkx.MultiDiGraph`.

        Edges are keyed by tie kind and carry the :class:`~middlepower.Tie`
        as attribute ``tie``. The graph is made on first access and kept.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> sorted(g.nx_graph["KOR"]["CHN"])
        ['neighbour', 'partnership', 'trade']
        """
        return nx.freeze(self._nx().copy(as_view=True))

    def _nx(self) -> nx.MultiDiGraph:
        """Return the networkx store, made on first use (edges in tie order)."""
        if self._G is None:
            G = nx.MultiDiGraph(name=self.name or "")
            for st in self._states:
                G.add_node(st.code, state=st)
            for index, t in enumerate(self.ties):
                key = t.kind.value
                if G.has_edge(t.source, t.target, key) or (
                    not t.directed and G.has_edge(t.target, t.source, key)
                ):
                    when = t.start.isoformat() if t.start else "open"
                    key = f"{t.kind.value}@{when}"
                G.add_edge(t.source, t.target, key=key, tie=t, index=index)
            self._G = G
        return self._G

    @property
    def registry_checked(self) -> bool:
        """Whether the state codes were checked against the registry.

        ``False`` for a graph built with ``check_codes=False``.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> g.registry_checked
        True
        """
        return self._check_codes

    @property
    def codes(self) -> tuple[str, ...]:
        """The state codes, in insertion order.

        Examples
        --------
        >>> mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025")).codes
        ('KOR', 'USA', 'JPN', 'CHN', 'CZE', 'VNM', 'AUS')
        """
        return self._codes

    @property
    def states(self) -> tuple[State, ...]:
        """The states, in insertion order.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> [s.name for s in g.states][:4]
        ['South Korea', 'United States', 'Japan', 'China']
        """
        return self._states

    @property
    def ties(self) -> tuple[Tie, ...]:
        """The ties, in the order given (made on first access and kept).

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> len(g.ties), g.ties[0].kind
        (11, <TieKind.ALLIANCE: 'alliance'>)
        """
        if self._ties is None:
            self._ties = tuple(self._table.ties(self._codes))
        return self._ties

    def state(self, code: str) -> State:
        """Return the :class:`~middlepower.State` with ``code``.

        Parameters
        ----------
        code : str
            A state code of the graph.

        Returns
        -------
        State
            The state.

        Raises
        ------
        UnknownStateError
            If ``code`` is not in the graph.
        InvalidArgumentTypeError
            If ``code`` is not a string.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> g.state("KOR").name, g.state("KOR").cow
        ('South Korea', 732)
        """
        self.check_codes([check_code(code, "code")])
        return self._states[self._index[code]]

    def check_codes(self, codes: Iterable[str]) -> None:
        """Raise :class:`~middlepower.UnknownStateError` naming unknown codes.

        Parameters
        ----------
        codes : iterable of str
            The codes to check.

        Returns
        -------
        None
            When every code is in the graph.

        Raises
        ------
        UnknownStateError
            Naming every unknown code (each once).
        InvalidArgumentTypeError
            If ``codes`` is a single string or holds a non-string.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> g.check_codes(["KOR", "USA"])  # silent: both known
        >>> try:
        ...     g.check_codes(["KOR", "PRK", "RUS"])
        ... except mp.UnknownStateError as err:
        ...     print(err)
        Unknown state codes 'PRK', 'RUS' in the relation graph.
        """
        codes = check_code_list(codes, "codes", example="['KOR', 'USA']")
        index = self._index
        missing = [c for c in codes if c not in index]
        if missing:
            raise UnknownStateError(tuple(dict.fromkeys(missing)), "the relation graph")

    def ties_between(self, u: str, v: str) -> tuple[Tie, ...]:
        """Every tie joining ``u`` and ``v`` in either direction.

        Parameters
        ----------
        u, v : str
            State codes of the graph.

        Returns
        -------
        tuple of Tie
            The ties, in the order given (all periods).

        Raises
        ------
        UnknownStateError
            If ``u`` or ``v`` is not in the graph.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> [t.kind.value for t in g.ties_between("CHN", "KOR")]
        ['partnership', 'trade', 'neighbour']
        """
        self.check_codes([check_code(u, "u"), check_code(v, "v")])
        rows = self._table.pairs(self._index[u], self._index[v])
        if self._ties is not None:
            return tuple(self._ties[i] for i in rows.tolist())
        return tuple(self._table.ties(self._codes, rows))

    # -- time -------------------------------------------------------------------
    def at(self, day: dt.date | str) -> RelationGraph:
        """Return the snapshot of the ties valid on ``day`` (all states kept).

        Parameters
        ----------
        day : datetime.date or str
            The day: a date, a datetime (its date) or an ISO string
            ``"YYYY-MM-DD"``. A tie is valid when ``start <= day <= end``; a
            missing bound is open.

        Returns
        -------
        RelationGraph
            Every state, and the ties valid on ``day``.

        Raises
        ------
        InvalidGraphError
            If ``day`` is a string but not an ISO date ``"YYYY-MM-DD"``.
        InvalidArgumentTypeError
            If ``day`` is neither a date nor a string.

        Examples
        --------
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
        >>> len(g.at("2000-01-01").ties), len(g.at("2025-06-04").ties)
        (0, 1)
        """
        if isinstance(day, str):
            try:
                if not _ISO_DAY.fullmatch(day):
                    raise ValueError(day)
                day = dt.date.fromisoformat(day)
            except ValueError:
                raise InvalidGraphError(f"Day {day!r} is not an ISO date.") from None
        elif isinstance(day, dt.datetime):
            day = day.date()
        elif not isinstance(day, dt.date):
            raise InvalidArgumentTypeError(
                "day must be a datetime.date or an ISO date string 'YYYY-MM-DD', "
                f"got {show(day)}."
            )
        return self._derive(np.flatnonzero(self._table.valid_on(day.toordinal())))

    # -- strengths --------------------------------------------------------------
    def strength(self, source: str, target: str, kind: TieKind | str) -> float:
        """Strength of ``kind`` from ``source`` to ``target`` (0 if none).

        For a symmetric tie the direction does not matter; for a directed one
        (trade) only the tie recorded ``source -> target`` counts. If several
        ties of the kind are recorded (different periods), the largest
        strength is returned: take a snapshot with :meth:`at` first.

        Parameters
        ----------
        source, target : str
            State codes of the graph.
        kind : TieKind or str
            The tie kind.

        Returns
        -------
        float
            In :math:`[0, 1]`.

        Raises
        ------
        UnknownStateError
            If ``source`` or ``target`` is not in the graph.
        InvalidParameterError
            For an unknown kind.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> g.strength("KOR", "CHN", "trade"), g.strength("CHN", "KOR", "trade")
        (0.206, 0.0)
        """
        k = _KIND_INDEX[_kind(kind)]
        self.check_codes([check_code(source, "source"), check_code(target, "target")])
        n = len(self._codes)
        key = (k * n + self._index[source]) * n + self._index[target]
        return self._pair_table().get(key, 0.0)

    def _pair_table(self) -> dict[int, float]:
        """Return ``{(kind * n + i) * n + j: strength}``, the largest (cached).

        Symmetric ties fill both directions, as in :meth:`strength_tensor`.
        """
        if self._pairs is None:
            t, n = self._table, len(self._codes)
            both = ~t.directed
            k = np.concatenate([t.kind, t.kind[both]]).astype(np.int64)
            i = np.concatenate([t.source, t.target[both]]).astype(np.int64)
            j = np.concatenate([t.target, t.source[both]]).astype(np.int64)
            v = np.concatenate([t.strength, t.strength[both]])
            key = (k * n + i) * n + j
            order = np.lexsort((v, key))  # by key, then strength: the last is max
            key, v = key[order], v[order]
            last = np.flatnonzero(np.append(key[1:] != key[:-1], True)[: len(key)])
            self._pairs = dict(zip(key[last].tolist(), v[last].tolist(), strict=True))
        return self._pairs

    def pair_strength(self, u: str, v: str, kind: TieKind | str) -> float:
        """Strength of ``kind`` between ``u`` and ``v`` (METHODS.md §1).

        For a directed kind, the larger of the two recorded directions; 0 if
        there is no tie.

        Parameters
        ----------
        u, v : str
            State codes of the graph (order irrelevant).
        kind : TieKind or str
            The tie kind.

        Returns
        -------
        float
            In :math:`[0, 1]`.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> g.pair_strength("CHN", "KOR", "trade")
        0.206
        """
        return max(self.strength(u, v, kind), self.strength(v, u, kind))

    def strength_tensor(
        self, nodelist: Sequence[str] | None = None
    ) -> npt.NDArray[np.float64]:
        r"""Directed strengths as an array of shape ``(len(KINDS), n, n)``.

        ``T[k, i, j]`` is :meth:`strength` of ``KINDS[k]`` from ``nodelist[i]``
        to ``nodelist[j]`` (symmetric ties fill both directions).

        Parameters
        ----------
        nodelist : sequence of str, optional
            Row/column order (default: :attr:`codes`).

        Returns
        -------
        numpy.ndarray
            Shape ``(len(KINDS), n, n)``, values in :math:`[0, 1]`.

        Examples
        --------
        >>> g = mp.RelationGraph(
        ...     [mp.Tie(source="KOR", target="CHN", kind="trade", strength=0.2)]
        ... )
        >>> T = g.strength_tensor(["KOR", "CHN"])
        >>> T[mp.graph.KINDS.index(mp.TieKind.TRADE)].tolist()
        [[0.0, 0.2], [0.0, 0.0]]
        """
        nodes = self._nodelist(nodelist)
        n = len(nodes)
        T = np.zeros((len(KINDS), n, n))
        t = self._table
        if not len(t):
            return T
        k, v, both = t.kind, t.strength, ~t.directed
        if nodelist is None:
            i, j, out = t.source, t.target, T
        else:
            # states left out go to an extra row and column, dropped at the end
            where = np.full(len(self._codes), n, dtype=np.intp)
            where[[self._index[c] for c in nodes]] = np.arange(n)
            i, j = where[t.source], where[t.target]
            out = np.zeros((len(KINDS), n + 1, n + 1))
        np.maximum.at(out, (k, i, j), v)
        if both.any():
            np.maximum.at(out, (k[both], j[both], i[both]), v[both])
        if out is not T:
            T[...] = out[:, :n, :n]
        return T

    def to_numpy(
        self,
        kind: TieKind | str,
        nodelist: Sequence[str] | None = None,
        *,
        symmetric: bool = False,
    ) -> npt.NDArray[np.float64]:
        """Strength matrix of one kind for an explicit node order.

        Parameters
        ----------
        kind : TieKind or str
            The tie kind.
        nodelist : sequence of str, optional
            Row/column order (default: :attr:`codes`).
        symmetric : bool, optional (default=False)
            If True, return the pair strength (max of both directions).

        Returns
        -------
        numpy.ndarray
            Shape ``(n, n)``; entry ``[i, j]`` is the strength from
            ``nodelist[i]`` to ``nodelist[j]``.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> g.to_numpy("trade", ["KOR", "USA", "CHN"]).tolist()
        [[0.0, 0.152, 0.206], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
        """
        k = KINDS.index(_kind(kind))
        symmetric = check_bool(symmetric, "symmetric")
        T: npt.NDArray[np.float64] = self.strength_tensor(nodelist)[k]
        return np.maximum(T, T.T) if symmetric else T

    def signed_matrix(
        self,
        nodelist: Sequence[str] | None = None,
        weights: Mapping[TieKind, float] | Mapping[str, float] | None = None,
    ) -> npt.NDArray[np.float64]:
        r"""Matrix of signed strengths :math:`s_{uv}` (METHODS.md §3).

        .. math::

           s_{uv} = \operatorname{clip}\Big(\sum_k \kappa_k\,\mathrm{sign}_k\,
           \mathrm{str}_k(u, v),\,-1,\,1\Big)

        with the pair strength of each kind and default
        :data:`~middlepower.models.SIGNED_WEIGHTS` κ (alliance 1, partnership
        0.5, trade 0.5, rivalry 1, neighbour 0).

        Parameters
        ----------
        nodelist : sequence of str, optional
            Row/column order (default: :attr:`codes`).
        weights : mapping of TieKind to float, optional
            The κ of each kind; kinds left out weigh 0.

        Returns
        -------
        numpy.ndarray
            Symmetric, shape ``(n, n)``, values in :math:`[-1, 1]`, zero
            diagonal.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> S = g.at("2025-06-04").signed_matrix(["KOR", "USA", "CHN"])
        >>> S.round(3).tolist()  # KOR-CHN: partnership 0.5 + trade 0.5 * 0.206
        [[0.0, 1.0, 0.603], [1.0, 0.0, -1.0], [0.603, -1.0, 0.0]]
        """
        kappa = _signed_kappa(weights)
        T = self.strength_tensor(nodelist)
        P = np.maximum(T, np.swapaxes(T, 1, 2))
        coef = np.array([kappa[k] * k.sign for k in KINDS])
        S = np.clip(np.tensordot(coef, P, axes=1), -1.0, 1.0)
        np.fill_diagonal(S, 0.0)
        return S

    def signed(
        self, weights: Mapping[TieKind, float] | Mapping[str, float] | None = None
    ) -> nx.Graph:
        r"""Return the signed graph of non-zero signed strengths (METHODS.md §3).

        Parameters
        ----------
        weights : mapping of TieKind to float, optional
            The κ of each kind; kinds left out weigh 0. Default
            :data:`~middlepower.models.SIGNED_WEIGHTS`.

        Returns
        -------
        networkx.Graph
            Every state as a node; an edge for each pair with
            :math:`s_{uv} \ne 0`, with attributes ``weight`` (:math:`s_{uv}`)
            and ``sign`` (+1 or -1).

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> S = g.at("2025-06-04").signed()
        >>> S["USA"]["CHN"]["sign"]
        -1
        """
        nodes = self.codes
        S = self.signed_matrix(nodes, weights)
        H = nx.Graph(name=self.name or "")
        H.add_nodes_from(nodes)
        iu, ju = np.nonzero(np.triu(S, 1))
        for i, j in zip(iu.tolist(), ju.tolist(), strict=True):
            w = float(S[i, j])
            H.add_edge(nodes[i], nodes[j], weight=w, sign=1 if w > 0 else -1)
        return H

    # -- interchange ------------------------------------------------------------
    def _edges_in_order(self) -> list[tuple[str, str, Any, dict[str, Any]]]:
        """Return the edges of the store in the order of :attr:`ties`."""
        edges = list(self._nx().edges(keys=True, data=True))
        edges.sort(key=lambda e: int(e[3]["index"]))
        return edges

    def to_networkx(self) -> nx.MultiDiGraph:
        """Return a plain :class:`networkx.MultiDiGraph` with JSON-ready attributes.

        Node attributes are the :class:`~middlepower.State` fields, edge
        attributes the :class:`~middlepower.Tie` fields (dates as ISO strings,
        ``None`` fields left out) and ``order``, the tie's position in
        :attr:`ties`; :meth:`from_networkx` reads it back in that order. A
        graph built with ``check_codes=False`` says so in
        ``G.graph["check_codes"]``.

        Returns
        -------
        networkx.MultiDiGraph
            A new, mutable graph; edges keyed as in :attr:`nx_graph`.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> H = g.to_networkx()
        >>> H.nodes["KOR"]["name"], H.edges["KOR", "CHN", "trade"]["strength"]
        ('South Korea', 0.206)
        >>> mp.RelationGraph.from_networkx(H).identical(g)
        True
        """
        G = nx.MultiDiGraph(name=self.name or "")
        if not self._check_codes:
            G.graph["check_codes"] = False
        for s in self.states:
            G.add_node(s.code, **_compact(s.model_dump(mode="json")))
        for u, v, key, d in self._edges_in_order():
            tie = _compact(d["tie"].model_dump(mode="json"))
            G.add_edge(u, v, key=key, order=d["index"], **tie)
        return G

    @classmethod
    def from_networkx(
        cls, G: nx.Graph, *, check_codes: bool | None = None
    ) -> RelationGraph:
        """Rebuild a graph from :meth:`to_networkx` output (or a look-alike).

        Every edge needs at least ``kind`` and ``strength``; nodes need no
        attribute (their name defaults to the code). When every edge has an
        integer ``order`` (as :meth:`to_networkx` writes), the ties are put in
        that order; otherwise they follow ``G.edges``.

        Parameters
        ----------
        G : networkx.Graph
            Any networkx graph (edge direction is taken from each tie's kind
            unless a ``directed`` attribute says otherwise).
        check_codes : bool, optional
            Check the codes against the registry; default: as recorded in
            ``G.graph["check_codes"]``, else ``True``.

        Returns
        -------
        RelationGraph
            The graph, named after ``G.graph["name"]`` if set.

        Raises
        ------
        InvalidArgumentTypeError
            If ``G`` is not a networkx graph.
        InvalidGraphError
            If an edge has no ``kind``, or the ``order`` attributes are not
            distinct integers on every edge.
        pydantic.ValidationError
            If a node or edge does not make a valid State or Tie.

        Examples
        --------
        >>> import networkx as nx
        >>> G = nx.Graph()
        >>> G.add_edge("KOR", "USA", kind="alliance", strength=1.0)
        >>> mp.RelationGraph.from_networkx(G).pair_strength("USA", "KOR", "alliance")
        1.0
        """
        check_type(G, nx.Graph, "G", "a networkx graph")
        check_codes = _recorded_check_codes(G.graph, check_codes)
        name = G.graph.get("name") or None
        if name is not None and not isinstance(name, str):
            raise InvalidGraphError(
                f"Graph attribute 'name' must be a string, got {show(name)}."
            )
        states = [
            State.model_validate({"code": n, "name": n, **_strip(d, "code")})
            for n, d in G.nodes(data=True)
        ]
        edges = list(G.edges(data=True))
        orders = [d.get("order") for _, _, d in edges]
        if any(o is not None for o in orders):
            if not all(
                isinstance(o, int | np.integer) and not isinstance(o, bool)
                for o in orders
            ) or len(set(orders)) != len(orders):
                raise InvalidGraphError(
                    "Edge attribute 'order' must be a distinct integer on every "
                    f"edge, got {_short(orders)}."
                )
            edges = [e for _, e in sorted(zip(orders, edges, strict=True))]
        ties = []
        for u, v, d in edges:
            data = _strip(d, "source", "target", "order")
            if "kind" not in data:
                raise InvalidGraphError(f"Edge {u}-{v} has no 'kind' attribute.")
            ties.append(Tie.model_validate({"source": u, "target": v, **data}))
        return cls(ties, states, name=name, check_codes=check_codes)

    def to_node_link(self) -> dict[str, Any]:
        """Node-link data (``networkx.node_link_data``), JSON-serialisable.

        Returns
        -------
        dict
            Keys ``directed``, ``multigraph``, ``graph`` (with the name and a
            ``format`` tag), ``nodes`` (in state order) and ``edges`` (in tie
            order, each with its ``order``).

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> d = g.to_node_link()
        >>> d["graph"]["format"], len(d["nodes"]), len(d["edges"])
        ('middlepower.RelationGraph/1', 7, 11)
        >>> [e["order"] for e in d["edges"]] == list(range(11))
        True
        """
        data: dict[str, Any] = nx.node_link_data(self.to_networkx(), edges="edges")
        data["edges"] = sorted(data["edges"], key=lambda e: int(e["order"]))
        data["graph"] = {**data.get("graph", {}), "format": _FORMAT}
        return data

    @classmethod
    def from_node_link(
        cls, data: Mapping[str, Any], *, check_codes: bool | None = None
    ) -> RelationGraph:
        """Rebuild a graph from :meth:`to_node_link` output.

        Parameters
        ----------
        data : mapping
            Node-link data as :meth:`to_node_link` gives it: ``nodes`` (each
            with a string ``id``), ``edges`` (or ``links``; each with string
            ``source`` and ``target`` among the node ids) and optionally
            ``graph``.
        check_codes : bool, optional
            Check the codes against the registry; default: as recorded in
            ``data["graph"]["check_codes"]``, else ``True``.

        Returns
        -------
        RelationGraph
            The graph.

        Raises
        ------
        InvalidArgumentTypeError
            If ``data`` is not a mapping.
        InvalidGraphError
            If ``data`` is not node-link data of a relation graph.
        pydantic.ValidationError
            If a node or edge does not make a valid State or Tie.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> mp.RelationGraph.from_node_link(g.to_node_link()) == g
        True
        >>> mp.RelationGraph.from_node_link({"edges": []})
        Traceback (most recent call last):
        ...
        middlepower.exceptions.InvalidGraphError: Node-link data needs a 'nodes' ...
        """
        check_type(data, Mapping, "data", "a node-link mapping")
        return cls.from_networkx(_node_link_graph(data), check_codes=check_codes)

    def to_json(self, *, indent: int | None = 2) -> str:
        """Node-link JSON text; :meth:`from_json` reads it back losslessly.

        Parameters
        ----------
        indent : int or None, optional (default=2)
            Indentation; ``None`` for one compact line.

        Returns
        -------
        str
            The JSON text of :meth:`to_node_link`.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> mp.RelationGraph.from_json(g.to_json()) == g
        True
        """
        if indent is not None:
            indent = check_int(indent, "indent", ge=0)
        return json.dumps(self.to_node_link(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_json(
        cls, text: str | bytes, *, check_codes: bool | None = None
    ) -> RelationGraph:
        """Parse :meth:`to_json` output.

        Parameters
        ----------
        text : str or bytes
            Node-link JSON text.
        check_codes : bool, optional
            Check the codes against the registry; default: as recorded in the
            text, else ``True``.

        Returns
        -------
        RelationGraph
            The graph, with its ties in the order written.

        Raises
        ------
        InvalidArgumentTypeError
            If ``text`` is not a string or bytes.
        InvalidGraphError
            If ``text`` is not JSON, or not node-link data of a relation graph.
        pydantic.ValidationError
            If a node or edge does not make a valid State or Tie.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> mp.RelationGraph.from_json(g.to_json(indent=None))
        <RelationGraph 'korea-2025': 7 states, 11 ties>
        >>> mp.RelationGraph.from_json("{}")
        Traceback (most recent call last):
        ...
        middlepower.exceptions.InvalidGraphError: Node-link data needs a 'nodes' ...
        """
        check_type(text, (str, bytes, bytearray), "text", "JSON text (str or bytes)")
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as err:  # JSONDecodeError, bad UTF-8
            raise InvalidGraphError(f"Not valid JSON: {err}.") from None
        if not isinstance(data, dict):
            raise InvalidGraphError(
                f"Expected a node-link JSON object, got {_short(data)}."
            )
        return cls.from_node_link(data, check_codes=check_codes)

    def write_graphml(self, path: str | os.PathLike[str]) -> None:
        """Write GraphML; :meth:`read_graphml` reads it back losslessly.

        GraphML holds only scalars, so each node and edge carries its model as
        JSON (``state_json``/``tie_json``) beside readable scalar columns
        (``name``, ``kind``, ``strength``, ...) and the tie's ``order``.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write.

        Returns
        -------
        None

        Raises
        ------
        InvalidArgumentTypeError
            If ``path`` is not a path.
        MissingFileError
            If the folder of ``path`` does not exist.
        InvalidParameterError
            If ``path`` cannot be written (a folder, no permission...).

        Examples
        --------
        >>> import os, tempfile
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     g.write_graphml(os.path.join(tmp, "korea.graphml"))
        ...     print(os.listdir(tmp))
        ['korea.graphml']
        """
        target = check_path(path, "path")
        G = nx.MultiDiGraph(name=self.name or "")
        if not self._check_codes:
            G.graph["check_codes"] = False
        for s in self.states:
            name = s.name if _xml_safe(s.name) else s.code
            G.add_node(s.code, name=name, state_json=s.to_json(indent=None))
        for u, v, key, d in self._edges_in_order():
            t = d["tie"]
            scalars = {
                k: v
                for k, v in t.model_dump(mode="json", exclude={"evidence"}).items()
                if v is not None and k not in ("source", "target") and _xml_safe(v)
            }
            G.add_edge(
                u,
                v,
                key=key,
                order=d["index"],
                **scalars,
                tie_json=t.to_json(indent=None),
            )
        try:
            nx.write_graphml(G, target)
        except FileNotFoundError:
            folder = os.path.dirname(os.path.abspath(target))
            raise MissingFileError(folder, "Folder") from None
        except OSError as err:
            raise InvalidParameterError(
                f"path {target!r} cannot be written ({err.strerror or err})."
            ) from None

    @classmethod
    def read_graphml(
        cls, path: str | os.PathLike[str], *, check_codes: bool | None = None
    ) -> RelationGraph:
        """Read a file written by :meth:`write_graphml`.

        Parameters
        ----------
        path : str or os.PathLike
            The GraphML file.
        check_codes : bool, optional
            Check the codes against the registry; default: as recorded in the
            file, else ``True``.

        Returns
        -------
        RelationGraph
            The graph, identical to the one written (ties in the same order).

        Raises
        ------
        InvalidArgumentTypeError
            If ``path`` is not a path.
        MissingFileError
            If the file does not exist.
        DataFormatError
            If the file is not well-formed GraphML (with the line, when known).
        InvalidGraphError
            If the file was not written by :meth:`write_graphml`.
        pydantic.ValidationError
            If a stored state or tie is not valid.

        Examples
        --------
        >>> import os, tempfile
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = os.path.join(tmp, "korea.graphml")
        ...     g.write_graphml(path)
        ...     mp.RelationGraph.read_graphml(path).identical(g)
        True
        """
        source = check_path(path, "path")
        if not os.path.exists(source):
            raise MissingFileError(source, "GraphML file")
        if os.path.isdir(source):
            raise DataFormatError(source, "is a folder, not a GraphML file")
        try:
            with warnings.catch_warnings():
                # networkx warns and guesses on untyped keys: a malformed file here
                warnings.simplefilter("error")
                G = nx.read_graphml(source, force_multigraph=True)
        except ParseError as err:
            line = err.position[0] if getattr(err, "position", None) else None
            raise DataFormatError(
                source, f"is not well-formed XML ({err})", line=line
            ) from None
        except OSError as err:
            raise DataFormatError(
                source, f"cannot be read ({err.strerror or err})"
            ) from None
        except Exception as err:  # networkx/XML parser errors on a malformed file
            raise DataFormatError(
                source, f"is not valid GraphML ({type(err).__name__}: {err})"
            ) from None
        foreign = (
            f"GraphML file {source!r} was not written by RelationGraph.write_graphml"
        )
        states = []
        for n, d in G.nodes(data=True):
            text = d.get("state_json")
            if not isinstance(text, str):
                raise InvalidGraphError(
                    f"{foreign} (node {n!r} has no 'state_json' attribute)."
                )
            states.append(State.from_json(text))
        edges = []
        for u, v, d in G.edges(data=True):
            text, order = d.get("tie_json"), d.get("order")
            if not isinstance(text, str) or not isinstance(order, int):
                raise InvalidGraphError(
                    f"{foreign} (edge {u}-{v} lacks 'tie_json' or an integer 'order')."
                )
            edges.append((order, text))
        if len({o for o, _ in edges}) != len(edges):
            raise InvalidGraphError(f"{foreign} (two edges have the same 'order').")
        ties = [Tie.from_json(text) for _, text in sorted(edges)]
        name = G.graph.get("name") or None
        if name is not None and not isinstance(name, str):
            raise InvalidGraphError(f"{foreign} (the graph name is not a string).")
        check_codes = _recorded_check_codes(G.graph, check_codes)
        return cls(ties, states, name=name, check_codes=check_codes)

    # -- helpers ----------------------------------------------------------------
    def _nodelist(self, nodelist: Sequence[str] | None) -> tuple[str, ...]:
        if nodelist is None:
            return self.codes
        nodes = check_code_list(nodelist, "nodelist", example="['KOR', 'USA']")
        self.check_codes(nodes)
        if len(set(nodes)) != len(nodes):
            raise InvalidGraphError(f"Node list {list(nodes)} repeats a state.")
        return nodes


_KIND_INDEX = {k: i for i, k in enumerate(KINDS)}


def _state_index(states: Sequence[State]) -> dict[str, int]:
    """Position of each state's code; a code given twice is an error."""
    index: dict[str, int] = {}
    for st in states:
        if st.code in index:
            raise InvalidGraphError(f"State code {st.code!r} is given twice.")
        index[st.code] = len(index)
    return index


def _signed_kappa(
    weights: Mapping[TieKind, float] | Mapping[str, float] | None,
) -> dict[TieKind, float]:
    check_kind_weights(weights, "weights")
    try:
        return kind_weights(weights, SIGNED_WEIGHTS, "signed weights")
    except ValueError as err:
        raise InvalidParameterError(str(err)) from None


def _kind(kind: TieKind | str) -> TieKind:
    if not isinstance(kind, str):  # TieKind is a str enum
        valid = ", ".join(repr(k.value) for k in TieKind)
        raise InvalidArgumentTypeError(
            f"kind must be a tie kind ({valid}), got {show(kind)}."
        )
    return TieKind(kind)  # an unknown name raises InvalidParameterError


def _models(items: object, model: type[Any], what: str) -> tuple[Any, ...]:
    """Check that ``items`` is an iterable of ``model`` instances; return a tuple."""
    expected = f"an iterable of {model.__name__} objects"
    if isinstance(items, model):
        raise InvalidArgumentTypeError(
            f"{what} must be {expected}, got a single {model.__name__}; wrap it in "
            "a list."
        )
    if isinstance(items, str | bytes | Mapping) or not isinstance(items, Iterable):
        raise InvalidArgumentTypeError(f"{what} must be {expected}, got {show(items)}.")
    out = tuple(items)
    for i, item in enumerate(out):
        if not isinstance(item, model):
            hint = (
                f" (validate it first: {model.__name__}.model_validate(...))"
                if isinstance(item, Mapping)
                else ""
            )
            raise InvalidArgumentTypeError(
                f"{what} must hold {model.__name__} objects, got {show(item)} at "
                f"position {i}{hint}."
            )
    return out


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _recorded_check_codes(graph: Mapping[str, Any], given: bool | None) -> bool:
    """Return ``given``, else the choice recorded in the graph, else True."""
    if given is not None:
        return check_bool(given, "check_codes")
    recorded = graph.get("check_codes", True)
    if not isinstance(recorded, bool):
        raise InvalidGraphError(
            "Graph attribute 'check_codes' must be true or false, got "
            f"{show(recorded)}."
        )
    return recorded


def _node_link_graph(data: Mapping[str, Any]) -> nx.MultiDiGraph:
    """Build the networkx graph of node-link data, checking its shape."""
    attrs = data.get("graph", {})
    if not isinstance(attrs, Mapping):
        raise InvalidGraphError(
            f"Node-link 'graph' must be an object, got {_short(attrs)}."
        )
    fmt = attrs.get("format", _FORMAT)
    if fmt != _FORMAT:
        raise InvalidGraphError(f"Node-link format {fmt!r} is not {_FORMAT!r}.")
    nodes = data.get("nodes")
    if not isinstance(nodes, list):
        raise InvalidGraphError(
            f"Node-link data needs a 'nodes' list, got {_short(nodes)}."
        )
    edges = data.get("edges", data.get("links", []))
    if not isinstance(edges, list):
        raise InvalidGraphError(
            f"Node-link 'edges' must be a list, got {_short(edges)}."
        )
    G = nx.MultiDiGraph()
    G.graph.update({k: v for k, v in attrs.items() if k != "format"})
    for i, node in enumerate(nodes):
        if not isinstance(node, Mapping) or not isinstance(node.get("id"), str):
            raise InvalidGraphError(
                f"Node {i} of the node-link data needs a string 'id', got "
                f"{_short(node)}."
            )
        if node["id"] in G:
            raise InvalidGraphError(f"Node {node['id']!r} is listed twice.")
        G.add_node(node["id"])
        G.nodes[node["id"]].update({k: v for k, v in node.items() if k != "id"})
    for i, edge in enumerate(edges):
        ends = (
            (edge.get("source"), edge.get("target"))
            if isinstance(edge, Mapping)
            else ()
        )
        if len(ends) != 2 or not all(isinstance(e, str) for e in ends):
            raise InvalidGraphError(
                f"Edge {i} of the node-link data needs string 'source' and "
                f"'target', got {_short(edge)}."
            )
        missing = [e for e in ends if e not in G]
        if missing:
            raise InvalidGraphError(
                f"Edge {i} names node {missing[0]!r}, which is not in 'nodes'."
            )
        key = edge.get("key")
        if key is not None and not isinstance(key, str | int):
            raise InvalidGraphError(
                f"Edge {i} has key {_short(key)}; expected a string."
            )
        k = G.add_edge(ends[0], ends[1], key=key)
        G.edges[ends[0], ends[1], k].update(
            {a: v for a, v in edge.items() if a not in ("source", "target", "key")}
        )
    return G


def _xml_safe(value: object) -> bool:
    """Whether a GraphML scalar can be written as XML 1.0 text."""
    if not isinstance(value, str):
        return True
    return all(ch in "\t\n\r" or ord(ch) >= 0x20 for ch in value)


def _compact(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != []}


def _strip(d: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k not in keys}
