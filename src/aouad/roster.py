"""Finding a roster directory and loading it: the library's front door.

A verified snapshot (see snapshot.py) answers when there is one; otherwise the YAML is
parsed and validated. Both paths give the same Roster; only the YAML path imports PyYAML.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from .errors import DataError, Problem
from .model import Roster

ENV_VAR = "AOUAD_DATA"
FILES = ("characters.yaml", "events.yaml")
# Files a roster may hold or leave out: without relationships.yaml a roster has no relationships.
OPTIONAL_FILES = ("relationships.yaml",)


def data_dir_default() -> Path:
    """The bundled roster: inside the installed package, else the checkout's data/."""
    packaged = resources.files("aouad") / "data"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "data"  # a source checkout


def data_dir(explicit: str | os.PathLike[str] | None = None) -> tuple[Path, str]:
    """The roster directory to use and where that choice came from."""
    if explicit is not None and str(explicit) != "":
        return Path(explicit), "given"
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env), ENV_VAR
    return data_dir_default(), "bundled"


@contextmanager
def _no_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while a roster is built.

    Building allocates millions of objects that all stay alive, and each allocation burst
    triggers a collection that walks everything made so far: a quarter of a 100,000-character
    load, and what kept growth from being linear. Nothing built here forms a cycle to collect.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_roster(
    directory: str | os.PathLike[str] | None = None,
    *,
    snapshots: bool = True,
    digests: dict[str, str] | None = None,
) -> Roster:
    """Load and validate ``characters.yaml``, ``events.yaml`` and, when there,
    ``relationships.yaml``.

    ``directory`` defaults to $AOUAD_DATA, then to the roster bundled with aouad.
    A snapshot that matches the files exactly is used unless ``snapshots`` is False.
    ``digests``, when given, receives the SHA-256 of each file's bytes as parsed (the YAML
    path only: what a snapshot of this roster must record). Raises DataError holding every
    problem found in both files.
    """
    where, origin = data_dir(directory)
    try:
        is_dir = where.is_dir()
        exists = is_dir or where.exists()
    except OSError as err:  # a name too long, a directory that may not be searched
        why = f"cannot read: {err.strerror or err} (from {origin})"
        raise DataError([Problem(str(where), 0, 0, why)]) from None
    if not is_dir:
        what = "no such directory" if not exists else "not a directory"
        raise DataError(
            [
                Problem(
                    str(where),
                    0,
                    0,
                    f"{what} (expected a directory holding {' and '.join(FILES)}; from {origin})",
                )
            ]
        )
    if snapshots:
        found = _from_snapshot(where, origin)
        if found is not None:
            return found
    return parse_roster(where, origin, digests=digests)


def _from_snapshot(where: Path, origin: str) -> Roster | None:
    from . import snapshot

    candidates = [where / snapshot.BUNDLED_NAME] if origin == "bundled" else []
    candidates.append(snapshot.cache_path(where))
    for candidate in candidates:
        with _no_collection():
            found = snapshot.read(candidate, where, origin)  # None for anything but a good one
        if found is not None:
            return found
    return None


def parse_roster(
    where: Path, origin: str = "given", *, digests: dict[str, str] | None = None
) -> Roster:
    """The YAML path: parse the files, then validate them together.

    Each file is read once; ``digests`` (when given) gets the SHA-256 of exactly those bytes,
    so a snapshot never vouches for a file that changed while it was being validated.
    """
    import hashlib
    from dataclasses import replace

    from .load import check_text, parse, read_raw
    from .validate import build_roster

    problems: list[Problem] = []
    docs = []
    names = [*FILES, *(name for name in OPTIONAL_FILES if _present(where / name))]
    paths = tuple(str(where / name) for name in names)
    with _no_collection():
        for name, path in zip(names, paths):
            try:
                raw = read_raw(Path(path))
                if digests is not None:
                    digests[name] = hashlib.sha256(raw).hexdigest()
                docs.append(parse(check_text(raw, path), path))  # the bytes: see load.parse
            except (
                DataError
            ) as err:  # keep going: one broken file must not hide the others' problems
                problems.extend(err.problems)
                docs.append(None)
        if problems:
            raise DataError(problems)
        # Relationships are checked against the built roster, so the characters' and events'
        # problems come first (and alone): fixed, they let the relationships be checked.
        roster = build_roster(docs[0], docs[1], (paths[0], paths[1]), origin=origin)
        if len(names) == len(FILES):
            return roster
        from .validate_relationships import check

        relationships = check(docs[2], paths[2], roster, problems)
        if problems:
            raise DataError(problems)
        return replace(roster, relationships=relationships)


def _present(path: Path) -> bool:
    """Whether an optional file is there. A broken link counts (reading it then says why it
    cannot be read), and so does a name that cannot be looked up, in a directory that may not
    be searched: reading it reports that, where Path.exists() raises PermissionError."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    return True
