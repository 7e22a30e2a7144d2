"""Issue 15: nothing aouad reads or writes can be turned against its user.

One section per finding: planted snapshots, hostile progress files, formula cells,
combining-mark bombs, dense rosters, OS errors, chart files, temporary files, messages,
validation gaps. Each test failed before the fix. In-process (CliRunner) where it can be;
a real process where only one shows it (exit codes, pipes, signals, a hang).
Time and memory bounds are measured by bench/hostile.py, not asserted here.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from conftest import MINI_CHARACTERS, MINI_EVENTS, aouad_bin

from aouad import load_roster, snapshot
from aouad.errors import DataError

C, E, R = "characters.yaml", "events.yaml", "relationships.yaml"
EXAMPLE = Path(__file__).parents[2] / "examples" / "minimal"
ROLE = "role: a test student"
ESC = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J"  # an OSC 52 clipboard write and a screen clear


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


@pytest.fixture
def mini_dir(roster_dir):
    return roster_dir()


@pytest.fixture
def mini(cli, mini_dir):
    def invoke(*args: str, **kw):
        return cli("--data", str(mini_dir), *args, **kw)

    return invoke


def no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )


# --- planted snapshots (findings 1, 2 and 7)


@pytest.fixture
def parsed(monkeypatch):
    """Counts the YAML parses: a snapshot that is used means no parse."""
    from aouad import roster

    calls = []
    real = roster.parse_roster

    def counting(*args, **kw):
        calls.append(args[0])
        return real(*args, **kw)

    monkeypatch.setattr(roster, "parse_roster", counting)
    return calls


def snapshot_of(d: Path) -> Path:
    return snapshot.cache_path(d)


def save_snapshot(cli, d: Path) -> dict:
    result = cli("validate", str(d), "--snapshot")
    assert result.exit_code == 0, result.stderr
    return json.loads(snapshot_of(d).read_text(encoding="utf-8"))


def resign(path: Path, doc_or_text: dict | str) -> None:
    """Write a snapshot as someone who has read the key would: a valid HMAC on any content."""
    key = (path.parent / snapshot.KEY_NAME).read_bytes()
    text = (
        doc_or_text
        if isinstance(doc_or_text, str)
        else json.dumps(
            {k: v for k, v in doc_or_text.items() if k != "mac"},
            ensure_ascii=False,
            separators=(",", ":"),
        )
    )
    body = text.removesuffix("}").encode("utf-8")
    mac = hmac.new(key, body, hashlib.sha256).hexdigest()
    path.write_bytes(body + f',"mac":"{mac}"}}'.encode())


def test_snapshot_is_used_when_untouched(cli, mini_dir, parsed):
    save_snapshot(cli, mini_dir)
    parsed.clear()
    assert load_roster(mini_dir) == load_roster(mini_dir, snapshots=False)
    assert parsed == [mini_dir]  # the second call only: the first one came from the snapshot


def test_edited_snapshot_that_keeps_its_digests_is_refused(cli, mini_dir, mini):
    doc = save_snapshot(cli, mini_dir)
    alpha = doc["roster"]["characters"][0]
    alpha[1] = f"Kim {ESC}Al-pha"  # raw escapes in a name
    for event in doc["roster"]["events"]:
        for change in event[7]:
            if change[0] == "alpha":
                change[1] = "dead"  # a fate the YAML does not say
    snapshot_of(mini_dir).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert load_roster(mini_dir).fates["alpha"].status == "alive"
    for command in (("fate", "alpha"), ("survivors",), ("characters",)):
        result = mini(*command)
        assert (
            result.exit_code == 0 and "\x1b" not in result.stdout and "Kim Al-pha" in result.stdout
        )


def test_planted_snapshot_from_elsewhere_is_refused(cli, mini_dir, tmp_path, parsed):
    # A snapshot signed under another key (another user's, another machine's) is foreign.
    save_snapshot(cli, mini_dir)
    (snapshot_of(mini_dir).parent / snapshot.KEY_NAME).write_bytes(os.urandom(32))
    parsed.clear()
    load_roster(mini_dir)
    assert parsed == [mini_dir]


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX ownership")
def test_a_key_others_can_read_signs_nothing(cli, mini_dir, parsed):
    save_snapshot(cli, mini_dir)
    os.chmod(snapshot_of(mini_dir).parent / snapshot.KEY_NAME, 0o644)
    parsed.clear()
    load_roster(mini_dir)
    assert parsed == [mini_dir]


# Damage that only a writer holding the key could do: the checks behind the signature.
def _set(path):
    def damage(doc):
        node = doc["roster"]
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = DAMAGE_VALUES[path]

    return damage


DAMAGE_VALUES = {
    ("events", 0, 1): "2",  # an episode as text
    ("events", 0, 7, 0, 1): 5,  # a status as a number
    ("events", 0, 7, 0, 0): "nobody",  # a change for no character
    ("events", 0, 6): "beta",  # involved: text, not a list
    ("events", 0, 2): 10**6,  # a sequence out of order
    ("characters", 0, 0): "Alpha\n",  # not an id
    ("characters", 0, 4): "wizard",  # no such group
    ("characters", 0, 7): 13,  # no such episode
    ("characters", 0, 6): [["nested"]],  # an alias that is a list
    ("characters", 0, 8): ["no-such-source"],
    ("characters", 1, 0): "alpha",  # a duplicate id
    ("sources", 0, 3): "javascript:alert(1)",
    ("figures",): {"not": "a list"},
}


@pytest.mark.parametrize("where", sorted(DAMAGE_VALUES, key=str), ids=str)
def test_signed_snapshot_with_wrong_values_is_ignored_never_a_crash(cli, mini_dir, mini, where):
    doc = save_snapshot(cli, mini_dir)
    _set(where)(doc)
    resign(snapshot_of(mini_dir), doc)
    assert load_roster(mini_dir) == load_roster(mini_dir, snapshots=False)
    for command in (
        ("curve",),
        ("survivors",),
        ("where",),
        ("fate", "alpha"),
        ("stats",),
        ("chain",),
    ):
        result = mini(*command, "--json")
        no_traceback(result)
        assert result.exit_code == 0, (command, result.stderr)


@pytest.mark.parametrize(
    "text",
    [
        "Kim \\u001b[2JAl-pha",  # an escape, written as JSON writes one
        "Kim Al-pha\\r",
        "Kim \u202eAl-pha",  # a bidi override, raw
        "Kim\u200bAl-pha",  # invisible
        "Kim Al-pha\u2028",
        "Kim A" + "\u0301\u0316" * 20 + "l-pha",  # a run of 40 combining marks
    ],
    ids=["json-escape", "cr", "bidi", "zwsp", "line-separator", "marks"],
)
def test_signed_snapshot_with_unsafe_text_is_ignored(cli, mini_dir, text):
    save_snapshot(cli, mini_dir)
    raw = snapshot_of(mini_dir).read_text(encoding="utf-8")
    planted = _edit(raw, '"Kim Al-pha"', json.dumps(text, ensure_ascii=False).replace("\\\\", "\\"))
    resign(snapshot_of(mini_dir), planted[: planted.rindex(',"mac"')] + "}")
    assert load_roster(mini_dir).by_id["alpha"].name == "Kim Al-pha"


def test_snapshot_nested_past_the_stack_is_ignored(cli, mini_dir, mini):
    save_snapshot(cli, mini_dir)
    resign(snapshot_of(mini_dir), "[" * 200_000)
    result = mini("survivors", "--json")
    no_traceback(result)
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["id"] == "alpha"
    snapshot_of(mini_dir).write_text("[" * 200_000)  # unsigned too
    assert mini("stats").exit_code == 0


def test_snapshot_records_the_bytes_parsed_not_the_file_after(cli, mini_dir, monkeypatch):
    # The events file is replaced by a broken one while validate --snapshot parses it.
    from aouad import load

    real = load.parse

    def parse_then_replace(text, path):
        doc = real(text, path)
        if path.endswith(E):
            (mini_dir / E).write_text(
                _edit(MINI_EVENTS, "status: zombie", "status: zombi"), encoding="utf-8"
            )
        return doc

    monkeypatch.setattr(load, "parse", parse_then_replace)
    assert cli("validate", str(mini_dir), "--snapshot").exit_code == 0
    monkeypatch.setattr(load, "parse", real)
    with pytest.raises(DataError, match="unknown status 'zombi'"):
        load_roster(mini_dir)  # the broken file, not the roster validated before it broke


def _limited(mb: int):
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (mb << 20, mb << 20))

    return limit


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
@pytest.mark.parametrize("name", [C, R])
def test_digest_step_refuses_what_a_roster_cannot_be(run, tmp_path, kind, name):
    d = tmp_path / "roster"
    shutil.copytree(EXAMPLE, d)  # with a relationships.yaml, the optional file
    env = {"AOUAD_CACHE_DIR": str(tmp_path / "cache")}
    assert run("validate", str(d), "--snapshot", env=env).returncode == 0
    (d / name).unlink()
    if kind == "fifo":
        os.mkfifo(d / name)
    else:
        (d / name).symlink_to("/dev/zero")
    result = run("--data", str(d), "survivors", env=env, preexec_fn=_limited(1024))
    assert result.returncode == 3 and "Traceback" not in result.stderr
    assert f"{name}:0:0: not a regular file" in result.stderr


@pytest.mark.parametrize("damage", ["kind", "self", "unknown", "episode", "sources"])
def test_signed_snapshot_with_a_wrong_relationship_is_ignored(cli, tmp_path, damage):
    d = tmp_path / "roster"
    shutil.copytree(EXAMPLE, d)
    doc = save_snapshot(cli, d)
    tie = doc["roster"]["relationships"][0]  # [a, b, kind, episode, sources, note, disputes]
    if damage == "kind":
        tie[2] = "nemesis"
    elif damage == "self":
        tie[1] = tie[0]
    elif damage == "unknown":
        tie[0] = "nobody"
    elif damage == "episode":
        tie[3] = 13
    else:
        tie[4] = []
    resign(snapshot_of(d), doc)
    assert load_roster(d) == load_roster(d, snapshots=False)
    assert cli("--data", str(d), "fate", "on-jo", "--json").exit_code == 0


def test_the_unchecked_builder_of_the_bundled_snapshot_agrees_with_the_checked_one():
    r = load_roster(snapshots=False)
    doc = json.loads(json.dumps(snapshot.to_json(r), ensure_ascii=False))
    assert snapshot._trusted_json(doc, "bundled") == snapshot.from_json(doc, "bundled") == r


def test_a_roster_json_beside_a_given_roster_is_not_trusted(mini_dir, parsed):
    # Only the bundled snapshot, inside the installed package, goes unsigned.
    r = load_roster(mini_dir, snapshots=False)
    body = json.dumps(
        {
            "format": snapshot.FORMAT,
            "aouad": snapshot.__version__,
            "code": snapshot.code_digest(),
            "files": snapshot.digests(mini_dir),
            "roster": snapshot.to_json(r),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )[:-1].encode()
    (mini_dir / snapshot.BUNDLED_NAME).write_bytes(
        body + f',"mac":"{hashlib.sha256(body).hexdigest()}"}}'.encode()
    )
    assert snapshot.read(mini_dir / snapshot.BUNDLED_NAME, mini_dir, "bundled") is None


# --- hostile progress files (finding 6, backups, temporary files)


@pytest.fixture
def config_dir(tmp_path, monkeypatch) -> Path:
    d = tmp_path / "cfg"
    d.mkdir()
    monkeypatch.setenv("AOUAD_CONFIG_DIR", str(d))
    return d


@pytest.mark.parametrize(
    "content",
    ["[" * 100_000, '{"episode": ' + "[" * 3000, "\xff\xfe", " " * 5000 + '{"episode": 3}'],
    ids=["deep", "deep-in-a-value", "not-utf8", "over-4-kib"],
)
@pytest.mark.parametrize(
    "command", [("survivors",), ("progress",), ("progress", "5"), ("fate", "alpha")]
)
def test_hostile_progress_file_warns_and_answers_in_full(mini, config_dir, content, command):
    (config_dir / "progress.json").write_bytes(content.encode("latin-1"))
    result = mini(*command)
    no_traceback(result)
    assert result.exit_code == 0, result.stderr
    if command != ("progress", "5"):
        assert "aouad: warning:" in result.stderr and "ignoring it" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "directory"])
@pytest.mark.parametrize("command", [("survivors",), ("progress",), ("progress", "4")])
def test_progress_file_that_is_not_a_file(run, roster_dir, tmp_path, kind, command):
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    target = cfg / "progress.json"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "dev-zero":
        target.symlink_to("/dev/zero")
    else:
        target.mkdir()
    result = run(
        "--data",
        str(roster_dir()),
        *command,
        env={"AOUAD_CONFIG_DIR": str(cfg)},
        preexec_fn=_limited(1024),
    )
    assert "Traceback" not in result.stderr
    if command == ("progress", "4") and kind == "directory":
        assert result.returncode == 1 and "cannot save progress" in result.stderr
    else:
        assert result.returncode == 0, result.stderr
    if command != ("progress", "4"):
        assert "not a regular file" in result.stderr or "is a directory" in result.stderr
    elif kind != "directory":
        assert "the unreadable old progress file was kept as" in result.stderr
        assert json.loads(target.read_text()) == {"episode": 4}  # saved, the odd file moved aside
        assert len(list(cfg.glob("progress.json.unreadable-*"))) == 1


def test_completion_with_a_hostile_progress_file(run, tmp_path):
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / "progress.json").write_text("[" * 100_000)
    result = run(
        env={
            "AOUAD_CONFIG_DIR": str(cfg),
            "_AOUAD_COMPLETE": "complete_bash",
            "COMP_WORDS": "aouad fate cheong",
            "COMP_CWORD": "2",
        }
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "cheong-san" in result.stdout.split()


def test_backups_made_in_one_second_never_overwrite_each_other(mini, config_dir, monkeypatch):
    monkeypatch.setattr(
        time, "strftime", lambda *a: "20220128-000000"
    )  # every backup in one second
    for n, garbage in enumerate(["{first", "{second", "{third"], start=1):
        (config_dir / "progress.json").write_text(garbage)
        assert mini("progress", str(n)).exit_code == 0
    kept = sorted(p.read_text() for p in config_dir.glob("progress.json.unreadable-*"))
    assert kept == ["{first", "{second", "{third"]


def test_progress_temp_file_is_not_a_predictable_name_that_is_followed(config_dir, tmp_path):
    from aouad import progress

    victim = tmp_path / "victim"
    victim.write_text("precious")
    (config_dir / f".progress.json.{os.getpid()}.tmp").symlink_to(victim)  # the old name, planted
    progress.write(3)
    assert victim.read_text() == "precious"
    assert json.loads((config_dir / "progress.json").read_text()) == {"episode": 3}


@pytest.mark.parametrize(
    "failure",
    [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()],
    ids=["disk-full", "ctrl-c"],
)
def test_temp_files_are_removed_on_every_exit_path(config_dir, mini_dir, cli, monkeypatch, failure):
    from aouad import progress

    (config_dir / "progress.json").write_text('{"episode": 2}\n')
    save_snapshot(cli, mini_dir)  # the key exists: the failure is in writing the snapshot itself

    def fail(*args):
        raise failure

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(type(failure)):
        progress.write(5)
    with pytest.raises(type(failure)):
        snapshot.write(load_roster(mini_dir), snapshot.digests(mini_dir), snapshot_of(mini_dir))
    leftovers = [
        p
        for d in (config_dir, snapshot_of(mini_dir).parent)
        for p in d.iterdir()
        if p.name.endswith(".tmp")
    ]
    assert leftovers == []
    assert (config_dir / "progress.json").read_text() == '{"episode": 2}\n'  # the old file, whole


def test_snapshot_temp_file_is_not_a_predictable_name_that_is_followed(cli, mini_dir, tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("precious")
    target = snapshot_of(mini_dir)
    target.parent.mkdir(parents=True)
    (target.parent / f".{target.name}.{os.getpid()}.tmp").symlink_to(victim)
    assert cli("validate", str(mini_dir), "--snapshot").exit_code == 0
    assert victim.read_text() == "precious"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_progress_saved_then_output_fails_says_so(run, tmp_path):
    env = {"AOUAD_CONFIG_DIR": str(tmp_path / "cfg")}
    with open("/dev/full", "w") as full:
        result = run("progress", "7", env=env, stdout=full)
    assert result.returncode == 1
    assert result.stderr == "aouad: cannot write the output: No space left on device\n"
    assert json.loads((tmp_path / "cfg" / "progress.json").read_text()) == {"episode": 7}


# --- formula cells (finding 3)


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(roster_dir, cli):
    characters = _edit(
        MINI_CHARACTERS, "name: Kim Al-pha", 'name: "=HYPERLINK(\\"http://x\\",\\"y\\")"'
    )
    characters = _edit(characters, ROLE, "role: \"+cmd|' /C calc'!A0\"")
    characters = _edit(
        characters, "aliases: [Alfa]", 'aliases: ["-2+3", "@SUM(1)", "\\tTab", "＝1"]'
    )
    d = roster_dir(characters=characters)
    result = cli(
        "--data",
        str(d),
        "characters",
        "--format",
        "csv",
        "--fields",
        "name,role,aliases,first_episode",
    )
    assert result.exit_code == 0, result.stderr
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    alpha = next(r for r in rows if "HYPERLINK" in r["name"])
    assert alpha["name"] == '\'=HYPERLINK("http://x","y")'
    assert alpha["role"] == "'+cmd|' /C calc'!A0"
    assert alpha["aliases"] == "'-2+3; @SUM(1); \tTab; ＝1"
    assert alpha["first_episode"] == "1"  # a number stays a number


def test_neutral_touches_text_only():
    from aouad.render.machine import neutral

    assert [neutral(v) for v in (-3, 2.5, "-3", "=1", "@a", "\r", "＋1", "a=b", "", None)] == [
        -3,
        2.5,
        "'-3",
        "'=1",
        "'@a",
        "'\r",
        "'＋1",
        "a=b",
        "",
        None,
    ]


# --- combining-mark bombs (finding 4)


MARKS = "\u0301\u0316"  # above, below: each pair out of canonical order


def test_a_run_of_combining_marks_in_a_roster_is_a_problem_with_its_place(roster_dir, cli):
    d = roster_dir(characters=_edit(MINI_CHARACTERS, ROLE, "role: a" + MARKS * 16))
    result = cli("validate", str(d))
    assert result.exit_code == 3
    assert f"{C}:13:11: more than 30 combining marks in a row" in result.stderr


def test_thirty_marks_on_one_character_are_text(roster_dir, cli):
    d = roster_dir(characters=_edit(MINI_CHARACTERS, ROLE, "role: a" + MARKS * 15))
    assert cli("validate", str(d)).exit_code == 0


@pytest.mark.parametrize(
    "command", [("fate",), ("characters",), ("events", "--character"), ("sources",)]
)
def test_a_combining_mark_bomb_on_the_command_line_is_a_usage_error(mini, command):
    result = mini(*command, "a" + MARKS * 32_000)
    assert result.exit_code == 2, result.stderr
    assert "more than 30 combining marks in a row" in result.stderr
    assert len(result.stderr) < 300  # the name is not echoed back


def test_unicode_tables_cover_this_pythons_unicodedata():
    # The classes in textsafety are written out; a newer Unicode must not slip past them.
    from aouad import textsafety

    for point in range(0x110000):
        char = chr(point)
        if unicodedata.category(char) == "Cf":
            assert textsafety.find_unsafe("a" + char) is not None, hex(point)
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me"):
            assert textsafety.too_many_marks("a" + char * 31), hex(point)
    for char in "\u2028\u2029\u3164\u115f\u1160\uffa0\ufff9":
        assert textsafety.find_unsafe(char) is not None


# --- dense rosters (finding 5)


def test_a_flood_of_tiny_records_is_refused_where_it_starts(roster_dir, cli):
    d = roster_dir(events="events:\n" + "- {}\n" * 300_000)
    result = cli("validate", str(d))
    assert result.exit_code == 3
    assert "more than one per 4 (expected a roster, not a flood of tiny records)" in result.stderr


def test_keys_at_the_top_of_a_file_are_few(roster_dir, cli):
    d = roster_dir(events=MINI_EVENTS + "".join(f"k{i}: v\n" for i in range(1500)))
    result = cli("validate", str(d))
    assert result.exit_code == 3
    assert "a mapping of more than 1000 keys at the top of the file" in result.stderr


def test_values_per_file_are_capped(monkeypatch):
    from aouad import load

    monkeypatch.setattr(load, "MAX_NODES", 20_000)

    def events(n: int) -> str:
        return "events:\n" + "".join(
            f"  - {{id: e{i}, episode: 1, summary: a long enough summary, sources: [s1]}}\n"
            for i in range(n)
        )

    with pytest.raises(DataError, match="more than 20000 values in one file"):
        load.parse(events(3000), "events.yaml")
    assert len(load.parse(events(1500), "events.yaml")["events"]) == 1500


# --- OS errors (low)


LONG = "x" * 5000


@pytest.mark.parametrize("how", ["--data", "AOUAD_DATA", "validate"])
def test_a_name_too_long_is_a_problem_not_a_traceback(cli, tmp_path, how):
    path = str(tmp_path / LONG)
    if how == "--data":
        result = cli("--data", path, "survivors")
    elif how == "AOUAD_DATA":
        result = cli("survivors", env={"AOUAD_DATA": path})
    else:
        result = cli("validate", path)
    no_traceback(result)
    assert result.exit_code == 3 and "File name too long" in result.stderr


def test_a_cache_dir_name_too_long(mini, tmp_path, monkeypatch):
    monkeypatch.setenv("AOUAD_CACHE_DIR", str(tmp_path / LONG))
    result = mini("survivors")
    no_traceback(result)
    assert result.exit_code == 0
    result = mini("validate", "--snapshot")
    no_traceback(result)
    assert result.exit_code == 1 and "cannot write snapshot" in result.stderr


def test_completion_with_a_data_dir_name_too_long(run, tmp_path):
    result = run(
        env={
            "_AOUAD_COMPLETE": "complete_bash",
            "COMP_WORDS": f"aouad --data {tmp_path / LONG} fate ch",
            "COMP_CWORD": "4",
        }
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr


@pytest.mark.parametrize("where", ["data", "contents", "cache"])
def test_permission_denied(cli, mini_dir, monkeypatch, where):
    # Simulated, so that it also holds when the tests run as root (which chmod cannot stop).
    # "contents": the directory itself may be looked up, nothing in it (mode 0600, say): even
    # whether the optional relationships.yaml is there cannot be known.
    if where == "cache":
        assert cli("validate", str(mini_dir), "--snapshot").exit_code == 0
    denied = str(mini_dir) if where != "cache" else os.environ["AOUAD_CACHE_DIR"]
    real_stat, real_lstat, real_open = os.stat, os.lstat, os.open

    def guard(real):
        def call(path, *args, **kw):
            if str(path).startswith(denied) and (where == "data" or str(path) != denied):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real(path, *args, **kw)

        return call

    monkeypatch.setattr(os, "stat", guard(real_stat))
    monkeypatch.setattr(os, "lstat", guard(real_lstat))
    monkeypatch.setattr(os, "open", guard(real_open))
    result = cli("--data", str(mini_dir), "survivors")
    no_traceback(result)
    if where == "cache":
        assert result.exit_code == 0
    else:
        assert result.exit_code == 3 and "Permission denied" in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args", [("validate",), ("--help",), ("--version",), ("watch",), ("survivors", "--json")]
)
def test_a_full_disk_is_one_line(run, args):
    with open("/dev/full", "w") as full:
        result = run(*args, stdout=full, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    expected = "aouad: cannot write the output: No space left on device\n"
    if "--json" in args:
        message = "cannot write the output: No space left on device"
        expected = json.dumps({"error": message, "kind": "error", "code": 1}) + "\n"
    assert result.stderr == expected


@pytest.mark.parametrize(
    "args",
    [
        ("validate",),
        ("--help",),
        ("--version",),
        ("watch",),
        ("progress",),
        ("progress", "3"),
        ("survivors",),
    ],
)
def test_a_closed_pipe_exits_141_quietly(tmp_path, args):
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the first byte
    env = {**os.environ, "AOUAD_CONFIG_DIR": str(tmp_path / "cfg")}
    result = subprocess.run(
        [aouad_bin(), *args],
        stdout=write,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    os.close(write)
    assert result.returncode == 141 and result.stderr == b""


@pytest.mark.parametrize(
    "args",
    [
        ("fate", "on-jo"),
        ("fate", "on-jo", "--json"),
        ("characters", "남라", "--format", "csv"),
        ("fate", "no-such-이름"),
    ],
)
def test_a_terminal_that_cannot_show_hangul(run, args):
    result = run(*args, env={"PYTHONIOENCODING": "ascii"})
    assert "Traceback" not in result.stderr and "UnicodeEncodeError" not in result.stderr
    assert result.returncode in (0, 4)
    assert result.stdout or result.stderr


def test_ctrl_c_while_the_cli_is_imported(tmp_path):
    # Ctrl-C in the first tens of milliseconds lands in the imports (Typer, Rich, click).
    probe = (
        "import builtins, sys\n"
        "real = builtins.__import__\n"
        "def interrupt(name, *args, **kw):\n"
        "    if name == 'typer':\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, *args, **kw)\n"
        "builtins.__import__ = interrupt\n"
        "sys.argv = ['aouad', 'survivors']\n"
        "from aouad.process import main\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 130 and result.stderr == "aouad: interrupted\n"


@pytest.mark.skipif(os.name != "posix", reason="SIGINT")
def test_ctrl_c_during_a_command(roster_dir, tmp_path):
    env = {**os.environ, "AOUAD_CONFIG_DIR": str(tmp_path / "cfg"), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [aouad_bin(), "--data", str(roster_dir()), "watch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=env,
    )
    assert proc.stdout.readline()  # the first episode is shown: watch now waits for a key
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and err == b"aouad: interrupted\n"


# --- chart files (low)


def test_svg_never_replaces_a_file_aouad_did_not_make(mini, mini_dir):
    roster = mini_dir / C
    before = roster.read_bytes()
    result = mini("curve", "--svg", str(roster))
    assert (
        result.exit_code == 2 and "will not replace" in result.stderr and "--force" in result.stderr
    )
    assert roster.read_bytes() == before
    assert mini("curve", "--svg", str(roster), "--force").exit_code == 0
    assert roster.read_text().startswith("<svg")


def test_svg_replaces_its_own_earlier_output(mini, tmp_path):
    chart = tmp_path / "curve.svg"
    assert mini("curve", "--svg", str(chart)).exit_code == 0
    assert mini("curve", "--svg", str(chart), "-e", "3").exit_code == 0
    assert mini("curve", "--json", "--svg", str(chart)).exit_code == 0


def test_svg_replaces_a_link_only_with_force_and_never_its_target(mini, mini_dir, tmp_path):
    link = tmp_path / "chart.svg"
    link.symlink_to(mini_dir / C)
    before = (mini_dir / C).read_bytes()
    assert mini("curve", "--svg", str(link)).exit_code == 2
    assert mini("curve", "--svg", str(link), "--force").exit_code == 0
    assert not link.is_symlink() and link.read_text().startswith("<svg")
    assert (mini_dir / C).read_bytes() == before


def test_svg_onto_a_directory(mini, tmp_path):
    result = mini("curve", "--svg", str(tmp_path), "--force")
    assert result.exit_code == 2 and "is a directory" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_svg_onto_a_fifo_does_not_hang(run, roster_dir, tmp_path):
    fifo = tmp_path / "chart.svg"
    os.mkfifo(fifo)
    result = run("--data", str(roster_dir()), "curve", "--svg", str(fifo), "--force")
    assert result.returncode == 2 and "not a regular file" in result.stderr


def test_a_failed_svg_write_leaves_the_old_chart_whole(mini, tmp_path, monkeypatch):
    chart = tmp_path / "curve.svg"
    assert mini("curve", "--svg", str(chart)).exit_code == 0
    before = chart.read_bytes()

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = mini("curve", "--svg", str(chart), "-e", "2")
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert chart.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


# --- messages: what came from outside is quoted (low)


@pytest.mark.parametrize(
    "how", ["fields", "data", "AOUAD_DATA", "validate", "svg", "AOUAD_CONFIG_DIR"]
)
def test_escape_sequences_from_outside_never_reach_the_terminal(cli, mini_dir, tmp_path, how):
    evil = str(tmp_path / f"a{ESC}b")
    if how == "fields":
        result = cli("--data", str(mini_dir), "survivors", "--fields", f"name,{ESC}")
    elif how == "data":
        result = cli("--data", evil, "survivors")
    elif how == "AOUAD_DATA":
        result = cli("survivors", env={"AOUAD_DATA": evil})
    elif how == "validate":
        result = cli("validate", evil)
    elif how == "svg":
        result = cli(
            "--data", str(mini_dir), "curve", "--svg", str(tmp_path / "none" / f"{ESC}.svg")
        )
    else:
        os.makedirs(evil)
        Path(evil, "progress.json").write_text("{broken")
        result = cli("--data", str(mini_dir), "survivors", env={"AOUAD_CONFIG_DIR": evil})
    no_traceback(result)
    assert result.exit_code != 0 or how == "AOUAD_CONFIG_DIR"
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b]52" in result.stderr


def test_a_newline_in_a_path_keeps_a_problem_on_one_line(cli, tmp_path):
    result = cli("validate", str(tmp_path / "two\nlines"))
    assert result.exit_code == 3 and "two\\x0alines:0:0: no such directory" in result.stderr


# --- validation gaps (low)


def test_an_id_ending_in_a_newline_is_not_an_id(roster_dir, cli):
    d = roster_dir(characters=_edit(MINI_CHARACTERS, "- id: alpha", '- id: "alpha\\n"'))
    result = cli("validate", str(d))
    assert result.exit_code == 3 and f"{C}:8:9: id: got the text 'alpha\\n'" in result.stderr


@pytest.mark.parametrize(
    "char",
    [
        "\u200b",
        "\u200d",
        "\u2060",
        "\ufeff",
        "\u200e",
        "\u200f",
        "\u061c",
        "\u2028",
        "\u2029",
        "\ufff9",
        "\u3164",
        "\u00ad",
        "\U000e0041",
    ],
)
def test_invisible_and_format_characters_are_refused(roster_dir, cli, char):
    point = ord(char)
    escaped = f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}"  # YAML: "\u200b"
    d = roster_dir(
        characters=_edit(MINI_CHARACTERS, "name: Kim Al-pha", f'name: "Kim Al{escaped}pha"')
    )
    result = cli("validate", str(d))
    assert result.exit_code == 3
    assert f"{C}:9:11: " in result.stderr and f"character U+{ord(char):04X}" in result.stderr


def test_json_lines_escape_the_line_separators(mini):
    from io import StringIO

    from aouad.render.machine import write

    out = StringIO()
    write([{"a": "x\u2028y\u2029z\x85\u202e"}], "jsonl", out)
    assert out.getvalue() == '{"a":"x\\u2028y\\u2029z\\u0085\\u202e"}\n'
    assert json.loads(out.getvalue()) == {"a": "x\u2028y\u2029z\x85\u202e"}
    out = StringIO()
    write({"a": "\u2028"}, "json", out)
    assert "\u2028" not in out.getvalue() and json.loads(out.getvalue()) == {"a": "\u2028"}
    error = mini("fate", "x\u2028y", "--json")  # a name from the command line, in the error object
    assert (
        error.exit_code == 4
        and "\u2028" not in error.stderr
        and json.loads(error.stderr)["name"] == "x\u2028y"
    )


# --- fate with many names (low)


def test_fate_with_many_names_compares_no_fates(monkeypatch):
    # Each name once, without comparing every answer with every earlier one (10,000 names: 21 s).
    from aouad import queries
    from aouad.model import Fate

    roster = load_roster(snapshots=False)
    ids = [c.id for c in roster.characters] * 20
    compared = []
    real_eq = Fate.__eq__
    monkeypatch.setattr(Fate, "__eq__", lambda a, b: compared.append(1) or real_eq(a, b))
    found = queries.fate(roster, ids + ["Nam On-jo"])
    assert [f.character.id for f in found] == [c.id for c in roster.characters]
    assert len(compared) < len(ids)


# --- full size (pytest -m slow): what bench/hostile.py measures, held to README's bounds


def _bench():
    sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
    try:
        import hostile
    finally:
        sys.path.pop(0)
    return hostile


@pytest.mark.slow
@pytest.mark.parametrize("case", ["dense-128mb", "top-keys-128mb", "marks-2mb", "marks-cli"])
def test_full_size_refusals_stay_within_their_bounds(tmp_path, case):
    result = _bench().CASES[case](tmp_path)
    assert result["code"] == (2 if case == "marks-cli" else 3), result
    assert result["cpu_s"] < 2.0, result  # CPU time: a busy machine stretches wall time
    assert result["peak_mb"] < (128 if case.endswith("128mb") else 0) + 64, result


@pytest.mark.slow
def test_a_100k_character_roster_still_validates_and_snapshots(tmp_path):
    result = _bench().case_roster_100k(tmp_path)
    assert result["code"] == 0, result
    assert result["rss_mb_per_mb"] < 50 and result["cold_over_warm_cpu"] > 3, result
