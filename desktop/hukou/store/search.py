"""Case search: case number, ID number (whole, last 6, prefix), names of every length and
address fragments, with status/category/date filters and paging.

Names and addresses go into one contentless FTS5 table (unicode61 tokenizer) as our own
tokens, because FTS5's trigram tokenizer cannot match 1- or 2-character names:
- column `chars`: each name character once (a 1-character query is a surname search);
- column `grams`: the overlapping character pairs of every name and address, in order,
  with a one-character separator token between items. A query of n ≥ 2 characters is the
  phrase of its n-1 pairs, which matches exactly the texts containing the query (the
  phrase cannot span two items: the separator is a token no pair query contains).

Paging is by key, not OFFSET: rows come newest first, ordered by the case's row id, and a
cursor is a key; a page is the rows below it. `page_cursors` walks the key index once to
give the cursor of every page, so a list view fetches its millionth row as cheaply as its
first, and rows added meanwhile (newer, so above every cursor) do not shift the pages.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlite_utils

from hukou.store.errors import ValidationError
from hukou.store.schema import STATUSES

if TYPE_CHECKING:
    from hukou.store.cases import CaseRecord

FTS_TABLE = "case_search"
_SEPARATOR = "0"
_CASE_NUMBER_RE = re.compile(r"^[0-9A-Za-z]{4,16}-\d{4}-\d{1,6}$")
_YEAR_SEQ_RE = re.compile(r"^(\d{4})-(\d{1,6})$")


def create_index(db: sqlite_utils.Database) -> None:
    db.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(chars, grams, content='', columnsize=0,"
        " tokenize='unicode61 remove_diacritics 0')"
    )


def clean(text: str) -> str:
    """What the index sees of a text: letters and digits only, lower case ("·", spaces,
    dashes and brackets dropped on both sides, so typing them or not finds the same)."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def tokens(names: Iterable[str], addresses: Iterable[str]) -> tuple[str, str]:
    """The (chars, grams) column values for one case."""
    name_items = [c for c in dict.fromkeys(clean(n) for n in names) if c]
    address_items = [c for c in dict.fromkeys(clean(a) for a in addresses) if c]
    chars = " ".join(dict.fromkeys(ch for item in name_items for ch in item))
    pieces: list[str] = []
    for item in dict.fromkeys(name_items + address_items):
        if len(item) >= 2:
            if pieces:
                pieces.append(_SEPARATOR)
            pieces.extend(item[i:i + 2] for i in range(len(item) - 1))
    return chars, " ".join(pieces)


def tokens_for(record: CaseRecord) -> tuple[str, str]:
    names: list[str] = []
    addresses: list[str] = []
    for person in record.persons:
        names += [person.name, person.former_name]
        addresses += [person.hukou_address, person.moving_from]
    addresses.append(str(record.placement.get("address") or ""))
    return tokens(names, addresses)


def index_case(db: sqlite_utils.Database, case_id: int, new: tuple[str, str],
               old: tuple[str, str] | None) -> None:
    """Update one case's entry inside the caller's transaction (no-op when unchanged)."""
    if old == new:
        return
    if old is not None and (old[0] or old[1]):
        db.conn.execute(
            f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, chars, grams)"
            " VALUES ('delete', ?, ?, ?)",
            [case_id, *old])
    if new[0] or new[1]:
        db.conn.execute(f"INSERT INTO {FTS_TABLE} (rowid, chars, grams) VALUES (?, ?, ?)",
                        [case_id, *new])


def rebuild_index(db: sqlite_utils.Database) -> int:
    """Refill the index from the persons and cases tables (migration, repair)."""
    import json

    db.conn.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('delete-all')")
    count = 0
    cur = db.conn.execute(
        "SELECT c.id, c.placement, group_concat(p.name || char(10) || p.former_name, char(10)),"
        " group_concat(p.hukou_address || char(10) || p.moving_from, char(10))"
        " FROM cases c LEFT JOIN persons p ON p.case_id = c.id GROUP BY c.id")
    batch: list[tuple[int, str, str]] = []
    for case_id, placement, names, addresses in cur:
        address_list = (addresses or "").split("\n")
        address_list.append(str(json.loads(placement or "{}").get("address") or ""))
        chars, grams = tokens((names or "").split("\n"), address_list)
        if chars or grams:
            batch.append((case_id, chars, grams))
        if len(batch) >= 5000:
            _insert_batch(db, batch)
            count += len(batch)
            batch = []
    _insert_batch(db, batch)
    return count + len(batch)


def _insert_batch(db: sqlite_utils.Database, batch: list[tuple[int, str, str]]) -> None:
    db.conn.executemany(f"INSERT INTO {FTS_TABLE} (rowid, chars, grams) VALUES (?, ?, ?)", batch)


def match_expression(text: str) -> str | None:
    """The FTS5 query for a name or address fragment, or None when nothing is left of it."""
    cleaned = clean(text)
    if not cleaned:
        return None
    if len(cleaned) == 1:
        return f'chars : "{cleaned}"'
    pairs = " ".join(cleaned[i:i + 2] for i in range(len(cleaned) - 1))
    return f'grams : "{pairs}"'


@dataclass(frozen=True)
class CaseSummary:
    uuid: str
    number: str
    status: str
    category_id: str
    pack_id: str
    intake_date: str
    updated_at: str
    applicant_name: str
    applicant_id_number: str | None
    persons: int
    version: int


@dataclass(frozen=True)
class SearchPage:
    items: list[CaseSummary]
    offset: int
    limit: int
    has_more: bool
    # Pass as `after=` for the page that follows; None when there is none.
    next_cursor: int | None = None


def _date(value: dt.date | str | None, field: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValidationError(
            field, f"日期“{value}”无效，应为YYYY-MM-DD / the date {value!r} is not valid: "
            "write it as YYYY-MM-DD") from None


def _filters(status: str | Iterable[str] | None, category: str | None,
             date_from: dt.date | str | None, date_to: dt.date | str | None,
             ) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if status:
        wanted = [status] if isinstance(status, str) else list(status)
        for s in wanted:
            if s not in STATUSES:
                raise ValidationError(
                    "status", f"未知状态“{s}” / unknown status {s!r}: use one of "
                    f"{', '.join(STATUSES)}")
        where.append(f"c.status IN ({', '.join('?' * len(wanted))})")
        params += wanted
    if category:
        where.append("c.category_id = ?")
        params.append(category)
    start, end = _date(date_from, "date_from"), _date(date_to, "date_to")
    if start:
        where.append("c.intake_date >= ?")
        params.append(start)
    if end:
        where.append("c.intake_date <= ?")
        params.append(end)
    return where, params


def _query_source(db: sqlite_utils.Database, query: str) -> tuple[str, list[Any], bool]:
    """(FROM-clause fragment, params, drives_by_fts) for the free-text part of a search."""
    from hukou.domain.idnumber import normalize_id_number

    q = query.strip()
    compact = normalize_id_number(q).upper()
    if _CASE_NUMBER_RE.match(q):
        return "cases c WHERE c.number = ?", [q], False
    year_seq = _YEAR_SEQ_RE.match(q)
    if year_seq:
        station = db.conn.execute("SELECT code FROM station WHERE id = 1").fetchone()
        number = f"{station[0] if station else ''}-{year_seq[1]}-{int(year_seq[2]):06d}"
        return "cases c WHERE c.number = ?", [number], False
    if len(compact) == 18 and compact[:17].isdigit():
        return ("cases c WHERE c.id IN (SELECT case_id FROM persons"
                " WHERE id_number = ? AND id_number IS NOT NULL)"), [compact], False
    if 1 <= len(compact) <= 6 and compact.isdigit():
        # The sequence part of a case number in any year ("208" or "000208"); six digits are
        # also the last six of an ID number, so both are looked for.
        numbers = _numbers_with_sequence(db, int(compact))
        marks = ", ".join("?" * len(numbers)) or "NULL"
        clause = f"c.number IN ({marks})"
        if len(compact) < 6:
            return f"cases c WHERE {clause}", numbers, False
        return (f"cases c WHERE ({clause} OR c.id IN (SELECT case_id FROM persons"
                " WHERE substr(id_number, 13, 6) = ? AND id_number IS NOT NULL))"), \
            [*numbers, compact], False
    if len(compact) == 6 and compact[:5].isdigit() and compact[5] == "X":
        return ("cases c WHERE c.id IN (SELECT case_id FROM persons"
                " WHERE substr(id_number, 13, 6) = ? AND id_number IS NOT NULL)"), [compact], False
    if 7 <= len(compact) < 18 and compact.isdigit():
        return ("cases c WHERE c.id IN (SELECT case_id FROM persons"
                " WHERE id_number >= ? AND id_number < ? AND id_number IS NOT NULL)"), \
            [compact, compact + "\x7f"], False
    expression = match_expression(q)
    if expression is None:
        return "cases c WHERE 0", [], False
    return (f"{FTS_TABLE} s JOIN cases c ON c.id = s.rowid WHERE {FTS_TABLE} MATCH ?",
            [expression], True)


def _numbers_with_sequence(db: sqlite_utils.Database, seq: int) -> list[str]:
    """The case numbers this station would have given sequence `seq`, one per year it has
    cases in (first and last year from the number index: no table scan)."""
    row = db.conn.execute("SELECT min(number), max(number) FROM cases").fetchone()
    if not row or row[0] is None:
        return []
    code = row[0].rsplit("-", 2)[0]
    first, last = int(row[0].rsplit("-", 2)[1]), int(row[1].rsplit("-", 2)[1])
    return [f"{code}-{year}-{seq:06d}" for year in range(first, last + 1)]


def _source(db: sqlite_utils.Database, query: str, status: str | Iterable[str] | None,
            category: str | None, date_from: dt.date | str | None,
            date_to: dt.date | str | None) -> tuple[str, list[Any], str]:
    """(FROM ... WHERE fragment with every filter, its params, the sort key column)."""
    where, params = _filters(status, category, date_from, date_to)
    if query.strip():
        source, source_params, by_fts = _query_source(db, query)
    else:
        source, source_params, by_fts = "cases c WHERE 1", [], False
    extra = "".join(f" AND {w}" for w in where)
    # The FTS table's rowid is the case id; constraining it (not c.id) lets FTS5 seek.
    return f"{source}{extra}", [*source_params, *params], "s.rowid" if by_fts else "c.id"


def search_cases(db: sqlite_utils.Database, query: str = "", *,
                 status: str | Iterable[str] | None = None, category: str | None = None,
                 date_from: dt.date | str | None = None, date_to: dt.date | str | None = None,
                 offset: int = 0, limit: int = 50, after: int | None = None) -> SearchPage:
    """Newest first. The query is a case number, an ID number (whole, last 6 or a prefix
    of 7+ digits), or a fragment of a name or address of any length.

    `after` is a cursor (`SearchPage.next_cursor`, or one of `page_cursors`): the page
    starts with the first row after it and costs the same wherever that is. `offset`
    skips rows after that (reading every skipped row; keep it small)."""
    source, params, key = _source(db, query, status, category, date_from, date_to)
    if after is not None:
        source += f" AND {key} < ?"
        params.append(int(after))
    rows = db.conn.execute(
        "SELECT c.uuid, c.number, c.status, c.category_id, c.pack_id, c.intake_date,"
        " c.updated_at, coalesce(a.name, ''), a.id_number,"
        " (SELECT count(*) FROM persons p WHERE p.case_id = c.id), c.version, c.id"
        f" FROM (SELECT c.* FROM {source} ORDER BY {key} DESC LIMIT ? OFFSET ?) c"
        " LEFT JOIN persons a ON a.case_id = c.id AND a.position = 0"
        " ORDER BY c.id DESC",
        [*params, max(0, int(limit)) + 1, max(0, int(offset))],
    ).fetchall()
    page = rows[:limit]
    items = [CaseSummary(*r[:-1]) for r in page]
    has_more = len(rows) > limit
    return SearchPage(items=items, offset=offset, limit=limit, has_more=has_more,
                      next_cursor=int(page[-1][-1]) if has_more and page else None)


def page_cursors(db: sqlite_utils.Database, query: str = "", *,
                 status: str | Iterable[str] | None = None, category: str | None = None,
                 date_from: dt.date | str | None = None, date_to: dt.date | str | None = None,
                 page_size: int = 100, after: int | None = None,
                 following: int | None = None, limit: int | None = None) -> list[int]:
    """The cursor of every page of `page_size` rows, in order: `search_cases(...,
    after=cursors[p], limit=page_size)` is page p. The pages are those of the rows after
    `after` (e.g. a first page's `next_cursor`), or with `following` (a cursor this
    function returned) they continue with the page after that one's; at most `limit`
    cursors, so a caller can walk a long list in steps.

    One pass over the key index, in SQL: each step seeks below the previous page's first
    key and skips `page_size - 1` keys (1,000,000 rows: about 10,000 short seeks)."""
    if page_size < 1:
        raise ValueError("page_size must be at least 1")
    source, params, key = _source(db, query, status, category, date_from, date_to)
    start = following if following is not None else after
    first_offset = 0 if following is None else page_size
    first_where = "" if start is None else f" AND {key} < ?"
    first_params = [] if start is None else [int(start)]
    depth = -1 if limit is None else max(0, int(limit))
    rows = db.conn.execute(
        "WITH RECURSIVE anchor(k, n) AS ("
        f" SELECT (SELECT {key} FROM {source}{first_where} ORDER BY {key} DESC"
        "  LIMIT 1 OFFSET ?), 1"
        " UNION ALL"
        f" SELECT (SELECT {key} FROM {source} AND {key} < anchor.k ORDER BY {key} DESC"
        "  LIMIT 1 OFFSET ?), anchor.n + 1"
        " FROM anchor WHERE anchor.k IS NOT NULL AND (? < 0 OR anchor.n < ?))"
        " SELECT k FROM anchor WHERE k IS NOT NULL",
        [*params, *first_params, first_offset, *params, page_size - 1, depth, depth],
    ).fetchall()
    # A cursor is exclusive: the page starting at key k is the rows below k + 1.
    return [int(k) + 1 for (k,) in rows][:None if limit is None else max(0, int(limit))]


def count_cases(db: sqlite_utils.Database, query: str = "", *,
                status: str | Iterable[str] | None = None, category: str | None = None,
                date_from: dt.date | str | None = None,
                date_to: dt.date | str | None = None) -> int:
    source, params, _ = _source(db, query, status, category, date_from, date_to)
    row = db.conn.execute(f"SELECT count(*) FROM {source}", params).fetchone()
    return int(row[0])
