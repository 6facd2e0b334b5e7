r"""Exact reductions: nodes of degree at most two, eliminated and restored.

A node of degree one is never frustrated (it follows its neighbour). A node
of degree two is replaced by an edge between its neighbours with the
product sign and the smaller weight; a parallel edge that this creates
merges into a constant plus one signed edge. :func:`_undo` colours the
eliminated nodes optimally once the rest is coloured.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from middlepower.kernels.frustration._core import BoolArray, FloatArray, IntArray

# An elimination record: (node, first neighbour, its weight, second neighbour,
# its weight); a missing neighbour is -1.
_Record = tuple[int, int, float, int, float]


@dataclass
class _Reduced:
    """A graph after eliminating nodes of degree at most two."""

    u: IntArray
    v: IntArray
    w: FloatArray
    offset: float
    stack: list[_Record]


def _edge_cost(w: float, same: bool) -> float:
    """Frustration of one edge of weight ``w`` whose ends are (not) alike."""
    if w > 0:
        return 0.0 if same else w
    return -w if same else 0.0


def _reduce(u: IntArray, v: IntArray, w: FloatArray) -> _Reduced:
    r"""Eliminate nodes of degree 0, 1 and 2 exactly.

    A node of degree one is never frustrated (it follows its neighbour). A node
    ``a`` of degree two with neighbours ``b`` and ``c`` is replaced by an edge
    ``bc`` of sign :math:`\operatorname{sgn}(w_{ab} w_{ac})` and weight
    :math:`\min(|w_{ab}|, |w_{ac}|)`: the least frustration of the path for
    any colours of ``b`` and ``c``. Parallel edges merge into their cost
    difference :math:`D - S` (cost when ``b``, ``c`` differ minus when they
    agree) plus the constant :math:`\min(S, D)`.
    """
    adj: dict[int, dict[int, float]] = {}
    for a, b, x in zip(u.tolist(), v.tolist(), w.tolist(), strict=True):
        adj.setdefault(a, {})[b] = x
        adj.setdefault(b, {})[a] = x
    queue = [a for a, nb in adj.items() if len(nb) <= 2]
    offset = 0.0
    stack: list[_Record] = []
    while queue:
        a = queue.pop()
        nb = adj.get(a)
        if nb is None or len(nb) > 2:
            continue
        if not nb:
            del adj[a]
            stack.append((a, -1, 0.0, -1, 0.0))
            continue
        if len(nb) == 1:
            ((b, wb),) = nb.items()
            del adj[b][a]
            del adj[a]
            stack.append((a, b, wb, -1, 0.0))
            queue.append(b)
            continue
        (b, wb), (c, wc) = nb.items()
        del adj[b][a]
        del adj[c][a]
        del adj[a]
        stack.append((a, b, wb, c, wc))
        new = math.copysign(min(abs(wb), abs(wc)), wb * wc)
        old = adj[b].get(c)
        if old is None:
            adj[b][c] = adj[c][b] = new
        else:
            same = max(-old, 0.0) + max(-new, 0.0)
            diff = max(old, 0.0) + max(new, 0.0)
            offset += min(same, diff)
            net = diff - same
            if net == 0.0:
                del adj[b][c]
                del adj[c][b]
            else:
                adj[b][c] = adj[c][b] = net
        queue.append(b)
        queue.append(c)
    eu: list[int] = []
    ev: list[int] = []
    ew: list[float] = []
    for a, nb in adj.items():
        for b, x in nb.items():
            if a < b:
                eu.append(a)
                ev.append(b)
                ew.append(x)
    return _Reduced(
        np.array(eu, dtype=np.int64),
        np.array(ev, dtype=np.int64),
        np.array(ew, dtype=np.float64),
        offset,
        stack,
    )


def _undo(stack: list[_Record], colours: BoolArray) -> None:
    """Colour eliminated nodes optimally, in reverse order of elimination."""
    for a, b, wb, c, wc in reversed(stack):
        if b < 0:
            colours[a] = False
        elif c < 0:
            colours[a] = bool(colours[b]) if wb > 0 else not colours[b]
        else:
            xb, xc = bool(colours[b]), bool(colours[c])
            cost_false = _edge_cost(wb, not xb) + _edge_cost(wc, not xc)
            cost_true = _edge_cost(wb, xb) + _edge_cost(wc, xc)
            colours[a] = cost_true < cost_false
