"""Titles of a case's category and area, looked up in the case's own policy pack.

A station keeps cases taken under other packs (older versions, demo data, cases moved in
from another jurisdiction); their ids mean something only in their own pack, so lists and
the home screen ask here instead of the station's pack.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hukou.policy.model import PolicyPack


def _pack(pack_id: str) -> PolicyPack | None:
    # Imported here: the packs (and pydantic) load at the first title, not at start-up.
    from hukou.policy.loader import load_all_packs

    try:
        return load_all_packs().get(pack_id)
    except Exception:  # a pack that no longer loads: the id is shown, the list still opens
        return None


@lru_cache(maxsize=512)
def category_title(pack_id: str, category_id: str) -> str:
    """The category's title in its own pack; the id itself only when that pack lacks it."""
    pack = _pack(pack_id)
    category = pack.category(category_id) if pack is not None else None
    return category.title if category is not None else category_id


@lru_cache(maxsize=512)
def area_title(pack_id: str, area_id: str) -> str:
    pack = _pack(pack_id)
    area = pack.area(area_id) if pack is not None else None
    return area.name if area is not None else area_id


def clear() -> None:
    """Forget the titles (a pack update was installed)."""
    category_title.cache_clear()
    area_title.cache_clear()
