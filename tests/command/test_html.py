"""`aouad html` without a browser: the file it writes, how it writes it, and the data inside.

What the page shows in Chromium is tests/process/test_html_browser.py's; that no later fact is in
the file at any gate is tests/command/test_spoiler_property.py's (it reads every file a command
writes).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aouad import records
from aouad.render.html import MARK, embed_json

DATA = re.compile(r'<script type="application/json" id="aouad-data">(.*?)</script>', re.S)


def page_data(path: Path) -> dict:
    (block,) = DATA.findall(path.read_text(encoding="utf-8"))
    return json.loads(block)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "page.html"


def test_writes_one_page_and_says_where(cli, out):
    result = cli("html", "-o", str(out), "--episode", "5")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and str(out) in lines[0] and out.as_uri() in lines[0]
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>\n" + MARK)
    assert page_data(out)["episode"] == 5


def test_the_page_needs_nothing_from_outside(cli, out):
    assert cli("html", "-o", str(out), "--spoilers").exit_code == 0
    text = out.read_text(encoding="utf-8")
    (csp,) = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text)
    assert csp.startswith("default-src 'none';") and "connect-src" not in csp
    # Only this page's own script and style may run, by hash; pictures only from data: URIs.
    (script,) = re.findall(r"<script>(.*?)</script>", text, re.S)
    (style,) = re.findall(r"<style>(.*?)</style>", text, re.S)
    for kind, body in (("script-src", script), ("style-src", style)):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{kind} 'sha256-{digest}'" in csp
    assert "img-src data:" in csp and "unsafe" not in csp
    markup = DATA.sub("", text)
    # Every address in the markup is on the page itself, or a data: URI.
    for address in re.findall(r'(?:src|href|action|data)\s*=\s*"([^"]*)"', markup):
        assert address.startswith(("#", "data:")), address
    assert not re.search(r"url\(|@import|\bfetch\(|XMLHttpRequest|WebSocket|import\(", markup)


def test_a_spoiler_free_page_says_so_and_a_full_one_warns(cli, out):
    assert cli("html", "-o", str(out), "--episode", "3").exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "as of episode 3" in text and "<title>aouad: as of episode 3</title>" in text
    assert cli("html", "-o", str(out), "--spoilers").exit_code == 0
    assert "spoilers" in out.read_text(encoding="utf-8")


def test_default_file_is_aouad_html_here(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("html", "--episode", "2")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "aouad.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["aouad.html"]


def test_saved_progress_applies_and_episode_or_spoilers_override(cli, out):
    assert cli("progress", "3").exit_code == 0
    assert cli("html", "-o", str(out)).exit_code == 0
    data = page_data(out)
    assert (data["episode"], data["gated"]) == (3, True)
    assert cli("html", "-o", str(out), "--episode", "7").exit_code == 0
    assert page_data(out)["episode"] == 7
    assert cli("html", "-o", str(out), "--spoilers").exit_code == 0
    data = page_data(out)
    assert (data["episode"], data["gated"]) == (12, False)


def test_refuses_a_file_it_did_not_write(cli, out):
    out.write_text("my notes\n", encoding="utf-8")
    result = cli("html", "-o", str(out))
    assert result.exit_code == 2
    assert "not written by aouad html" in result.stderr and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "my notes\n"
    as_json = cli("html", "-o", str(out), "--json")
    assert as_json.exit_code == 2 and as_json.stdout == ""
    assert json.loads(as_json.stderr)["kind"] == "usage"
    forced = cli("html", "-o", str(out), "--force")
    assert forced.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_overwrites_its_own_page(cli, out):
    assert cli("html", "-o", str(out), "--episode", "2").exit_code == 0
    assert cli("html", "-o", str(out), "--episode", "4").exit_code == 0
    assert page_data(out)["episode"] == 4


def test_a_directory_or_a_missing_directory_is_an_error(cli, tmp_path):
    result = cli("html", "-o", str(tmp_path))
    assert result.exit_code == 2 and "is a directory" in result.stderr
    result = cli("html", "-o", str(tmp_path / "nowhere" / "page.html"))
    assert result.exit_code == 1 and "no directory" in result.stderr
    assert cli("html", "-o", " ").exit_code == 2


def test_a_bad_command_line_writes_nothing(cli, out):
    result = cli("html", "-o", str(out), "--fields", "file,nope")
    assert result.exit_code == 2 and not out.exists()


def test_a_link_keeps_pointing_at_the_page(cli, tmp_path):
    real = tmp_path / "real.html"
    link = tmp_path / "link.html"
    assert cli("html", "-o", str(real), "--episode", "2").exit_code == 0
    link.symlink_to(real)
    assert cli("html", "-o", str(link), "--episode", "6").exit_code == 0
    assert link.is_symlink() and page_data(real)["episode"] == 6


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_a_failed_write_leaves_the_old_page_whole_and_no_temporary_file(cli, out, monkeypatch):
    from aouad import pagefile

    assert cli("html", "-o", str(out), "--episode", "2").exit_code == 0
    before = out.read_bytes()

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pagefile.os, "replace", full_disk)
    result = cli("html", "-o", str(out), "--episode", "8")
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert out.read_bytes() == before and _leftovers(out.parent) == []


def test_an_interrupted_write_removes_its_temporary_file(tmp_path, monkeypatch):
    from aouad import pagefile

    target = tmp_path / "page.html"
    target.write_text("old", encoding="utf-8")

    def interrupted(fd, data):
        raise KeyboardInterrupt

    monkeypatch.setattr(pagefile.os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pagefile.atomic_write(target, b"new")
    assert target.read_text(encoding="utf-8") == "old" and _leftovers(tmp_path) == []


def test_the_page_is_readable_by_others_as_the_umask_says(cli, out):
    assert cli("html", "-o", str(out)).exit_code == 0
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask


def test_json_report(cli, out):
    result = cli("html", "-o", str(out), "--episode", "4", "--json")
    assert result.exit_code == 0, result.stderr
    (row,) = json.loads(result.stdout)
    assert tuple(row) == records.PAGE_KEYS
    assert row == {
        "file": str(out),
        "episode": 4,
        "gated": True,
        "characters": len(page_data(out)["characters"]),
        "bytes": out.stat().st_size,
    }
    fields = cli("html", "-o", str(out), "--fields", "file", "--format", "csv")
    assert fields.stdout.splitlines() == ["file", str(out)]


def test_the_full_page_is_under_a_megabyte(cli, out):
    assert cli("html", "-o", str(out), "--spoilers").exit_code == 0
    assert out.stat().st_size < 1_000_000


def test_the_html_path_does_not_import_rich(tmp_path):
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['aouad', 'html', '-o', 'page.html', '--spoilers']\n"
        "try:\n"
        "    runpy.run_module('aouad', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('RICH' if any(m == 'rich' or m.startswith('rich.') for m in sys.modules) "
        "else 'CLEAN')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.stderr.endswith("CLEAN"), result.stderr[-500:]
    assert (tmp_path / "page.html").is_file()


@given(
    st.recursive(
        st.text() | st.integers() | st.none(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=12,
    )
)
def test_embedded_json_cannot_end_its_script_element(value):
    text = embed_json(value)
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == value


# --- the data is the CLI's, episode by episode


def _cli_json(cli, *args: str) -> list[dict]:
    result = cli(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _status_at(character: dict, k: int) -> str | None:
    """The page's replay rule, as its script applies it: the last state listed from k or before."""
    states = [s for s in character["states"] if s[0] <= k]
    if not states:
        return None
    last = states[-1][1]
    return character["history"][last]["status"] if last >= 0 else "alive"


def test_each_episode_replays_what_the_cli_says_then(cli, out):
    assert cli("html", "-o", str(out), "--episode", "6").exit_code == 0
    data = page_data(out)
    for k in range(1, 7):
        fates = {row["id"]: row for row in _cli_json(cli, "fate", "--all", "--episode", str(k))}
        page = {
            c["id"]: _status_at(c, k)
            for c in data["characters"]
            if c["met"] is not None and c["met"] <= k
        }
        assert page == {i: row["status"] for i, row in fates.items()}, f"episode {k}"
        deaths = [
            (row["event"], row["id"]) for row in _cli_json(cli, "deaths", "--episode", str(k))
        ]
        assert [(row["event"], row["id"]) for row in data["deaths"] if k in row["shown"]] == deaths
        links = [(row["from"], row["to"]) for row in _cli_json(cli, "chain", "--episode", str(k))]
        assert [(row["from"], row["to"]) for row in data["chain"] if k in row["shown"]] == links
    assert data["curve"] == _cli_json(cli, "curve", "--episode", "6")


def test_every_name_form_is_in_the_page_folded(cli, out):
    from aouad.names import normalize

    assert cli("html", "-o", str(out), "--spoilers").exit_code == 0
    cheong_san = next(c for c in page_data(out)["characters"] if c["id"] == "cheong-san")
    for form in (
        "cheong-san",
        "Lee Cheong-san",
        "Cheong-san Lee",
        "Cheongsan",
        "이청산",
        "청산",
        "Chung-san",
    ):
        assert normalize(form) in cheong_san["forms"], form
