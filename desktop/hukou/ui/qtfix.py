"""Keep PySide6 6.12 alive on Python 3.11.

PySide6 6.12.0 returns `None`, `True` and `False` from its functions without taking a
reference (on Python 3.12+ these objects are immortal, so it does not matter there). On
Python 3.11 every call such as `widget.update()` or `signal.emit()` takes one reference
away, and after a few thousand calls Python aborts with "none_dealloc" / "bool_dealloc".
PySide6_Pdf exists only as 6.12 here, so an older PySide6 is not an option.

The cure is what Python 3.12 does: make these singletons immortal, by giving them a
reference count no program can use up. Imported first by `hukou.ui`, so every window,
test and benchmark gets it.
"""

from __future__ import annotations

import ctypes
import sys

IMMORTAL_REFCOUNT = 1 << 60
SINGLETONS = (None, True, False, Ellipsis, NotImplemented)


def immortalize_singletons() -> bool:
    """Raise the singletons' reference counts out of reach; False where Python does it itself."""
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return False  # immortal already (3.12+), or a debug build whose layout differs
    for obj in SINGLETONS:
        # ob_refcnt is the first field of every object in a release build of CPython.
        ctypes.c_ssize_t.from_address(id(obj)).value = IMMORTAL_REFCOUNT
    return True


IMMORTALIZED = immortalize_singletons()
