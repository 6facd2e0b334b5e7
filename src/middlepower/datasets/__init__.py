"""Bundled data sets: scenarios and real signed networks, loaded by name.

Examples
--------
>>> sorted(mp.datasets.load_signed_interstate())[:2]
['46-49', '47-50']
"""

from __future__ import annotations

from middlepower.datasets._contacts import leader_contact_sequence, load_leader_contacts
from middlepower.datasets._scenarios import list_scenarios, load_scenario
from middlepower.datasets._signed import (
    load_signed_interstate,
    load_signed_interstate_window,
    load_tribes,
    signed_interstate_windows,
)

__all__ = [
    "leader_contact_sequence",
    "list_scenarios",
    "load_leader_contacts",
    "load_scenario",
    "load_signed_interstate",
    "load_signed_interstate_window",
    "load_tribes",
    "signed_interstate_windows",
]
