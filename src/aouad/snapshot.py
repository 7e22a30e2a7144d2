"""A verified JSON snapshot of a validated roster: the fast path past YAML parsing.

The wheel carries one for the bundled roster (made at build time by hatch_build.py), and
`aouad validate DIR --snapshot` writes one for a roster of your own into the user cache
directory. Loading only ever reads snapshots, and uses one only when it names this
version of aouad and the SHA-256 of both YAML files as they are now: an edited roster,
a corrupt file or a foreign one is ignored and the YAML is parsed and validated instead.
JSON, not pickle: reading it can never run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from . import __version__
from .model import Change, Character, Dispute, Event, Figure, Place, Relationship, Roster, Sighting, Source
from .roster import FILES, OPTIONAL_FILES

# 3: events carry `key`; 4: source grades, places, record kinds, several groups, last sightings;
# 5: a change holds its resolved place (its event's when it names none); 6: relationships
FORMAT = 6
BUNDLED_NAME = "roster.json"
ENV_VAR = "AOUAD_CACHE_DIR"  # overrides the platform's cache directory (tests, sandboxes)


def digests(directory: Path) -> dict[str, str | None]:
    """The SHA-256 of each roster file; None for an optional file that is not there, so adding
    or removing one makes a snapshot stale too."""
    out: dict[str, str | None] = {name: hashlib.sha256((directory / name).read_bytes()).hexdigest() for name in FILES}
    for name in OPTIONAL_FILES:
        path = directory / name
        out[name] = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
    return out


def cache_dir() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "aouad"
    if os.name == "nt":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / "aouad" / "Cache"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "aouad"


def cache_path(directory: Path) -> Path:
    """Where the snapshot of the roster in ``directory`` lives: one file per directory."""
    key = hashlib.sha256(str(directory.resolve()).encode("utf-8")).hexdigest()[:32]
    return cache_dir() / "snapshots" / f"{key}.json"


def read(snapshot: Path, directory: Path, origin: str) -> Roster | None:
    """The roster in ``snapshot`` if it is this version's and matches ``directory`` now."""
    try:
        doc = json.loads(snapshot.read_bytes())
        if doc.get("format") != FORMAT or doc.get("aouad") != __version__:
            return None
        if doc.get("files") != digests(directory):
            return None  # the YAML changed since: stale
        return from_json(doc["roster"], origin)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None  # missing, corrupt or foreign: parse the YAML instead


def write(roster: Roster, directory: Path, snapshot: Path) -> None:
    doc = {"format": FORMAT, "aouad": __version__, "files": digests(directory), "roster": to_json(roster)}
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    temporary = snapshot.with_name(f".{snapshot.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    os.replace(temporary, snapshot)  # atomic: a reader never sees half a file


# Records are stored as lists in field order: compact, and quick to rebuild.


def to_json(r: Roster) -> dict[str, Any]:
    return {
        "sources": [[s.key, s.title, s.publisher, s.url, s.lineage, s.grade, s.grade_reason] for s in r.sources],
        "places": [[p.id, p.name, p.aliases, p.within, p.note] for p in r.places],
        "characters": [
            [c.id, c.name, c.hangul, c.actor, c.group, c.role, c.aliases, c.first_episode, c.sources,
             c.note, [[d.about, d.values, d.followed, d.why] for d in c.disputes], c.seen_by, c.kind, c.groups,
             [c.last_seen.episode, c.last_seen.sources, c.last_seen.note] if c.last_seen else None]
            for c in r.characters
        ],
        "events": [
            [e.id, e.episode, e.seq, e.summary, e.place, e.flashback, e.characters,
             [[ch.who, ch.status, ch.episode, ch.event_id, ch.seq, ch.cause, ch.by, ch.by_what, ch.place,
               ch.confirmed_episode, ch.note, ch.sources, ch.earliest_episode] for ch in e.changes],
             e.sources, e.note, e.key]
            for e in r.events
        ],
        "figures": [[f.id, f.label, f.value, f.episode, f.sources, f.note] for f in r.figures],
        "relationships": [[x.a, x.b, x.kind, x.episode, x.sources, x.note,
                           [[d.about, d.values, d.followed, d.why] for d in x.disputes]] for x in r.relationships],
    }


def from_json(doc: dict[str, Any], origin: str) -> Roster:
    t = tuple
    return Roster(
        sources=t(Source(*s) for s in doc["sources"]),
        characters=t(
            Character(i, n, h, a, g, role, t(al), fe, t(src), note,
                      t(Dispute(ab, t((v, t(k)) for v, k in vals), fol, why) for ab, vals, fol, why in disp), seen,
                      kind, t(groups), Sighting(last[0], t(last[1]), last[2]) if last else None)
            for i, n, h, a, g, role, al, fe, src, note, disp, seen, kind, groups, last in doc["characters"]
        ),
        events=t(
            Event(i, ep, seq, summ, place, fb, t(chars),
                  t(Change(w, st, cep, eid, cseq, cause, t(by), bw, cpl, conf, cnote, t(csrc), early)
                    for w, st, cep, eid, cseq, cause, by, bw, cpl, conf, cnote, csrc, early in changes),
                  t(src), note, key)
            for i, ep, seq, summ, place, fb, chars, changes, src, note, key in doc["events"]
        ),
        figures=t(Figure(i, label, v, ep, t(src), note) for i, label, v, ep, src, note in doc["figures"]),
        places=t(Place(i, name, t(al), within, note) for i, name, al, within, note in doc["places"]),
        relationships=t(
            Relationship(a, b, kind, ep, t(src), note,
                         t(Dispute(ab, t((v, t(k)) for v, k in vals), fol, why) for ab, vals, fol, why in disp))
            for a, b, kind, ep, src, note, disp in doc["relationships"]
        ),
        origin=origin,
    )
