"""Code lists the store validates against: the 56 ethnic groups of GB/T 3304."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import yaml

from hukou.paths import resources_dir


@dataclass(frozen=True)
class EthnicGroup:
    code: str
    name: str
    roman: str
    letters: str


@functools.cache
def ethnic_groups() -> tuple[EthnicGroup, ...]:
    path = resources_dir() / "codes" / "ethnic_groups.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(EthnicGroup(str(g["code"]), str(g["name"]), str(g["roman"]), str(g["letters"]))
                 for g in data["groups"])


def ethnic_group(code_or_name: str) -> EthnicGroup | None:
    """Look a group up by its code ("01"), Chinese name ("汉族" or "汉") or letters ("HA")."""
    key = code_or_name.strip()
    for group in ethnic_groups():
        if key in (group.code, group.name, group.letters) or key + "族" == group.name:
            return group
    if key.isdigit() and len(key) == 1:
        return ethnic_group("0" + key)
    return None
