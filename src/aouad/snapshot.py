"""A verified JSON snapshot of a validated roster: the fast path past YAML parsing.

The wheel carries one for the bundled roster (made at build time by hatch_build.py), and
`aouad validate DIR --snapshot` writes one for a roster of your own into the user cache
directory. Loading only ever reads snapshots. A snapshot records the SHA-256 of the exact
bytes that were parsed and validated, and a digest of the code that validated them; it is
used only while both YAML files still hash the same and the code is the same.

A cache file can be edited, planted or cut short, so a snapshot there is trusted no
further than it can be checked. It ends with an HMAC (its last key, "mac") of everything
before it, under a per-user random key (``key``, beside the snapshots, private to its owner):
an edited or foreign snapshot is refused before it is even parsed. What passes is then checked as
strictly as YAML: every field's type, every reference, the same rule for unsafe text, the
same bounds. The bundled snapshot sits inside the installed package, where aouad's own code
is, and carries a plain SHA-256 instead. Any failure, of any kind, means the snapshot is
ignored and the YAML is parsed and validated instead: never a crash, never a half-trusted
roster. JSON, not pickle: reading it can never run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Mapping
from functools import partial
from itertools import chain
from operator import eq, is_not, lt
from pathlib import Path
from typing import Any

from . import __version__, files
from .model import (
    EPISODES,
    GRADES,
    GROUPS,
    KINDS,
    RELATIONSHIP_KINDS,
    STATUSES,
    UNSTATED,
    Change,
    Character,
    Dispute,
    Event,
    Figure,
    Place,
    Relationship,
    Roster,
    Sighting,
    Source,
)

# 3: events carry `key`; 4: source grades, places, record kinds, several groups, last sightings;
# 5: a change holds its resolved place (its event's when it names none);
# 6: signed, with the digest of the validating code; 7: relationships.
FORMAT = 7
FILES = ("characters.yaml", "events.yaml")
OPTIONAL_FILES = ("relationships.yaml",)  # as roster.OPTIONAL_FILES: recorded only when there
BUNDLED_NAME = "roster.json"
KEY_NAME = "key"  # beside the snapshots it signs
KEY_BYTES = 32
ENV_VAR = "AOUAD_CACHE_DIR"  # overrides the platform's cache directory (tests, sandboxes)
# A snapshot is smaller than the YAML it stands for (two files of at most load.MAX_BYTES, which
# this module does not import: the snapshot path never imports PyYAML). Also the bound on
# reading a YAML file to hash it.
MAX_BYTES = 256 * 1024 * 1024
# The modules whose code decides what a valid roster is, and how it is rebuilt from here.
CODE = (
    "files.py",
    "load.py",
    "model.py",
    "names.py",
    "roster.py",
    "snapshot.py",
    "textsafety.py",
    "validate.py",
    "validate_characters.py",
    "validate_events.py",
    "validate_places.py",
    "validate_relationships.py",
    "validate_rules.py",
    "validate_trust.py",
    "yaml_nodes.py",
)
HEADER = ("format", "aouad", "code", "files")
PARTS = ("sources", "places", "characters", "events", "figures", "relationships")
_MAC = re.compile(rb',"mac":"([0-9a-f]{64})"}\Z')  # the end of every snapshot
_MAC_LENGTH = len(',"mac":""}') + 64


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digests(directory: Path) -> dict[str, str]:
    """The SHA-256 of each YAML file, read as a roster is read: regular files only, bounded.
    An optional file counts only when it is there, so adding or removing one makes a snapshot
    stale too."""
    out = {name: digest(files.read_bytes(directory / name, MAX_BYTES)) for name in FILES}
    for name in OPTIONAL_FILES:
        try:
            out[name] = digest(files.read_bytes(directory / name, MAX_BYTES))
        except FileNotFoundError:
            if os.path.lexists(directory / name):
                raise  # a broken link: the YAML path counts it, and says why it cannot be read
    return out


_code: list[str] = []


def code_digest() -> str:
    """A digest of this version's validating code: a snapshot from other code is not used."""
    if not _code:
        h = hashlib.sha256(f"aouad {__version__} snapshot {FORMAT}".encode())
        here = Path(__file__).parent
        for name in CODE:
            try:
                h.update(name.encode() + b"\0" + (here / name).read_bytes())
            except OSError:  # no source beside the code (a frozen build): the version must do
                h.update(name.encode() + b"\0?")
        _code.append(h.hexdigest())
    return _code[0]


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
    try:
        where = directory.resolve()
    except (OSError, RuntimeError):  # a name too long, a symlink loop: the path as given
        where = directory.absolute()
    key = hashlib.sha256(str(where).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return cache_dir() / "snapshots" / f"{key}.json"


def read(snapshot: Path, directory: Path, origin: str) -> Roster | None:
    """The roster in ``snapshot`` if it is authentic, this code's, and matches ``directory`` now.

    None for anything else: missing, unreadable, edited, foreign, stale, malformed.
    """
    try:
        return _read(snapshot, directory, origin)
    # Deliberately everything but KeyboardInterrupt and SystemExit: whatever a hostile file
    # makes json or the checks raise (RecursionError, MemoryError, ValueError...), the answer
    # is the same, parse the YAML.
    except Exception:  # noqa: BLE001 (any failure means: not this snapshot)
        return None


def _read(snapshot: Path, directory: Path, origin: str) -> Roster | None:
    raw = files.read_bytes(snapshot, MAX_BYTES)
    found = _MAC.search(raw, max(0, len(raw) - _MAC_LENGTH))
    if found is None:
        return None
    body, mac = raw[: found.start()], found.group(1).decode("ascii")
    bundled = origin == "bundled" and snapshot == Path(__file__).parent / "data" / BUNDLED_NAME
    if bundled:
        trusted = mac == digest(body)  # made at build time, inside the installed package
    else:
        key = _key(snapshot.parent)
        trusted = key is not None and _hmac_ok(key, body, mac)
    if not trusted:
        return None
    if not bundled and not _text_ok(body):
        return None
    del body
    doc = json.loads(raw)
    if not isinstance(doc, dict) or set(doc) != {*HEADER, "roster", "mac"}:
        return None
    if doc["format"] != FORMAT or doc["aouad"] != __version__ or doc["code"] != code_digest():
        return None
    if doc["files"] != digests(directory):
        return None  # the YAML changed since: stale
    return _trusted_json(doc["roster"], origin) if bundled else from_json(doc["roster"], origin)


def write(
    roster: Roster, parsed: Mapping[str, str] | Path, snapshot: Path, *, bundled: bool = False
) -> None:
    """Save ``roster``; ``parsed`` is the SHA-256 of each file as it was parsed (what
    ``load_roster(..., digests=...)`` hands out), so a file replaced meanwhile is not vouched
    for. A directory instead hashes its files as they are now: right only when nothing can
    have changed them since they were parsed.

    A cache snapshot is signed with the key beside it (made on first use); a bundled one
    carries a plain digest. Written atomically: a reader never sees half a file.
    """
    files_digests = digests(parsed) if isinstance(parsed, Path) else dict(parsed)
    doc = {
        "format": FORMAT,
        "aouad": __version__,
        "code": code_digest(),
        "files": files_digests,
        "roster": to_json(roster),
    }
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    body = text[:-1].encode("utf-8")  # the closing brace comes after the mac
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    key = None if bundled else _key(snapshot.parent, create=True)
    mac = digest(body) if key is None else _hmac(key, body)
    files.atomic_write(snapshot, body + f',"mac":"{mac}"}}'.encode("ascii"), private=not bundled)


def _key(where: Path, *, create: bool = False) -> bytes | None:
    """The signing key in ``where``: a private file of KEY_BYTES random bytes, owned by this user.

    A key another user could have written or read signs nothing: reading refuses it, and
    ``create`` replaces it (or a missing one) with a new one.
    """
    path = where / KEY_NAME
    try:
        key = files.read_bytes(path, KEY_BYTES, private=True)
    except OSError:
        key = b""
    if len(key) == KEY_BYTES:
        return key
    if not create:
        return None
    key = os.urandom(KEY_BYTES)
    files.atomic_write(path, key, private=True)
    return key


def _hmac(key: bytes, body: bytes) -> str:
    import hmac

    return hmac.new(key, body, hashlib.sha256).hexdigest()


def _hmac_ok(key: bytes, body: bytes, mac: str) -> bool:
    import hmac

    return hmac.compare_digest(_hmac(key, body), mac)


# --- strict checks: a snapshot holds exactly what a valid roster can


class _Bad(Exception):
    """Anything in the snapshot that validation would not have let through."""


def _text_ok(raw: bytes) -> bool:
    """The unsafe-text rule of load.py, over the whole JSON at once.

    json.dumps (ensure_ascii=False) writes every character raw except a quote, a backslash and
    the C0 controls; of those, roster text holds only newlines and tabs. So a snapshot that
    escapes anything else (``\\u001b``, ``\\r``) is not one aouad wrote, and checking the
    raw bytes checks every string in it. The rule is about controls and non-ASCII characters
    only: deleting the printable ASCII leaves a short text to check, not 47 MB.
    """
    from .textsafety import find_unsafe, too_many_marks

    if _BAD_ESCAPE.search(raw.replace(b"\\\\", b"")):  # each "\\\\" is one escaped backslash
        return False
    rest = raw.translate(None, _PRINTABLE_ASCII).decode("utf-8")
    if find_unsafe(rest) is not None:
        return False
    if not too_many_marks(rest):
        return True
    # Deleting the ASCII joined the marks of different strings: look again, string by string.
    return not too_many_marks("\n".join(_NON_ASCII.findall(raw.decode("utf-8"))))


_BAD_ESCAPE = re.compile(rb'\\[^"nt]')
_PRINTABLE_ASCII = bytes([9, 10, *range(32, 127)])
_NON_ASCII = re.compile("[^\x00-\x7f]+")


def _rows(v: Any, width: int) -> list[list[Any]]:
    """``v`` as a list of records, each a list of ``width`` fields."""
    if type(v) is not list or any(type(row) is not list or len(row) != width for row in v):
        raise _Bad
    return v


# Records are stored as lists in field order: compact, and quick to rebuild.


def to_json(r: Roster) -> dict[str, Any]:
    return {
        "sources": [
            [s.key, s.title, s.publisher, s.url, s.lineage, s.grade, s.grade_reason]
            for s in r.sources
        ],
        "places": [[p.id, p.name, p.aliases, p.within, p.note] for p in r.places],
        "characters": [
            [
                c.id,
                c.name,
                c.hangul,
                c.actor,
                c.group,
                c.role,
                c.aliases,
                c.first_episode,
                c.sources,
                c.note,
                [[d.about, d.values, d.followed, d.why] for d in c.disputes],
                c.seen_by,
                c.kind,
                c.groups,
                [c.last_seen.episode, c.last_seen.sources, c.last_seen.note]
                if c.last_seen
                else None,
            ]
            for c in r.characters
        ],
        "events": [
            [
                e.id,
                e.episode,
                e.seq,
                e.summary,
                e.place,
                e.flashback,
                e.characters,
                [
                    [
                        ch.who,
                        ch.status,
                        ch.episode,
                        ch.event_id,
                        ch.seq,
                        ch.cause,
                        ch.by,
                        ch.by_what,
                        ch.place,
                        ch.confirmed_episode,
                        ch.note,
                        ch.sources,
                        ch.earliest_episode,
                    ]
                    for ch in e.changes
                ],
                e.sources,
                e.note,
                e.key,
            ]
            for e in r.events
        ],
        "figures": [[f.id, f.label, f.value, f.episode, f.sources, f.note] for f in r.figures],
        "relationships": [
            [
                x.a,
                x.b,
                x.kind,
                x.episode,
                x.sources,
                x.note,
                [[d.about, d.values, d.followed, d.why] for d in x.disputes],
            ]
            for x in r.relationships
        ],
    }


def _trusted_json(doc: dict[str, Any], origin: str) -> Roster:
    """The bundled snapshot, rebuilt without checks: it was made from data/ at build time and
    lies inside the installed package, beside the code that reads it (start-up matters here:
    every call of the installed aouad takes this path). tests/test_hardening.py checks that
    from_json gives the same roster."""
    t = tuple
    return Roster(
        sources=t(Source(*s) for s in doc["sources"]),
        characters=t(
            Character(
                i,
                n,
                h,
                a,
                g,
                role,
                t(al),
                fe,
                t(src),
                note,
                t(
                    Dispute(ab, t((v, t(k)) for v, k in vals), fol, why)
                    for ab, vals, fol, why in disp
                ),
                seen,
                kind,
                t(groups),
                Sighting(last[0], t(last[1]), last[2]) if last else None,
            )
            for i, n, h, a, g, role, al, fe, src, note, disp, seen, kind, groups, last in doc[
                "characters"
            ]
        ),
        events=t(
            Event(
                i,
                ep,
                seq,
                summ,
                place,
                fb,
                t(chars),
                t(
                    Change(
                        w, st, cep, eid, cseq, cause, t(by), bw, cpl, conf, cnote, t(csrc), early
                    )
                    for w, st, cep, eid, cseq, cause, by, bw, cpl, conf, cnote, csrc, early in changes
                ),
                t(src),
                note,
                key,
            )
            for i, ep, seq, summ, place, fb, chars, changes, src, note, key in doc["events"]
        ),
        figures=t(
            Figure(i, label, v, ep, t(src), note) for i, label, v, ep, src, note in doc["figures"]
        ),
        places=t(
            Place(i, name, t(al), within, note) for i, name, al, within, note in doc["places"]
        ),
        relationships=t(
            Relationship(
                a,
                b,
                kind,
                ep,
                t(src),
                note,
                t(
                    Dispute(ab, t((v, t(k)) for v, k in vals), fol, why)
                    for ab, vals, fol, why in disp
                ),
            )
            for a, b, kind, ep, src, note, disp in doc["relationships"]
        ),
        origin=origin,
    )


def from_json(doc: Any, origin: str) -> Roster:
    """Rebuild a Roster, checking each value as validation would: raises _Bad (or TypeError,
    ValueError...) on anything a valid roster cannot hold, so no query meets a wrong type."""
    _check(doc)
    return _trusted_json(doc, origin)


def _check(doc: Any) -> None:
    """Every field of every record, column by column (a loop per column, not a call per value:
    the checks of a 100,000-character roster then cost about as much as building it)."""
    from .textsafety import MAX_TEXT_CHARS, SLUG  # not imported on the bundled path

    if type(doc) is not dict or set(doc) != set(PARTS):
        raise _Bad
    sources, places = _rows(doc["sources"], 7), _rows(doc["places"], 5)
    characters, events = _rows(doc["characters"], 15), _rows(doc["events"], 11)
    figures = _rows(doc["figures"], 6)

    # One loop (or a few passes of C loops: map, set) over a whole column at a time: a call per
    # value would cost as much again as building the roster.
    def texts(column: Any, optional: bool = False) -> None:
        for v in column:
            if type(v) is not str or not v or v.isspace() or len(v) > MAX_TEXT_CHARS:
                if v is None and optional:
                    continue
                raise _Bad

    def episodes(column: Any, optional: bool = False) -> None:
        if optional:
            column = list(filter(partial(is_not, None), column))
        if not set(map(type, column)) <= {int} or not set(column) <= set(range(1, EPISODES + 1)):
            raise _Bad

    def ints(column: Any) -> None:
        if not set(map(type, column)) <= {int}:
            raise _Bad

    def slugs(column: Any) -> set[str]:
        if not set(map(type, column)) <= {str} or not all(map(SLUG.fullmatch, column)):
            raise _Bad
        unique = set(column)
        if len(unique) != len(column):
            raise _Bad  # a duplicate id
        return unique

    def lists(column: Any, known: set[str], *, empty: bool) -> None:
        """Lists of ids or keys from ``known`` (so each one is checked text already)."""
        if (
            not set(map(type, column)) <= {list}
            or not (empty or all(column))
            or not known.issuperset(chain.from_iterable(column))
        ):
            raise _Bad

    key, title, publisher, url, lineage, grade, grade_reason = _columns(sources, 7)
    texts(key), texts(title), texts(publisher), texts(lineage), texts(url, optional=True)
    texts(grade_reason)
    if any(u is not None and not u.startswith(("http://", "https://")) for u in url):
        raise _Bad
    if not set(grade) <= set(GRADES):
        raise _Bad
    keys = set(key)
    if len(keys) != len(key):
        raise _Bad

    pid, pname, paliases, within, note = _columns(places, 5)
    place_ids = slugs(pid)
    texts(pname), texts(note, optional=True)
    if UNSTATED in place_ids or any(type(a) is not list for a in paliases):
        raise _Bad
    texts(list(chain.from_iterable(paliases)))
    if not {*place_ids, None}.issuperset(within):
        raise _Bad

    (
        cid,
        name,
        hangul,
        actor,
        group,
        role,
        aliases,
        first,
        cited,
        note,
        disputes,
        seen_by,
        kind,
        groups,
        last_seen,
    ) = _columns(characters, 15)
    ids = slugs(cid)
    texts(name), texts(hangul, optional=True), texts(actor, optional=True), texts(role)
    texts(note, optional=True), episodes(first, optional=True), episodes(seen_by, optional=True)
    lists(cited, keys, empty=False)
    if not set(group) <= set(GROUPS) or any(type(a) is not list for a in aliases):
        raise _Bad
    texts(list(chain.from_iterable(aliases)))
    if not set(kind) <= set(KINDS) or not set(map(type, groups)) <= {list}:
        raise _Bad
    # Each record's groups: the primary first, each group once.
    if (
        not all(groups)
        or [g[0] for g in groups] != list(group)
        or not set(chain.from_iterable(groups)) <= set(GROUPS)
        or any(len(g) > 1 and len(set(g)) != len(g) for g in groups)
    ):
        raise _Bad
    sightings = _rows([s for s in last_seen if s is not None], 3)
    if sightings:
        seen_episode, seen_cited, seen_note = _columns(sightings, 3)
        episodes(seen_episode), lists(seen_cited, keys, empty=False)
        texts(seen_note, optional=True)
    _check_disputes(disputes, keys, texts, lists)

    # Validation numbers changes and events in one running sequence: each event's changes,
    # then the event. Queries order by it, so it must still rise; and each change repeats
    # its event's id and episode.
    (eid, episode, seq, summary, place, flashback, involved, changes, cited, note, is_key) = (
        _columns(events, 11)
    )
    slugs(eid), episodes(episode), ints(seq), texts(summary)
    texts(note, optional=True), lists(involved, ids, empty=True), lists(cited, keys, empty=False)
    if not set(map(type, (*flashback, *is_key))) <= {bool}:
        raise _Bad
    if not {*place_ids, None}.issuperset(place):
        raise _Bad
    if not set(map(type, changes)) <= {list}:
        raise _Bad
    every = _rows(list(chain.from_iterable(changes)), 13)
    # The running sequence, and each change's event id and episode, compared as whole lists.
    order = [
        n
        for event_changes, event_seq in zip(changes, seq)
        for n in (*[change[4] for change in event_changes], event_seq)
    ]
    if (
        not all(map(lt, order, order[1:]))
        or [c[3] for c in every] != _each(eid, changes)
        or [c[2] for c in every] != _each(episode, changes)
    ):
        raise _Bad
    (
        who,
        status,
        _episode,
        _event,
        _seq,
        cause,
        by,
        by_what,
        where,
        confirmed,
        note,
        cited,
        earliest,
    ) = _columns(every, 13)
    if not ids.issuperset(who) or not set(status) <= set(STATUSES):
        raise _Bad
    texts(cause, optional=True), texts(by_what, optional=True)
    if not {*place_ids, None}.issuperset(where):  # resolved: its own place or its event's
        raise _Bad
    texts(note, optional=True), episodes(confirmed, optional=True), ints(_seq)
    episodes(earliest, optional=True), lists(by, ids, empty=True), lists(cited, keys, empty=False)

    ties = _rows(doc["relationships"], 7)
    one, other, tie_kind, tie_episode, cited, note, tie_disputes = _columns(ties, 7)
    if not ids.issuperset(one) or not ids.issuperset(other):
        raise _Bad
    if not set(tie_kind) <= set(RELATIONSHIP_KINDS) or any(map(eq, one, other)):
        raise _Bad  # an unknown kind, or a character tied to themselves: validation refuses both
    episodes(tie_episode), lists(cited, keys, empty=False), texts(note, optional=True)
    _check_disputes(tie_disputes, keys, texts, lists)

    fid, label, value, episode, cited, note = _columns(figures, 6)
    slugs(fid), texts(label), episodes(episode), texts(note, optional=True)
    lists(cited, keys, empty=False)
    ints(value)
    if any(v < 0 for v in value):
        raise _Bad


def _check_disputes(disputes: Any, keys: set[str], texts: Any, lists: Any) -> None:
    """Each record's disputes (a character's or a relationship's): texts, and the values each
    source key gives, the followed one among them."""
    from .textsafety import MAX_TEXT_CHARS

    if not set(map(type, disputes)) <= {list}:
        raise _Bad
    about, values, followed, why = _columns(_rows(list(chain.from_iterable(disputes)), 4), 4)
    texts(about), texts(followed), texts(why)
    for said, chosen in zip(values, followed):
        value, cited_by = _columns(_rows(said, 2), 2)
        if not set(map(type, value)) <= {str} or max(map(len, value), default=0) > MAX_TEXT_CHARS:
            raise _Bad  # a value is any YAML key, as text
        lists(cited_by, keys, empty=False)
        if value and chosen not in value:
            raise _Bad


def _each(values: Any, changes: Any) -> list[Any]:
    """Each event's value, once for each of its changes."""
    return [value for value, event_changes in zip(values, changes) for _ in event_changes]


def _columns(rows: list[list[Any]], width: int) -> list[Any]:
    """The fields of ``rows`` as one tuple per field (empty tuples for no rows)."""
    return list(zip(*rows)) if rows else [()] * width
