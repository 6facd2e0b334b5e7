"""Bundled scenarios: the editorial case and comparable cases.

Scenario files are JSON documents (one :class:`~middlepower.Scenario` each) in
the repository's ``seeds/`` folder; the wheel ships them as
``middlepower/seeds``. :func:`load_scenario` finds them in either place.
"""

from __future__ import annotations

import functools
import os
import sys
from importlib import resources
from pathlib import Path

from middlepower.exceptions import UnknownScenarioError
from middlepower.models import Scenario

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover - Python 3.10
    from importlib.abc import Traversable

__all__ = ["list_scenarios", "load_scenario"]


def _seeds_dir() -> Traversable:
    """Return the folder of bundled scenarios (installed package, else repo)."""
    packaged = resources.files("middlepower") / "seeds"
    if packaged.is_dir():
        return packaged
    # running from a source checkout (editable install or PYTHONPATH=src)
    source_tree = Path(__file__).resolve().parents[3] / "seeds"
    return source_tree


def list_scenarios() -> tuple[str, ...]:
    """Return the names of the bundled scenarios, sorted.

    Examples
    --------
    >>> "korea-2025" in mp.list_scenarios()
    True
    """
    folder = _seeds_dir()
    if not folder.is_dir():
        return ()
    return tuple(
        sorted(
            p.name[: -len(".json")]
            for p in folder.iterdir()
            if p.name.endswith(".json")
        )
    )


@functools.lru_cache(maxsize=32)
def _load_bundled(name: str) -> Scenario:
    return Scenario.model_validate_json((_seeds_dir() / f"{name}.json").read_bytes())


def load_scenario(name: str | os.PathLike[str] = "korea-2025") -> Scenario:
    """Load a bundled scenario by name, or a scenario JSON file by path.

    Parameters
    ----------
    name : str or path-like, optional (default="korea-2025")
        A name from :func:`list_scenarios`, or the path of a JSON file holding
        a :class:`~middlepower.Scenario`.

    Returns
    -------
    Scenario
        The validated scenario (scenarios are frozen, so the bundled ones are
        cached and shared safely).

    Raises
    ------
    UnknownScenarioError
        If ``name`` is neither a bundled scenario nor an existing file.
    pydantic.ValidationError
        If the file does not hold a valid scenario.

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> [c.partner for c in sc.sequence().contacts]
    ['USA', 'JPN', 'CHN']
    """
    text = os.fspath(name)
    if text in list_scenarios():
        return _load_bundled(text)
    path = Path(text)
    if path.suffix == ".json" or path.is_file():
        if not path.is_file():
            raise UnknownScenarioError(text, list_scenarios())
        return Scenario.model_validate_json(path.read_bytes())
    raise UnknownScenarioError(text, list_scenarios())
