"""A cached snapshot never outlives a change to the code that validated it.

A snapshot records snapshot.code_digest(): a hash of every module in snapshot.CODE. These
tests check that CODE names every module that validating (or rebuilding from a snapshot)
imports, that a change to any of them changes the digest, and, end to end on a copy of the
package, that a snapshot written before a validator changed is no longer used after.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from aouad import snapshot

PACKAGE = Path(snapshot.__file__).parent


def child(code: str, *args: str, pythonpath: Path | None = None, env: dict[str, str] | None = None):
    full = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    if pythonpath is not None:
        full["PYTHONPATH"] = str(pythonpath)
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=full,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_code_names_every_module_that_validation_imports():
    loaded = json.loads(
        child(
            "import json, sys\n"
            "from aouad import snapshot\n"
            "from aouad.roster import data_dir_default, parse_roster\n"
            "roster = parse_roster(data_dir_default())\n"
            "doc = json.loads(json.dumps(snapshot.to_json(roster)))\n"
            "snapshot.from_json(doc, 'given')\n"
            "print(json.dumps([m.__file__ for n, m in sys.modules.items()"
            " if n.startswith('aouad.')]))\n"
        )
    )
    names = {Path(f).name for f in loaded}
    assert "validate_rules.py" in names and "snapshot_check.py" in names  # the test sees them
    assert names - set(snapshot.CODE) == set()
    assert all((PACKAGE / name).is_file() for name in snapshot.CODE)


def test_a_change_to_any_validating_module_changes_the_digest(tmp_path):
    shutil.copytree(PACKAGE, tmp_path / "aouad", ignore=shutil.ignore_patterns("__pycache__"))
    digests = json.loads(
        child(
            "import json\n"
            "from pathlib import Path\n"
            "from aouad import snapshot\n"
            "out = {'': snapshot.code_digest()}\n"
            "for name in snapshot.CODE:\n"
            "    path = Path(snapshot.__file__).parent / name\n"
            "    before = path.read_bytes()\n"
            "    path.write_bytes(before + b'# changed\\n')\n"
            "    snapshot._code.clear()\n"
            "    out[name] = snapshot.code_digest()\n"
            "    path.write_bytes(before)\n"
            "print(json.dumps(out))\n",
            pythonpath=tmp_path,
        )
    )
    assert len(set(digests.values())) == len(snapshot.CODE) + 1


def test_a_snapshot_from_before_a_validator_change_is_not_used(tmp_path, roster_dir):
    """End to end, on a copy of the package: validate --snapshot, change validate_rules.py
    (a comment is enough), and the snapshot is no longer read."""
    shutil.copytree(
        PACKAGE, tmp_path / "src" / "aouad", ignore=shutil.ignore_patterns("__pycache__")
    )
    roster = roster_dir()
    env = {"AOUAD_CACHE_DIR": str(tmp_path / "cache")}
    child(
        "import sys\nfrom aouad.process import main\nsys.argv = ['aouad', *sys.argv[1:]]\nmain()\n",
        "validate",
        str(roster),
        "--snapshot",
        pythonpath=tmp_path / "src",
        env=env,
    )
    used = (
        "import sys\nfrom pathlib import Path\nfrom aouad import snapshot\n"
        "d = Path(sys.argv[1])\n"
        "print(snapshot.read(snapshot.cache_path(d), d, 'given') is not None)\n"
    )
    assert child(used, str(roster), pythonpath=tmp_path / "src", env=env) == "True\n"
    rules = tmp_path / "src" / "aouad" / "validate_rules.py"
    rules.write_text(
        rules.read_text(encoding="utf-8") + "# a changed validator\n", encoding="utf-8"
    )
    assert child(used, str(roster), pythonpath=tmp_path / "src", env=env) == "False\n"
