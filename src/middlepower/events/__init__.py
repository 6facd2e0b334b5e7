"""Event data (GDELT, ICEWS, POLECAT) to contact sequences and balance panels.

METHODS.md §10. Needs the ``data`` extra (and ``dask`` for clusters).
"""

from __future__ import annotations

from middlepower.events._channels import load_channel_map
from middlepower.events._contacts import contact_rows, contacts
from middlepower.events._panel import balance_panel
from middlepower.events._readers import (
    ReadSummary,
    read_gdelt,
    read_icews,
    read_polecat,
)
from middlepower.events._schema import (
    CANONICAL_COLUMNS,
    EventTableError,
    UnalignedStateError,
    check_event_table,
)
from middlepower.exceptions import EmptySequenceError

__all__ = [
    "CANONICAL_COLUMNS",
    "EmptySequenceError",
    "EventTableError",
    "ReadSummary",
    "UnalignedStateError",
    "balance_panel",
    "check_event_table",
    "contact_rows",
    "contacts",
    "load_channel_map",
    "read_gdelt",
    "read_icews",
    "read_polecat",
]
