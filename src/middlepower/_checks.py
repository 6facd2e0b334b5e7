"""Argument checks at the public entry points.

Every public function and constructor either works or raises a
:class:`~middlepower.MiddlePowerError` subclass whose one sentence names the
argument and the bad value (and, where it helps, what was expected or the
nearest valid value). The helpers here make those checks one line each at the
top of a public function; kernels never call them, so the checks run once, at
the boundary, never in a hot loop.

A wrong *type* raises :class:`~middlepower.InvalidArgumentTypeError` (also a
``TypeError``); a value of the right type outside its allowed values raises
:class:`~middlepower.InvalidParameterError` (also a ``ValueError``). Numbers
are numbers: ``bool`` and numeric strings are rejected.

The state-code registry check (:func:`check_registered`) is cheap: one set
difference over the distinct codes against a cached ``frozenset``; only an
unknown code costs more (the hints of :func:`~middlepower.validate_codes`).

Examples
--------
>>> from middlepower import _checks
>>> _checks.check_real(0.5, "decay", gt=0, le=1)
0.5
>>> _checks.check_real("0.5", "decay", gt=0, le=1)
Traceback (most recent call last):
...
middlepower.exceptions.InvalidArgumentTypeError: decay must be a number, got str '0.5'.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import numbers
import os
import re
import reprlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from middlepower.exceptions import (
    DataFormatError,
    InvalidArgumentTypeError,
    InvalidParameterError,
    MissingFileError,
    UnregisteredCodeError,
)

if TYPE_CHECKING:  # pragma: no cover - imports for annotations only
    from middlepower.graph import RelationGraph
    from middlepower.metrics.sequence import Salience
    from middlepower.models import ContactSequence

__all__ = [
    "check_bool",
    "check_callable",
    "check_choice",
    "check_code",
    "check_code_list",
    "check_day",
    "check_file",
    "check_focal",
    "check_graph",
    "check_int",
    "check_kind_weights",
    "check_kinds",
    "check_mapping",
    "check_names",
    "check_numbers",
    "check_optional_str",
    "check_pair",
    "check_path",
    "check_pole_codes",
    "check_real",
    "check_registered",
    "check_salience",
    "check_seed",
    "check_sequence",
    "check_str",
    "check_type",
    "check_universe",
    "check_years",
    "closest",
    "registry_codes",
    "show",
    "unregistered_codes",
]

_REPR = reprlib.Repr()
_REPR.maxstring = 40
_REPR.maxother = 50
_REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxdict = 3
_REPR.maxlevel = 2

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def show(value: object) -> str:
    """Name a value for a message: its type and a short repr.

    Parameters
    ----------
    value : object
        Anything.

    Returns
    -------
    str
        ``"None"``, or the type name and a repr cut to about 50 characters.

    Examples
    --------
    >>> from middlepower._checks import show
    >>> show(42), show("abc"), show(None), show(np.zeros((2, 3)))
    ('int 42', "str 'abc'", 'None', 'ndarray of shape (2, 3)')
    """
    if value is None:
        return "None"
    shape = getattr(value, "shape", None)
    if isinstance(shape, tuple) and not isinstance(value, numbers.Number | np.generic):
        return f"{type(value).__name__} of shape {shape}"
    return f"{type(value).__name__} {' '.join(_REPR.repr(value).split())}"


def _fail_type(name: str, expected: str, value: object) -> InvalidArgumentTypeError:
    return InvalidArgumentTypeError(f"{name} must be {expected}, got {show(value)}.")


def check_type(
    value: Any, types: type | tuple[type, ...], name: str, expected: str
) -> Any:
    """Return ``value`` if it is an instance of ``types``, else raise.

    Parameters
    ----------
    value : object
        The argument.
    types : type or tuple of type
        The accepted types.
    name : str
        The argument's name, for the message.
    expected : str
        What was expected, in words (``"a RelationGraph"``).

    Returns
    -------
    object
        ``value``.

    Raises
    ------
    InvalidArgumentTypeError
        If ``value`` has another type.

    Examples
    --------
    >>> from middlepower._checks import check_type
    >>> check_type([1], list, "items", "a list")
    [1]
    """
    if not isinstance(value, types):
        raise _fail_type(name, expected, value)
    return value


def check_str(value: object, name: str, *, expected: str = "a string") -> str:
    """Return ``value`` if it is a ``str``, else raise a type error.

    Parameters
    ----------
    value : object
        The argument.
    name : str
        The argument's name.
    expected : str, optional
        What was expected, in words.

    Returns
    -------
    str
        ``value``.

    Examples
    --------
    >>> from middlepower._checks import check_str
    >>> check_str("KOR", "focal")
    'KOR'
    """
    if not isinstance(value, str):
        raise _fail_type(name, expected, value)
    return value


def check_optional_str(value: object, name: str) -> str | None:
    """Return ``value`` if it is ``None`` or a ``str``, else raise.

    Parameters
    ----------
    value : object
        The argument.
    name : str
        The argument's name.

    Returns
    -------
    str or None
        ``value``.

    Examples
    --------
    >>> from middlepower._checks import check_optional_str
    >>> check_optional_str(None, "name") is None
    True
    """
    if value is None:
        return None
    return check_str(value, name, expected="a string or None")


def check_bool(value: object, name: str) -> bool:
    """Return ``value`` as a ``bool`` if it is one (numpy booleans too), else raise.

    Parameters
    ----------
    value : object
        The argument.
    name : str
        The argument's name.

    Returns
    -------
    bool
        ``value``.

    Examples
    --------
    >>> from middlepower._checks import check_bool
    >>> check_bool(np.True_, "weighted")
    True
    """
    if isinstance(value, bool | np.bool_):
        return bool(value)
    raise _fail_type(name, "True or False", value)


def _bounds_text(
    gt: float | None, ge: float | None, lt: float | None, le: float | None
) -> str:
    if (gt is not None or ge is not None) and (lt is not None or le is not None):
        lo = f"({gt}" if gt is not None else f"[{ge}"
        hi = f"{lt})" if lt is not None else f"{le}]"
        return f"in {lo}, {hi}"
    if gt is not None:
        return f"> {gt}"
    if ge is not None:
        return f">= {ge}"
    if lt is not None:
        return f"< {lt}"
    return f"<= {le}"


def _check_bounds(
    x: float,
    value: object,
    name: str,
    gt: float | None,
    ge: float | None,
    lt: float | None,
    le: float | None,
) -> None:
    bad = (
        (gt is not None and not x > gt)
        or (ge is not None and not x >= ge)
        or (lt is not None and not x < lt)
        or (le is not None and not x <= le)
    )
    if bad:
        raise InvalidParameterError(
            f"{name} must be {_bounds_text(gt, ge, lt, le)}, got {value!r}."
        )


def check_int(
    value: object,
    name: str,
    *,
    ge: int | None = None,
    le: int | None = None,
) -> int:
    """Return ``value`` as an ``int`` if it is an integer within bounds, else raise.

    ``bool``, floats (even ``3.0``) and strings are rejected; numpy integers
    are accepted.

    Parameters
    ----------
    value : object
        The argument.
    name : str
        The argument's name.
    ge, le : int, optional
        Inclusive bounds.

    Returns
    -------
    int
        ``value``.

    Raises
    ------
    InvalidArgumentTypeError
        If ``value`` is not an integer.
    InvalidParameterError
        If it is out of bounds.

    Examples
    --------
    >>> from middlepower._checks import check_int
    >>> check_int(np.int64(3), "limit", ge=1, le=10)
    3
    >>> check_int(0, "limit", ge=1, le=10)
    Traceback (most recent call last):
    ...
    middlepower.exceptions.InvalidParameterError: limit must be in [1, 10], got 0.
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        raise _fail_type(name, "an integer", value)
    out = int(value)
    _check_bounds(out, value, name, None, ge, None, le)
    return out


def check_real(
    value: object,
    name: str,
    *,
    gt: float | None = None,
    ge: float | None = None,
    lt: float | None = None,
    le: float | None = None,
    finite: bool = True,
) -> float:
    """Return ``value`` as a ``float`` if it is a real number within bounds.

    ``bool`` and numeric strings are rejected; ``int`` and numpy numbers are
    accepted.

    Parameters
    ----------
    value : object
        The argument.
    name : str
        The argument's name.
    gt, ge, lt, le : float, optional
        Bounds (strict and inclusive).
    finite : bool, optional (default=True)
        Reject ``nan`` and infinities.

    Returns
    -------
    float
        ``value``.

    Raises
    ------
    InvalidArgumentTypeError
        If ``value`` is not a real number.
    InvalidParameterError
        If it is not finite or out of bounds.

    Examples
    --------
    >>> from middlepower._checks import check_real
    >>> check_real(2, "half_life_days", gt=0)
    2.0
    >>> check_real(float("nan"), "half_life_days", gt=0)
    Traceback (most recent call last):
    ...
    middlepower.exceptions.InvalidParameterError: half_life_days must be finite, ...
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise _fail_type(name, "a number", value)
    x = float(value)
    if finite and not math.isfinite(x):
        raise InvalidParameterError(f"{name} must be finite, got {value!r}.")
    _check_bounds(x, value, name, gt, ge, lt, le)
    return x


def check_choice(value: object, name: str, choices: Sequence[str]) -> str:
    """Return ``value`` if it is one of ``choices``, else raise with a suggestion.

    Parameters
    ----------
    value : object
        The argument.
    name : str
        The argument's name.
    choices : sequence of str
        The allowed values.

    Returns
    -------
    str
        ``value``.

    Raises
    ------
    InvalidArgumentTypeError
        If ``value`` is not a string.
    InvalidParameterError
        If it is not one of ``choices`` (naming the nearest one).

    Examples
    --------
    >>> from middlepower._checks import check_choice
    >>> check_choice("ties", "universe", ("contacted", "ties"))
    'ties'
    >>> check_choice("contact", "universe", ("contacted", "ties"))
    Traceback (most recent call last):
    ...
    middlepower.exceptions.InvalidParameterError: Unknown universe 'contact' (did
    you mean 'contacted'?); expected one of 'contacted', 'ties'.
    """
    listed = ", ".join(repr(c) for c in choices)
    if not isinstance(value, str):
        raise _fail_type(name, f"one of {listed}", value)
    if value not in choices:
        near = closest(value, choices)
        hint = f" (did you mean {near!r}?)" if near else ""
        raise InvalidParameterError(
            f"Unknown {name} {value!r}{hint}; expected one of {listed}."
        )
    return value


def check_seed(seed: object, name: str = "seed", *, generator: bool = True) -> Any:
    """Return ``seed`` if :func:`numpy.random.default_rng` can take it.

    Accepted: ``None``, a non-negative integer, a
    :class:`numpy.random.Generator`, ``BitGenerator`` or ``SeedSequence``
    (the last three only with ``generator=True``).

    Parameters
    ----------
    seed : object
        The argument.
    name : str, optional (default="seed")
        The argument's name.
    generator : bool, optional (default=True)
        Whether a generator is accepted (not where the result reports the
        seed to replay the run).

    Returns
    -------
    object
        ``seed`` (an integer as ``int``).

    Raises
    ------
    InvalidArgumentTypeError
        For a string, a float, a bool or anything else.
    InvalidParameterError
        For a negative integer.

    Examples
    --------
    >>> from middlepower._checks import check_seed
    >>> check_seed(7), check_seed(None)
    (7, None)
    >>> check_seed("abc")
    Traceback (most recent call last):
    ...
    middlepower.exceptions.InvalidArgumentTypeError: seed must be None, a
    non-negative integer or a numpy.random.Generator, got str 'abc'.
    """
    if seed is None or (
        generator
        and isinstance(
            seed, np.random.Generator | np.random.BitGenerator | np.random.SeedSequence
        )
    ):
        return seed
    if isinstance(seed, bool | np.bool_) or not isinstance(seed, numbers.Integral):
        raise _fail_type(
            name,
            "None, a non-negative integer or a numpy.random.Generator"
            if generator
            else "None or a non-negative integer",
            seed,
        )
    out = int(seed)
    if out < 0:
        raise InvalidParameterError(f"{name} must be >= 0, got {seed!r}.")
    return out


def check_pair(value: object, name: str) -> tuple[float, float]:
    """Return ``value`` as a ``(low, high)`` pair of finite numbers, low <= high.

    Parameters
    ----------
    value : object
        The argument (a tuple or list of two numbers).
    name : str
        The argument's name (``"decay_range"``).

    Returns
    -------
    tuple of float
        ``(low, high)``.

    Raises
    ------
    InvalidArgumentTypeError
        For anything but two numbers.
    InvalidParameterError
        If ``low > high`` or a bound is not finite.

    Examples
    --------
    >>> from middlepower._checks import check_pair
    >>> check_pair([0.25, 0.75], "decay_range")
    (0.25, 0.75)
    >>> check_pair(5, "decay_range")
    Traceback (most recent call last):
    ...
    middlepower.exceptions.InvalidArgumentTypeError: decay_range must be a (low,
    high) pair of numbers, got int 5.
    """
    expected = "a (low, high) pair of numbers"
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise _fail_type(name, expected, value)
    if any(isinstance(v, bool) or not isinstance(v, numbers.Real) for v in value):
        raise _fail_type(name, expected, value)
    lo, hi = (check_real(v, name) for v in value)
    if lo > hi:
        raise InvalidParameterError(f"{name} must have low <= high, got {value!r}.")
    return lo, hi


def check_numbers(value: object, name: str) -> tuple[float, ...]:
    """Return ``value`` as a tuple of finite numbers (a bare number is rejected).

    Parameters
    ----------
    value : object
        The argument: an iterable of numbers.
    name : str
        The argument's name (``"quantiles"``).

    Returns
    -------
    tuple of float
        The numbers.

    Examples
    --------
    >>> from middlepower._checks import check_numbers
    >>> check_numbers([0.05, 0.5], "quantiles")
    (0.05, 0.5)
    >>> check_numbers([0.5, "x"], "quantiles")
    Traceback (most recent call last):
    ...
    middlepower.exceptions.InvalidArgumentTypeError: quantiles must hold numbers,
    got str 'x'.
    """
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise _fail_type(name, "a sequence of numbers", value)
    out = []
    for v in value:
        if isinstance(v, bool | np.bool_) or not isinstance(v, numbers.Real):
            raise InvalidArgumentTypeError(f"{name} must hold numbers, got {show(v)}.")
        out.append(check_real(v, name))
    return tuple(out)


def check_names(
    value: object, name: str, choices: Sequence[str], *, item: str | None = None
) -> tuple[str, ...]:
    """Return ``value`` as a tuple of names, each one of ``choices``.

    Parameters
    ----------
    value : object
        The argument: an iterable of strings (a bare string is rejected).
    name : str
        The argument's name (``"schemes"``).
    choices : sequence of str
        The allowed names.
    item : str, optional
        What one name is, for the message (``"salience scheme"``; default
        ``name``).

    Returns
    -------
    tuple of str
        The names.

    Examples
    --------
    >>> from middlepower._checks import check_names
    >>> check_names(["uniform"], "schemes", ("harmonic", "uniform"))
    ('uniform',)
    >>> check_names(5, "schemes", ("harmonic", "uniform"))
    Traceback (most recent call last):
    ...
    middlepower.exceptions.InvalidArgumentTypeError: schemes must be a sequence of
    names ('harmonic', 'uniform'), got int 5.
    """
    listed = ", ".join(repr(c) for c in choices)
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise _fail_type(name, f"a sequence of names ({listed})", value)
    out = tuple(value)
    for v in out:
        if not isinstance(v, str):
            raise InvalidArgumentTypeError(f"{name} must hold names, got {show(v)}.")
        if v not in choices:
            near = closest(v, choices)
            hint = f" (did you mean {near!r}?)" if near else ""
            raise InvalidParameterError(
                f"Unknown {item or name} {v!r} in {name}{hint}; expected one of "
                f"{listed}."
            )
    return out


def check_callable(value: object, name: str) -> Any:
    """Return ``value`` if it is ``None`` or callable.

    Parameters
    ----------
    value : object
        The argument.
    name : str
        The argument's name (``"progress"``).

    Returns
    -------
    callable or None
        ``value``.

    Examples
    --------
    >>> from middlepower._checks import check_callable
    >>> check_callable(print, "progress") is print
    True
    >>> check_callable(5, "progress")
    Traceback (most recent call last):
    ...
    middlepower.exceptions.InvalidArgumentTypeError: progress must be a callable or
    None, got int 5.
    """
    if value is None or callable(value):
        return value
    raise _fail_type(name, "a callable or None", value)


def check_code(value: object, name: str) -> str:
    """Return ``value`` if it is a state code string (form not checked).

    Parameters
    ----------
    value : object
        The argument.
    name : str
        The argument's name.

    Returns
    -------
    str
        ``value``.

    Examples
    --------
    >>> from middlepower._checks import check_code
    >>> check_code("KOR", "focal")
    'KOR'
    """
    return check_str(value, name, expected="a state code string such as 'KOR'")


def check_code_list(
    value: object, name: str, *, example: str = "('USA', 'CHN')"
) -> tuple[str, ...]:
    """Return ``value`` as a tuple of state codes; a bare string is rejected.

    Parameters
    ----------
    value : object
        The argument: a list, tuple or other iterable of strings.
    name : str
        The argument's name.
    example : str, optional
        An example of a valid value, for the message.

    Returns
    -------
    tuple of str
        The codes, in order.

    Raises
    ------
    InvalidArgumentTypeError
        For a string, a non-iterable, or an item that is not a string.

    Examples
    --------
    >>> from middlepower._checks import check_code_list
    >>> check_code_list(["USA", "CHN"], "poles")
    ('USA', 'CHN')
    >>> check_code_list("USA", "poles")
    Traceback (most recent call last):
    ...
    middlepower.exceptions.InvalidArgumentTypeError: poles must be a sequence of
    state codes such as ('USA', 'CHN'), got str 'USA'.
    """
    expected = f"a sequence of state codes such as {example}"
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise _fail_type(name, expected, value)
    out = tuple(value)
    for item in out:
        if not isinstance(item, str):
            raise InvalidArgumentTypeError(
                f"{name} must hold state code strings, got {show(item)} in "
                f"{_REPR.repr(value)}."
            )
    return out


def check_pole_codes(poles: object, name: str = "poles") -> tuple[str, ...]:
    """Return ``poles`` as a tuple of at least two distinct code strings.

    Whether the poles are states of a graph is checked by the measure.

    Parameters
    ----------
    poles : object
        The argument.
    name : str, optional (default="poles")
        The argument's name.

    Returns
    -------
    tuple of str
        The poles.

    Raises
    ------
    InvalidArgumentTypeError
        For a string, a non-iterable or a non-string pole.
    InvalidParameterError
        For fewer than two poles or a repeated pole.

    Examples
    --------
    >>> from middlepower._checks import check_pole_codes
    >>> check_pole_codes(("USA", "CHN"))
    ('USA', 'CHN')
    """
    out = check_code_list(poles, name)
    if len(out) < 2:
        raise InvalidParameterError(
            f"{name} must name at least two states, got {list(out)}."
        )
    if len(set(out)) != len(out):
        raise InvalidParameterError(f"{name} {list(out)} repeat a state.")
    return out


def check_mapping(value: object, name: str, *, optional: bool = True) -> Any:
    """Return ``value`` if it is a mapping (or ``None`` when optional).

    Parameters
    ----------
    value : object
        The argument.
    name : str
        The argument's name.
    optional : bool, optional (default=True)
        Whether ``None`` is accepted.

    Returns
    -------
    mapping or None
        ``value``.

    Examples
    --------
    >>> from middlepower._checks import check_mapping
    >>> check_mapping({"trade": 1.0}, "interests")
    {'trade': 1.0}
    """
    if value is None and optional:
        return None
    if not isinstance(value, Mapping):
        expected = "a mapping" + (" or None" if optional else "")
        raise _fail_type(name, expected, value)
    return value


def check_kind_weights(value: object, name: str) -> Any:
    """Return ``value`` if it is ``None`` or a mapping of tie kind to weight.

    The kinds and weights themselves are checked where they are used.

    Parameters
    ----------
    value : object
        The argument.
    name : str
        The argument's name (``"interests"``).

    Returns
    -------
    mapping or None
        ``value``.

    Examples
    --------
    >>> from middlepower._checks import check_kind_weights
    >>> check_kind_weights(None, "interests") is None
    True
    """
    if value is None or isinstance(value, Mapping):
        return value
    raise _fail_type(name, "a mapping of tie kind to weight, or None", value)


def check_kinds(value: object, name: str = "kinds") -> Any:
    """Return ``value`` if it is ``None``, a mapping, a kind or an iterable of kinds.

    Parameters
    ----------
    value : object
        The argument.
    name : str, optional (default="kinds")
        The argument's name.

    Returns
    -------
    object
        ``value`` (an iterable other than a mapping or string as a tuple).

    Examples
    --------
    >>> from middlepower._checks import check_kinds
    >>> check_kinds(["alliance", "rivalry"])
    ('alliance', 'rivalry')
    """
    if value is None or isinstance(value, Mapping | str):
        return value
    expected = "a mapping of tie kind to weight, or a sequence of tie kinds"
    if not isinstance(value, Iterable):
        raise _fail_type(name, expected, value)
    out = tuple(value)
    for item in out:
        if not isinstance(item, str):  # TieKind is a str enum
            raise InvalidArgumentTypeError(
                f"{name} must hold tie kind names, got {show(item)}."
            )
    return out


def check_universe(value: object) -> str:
    """Return ``value`` if it is ``"contacted"`` or ``"ties"``.

    Parameters
    ----------
    value : object
        The ``universe`` argument.

    Returns
    -------
    str
        ``value``.

    Examples
    --------
    >>> from middlepower._checks import check_universe
    >>> check_universe("ties")
    'ties'
    """
    return check_choice(value, "universe", ("contacted", "ties"))


def check_path(value: object, name: str) -> str:
    """Return the text of a path given as ``str`` or ``os.PathLike``.

    Parameters
    ----------
    value : object
        The argument.
    name : str
        The argument's name.

    Returns
    -------
    str
        ``os.fspath(value)``.

    Examples
    --------
    >>> from pathlib import Path
    >>> from middlepower._checks import check_path
    >>> check_path(Path("b.json"), "path")
    'b.json'
    """
    if isinstance(value, str):
        return value
    if isinstance(value, os.PathLike):
        out = os.fspath(value)
        if isinstance(out, str):
            return out
    raise _fail_type(name, "a path (str or os.PathLike)", value)


def check_file(value: object, name: str = "path", what: str = "File") -> str:
    """Return the text of the path of an existing file (not a folder).

    A zip archive (a name ending in ``.zip``) must also be readable as one.

    Parameters
    ----------
    value : object
        The argument (``str`` or ``os.PathLike``).
    name : str, optional (default="path")
        The argument's name.
    what : str, optional (default="File")
        What the file is, for the message of a missing file.

    Returns
    -------
    str
        ``os.fspath(value)``.

    Raises
    ------
    InvalidArgumentTypeError
        For anything but a path.
    MissingFileError
        If nothing exists at the path.
    DataFormatError
        If it is a folder, or a ``.zip`` that is not a zip archive.

    Examples
    --------
    >>> from middlepower._checks import check_file
    >>> check_file("no/such/file.csv")
    Traceback (most recent call last):
    ...
    middlepower.exceptions.MissingFileError: File 'no/such/file.csv' does not exist.
    """
    path = check_path(value, name)
    if not os.path.exists(path):
        raise MissingFileError(path, what)
    if os.path.isdir(path):
        raise DataFormatError(path, "is a folder, not a file")
    if path.lower().endswith(".zip"):
        import zipfile

        if not zipfile.is_zipfile(path):
            raise DataFormatError(path, "not a readable zip archive")
    return path


def check_years(value: object, name: str = "years") -> tuple[int, ...] | None:
    """Return ``value`` as a tuple of integer years, or ``None``.

    Parameters
    ----------
    value : object
        ``None`` or an iterable of integers (a bare number or string is
        rejected; numpy integers are accepted, bools and floats are not).
    name : str, optional (default="years")
        The argument's name.

    Returns
    -------
    tuple of int or None
        The years.

    Examples
    --------
    >>> from middlepower._checks import check_years
    >>> check_years(range(2010, 2013))
    (2010, 2011, 2012)
    >>> check_years(2012)
    Traceback (most recent call last):
    ...
    middlepower.exceptions.InvalidArgumentTypeError: years must be a sequence of
    integer years or None, got int 2012.
    """
    if value is None:
        return None
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise _fail_type(name, "a sequence of integer years or None", value)
    out = []
    for year in value:
        if isinstance(year, bool | np.bool_) or not isinstance(year, numbers.Integral):
            raise InvalidArgumentTypeError(
                f"{name} must hold integer years, got {show(year)}."
            )
        out.append(int(year))
    return tuple(out)


def check_focal(value: object, name: str = "focal") -> str | tuple[str, ...] | None:
    """Return ``value`` if it is ``None``, a state code or a sequence of codes.

    Parameters
    ----------
    value : object
        The argument.
    name : str, optional (default="focal")
        The argument's name.

    Returns
    -------
    str or tuple of str or None
        ``value`` (a sequence as a tuple).

    Examples
    --------
    >>> from middlepower._checks import check_focal
    >>> check_focal("KOR"), check_focal(["KOR", "JPN"]), check_focal(None)
    ('KOR', ('KOR', 'JPN'), None)
    >>> check_focal(5)
    Traceback (most recent call last):
    ...
    middlepower.exceptions.InvalidArgumentTypeError: focal must be a state code,
    a sequence of them or None, got int 5.
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bytes | Mapping) or not isinstance(value, Iterable):
        raise _fail_type(name, "a state code, a sequence of them or None", value)
    out = tuple(value)
    for item in out:
        if not isinstance(item, str):
            raise InvalidArgumentTypeError(
                f"{name} must hold state code strings, got {show(item)}."
            )
    return out


def check_day(value: object, name: str = "day") -> dt.date:
    """Return a day given as a date, a datetime (its date) or an ISO string.

    Parameters
    ----------
    value : object
        The argument.
    name : str, optional (default="day")
        The argument's name.

    Returns
    -------
    datetime.date
        The day.

    Raises
    ------
    InvalidArgumentTypeError
        For any other type.
    InvalidParameterError
        For a string that is not an ISO date ``YYYY-MM-DD``.

    Examples
    --------
    >>> from middlepower._checks import check_day
    >>> check_day("2025-06-04")
    datetime.date(2025, 6, 4)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        if _ISO_DAY.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise InvalidParameterError(
            f"{name} {value!r} is not an ISO date (expected 'YYYY-MM-DD')."
        )
    raise _fail_type(name, "a datetime.date or an ISO date string 'YYYY-MM-DD'", value)


def check_graph(graph: object, name: str = "graph") -> RelationGraph:
    """Return ``graph`` if it is a :class:`~middlepower.RelationGraph`.

    Parameters
    ----------
    graph : object
        The argument.
    name : str, optional (default="graph")
        The argument's name.

    Returns
    -------
    RelationGraph
        ``graph``.

    Raises
    ------
    InvalidArgumentTypeError
        Otherwise (a networkx graph gets a hint to convert it).

    Examples
    --------
    >>> from middlepower._checks import check_graph
    >>> check_graph([])
    Traceback (most recent call last):
    ...
    middlepower.exceptions.InvalidArgumentTypeError: graph must be a
    RelationGraph, got list [].
    """
    from middlepower.graph import RelationGraph

    if isinstance(graph, RelationGraph):
        return graph
    expected = "a RelationGraph"
    if type(graph).__module__.startswith("networkx"):
        expected += " (convert a networkx graph with RelationGraph.from_networkx)"
    raise _fail_type(name, expected, graph)


def check_sequence(sequence: object, name: str = "sequence") -> ContactSequence:
    """Return ``sequence`` if it is a :class:`~middlepower.ContactSequence`.

    Parameters
    ----------
    sequence : object
        The argument.
    name : str, optional (default="sequence")
        The argument's name.

    Returns
    -------
    ContactSequence
        ``sequence``.

    Raises
    ------
    InvalidArgumentTypeError
        Otherwise (a list of contacts gets a hint to wrap it).

    Examples
    --------
    >>> from middlepower._checks import check_sequence
    >>> check_sequence(mp.load_scenario("korea-2025").sequence()).focal
    'KOR'
    """
    from middlepower.models import Contact, ContactSequence

    if isinstance(sequence, ContactSequence):
        return sequence
    expected = "a ContactSequence"
    if isinstance(sequence, list | tuple) and any(
        isinstance(c, Contact) for c in sequence
    ):
        expected += " (wrap the contacts: ContactSequence(focal=..., contacts=[...]))"
    raise _fail_type(name, expected, sequence)


def check_salience(salience: object, name: str = "salience") -> str | Salience:
    """Return ``salience`` if it is a scheme name or a :class:`~middlepower.Salience`.

    The scheme name itself is checked by :class:`~middlepower.Salience`.

    Parameters
    ----------
    salience : object
        The argument.
    name : str, optional (default="salience")
        The argument's name.

    Returns
    -------
    str or Salience
        ``salience``.

    Examples
    --------
    >>> from middlepower._checks import check_salience
    >>> check_salience("uniform")
    'uniform'
    """
    from middlepower.metrics.sequence import Salience

    if isinstance(salience, str | Salience):
        return salience
    raise _fail_type(name, "a salience scheme name or a Salience", salience)


# -- did you mean -------------------------------------------------------------


def _osa_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (edits and adjacent transpositions)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def closest(value: str, choices: Iterable[str]) -> str | None:
    """Return the choice nearest to ``value``, if one is close enough.

    Close enough: at most ``max(1, len(value) // 3)`` edits (insertions,
    deletions, substitutions or swaps of neighbours), ignoring case. Ties go
    to a choice with the same letters (a swap), then one of the same length,
    then alphabetical order.

    Parameters
    ----------
    value : str
        What was given.
    choices : iterable of str
        The valid values.

    Returns
    -------
    str or None
        The nearest valid value, or ``None``.

    Examples
    --------
    >>> from middlepower._checks import closest
    >>> (
    ...     closest("CNH", ["CAN", "CHN", "USA"]),
    ...     closest("harmonc", ["harmonic", "linear"]),
    ... )
    ('CHN', 'harmonic')
    >>> closest("XQZ", ["CHN", "USA"]) is None
    True
    """
    if not isinstance(value, str) or not value:
        return None
    limit = max(1, len(value) // 3)
    folded = value.casefold()
    best: tuple[int, int, int, str] | None = None
    for choice in choices:
        if not isinstance(choice, str) or abs(len(choice) - len(value)) > limit:
            continue
        d = _osa_distance(folded, choice.casefold())
        if d > limit:
            continue
        anagram = sorted(choice.casefold()) == sorted(folded)
        key = (d, 0 if anagram else 1, 0 if len(choice) == len(value) else 1, choice)
        if best is None or key < best:
            best = key
    return None if best is None else best[-1]


# -- the state-code registry --------------------------------------------------


@functools.cache
def registry_codes() -> frozenset[str]:
    """Return the codes that scenarios and graphs are checked against.

    The ``"state"`` scheme of :func:`~middlepower.known_codes`: ISO 3166-1
    alpha-3 plus the bundled historical codes (``"SUN"``, ``"YUG"``,
    ``"DDR"``...).

    Returns
    -------
    frozenset of str
        The registered codes.

    Examples
    --------
    >>> from middlepower._checks import registry_codes
    >>> {"KOR", "CHN", "DDR", "YUG"} <= registry_codes()
    True
    """
    from middlepower.registry import known_codes

    return known_codes("state")


def unregistered_codes(codes: Iterable[str]) -> list[str]:
    """Return the codes not in :func:`registry_codes`, each once, in order.

    One set difference against the cached registry: cheap enough for graphs
    built year after year from real data.

    Parameters
    ----------
    codes : iterable of str
        The codes to check.

    Returns
    -------
    list of str
        The unregistered ones (empty when all are known).

    Examples
    --------
    >>> from middlepower._checks import unregistered_codes
    >>> unregistered_codes(["KOR", "CNH", "KOR", "XXA"])
    ['CNH', 'XXA']
    """
    distinct = codes if isinstance(codes, Collection) else list(codes)
    unknown = set(distinct) - registry_codes()
    if not unknown:
        return []
    return [c for c in dict.fromkeys(distinct) if c in unknown]


def check_registered(codes: Iterable[str]) -> None:
    """Raise :class:`~middlepower.UnregisteredCodeError` for unregistered codes.

    The message is that of :func:`~middlepower.validate_codes` with the
    ``"state"`` registry (a "did you mean", a COW letter code given for an
    ISO3 one, a former ISO code) and says how to opt out.

    Parameters
    ----------
    codes : iterable of str
        The codes to check.

    Raises
    ------
    UnregisteredCodeError
        Naming every unregistered code.

    Examples
    --------
    >>> from middlepower._checks import check_registered
    >>> check_registered(["KOR", "USA"])
    >>> check_registered(["CNH"])
    Traceback (most recent call last):
    ...
    middlepower.exceptions.UnregisteredCodeError: Unknown state code 'CNH' in the
    state registry; did you mean 'CHN'? (pass check_codes=False for user-defined
    codes)
    """
    unknown = unregistered_codes(codes)
    if not unknown:
        return
    from middlepower.exceptions import UnknownStateError
    from middlepower.registry import suggest, validate_codes

    try:
        validate_codes(unknown, "state")
        message = None  # pragma: no cover - the registries agree
    except UnknownStateError as err:
        message = str(err)
    near = {c: suggest(c, "state") for c in unknown}
    raise UnregisteredCodeError(
        tuple(unknown),
        {c: s for c, s in near.items() if s is not None},
        message=message,
    )
