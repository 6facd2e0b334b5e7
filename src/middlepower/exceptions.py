"""The middlepower error hierarchy.

Every error the library raises on purpose derives from :class:`MiddlePowerError`.
Each subclass also derives from the built-in exception that fits (``ValueError``,
``TypeError``, ``KeyError`` or ``FileNotFoundError``), so code that catches
built-ins keeps working. Messages are one sentence that names the offending
argument and value, and where it helps what was expected or the nearest valid
value. Invalid model fields are reported by pydantic's ``ValidationError``
instead (see ``docs/errors.md``).

The hierarchy::

    MiddlePowerError
    ├── InvalidArgumentTypeError   (TypeError)   an argument of the wrong type
    ├── InvalidParameterError      (ValueError)  an argument outside its values
    ├── InvalidGraphError          (ValueError)  a graph a measure cannot take
    ├── DataFormatError            (ValueError)  a file not in its format
    ├── MissingFileError           (FileNotFoundError)
    ├── UnknownScenarioError       (KeyError)
    ├── UnknownSequenceError       (KeyError)
    ├── UnknownStateError          (KeyError)
    │   └── UnregisteredCodeError  a code not in the state-code registry
    ├── EmptySequenceError         (ValueError)  no contact in the period
    ├── UnalignedPartnerError      (ValueError)  strict=True: a partner without
    │   │                                        an alignment tie to any pole
    │   └── PolesNotReachedError                 ... and no partner has one
    └── UndefinedBenchmarkError    (ValueError)  strict=True: no interest tie

Warnings say that a number was computed but rests on an assumption rather
than on the data (a "silent verdict" otherwise); ``strict=True`` turns each
into the matching error above::

    MiddlePowerWarning (UserWarning)
    ├── UnalignedPartnerWarning     a contacted partner is tied to no pole:
    │   │                           its alignment 1/m is assumed
    │   └── PolesNotReachedWarning  no contacted partner is tied to a pole:
    │                               E = 1 and tilt = 0 say nothing
    └── UndefinedBenchmarkWarning   no interest tie to any partner:
                                    proportionality/concordance are None
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

__all__ = [
    "DataFormatError",
    "EmptySequenceError",
    "InvalidArgumentTypeError",
    "InvalidGraphError",
    "InvalidParameterError",
    "MiddlePowerError",
    "MiddlePowerWarning",
    "MissingFileError",
    "PolesNotReachedError",
    "PolesNotReachedWarning",
    "UnalignedPartnerError",
    "UnalignedPartnerWarning",
    "UndefinedBenchmarkError",
    "UndefinedBenchmarkWarning",
    "UnknownScenarioError",
    "UnknownSequenceError",
    "UnknownStateError",
    "UnregisteredCodeError",
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
        The unknown code(s). Any other value is named as given.
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

    def __init__(self, codes: object, where: str = "") -> None:
        self.codes: tuple[object, ...] = _as_tuple(codes)
        listed = ", ".join(repr(c) for c in self.codes)
        noun = "state code" if len(self.codes) == 1 else "state codes"
        place = f" in {where}" if where else ""
        super().__init__(f"Unknown {noun} {listed}{place}.")


class UnregisteredCodeError(UnknownStateError):
    """A state code that is not in the state-code registry.

    Scenarios and relation graphs check their codes against ISO 3166-1
    alpha-3 and the bundled historical codes (the ``"state"`` registry of
    :func:`~middlepower.known_codes`) unless built with ``check_codes=False``
    (for user-defined codes).

    Parameters
    ----------
    codes : str or iterable of str
        The unregistered codes.
    suggestions : mapping of str to str, optional
        The registered code each probably stands for (:attr:`suggestions`).
    message : str, optional
        The registry's description of the codes (with its hints); by default
        one is built from ``codes`` and ``suggestions``.

    Examples
    --------
    >>> from middlepower.exceptions import UnregisteredCodeError
    >>> tie = mp.Tie(source="CNH", target="USA", kind="rivalry", strength=1)
    >>> try:
    ...     mp.RelationGraph([tie])
    ... except UnregisteredCodeError as err:
    ...     print(err)
    ...     print(err.suggestions, isinstance(err, mp.UnknownStateError))
    Unknown state code 'CNH' in the state registry; did you mean 'CHN'? (pass ...)
    {'CNH': 'CHN'} True
    """

    def __init__(
        self,
        codes: object,
        suggestions: Mapping[str, str] | None = None,
        *,
        message: str | None = None,
    ) -> None:
        self.codes = _as_tuple(codes)
        self.suggestions: dict[str, str] = dict(suggestions or {})
        if message is None:
            listed = ", ".join(
                repr(c)
                + (
                    f" (did you mean {self.suggestions[c]!r}?)"
                    if c in self.suggestions
                    else ""
                )
                for c in self.codes
            )
            noun = "state code" if len(self.codes) == 1 else "state codes"
            message = f"Unknown {noun} {listed} in the state registry."
        opt_out = "pass check_codes=False for user-defined codes"
        if message.endswith("?"):
            message = f"{message} ({opt_out})"
        else:
            message = f"{message.removesuffix('.')}; {opt_out}."
        _KeyErrorMessage.__init__(self, message)


def _as_tuple(codes: object) -> tuple[object, ...]:
    if isinstance(codes, str) or not isinstance(codes, Iterable):
        return (codes,)
    return tuple(codes)


class UnknownScenarioError(MiddlePowerError, _KeyErrorMessage):
    """A bundled scenario name that does not exist.

    Parameters
    ----------
    name : str
        The name asked for.
    available : tuple of str
        The bundled scenario names, listed in the message.
    suggestion : str, optional
        The nearest bundled name, for a "did you mean".

    Examples
    --------
    >>> try:
    ...     mp.load_scenario("korea-1948")
    ... except mp.UnknownScenarioError as err:
    ...     print(err)
    Unknown scenario 'korea-1948'; bundled scenarios are: australia-2022-albanese, ...
    """

    def __init__(
        self, name: str, available: tuple[str, ...], suggestion: str | None = None
    ) -> None:
        self.name = name
        self.available = available
        self.suggestion = suggestion
        hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
        super().__init__(
            f"Unknown scenario {name!r}{hint}; bundled scenarios are: "
            f"{', '.join(available)}."
        )


class UnknownSequenceError(MiddlePowerError, _KeyErrorMessage):
    """A contact-sequence label that a scenario does not have.

    Examples
    --------
    >>> from middlepower.exceptions import UnknownSequenceError
    >>> try:
    ...     mp.load_scenario("korea-2025").sequence("Yoon")
    ... except UnknownSequenceError as err:
    ...     print(isinstance(err, KeyError), str(err)[:44])
    True Scenario 'korea-2025' has no sequence 'Yoon'
    """


class InvalidArgumentTypeError(MiddlePowerError, TypeError):
    """An argument of the wrong type (a list where a sequence model is needed...).

    Examples
    --------
    >>> from middlepower.exceptions import InvalidArgumentTypeError
    >>> try:
    ...     mp.load_scenario(42)
    ... except InvalidArgumentTypeError as err:
    ...     print(err, isinstance(err, TypeError))
    name must be a scenario name or the path of a scenario JSON file, got int 42. True
    """


class MissingFileError(MiddlePowerError, FileNotFoundError):
    """A file (or its folder) that does not exist.

    Parameters
    ----------
    path : str
        The path asked for.
    what : str, optional (default="File")
        What the file was meant to be, for the message.

    Examples
    --------
    >>> from middlepower.exceptions import MissingFileError
    >>> try:
    ...     mp.load_scenario("no/such/case.json")
    ... except MissingFileError as err:
    ...     print(err, isinstance(err, FileNotFoundError))
    Scenario file 'no/such/case.json' does not exist. True
    """

    def __init__(self, path: str, what: str = "File") -> None:
        self.path = str(path)
        super().__init__(f"{what} {self.path!r} does not exist.")
        self.filename = self.path

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


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


class EmptySequenceError(MiddlePowerError, ValueError):
    """No contact of the focal state in the period asked for.

    Raised by :func:`middlepower.events.contacts` when the events hold no
    contact of the focal state that passes the filters (level, direction,
    channel mapping) between ``start`` and ``end``.

    Examples
    --------
    >>> issubclass(mp.EmptySequenceError, ValueError)
    True
    """


# -- caveats: warnings, and the errors of strict=True -------------------------


class _CaveatError(MiddlePowerError, ValueError):
    """An error raised by ``strict=True`` instead of a :class:`MiddlePowerWarning`."""

    def __init__(self, message: str, states: Sequence[str] = ()) -> None:
        super().__init__(message)
        #: The states concerned.
        self.states: tuple[str, ...] = tuple(states)


class UnalignedPartnerError(_CaveatError):
    """``strict=True``: a contacted partner has no alignment tie to any pole.

    ``states`` names the partners.

    Raised instead of :class:`UnalignedPartnerWarning` by the measures that
    take ``strict`` (:func:`~middlepower.pole_attention`,
    :func:`~middlepower.equidistance`, :func:`~middlepower.tilt`,
    :func:`~middlepower.assess`, :func:`~middlepower.compare`).

    Examples
    --------
    >>> from middlepower.exceptions import UnalignedPartnerError
    >>> issubclass(UnalignedPartnerError, ValueError)
    True
    """


class PolesNotReachedError(UnalignedPartnerError):
    """``strict=True``: no contacted partner is tied to any pole.

    Raised instead of :class:`PolesNotReachedWarning`.

    Examples
    --------
    >>> from middlepower.exceptions import PolesNotReachedError
    >>> from middlepower.exceptions import UnalignedPartnerError
    >>> issubclass(PolesNotReachedError, UnalignedPartnerError)
    True
    """


class UndefinedBenchmarkError(_CaveatError):
    """``strict=True``: the interest benchmark is undefined.

    Raised instead of :class:`UndefinedBenchmarkWarning` by
    :func:`~middlepower.proportionality`, :func:`~middlepower.concordance`,
    :func:`~middlepower.assess` and :func:`~middlepower.compare`.

    Examples
    --------
    >>> from middlepower.exceptions import UndefinedBenchmarkError
    >>> issubclass(UndefinedBenchmarkError, mp.MiddlePowerError)
    True
    """


class MiddlePowerWarning(UserWarning):
    """Base class of the library's warnings: a result that rests on an assumption.

    A measure warns when the number it returns is not a finding about the
    data but a consequence of a default (an alignment of :math:`1/m` assumed
    for a partner without ties to the poles) or is ``None`` for want of data.
    Each subclass names, in :attr:`error`, the error that ``strict=True``
    raises instead. Filter them as any warning::

        import warnings
        from middlepower.exceptions import MiddlePowerWarning

        warnings.simplefilter("error", MiddlePowerWarning)  # or "ignore"

    Parameters
    ----------
    message : str
        One sentence naming the states concerned.
    states : sequence of str, optional
        The states concerned (:attr:`states`).

    Examples
    --------
    >>> from middlepower.exceptions import MiddlePowerWarning
    >>> issubclass(MiddlePowerWarning, UserWarning)
    True
    """

    #: The error ``strict=True`` raises instead of this warning.
    error: type[_CaveatError] = _CaveatError

    def __init__(self, message: str, states: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.states: tuple[str, ...] = tuple(states)


class UnalignedPartnerWarning(MiddlePowerWarning):
    r"""A contacted partner has no alignment tie to any pole.

    No tie of an alignment kind (alliance, partnership, rivalry by default,
    or the ``kinds`` given) links the partner to any pole, so every pull
    :math:`z_j` is 0 and its alignment is the uniform :math:`1/m` of
    METHODS.md §2 — an assumption, not a finding. Its attention then counts
    as perfectly balanced and pulls equidistance up and tilt toward 0. A
    partner whose ties to the poles cancel out (:math:`z = 0` with ties) is
    not concerned: its evenness is in the data.

    Examples
    --------
    >>> import warnings
    >>> from middlepower.exceptions import UnalignedPartnerWarning
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> seq = mp.ContactSequence(
    ...     focal="KOR",
    ...     contacts=[
    ...         mp.Contact(partner="USA", on="2025-06-06"),
    ...         mp.Contact(partner="CZE", on="2025-06-07"),
    ...     ],
    ... )
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     E = mp.equidistance(g, seq, sc.poles)
    >>> print(caught[0].message)  # doctest: +NORMALIZE_WHITESPACE
    Partner CZE has no alignment tie to USA or CHN, so its alignment is the
    assumed 1/2 each, not a finding; ...
    >>> caught[0].message.states
    ('CZE',)
    """

    error = UnalignedPartnerError


class PolesNotReachedWarning(UnalignedPartnerWarning):
    """No contacted partner is tied to any pole (and no pole was contacted).

    Every partner's alignment is the assumed uniform :math:`1/m`, so pole
    attention is uniform whatever the contacts: equidistance is 1 and tilt
    0 by construction, and say nothing about the sequence. A subclass of
    :class:`UnalignedPartnerWarning`, so a filter on that one covers both.

    Examples
    --------
    >>> from middlepower.exceptions import PolesNotReachedWarning
    >>> from middlepower.exceptions import UnalignedPartnerWarning
    >>> issubclass(PolesNotReachedWarning, UnalignedPartnerWarning)
    True
    """

    error = PolesNotReachedError


class UndefinedBenchmarkWarning(MiddlePowerWarning):
    """No interest tie links the focal state to any partner compared.

    The interest benchmark of METHODS.md §2 is then undefined, so
    proportionality and concordance are ``None``.

    Examples
    --------
    >>> from middlepower.exceptions import UndefinedBenchmarkWarning
    >>> UndefinedBenchmarkWarning.error.__name__
    'UndefinedBenchmarkError'
    """

    error = UndefinedBenchmarkError
