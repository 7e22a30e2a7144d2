"""Finding a roster directory and loading it: the library's front door."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DataError, Problem
from .load import FILES, data_dir_default, parse, read_text
from .model import Roster
from .validate import build_roster

ENV_VAR = "AOUAD_DATA"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> tuple[Path, str]:
    """The roster directory to use and where that choice came from."""
    if explicit is not None and str(explicit) != "":
        return Path(explicit), "given"
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env), ENV_VAR
    return data_dir_default(), "bundled"


def load_roster(directory: str | os.PathLike[str] | None = None) -> Roster:
    """Load and validate ``characters.yaml`` and ``events.yaml``.

    ``directory`` defaults to $AOUAD_DATA, then to the roster bundled with aouad.
    Raises DataError holding every problem found in both files.
    """
    where, origin = data_dir(directory)
    if not where.is_dir():
        what = "no such directory" if not where.exists() else "not a directory"
        raise DataError([Problem(str(where), 0, 0, f"{what} (expected a directory holding {' and '.join(FILES)}; from {origin})")])
    problems: list[Problem] = []
    docs = []
    paths = tuple(str(where / name) for name in FILES)
    for path in paths:
        try:
            docs.append(parse(read_text(Path(path)), path))
        except DataError as err:  # keep going: one broken file must not hide the other's problems
            problems.extend(err.problems)
            docs.append(None)
    if problems:
        raise DataError(problems)
    return build_roster(docs[0], docs[1], (paths[0], paths[1]), origin=origin)
