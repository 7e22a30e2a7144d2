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


def load_roster(directory: str | os.PathLike[str] | None = None, *, snapshots: bool = True) -> Roster:
    """Load and validate ``characters.yaml`` and ``events.yaml``.

    ``directory`` defaults to $AOUAD_DATA, then to the roster bundled with aouad.
    A snapshot that matches the files exactly is used unless ``snapshots`` is False.
    Raises DataError holding every problem found in both files.
    """
    where, origin = data_dir(directory)
    if not where.is_dir():
        what = "no such directory" if not where.exists() else "not a directory"
        raise DataError([Problem(str(where), 0, 0, f"{what} (expected a directory holding {' and '.join(FILES)}; from {origin})")])
    if snapshots:
        from . import snapshot

        candidates = [where / snapshot.BUNDLED_NAME] if origin == "bundled" else []
        candidates.append(snapshot.cache_path(where))
        for candidate in candidates:
            if candidate.is_file():
                with _no_collection():
                    found = snapshot.read(candidate, where, origin)
                if found is not None:
                    return found
    return parse_roster(where, origin)


def parse_roster(where: Path, origin: str = "given") -> Roster:
    """The YAML path: parse the files, then validate them together."""
    from dataclasses import replace

    from .load import parse, read_text
    from .validate import build_roster

    problems: list[Problem] = []
    docs = []
    paths = tuple(str(where / name) for name in FILES)
    # A broken link counts as there: reading it then says why it cannot be read.
    optional = tuple(str(where / name) for name in OPTIONAL_FILES
                     if (where / name).exists() or (where / name).is_symlink())
    with _no_collection():
        for path in paths + optional:
            try:
                docs.append(parse(read_text(Path(path)), path))
            except DataError as err:  # keep going: one broken file must not hide the others' problems
                problems.extend(err.problems)
                docs.append(None)
        if problems:
            raise DataError(problems)
        # Relationships are checked against the built roster, so the characters' and events'
        # problems come first (and alone): fixed, they let the relationships be checked.
        roster = build_roster(docs[0], docs[1], (paths[0], paths[1]), origin=origin)
        if not optional:
            return roster
        from .validate_relationships import check

        relationships = check(docs[2], optional[0], roster, problems)
        if problems:
            raise DataError(problems)
        return replace(roster, relationships=relationships)
