"""A verified JSON snapshot of a validated roster: the fast path past YAML parsing.

The wheel carries one for the bundled roster (made at build time by hatch_build.py), and
`aouad validate DIR --snapshot` writes one for a roster of your own into the user cache
directory (userdirs.py). Loading only ever reads snapshots. A snapshot records the SHA-256 of
the exact bytes that were parsed and validated, and a digest of the code that validated them
(every module in CODE); it is used only while every YAML file still hashes the same and the
code is the same.

A cache file can be edited, planted or cut short, so a snapshot there is trusted no
further than it can be checked. It ends with an HMAC (its last key, "mac") of everything
before it, under a per-user random key (``key``, beside the snapshots, private to its owner):
an edited or foreign snapshot is refused before it is even parsed. What passes is then
checked as strictly as YAML (snapshot_check.py). The bundled snapshot sits inside the
installed package, where aouad's own code is, and carries a plain SHA-256 instead. Any
failure, of any kind, means the snapshot is ignored and the YAML is parsed and validated
instead: never a crash, never a half-trusted roster. JSON, not pickle: reading it can never
run code. The JSON layout is snapshot_json.py's.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import __version__, files
from .model import Roster
from .roster import FILES, OPTIONAL_FILES  # recorded when there: an added file makes it stale
from .snapshot_json import to_json, trusted_json

# 3: events carry `key`; 4: source grades, places, record kinds, several groups, last sightings;
# 5: a change holds its resolved place (its event's when it names none);
# 6: signed, with the digest of the validating code; 7: relationships.
FORMAT = 7
BUNDLED_NAME = "roster.json"
KEY_NAME = "key"  # beside the snapshots it signs
KEY_BYTES = 32
# A snapshot is smaller than the YAML it stands for (two files of at most load.MAX_BYTES, which
# this module does not import: the snapshot path never imports PyYAML). Also the bound on
# reading a YAML file to hash it.
MAX_BYTES = 256 * 1024 * 1024
# The modules whose code decides what a valid roster is, and how it is rebuilt from here:
# every aouad module that validating or reading a snapshot imports
# (tests/unit/test_snapshot_code.py checks that none is missing).
CODE = (
    "errors.py",
    "files.py",
    "load.py",
    "model.py",
    "names.py",
    "roster.py",
    "snapshot.py",
    "snapshot_check.py",
    "snapshot_json.py",
    "terms.py",
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


def cache_path(directory: Path) -> Path:
    """Where the snapshot of the roster in ``directory`` lives: one file per directory."""
    try:
        where = directory.resolve()
    except (OSError, RuntimeError):  # a name too long, a symlink loop: the path as given
        where = directory.absolute()
    key = hashlib.sha256(str(where).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    from .userdirs import cache_dir

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
    rebuild = trusted_json  # the bundled snapshot: inside the installed package, as the code is
    if not bundled:
        from .snapshot_check import from_json, text_ok  # a cache file only: not at start-up

        if not text_ok(body):
            return None
        rebuild = from_json
    del body
    doc = json.loads(raw)
    if not isinstance(doc, dict) or set(doc) != {*HEADER, "roster", "mac"}:
        return None
    if doc["format"] != FORMAT or doc["aouad"] != __version__ or doc["code"] != code_digest():
        return None
    if doc["files"] != digests(directory):
        return None  # the YAML changed since: stale
    return rebuild(doc["roster"], origin)


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


_trusted_json = trusted_json  # the names tests/command/test_hardening.py knows


def from_json(doc: Any, origin: str) -> Roster:
    from .snapshot_check import from_json

    return from_json(doc, origin)
