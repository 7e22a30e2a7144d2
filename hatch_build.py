"""Build hook: ship a verified JSON snapshot of the bundled roster inside the wheel.

The snapshot lets an installed aouad answer without importing PyYAML or re-validating
~4,000 lines of YAML on every call. It records the SHA-256 of every YAML file of the roster as
parsed (characters.yaml, events.yaml and relationships.yaml, see roster.FILES and OPTIONAL_FILES),
so aouad ignores it the moment one differs (see src/aouad/snapshot.py). Building it validates the
roster too, relationships included: a wheel with invalid data cannot be built.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class SnapshotHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads data/ directly
        root = Path(self.root)
        sys.path.insert(0, str(root / "src"))
        try:
            from aouad import snapshot
            from aouad.roster import parse_roster

            data = root / "data"
            digests: dict[str, str] = {}
            roster = parse_roster(data, origin="bundled", digests=digests)
            out = Path(tempfile.mkdtemp(prefix="aouad-build-")) / snapshot.BUNDLED_NAME
            snapshot.write(roster, digests, out, bundled=True)
        finally:
            sys.path.remove(str(root / "src"))
            for name in [m for m in sys.modules if m == "aouad" or m.startswith("aouad.")]:
                del sys.modules[name]  # leave no trace of the source tree in the build process
        build_data["force_include"][str(out)] = f"aouad/data/{snapshot.BUNDLED_NAME}"
