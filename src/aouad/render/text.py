"""Plain-text renderings for places Rich is not wanted: watch mode without a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from ..model import STATUSES

if TYPE_CHECKING:
    from ..model import Change, Event
    from ..recap import New


class Digest(Protocol):
    """What the episode views read of a queries.Digest (render/ does not import queries)."""

    @property
    def episode(self) -> int: ...
    @property
    def events(self) -> tuple[Event, ...]: ...
    @property
    def changes(self) -> tuple[Change, ...]: ...
    @property
    def tally(self) -> Any: ...
    @property
    def new(self) -> New | None: ...


def digest_lines(d: Digest, names: dict[str, str]) -> list[str]:
    lines = [f"== Episode {d.episode} =="]
    for e in d.events:
        lines.append(f"- {e.summary}" + (" (flashback)" if e.flashback else ""))
    if d.changes:
        lines.append("Status changes:")
        for ch in d.changes:
            how = f" — {ch.cause}" if ch.cause else ""
            by = [names.get(b, b) for b in ch.by] + ([ch.by_what] if ch.by_what else [])
            lines.append(
                f"  {names.get(ch.who, ch.who)}: {ch.status}{how}"
                + (f" (by {', '.join(by)})" if by else "")
            )
    lines.extend(new_lines(d.new, names))
    lines.append("Tally: " + tally_text(d.tally.counts))
    return lines


def episode_text(row: dict[str, Any]) -> str:
    """An episode as people read it: a range the sources do not settle, and a later confirmation."""
    ep = str(row["episode"])
    if row.get("earliest_episode"):
        ep = f"{row['earliest_episode']}–{ep} (not settled)"
    if row.get("confirmed_episode") and row["confirmed_episode"] != row["episode"]:
        ep += f" (confirmed in {row['confirmed_episode']})"
    return ep


def last_seen_text(row: dict[str, Any]) -> str:
    """', last seen in episode N' when a source last shows them before the final episode."""
    from ..model import EPISODES

    seen = row.get("last_seen")
    return f", last seen in episode {seen}" if isinstance(seen, int) and seen < EPISODES else ""


def tally_text(counts: dict[str, Any]) -> str:
    return ", ".join(f"{s} {counts[s]}" for s in (*STATUSES, "unseen") if counts.get(s))


def new_lines(new: New | None, names: dict[str, str]) -> list[str]:
    """watch's "new this episode": who was met, whose status changed, where the living moved
    (recap.new_in, the code `aouad recap` uses)."""
    if new is None:
        return []
    lines = ["New this episode:"]
    if new.met:
        lines.append("  Met: " + ", ".join(c.name for c in new.met))
    if new.changed:
        lines.append(
            "  Changed: "
            + "; ".join(f"{names.get(m.who, m.who)} {m.before} → {m.after}" for m in new.changed)
        )
    if new.moved:
        lines.append("  Moved:")
        lines.extend(
            f"    {', '.join(names.get(w, w) for w in m.who)}: {m.before} → {m.after}"
            for m in new.moved
        )
    if len(lines) == 1:
        lines.append("  no one met, changed or moved")
    return lines
