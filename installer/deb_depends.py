"""The .deb's Depends line, read off the bundle: which system packages its libraries load
from, and the newest glibc symbol version any of them needs (so dpkg refuses a system whose
glibc is too old instead of the app failing to start there).

    python3 installer/deb_depends.py BUNDLE_DIR   ->  prints "libc6 (>= 2.28), libdbus-1-3, ..."
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

# Always depended on, whether or not the build host's ldd sees them: the libraries the xcb
# platform plugin and Qt's GUI load under a real X server (DESIGN: Kylin/UOS desktops).
QT_XCB_PACKAGES = (
    "libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0", "libxcb-image0",
    "libxcb-render-util0", "libxcb-xkb1", "libxkbcommon-x11-0", "libegl1", "libgl1",
    "libfontconfig1", "libdbus-1-3",
)
GLIBC_VERSION = re.compile(rb"GLIBC_2\.(\d+)(?:\.(\d+))?\x00")
LDD_LINE = re.compile(r"^\s*(\S+) => (/\S+) \(0x")


def elf_files(bundle: Path) -> list[Path]:
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def glibc_floor(files: list[Path]) -> tuple[int, int, int]:
    """The highest GLIBC_2.x symbol version any file asks for."""
    best = (2, 17, 0)
    for path in files:
        for minor, patch in GLIBC_VERSION.findall(path.read_bytes()):
            best = max(best, (2, int(minor), int(patch or 0)))
    return best


def system_libraries(files: list[Path], bundle: Path) -> set[str]:
    """Paths of the libraries outside the bundle that the bundle's files link against."""
    outside: set[str] = set()
    # The bootloader puts _internal/ on the library path; without it ldd would send the
    # libraries the bundle carries (libcups, libglib, ...) to the system's copies.
    env = {**os.environ, "LD_LIBRARY_PATH": str(bundle / "_internal")}
    for path in files:
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=False,
                                env=env)
        for line in result.stdout.splitlines():
            match = LDD_LINE.match(line)
            if match and not Path(match.group(2)).resolve().is_relative_to(bundle.resolve()):
                outside.add(match.group(2))
    return outside


def owning_packages(libraries: set[str]) -> set[str]:
    """Debian packages owning the libraries (asks for the path, its real path and /usr/<path>,
    since merged-/usr systems register either spelling)."""
    wanted: dict[str, list[str]] = {}
    for library in libraries:
        real = str(Path(library).resolve())
        wanted[library] = list(dict.fromkeys([library, real, "/usr" + library, "/usr" + real]))
    candidates = sorted({c for spellings in wanted.values() for c in spellings})
    if not candidates:
        return set()
    # One dpkg -S for all; paths it does not know go to stderr and are simply absent here.
    result = subprocess.run(["dpkg", "-S", *candidates], capture_output=True, text=True,
                            check=False)
    owner: dict[str, str] = {}
    for line in result.stdout.splitlines():
        # "libdbus-1-3:amd64: /lib/x86_64-linux-gnu/libdbus-1.so.3"
        names, _, path = line.rpartition(": ")
        owner[path.strip()] = names.split(",")[0].split(":")[0].strip()
    return {next(owner[c] for c in spellings if c in owner)
            for spellings in wanted.values() if any(c in owner for c in spellings)}


def depends(bundle: Path) -> str:
    files = elf_files(bundle)
    major, minor, patch = glibc_floor(files)
    glibc = f"{major}.{minor}" + (f".{patch}" if patch else "")
    packages = (owning_packages(system_libraries(files, bundle)) | set(QT_XCB_PACKAGES))
    packages -= {"libc6", "libc6-dev"}
    return ", ".join([f"libc6 (>= {glibc})", *sorted(packages)])


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        sys.exit("usage: deb_depends.py BUNDLE_DIR")
    print(depends(Path(sys.argv[1])))
