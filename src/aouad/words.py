"""The words for statuses: one vocabulary for every command, format and picture.

A status is always called by its own name (the key in JSON, a column or legend entry, a CSV
header, a word in watch); where a cell has the room, "hambie" carries its gloss. "bitten" is
a way of becoming infected (a cause), never the name of a status.
"""

from __future__ import annotations

from .model import STATUSES

UNSEEN = "unseen"  # not met yet: a count in curve and watch, not a status
STATUS_WORD = {s: s for s in (*STATUSES, UNSEEN)}
STATUS_LABEL = {**STATUS_WORD, "hambie": "hambie (half-zombie)"}


def label(status: str) -> str:
    """A status as a table cell shows it."""
    return STATUS_LABEL.get(status, status)
