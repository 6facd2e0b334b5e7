"""Numpy kernels: every measure once, as a pure function over arrays.

Kernels take dense numpy matrices with an explicit node order and know nothing
of pydantic models or networkx graphs; the public measures in
:mod:`middlepower.metrics` convert their inputs and call these.
"""
