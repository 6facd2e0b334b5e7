"""Root conftest: names available to every doctest (``mp``, ``np``)."""

from __future__ import annotations

import numpy as np
import pytest

import middlepower as mp


@pytest.fixture(autouse=True)
def _add_doctest_namespace(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["mp"] = mp
    doctest_namespace["np"] = np
