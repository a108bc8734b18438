"""The installer parts that need no bundle: the launcher's input-method choice, the .deb's
Depends read off real libraries, and the NSIS script compiled by Debian's makensis."""

from __future__ import annotations

import importlib.util
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
INSTALLER = REPO / "installer"
ENV_KEYS = ("QT_IM_MODULE", "QT_IM_MODULES", "QT_QPA_PLATFORM", "PATH")


def _load_deb_depends() -> ModuleType:
    spec = importlib.util.spec_from_file_location("deb_depends", INSTALLER / "deb_depends.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["deb_depends"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def installed_launcher(tmp_path: Path) -> Path:
    """The launcher laid out as the .deb lays it out, with a stand-in for the bundled
    `hukou` that prints the environment it got and its arguments; linked like /usr/bin."""
    files = tmp_path / "opt" / "apps" / "cn.hukoucounter.app" / "files"
    (files / "bin").mkdir(parents=True)
    (files / "hukou-counter").mkdir()
    launcher = files / "bin" / "hukou-counter"
    shutil.copy(INSTALLER / "linux" / "hukou-counter", launcher)
    (files / "libexec" / "fcitx-ibus").mkdir(parents=True)
    shutil.copy(INSTALLER / "linux" / "ibus-daemon", files / "libexec" / "fcitx-ibus")
    stand_in = files / "hukou-counter" / "hukou"
    keys = " ".join(ENV_KEYS)
    stand_in.write_text(
        "#!/bin/sh\n"
        f'for k in {keys}; do eval "echo $k=\\${{$k-<unset>}}"; done\n'
        'echo "args=$*"\n',
        encoding="utf-8",
    )
    for path in (launcher, stand_in):
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
    usr_bin = tmp_path / "usr" / "bin"
    usr_bin.mkdir(parents=True)
    (usr_bin / "hukou-counter").symlink_to(launcher)
    return usr_bin / "hukou-counter"


def _run(launcher: Path, *args: str, **env: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items()
             if k not in (*ENV_KEYS, "XMODIFIERS", "GTK_IM_MODULE", "INPUT_METHOD",
                          "HUKOU_QT_IM_MODULE", "DISPLAY")}
    result = subprocess.run([str(launcher), *args], env={**clean, **env}, capture_output=True,
                            text=True, check=True)
    return dict(line.split("=", 1) for line in result.stdout.splitlines())


@pytest.mark.parametrize("desktop_env", [
    {"QT_IM_MODULE": "fcitx"},
    {"QT_IM_MODULE": "fcitx5"},
    {"XMODIFIERS": "@im=fcitx"},
    {"GTK_IM_MODULE": "fcitx", "XMODIFIERS": "@im=fcitx"},
    {"INPUT_METHOD": "fcitx5"},
], ids=lambda env: ",".join(f"{k}={v}" for k, v in env.items()))
def test_launcher_talks_ibus_to_fcitx(installed_launcher: Path,
                                      desktop_env: dict[str, str]) -> None:
    assert _run(installed_launcher, **desktop_env)["QT_IM_MODULE"] == "ibus"


def test_launcher_rewrites_the_qt_im_modules_list(installed_launcher: Path) -> None:
    got = _run(installed_launcher, QT_IM_MODULES="wayland;fcitx", QT_IM_MODULE="fcitx")
    assert got["QT_IM_MODULES"] == "wayland;ibus"
    assert got["QT_IM_MODULE"] == "ibus"


def test_launcher_leaves_ibus_and_no_input_method_alone(installed_launcher: Path) -> None:
    assert _run(installed_launcher, QT_IM_MODULE="ibus")["QT_IM_MODULE"] == "ibus"
    assert _run(installed_launcher)["QT_IM_MODULE"] == "<unset>"


def test_the_administrator_can_force_an_input_module(installed_launcher: Path) -> None:
    got = _run(installed_launcher, XMODIFIERS="@im=fcitx", HUKOU_QT_IM_MODULE="compose",
               QT_IM_MODULES="fcitx")
    assert got["QT_IM_MODULE"] == "compose"
    assert got["QT_IM_MODULES"] == "<unset>"


def test_launcher_puts_an_ibus_daemon_marker_on_path_for_fcitx(installed_launcher: Path) -> None:
    # Qt's ibus context does not connect unless an ibus-daemon executable is on PATH.
    first = Path(_run(installed_launcher, XMODIFIERS="@im=fcitx")["PATH"].split(":")[0])
    assert first.name == "fcitx-ibus"
    marker = subprocess.run([str(first / "ibus-daemon")], capture_output=True, text=True,
                            check=False)
    assert marker.returncode == 1 and "fcitx5" in marker.stderr
    assert "fcitx-ibus" not in _run(installed_launcher)["PATH"]


def test_launcher_leaves_path_alone_where_ibus_is_installed(installed_launcher: Path,
                                                            tmp_path: Path) -> None:
    ibus_bin = tmp_path / "ibus-bin"
    ibus_bin.mkdir()
    (ibus_bin / "ibus-daemon").write_text("#!/bin/sh\n", encoding="utf-8")
    (ibus_bin / "ibus-daemon").chmod(0o755)
    path = f"{ibus_bin}:{os.environ['PATH']}"
    assert _run(installed_launcher, QT_IM_MODULE="fcitx", PATH=path)["PATH"] == path


def test_launcher_picks_xcb_under_x_and_keeps_a_chosen_platform(installed_launcher: Path) -> None:
    assert _run(installed_launcher, DISPLAY=":7")["QT_QPA_PLATFORM"] == "xcb"
    assert _run(installed_launcher, DISPLAY=":7",
                QT_QPA_PLATFORM="offscreen")["QT_QPA_PLATFORM"] == "offscreen"


def test_launcher_passes_the_arguments_through(installed_launcher: Path) -> None:
    got = _run(installed_launcher, "--data-dir", "/srv/station", "demo", "seed", "--cases", "5")
    assert got["args"] == "--data-dir /srv/station demo seed --cases 5"


def _stand_in_bundle(tmp_path: Path) -> Path:
    """A bundle whose executable is a real X program from Debian (Xvfb, from tools/setup)."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed (tools/setup installs it): no real binary to read")
    bundle = tmp_path / "hukou-counter"
    (bundle / "_internal").mkdir(parents=True)
    shutil.copy(xvfb, bundle / "hukou")
    return bundle


def test_depends_names_the_packages_of_the_libraries_a_bundle_links(tmp_path: Path) -> None:
    depends = _load_deb_depends().depends(_stand_in_bundle(tmp_path)).split(", ")
    assert depends[0].startswith("libc6 (>= 2.")
    assert "libpixman-1-0" in depends  # Xvfb links pixman: read off the binary, not a list
    assert "libxcb-icccm4" in depends and "libxkbcommon-x11-0" in depends


def test_depends_does_not_send_the_bundles_own_libraries_to_the_system(tmp_path: Path) -> None:
    deb_depends = _load_deb_depends()
    bundle = _stand_in_bundle(tmp_path)
    pixman = next(p for p in deb_depends.system_libraries([bundle / "hukou"], bundle)
                  if "libpixman-1.so" in p)
    shutil.copy(pixman, bundle / "_internal" / Path(pixman).name)
    assert "libpixman-1-0" not in deb_depends.depends(bundle).split(", ")


def test_glibc_floor_is_the_newest_symbol_version_asked_for(tmp_path: Path) -> None:
    library = tmp_path / "libfake.so"
    library.write_bytes(b"\x7fELF...GLIBC_2.2.5\x00GLIBC_2.28\x00GLIBC_2.17\x00GLIBCXX_3.4.30\x00")
    assert _load_deb_depends().glibc_floor([library]) == (2, 28, 0)


def _compile_installer(tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    makensis = shutil.which("makensis")
    if makensis is None:
        pytest.skip("makensis is not installed (apt-get install nsis; tools/setup does it)")
    stand_in = tmp_path / "hukou-counter"
    (stand_in / "_internal" / "forms").mkdir(parents=True)
    (stand_in / "HukouCounter.exe").write_bytes(b"MZ window")
    (stand_in / "hukou.exe").write_bytes(b"MZ console")
    (stand_in / "_internal" / "forms" / "catalogue.yaml").write_text("documents: []\n")
    setup = tmp_path / "HukouCounter-setup.exe"
    result = subprocess.run(
        [makensis, "-V3", "-WX", f"-DBUNDLE_DIR={stand_in}", "-DVERSION=0.1.0",
         f"-DOUTFILE={setup}", str(INSTALLER / "windows" / "hukou.nsi")],
        capture_output=True, text=True, check=False)
    return result, setup


def test_nsis_script_compiles_without_warnings_into_a_windows_executable(tmp_path: Path) -> None:
    result, setup = _compile_installer(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert setup.read_bytes()[:2] == b"MZ"
    # welcome, licence, components (desktop shortcut), folder, start-menu shortcuts,
    # progress, finish; the uninstaller: confirm, keep-the-data page, progress.
    assert "Install: 7 pages" in result.stdout
    assert "Uninstall: 3 pages" in result.stdout


def test_nsis_script_is_unicode_with_simplified_chinese_pages(tmp_path: Path) -> None:
    script = (INSTALLER / "windows" / "hukou.nsi").read_text(encoding="utf-8-sig")
    assert "Unicode true" in script
    assert '!insertmacro MUI_LANGUAGE "SimpChinese"' in script
    result, _setup = _compile_installer(tmp_path)
    assert "1 language table" in result.stdout  # Simplified Chinese only


def test_uninstaller_deletes_the_data_only_when_the_box_is_ticked() -> None:
    script = (INSTALLER / "windows" / "hukou.nsi").read_text(encoding="utf-8-sig")
    uninstall = script[script.index('Section "Uninstall"'):]
    deletion = uninstall.index('RMDir /r "${DATA_FOLDER}"')
    guard = uninstall.rindex("${If} $DeleteData == ${BST_CHECKED}", 0, deletion)
    assert "${EndIf}" not in uninstall[guard:deletion]
    assert "StrCpy $DeleteData ${BST_UNCHECKED}" in script  # unticked unless the user ticks it
