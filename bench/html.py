#!/usr/bin/env python3
"""The web page's speed: writing it, its size, and how soon Chromium draws it.

    python bench/html.py                 # 20 interleaved rounds, the editable (or installed) aouad
    python bench/html.py --wheel         # also as a wheel of this checkout installs it (the bundled
                                         # snapshot)
    python bench/html.py --loads 30      # more page loads in Chromium

Three targets (issue 17), each measured here in one run:

* writing the page takes at most 2x the start-up of ``aouad survivors --json``: both commands run
  in the same rounds, interleaved in a shuffled order (as bench/startup.py does), and the ratio of
  the medians is reported, with the median of per-round ratios ("paired"). The page timed is the
  largest, the whole season (``--spoilers``); a page as of episode 6 is timed too.
* the full page is under 1 MB.
* its first view is drawn within 500 ms: the page records ``window.aouadFirstRender``
  (``performance.now()`` when its script has drawn everything, counted from the start of the
  navigation) and ``window.aouadStart`` (when its script began); each load is a fresh browser
  context, at 1280 and 375 px. Needs Playwright and a Chromium (AOUAD_CHROMIUM, else
  ``chromium`` on the PATH); without them this part is skipped and says so.

Stdlib only, besides Playwright for the last part. A benchmark, not a test: it exits 0 whatever the
numbers (1 when a command fails, 2 for bad arguments).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import aouad_argv, build_wheel, make_env, quartiles, run_once  # noqa: E402

WRITE_TARGET = 2.0  # page write / survivors --json start-up
SIZE_TARGET = 1_000_000  # bytes
RENDER_TARGET = 500.0  # ms

COMMANDS = [
    ("survivors --json", ["survivors", "--json"]),
    ("html --spoilers", ["html", "-o", "full.html", "--spoilers"]),
    ("html --episode 6", ["html", "-o", "six.html", "--episode", "6"]),
]


def _time_writes(args: argparse.Namespace, scratch: Path) -> dict[str, dict[str, list[float]]]:
    env = make_env(scratch, "cached")
    setups = [("", env)]
    if args.wheel:
        target = build_wheel(scratch, env)
        setups.append((" [wheel]", dict(env, PYTHONPATH=target)))
    aouad = aouad_argv()
    runs = [
        (label + suffix, [*aouad, *rest], e) for suffix, e in setups for label, rest in COMMANDS
    ]
    times: dict[str, list[float]] = {label: [] for label, _, _ in runs}
    rnd = random.Random(args.seed)
    for round_ in range(args.warmup + args.runs):
        order = list(runs)
        rnd.shuffle(order)
        for label, argv, e in order:
            wall, _cpu = run_once(argv, e, scratch)
            if round_ >= args.warmup:
                times[label].append(wall)
    return {"times": times, "setups": [s for s, _ in setups]}


def _render_times(page: Path, loads: int) -> dict[int, list[tuple[float, float]]] | str:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "skipped: Playwright is not installed"
    executable = next(
        (
            shutil.which(c)
            for c in (os.environ.get("AOUAD_CHROMIUM"), "chromium", "chromium-browser")
            if c and shutil.which(c)
        ),
        None,
    )
    if executable is None:
        return "skipped: no Chromium (apt-get install chromium, or set AOUAD_CHROMIUM)"
    out: dict[int, list[tuple[float, float]]] = {1280: [], 375: []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable)
        for _ in range(loads):
            for width in out:
                context = browser.new_context(viewport={"width": width, "height": 900})
                tab = context.new_page()
                tab.goto(page.as_uri())
                tab.wait_for_function("window.aouadFirstRender !== undefined")
                out[width].append(
                    tuple(tab.evaluate("[window.aouadStart, window.aouadFirstRender]"))
                )
                context.close()
        browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    ap.add_argument(
        "--runs",
        type=int,
        default=20,
        help="timed rounds; each runs every command once (default 20)",
    )
    ap.add_argument("--warmup", type=int, default=3, help="untimed rounds first (default 3)")
    ap.add_argument(
        "--loads", type=int, default=15, help="page loads in Chromium per width (default 15)"
    )
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--wheel",
        action="store_true",
        help="also time a wheel of this checkout (see bench/startup.py)",
    )
    args = ap.parse_args(argv)
    if args.runs < 1 or args.warmup < 0 or args.loads < 0:
        ap.error("--runs must be at least 1, --warmup and --loads at least 0")
    scratch = Path(tempfile.mkdtemp(prefix="aouad-html-bench-"))
    try:
        measured = _time_writes(args, scratch)
    except RuntimeError as err:
        print(f"html.py: {err}", file=sys.stderr)
        shutil.rmtree(scratch, ignore_errors=True)
        return 1
    try:
        _report(args, scratch, measured)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def _report(args: argparse.Namespace, scratch: Path, measured: dict) -> None:
    times = measured["times"]
    print(
        f"Writing the page ({args.runs} interleaved rounds after {args.warmup} warm-up; median "
        "[quartiles] ms)"
    )
    for suffix in measured["setups"]:
        base = times["survivors --json" + suffix]
        for label, _ in COMMANDS:
            xs = times[label + suffix]
            q1, q3 = quartiles(xs)
            ratio = statistics.median(xs) / statistics.median(base)
            paired = statistics.median(a / b for a, b in zip(xs, base))
            verdict = ""
            if label.startswith("html"):
                verdict = (
                    f"  target <= {WRITE_TARGET}: {'met' if ratio <= WRITE_TARGET else 'NOT met'}"
                )
            print(
                f"  {label + suffix:<28} {statistics.median(xs) * 1000:7.1f} "
                f"[{q1 * 1000:.1f}-{q3 * 1000:.1f}]"
                f"  ratio {ratio:.2f} (paired {paired:.2f}){verdict}"
            )
    full = scratch / "full.html"
    size = full.stat().st_size
    print(
        f"\nSize: whole-season page {size:,} bytes ({size / 1e6:.2f} MB); as of episode 6 "
        f"{(scratch / 'six.html').stat().st_size:,} bytes; target < 1 MB: "
        f"{'met' if size < SIZE_TARGET else 'NOT met'}"
    )
    rendered = _render_times(full, args.loads) if args.loads else "skipped: --loads 0"
    if isinstance(rendered, str):
        print(f"\nFirst view in Chromium: {rendered}")
        return
    print(
        f"\nFirst view in Chromium, whole-season page ({args.loads} fresh loads per width; ms from "
        "navigation start)"
    )
    for width, samples in rendered.items():
        drawn = [done for _start, done in samples]
        script = [done - start for start, done in samples]
        print(
            f"  {width:>4} px: drawn at median {statistics.median(drawn):.0f}, max "
            f"{max(drawn):.0f}; "
            f"the script itself median {statistics.median(script):.0f}; "
            f"target < {RENDER_TARGET:.0f}: "
            f"{'met' if max(drawn) < RENDER_TARGET else 'NOT met (max)'}"
        )


if __name__ == "__main__":
    sys.exit(main())
