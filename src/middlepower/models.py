r"""Validated data model: states, ties, contacts, sequences and scenarios.

Every model is a frozen pydantic v2 model with ``extra="forbid"``: a typo in a
research configuration fails loudly, a model can be hashed and shared, and the
JSON round trip ``Model.model_validate_json(m.model_dump_json()) == m`` is
lossless. Validation errors are raised as :class:`pydantic.ValidationError`
whose message names the bad value.

Validation is strict where it matters (``docs/errors.md``): numbers are
numbers (``bool`` and numeric strings are rejected; ``int`` is accepted where a
float is expected), days are :class:`datetime.date` objects or ISO strings
``"YYYY-MM-DD"`` (integers are not Unix timestamps; a ``datetime`` counts only
at exactly midnight), booleans are ``True``/``False`` and texts are ``str``.
JSON documents parse as before: JSON numbers, ``true``/``false`` and ISO date
strings. A :class:`Scenario` checks its state codes against the registry
(ISO 3166-1 alpha-3 and historical codes) unless ``check_codes=False``.

The definitions follow METHODS.md §1.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from collections.abc import Mapping
from enum import Enum
from typing import Annotated, Any

import numpy as np
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    ValidationInfo,
    model_validator,
)
from typing_extensions import Self

from middlepower._checks import (
    check_optional_str,
    check_registered,
    closest,
    show,
)
from middlepower.exceptions import (
    InvalidParameterError,
    UnknownSequenceError,
    UnregisteredCodeError,
)

__all__ = [
    "ALIGNMENT_WEIGHTS",
    "CHANNEL_WEIGHTS",
    "INTEREST_WEIGHTS",
    "SIGNED_WEIGHTS",
    "Boolean",
    "Channel",
    "Contact",
    "ContactSequence",
    "Dimension",
    "Evidence",
    "FrozenModel",
    "Integer",
    "IsoDate",
    "IsoTime",
    "Number",
    "Scenario",
    "State",
    "StateCode",
    "Text",
    "Tie",
    "TieKind",
]

_CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]{1,7}$")
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _check_code(value: object) -> object:
    if isinstance(value, str) and not _CODE_RE.match(value):
        raise ValueError(
            f"state code {value!r} must be 2-8 upper-case letters, digits or "
            "underscores starting with a letter (conventionally ISO 3166-1 "
            "alpha-3, e.g. 'KOR')"
        )
    return value


StateCode = Annotated[
    str,
    StringConstraints(
        min_length=2, max_length=8, pattern=_CODE_RE.pattern, strict=True
    ),
    BeforeValidator(_check_code),  # runs first: a clearer message than the pattern's
]
"""A state identifier: 2-8 upper-case letters/digits, conventionally ISO3."""


def _what(info: ValidationInfo, default: str) -> str:
    return info.field_name or default


def _number(value: object, info: ValidationInfo) -> object:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(
            f"{_what(info, 'value')} must be a number (int or float), not {show(value)}"
        )
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"{_what(info, 'value')} must be a finite number, not {x!r}")
    return x


def _integer(value: object, info: ValidationInfo) -> object:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(
            f"{_what(info, 'value')} must be an integer, not {show(value)}"
        )
    return int(value)


def _boolean(value: object, info: ValidationInfo) -> object:
    if isinstance(value, np.bool_):
        return bool(value)
    if not isinstance(value, bool):
        raise ValueError(
            f"{_what(info, 'value')} must be true or false, not {show(value)}"
        )
    return value


_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_TIME_RE = re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?")


def _iso_date(value: object, info: ValidationInfo) -> object:
    what = _what(info, "date")
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise ValueError(
                f"{what} must be a date, not a datetime with a time of day "
                f"({value.isoformat()}); pass its .date()"
            )
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        if _ISO_DATE_RE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError as err:
                raise ValueError(
                    f"{what} {value!r} is not a valid date ({err})"
                ) from None
        raise ValueError(f"{what} must be an ISO date 'YYYY-MM-DD', not {value!r}")
    raise ValueError(
        f"{what} must be a datetime.date or an ISO date string 'YYYY-MM-DD', "
        f"not {show(value)}"
    )


def _iso_time(value: object, info: ValidationInfo) -> object:
    what = _what(info, "time")
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str) and _ISO_TIME_RE.fullmatch(value):
        try:
            return dt.time.fromisoformat(value)
        except ValueError as err:
            raise ValueError(f"{what} {value!r} is not a valid time ({err})") from None
    raise ValueError(
        f"{what} must be a datetime.time or an ISO time string 'HH:MM[:SS]', "
        f"not {show(value)}"
    )


# Constraints go *before* the validator in ``Annotated`` (e.g.
# ``Annotated[float, Field(gt=0), BeforeValidator(_number)]``) so that the JSON
# schema keeps its standard keywords (``exclusiveMinimum``).
Number = Annotated[float, BeforeValidator(_number)]
"""A finite real number: ``int`` or ``float`` (numpy numbers too); no bool, no
string, no ``nan`` or infinity."""

Integer = Annotated[int, BeforeValidator(_integer)]
"""An integer (numpy integers too); no bool, no float, no string."""

Boolean = Annotated[bool, BeforeValidator(_boolean)]
"""``True`` or ``False`` (JSON ``true``/``false``); no 0/1, no ``"yes"``."""

IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A day: a ``date``, an ISO string ``"YYYY-MM-DD"`` or a midnight ``datetime``."""

IsoTime = Annotated[dt.time, BeforeValidator(_iso_time)]
"""A time of day: a ``time`` or an ISO string ``"HH:MM[:SS[.ffffff]]"``."""

Text = Annotated[str, Strict()]
"""A string (no bytes, no numbers)."""

FiniteFloat = Annotated[float, Field(allow_inf_nan=False), BeforeValidator(_number)]
NonEmptyStr = Annotated[
    str, StringConstraints(min_length=1, strip_whitespace=False, strict=True)
]


def _one_line(value: str | None) -> str | None:
    if value is not None and ("\n" in value or "\r" in value):
        raise ValueError(f"claim {value!r} must be a single line")
    return value


class FrozenModel(BaseModel):
    """Base of every middlepower model: frozen, strict about unknown fields.

    Examples
    --------
    >>> s = mp.State(code="KOR", name="South Korea")
    >>> s.replace(name="Republic of Korea").name
    'Republic of Korea'
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        validate_default=True,
        use_enum_values=False,
        ser_json_inf_nan="strings",
    )

    def replace(self, **changes: Any) -> Self:
        """Return a copy with ``changes`` applied, validated again.

        ``model_copy(update=...)`` does not validate; this does.

        Parameters
        ----------
        **changes
            New values of fields, by name.

        Returns
        -------
        FrozenModel
            A validated copy of the same type.

        Examples
        --------
        >>> t = mp.Tie(source="KOR", target="CHN", kind="trade", strength=0.206)
        >>> t.replace(strength=0.25).strength
        0.25
        """
        data = self.model_dump()
        data.update(changes)
        return type(self).model_validate(data)

    def to_json(self, *, indent: int | None = 2) -> str:
        """Serialise to a JSON string (lossless; see :meth:`from_json`).

        Parameters
        ----------
        indent : int or None, optional (default=2)
            Indentation; ``None`` for one compact line.

        Returns
        -------
        str
            The JSON text.

        Examples
        --------
        >>> mp.State(code="KOR", name="South Korea").to_json(indent=None)
        '{"code":"KOR","name":"South Korea","cow":null,"role":null,"note":null}'
        """
        return self.model_dump_json(indent=indent, exclude_defaults=False)

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """Parse and validate a JSON string produced by :meth:`to_json`.

        Parameters
        ----------
        text : str or bytes
            JSON text.

        Returns
        -------
        FrozenModel
            The validated model.

        Examples
        --------
        >>> mp.State.from_json('{"code": "KOR", "name": "South Korea"}').code
        'KOR'
        """
        return cls.model_validate_json(text)


def _unknown_member(
    enum: type[Enum], value: object, what: str
) -> InvalidParameterError:
    """Return the error for ``enum(value)`` with an unknown value (a ValueError)."""
    values = [str(m.value) for m in enum]
    near = closest(value, values) if isinstance(value, str) else None
    hint = f" (did you mean {near!r}?)" if near else ""
    valid = ", ".join(repr(v) for v in values)
    return InvalidParameterError(
        f"Unknown {what} {value!r}{hint}; expected one of {valid}."
    )


def _enum_member(enum: type[Enum], what: str) -> Any:
    def check(value: object) -> object:
        if isinstance(value, enum):
            return value
        if isinstance(value, str):
            try:
                return enum(value)
            except ValueError:
                pass
        values = [str(m.value) for m in enum]
        near = closest(value, values) if isinstance(value, str) else None
        hint = f" (did you mean {near!r}?)" if near else ""
        valid = ", ".join(repr(v) for v in values)
        raise ValueError(f"unknown {what} {value!r}{hint}; expected one of {valid}")

    return BeforeValidator(check)


class Dimension(str, Enum):
    """The dimension of international relations a tie belongs to.

    Examples
    --------
    >>> mp.TieKind.RIVALRY.dimension
    <Dimension.SECURITY: 'security'>
    >>> [str(d) for d in mp.Dimension]
    ['security', 'diplomatic', 'economic', 'geographic']
    """

    SECURITY = "security"
    DIPLOMATIC = "diplomatic"
    ECONOMIC = "economic"
    GEOGRAPHIC = "geographic"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def _missing_(cls, value: object) -> Any:
        raise _unknown_member(cls, value, "dimension")


class TieKind(str, Enum):
    """Kinds of relation between two states.

    Each kind has a :attr:`dimension`, a default :attr:`sign` and a default
    directedness (:attr:`directed`), as METHODS.md §1 specifies:

    ===========  ==========  ====  ========
    kind         dimension   sign  directed
    ===========  ==========  ====  ========
    alliance     security    +1    no
    partnership  diplomatic  +1    no
    trade        economic    +1    yes
    neighbour    geographic   0    no
    rivalry      security    -1    no
    ===========  ==========  ====  ========

    Examples
    --------
    >>> mp.TieKind("rivalry").sign
    -1
    >>> mp.TieKind.TRADE.directed
    True
    """

    ALLIANCE = "alliance"
    PARTNERSHIP = "partnership"
    TRADE = "trade"
    NEIGHBOUR = "neighbour"
    RIVALRY = "rivalry"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def _missing_(cls, value: object) -> Any:
        raise _unknown_member(cls, value, "tie kind")

    @property
    def dimension(self) -> Dimension:
        """The dimension (security, diplomatic, economic, geographic).

        Examples
        --------
        >>> mp.TieKind.TRADE.dimension
        <Dimension.ECONOMIC: 'economic'>
        """
        return _KIND_DIMENSION[self]

    @property
    def sign(self) -> int:
        """The default sign: +1 friendly, -1 hostile, 0 neutral.

        Examples
        --------
        >>> mp.TieKind.ALLIANCE.sign, mp.TieKind.NEIGHBOUR.sign, mp.TieKind.RIVALRY.sign
        (1, 0, -1)
        """
        return _KIND_SIGN[self]

    @property
    def directed(self) -> bool:
        """Whether a tie of this kind is directed by default.

        Examples
        --------
        >>> mp.TieKind.TRADE.directed, mp.TieKind.ALLIANCE.directed
        (True, False)
        """
        return self is TieKind.TRADE


_KIND_DIMENSION = {
    TieKind.ALLIANCE: Dimension.SECURITY,
    TieKind.PARTNERSHIP: Dimension.DIPLOMATIC,
    TieKind.TRADE: Dimension.ECONOMIC,
    TieKind.NEIGHBOUR: Dimension.GEOGRAPHIC,
    TieKind.RIVALRY: Dimension.SECURITY,
}
_KIND_SIGN = {
    TieKind.ALLIANCE: 1,
    TieKind.PARTNERSHIP: 1,
    TieKind.TRADE: 1,
    TieKind.NEIGHBOUR: 0,
    TieKind.RIVALRY: -1,
}


class Channel(str, Enum):
    """Channel of a diplomatic contact.

    A ``visit`` is the focal leader travelling to the partner; a ``summit`` is
    a bilateral summit hosted by the focal state or elsewhere; a ``meeting``
    is a bilateral on the sidelines of a multilateral gathering.

    Examples
    --------
    >>> c = mp.Contact(partner="JPN", on="2025-08-23", channel="visit")
    >>> c.channel, mp.models.CHANNEL_WEIGHTS[c.channel]
    (<Channel.VISIT: 'visit'>, 2.0)
    """

    CALL = "call"
    MEETING = "meeting"
    VISIT = "visit"
    SUMMIT = "summit"
    LETTER = "letter"
    ENVOY = "envoy"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def _missing_(cls, value: object) -> Any:
        raise _unknown_member(cls, value, "channel")


CHANNEL_WEIGHTS: Mapping[Channel, float] = {
    Channel.CALL: 1.0,
    Channel.LETTER: 0.5,
    Channel.ENVOY: 0.75,
    Channel.MEETING: 1.5,
    Channel.SUMMIT: 1.5,
    Channel.VISIT: 2.0,
}
"""Default salience multiplier of each channel (METHODS.md §2)."""


SIGNED_WEIGHTS: Mapping[TieKind, float] = {
    TieKind.ALLIANCE: 1.0,
    TieKind.PARTNERSHIP: 0.5,
    TieKind.TRADE: 0.5,
    TieKind.RIVALRY: 1.0,
    TieKind.NEIGHBOUR: 0.0,
}
"""Default weights κ of the signed strength of a pair (METHODS.md §3)."""

ALIGNMENT_WEIGHTS: Mapping[TieKind, float] = {
    TieKind.ALLIANCE: 1.0,
    TieKind.PARTNERSHIP: 0.5,
    TieKind.RIVALRY: 1.0,
    TieKind.TRADE: 0.0,
    TieKind.NEIGHBOUR: 0.0,
}
"""Default weights κ of the alignment kinds (METHODS.md §2)."""

INTEREST_WEIGHTS: Mapping[TieKind, float] = {
    TieKind.ALLIANCE: 1.0,
    TieKind.TRADE: 1.0,
    TieKind.NEIGHBOUR: 1.0,
    TieKind.PARTNERSHIP: 0.0,
    TieKind.RIVALRY: 0.0,
}
"""Default weights θ of the interest kinds (METHODS.md §2)."""


def kind_weights(
    weights: Mapping[TieKind, float] | Mapping[str, float] | None,
    default: Mapping[TieKind, float],
    what: str,
) -> dict[TieKind, float]:
    """Validate a mapping of tie kind to weight; kinds left out weigh 0.

    Parameters
    ----------
    weights : mapping of TieKind (or its value) to float, or None
        The weights given; ``None`` gives ``default``.
    default : mapping of TieKind to float
        The weights used when ``weights`` is ``None``.
    what : str
        What the weights are, for error messages.

    Returns
    -------
    dict of TieKind to float
        A weight for every kind.

    Raises
    ------
    ValueError
        Naming a bad kind or a weight that is negative or not finite.
    """
    if weights is None:
        return dict(default)
    if not isinstance(weights, Mapping):
        raise ValueError(
            f"{what} must be a mapping of tie kind to weight, not {weights!r}"
        )
    out = dict.fromkeys(TieKind, 0.0)
    for key, w in weights.items():
        try:
            kind = TieKind(key)
        except ValueError:
            valid = ", ".join(repr(k.value) for k in TieKind)
            raise ValueError(
                f"unknown tie kind {key!r} in {what}; expected one of {valid}"
            ) from None
        if isinstance(w, bool) or not isinstance(w, numbers.Real):
            raise ValueError(
                f"{what} weight of {kind.value!r} must be a number, not {w!r}"
            )
        w = float(w)
        if not math.isfinite(w) or w < 0:
            raise ValueError(
                f"{what} weight of {kind.value!r} must be finite and >= 0, not {w!r}"
            )
        out[kind] = float(w)
    return out


class Evidence(FrozenModel):
    """A citation backing a tie, a contact or a scenario.

    Parameters
    ----------
    source : str
        Outlet, author or institution (e.g. ``"Dong-A Ilbo"``).
    title : str, optional
        Title of the article, page or data set.
    published : datetime.date, optional
        Publication date.
    url : str, optional
        Address (or a stable locator such as a DOI).
    locator : str, optional
        Page, table or row inside the source.
    claim : str, optional
        A one-line paraphrase of what the source supports (never a quotation
        of its sentences).
    confidence : str, optional
        How firm the fact is, as recorded by whoever checked it (e.g.
        ``"verified"``, ``"likely"``); kept verbatim, never upgraded.

    Examples
    --------
    >>> e = mp.Evidence(source="Dong-A Ilbo", published="2025-06-11")
    >>> e.published
    datetime.date(2025, 6, 11)
    """

    source: NonEmptyStr
    title: Text | None = None
    published: IsoDate | None = None
    url: Text | None = None
    locator: Text | None = None
    claim: Annotated[Text | None, AfterValidator(_one_line)] = None
    confidence: Text | None = None


class State(FrozenModel):
    """A state (or state-like actor) in the relation graph.

    Parameters
    ----------
    code : str
        Short upper-case identifier, conventionally ISO 3166-1 alpha-3. The
        model only checks the form; :func:`middlepower.validate_codes` checks
        a code against a registry.
    name : str
        Display name.
    cow : int, optional
        Correlates of War state number (e.g. 732 for South Korea).
    role : str, optional
        Free label for the analysis (e.g. ``"focal"``, ``"pole"``).
    note : str, optional
        Anything else worth keeping.

    Examples
    --------
    >>> mp.State(code="KOR", name="South Korea", cow=732).cow
    732
    """

    code: StateCode
    name: NonEmptyStr
    cow: Annotated[int, Field(ge=1, le=9999), BeforeValidator(_integer)] | None = None
    role: Text | None = None
    note: Text | None = None


class Tie(FrozenModel):
    """A relation between two states, with provenance and validity in time.

    Parameters
    ----------
    source, target : str
        State codes. For a symmetric kind the order carries no meaning.
    kind : TieKind
        ``alliance``, ``partnership``, ``trade``, ``neighbour`` or ``rivalry``.
    strength : float
        Normalised intensity in :math:`[0, 1]` (a defence pact 1.0; a trade tie
        the share of the source's total trade).
    directed : bool, optional
        Defaults to the kind's directedness (only ``trade`` is directed).
    start, end : datetime.date, optional
        The tie is valid on every day ``d`` with ``start <= d <= end`` (both
        inclusive; a missing bound is open).
    value : float, optional
        The raw figure behind ``strength`` (e.g. ``271.0``), kept so nothing is
        lost. Needs ``unit``.
    unit : str, optional
        Unit of ``value`` (e.g. ``"bn USD"``).
    evidence : tuple of Evidence
        Citations.
    note : str, optional
        Encoding choices worth recording.

    Examples
    --------
    >>> t = mp.Tie(source="KOR", target="CHN", kind="trade", strength=0.206)
    >>> t.directed, t.sign
    (True, 1)
    >>> mp.Tie(source="KOR", target="KOR", kind="alliance", strength=1)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Tie
      Value error, a tie cannot join state 'KOR' to itself ...
    """

    source: StateCode
    target: StateCode
    kind: Annotated[TieKind, _enum_member(TieKind, "tie kind")]
    strength: Annotated[
        float, Field(ge=0.0, le=1.0, allow_inf_nan=False), BeforeValidator(_number)
    ]
    directed: Boolean
    start: IsoDate | None = None
    end: IsoDate | None = None
    value: FiniteFloat | None = None
    unit: Text | None = None
    evidence: tuple[Evidence, ...] = ()
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _default_directed(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and data.get("directed") is None:
            kind = data.get("kind")
            try:
                directed = TieKind(kind).directed
            except ValueError:
                directed = False  # placeholder: the field validator reports the kind
            data = {**data, "directed": directed}
        return data

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.source == self.target:
            raise ValueError(f"a tie cannot join state {self.source!r} to itself")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(
                f"tie {self.source}-{self.target} ({self.kind}) ends on {self.end} "
                f"before it starts on {self.start}"
            )
        if self.value is not None and not self.unit:
            raise ValueError(f"raw value {self.value!r} needs a unit")
        return self

    @property
    def sign(self) -> int:
        """The sign of the tie's kind (+1, 0 or -1).

        Examples
        --------
        >>> mp.Tie(source="USA", target="CHN", kind="rivalry", strength=1).sign
        -1
        """
        return self.kind.sign

    @property
    def dimension(self) -> Dimension:
        """The dimension of the tie's kind.

        Examples
        --------
        >>> mp.Tie(source="KOR", target="JPN", kind="neighbour", strength=1).dimension
        <Dimension.GEOGRAPHIC: 'geographic'>
        """
        return self.kind.dimension

    def valid_on(self, day: dt.date) -> bool:
        """Whether the tie is valid on ``day`` (bounds inclusive).

        Parameters
        ----------
        day : datetime.date or datetime.datetime
            The day (a datetime counts by its date).

        Returns
        -------
        bool
            True when ``start <= day <= end`` (a missing bound is open).

        Examples
        --------
        >>> import datetime as dt
        >>> t = mp.Tie(source="KOR", target="CHN", kind="trade", strength=0.206)
        >>> t = t.replace(start="2025-01-01", end="2025-12-31")
        >>> t.valid_on(dt.date(2025, 12, 31)), t.valid_on(dt.date(2026, 1, 1))
        (True, False)
        """
        if isinstance(day, dt.datetime):
            day = day.date()
        return (self.start is None or self.start <= day) and (
            self.end is None or day <= self.end
        )


class Contact(FrozenModel):
    """One diplomatic contact of the focal state with a partner.

    Parameters
    ----------
    partner : str
        The partner's state code.
    on : datetime.date
        The day of the contact (local to the focal state).
    channel : Channel
        ``call`` (default), ``meeting``, ``visit``, ``summit``, ``letter`` or
        ``envoy``.
    level : str
        ``"leader"`` by default.
    duration_min : float, optional
        Length in minutes.
    initiated_by : str, optional
        Which side asked for it (a state code).
    time : datetime.time, optional
        Local time of the contact, when known.
    note : str, optional
        Context worth keeping.
    evidence : tuple of Evidence
        Citations.

    Examples
    --------
    >>> c = mp.Contact(partner="USA", on="2025-06-06", duration_min=20)
    >>> c.channel
    <Channel.CALL: 'call'>
    """

    partner: StateCode
    on: IsoDate
    channel: Annotated[Channel, _enum_member(Channel, "channel")] = Channel.CALL
    level: NonEmptyStr = "leader"
    duration_min: (
        Annotated[float, Field(gt=0, allow_inf_nan=False), BeforeValidator(_number)]
        | None
    ) = None
    initiated_by: StateCode | None = None
    time: IsoTime | None = None
    note: Text | None = None
    evidence: tuple[Evidence, ...] = ()


def _first_contact_day(contact: object) -> dt.date | None:
    if isinstance(contact, Contact):
        return contact.on
    if isinstance(contact, Mapping):
        try:
            return Contact.model_validate(contact).on
        except ValueError:
            return None  # the field validator reports the bad contact
    return None


class ContactSequence(FrozenModel):
    """An ordered sequence of a focal state's diplomatic contacts.

    Parameters
    ----------
    focal : str
        The middle power whose contacts these are.
    contacts : tuple of Contact
        At least one contact, dates non-decreasing; contacts on the same day
        keep their given order.
    label : str, optional
        A name for the sequence (e.g. ``"Lee Jae-myung, first calls"``).
    start : datetime.date, optional
        Reference day (e.g. the inauguration): the half-life salience counts
        days from it and sequence measures read the ties valid on it.
        Defaults to the first contact's date; must not come after it.

    Examples
    --------
    >>> seq = mp.ContactSequence(
    ...     focal="KOR",
    ...     contacts=[
    ...         mp.Contact(partner="USA", on="2025-06-06"),
    ...         mp.Contact(partner="CHN", on="2025-06-10"),
    ...     ],
    ... )
    >>> seq.start, seq.partners
    (datetime.date(2025, 6, 6), ('USA', 'CHN'))
    """

    focal: StateCode
    contacts: Annotated[tuple[Contact, ...], Field(min_length=1)]
    label: Text | None = None
    start: IsoDate

    @model_validator(mode="before")
    @classmethod
    def _default_start(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and data.get("start") is None:
            contacts = data.get("contacts")
            if isinstance(contacts, list | tuple) and contacts:
                first = _first_contact_day(contacts[0])
                if first is not None:
                    data = {**data, "start": first}
        return data

    @model_validator(mode="after")
    def _check(self) -> Self:
        for i, c in enumerate(self.contacts):
            if c.partner == self.focal:
                raise ValueError(
                    f"contact {i + 1} has the focal state {self.focal!r} "
                    "contacting itself"
                )
            if c.initiated_by is not None and c.initiated_by not in (
                self.focal,
                c.partner,
            ):
                raise ValueError(
                    f"contact {i + 1} was initiated by {c.initiated_by!r}, which is "
                    f"neither the focal state {self.focal!r} nor the partner "
                    f"{c.partner!r}"
                )
            if i and c.on < self.contacts[i - 1].on:
                raise ValueError(
                    f"contacts are out of date order: contact {i + 1} "
                    f"({c.partner}, {c.on}) comes after contact {i} "
                    f"({self.contacts[i - 1].partner}, {self.contacts[i - 1].on})"
                )
        if self.start > self.contacts[0].on:
            raise ValueError(
                f"start {self.start} comes after the first contact "
                f"({self.contacts[0].partner}, {self.contacts[0].on})"
            )
        return self

    def __len__(self) -> int:
        return len(self.contacts)

    @property
    def partners(self) -> tuple[str, ...]:
        """The partner of each contact, in order (repeats kept).

        Examples
        --------
        >>> seq = mp.load_scenario("korea-2025").sequences[1]
        >>> seq.partners
        ('USA', 'JPN', 'CHN', 'CZE', 'VNM', 'AUS', 'JPN', 'JPN', 'USA', 'CHN')
        """
        return tuple(c.partner for c in self.contacts)

    @property
    def distinct_partners(self) -> tuple[str, ...]:
        """Each partner once, in order of first contact.

        Examples
        --------
        >>> seq = mp.load_scenario("korea-2025").sequences[1]
        >>> seq.distinct_partners
        ('USA', 'JPN', 'CHN', 'CZE', 'VNM', 'AUS')
        """
        return tuple(dict.fromkeys(self.partners))


class Scenario(FrozenModel):
    """A self-contained case: states, ties, contact sequences and poles.

    Parameters
    ----------
    name : str
        Slug used to load it (``"korea-2025"``): lower-case letters, digits
        and hyphens.
    title : str
        One-line title.
    description : str
        What the case is and how it was encoded.
    states : tuple of State
        Every state that a tie, sequence or pole names (codes unique).
    ties : tuple of Tie
        The relations.
    sequences : tuple of ContactSequence
        Contact sequences of the focal state(s).
    poles : tuple of str
        The rival great powers defining the alignment axis (at least two,
        distinct), e.g. ``("USA", "CHN")``.
    sources : tuple of Evidence
        Sources of the scenario as a whole.
    check_codes : bool, optional (default=True)
        Check every state code against the registry (ISO 3166-1 alpha-3 and
        the bundled historical codes), with a "did you mean" for typos.
        ``False`` for user-defined codes; the choice is kept in the JSON.
        Validating with ``context={"check_codes": False}`` has the same
        effect (and records it).

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> sc.poles
    ('USA', 'CHN')
    >>> mp.Scenario.from_json(sc.to_json()) == sc
    True

    User-defined codes need the registry check off:

    >>> states = [mp.State(code=c, name=c) for c in ("MID", "PA", "PB")]
    >>> mp.Scenario(name="toy", title="Toy", states=states, poles=("PA", "PB"))
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Scenario
      Value error, Unknown state codes 'MID', 'PA', 'PB' in the state registry; ...
    >>> toy = mp.Scenario(
    ...     name="toy",
    ...     title="Toy",
    ...     states=states,
    ...     poles=("PA", "PB"),
    ...     check_codes=False,
    ... )
    >>> toy.codes
    ('MID', 'PA', 'PB')
    """

    name: Annotated[str, StringConstraints(pattern=_SLUG_RE.pattern, strict=True)]
    title: NonEmptyStr
    description: Text = ""
    states: Annotated[tuple[State, ...], Field(min_length=2)]
    ties: tuple[Tie, ...] = ()
    sequences: tuple[ContactSequence, ...] = ()
    poles: Annotated[tuple[StateCode, ...], Field(min_length=2)]
    sources: tuple[Evidence, ...] = ()
    check_codes: Boolean = True

    @model_validator(mode="before")
    @classmethod
    def _context_check_codes(cls, data: Any, info: ValidationInfo) -> Any:
        context = info.context
        if (
            isinstance(context, Mapping)
            and context.get("check_codes") is False
            and isinstance(data, Mapping)
        ):
            data = {**data, "check_codes": False}
        return data

    @model_validator(mode="after")
    def _check(self) -> Self:
        codes = [s.code for s in self.states]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise ValueError(f"duplicate state codes {dupes} in scenario {self.name!r}")
        known = set(codes)
        for p in self.poles:
            if p not in known:
                raise ValueError(f"pole {p!r} is not a state of scenario {self.name!r}")
        if len(set(self.poles)) != len(self.poles):
            raise ValueError(f"poles {list(self.poles)} repeat a state")
        for t in self.ties:
            for code in (t.source, t.target):
                if code not in known:
                    raise ValueError(
                        f"tie {t.source}-{t.target} ({t.kind}) names state {code!r}, "
                        f"which is not in scenario {self.name!r}"
                    )
        for seq in self.sequences:
            if seq.focal not in known:
                raise ValueError(
                    f"sequence {seq.label!r} has focal state {seq.focal!r}, which "
                    f"is not in scenario {self.name!r}"
                )
            for c in seq.contacts:
                if c.partner not in known:
                    raise ValueError(
                        f"sequence {seq.label!r} names partner {c.partner!r}, which "
                        f"is not in scenario {self.name!r}"
                    )
        _check_overlaps(self.ties)
        if self.check_codes:
            try:
                check_registered(codes)
            except UnregisteredCodeError as err:
                raise ValueError(str(err)) from None
        return self

    @property
    def codes(self) -> tuple[str, ...]:
        """The state codes, in the order given.

        Examples
        --------
        >>> mp.load_scenario("korea-2025").codes
        ('KOR', 'USA', 'JPN', 'CHN', 'CZE', 'VNM', 'AUS')
        """
        return tuple(s.code for s in self.states)

    def sequence(self, label: str | None = None) -> ContactSequence:
        """Return the sequence with ``label`` (default: the first one).

        Parameters
        ----------
        label : str, optional
            The sequence's label; ``None`` for the first sequence.

        Returns
        -------
        ContactSequence
            The sequence.

        Raises
        ------
        UnknownSequenceError
            If no sequence has that label, or the scenario has none (also a
            ``KeyError``).
        InvalidArgumentTypeError
            If ``label`` is not a string or ``None``.

        Examples
        --------
        >>> sc = mp.load_scenario("korea-2025")
        >>> sc.sequence().partners
        ('USA', 'JPN', 'CHN')
        >>> len(sc.sequence(sc.sequences[1].label))
        10
        """
        check_optional_str(label, "label")
        if not self.sequences:
            raise UnknownSequenceError(
                f"Scenario {self.name!r} has no contact sequence."
            )
        if label is None:
            return self.sequences[0]
        for seq in self.sequences:
            if seq.label == label:
                return seq
        labels = [s.label for s in self.sequences if s.label is not None]
        near = closest(label, labels)
        hint = f" (did you mean {near!r}?)" if near else ""
        listed = ", ".join(repr(s.label) for s in self.sequences)
        raise UnknownSequenceError(
            f"Scenario {self.name!r} has no sequence {label!r}{hint}; its "
            f"sequences are {listed}."
        )


def tie_pair_key(tie: Tie) -> tuple[str, str, TieKind]:
    """Return the identity of a tie's pair and kind (unordered if symmetric).

    Parameters
    ----------
    tie : Tie
        The tie.

    Returns
    -------
    tuple of (str, str, TieKind)
        Source, target and kind; the two codes sorted for a symmetric tie.
    """
    if tie.directed:
        return (tie.source, tie.target, tie.kind)
    a, b = sorted((tie.source, tie.target))
    return (a, b, tie.kind)


def _check_overlaps(ties: tuple[Tie, ...] | list[Tie]) -> None:
    """Raise if two ties of one pair and kind are valid on a common day."""
    seen: dict[tuple[str, str, TieKind], list[Tie]] = {}
    for t in ties:
        key = tie_pair_key(t)
        for other in seen.get(key, []):
            lo = max(_lo(t.start), _lo(other.start))
            hi = min(_hi(t.end), _hi(other.end))
            if lo <= hi:
                raise ValueError(
                    f"two {t.kind} ties between {t.source} and {t.target} are both "
                    f"valid on {lo}; give them disjoint start/end dates"
                )
        seen.setdefault(key, []).append(t)


def _lo(d: dt.date | None) -> dt.date:
    return dt.date.min if d is None else d


def _hi(d: dt.date | None) -> dt.date:
    return dt.date.max if d is None else d
