r"""The relation graph: a signed, weighted, time-aware graph of states.

:class:`RelationGraph` wraps a :class:`networkx.MultiDiGraph`. Nodes are state
codes carrying their :class:`~middlepower.State`; there is one edge per
:class:`~middlepower.Tie`, keyed by its kind (METHODS.md §1). networkx is the
store and the interchange format; numpy arrays with an explicit node order are
the compute format (:meth:`RelationGraph.strength_tensor`,
:meth:`RelationGraph.signed_matrix`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt

from middlepower.exceptions import (
    InvalidGraphError,
    InvalidParameterError,
    UnknownStateError,
)
from middlepower.models import (
    SIGNED_WEIGHTS,
    Scenario,
    State,
    Tie,
    TieKind,
    _check_overlaps,
    kind_weights,
)

__all__ = ["KINDS", "RelationGraph"]

KINDS: tuple[TieKind, ...] = tuple(TieKind)
"""Order of tie kinds on the first axis of :meth:`RelationGraph.strength_tensor`."""

_FORMAT = "middlepower.RelationGraph/1"


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

    Notes
    -----
    Edge keys are the kind's value (``"alliance"``); when one pair has several
    ties of one kind (in different periods), the later ones are keyed
    ``"trade@2024-01-01"``. :meth:`at` gives a snapshot where each pair has at
    most one tie per kind.

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
    ) -> None:
        ties = tuple(ties)
        for t in ties:
            if not isinstance(t, Tie):
                raise TypeError(f"expected Tie objects, got {t!r}")
        G = nx.MultiDiGraph(name=name or "")
        if states is not None:
            for s in states:
                if not isinstance(s, State):
                    raise TypeError(f"expected State objects, got {s!r}")
                if s.code in G:
                    raise InvalidGraphError(f"State code {s.code!r} is given twice.")
                G.add_node(s.code, state=s)
            unknown = [c for t in ties for c in (t.source, t.target) if c not in G]
            if unknown:
                raise UnknownStateError(
                    tuple(dict.fromkeys(unknown)), "the states given"
                )
        else:
            for t in ties:
                for c in (t.source, t.target):
                    if c not in G:
                        G.add_node(c, state=State(code=c, name=c))
        try:
            _check_overlaps(ties)
        except ValueError as err:
            raise InvalidGraphError(str(err)) from None
        for index, t in enumerate(ties):
            key = t.kind.value
            if G.has_edge(t.source, t.target, key) or (
                not t.directed and G.has_edge(t.target, t.source, key)
            ):
                key = f"{t.kind.value}@{t.start.isoformat() if t.start else 'open'}"
            G.add_edge(t.source, t.target, key=key, tie=t, index=index)
        self._G = G
        self._ties = ties
        self.name = name or None

    # -- construction -----------------------------------------------------
    @classmethod
    def from_ties(
        cls, ties: Iterable[Tie], states: Iterable[State] | None = None
    ) -> RelationGraph:
        """Build a graph from ties (and optionally their states).

        Parameters
        ----------
        ties : iterable of Tie
            The ties.
        states : iterable of State, optional
            The states; if omitted, one is made for every code the ties name.

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
        return cls(ties, states)

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> RelationGraph:
        """Build the graph of a :class:`~middlepower.Scenario`.

        Parameters
        ----------
        scenario : Scenario
            The case; its states, ties and name are used.

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
        return cls(scenario.ties, scenario.states, name=scenario.name)

    # -- container protocol -------------------------------------------------
    def __contains__(self, code: object) -> bool:
        return code in self._G

    def __len__(self) -> int:
        n: int = self._G.number_of_nodes()
        return n

    def __iter__(self) -> Iterator[str]:
        return iter(self._G)

    def __eq__(self, other: object) -> bool:
        """Compare name, states and ties (order ignored)."""
        if not isinstance(other, RelationGraph):
            return NotImplemented
        return (
            self.name == other.name
            and Counter(self.states) == Counter(other.states)
            and Counter(self._ties) == Counter(other._ties)
        )

    __hash__ = None  # type: ignore[assignment]  # mutable-looking container

    def __repr__(self) -> str:
        label = f" {self.name!r}" if self.name else ""
        return f"<RelationGraph{label}: {len(self)} states, {len(self._ties)} ties>"

    # -- accessors ------------------------------------------------------------
    @property
    def nx_graph(self) -> nx.MultiDiGraph:
        """A read-only view of the underlying :class:`networkx.MultiDiGraph`.

        Edges are keyed by tie kind and carry the :class:`~middlepower.Tie`
        as attribute ``tie``.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> sorted(g.nx_graph["KOR"]["CHN"])
        ['neighbour', 'partnership', 'trade']
        """
        return nx.freeze(self._G.copy(as_view=True))

    @property
    def codes(self) -> tuple[str, ...]:
        """The state codes, in insertion order.

        Examples
        --------
        >>> mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025")).codes
        ('KOR', 'USA', 'JPN', 'CHN', 'CZE', 'VNM', 'AUS')
        """
        return tuple(self._G)

    @property
    def states(self) -> tuple[State, ...]:
        """The states, in insertion order.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> [s.name for s in g.states][:4]
        ['South Korea', 'United States', 'Japan', 'China']
        """
        return tuple(self._G.nodes[c]["state"] for c in self._G)

    @property
    def ties(self) -> tuple[Tie, ...]:
        """The ties, in the order given.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> len(g.ties), g.ties[0].kind
        (11, <TieKind.ALLIANCE: 'alliance'>)
        """
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

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> g.state("KOR").name, g.state("KOR").cow
        ('South Korea', 732)
        """
        self.check_codes([code])
        state: State = self._G.nodes[code]["state"]
        return state

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
        missing = [c for c in codes if c not in self._G]
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
        self.check_codes([u, v])
        return tuple(t for t in self._ties if {t.source, t.target} == {u, v})

    # -- time -------------------------------------------------------------------
    def at(self, day: dt.date | str) -> RelationGraph:
        """Return the snapshot of the ties valid on ``day`` (all states kept).

        Parameters
        ----------
        day : datetime.date or str
            The day (ISO string accepted). A tie is valid when
            ``start <= day <= end``; a missing bound is open.

        Returns
        -------
        RelationGraph
            Every state, and the ties valid on ``day``.

        Raises
        ------
        InvalidGraphError
            If ``day`` is not a date or an ISO date string.

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
                day = dt.date.fromisoformat(day)
            except ValueError:
                raise InvalidGraphError(f"Day {day!r} is not an ISO date.") from None
        elif isinstance(day, dt.datetime):
            day = day.date()
        elif not isinstance(day, dt.date):
            raise InvalidGraphError(f"Day {day!r} is not a date.")
        valid = [t for t in self._ties if t.valid_on(day)]
        return RelationGraph(valid, self.states, name=self.name)

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
        kind = _kind(kind)
        self.check_codes([source, target])
        best = 0.0
        for t in self._ties:
            if t.kind is not kind:
                continue
            if (t.source == source and t.target == target) or (
                not t.directed and t.source == target and t.target == source
            ):
                best = max(best, t.strength)
        return best

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
        index = {c: i for i, c in enumerate(nodes)}
        n = len(nodes)
        T = np.zeros((len(KINDS), n, n))
        kind_index = {k: i for i, k in enumerate(KINDS)}
        for t in self._ties:
            i, j = index.get(t.source), index.get(t.target)
            if i is None or j is None:
                continue
            k = kind_index[t.kind]
            T[k, i, j] = max(T[k, i, j], t.strength)
            if not t.directed:
                T[k, j, i] = max(T[k, j, i], t.strength)
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
        T: npt.NDArray[np.float64] = self.strength_tensor(nodelist)[
            KINDS.index(_kind(kind))
        ]
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
    def to_networkx(self) -> nx.MultiDiGraph:
        """Return a plain :class:`networkx.MultiDiGraph` with JSON-ready attributes.

        Node attributes are the :class:`~middlepower.State` fields, edge
        attributes the :class:`~middlepower.Tie` fields (dates as ISO strings,
        ``None`` fields left out); :meth:`from_networkx` reads it back.

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
        """
        G = nx.MultiDiGraph(name=self.name or "")
        for s in self.states:
            G.add_node(s.code, **_compact(s.model_dump(mode="json")))
        for u, v, key, t in self._G.edges(keys=True, data="tie"):
            G.add_edge(u, v, key=key, **_compact(t.model_dump(mode="json")))
        return G

    @classmethod
    def from_networkx(cls, G: nx.Graph) -> RelationGraph:
        """Rebuild a graph from :meth:`to_networkx` output (or a look-alike).

        Every edge needs at least ``kind`` and ``strength``; nodes need no
        attribute (their name defaults to the code).

        Parameters
        ----------
        G : networkx.Graph
            Any networkx graph (edge direction is taken from each tie's kind
            unless a ``directed`` attribute says otherwise).

        Returns
        -------
        RelationGraph
            The graph, named after ``G.graph["name"]`` if set.

        Raises
        ------
        InvalidGraphError
            If an edge has no ``kind``.

        Examples
        --------
        >>> import networkx as nx
        >>> G = nx.Graph()
        >>> G.add_edge("KOR", "USA", kind="alliance", strength=1.0)
        >>> mp.RelationGraph.from_networkx(G).pair_strength("USA", "KOR", "alliance")
        1.0
        """
        states = [
            State.model_validate({"code": n, "name": n, **_strip(d, "code")})
            for n, d in G.nodes(data=True)
        ]
        ties = []
        for u, v, d in G.edges(data=True):
            data = _strip(d, "source", "target")
            if "kind" not in data:
                raise InvalidGraphError(f"Edge {u}-{v} has no 'kind' attribute.")
            ties.append(Tie.model_validate({"source": u, "target": v, **data}))
        name = G.graph.get("name") or None
        return cls(ties, states, name=name)

    def to_node_link(self) -> dict[str, Any]:
        """Node-link data (``networkx.node_link_data``), JSON-serialisable.

        Returns
        -------
        dict
            Keys ``directed``, ``multigraph``, ``graph`` (with the name and a
            ``format`` tag), ``nodes`` and ``edges``.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> d = g.to_node_link()
        >>> d["graph"]["format"], len(d["nodes"]), len(d["edges"])
        ('middlepower.RelationGraph/1', 7, 11)
        """
        data: dict[str, Any] = nx.node_link_data(self.to_networkx(), edges="edges")
        data["graph"] = {**data.get("graph", {}), "format": _FORMAT}
        return data

    @classmethod
    def from_node_link(cls, data: Mapping[str, Any]) -> RelationGraph:
        """Rebuild a graph from :meth:`to_node_link` output.

        Parameters
        ----------
        data : mapping
            Node-link data as :meth:`to_node_link` gives it.

        Returns
        -------
        RelationGraph
            The graph.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> mp.RelationGraph.from_node_link(g.to_node_link()) == g
        True
        """
        data = dict(data)
        data["graph"] = {
            k: v for k, v in data.get("graph", {}).items() if k != "format"
        }
        G = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
        return cls.from_networkx(G)

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
        return json.dumps(self.to_node_link(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes) -> RelationGraph:
        """Parse :meth:`to_json` output.

        Parameters
        ----------
        text : str or bytes
            Node-link JSON text.

        Returns
        -------
        RelationGraph
            The graph.

        Raises
        ------
        InvalidGraphError
            If ``text`` is not JSON or not a JSON object.

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> mp.RelationGraph.from_json(g.to_json(indent=None))
        <RelationGraph 'korea-2025': 7 states, 11 ties>
        """
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise InvalidGraphError(f"Not valid JSON: {err}.") from None
        if not isinstance(data, dict):
            raise InvalidGraphError(f"Expected a node-link JSON object, got {data!r}.")
        return cls.from_node_link(data)

    def write_graphml(self, path: str | os.PathLike[str]) -> None:
        """Write GraphML; :meth:`read_graphml` reads it back losslessly.

        GraphML holds only scalars, so each node and edge carries its model as
        JSON (``state_json``/``tie_json``) beside readable scalar columns
        (``name``, ``kind``, ``strength``, ...).

        Parameters
        ----------
        path : str or os.PathLike
            The file to write.

        Returns
        -------
        None

        Examples
        --------
        >>> import os, tempfile
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     g.write_graphml(os.path.join(tmp, "korea.graphml"))
        ...     print(os.listdir(tmp))
        ['korea.graphml']
        """
        G = nx.MultiDiGraph(name=self.name or "")
        for s in self.states:
            name = s.name if _xml_safe(s.name) else s.code
            G.add_node(s.code, name=name, state_json=s.to_json(indent=None))
        for u, v, key, d in self._G.edges(keys=True, data=True):
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
        nx.write_graphml(G, os.fspath(path))

    @classmethod
    def read_graphml(cls, path: str | os.PathLike[str]) -> RelationGraph:
        """Read a file written by :meth:`write_graphml`.

        Parameters
        ----------
        path : str or os.PathLike
            The GraphML file.

        Returns
        -------
        RelationGraph
            The graph, equal to the one written.

        Raises
        ------
        InvalidGraphError
            If the file was not written by :meth:`write_graphml`.

        Examples
        --------
        >>> import os, tempfile
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = os.path.join(tmp, "korea.graphml")
        ...     g.write_graphml(path)
        ...     mp.RelationGraph.read_graphml(path) == g
        True
        """
        G = nx.read_graphml(os.fspath(path), force_multigraph=True)
        if "state_json" not in next(iter(G.nodes.values()), {"state_json": ""}):
            raise InvalidGraphError(
                f"GraphML file {os.fspath(path)!r} was not written by "
                "RelationGraph.write_graphml (no 'state_json' node attribute)."
            )
        states = [State.from_json(d["state_json"]) for _, d in G.nodes(data=True)]
        edges = sorted(G.edges(data=True), key=lambda e: int(e[2]["order"]))
        ties = [Tie.from_json(d["tie_json"]) for _, _, d in edges]
        name = G.graph.get("name") or None
        return cls(ties, states, name=name)

    # -- helpers ----------------------------------------------------------------
    def _nodelist(self, nodelist: Sequence[str] | None) -> tuple[str, ...]:
        if nodelist is None:
            return self.codes
        nodes = tuple(nodelist)
        self.check_codes(nodes)
        if len(set(nodes)) != len(nodes):
            raise InvalidGraphError(f"Node list {list(nodes)} repeats a state.")
        return nodes


def _signed_kappa(
    weights: Mapping[TieKind, float] | Mapping[str, float] | None,
) -> dict[TieKind, float]:
    try:
        return kind_weights(weights, SIGNED_WEIGHTS, "signed weights")
    except ValueError as err:
        raise InvalidParameterError(str(err)) from None


def _kind(kind: TieKind | str) -> TieKind:
    try:
        return TieKind(kind)
    except ValueError:
        valid = ", ".join(repr(k.value) for k in TieKind)
        raise InvalidParameterError(
            f"Unknown tie kind {kind!r}; expected one of {valid}."
        ) from None


def _xml_safe(value: object) -> bool:
    """Whether a GraphML scalar can be written as XML 1.0 text."""
    if not isinstance(value, str):
        return True
    return all(ch in "\t\n\r" or ord(ch) >= 0x20 for ch in value)


def _compact(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != []}


def _strip(d: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k not in keys}
