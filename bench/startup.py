"""Startup and case-list benchmarks for the GUI.

    .venv/bin/python bench/startup.py [--cases 1000000] [--runs 5]

1. Cold start of `hukou` to the main window shown (signed in through the test hook
   HUKOU_AUTOLOGIN), against a bare PySide6 window started the same way, in the same run.
   Goal: ratio <= 1.3.
2. Opening the case list on a demo database of --cases cases (seeded once with
   `hukou demo seed`, kept in var/bench-<n>/): time until the first page is shown.
   Goal: < 300 ms. Also when the key walk (every page's cursor) has finished.
3. Scrolling that list page by page to the end and back with the scroll bar dragged:
   the slowest frame (event-loop turn that repaints the view). Goal: < 50 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

BARE_WINDOW = """
import time, sys
t = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import QTimer
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1280, 800); w.show()
def shown():
    print("main window shown", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def timed(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from process start until it prints that its window is shown."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if "shown" in line:
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"{cmd[0]} exited without showing its window")
    proc.wait(timeout=120)
    return elapsed


def seed(cases: int) -> Path:
    data = ROOT / "var" / f"bench-{cases}"
    if not (data / "hukou.sqlite3").exists():
        print(f"seeding {cases:,} demo cases into {data} (once) …", flush=True)
        env = {**os.environ, "HUKOU_DATA_DIR": str(data)}
        subprocess.run(
            [str(BIN / "hukou"), "demo", "seed", "--cases", str(cases)], env=env, check=True
        )
    return data


def bench_startup(data: Path, runs: int) -> None:
    env = {
        **os.environ,
        "HUKOU_DATA_DIR": str(data),
        "HUKOU_AUTOLOGIN": "clerk",
        "HUKOU_QUIT_WHEN_SHOWN": "1",
    }
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    bare, app = [], []
    for _ in range(runs):  # interleaved, so both see the same machine load
        bare.append(timed([sys.executable, "-c", BARE_WINDOW], env))
        app.append(timed([str(BIN / "hukou")], env))
    b, a = statistics.median(bare), statistics.median(app)
    print(
        f"startup: bare PySide6 window {b * 1000:.0f} ms, hukou main window {a * 1000:.0f} ms,"
        f" ratio {a / b:.2f} (goal <= 1.3)"
    )


def bench_case_list(data: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from hukou import store
    from hukou.ui import ops
    from hukou.ui.case_list_page import CaseListPage
    from hukou.ui.session import Session

    app = QApplication.instance() or QApplication(sys.argv[:1])
    session = Session(data)
    session.user = store.get_user(session.db(), "clerk")
    page = CaseListPage(session)
    page.resize(1280, 800)
    page.show()
    app.processEvents()

    def settle(limit: float = 60.0) -> None:
        deadline = time.perf_counter() + limit
        while not ops.idle() and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.001)
        app.processEvents()

    loaded: list[float] = []
    walked: list[float] = []
    page.model.loaded.connect(lambda _n: loaded.append(time.perf_counter()))
    page.model.cursors_loaded.connect(lambda: walked.append(time.perf_counter()))
    start = time.perf_counter()
    page.refresh()
    while not loaded:
        app.processEvents()
        time.sleep(0.0005)
    page.table.viewport().repaint()
    opened = time.perf_counter() - start
    settle()
    rows = page.model.rowCount()
    print(
        f"case list: {rows:,} cases, first page shown after {opened * 1000:.0f} ms (goal < 300 ms);"
        f" every page's cursor known after {(walked[0] - start) * 1000:.0f} ms"
    )

    bar = page.table.verticalScrollBar()
    frames: list[float] = []
    steps = 100
    positions = [int(bar.maximum() * i / steps) for i in range(steps + 1)]
    positions += [*reversed(positions), bar.maximum() // 2]
    for value in positions:
        t = time.perf_counter()
        bar.setValue(value)
        page.table.viewport().repaint()
        app.processEvents()
        frames.append(time.perf_counter() - t)
    # Where the scroll bar stopped: how long until its rows are filled in.
    t = time.perf_counter()
    settle()
    filled = time.perf_counter() - t
    top = page.table.rowAt(0)
    shown = page.model.data(page.model.index(max(0, top), 0))
    slowest = max(range(len(frames)), key=frames.__getitem__)
    print(f"scrolling: {len(frames)} frames, median {statistics.median(frames) * 1000:.1f} ms, "
          f"slowest {frames[slowest] * 1000:.1f} ms (frame {slowest}) (goal < 50 ms); rows "
          f"where it stopped filled {filled * 1000:.0f} ms later ({shown!r})")
    session.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    data = seed(args.cases)
    bench_startup(data, args.runs)
    bench_case_list(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
