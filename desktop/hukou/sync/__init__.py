"""Sync to headquarters: protocol models, signed offline bundles, the station client.

The GUI calls `hukou.sync.client.sync_status(db)` and `hukou.sync.client.sync_once(db, ...)`.
This package imports nothing from the station store at import time, so the HQ service can
use `hukou.sync.protocol` and `hukou.sync.bundle` alone.
"""
