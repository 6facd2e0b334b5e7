"""An independent reference implementation of the sequence measures (METHODS.md §2).

Written from the specification alone, with plain loops and dicts, so that the
library's vectorised code can be compared with it call for call. It reads the
library's models and :class:`~middlepower.RelationGraph` only through their
public data (``graph.ties``, ``graph.codes``, ``graph.at``, ``Tie.valid_on``,
``ContactSequence.contacts``), never through ``middlepower.metrics`` or
``middlepower.kernels``.

Every function takes ``exact=False``; with ``exact=True`` the arithmetic runs on
:class:`fractions.Fraction` (each float strength or weight taken at its exact
binary value), so ties between benchmark values are decided exactly. The only
inexact steps then are the half-life powers ``2**(-d/h)``, the logarithms of the
Jensen-Shannon divergence and the square root of Kendall's tau-b.

Spec clarifications used here (decided by the lead, part of the spec):

* sequence measures read ``graph.at(sequence.start)``; ``alignment`` and
  ``interest_benchmark`` take the graph as given;
* ``str_k(u, v)`` in the alignment is the pair strength: the largest strength of
  any tie of kind ``k`` joining ``u`` and ``v`` in either direction;
* in the benchmark, ``x_{s,k} = str_k(F -> s)`` counts only the direction
  ``F -> s`` for a directed tie (trade), and is the pair strength for every
  other kind;
* the benchmark is ``None`` when no interest kind with positive weight is
  present over the universe; ``proportionality`` and ``concordance`` are then
  ``None`` too;
* ``universe="ties"``: the contacted partners, then every other state tied to F
  by any tie (any kind, either direction) in the snapshot;
* concordance uses the contacted partners, earliness = -(position of the first
  contact), Kendall's tau-b by explicit pair counting.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

__all__ = [
    "ALIGNMENT_KAPPA",
    "CHANNEL_MULTIPLIERS",
    "INTEREST_THETA",
    "SIGN",
    "alignment",
    "attention",
    "concordance",
    "directed_strength",
    "equidistance",
    "equidistance_of",
    "interest_benchmark",
    "jsd2",
    "kendall_tau_b",
    "pair_strength",
    "pole_attention",
    "proportionality",
    "salience_weights",
    "tilt",
    "universe",
]

CHANNEL_MULTIPLIERS: dict[str, float] = {
    "call": 1.0,
    "letter": 0.5,
    "envoy": 0.75,
    "meeting": 1.5,
    "summit": 1.5,
    "visit": 2.0,
}
SIGN: dict[str, int] = {
    "alliance": 1,
    "partnership": 1,
    "trade": 1,
    "neighbour": 0,
    "rivalry": -1,
}
ALIGNMENT_KAPPA: dict[str, float] = {
    "alliance": 1.0,
    "partnership": 0.5,
    "rivalry": 1.0,
    "trade": 0.0,
    "neighbour": 0.0,
}
INTEREST_THETA: dict[str, float] = {
    "alliance": 1.0,
    "trade": 1.0,
    "neighbour": 1.0,
    "partnership": 0.0,
    "rivalry": 0.0,
}


def _key(x: Any) -> str:
    """The plain string of an enum member or a string."""
    return str(getattr(x, "value", x))


def _num(x: float | int | Fraction, exact: bool) -> Any:
    return Fraction(x) if exact else float(x)


# -- salience -------------------------------------------------------------------
def _salience_params(salience: Any) -> tuple[str, float, float, dict[str, float]]:
    """(scheme, decay, half-life, channel multipliers) of a name or a Salience."""
    if isinstance(salience, str):
        return salience, 0.5, 7.0, dict(CHANNEL_MULTIPLIERS)
    scheme = _key(salience.scheme)
    mult = dict(CHANNEL_MULTIPLIERS)
    given = salience.channel_weights
    if given:
        for ch, w in given.items():
            mult[_key(ch)] = float(w)
    return scheme, float(salience.decay), float(salience.half_life_days), mult


def salience_weights(
    sequence: Any, salience: Any = "harmonic", *, exact: bool = False
) -> list:
    """w_i = r_i * mu(ch_i) / sum_j r_j * mu(ch_j), for the five schemes of §2."""
    scheme, decay, h, mult = _salience_params(salience)
    contacts = list(sequence.contacts)
    n = len(contacts)
    raw = []
    for i, c in enumerate(contacts, start=1):
        if scheme == "harmonic":
            r = Fraction(1, i) if exact else 1.0 / i
        elif scheme == "geometric":
            r = _num(decay, exact) ** (i - 1)
        elif scheme == "linear":
            r = _num(n - i + 1, exact)
        elif scheme == "uniform":
            r = _num(1, exact)
        elif scheme == "half-life":
            days = (c.on - sequence.start).days
            r = 2.0 ** (-days / h)
            r = Fraction(r) if exact else r
        else:  # pragma: no cover - the reference only runs on valid schemes
            raise ValueError(f"unknown scheme {scheme!r}")
        raw.append(r * _num(mult[_key(c.channel)], exact))
    total = sum(raw)
    return [r / total for r in raw]


def attention(
    sequence: Any, salience: Any = "harmonic", *, exact: bool = False
) -> dict:
    """alpha_s = sum of w_i over the contacts with partner s (first-contact order)."""
    w = salience_weights(sequence, salience, exact=exact)
    out: dict[str, Any] = {}
    for c, wi in zip(sequence.contacts, w, strict=True):
        out[c.partner] = out.get(c.partner, 0) + wi
    return out


# -- strengths --------------------------------------------------------------------
def pair_strength(graph: Any, u: str, v: str, kind: str, *, exact: bool = False) -> Any:
    """Largest strength of a ``kind`` tie joining u and v in either direction."""
    best = _num(0, exact)
    for t in graph.ties:
        if _key(t.kind) == kind and {t.source, t.target} == {u, v}:
            best = max(best, _num(t.strength, exact))
    return best


def directed_strength(
    graph: Any, u: str, v: str, kind: str, *, exact: bool = False
) -> Any:
    """Strength of ``kind`` from u to v: a directed tie counts only as u -> v."""
    best = _num(0, exact)
    for t in graph.ties:
        if _key(t.kind) != kind:
            continue
        if (t.source == u and t.target == v) or (
            not t.directed and t.source == v and t.target == u
        ):
            best = max(best, _num(t.strength, exact))
    return best


# -- alignment ---------------------------------------------------------------------
def _kappa(kinds: Any) -> dict[str, float]:
    if kinds is None:
        return dict(ALIGNMENT_KAPPA)
    out = dict.fromkeys(SIGN, 0.0)
    if isinstance(kinds, Mapping):
        for k, w in kinds.items():
            out[_key(k)] = float(w)
    else:
        for k in kinds:
            out[_key(k)] = 1.0
    return out


def alignment(
    graph: Any, poles: Sequence[str], *, kinds: Any = None, exact: bool = False
) -> dict:
    """a_s in the simplex over the poles, for every state of ``graph`` (as given)."""
    poles = list(poles)
    m = len(poles)
    kappa = _kappa(kinds)
    out: dict[str, list] = {}
    for s in graph.codes:
        if s in poles:
            out[s] = [_num(1 if p == s else 0, exact) for p in poles]
            continue
        z = []
        for p in poles:
            total = _num(0, exact)
            for kind, sign in SIGN.items():
                k = _num(kappa[kind], exact)
                if k and sign:
                    total += k * sign * pair_strength(graph, s, p, kind, exact=exact)
            z.append(total)
        num = []
        for j in range(m):
            pos = max(z[j], 0)
            push = sum(max(-z[k], 0) for k in range(m) if k != j)
            num.append(pos + (Fraction(1, m - 1) if exact else 1.0 / (m - 1)) * push)
        tot = sum(num)
        if tot == 0:
            out[s] = [(Fraction(1, m) if exact else 1.0 / m) for _ in range(m)]
        else:
            out[s] = [x / tot for x in num]
    return out


def _pi(
    graph: Any,
    sequence: Any,
    poles: Sequence[str],
    salience: Any,
    kinds: Any,
    exact: bool,
) -> list:
    snap = graph.at(sequence.start)
    a = alignment(snap, poles, kinds=kinds, exact=exact)
    alpha = attention(sequence, salience, exact=exact)
    pi = [_num(0, exact) for _ in poles]
    for s, w in alpha.items():
        for j in range(len(poles)):
            pi[j] += w * a[s][j]
    return pi


def pole_attention(
    graph: Any,
    sequence: Any,
    poles: Sequence[str],
    *,
    salience: Any = "harmonic",
    kinds: Any = None,
    exact: bool = False,
) -> dict:
    """pi = sum_s alpha_s a_s, keyed by pole, on the snapshot at the sequence start."""
    pi = _pi(graph, sequence, poles, salience, kinds, exact)
    return dict(zip(poles, pi, strict=True))


def equidistance_of(pi: Sequence) -> Any:
    """E = 1 - m / (2(m-1)) * sum_j |pi_j - 1/m|."""
    m = len(pi)
    exact = all(isinstance(x, Fraction) for x in pi)
    inv = Fraction(1, m) if exact else 1.0 / m
    coef = Fraction(m, 2 * (m - 1)) if exact else m / (2.0 * (m - 1))
    return 1 - coef * sum(abs(x - inv) for x in pi)


def equidistance(
    graph: Any,
    sequence: Any,
    poles: Sequence[str],
    *,
    salience: Any = "harmonic",
    kinds: Any = None,
    exact: bool = False,
) -> Any:
    """The equidistance of the pole attention."""
    return equidistance_of(_pi(graph, sequence, poles, salience, kinds, exact))


def tilt(
    graph: Any,
    sequence: Any,
    poles: Sequence[str],
    *,
    salience: Any = "harmonic",
    kinds: Any = None,
    exact: bool = False,
) -> Any:
    """tau = pi_1 - pi_2 (two poles)."""
    if len(poles) != 2:  # pragma: no cover - the tests check the library's error
        raise ValueError("tilt needs exactly two poles")
    pi = _pi(graph, sequence, poles, salience, kinds, exact)
    return pi[0] - pi[1]


# -- interest benchmark ------------------------------------------------------------
def _theta(interests: Any) -> dict[str, float]:
    if interests is None:
        return dict(INTEREST_THETA)
    out = dict.fromkeys(SIGN, 0.0)
    for k, w in interests.items():
        out[_key(k)] = float(w)
    return out


def interest_benchmark(
    graph: Any,
    focal: str,
    partners: Sequence[str],
    *,
    interests: Any = None,
    exact: bool = False,
) -> dict | None:
    """b_s = sum_k theta_k x~_{s,k} / sum_k theta_k over the kinds present on U."""
    universe_ = list(dict.fromkeys(partners))
    theta = _theta(interests)
    b = {s: _num(0, exact) for s in universe_}
    theta_total = _num(0, exact)
    for kind, th in theta.items():
        if th <= 0:
            continue
        if kind == "trade":
            x = {
                s: directed_strength(graph, focal, s, kind, exact=exact)
                for s in universe_
            }
        else:
            x = {
                s: pair_strength(graph, focal, s, kind, exact=exact) for s in universe_
            }
        total = sum(x.values())
        if total <= 0:
            continue  # the kind is absent from U
        t = _num(th, exact)
        theta_total += t
        for s in universe_:
            b[s] += t * (x[s] / total)
    if theta_total == 0:
        return None
    return {s: v / theta_total for s, v in b.items()}


def universe(snapshot: Any, sequence: Any, kind: str = "contacted") -> list[str]:
    """The contacted partners, then (``"ties"``) every other state tied to F."""
    contacted = list(dict.fromkeys(c.partner for c in sequence.contacts))
    if kind == "contacted":
        return contacted
    focal = sequence.focal
    tied = set()
    for t in snapshot.ties:
        if t.source == focal:
            tied.add(t.target)
        elif t.target == focal:
            tied.add(t.source)
    extra = [s for s in snapshot.codes if s in tied and s not in contacted]
    return contacted + extra


def jsd2(p: Sequence, q: Sequence) -> float:
    """Jensen-Shannon divergence in bits, with 0 log 0 = 0."""
    total = 0.0
    for pi, qi in zip(p, q, strict=True):
        pi, qi = float(pi), float(qi)
        # p log2(p / m) with m = (p + q)/2, written as p log2(2p / (p + q)) so
        # that a subnormal p or q does not halve to m = 0
        if pi > 0:
            total += 0.5 * pi * math.log2(2 * pi / (pi + qi))
        if qi > 0:
            total += 0.5 * qi * math.log2(2 * qi / (pi + qi))
    return total


def proportionality(
    graph: Any,
    sequence: Any,
    *,
    salience: Any = "harmonic",
    interests: Any = None,
    universe_kind: str = "contacted",
    exact: bool = False,
) -> float | None:
    """P = 1 - JSD_2(alpha || b) on the universe, snapshot at the sequence start."""
    snap = graph.at(sequence.start)
    U = universe(snap, sequence, universe_kind)
    b = interest_benchmark(snap, sequence.focal, U, interests=interests, exact=exact)
    if b is None:
        return None
    alpha = attention(sequence, salience, exact=exact)
    return 1.0 - jsd2([alpha.get(s, 0) for s in U], [b[s] for s in U])


def kendall_tau_b(x: Sequence, y: Sequence) -> float | None:
    """Kendall's tau-b by counting pairs; None for n < 2 or a constant variable."""
    n = len(x)
    if n < 2:
        return None
    conc = disc = ties_x = ties_y = 0
    pairs = 0
    for i in range(n):
        for j in range(i + 1, n):
            pairs += 1
            dx = x[i] - x[j]
            dy = y[i] - y[j]
            if dx == 0:
                ties_x += 1
            if dy == 0:
                ties_y += 1
            if dx == 0 or dy == 0:
                continue
            if (dx > 0) == (dy > 0):
                conc += 1
            else:
                disc += 1
    denom = (pairs - ties_x) * (pairs - ties_y)
    if denom == 0:
        return None
    return (conc - disc) / math.sqrt(denom)


def concordance(
    graph: Any, sequence: Any, *, interests: Any = None, exact: bool = False
) -> float | None:
    """tau_b between earliness -(position of first contact) and b over the partners."""
    snap = graph.at(sequence.start)
    first: dict[str, int] = {}
    for pos, c in enumerate(sequence.contacts, start=1):
        first.setdefault(c.partner, pos)
    U = list(first)
    b = interest_benchmark(snap, sequence.focal, U, interests=interests, exact=exact)
    if b is None or len(U) < 2:
        return None
    return kendall_tau_b([-first[s] for s in U], [b[s] for s in U])


# -- caveats (no silent verdicts) ----------------------------------------------------
def untied_partners(
    graph: Any, sequence: Any, poles: Sequence[str], *, kinds: Any = None
) -> list[str]:
    """Contacted partners, not poles, with no alignment tie to any pole.

    An alignment tie: a tie of a kind with kappa_k * sign_k != 0 and a positive
    strength between the partner and a pole, on the snapshot at the start. Such
    a partner's alignment is the uniform 1/m by assumption (all z are 0
    because there is nothing to sum, not because ties cancel).
    """
    snap = graph.at(sequence.start)
    kappa = _kappa(kinds)
    out = []
    for s in dict.fromkeys(c.partner for c in sequence.contacts):
        if s in poles:
            continue
        tied = any(
            kappa[kind] * sign != 0 and pair_strength(snap, s, p, kind) > 0
            for p in poles
            for kind, sign in SIGN.items()
        )
        if not tied:
            out.append(s)
    return out


def benchmark_undefined(
    graph: Any,
    sequence: Any,
    *,
    interests: Any = None,
    universe_kind: str = "contacted",
) -> bool:
    """Whether the interest benchmark over the universe is undefined at the start."""
    snap = graph.at(sequence.start)
    U = universe(snap, sequence, universe_kind)
    return interest_benchmark(snap, sequence.focal, U, interests=interests) is None
