"""Readers of the public data sets researchers use, and the country-code layer.

Correlates of War (formal alliances, direct contiguity, dyadic trade, national
material capabilities, state system membership), ATOP, the peacesciencer
layouts of these, and strategic rivalries (METHODS.md §8). Needs the ``data``
extra: ``pip install "middlepower[data]"``.
"""

from __future__ import annotations

__all__: list[str] = []
