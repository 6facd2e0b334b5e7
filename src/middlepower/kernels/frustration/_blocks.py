"""Block decomposition: solve each biconnected block on its own.

Every edge lies in exactly one biconnected block and a block can be mirrored
at a cut vertex, so the line index is the sum over blocks and the optimal
block colourings are stitched together at the cut vertices. :func:`_solve`
reduces a graph (:mod:`._reduce`), splits it into blocks, recurses into each
and hands a single block to a block solver (enumeration, local search, or
the exact bounds of :mod:`._exact`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from middlepower.kernels.frustration._core import BoolArray, FloatArray, IntArray
from middlepower.kernels.frustration._reduce import _reduce, _undo


def _blocks(k: int, u: IntArray, v: IntArray) -> list[IntArray]:
    """Biconnected components (blocks) as arrays of edge indices.

    Iterative Hopcroft-Tarjan depth-first search. Blocks are returned in an
    order in which every block shares at most one node (a cut vertex) with
    the blocks before it.
    """
    m = u.size
    heads = np.concatenate([u, v])
    order = np.argsort(heads, kind="stable")
    nbr = np.concatenate([v, u])[order].tolist()
    eid = np.concatenate([np.arange(m), np.arange(m)])[order].tolist()
    ptr = np.concatenate([[0], np.cumsum(np.bincount(heads, minlength=k))]).tolist()
    disc = [-1] * k
    low = [0] * k
    clock = 0
    estack: list[int] = []
    blocks: list[IntArray] = []
    for root in range(k):
        if disc[root] != -1 or ptr[root] == ptr[root + 1]:
            continue
        disc[root] = low[root] = clock
        clock += 1
        frames = [[root, -1, ptr[root]]]
        while frames:
            frame = frames[-1]
            x, parent_edge, i = frame
            if i < ptr[x + 1]:
                frame[2] = i + 1
                y = nbr[i]
                e = eid[i]
                if e == parent_edge:
                    continue
                if disc[y] == -1:
                    estack.append(e)
                    disc[y] = low[y] = clock
                    clock += 1
                    frames.append([y, e, ptr[y]])
                elif disc[y] < disc[x]:
                    estack.append(e)
                    low[x] = min(low[x], disc[y])
            else:
                frames.pop()
                if frames:
                    p = frames[-1][0]
                    low[p] = min(low[p], low[x])
                    if low[x] >= disc[p]:
                        block: list[int] = []
                        while True:
                            e = estack.pop()
                            block.append(e)
                            if e == parent_edge:
                                break
                        blocks.append(np.array(block, dtype=np.int64))
    blocks.reverse()
    return blocks


# A block solver: (k, u, v, w) on local nodes 0..k-1 -> (colours, lower bound).
_BlockSolver = Callable[[int, IntArray, IntArray, FloatArray], tuple[BoolArray, float]]


def _solve(
    u: IntArray, v: IntArray, w: FloatArray, colours: BoolArray, base: _BlockSolver
) -> float:
    """Colour the nodes of a graph given by global edge arrays; return a bound.

    Reduces the graph, splits it into blocks, recurses into each block when
    there are several and hands a single block to ``base``. The colouring is
    written into ``colours`` (global node ids); the return value is a lower
    bound on the minimum frustration of the graph.
    """
    red = _reduce(u, v, w)
    bound = red.offset
    if red.u.size:
        m = red.u.size
        nodes, inverse = np.unique(np.concatenate([red.u, red.v]), return_inverse=True)
        lu, lv = inverse[:m], inverse[m:]
        blocks = _blocks(nodes.size, lu, lv)
        if len(blocks) == 1:
            local, block_bound = base(nodes.size, lu, lv, red.w)
            colours[nodes] = local
            bound += block_bound
        else:
            assigned = np.zeros(colours.size, dtype=bool)
            for block in blocks:
                bu, bv = red.u[block], red.v[block]
                members = np.unique(np.concatenate([bu, bv]))
                shared = members[assigned[members]]
                anchor = int(shared[0]) if shared.size else -1
                before = bool(colours[anchor]) if anchor >= 0 else False
                bound += _solve(bu, bv, red.w[block], colours, base)
                if anchor >= 0 and bool(colours[anchor]) != before:
                    colours[members] = ~colours[members]
                assigned[members] = True
    _undo(red.stack, colours)
    return bound
