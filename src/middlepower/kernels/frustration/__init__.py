r"""Frustration (line index of balance) of a signed graph: exact and heuristic.

The line index of balance of an undirected signed graph with non-zero edge
weights :math:`w_{uv}` is the least total weight of edges that must be deleted
(equivalently, have their sign flipped) to make the graph balanced [1]_:

.. math::

   L = \min_{x \in \{0, 1\}^n} \sum_{uv \in E} |w_{uv}|\,
       \bigl[(w_{uv} > 0 \wedge x_u \ne x_v) \vee
             (w_{uv} < 0 \wedge x_u = x_v)\bigr],

with :math:`|w_{uv}| = 1` for an unweighted graph. An optimal :math:`x` splits
the nodes into the two camps that leave the fewest frustrated edges.

Graphs are passed as edge arrays: ``n`` nodes labelled ``0 .. n-1`` and, per
undirected edge, its endpoints ``u[k]``, ``v[k]`` and signed weight ``w[k]``.
Functions:

* :func:`frustration_count` -- the frustration of a given colouring;
* :func:`frustration_bruteforce` -- plain enumeration, the test oracle;
* :func:`frustration_exact` -- proven optimum: exact graph reductions, block
  decomposition, enumeration of small blocks, and for larger blocks a local
  search upper bound against lower bounds from unbalanced triangles and the
  cycle-inequality LP relaxation [3]_, with the integer programme of Aref,
  Mason and Wilson [2]_ (HiGHS, through :func:`scipy.optimize.milp`) only
  where a gap remains;
* :func:`frustration_heuristic` -- fast and usually optimal, a bound otherwise.

One concern per private module: ``_core`` (solution type, input checks,
counting), ``_enumerate`` (enumeration), ``_reduce`` (degree-0/1/2
reductions), ``_blocks`` (biconnected blocks), ``_search`` (local search),
``_bounds`` (triangle packing), ``_cuts`` (cycle inequalities), ``_milp``
(HiGHS; the only user of :mod:`scipy.optimize`, imported when first needed),
``_exact`` and ``_heuristic`` (the two solvers). The plain AND programme of
[2]_, the benchmark baseline, lives outside the package in
``benchmarks/and_model.py``.

References
----------
.. [1] Aref, S., and M. C. Wilson. "Measuring Partial Balance in Signed
   Networks." *Journal of Complex Networks* 6, no. 4 (2018): 566-595.
   https://doi.org/10.1093/comnet/cnx044
.. [2] Aref, S., A. J. Mason, and M. C. Wilson. "Computing the Line Index of
   Balance Using Integer Programming Optimisation." In *Optimization Problems
   in Graph Theory*. Cham: Springer, 2018. https://arxiv.org/abs/1710.09876
.. [3] Barahona, F., and A. R. Mahjoub. "On the Cut Polytope." *Mathematical
   Programming* 36, no. 2 (1986): 157-173. https://doi.org/10.1007/BF02592023
"""

from __future__ import annotations

from middlepower.kernels.frustration._core import (
    FrustrationSolution,
    SolutionStatus,
    frustration_count,
)
from middlepower.kernels.frustration._enumerate import frustration_bruteforce
from middlepower.kernels.frustration._exact import frustration_exact
from middlepower.kernels.frustration._heuristic import frustration_heuristic

__all__ = [
    "FrustrationSolution",
    "SolutionStatus",
    "frustration_bruteforce",
    "frustration_count",
    "frustration_exact",
    "frustration_heuristic",
]
