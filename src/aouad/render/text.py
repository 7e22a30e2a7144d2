"""Plain-text renderings for places Rich is not wanted: watch mode without a terminal."""

from __future__ import annotations

from typing import Any

from ..model import STATUSES
from ..queries import Digest


def digest_lines(d: Digest, names: dict[str, str]) -> list[str]:
    lines = [f"== Episode {d.episode} =="]
    for e in d.events:
        lines.append(f"- {e.summary}" + (" (flashback)" if e.flashback else ""))
    if d.changes:
        lines.append("Status changes:")
        for ch in d.changes:
            how = f" — {ch.cause}" if ch.cause else ""
            by = [names.get(b, b) for b in ch.by] + ([ch.by_what] if ch.by_what else [])
            lines.append(f"  {names.get(ch.who, ch.who)}: {ch.status}{how}" + (f" (by {', '.join(by)})" if by else ""))
    lines.append("Tally: " + tally_text(d.tally.counts))
    return lines


def tally_text(counts: dict[str, Any]) -> str:
    return ", ".join(f"{s} {counts[s]}" for s in (*STATUSES, "unseen") if counts.get(s))
