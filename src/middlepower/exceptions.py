"""The middlepower error hierarchy.

Every error the library raises on purpose derives from :class:`MiddlePowerError`.
Each subclass also derives from the built-in exception that fits (``ValueError``
or ``KeyError``), so code that catches built-ins keeps working. Messages are one
sentence that names the offending value.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "DataFormatError",
    "InvalidGraphError",
    "InvalidParameterError",
    "MiddlePowerError",
    "UnknownScenarioError",
    "UnknownStateError",
]


class MiddlePowerError(Exception):
    """Base class for every error raised by middlepower.

    Examples
    --------
    Catch any of the library's deliberate errors at once:

    >>> try:
    ...     mp.load_scenario("atlantis")
    ... except mp.MiddlePowerError as err:
    ...     print(type(err).__name__)
    UnknownScenarioError
    """


class _KeyErrorMessage(KeyError):
    """A ``KeyError`` whose ``str()`` is its message, not its quoted repr."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class UnknownStateError(MiddlePowerError, _KeyErrorMessage):
    """A state code that the graph, scenario or registry does not know.

    Parameters
    ----------
    codes : str or iterable of str
        The unknown code(s).
    where : str, optional
        What was searched, for the message (e.g. ``"the relation graph"``).

    Examples
    --------
    >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
    >>> try:
    ...     g.state("XYZ")
    ... except mp.UnknownStateError as err:
    ...     print(err)
    ...     print(err.codes, isinstance(err, KeyError))
    Unknown state code 'XYZ' in the relation graph.
    ('XYZ',) True
    """

    def __init__(
        self, codes: str | list[str] | tuple[str, ...], where: str = ""
    ) -> None:
        if isinstance(codes, str):
            codes = (codes,)
        self.codes: tuple[str, ...] = tuple(codes)
        listed = ", ".join(repr(c) for c in self.codes)
        noun = "state code" if len(self.codes) == 1 else "state codes"
        place = f" in {where}" if where else ""
        super().__init__(f"Unknown {noun} {listed}{place}.")


class UnknownScenarioError(MiddlePowerError, _KeyErrorMessage):
    """A bundled scenario name that does not exist.

    Parameters
    ----------
    name : str
        The name asked for.
    available : tuple of str
        The bundled scenario names, listed in the message.

    Examples
    --------
    >>> try:
    ...     mp.load_scenario("korea-1948")
    ... except mp.UnknownScenarioError as err:
    ...     print(err)
    Unknown scenario 'korea-1948'; bundled scenarios are: australia-2022-albanese, ...
    """

    def __init__(self, name: str, available: tuple[str, ...]) -> None:
        self.name = name
        self.available = available
        super().__init__(
            f"Unknown scenario {name!r}; bundled scenarios are: {', '.join(available)}."
        )


class InvalidGraphError(MiddlePowerError, ValueError):
    """A graph that a measure cannot take (directed, self-loops, missing signs...).

    Examples
    --------
    >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
    >>> try:
    ...     g.at("June 4")
    ... except mp.InvalidGraphError as err:
    ...     print(err)
    Day 'June 4' is not an ISO date.
    """


class InvalidParameterError(MiddlePowerError, ValueError):
    """An argument outside its allowed values (bad poles, weights, scheme...).

    Examples
    --------
    >>> seq = mp.load_scenario("korea-2025").sequence()
    >>> try:
    ...     mp.salience_weights(seq, "cubic")
    ... except mp.InvalidParameterError as err:
    ...     print(err)
    Unknown salience scheme 'cubic'; expected one of 'harmonic', 'geometric', ...
    """


class DataFormatError(MiddlePowerError, ValueError):
    """A data file (or table) that is not in the format its reader expects.

    The message names the file, and where known the line and the missing or
    unexpected columns, so that a researcher can open the file at the right
    place.

    Parameters
    ----------
    path : str
        The file (or a description of the table, e.g. ``"<DataFrame>"``).
    problem : str
        What is wrong, one clause (e.g. ``"the header lacks columns"``).
    line : int, optional
        1-based line number in the file, when one line is at fault.
    missing, unexpected : sequence of str, optional
        Columns the format needs but the file lacks, and columns the file
        has that the format does not know.

    Examples
    --------
    >>> err = mp.DataFormatError(
    ...     "atop5_1dy.csv", "the header is not ATOP 5.x dyad-year", missing=["mem1"]
    ... )
    >>> print(err)
    atop5_1dy.csv: the header is not ATOP 5.x dyad-year; missing columns: 'mem1'.
    >>> isinstance(err, ValueError), err.missing
    (True, ('mem1',))
    """

    def __init__(
        self,
        path: str,
        problem: str,
        *,
        line: int | None = None,
        missing: Sequence[str] = (),
        unexpected: Sequence[str] = (),
    ) -> None:
        self.path = str(path)
        self.problem = problem
        self.line = line
        self.missing: tuple[str, ...] = tuple(missing)
        self.unexpected: tuple[str, ...] = tuple(unexpected)
        where = f"{self.path}, line {line}" if line is not None else self.path
        parts = [problem]
        if self.missing:
            parts.append("missing columns: " + ", ".join(map(repr, self.missing)))
        if self.unexpected:
            parts.append("unexpected columns: " + ", ".join(map(repr, self.unexpected)))
        super().__init__(f"{where}: " + "; ".join(parts) + ".")
