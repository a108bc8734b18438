"""Architecture rules that hold for the whole code base (DESIGN §5)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "desktop" / "hukou"
PURE_LAYERS = ["policy", "domain", "store", "printing", "sync", "hq"]
QT_MODULES = ("PySide6", "shiboken6")


def _imported_modules(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules_outside_gui() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "ui" not in p.relative_to(PACKAGE).parts]


def test_the_layer_folders_exist() -> None:
    for layer in [*PURE_LAYERS, "ui", "cli"]:
        assert (PACKAGE / layer).is_dir(), layer


@pytest.mark.parametrize("path", _modules_outside_gui(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_outside_the_gui_imports_qt(path: Path) -> None:
    qt = {m for m in _imported_modules(path) if m.split(".")[0] in QT_MODULES}
    assert not qt, f"{path.relative_to(PACKAGE)} imports {sorted(qt)}; only hukou/ui may use Qt"


@pytest.mark.parametrize(
    "path",
    [p for layer in PURE_LAYERS for p in (PACKAGE / layer).rglob("*.py")],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_pure_layers_never_import_the_gui(path: Path) -> None:
    gui = {m for m in _imported_modules(path) if m.startswith("hukou.ui")}
    assert not gui, f"{path.relative_to(PACKAGE)} imports {sorted(gui)}"


def test_the_checker_sees_a_qt_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtWidgets import QWidget\nimport shiboken6\n", encoding="utf-8")
    assert _imported_modules(bad) == {"PySide6.QtWidgets", "shiboken6"}
