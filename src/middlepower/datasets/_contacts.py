"""Loaders for the bundled table of leaders' first contacts.

Two checked tables ship with the package under
``middlepower/datasets/data/leader_contacts/`` (see the README there):

* ``rok_leader_contacts.csv``: the first leader-level contacts of South
  Korean presidents from Roh Moo-hyun (2002) to Lee Jae-myung (2025), with
  Korean time and duration where reported;
* ``other_leader_contacts.csv``: the same for Australia's Anthony Albanese
  (2022) and Indonesia's Prabowo Subianto (2024), without time or duration.

Every row keeps its source and its confidence (``verified`` or ``likely``,
verbatim). Files are read through :mod:`importlib.resources`, so the loaders
work from an installed wheel; parsed rows are cached and every call returns
fresh copies.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections.abc import Sequence
from functools import cache
from importlib import resources

from middlepower.exceptions import InvalidParameterError
from middlepower.models import Channel, Contact, ContactSequence, Evidence

__all__ = ["leader_contact_sequence", "load_leader_contacts"]

_PACKAGE = "middlepower.datasets"
_DIR = "leader_contacts"
_FILES = ("rok_leader_contacts.csv", "other_leader_contacts.csv")
_REQUIRED = (
    "leader",
    "focal",
    "milestone",
    "milestone_date",
    "partner",
    "partner_leader",
    "date",
    "channel",
    "note",
    "confidence",
    "source",
)


@dataclasses.dataclass(frozen=True)
class _Row:
    """One parsed row of a contacts table (empty cells are ``None``)."""

    leader: str
    focal: str
    milestone: str
    milestone_date: dt.date
    partner: str
    partner_leader: str
    date: dt.date
    time_kst: dt.time | None
    duration_min: float | None
    channel: str
    note: str | None
    confidence: str
    source: str
    table: str


def _read_text(name: str) -> str:
    """Return the text of one bundled contacts table.

    Parameters
    ----------
    name : str
        File name inside ``data/leader_contacts``.

    Returns
    -------
    str
        The file's content, decoded as UTF-8.
    """
    resource = resources.files(_PACKAGE) / "data" / _DIR / name
    return resource.read_text(encoding="utf-8")


def _parse(text: str, table: str) -> list[_Row]:
    """Parse one contacts table.

    Parameters
    ----------
    text : str
        CSV text with a header row.
    table : str
        The file name, kept in every row and used in error messages.

    Returns
    -------
    list of _Row
        The rows in file order.

    Raises
    ------
    ValueError
        If a required column is missing or a required cell is empty or
        malformed.
    """
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise ValueError(f"The contacts table {table} lacks the columns {missing}.")
    rows = []
    for line, raw in enumerate(reader, start=2):
        cells = {k: (v or "").strip() for k, v in raw.items() if k is not None}
        for column in _REQUIRED:
            if column != "note" and not cells[column]:
                raise ValueError(
                    f"Line {line} of {table} has an empty {column!r} cell."
                )
        time_kst = cells.get("time_kst", "")
        duration = cells.get("duration_min", "")
        rows.append(
            _Row(
                leader=cells["leader"],
                focal=cells["focal"],
                milestone=cells["milestone"],
                milestone_date=dt.date.fromisoformat(cells["milestone_date"]),
                partner=cells["partner"],
                partner_leader=cells["partner_leader"],
                date=dt.date.fromisoformat(cells["date"]),
                time_kst=dt.time.fromisoformat(time_kst) if time_kst else None,
                duration_min=float(duration) if duration else None,
                channel=cells["channel"],
                note=cells["note"] or None,
                confidence=cells["confidence"],
                source=cells["source"],
                table=table,
            )
        )
    return rows


@cache
def _rows() -> tuple[_Row, ...]:
    """Parse (once) every bundled contacts table, in file order."""
    out: list[_Row] = []
    for name in _FILES:
        out.extend(_parse(_read_text(name), name))
    return tuple(out)


def load_leader_contacts(focal: str | None = None) -> list[dict[str, object]]:
    """Load the bundled table of leaders' first leader-level contacts.

    Parameters
    ----------
    focal : str, optional
        Keep only the rows of this focal state (``"KOR"``, ``"AUS"`` or
        ``"IDN"``). ``None`` (default) returns every row.

    Returns
    -------
    list of dict
        One dict per row, in file order (the Korean table first), with the
        keys ``leader``, ``focal``, ``milestone`` (``"election"`` or
        ``"inauguration"``), ``milestone_date`` (:class:`datetime.date`),
        ``partner``, ``partner_leader``, ``date`` (:class:`datetime.date`),
        ``time_kst`` (:class:`datetime.time` or ``None``), ``duration_min``
        (float or ``None``), ``channel``, ``note`` (``None`` when empty),
        ``confidence`` (verbatim, e.g. ``"likely"``), ``source`` (verbatim)
        and ``table`` (the file the row comes from). The Australian and
        Indonesian table has no time or duration columns: those keys are
        ``None`` for its rows. Empty cells were not found by the fact check
        and are never filled.

    Raises
    ------
    InvalidParameterError
        If ``focal`` is not a focal state of the table.

    See Also
    --------
    leader_contact_sequence : The contacts of one leader as a sequence.

    Notes
    -----
    Sources: the fact-checked tables ``rok_leader_contacts.csv`` and
    ``other_leader_contacts.csv`` of the middlepower facts file (checked
    November 2026); each row names its own source (news outlet or official
    page). Times are Korean (KST).

    Examples
    --------
    >>> from middlepower.datasets._contacts import load_leader_contacts
    >>> rows = load_leader_contacts("KOR")
    >>> first = rows[0]
    >>> first["leader"], first["partner"], first["date"], first["duration_min"]
    ('Lee Jae-myung', 'USA', datetime.date(2025, 6, 6), 20.0)
    >>> sorted({r["focal"] for r in load_leader_contacts()})
    ['AUS', 'IDN', 'KOR']
    """
    rows = _rows()
    if focal is not None:
        focals = list(dict.fromkeys(r.focal for r in rows))
        if focal not in focals:
            raise InvalidParameterError(
                f"Unknown focal state {focal!r}; the contacts table has "
                f"{', '.join(map(repr, focals))}."
            )
        rows = tuple(r for r in rows if r.focal == focal)
    return [dataclasses.asdict(r) for r in rows]


def _claim(row: _Row) -> str:
    """Return a one-line paraphrase of a contact row."""
    detail = []
    if row.time_kst is not None:
        detail.append(f"{row.time_kst:%H:%M} KST")
    if row.duration_min is not None:
        detail.append(f"about {row.duration_min:g} minutes")
    extra = f" ({', '.join(detail)})" if detail else ""
    return (
        f"{row.leader} and {row.partner_leader}: {row.channel} on "
        f"{row.date.isoformat()}{extra}."
    )


def _contact(row: _Row) -> Contact:
    """Build the contact of one row, with the row's source as evidence."""
    evidence = Evidence(
        source=row.source,
        locator=(
            f"middlepower/datasets/data/{_DIR}/{row.table} "
            f"({row.leader}, {row.partner}, {row.date.isoformat()})"
        ),
        claim=_claim(row),
        confidence=row.confidence,
    )
    return Contact(
        partner=row.partner,
        on=row.date,
        channel=Channel(row.channel),
        level="leader",
        duration_min=row.duration_min,
        time=row.time_kst,
        note=row.note,
        evidence=(evidence,),
    )


def leader_contact_sequence(
    leader: str, *, partners: Sequence[str] | None = None
) -> ContactSequence:
    """Return one leader's first leader-level contacts as a sequence.

    Parameters
    ----------
    leader : str
        The leader's name as in the table (e.g. ``"Moon Jae-in"``).
    partners : sequence of str, optional
        Keep only the contacts with these partners (e.g. ``("USA", "JPN",
        "CHN")``). ``None`` (default) keeps every contact.

    Returns
    -------
    ContactSequence
        The contacts in date order (same-day contacts keep the table's
        order), ``start`` = the leader's milestone (election or
        inauguration) date, labelled ``"<leader>, first leader-level contacts
        (<milestone> <date>)"``. Each contact carries the row's note, time and
        duration when given, and one :class:`~middlepower.Evidence` with the
        row's source and confidence (verbatim).

    Raises
    ------
    InvalidParameterError
        If ``leader`` is not in the table (the message lists the leaders),
        if ``partners`` is a single string, or if no contact is left after
        filtering by ``partners``.

    See Also
    --------
    load_leader_contacts : The rows themselves.

    Examples
    --------
    >>> from middlepower.datasets._contacts import leader_contact_sequence
    >>> seq = leader_contact_sequence("Moon Jae-in")
    >>> seq.focal, seq.start, seq.partners
    ('KOR', datetime.date(2017, 5, 10), ('USA', 'CHN', 'JPN', 'RUS'))
    >>> leader_contact_sequence("Moon Jae-in", partners=["USA", "CHN"]).partners
    ('USA', 'CHN')
    >>> seq.contacts[0].evidence[0].confidence
    'verified'
    """
    everyone = _rows()
    rows = [r for r in everyone if r.leader == leader]
    if not rows:
        leaders = ", ".join(repr(x) for x in dict.fromkeys(r.leader for r in everyone))
        raise InvalidParameterError(
            f"Unknown leader {leader!r}; the contacts table has {leaders}."
        )
    if partners is not None:
        if isinstance(partners, str):
            raise InvalidParameterError(
                f"partners must be a sequence of state codes, not the string "
                f"{partners!r}; write [{partners!r}] for a single partner."
            )
        keep = set(partners)
        rows = [r for r in rows if r.partner in keep]
        if not rows:
            raise InvalidParameterError(
                f"{leader} has no contact with the partners {list(partners)!r} "
                "in the contacts table."
            )
    milestones = {(r.milestone, r.milestone_date) for r in rows}
    if len(milestones) != 1:  # pragma: no cover - guards the bundled data
        raise ValueError(f"The rows of {leader} disagree on the milestone.")
    milestone, day = milestones.pop()
    rows.sort(key=lambda r: r.date)  # stable: same-day rows keep table order
    return ContactSequence(
        focal=rows[0].focal,
        contacts=tuple(_contact(r) for r in rows),
        label=f"{leader}, first leader-level contacts ({milestone} {day.isoformat()})",
        start=day,
    )
