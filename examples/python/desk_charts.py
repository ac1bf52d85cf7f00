#!/usr/bin/env python3
"""Draw the recovery desk's report as pictures.

Reads the JSON that `svcr-desk report --json` prints and writes two PNG files:

  pareto.png          root causes by count (bars), their cumulative share (line) and the 80% mark:
                      the "vital few" causes to fix first
  timer-breaches.png  how many timers (first response, resolution, follow-up) were breached
                      each week

Usage:
  svcr-desk report --json > report.json && python3 desk_charts.py report.json
  svcr-desk report --json | python3 desk_charts.py - --out-dir charts

A file of those names is replaced only if it is a PNG file (a chart drawn before), and each chart
is written to a new file first and renamed into place. Needs matplotlib (Debian: python3-matplotlib).
"""
import argparse
import json
import os
import sys
import tempfile
from typing import Any, Callable, Dict, List

import matplotlib  # type: ignore[import]  # no type information

matplotlib.use("Agg")  # files only; no display needed
import matplotlib.pyplot as plt  # type: ignore[import]  # noqa: E402  (after choosing the backend)

Report = Dict[str, Any]


def draw_pareto(report: Report, path: str) -> None:
    causes = report["pareto"]["causes"]
    fig, bars_axis = plt.subplots(figsize=(9, 5))
    if not causes:
        bars_axis.text(0.5, 0.5, "no classified root causes yet", ha="center", va="center")
        bars_axis.set_axis_off()
    else:
        names = [c["cause"] for c in causes]
        counts = [c["count"] for c in causes]
        cumulative = [100.0 * c["cumulative_share"] for c in causes]
        colours = ["tab:red" if c.get("vital_few") else "tab:gray" for c in causes]
        positions = range(len(names))
        bars_axis.bar(positions, counts, color=colours)
        bars_axis.set_xticks(list(positions))
        bars_axis.set_xticklabels(names, rotation=30, ha="right")
        bars_axis.set_ylabel("cases")
        share_axis = bars_axis.twinx()
        share_axis.plot(list(positions), cumulative, color="tab:blue", marker="o")
        share_axis.axhline(80, color="tab:blue", linestyle="--", linewidth=1)
        share_axis.text(len(names) - 0.5, 81, "80%", color="tab:blue", ha="right", va="bottom")
        share_axis.set_ylim(0, 105)
        share_axis.set_ylabel("cumulative share (%)")
    bars_axis.set_title("Root causes of service failures (red: the vital few)")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def draw_breaches(report: Report, path: str) -> None:
    weeks = report["timer_breaches"]["weekly"]
    timers = report["timer_breaches"]["timers"]
    fig, axis = plt.subplots(figsize=(9, 5))
    if not weeks:
        axis.text(0.5, 0.5, "no timers breached", ha="center", va="center")
        axis.set_axis_off()
    else:
        labels = [w["week"] for w in weeks]
        bottom = [0] * len(weeks)
        for timer in timers:
            counts = [w["by_timer"].get(timer, 0) for w in weeks]
            axis.bar(labels, counts, bottom=bottom, label=timer)
            bottom = [b + c for b, c in zip(bottom, counts)]
        axis.set_xlabel("week starting (Monday)")
        axis.set_ylabel("timers breached")
        axis.legend()
    axis.set_title("Timer breaches per week")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", help="the output of `svcr-desk report --json`, or - for stdin")
    parser.add_argument("--out-dir", default=".", help="where to write the PNG files")
    args = parser.parse_args(argv)

    try:
        if args.report == "-":
            report = json.load(sys.stdin)
        else:
            with open(args.report, encoding="utf-8") as f:
                report = json.load(f)
        report["pareto"]["causes"], report["timer_breaches"]["weekly"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        print(f"desk_charts: cannot read the report: {e}", file=sys.stderr)
        return 2

    outputs = [
        (draw_pareto, os.path.join(args.out_dir, "pareto.png")),
        (draw_breaches, os.path.join(args.out_dir, "timer-breaches.png")),
    ]
    # Replace only charts (PNG files), never a file of the user's, and check before drawing any.
    for _, path in outputs:
        if os.path.lexists(path) and not is_png(path):
            print(f"desk_charts: {path} exists and is not a PNG chart; move it away or choose "
                  "another --out-dir (nothing was written)", file=sys.stderr)
            return 2
    try:
        os.makedirs(args.out_dir, exist_ok=True)
    except OSError as e:
        print(f"desk_charts: --out-dir {args.out_dir}: {e}", file=sys.stderr)
        return 2
    for draw, path in outputs:
        try:
            draw_atomically(draw, report, path)
        except OSError as e:
            print(f"desk_charts: writing {path}: {e}", file=sys.stderr)
            return 1
        print(path)
    return 0


def is_png(path: str) -> bool:
    """True for a regular file that starts with the PNG signature (a chart drawn before)."""
    if os.path.islink(path) or not os.path.isfile(path):
        return False
    try:
        with open(path, "rb") as f:
            return bool(f.read(8) == b"\x89PNG\r\n\x1a\n")
    except OSError:
        return False


def draw_atomically(draw: Callable[[Report, str], None], report: Report, path: str) -> None:
    """Draw into a new file beside @path and rename it over @path: an interrupted or failed
    drawing never leaves a half-written chart or destroys the previous one."""
    fd, temporary = tempfile.mkstemp(dir=os.path.dirname(path) or ".", prefix=".desk_charts-",
                                     suffix=".png")
    os.close(fd)
    try:
        draw(report, temporary)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as an ordinary new file; mkstemp makes it 0600
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
