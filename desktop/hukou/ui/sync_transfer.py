"""Offline transfer from the File menu: the pending changes into a signed, encrypted bundle
file for approved transfer media, and headquarters' reply file back in.

Both run on a worker through the ops helper and end in one message saying what happened
and what to do next; a refused file reaches the one error dialog with the reason.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from hukou.ui.ops import BackgroundOp
from hukou.ui.session import Session

BUNDLE_SUFFIX = ".hkb"
REPLIES_SUFFIX = ".hkr"


def _export(session: Session, path: Path) -> tuple[int, int]:
    """(case records the file carries, pending changes they cover)."""
    from hukou.store import outbox_count_pending
    from hukou.sync.client import export_bundle

    db = session.db()
    return export_bundle(db, path), outbox_count_pending(db)


def _import(session: Session, path: Path) -> Any:
    from hukou.sync.client import import_replies

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OSError(
            f"无法读取文件 {path}：{exc.strerror} / cannot read {path} ({exc.strerror}): "
            "check the transfer medium and choose the file again"
        ) from exc
    return import_replies(session.db(), data)


class OfflineTransfer(QObject):
    """`finished(text)` carries the result message each run showed."""

    finished = Signal(str)

    def __init__(self, session: Session, window: QWidget) -> None:
        super().__init__(window)
        self.session = session
        self.window = window
        self.message_box: QMessageBox | None = None
        self.last_folder = Path.home()

    # -- export ---------------------------------------------------------------------------

    def ask_export(self) -> None:
        station = self.session.station
        code = station.code if station is not None else "station"
        name = f"{code}-{dt.date.today():%Y%m%d-}{dt.datetime.now():%H%M}{BUNDLE_SUFFIX}"
        path, _filter = QFileDialog.getSaveFileName(
            self.window,
            self.tr("导出数据包（交总部）"),
            str(self.last_folder / name),
            self.tr("同步数据包 (*.hkb)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> BackgroundOp[tuple[int, int]]:
        if path.suffix.lower() != BUNDLE_SUFFIX:
            path = path.with_name(path.name + BUNDLE_SUFFIX)
        self.last_folder = path.parent
        session = self.session
        return (
            BackgroundOp(self.window, lambda: _export(session, path))
            .with_progress(self.tr("正在导出数据包…"))
            .success(lambda counts: self._exported(path, *counts))
            .run()
        )

    def _exported(self, path: Path, count: int, pending: int) -> None:
        if count:
            text = self.tr(
                "已把 {n} 份案件记录（涵盖待发送的 {p} 项变更）导出到：\n{path}\n\n"
                "请用经批准的移动介质把文件交总部导入。导入总部回执之前，"
                "这些变更仍显示为待发送。"
            ).format(n=count, p=pending, path=path)
        else:
            text = self.tr(
                "没有待发送的变更，数据包只告诉总部本所已收到哪些消息：\n{path}"
            ).format(path=path)
        self._show(self.tr("数据包已导出"), text)

    # -- import ---------------------------------------------------------------------------

    def ask_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.window,
            self.tr("导入总部回执"),
            str(self.last_folder),
            self.tr("总部回执 (*.hkr);;所有文件 (*)"),
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> BackgroundOp[Any]:
        self.last_folder = path.parent
        session = self.session
        return (
            BackgroundOp(self.window, lambda: _import(session, path))
            .with_progress(self.tr("正在导入总部回执…"))
            .success(self._imported)
            .run()
        )

    def _imported(self, result: Any) -> None:
        if result.already_imported:
            text = self.tr(
                "这份回执（第 {serial} 号）已经导入过，或比已导入的更旧，本次没有改动。"
            ).format(serial=result.serial)
            self._show(self.tr("回执已导入过"), text)
            return
        lines = [
            self.tr("总部回执第 {serial} 号已导入。").format(serial=result.serial),
            self.tr("总部已确认收到 {n} 项待发送的变更。").format(n=result.acknowledged),
            self.tr("带回审批结果 {n} 项。").format(n=result.decisions),
        ]
        if result.packs_installed:
            lines.append(self.tr("安装政策更新 {n} 份。").format(n=result.packs_installed))
        if result.packs_refused:
            lines.append(self.tr("拒收政策更新 {n} 份。").format(n=result.packs_refused))
        if result.rejected or result.conflicts:
            lines.append(
                self.tr("总部拒收 {r} 项、新冲突 {c} 项：请在“工具 → 同步冲突”中查看。").format(
                    r=result.rejected, c=result.conflicts
                )
            )
        lines.append(self.tr("仍待发送 {n} 项。").format(n=result.pending))
        self._show(self.tr("回执已导入"), "\n".join(lines))

    def _show(self, title: str, text: str) -> None:
        # Window-modal but not blocking: the result stays up while the clerk reads it.
        box = QMessageBox(self.window)
        box.setObjectName("transfer_result")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setText(text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.message_box = box
        box.open()
        self.finished.emit(text)

