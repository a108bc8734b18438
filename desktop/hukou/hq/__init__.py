"""Headquarters: the service that receives every station's cases (FastAPI; PostgreSQL or SQLite).

`store.open_store(url)` opens the repository, `service.create_app(store)` builds the API,
`service.import_bundle(store, data)` applies an offline bundle.
"""
