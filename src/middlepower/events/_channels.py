"""Which coded events are contacts, and through which channel (METHODS.md §10).

The mapping is a cited data file shipped with the package
(``middlepower/datasets/data/events/channels.csv``, see the README there);
users can pass their own table with the same columns.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

from middlepower._checks import check_file
from middlepower._optional import import_optional
from middlepower.events._schema import EventTableError
from middlepower.exceptions import InvalidParameterError
from middlepower.models import Channel

__all__ = ["CHANNELS", "ROLES", "load_channel_map"]

CHANNELS: tuple[str, ...] = tuple(c.value for c in Channel)
"""Channel names in the order of their integer codes inside the kernels."""

ROLES: tuple[str, ...] = ("source", "target", "either")
"""Where the focal state stands in an event for a mapping row to apply."""

_REQUIRED = ("code", "mode", "focal_as", "channel")
_PACKAGE = "middlepower.datasets"
_FILE = ("data", "events", "channels.csv")

Int8Array = npt.NDArray[np.int8]


def _read_bundled() -> Any:
    pd = import_optional("pandas", "data", "load_channel_map")
    resource = resources.files(_PACKAGE).joinpath(*_FILE)
    text = resource.read_text(encoding="utf-8")
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def load_channel_map(mapping: Any = None) -> Any:
    """Return the table that maps event codes to contact channels.

    Each row says: an event with this ``code`` (CAMEO code such as ``"042"``,
    or PLOVER type such as ``"CONSULT"``) and ``mode`` (PLOVER mode; empty =
    no mode) is a contact through ``channel`` when the focal state stands as
    ``focal_as`` (``"source"``, ``"target"`` or ``"either"``) in it.

    ============================  ================  ================
    code (mode)                   F is the source   F is the target
    ============================  ================  ================
    041, CONSULT (phone)          call              call
    042, CONSULT (visit)          visit             meeting
    043                           meeting           visit
    044, 046, CONSULT (third-p.)  meeting           meeting
    CONSULT (multilateral)        summit            summit
    ============================  ================  ================

    CAMEO 040 (generic *Consult*, a residual code that does not say how the
    contact took place) is deliberately left out; add a row to count it.

    Parameters
    ----------
    mapping : str, os.PathLike or pandas.DataFrame, optional
        A CSV file or a table with columns ``code``, ``mode``, ``focal_as``
        and ``channel`` (others are kept). Default: the bundled table.

    Returns
    -------
    pandas.DataFrame
        The validated table: codes stripped and upper-cased, modes stripped
        and lower-cased (missing = ``""``), as strings.

    Raises
    ------
    DataFormatError
        If a column is missing, a ``focal_as`` or ``channel`` value is
        unknown, a code is empty, or two rows give the same code, mode and
        role (an ``either`` row clashes with a ``source`` or ``target`` row).
    InvalidParameterError
        If ``mapping`` is neither a path nor a DataFrame.

    References
    ----------
    .. [1] Gerner, D. J., P. A. Schrodt, Ö. Yilmaz and R. Abu-Jabr.
       "Conflict and Mediation Event Observations (CAMEO): A New Event Data
       Framework for the Analysis of Foreign Policy Interactions." Paper
       presented at the International Studies Association, New Orleans, 2002.
    .. [2] Halterman, A., P. A. Schrodt, A. Beger, B. E. Bagozzi and G. I.
       Scarborough. "Creating Custom Event Data Without Dictionaries: A
       Bag-of-Tricks." arXiv:2304.01331, 2023 (POLECAT; PLOVER manual,
       openeventdata/PLOVER).

    Examples
    --------
    >>> from middlepower.events import load_channel_map
    >>> table = load_channel_map()
    >>> table.loc[table.code == "042", ["focal_as", "channel"]].values.tolist()
    [['source', 'visit'], ['target', 'meeting']]
    >>> "040" in set(table.code)
    False
    """
    pd = import_optional("pandas", "data", "load_channel_map")
    if mapping is None:
        table = _read_bundled()
        where = "channels.csv (bundled)"
        offset = 2
    elif isinstance(mapping, str | os.PathLike):
        where = check_file(mapping, "mapping", "Channel mapping file")
        try:
            table = pd.read_csv(where, dtype=str, keep_default_na=False)
        except (OSError, ValueError) as err:
            raise EventTableError(where, f"cannot be read as CSV ({err})") from None
        offset = 2
    elif isinstance(mapping, pd.DataFrame):
        table = mapping.copy()
        where = "<mapping DataFrame>"
        offset = 0
    else:
        raise InvalidParameterError(
            "mapping must be a CSV path or a pandas DataFrame, not "
            f"{type(mapping).__name__}."
        )
    missing = [c for c in _REQUIRED if c not in table.columns]
    if missing:
        raise EventTableError(
            where, "the channel mapping lacks columns", missing=missing
        )
    table = table.astype(dict.fromkeys(_REQUIRED, object))
    for c in _REQUIRED:
        table[c] = table[c].where(table[c].notna(), "").map(str).str.strip()
    table["code"] = table["code"].str.upper()
    table["mode"] = table["mode"].str.lower()
    table["focal_as"] = table["focal_as"].str.lower()
    table["channel"] = table["channel"].str.lower()
    seen: dict[tuple[str, str], set[str]] = {}
    for i, row in enumerate(table[list(_REQUIRED)].itertuples(index=False)):
        line = i + offset if offset else None
        label = f"row {i + 1}" if line is None else ""
        code, mode, role, channel = (str(v) for v in row)
        if not code:
            raise EventTableError(where, f"{label or 'a row'} has no code", line=line)
        if role not in ROLES:
            raise EventTableError(
                where,
                f"{label + ': ' if label else ''}unknown focal_as {role!r}; "
                "expected 'source', 'target' or 'either'",
                line=line,
            )
        if channel not in CHANNELS:
            raise EventTableError(
                where,
                f"{label + ': ' if label else ''}unknown channel {channel!r}; "
                f"expected one of {', '.join(map(repr, CHANNELS))}",
                line=line,
            )
        roles = seen.setdefault((code, mode), set())
        clash = role in roles or (roles and (role == "either" or "either" in roles))
        if clash:
            shown = f"{code}" + (f" ({mode})" if mode else "")
            raise EventTableError(
                where,
                f"{label + ': ' if label else ''}code {shown} is mapped twice "
                f"for the focal state as {role}",
                line=line,
            )
        roles.add(role)
    return table.astype(dict.fromkeys(_REQUIRED, str)).reset_index(drop=True)


@dataclass(frozen=True)
class ChannelLookup:
    """A validated mapping compiled for vectorised lookups.

    ``rules[(code, mode)] = (channel if F is the source, channel if F is the
    target)``, as integer codes into :data:`CHANNELS` (``-1``: not a contact).
    """

    rules: dict[tuple[str, str], tuple[int, int]]

    @classmethod
    def from_mapping(cls, mapping: Any = None) -> ChannelLookup:
        """Compile :func:`load_channel_map` ``(mapping)``."""
        table = load_channel_map(mapping)
        rules: dict[tuple[str, str], tuple[int, int]] = {}
        for code, mode, role, channel in table[list(_REQUIRED)].itertuples(index=False):
            src, tgt = rules.get((code, mode), (-1, -1))
            ch = CHANNELS.index(channel)
            if role in ("source", "either"):
                src = ch
            if role in ("target", "either"):
                tgt = ch
            rules[(code, mode)] = (src, tgt)
        return cls(rules)

    def codes(self) -> set[str]:
        """Every event code that can be a contact."""
        return {code for code, _ in self.rules}

    def channels(self, codes: Any, modes: Any) -> tuple[Int8Array, Int8Array]:
        """Channel of each event with F as source and with F as target.

        ``codes`` and ``modes`` are pandas Series (any string dtype); only
        their distinct values are looked up in Python.
        """
        pd = import_optional("pandas", "data", "event contacts")
        c_idx, c_uniq = pd.factorize(codes, use_na_sentinel=True)
        if bool(modes.isna().all()):  # CAMEO data: no modes, skip a factorisation
            m_idx, m_uniq = None, []
        else:
            m_idx, m_uniq = pd.factorize(modes, use_na_sentinel=True)
        c_norm = [str(v).strip().upper() for v in c_uniq]
        m_norm = [""] + [str(v).strip().lower() for v in m_uniq]
        width = len(m_norm)
        src_table = np.full((len(c_norm) + 1) * width, -1, dtype=np.int8)
        tgt_table = np.full_like(src_table, -1)
        for i, code in enumerate(c_norm):
            for j, mode in enumerate(m_norm):
                rule = self.rules.get((code, mode))
                if rule is not None:
                    src_table[(i + 1) * width + j], tgt_table[(i + 1) * width + j] = (
                        rule
                    )
        # flat index (code + 1) * width + (mode + 1), computed in place
        key = np.asarray(c_idx, dtype=np.intp)
        key += 1
        key *= width
        if m_idx is not None:
            key += np.asarray(m_idx, dtype=np.intp)
            key += 1
        out_src: Int8Array = src_table[key]
        out_tgt: Int8Array = tgt_table[key]
        return out_src, out_tgt
