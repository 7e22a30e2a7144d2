"""The closed sets a roster's values come from: statuses, groups, grades, kinds of record and
of relationship, and the number of episodes. model.py re-exports them beside the records.
"""

from __future__ import annotations

__all__ = [
    "DERIVED_KINDS",
    "DIRECTED_KINDS",
    "EPISODES",
    "FATAL",
    "GRADES",
    "GROUPS",
    "INFECTIOUS",
    "KINDS",
    "RELATIONSHIP_KINDS",
    "STATUSES",
    "SURVIVING",
    "SYMMETRIC_KINDS",
    "TIE_KINDS",
    "UNSTATED",
]

EPISODES = 12
STATUSES = ("alive", "infected", "hambie", "zombie", "dead", "unknown")
# Statuses that end a character's life as a human: what `deaths` lists.
FATAL = ("hambie", "zombie", "dead")
# Carrying the virus: how the infection chain is traced.
INFECTIOUS = ("infected", "hambie", "zombie")
# Still living, at the end or as of an episode (bitten but not yet turned counts).
SURVIVING = ("alive", "infected", "hambie")
# Relationship kinds typed in relationships.yaml. Directional kinds read "a <kind> b" (a is b's
# parent, a has a crush on b, a bullies, rescued or protected b); symmetric ones hold both ways,
# so each pair is typed once, in either order.
DIRECTED_KINDS = ("parent", "crush", "bully", "rescued", "protected")
SYMMETRIC_KINDS = (
    "sibling",
    "spouse",
    "friend",
    "couple",
    "classmate",
    "rival",
    "enemy",
    "colleague",
)
# Kinds derived from the timeline's status changes, never typed: a change with `by: [x]` to
# infected/hambie/zombie (the character's first) means x infected them; to dead, x killed them.
DERIVED_KINDS = ("infected", "killed")
RELATIONSHIP_KINDS = DIRECTED_KINDS + SYMMETRIC_KINDS
# The order kinds of tie are listed and drawn in: family, feelings, school, rescues, the timeline's.
TIE_KINDS = (
    "parent",
    "sibling",
    "spouse",
    "couple",
    "crush",
    "friend",
    "classmate",
    "colleague",
    "rival",
    "enemy",
    "bully",
    "rescued",
    "protected",
    "infected",
    "killed",
)
GROUPS = (
    "student",
    "teacher",
    "staff",
    "family",
    "police",
    "firefighter",
    "military",
    "politician",
    "civilian",
)
# How far a source is trusted. An unreliable source is kept so the record says what it claims,
# but it backs nothing on its own and is not counted among the independent sources of a fact.
GRADES = ("good", "weak", "unreliable")
# A record is one person, or a group of unnamed people kept as one record (never counted as people).
KINDS = ("person", "group")
# Written on an event or a change: the place is not stated. On a change it does not fall back to
# the event's place, so it can say "not known" where the event itself has a place.
UNSTATED = "unknown"
