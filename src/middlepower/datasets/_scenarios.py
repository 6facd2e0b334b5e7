"""Bundled scenarios: the editorial case and comparable cases.

Scenario files are JSON documents (one :class:`~middlepower.Scenario` each) in
the repository's ``seeds/`` folder; the wheel ships them as
``middlepower/seeds``. :func:`load_scenario` finds them in either place.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from middlepower._checks import check_bool, closest, show
from middlepower.exceptions import (
    DataFormatError,
    InvalidArgumentTypeError,
    MissingFileError,
    UnknownScenarioError,
)
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


def _looks_like_path(text: str) -> bool:
    """Whether ``text`` names a file rather than a bundled scenario."""
    return (
        text.endswith(".json")
        or os.sep in text
        or (os.altsep is not None and os.altsep in text)
    )


def load_scenario(
    name: str | os.PathLike[str] = "korea-2025", *, check_codes: bool | None = None
) -> Scenario:
    """Load a bundled scenario by name, or a scenario JSON file by path.

    Parameters
    ----------
    name : str or path-like, optional (default="korea-2025")
        A name from :func:`list_scenarios`, or the path of a JSON file holding
        a :class:`~middlepower.Scenario`. A string ending in ``.json`` or
        holding a path separator is always read as a path.
    check_codes : bool, optional
        ``False`` loads a file with user-defined state codes without the
        registry check (as validation context ``{"check_codes": False}``);
        ``None`` (default) follows the file's own ``check_codes``. Bundled
        scenarios always pass the check.

    Returns
    -------
    Scenario
        The validated scenario (scenarios are frozen, so the bundled ones are
        cached and shared safely).

    Raises
    ------
    InvalidArgumentTypeError
        If ``name`` is not a string or path.
    UnknownScenarioError
        If ``name`` is neither a bundled scenario nor an existing file (with
        the nearest bundled name, if one is close).
    MissingFileError
        If ``name`` is a path (``.json``, or with a folder) that does not
        exist.
    DataFormatError
        If the file is a folder, cannot be read or is not valid JSON (with
        the line).
    pydantic.ValidationError
        If the JSON does not hold a valid scenario.

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> [c.partner for c in sc.sequence().contacts]
    ['USA', 'JPN', 'CHN']
    >>> mp.load_scenario("korea-2052")
    Traceback (most recent call last):
    ...
    middlepower.exceptions.UnknownScenarioError: Unknown scenario 'korea-2052'
    (did you mean 'korea-2025'?); bundled scenarios are: ...
    """
    if isinstance(name, os.PathLike):
        name = os.fspath(name)
    if not isinstance(name, str):
        raise InvalidArgumentTypeError(
            "name must be a scenario name or the path of a scenario JSON file, "
            f"got {show(name)}."
        )
    if check_codes is not None:
        check_bool(check_codes, "check_codes")
    text = name
    bundled = list_scenarios()
    if text in bundled:
        return _load_bundled(text)
    if not text.strip():
        raise UnknownScenarioError(text, bundled)
    path = Path(text)
    if path.is_file():
        return _read_scenario(path, check_codes)
    if path.is_dir():
        raise DataFormatError(text, "is a folder, not a scenario JSON file")
    if _looks_like_path(text):
        raise MissingFileError(text, "Scenario file")
    raise UnknownScenarioError(text, bundled, closest(text, bundled))


def _read_scenario(path: Path, check_codes: bool | None) -> Scenario:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise DataFormatError(
            str(path), f"cannot be read ({err.strerror or err})"
        ) from None
    context = None if check_codes is None else {"check_codes": check_codes}
    try:
        return Scenario.model_validate_json(raw, context=context)
    except ValidationError as err:
        syntax = [e for e in err.errors() if e["type"] == "json_invalid"]
        if not syntax:
            raise
        message = syntax[0]["msg"]
        line = _line_of(message)
        raise DataFormatError(
            str(path),
            f"is not valid JSON ({message.removeprefix('Invalid JSON: ')})",
            line=line,
        ) from None


def _line_of(message: str) -> int | None:
    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else None
