r"""Where a state sits in the structure, and how balanced the system is (METHODS §3).

Measures of the focal state's position — :func:`two_track` (security with one
camp, trade with the other), :func:`cross_pressure` (friends who are each
other's rivals), :func:`structural_equidistance` (friendly ties straddling
the camps) and :func:`brokerage` — and of the whole signed system —
:func:`triad_balance`, :func:`triangle_counts`, :func:`walk_balance` and
:func:`frustration` (the two camps that best explain the signs).

Every measure takes a :class:`~middlepower.RelationGraph` (turned into signed
strengths :math:`s_{uv}` with the default κ, see
:meth:`RelationGraph.signed`) or a plain undirected :class:`networkx.Graph`
whose edges carry a ``sign`` (±1) or a signed ``weight``. :func:`two_track`
needs tie kinds and so takes a ``RelationGraph`` only. Structural measures
take the graph as given: use ``graph.at(day)`` for a snapshot.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

import networkx as nx
import numpy as np
import numpy.typing as npt
from pydantic import Field

from middlepower._checks import (
    check_bool,
    check_choice,
    check_code,
    check_pole_codes,
    check_seed,
    show,
)
from middlepower.exceptions import (
    InvalidArgumentTypeError,
    InvalidGraphError,
    InvalidParameterError,
)
from middlepower.graph import KINDS, RelationGraph
from middlepower.kernels.balance import (
    triad_balance_matrix,
    triad_counts,
    walk_balance_matrix,
)
from middlepower.kernels.frustration import (
    SolutionStatus,
    frustration_exact,
    frustration_heuristic,
)
from middlepower.kernels.sequence import alignment_kernel, equidistance_kernel
from middlepower.models import SIGNED_WEIGHTS, Dimension, FrozenModel, TieKind
from middlepower.snapshot import alignment_matrix, check_poles

__all__ = [
    "FrustrationResult",
    "brokerage",
    "cross_pressure",
    "frustration",
    "structural_equidistance",
    "triad_balance",
    "triangle_counts",
    "two_track",
    "walk_balance",
]

FloatArray = npt.NDArray[np.float64]
SignedGraph: TypeAlias = "RelationGraph | nx.Graph"

#: Default seconds allowed to the relaxation and integer programme of
#: :func:`frustration` (``method="exact"`` or ``"auto"``); ``time_limit=None``
#: lifts the limit.
DEFAULT_TIME_LIMIT = 60.0
#: Former name of :data:`DEFAULT_TIME_LIMIT` (the limit used to apply to
#: ``method="auto"`` only).
AUTO_TIME_LIMIT = DEFAULT_TIME_LIMIT

#: Above this many nodes ``method="auto"`` uses the heuristic, not a proof.
AUTO_EXACT_MAX_NODES = 400


@dataclass(frozen=True)
class _Signed:
    """A signed graph as arrays: node order, signed-strength matrix."""

    nodes: tuple[str, ...]
    S: FloatArray  # weighted: s_uv (RelationGraph) or the signed weight

    @property
    def signs(self) -> FloatArray:
        out: FloatArray = np.sign(self.S)
        return out

    def index(self, code: str) -> int:
        try:
            return self.nodes.index(code)
        except ValueError:
            from middlepower.exceptions import UnknownStateError

            raise UnknownStateError(code, "the signed graph") from None


def _signed(graph: SignedGraph) -> _Signed:
    """Validate ``graph`` and return its signed-strength matrix."""
    if isinstance(graph, RelationGraph):
        nodes = graph.codes
        return _Signed(nodes, graph.signed_matrix(nodes))
    if not isinstance(graph, nx.Graph):
        raise InvalidGraphError(
            f"Expected a RelationGraph or a networkx.Graph, got {type(graph).__name__}."
        )
    if graph.is_directed():
        raise InvalidGraphError(
            "Structural balance needs an undirected graph; got a directed one "
            "(use G.to_undirected() after deciding how to merge the two directions)."
        )
    if graph.is_multigraph():
        raise InvalidGraphError(
            "Got a multigraph; merge parallel edges into one signed edge first "
            "(or pass a RelationGraph, whose signed() does that)."
        )
    loops = list(nx.selfloop_edges(graph))
    if loops:
        raise InvalidGraphError(f"Self-loops are not allowed, found {loops[0]!r}.")
    nodes = tuple(graph.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    S = np.zeros((len(nodes), len(nodes)))
    for u, v, d in graph.edges(data=True):
        S[index[u], index[v]] = S[index[v], index[u]] = _edge_value(u, v, d)
    return _Signed(nodes, S)


def _edge_value(u: object, v: object, d: dict[str, object]) -> float:
    sign, weight = d.get("sign"), d.get("weight")
    if sign is None and weight is None:
        raise InvalidGraphError(
            f"Edge {u!r}-{v!r} has no 'sign' or signed 'weight' attribute."
        )
    if sign is not None:
        if isinstance(sign, bool) or sign not in (1, -1):
            raise InvalidGraphError(
                f"Edge {u!r}-{v!r} has sign {sign!r}; a sign must be +1 or -1."
            )
    if weight is None:
        return float(sign)  # type: ignore[arg-type]  # checked: +1 or -1
    if isinstance(weight, bool) or not isinstance(weight, int | float):
        raise InvalidGraphError(f"Edge {u!r}-{v!r} has non-numeric weight {weight!r}.")
    w = float(weight)
    if not math.isfinite(w) or w == 0.0:
        raise InvalidGraphError(
            f"Edge {u!r}-{v!r} has weight {weight!r}; a signed weight must be finite "
            "and non-zero (drop the edge instead of giving it weight 0)."
        )
    if sign is not None and np.sign(w) != sign:
        raise InvalidGraphError(
            f"Edge {u!r}-{v!r} has sign {sign!r} but weight {weight!r}."
        )
    return w


def _focal_row(sg: _Signed, focal: str) -> tuple[int, FloatArray]:
    f = sg.index(focal)
    return f, sg.S[f]


def _alignments(graph: SignedGraph, sg: _Signed, poles: tuple[str, ...]) -> FloatArray:
    """Alignment of every node of ``sg`` (rows in ``sg.nodes`` order)."""
    if isinstance(graph, RelationGraph):
        return alignment_matrix(graph, poles, sg.nodes)
    # a plain signed graph: the pull to each pole is the signed weight to it
    pole_idx = np.array([sg.index(p) for p in poles])
    return alignment_kernel(sg.S[:, pole_idx], pole_idx)


def _poles(graph: SignedGraph, sg: _Signed, poles: Sequence[str]) -> tuple[str, ...]:
    if isinstance(graph, RelationGraph):
        return check_poles(graph, poles)
    out = tuple(poles)
    if isinstance(poles, str) or len(out) < 2 or len(set(out)) != len(out):
        raise InvalidParameterError(
            f"Poles must be at least two distinct state codes, got {poles!r}."
        )
    for p in out:
        sg.index(p)
    return out


def _check_focal(graph: object, focal: object) -> None:
    """Entry check: a code for a RelationGraph, any hashable node otherwise."""
    if isinstance(graph, RelationGraph):
        check_code(focal, "focal")
        return
    try:
        hash(focal)
    except TypeError:
        raise InvalidArgumentTypeError(
            f"focal must be a node of the graph, got {show(focal)}."
        ) from None


def _check_poles(graph: object, poles: object) -> Sequence[Any]:
    """Entry check: codes for a RelationGraph, hashable nodes otherwise."""
    if isinstance(graph, RelationGraph):
        return check_pole_codes(poles)
    if isinstance(poles, str | bytes) or not isinstance(poles, Iterable):
        raise InvalidArgumentTypeError(
            f"poles must be a sequence of nodes such as ('USA', 'CHN'), got "
            f"{show(poles)}."
        )
    out = tuple(poles)
    for p in out:
        try:
            hash(p)
        except TypeError:
            raise InvalidArgumentTypeError(
                f"poles must hold nodes of the graph, got {show(p)}."
            ) from None
    return out


def two_track(graph: RelationGraph, focal: str, poles: Sequence[str]) -> float | None:
    r"""Return how far security and trade point to different camps.

    The security profile sums the focal state's positive security ties
    weighted by each partner's alignment; the economic profile does the same
    with its trade shares:

    .. math::

       \sigma_j = \sum_s \max(s^{sec}_{Fs}, 0)\,a_s[j], \qquad
       \varepsilon_j = \sum_s \mathrm{str}_{trade}(F \to s)\,a_s[j],

    both normalised to sum 1, and

    .. math::

       T = \tfrac12 \sum_j |\sigma_j - \varepsilon_j| \in [0, 1].

    :math:`s^{sec}` is the signed strength over the security dimension
    (alliance and rivalry, default κ 1 each, clipped to [-1, 1]); :math:`a_s`
    is the alignment of :func:`~middlepower.alignment`.

    Parameters
    ----------
    graph : RelationGraph
        Taken as given (use ``graph.at(day)`` for a snapshot). A plain
        networkx graph has no tie kinds, so it is rejected.
    focal : str
        The focal state F.
    poles : sequence of str
        The rival poles.

    Returns
    -------
    float or None
        In :math:`[0, 1]`: 0 = security and trade with the same camps, 1 =
        security with one camp, trade entirely with the other. ``None`` if F
        has no positive security tie or no trade tie.

    Raises
    ------
    InvalidGraphError
        If ``graph`` is not a RelationGraph.
    UnknownStateError
        If ``focal`` or a pole is not in the graph.

    Notes
    -----
    The "two-track" strategy the US warns against — security with
    Washington, economy with Beijing — scores high. The index says where the
    ties point, not whether the policy is deliberate; trade shares are those
    recorded in the graph (mind the reporter's customs basis).

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc).at("2025-06-04")
    >>> round(mp.two_track(g, "KOR", sc.poles), 4)
    0.494
    """
    if not isinstance(graph, RelationGraph):
        raise InvalidGraphError(
            "two_track needs tie kinds (security and trade); pass a RelationGraph, "
            f"not a {type(graph).__name__}."
        )
    check_code(focal, "focal")
    poles = check_poles(graph, check_pole_codes(poles))
    graph.check_codes([focal])
    nodes = graph.codes
    f = nodes.index(focal)
    A = alignment_matrix(graph, poles, nodes)
    security = {
        k: SIGNED_WEIGHTS[k] for k in KINDS if k.dimension is Dimension.SECURITY
    }
    sec = graph.signed_matrix(nodes, security)[f]  # clipped, zero diagonal
    trade = graph.to_numpy(TieKind.TRADE, nodes)[f].copy()
    trade[f] = 0.0
    sigma = np.maximum(sec, 0.0) @ A
    eps = trade @ A
    if sigma.sum() <= 0 or eps.sum() <= 0:
        return None
    sigma = sigma / sigma.sum()
    eps = eps / eps.sum()
    return float(np.clip(0.5 * np.abs(sigma - eps).sum(), 0.0, 1.0))


def cross_pressure(graph: SignedGraph, focal: str) -> float | None:
    r"""Return the share of the focal state's friendly ties that join mutual rivals.

    With :math:`p_u = \max(s_{Fu}, 0)` the friendly tie mass to each state,

    .. math::

       CP = \frac{\sum_{u<v} p_u p_v \max(-s_{uv}, 0)}{\sum_{u<v} p_u p_v}
       \in [0, 1],

    the weight of F's unbalanced triads (friend of two who are enemies) [1]_.

    Parameters
    ----------
    graph : RelationGraph or networkx.Graph
        Signed graph (see the module notes); taken as given.
    focal : str
        The focal state F.

    Returns
    -------
    float or None
        ``None`` with fewer than two positive partners.

    Raises
    ------
    InvalidGraphError
        For a directed graph, self-loops, zero or missing signs.
    UnknownStateError
        If ``focal`` is not in the graph.

    References
    ----------
    .. [1] Heider, F. "Attitudes and Cognitive Organization." *The Journal of
       Psychology* 21, no. 1 (1946): 107-112.
       https://doi.org/10.1080/00223980.1946.9917275

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc).at("2025-06-04")
    >>> round(mp.cross_pressure(g, "KOR"), 4)  # USA-CHN rivalry
    0.5737
    """
    _check_focal(graph, focal)
    sg = _signed(graph)
    f, row = _focal_row(sg, focal)
    p = np.maximum(row, 0.0)
    p[f] = 0.0
    if np.count_nonzero(p) < 2:
        return None
    outer = np.triu(np.outer(p, p), 1)
    hostile = np.maximum(-sg.S, 0.0)
    return float(np.clip((outer * hostile).sum() / outer.sum(), 0.0, 1.0))


def structural_equidistance(
    graph: SignedGraph, focal: str, poles: Sequence[str]
) -> float | None:
    r"""Return how evenly the focal state's friendly ties straddle the camps.

    .. math::

       c_j \propto \sum_{s \ne F} \max(s_{Fs}, 0)\,a_s[j], \qquad
       E_c = 1 - \frac{m}{2(m-1)}\sum_j \left|c_j - \frac1m\right|

    — the equidistance formula of :func:`~middlepower.equidistance` applied
    to friendly tie mass instead of attention: the "bridge" reading.

    Parameters
    ----------
    graph : RelationGraph or networkx.Graph
        Signed graph; taken as given. For a plain networkx graph the
        alignment pull of a state to pole :math:`p_j` is its signed weight to
        :math:`p_j`.
    focal : str
        The focal state F.
    poles : sequence of str
        The rival poles.

    Returns
    -------
    float or None
        In :math:`[0, 1]`; ``None`` if F has no friendly tie.

    Raises
    ------
    UnknownStateError
        If ``focal`` or a pole is not in the graph.

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc).at("2025-06-04")
    >>> round(mp.structural_equidistance(g, "KOR", sc.poles), 4)
    0.6406
    """
    _check_focal(graph, focal)
    poles = _check_poles(graph, poles)
    sg = _signed(graph)
    poles = _poles(graph, sg, poles)
    f, row = _focal_row(sg, focal)
    p = np.maximum(row, 0.0)
    p[f] = 0.0
    if p.sum() <= 0:
        return None
    c = p @ _alignments(graph, sg, poles)
    return float(equidistance_kernel((c / c.sum())[None])[0])


def brokerage(graph: SignedGraph, focal: str) -> float | None:
    r"""Return one minus Burt's constraint of the focal state among its friends.

    Burt's constraint [1]_ :math:`C_F = \sum_j \big(p_{Fj} + \sum_{q \ne F, j}
    p_{Fq} p_{qj}\big)^2` on the *positive part* of the signed graph (edge
    weights :math:`\max(s_{uv}, 0)`), computed by
    :func:`networkx.constraint`; then

    .. math::

       \mathrm{brokerage} = \operatorname{clip}(1 - C_F, 0, 1).

    Parameters
    ----------
    graph : RelationGraph or networkx.Graph
        Signed graph; taken as given.
    focal : str
        The focal state F.

    Returns
    -------
    float or None
        In :math:`[0, 1]`: high when F's friends are not friends of each
        other (F bridges them). ``None`` if F has no friendly tie.

    Notes
    -----
    networkx's ``constraint`` gives meaningless values on negative weights,
    so hostile ties are dropped first: brokerage is about bridging friends,
    not about enemies.

    References
    ----------
    .. [1] Burt, R. S. *Structural Holes: The Social Structure of
       Competition.* Cambridge, MA: Harvard University Press, 1992.

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc).at("2025-06-04")
    >>> round(mp.brokerage(g, "KOR"), 4)
    0.3725
    """
    _check_focal(graph, focal)
    sg = _signed(graph)
    f, row = _focal_row(sg, focal)
    if not (np.delete(row, f) > 0).any():
        return None
    H = nx.Graph()
    H.add_nodes_from(range(len(sg.nodes)))
    iu, ju = np.nonzero(np.triu(sg.S > 0, 1))
    H.add_weighted_edges_from(
        (int(i), int(j), float(sg.S[i, j])) for i, j in zip(iu, ju, strict=True)
    )
    with np.errstate(all="ignore"):
        c = nx.constraint(H, nodes=[f], weight="weight")[f]
    return float(np.clip(1.0 - c, 0.0, 1.0))


def _matrix(graph: SignedGraph, weighted: bool) -> FloatArray:
    sg = _signed(graph)
    return sg.S if weighted else sg.signs


def triad_balance(graph: SignedGraph, *, weighted: bool = False) -> float | None:
    r"""Return the share of balanced triangles of a signed graph.

    A triangle is balanced when the product of its signs is positive
    (Heider 1946; Cartwright and Harary 1956 [1]_). With :math:`S` the sign
    matrix (weighted: the signed strengths),

    .. math::

       B = \frac12\left(1 + \frac{\operatorname{tr}(S^3)}
       {\operatorname{tr}(|S|^3)}\right),

    which equals counting triangles one by one (weighted: each triangle
    counts by the absolute product of its weights).

    Parameters
    ----------
    graph : RelationGraph or networkx.Graph
        Signed graph; taken as given.
    weighted : bool, optional (default=False)
        Use signed strengths instead of signs.

    Returns
    -------
    float or None
        In :math:`[0, 1]`; ``None`` without triangles.

    Raises
    ------
    InvalidGraphError
        For a directed graph, self-loops, zero or missing signs.

    References
    ----------
    .. [1] Cartwright, D. and F. Harary. "Structural Balance: A
       Generalization of Heider's Theory." *Psychological Review* 63, no. 5
       (1956): 277-293. https://doi.org/10.1037/h0046049

    Examples
    --------
    >>> G = mp.datasets.load_tribes()
    >>> round(mp.triad_balance(G), 4)
    0.8676
    """
    return triad_balance_matrix(_matrix(graph, check_bool(weighted, "weighted")))


def triangle_counts(graph: SignedGraph) -> dict[str, int]:
    r"""Return the number of triangles of each sign type.

    Keys ``"+++"``, ``"++-"``, ``"+--"``, ``"---"``; the first and third are
    balanced. Counted by matrix products on the positive and negative parts
    :math:`P`, :math:`N` (e.g. :math:`\operatorname{tr}(P^3)/6`).

    Parameters
    ----------
    graph : RelationGraph or networkx.Graph
        Signed graph; taken as given.

    Returns
    -------
    dict of str to int

    Examples
    --------
    >>> mp.triangle_counts(mp.datasets.load_tribes())
    {'+++': 19, '++-': 2, '+--': 40, '---': 7}
    """
    return triad_counts(_matrix(graph, False))


def walk_balance(graph: SignedGraph) -> float | None:
    r"""Return the walk-based balance of a signed graph (Estrada and Benzi).

    Closed walks of every length, weighted by :math:`1/k!`, counted with
    their signs against without:

    .. math::

       W = \frac{\sum_i e^{\lambda_i(S)}}{\sum_i e^{\lambda_i(|S|)}}
       = \frac{\operatorname{tr} e^{S}}{\operatorname{tr} e^{|S|}}

    over the eigenvalues of the sign matrix and of its absolute value [1]_
    (signnet's ``"walk"`` method).

    Parameters
    ----------
    graph : RelationGraph or networkx.Graph
        Signed graph; taken as given (signs only).

    Returns
    -------
    float or None
        In :math:`(0, 1]`, 1 iff the graph is balanced; ``None`` without
        edges.

    References
    ----------
    .. [1] Estrada, E. and M. Benzi. "Walk-Based Measure of Balance in Signed
       Networks: Detecting Lack of Balance in Social Networks." *Physical
       Review E* 90, no. 4 (2014): 042802.
       https://doi.org/10.1103/PhysRevE.90.042802

    Examples
    --------
    >>> round(mp.walk_balance(mp.datasets.load_tribes()), 4)
    0.3576
    """
    return walk_balance_matrix(_matrix(graph, False))


class FrustrationResult(FrozenModel):
    r"""The line index of balance of a signed graph and its two camps.

    Attributes
    ----------
    index : float
        :math:`L`, the least (weighted) number of edges whose removal makes
        the graph balanced.
    normalized : float or None
        :math:`1 - 2L/|E|` (weighted: :math:`1 - 2L / \sum |w|`); 1 for a
        balanced graph; ``None`` without edges.
    partition : tuple of two frozensets
        One optimal split into two camps (the camp of the first node first).
    exact : bool
        Whether :math:`L` is proven optimal; otherwise ``index`` is an upper
        bound.
    lower_bound : float
        A proven lower bound on :math:`L` (equal to it when ``exact``).
    status : {"optimal", "time_limit", "unproven"}
        ``"optimal"`` iff ``exact``; ``"time_limit"`` when the exact method
        ran out of time before proving the optimum; ``"unproven"`` for the
        heuristic's bound (or a solver that ended without a proof).
    gap : float
        ``index - lower_bound``: 0 when ``exact``, else how far the returned
        split may be from the optimum (in edges, or weight).
    method : str
        ``"exact"`` or ``"heuristic"``, as run.
    weighted : bool
        Whether edge weights were used.
    n_edges : int
        Number of edges.

    Examples
    --------
    >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
    >>> res = mp.frustration(g.at("2025-06-04"), weighted=True)
    >>> res.index, res.exact, res.n_edges  # frustrated edge: KOR-CHN (0.603)
    (0.603, True, 6)
    >>> res.status, res.gap
    ('optimal', 0.0)
    """

    index: float
    normalized: float | None
    partition: tuple[frozenset[Any], frozenset[Any]]
    exact: bool
    lower_bound: float
    status: SolutionStatus
    gap: float = Field(ge=0)
    method: Literal["exact", "heuristic"]
    weighted: bool
    n_edges: int = Field(ge=0)

    @property
    def camps(self) -> tuple[frozenset[Any], frozenset[Any]]:
        """The two camps (alias of :attr:`partition`).

        Examples
        --------
        >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
        >>> camps = mp.frustration(g.at("2025-06-04"), weighted=True).camps
        >>> [sorted(camp) for camp in camps]
        [['AUS', 'CZE', 'JPN', 'KOR', 'USA', 'VNM'], ['CHN']]
        """
        return self.partition


def frustration(
    graph: SignedGraph,
    *,
    weighted: bool = False,
    method: Literal["auto", "exact", "heuristic"] = "auto",
    seed: int | np.random.Generator | None = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> FrustrationResult:
    r"""Return the frustration (line index of balance) and the two camps.

    .. math::

       L = \min_{x \in \{0,1\}^V} \sum_{uv \in E} |w_{uv}|\,
       \big[(w_{uv} > 0 \wedge x_u \ne x_v) \vee
             (w_{uv} < 0 \wedge x_u = x_v)\big]

    with :math:`|w| = 1` unweighted: the fewest edges (or least weight)
    whose removal leaves a balanced graph, and a 2-colouring :math:`x` (the
    two camps) attaining it [1]_, [2]_. The normalised index is
    :math:`1 - 2L/|E|` (weighted: :math:`1 - 2L/\sum|w|`).

    Parameters
    ----------
    graph : RelationGraph or networkx.Graph
        Signed graph; taken as given.
    weighted : bool, optional (default=False)
        Use the signed strengths :math:`|w_{uv}|` instead of counting edges.
    method : {"auto", "exact", "heuristic"}, optional (default="auto")
        ``"exact"`` proves the optimum: nodes of degree at most 2 are reduced
        away, blocks (biconnected components) are solved independently, small
        ones by enumeration, the rest by bounds (local search above, packed
        unbalanced triangles and a cycle relaxation below) and, if a gap
        remains, a binary programme in the spirit of Aref, Mason and Wilson
        [2]_ on HiGHS (``scipy.optimize.milp``). ``"heuristic"`` runs the
        same reductions and an iterated local search and reports an upper
        bound. ``"auto"`` is exact up to 400 nodes (within ``time_limit``)
        and the heuristic beyond.
    seed : int or numpy.random.Generator, optional
        Randomness of the heuristic.
    time_limit : float or None, optional (default=60)
        Seconds allowed to the relaxation and integer programme of the exact
        method (:data:`DEFAULT_TIME_LIMIT`; reductions, enumeration and the
        local search always run to the end, which takes well under a second
        below a few thousand nodes); ``None`` for no limit. Ignored by the
        heuristic.

    Returns
    -------
    FrustrationResult
        ``index`` (L), ``normalized``, ``partition`` (two camps), ``exact``,
        ``lower_bound``, ``status`` and ``gap``. When the time limit stops
        the exact method before it proves the optimum, the result says so:
        ``exact=False``, ``status="time_limit"``, ``index`` is the best split
        found (an upper bound on :math:`L`), ``lower_bound`` the best proven
        bound and ``gap = index - lower_bound``. Rerun with a larger
        ``time_limit`` (or ``None``) for a proof.

    Raises
    ------
    InvalidGraphError
        For a directed graph, self-loops, zero or missing signs.
    InvalidArgumentTypeError
        If ``weighted`` is not a bool, ``method`` not a string or ``seed``
        not a seed.
    InvalidParameterError
        For an unknown method, a negative seed or a ``time_limit`` that is
        not a positive number or ``None``.

    References
    ----------
    .. [1] Aref, S. and M. C. Wilson. "Measuring Partial Balance in Signed
       Networks." *Journal of Complex Networks* 6, no. 4 (2018): 566-595.
       https://doi.org/10.1093/comnet/cnx044
    .. [2] Aref, S., A. J. Mason and M. C. Wilson. "Computing the Line Index
       of Balance Using Integer Programming Optimisation." In *Optimization
       Problems in Graph Theory*, 65-84. Springer, 2018.
       https://doi.org/10.1007/978-3-319-94830-0_3

    Examples
    --------
    >>> res = mp.frustration(mp.datasets.load_tribes(), method="exact")
    >>> res.index, res.exact, round(res.normalized, 4)
    (7.0, True, 0.7586)

    A time limit too short for a proof returns the best split found, flagged:

    >>> import networkx as nx
    >>> rng = np.random.default_rng(1)
    >>> G = nx.gnp_random_graph(100, 0.1, seed=1)
    >>> nx.set_edge_attributes(
    ...     G, {e: int(rng.choice([-1, 1])) for e in G.edges}, "sign"
    ... )
    >>> res = mp.frustration(G, method="exact", time_limit=0.01)
    >>> res.exact, res.status, res.lower_bound < res.index
    (False, 'time_limit', True)
    """
    weighted = check_bool(weighted, "weighted")
    check_choice(method, "method", ("auto", "exact", "heuristic"))
    seed = check_seed(seed)
    sg = _signed(graph)
    M = sg.S if weighted else sg.signs
    iu, ju = np.nonzero(np.triu(M, 1))
    w = M[iu, ju]
    n = len(sg.nodes)
    run = method
    if run == "auto":
        run = "exact" if n <= AUTO_EXACT_MAX_NODES else "heuristic"
    if run == "exact":
        sol = frustration_exact(n, iu, ju, w, time_limit=time_limit)
    else:
        sol = frustration_heuristic(n, iu, ju, w, seed=seed)
    total = float(np.abs(w).sum())
    colours = np.asarray(sol.colours, dtype=bool)
    if n and colours[0]:
        colours = ~colours
    first = frozenset(sg.nodes[i] for i in np.flatnonzero(~colours))
    second = frozenset(sg.nodes[i] for i in np.flatnonzero(colours))
    return FrustrationResult(
        index=float(sol.index),
        normalized=None if total == 0 else 1.0 - 2.0 * float(sol.index) / total,
        partition=(first, second),
        exact=bool(sol.exact),
        lower_bound=float(sol.lower_bound),
        status=sol.status,
        gap=sol.gap,
        method=run,
        weighted=weighted,
        n_edges=len(w),
    )
