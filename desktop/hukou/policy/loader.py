"""Load policy packs and the document catalogue from forms/, validated, or raise PackError.

One entry point per file kind; one error type whose message names the file, the category
and the field and says how to fix it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import ValidationError

from hukou.paths import forms_dir, station_forms_dir
from hukou.policy.conditions import Condition, ConditionSyntaxError
from hukou.policy.model import Catalogue, Category, PolicyPack, Tier

CATALOGUE_FILE = "catalogue.yaml"
_YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PackError(Exception):
    """A pack or catalogue file cannot be used. The message says where and how to fix it."""

    def __init__(self, file: str | Path, problem: str, *, category: str | None = None,
                 field: str | None = None) -> None:
        self.file = str(file)
        self.category = category
        self.field = field
        self.problem = problem
        where = [self.file]
        if category:
            where.append(f"category {category}")
        if field:
            where.append(f"field {field}")
        super().__init__(f"{': '.join([', '.join(where), problem])}")


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PackError(path, "文件不存在 / file not found: check the path") from None
    except UnicodeDecodeError:
        raise PackError(path, "文件不是UTF-8编码 / the file is not UTF-8: save it as UTF-8"
                        ) from None
    except IsADirectoryError:
        raise PackError(path, "这是目录 / this is a folder: name a .yaml file") from None
    try:
        # The C loader (libyaml) when available: it reads the packs several times faster.
        return yaml.load(text, Loader=_YAML_LOADER)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", exc)
        raise PackError(path, f"YAML语法错误 / not valid YAML{line}: {problem}") from None


def _locate(raw: Any, loc: tuple[Any, ...]) -> tuple[str | None, str]:
    """Turn a pydantic error location into (category id, readable field path)."""
    category = None
    parts: list[str] = []
    node = raw
    for i, step in enumerate(loc):
        if isinstance(step, int):
            item = node[step] if isinstance(node, list) and step < len(node) else None
            label = None
            if isinstance(item, dict):
                label = next((item[k] for k in ("id", "key", "doc", "relation", "kind")
                              if isinstance(item.get(k), str)), None)
            if i == 1 and loc[0] == "categories":
                category = str(label) if label else f"#{step + 1}"
                parts = []
            else:
                parts.append(f"[{label}]" if label else f"[{step + 1}]")
            node = item
        else:
            parts.append(("." if parts else "") + str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return category, "".join(parts) or "(top level)"


_HINTS = {
    "missing": "add it",
    "extra_forbidden": "remove it or check its spelling (unknown key)",
    "literal_error": "use one of the allowed values",
    "string_pattern_mismatch": "ids are lower-case letters, digits and _ starting with a letter",
}


def _pydantic_to_pack_error(path: Path, raw: Any, exc: ValidationError) -> PackError:
    err = exc.errors()[0]
    category, field = _locate(raw, tuple(err["loc"]))
    hint = _HINTS.get(err["type"], "")
    msg = err["msg"].removeprefix("Value error, ")
    more = f" (+{len(exc.errors()) - 1} more problem(s))" if len(exc.errors()) > 1 else ""
    problem = f"{msg}{' — ' + hint if hint else ''}{more}"
    return PackError(path, problem, category=category, field=field)


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    file = Path(path) if path else forms_dir() / CATALOGUE_FILE
    raw = _read_yaml(file)
    try:
        catalogue = Catalogue.model_validate(raw)
    except ValidationError as exc:
        raise _pydantic_to_pack_error(file, raw, exc) from None
    seen: set[str] = set()
    for doc in catalogue.documents:
        if doc.id in seen:
            raise PackError(file, f"文档编号重复 / document id {doc.id!r} appears twice: "
                            "rename one", field=f"documents[{doc.id}]")
        seen.add(doc.id)
    return catalogue


def load_pack(path: str | Path, *, catalogue: Catalogue | None = None) -> PolicyPack:
    """Read, validate and cross-check one pack file."""
    file = Path(path)
    raw = _read_yaml(file)
    if not isinstance(raw, Mapping):
        raise PackError(file, "包文件顶层应为映射 / a pack file is a mapping with id, title, "
                        "areas, categories")
    try:
        pack = PolicyPack.model_validate({**raw, "source_file": str(file)})
    except ValidationError as exc:
        cause = exc.errors()[0].get("ctx", {}).get("error")
        if isinstance(cause, ConditionSyntaxError):
            category, field = _locate(raw, tuple(exc.errors()[0]["loc"]))
            raise PackError(file, str(cause), category=category, field=field) from None
        raise _pydantic_to_pack_error(file, raw, exc) from None
    if catalogue is None:
        beside = file.parent / CATALOGUE_FILE
        catalogue = load_catalogue(beside if beside.exists() else None)
    _cross_check(file, pack, catalogue)
    return pack


def _conditions_of(category: Category) -> Iterable[tuple[str, Condition]]:
    for fact in category.facts:
        yield f"facts[{fact.key}].show_when", fact.show_when
    for rule in category.rules:
        yield f"rules[{rule.id}].require", rule.require
        yield f"rules[{rule.id}].applies_when", rule.applies_when
    for i, doc in enumerate(category.documents):
        yield f"documents[{doc.doc or i + 1}].when", doc.when
    for comp in category.companions:
        yield f"companions[{comp.relation}].when", comp.when
    for place in category.placements:
        yield f"placements[{place.kind}].when", place.when
    for i, follow in enumerate(category.follow_ups):
        yield f"follow_ups[{i + 1}].when", follow.when


def _cross_check(file: Path, pack: PolicyPack, catalogue: Catalogue) -> None:
    area_ids = [a.id for a in pack.areas]
    _unique(file, area_ids, "areas", None)
    _unique(file, [c.id for c in pack.categories], "categories", None)
    for area in pack.areas:
        if area.parent and area.parent not in area_ids:
            raise PackError(file, f"上级区域 {area.parent!r} 未定义 / parent area "
                            f"{area.parent!r} is not declared in `areas`",
                            field=f"areas[{area.id}].parent")
    for area in pack.areas:
        if pack.tier_of(area.id) is None:
            raise PackError(file, "区域没有城市规模等级 / give the area (or one of its "
                            "parents) a `tier`", field=f"areas[{area.id}].tier")
    doc_ids = {d.id for d in catalogue.documents}
    for cat in pack.categories:
        _unique(file, [f.key for f in cat.facts], "facts", cat.id)
        _unique(file, [r.id for r in cat.rules], "rules", cat.id)
        for area_id in cat.areas or ():
            if area_id not in area_ids:
                raise PackError(file, f"区域 {area_id!r} 未定义 / area {area_id!r} is not "
                                "declared in the pack's `areas`", category=cat.id, field="areas")
        for where, cond in _conditions_of(cat):
            for node in cond.walk():
                problem = _condition_problem(cat, node, area_ids)
                if problem:
                    raise PackError(file, problem, category=cat.id, field=where)
        for rule in cat.rules:
            if rule.otherwise == "not_yet" and not any(
                n.fact_op in ("within", "at_least_ago") for n in rule.require.walk()
            ):
                raise PackError(file, "not_yet 规则需要日期条件 / a rule with `otherwise: "
                                "not_yet` needs a `within` or `at_least_ago` date condition "
                                "(that is what says when the case becomes possible); otherwise "
                                "use not_eligible", category=cat.id, field=f"rules[{rule.id}]")
        for i, req in enumerate(cat.documents):
            for d in req.doc_ids:
                if d not in doc_ids:
                    raise PackError(file, f"文档 {d!r} 不在目录中 / document {d!r} is not in "
                                    f"{CATALOGUE_FILE}: add it there or fix the id",
                                    category=cat.id, field=f"documents[{i + 1}]")


_OPERATOR_TYPES = {
    "is": ("bool",), "gte": ("number",), "gt": ("number",), "lte": ("number",),
    "lt": ("number",), "within": ("date",), "at_least_ago": ("date",),
    "eq": ("choice", "number"), "ne": ("choice", "number"), "in": ("choice", "number"),
}


def _condition_problem(cat: Category, node: Condition, area_ids: list[str]) -> str | None:
    """What is wrong with one condition node of a category, or None."""
    if node.op == "area_in":
        bad = [a for a in node.value if a not in area_ids]
        if bad:
            return f"区域 {bad} 未定义 / area(s) {bad} are not declared in the pack's `areas`"
        return None
    if node.op == "tier_in":
        bad = [t for t in node.value if t not in get_args(Tier)]
        if bad:
            return f"等级 {bad} 无效 / tier(s) {bad} unknown: use {list(get_args(Tier))}"
        return None
    if not node.fact:
        return None
    fact = cat.fact(node.fact)
    if fact is None:
        return (f"条件引用了未声明的事实 {node.fact!r} / the condition uses fact {node.fact!r}, "
                "which the category does not declare in `facts`")
    allowed = _OPERATOR_TYPES.get(node.fact_op or "")
    if allowed and fact.type not in allowed:
        return (f"`{node.fact_op}` 不适用于 {fact.type} 类型的事实 {fact.key} / `{node.fact_op}` "
                f"needs a {' or '.join(allowed)} fact; {fact.key!r} is {fact.type}")
    if node.fact_op in ("eq", "ne", "in"):
        values = node.value if node.fact_op == "in" else (node.value,)
        if fact.choices and any(v not in fact.choices for v in values):
            bad = [v for v in values if v not in fact.choices]
            return (f"选项 {bad} 不在事实 {fact.key} 的 choices 中 / value(s) {bad} are not among "
                    f"fact {fact.key!r}'s choices {sorted(fact.choices)}")
        if fact.type == "number" and any(
            isinstance(v, bool) or not isinstance(v, int | float) for v in values
        ):
            return (f"数值事实 {fact.key} 只能与数字比较 / compare number fact {fact.key!r} "
                    "with numbers")
    return None


def _unique(file: Path, ids: list[str], what: str, category: str | None) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise PackError(file, f"编号 {i!r} 重复 / {i!r} appears twice in `{what}`: ids must "
                            "be unique", category=category, field=what)
        seen.add(i)


def pack_files(directory: Path | None = None) -> list[Path]:
    folder = directory or forms_dir()
    return sorted(p for p in folder.glob("*.yaml") if p.name != CATALOGUE_FILE)


@lru_cache(maxsize=4)
def _catalogue_cached(folder: str) -> Catalogue:
    return load_catalogue(Path(folder) / CATALOGUE_FILE)


def cached_catalogue(directory: str | Path | None = None) -> Catalogue:
    """The forms folder's catalogue, read once per process (it is immutable)."""
    return _catalogue_cached(str(Path(directory) if directory else forms_dir()))


@lru_cache(maxsize=4)
def _load_all_cached(folder: str) -> dict[str, PolicyPack]:
    path = Path(folder)
    catalogue = _catalogue_cached(folder)
    packs: dict[str, PolicyPack] = {}
    for file in pack_files(path):
        pack = load_pack(file, catalogue=catalogue)
        if pack.id in packs:
            raise PackError(file, f"包编号 {pack.id!r} 与 {packs[pack.id].source_file} 重复 / "
                            "two packs share this id: rename one", field="id")
        packs[pack.id] = pack
    return packs


def load_all_packs(directory: str | Path | None = None) -> dict[str, PolicyPack]:
    """Every pack in the forms folder, by id (cached per folder; packs are immutable).

    Without `directory`, packs headquarters installed in the station's `<data_dir>/forms/`
    replace the shipped packs of the same id.
    """
    if directory is not None:
        return dict(_load_all_cached(str(Path(directory))))
    packs = dict(_load_all_cached(str(forms_dir())))
    local = station_forms_dir()
    files = pack_files(local) if local.is_dir() else []
    if files:
        stamp = tuple((f.name, f.stat().st_mtime_ns) for f in files)
        packs.update(_station_packs_cached(str(local), stamp, str(forms_dir())))
    return packs


@lru_cache(maxsize=4)
def _station_packs_cached(folder: str, stamp: tuple[tuple[str, int], ...],
                          shipped: str) -> dict[str, PolicyPack]:
    # `stamp` (names and modification times) makes a newly installed pack a cache miss.
    catalogue = _catalogue_cached(shipped)
    return {pack.id: pack for pack in (load_pack(f, catalogue=catalogue)
                                       for f in pack_files(Path(folder)))}

