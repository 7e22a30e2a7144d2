"""Build hook: ship a verified JSON snapshot of the bundled roster inside the wheel.

The snapshot lets an installed aouad answer without importing PyYAML or re-validating
~4,000 lines of YAML on every call. It records the SHA-256 of every YAML file of the roster as
parsed (roster.FILES and OPTIONAL_FILES), and the digest of the code that validated them, so
aouad ignores it the moment either differs (see src/aouad/snapshot.py). Making it validates
the roster too, relationships included: a wheel with invalid data cannot be built.

The snapshot is made by aouad from the source tree, in a child process (the source on its
PYTHONPATH, no bytecode written), so the build process never imports aouad; it is written to
a temporary directory that ``finalize`` removes once the wheel holds it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

BUNDLED_NAME = "roster.json"  # snapshot.BUNDLED_NAME; tests/unit/test_data_files.py checks it
# Run by the child: validate data/, then write the snapshot (exit 3 and the problems if invalid).
MAKE_SNAPSHOT = """
import sys
from pathlib import Path

from aouad import snapshot
from aouad.errors import DataError
from aouad.roster import parse_roster

digests = {}
try:
    roster = parse_roster(Path(sys.argv[1]), origin="bundled", digests=digests)
except DataError as err:
    sys.exit(f"invalid roster, no wheel:\\n{err}")
snapshot.write(roster, digests, Path(sys.argv[2]), bundled=True)
"""


class SnapshotHook(BuildHookInterface):
    PLUGIN_NAME = "custom"
    _workdir: str | None = None

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads data/ directly
        root = Path(self.root)
        self._workdir = tempfile.mkdtemp(prefix="aouad-build-")
        out = Path(self._workdir) / BUNDLED_NAME
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                [str(root / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
            ),
            "PYTHONDONTWRITEBYTECODE": "1",  # leave no __pycache__ in the source tree
        }
        command = [sys.executable, "-c", MAKE_SNAPSHOT, str(root / "data"), str(out)]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not out.is_file():
            self.finalize(version, build_data, "")
            raise RuntimeError(f"making the roster snapshot failed:\n{done.stderr}{done.stdout}")
        build_data["force_include"][str(out)] = f"aouad/data/{BUNDLED_NAME}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None
