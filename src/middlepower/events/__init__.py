"""Event data (GDELT, ICEWS, POLECAT) to contact sequences and balance panels.

METHODS.md §10. Needs the ``data`` extra (and ``dask`` for clusters).
"""

from __future__ import annotations

__all__: list[str] = []
