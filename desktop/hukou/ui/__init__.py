"""The PySide6 application: windows, intake wizard, item models, background operations."""

from hukou.ui import qtfix  # noqa: F401  (first: keeps PySide6 6.12 alive on Python 3.11)
