"""Shared fixtures: a CliRunner, the installed entry point, and tiny roster directories."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import typer.testing
from typer.testing import CliRunner

from aouad.cli import app

# Hypothesis writes nothing into the checkout: no example database (a failure prints its
# reproducing example instead), and its other caches go to a temporary directory.
import tempfile  # noqa: E402

from hypothesis import settings as _hypothesis_settings  # noqa: E402
from hypothesis.configuration import set_hypothesis_home_dir  # noqa: E402

set_hypothesis_home_dir(tempfile.mkdtemp(prefix="aouad-hypothesis-"))
_hypothesis_settings.register_profile("aouad", database=None)
_hypothesis_settings.load_profile("aouad")

BIN = Path(sys.executable).parent

# Typer's CliRunner builds the click command from the app anew on every invoke (tens of
# milliseconds, hundreds of invokes). The app does not change once imported, and the real entry
# point builds it once per process too: build it once per app for the whole session.
_BUILT: dict[int, tuple[typer.Typer, object]] = {}  # the app is kept, so its id stays its own
_build_command = typer.testing._get_command


def _built_once(app_: typer.Typer) -> object:
    if id(app_) not in _BUILT:
        _BUILT[id(app_)] = (app_, _build_command(app_))
    return _BUILT[id(app_)][1]


typer.testing._get_command = _built_once  # type: ignore[assignment]


@pytest.fixture(autouse=True)
def isolated_user_state(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the real user's saved progress, or a roster they set."""
    monkeypatch.setenv("AOUAD_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("AOUAD_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("AOUAD_DATA", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def bundled_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled roster is parsed once per session, for tests that ask it many questions."""
    from aouad import roster as roster_module

    monkeypatch.setattr(roster_module, "load_roster", _bundled_loader(roster_module.load_roster))


_BUNDLED: list[object] = []


def _bundled_loader(real: Callable[..., object]) -> Callable[..., object]:
    def load(directory: object = None, **options: object) -> object:
        if directory is not None:
            return real(directory, **options)
        if not _BUNDLED:
            _BUNDLED.append(real())
        return _BUNDLED[0]

    return load


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli(runner: CliRunner) -> Callable[..., object]:
    def invoke(*args: str, env: dict[str, str] | None = None, input: str | None = None):  # noqa: A002
        return runner.invoke(app, list(args), env=env, input=input)

    return invoke


def aouad_bin() -> str:
    found = BIN / "aouad"
    return str(found) if found.exists() else shutil.which("aouad") or "aouad"


@pytest.fixture
def aouad_path() -> str:
    return aouad_bin()


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed `aouad` in a real process, from a directory outside the repo."""

    def go(
        *args: str, env: dict[str, str] | None = None, **kw: object
    ) -> subprocess.CompletedProcess[str]:
        full_env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("AOUAD_DATA", "NO_COLOR", "FORCE_COLOR")
        }
        full_env["HOME"] = str(tmp_path / "home")
        full_env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
        full_env.update(env or {})
        if "stdout" in kw:  # the caller takes stdout; stderr is still captured
            return subprocess.run(
                [aouad_bin(), *args],
                stderr=subprocess.PIPE,
                text=True,
                cwd=tmp_path,
                env=full_env,
                timeout=60,
                **kw,
            )
        return subprocess.run(
            [aouad_bin(), *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=full_env,
            timeout=60,
            **kw,
        )

    return go


# Laid out so that the characters start on line 7, where many tests expect them (s1 and the
# places are written compactly).
MINI_CHARACTERS = """\
sources:
  s1: {title: A test source, publisher: Tests, url: "https://example.org/s1", lineage: tests,
       grade: good, grade_reason: a test source}
places:
  - {id: lab, name: lab, aliases: [laboratory], within: null}
  - {id: camp, name: camp, within: null}
characters:
  - id: alpha
    name: Kim Al-pha
    hangul: 김알파
    actor: Actor One
    group: student
    role: a test student
    aliases: [Alfa]
    first_episode: 1
    sources: [s1]
    last_seen: {episode: 12, sources: [s1]}
  - id: beta
    name: Kim Be-ta
    hangul: unknown
    actor: unknown
    group: teacher
    role: a test teacher
    first_episode: 2
    sources: [s1]
"""

MINI_EVENTS = """\
events:
  - id: e02-beta-bitten
    episode: 2
    summary: Beta is bitten.
    place: lab
    changes:
      - {who: beta, status: infected, cause: bitten, by_what: zombies}
    sources: [s1]
  - id: e03-beta-turns
    episode: 3
    summary: Beta turns.
    place: lab
    changes:
      - {who: beta, status: zombie, cause: the bite, by_what: zombies, confirmed_episode: 4}
    sources: [s1]
  - id: e12-alpha-safe
    episode: 12
    summary: Alpha reaches safety.
    place: camp
    changes:
      - {who: alpha, status: alive}
    sources: [s1]
"""


@pytest.fixture
def mini_characters() -> str:
    return MINI_CHARACTERS


@pytest.fixture
def mini_events() -> str:
    return MINI_EVENTS


@pytest.fixture
def roster_dir(tmp_path: Path) -> Callable[..., Path]:
    """Write a roster directory; either file may be replaced by other text."""

    def make(
        characters: str = MINI_CHARACTERS, events: str = MINI_EVENTS, name: str = "roster"
    ) -> Path:
        d = tmp_path / name
        d.mkdir(exist_ok=True)
        (d / "characters.yaml").write_text(textwrap.dedent(characters), encoding="utf-8")
        (d / "events.yaml").write_text(textwrap.dedent(events), encoding="utf-8")
        return d

    return make
