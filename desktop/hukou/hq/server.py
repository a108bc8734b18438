"""Running the headquarters service with uvicorn (the `hukou hq serve` command)."""

from __future__ import annotations

import uvicorn

from hukou.hq.service import create_app
from hukou.hq.store import open_store


def serve(db_url: str, *, host: str = "127.0.0.1", port: int = 8750) -> None:
    """Migrate the HQ database, then serve the API until interrupted."""
    store = open_store(db_url)
    try:
        uvicorn.run(create_app(store), host=host, port=port, log_level="info",
                    access_log=False)
    finally:
        store.close()
