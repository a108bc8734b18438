"""`hukou policy list|show|lint`: the shipped policy packs, what they ask, and their lint."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from hukou.cli import CliError
from hukou.paths import forms_dir
from hukou.policy import (
    Catalogue,
    Category,
    PackError,
    PolicyPack,
    cached_catalogue,
    lint_pack,
    load_all_packs,
    load_catalogue,
    load_pack,
    pack_files,
)
from hukou.policy.conditions import Condition
from hukou.policy.loader import CATALOGUE_FILE

TIER_ZH = {
    "town": "建制镇和小城市",
    "medium": "中等城市（50万–100万）",
    "large_1_3m": "大城市（100万–300万）",
    "large_3_5m": "大城市（300万–500万）",
    "megacity": "特大城市（500万以上）",
    "rural": "农村地区",
}
TYPE_ZH = {"bool": "是/否", "number": "数字", "date": "日期", "choice": "选择"}
ROUTE_ZH = {"move_in": "迁入落户", "birth": "出生登记", "death": "死亡注销", "move_out": "迁出",
            "internal_move": "市内迁移"}
RELATION_ZH = {"spouse": "配偶", "child": "子女", "parent": "父母", "other": "其他亲属"}
SCOPE_ZH = {"minor": "未成年", "unmarried": "未婚", "unmarried_incl_divorced": "未婚（含离异）",
            "any": "不限"}


def register(subparsers: Any) -> None:
    policy = subparsers.add_parser("policy", help="list, show and lint the policy packs (forms/)")
    sub = policy.add_subparsers(dest="policy_command", metavar="ACTION", required=True)

    listing = sub.add_parser("list", help="the installed policy packs")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=list_packs)

    show = sub.add_parser("show", help="a pack's areas, categories, facts and documents")
    show.add_argument("pack", metavar="PACK", help="pack id (see `hukou policy list`) or a file")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=show_pack)

    lint = sub.add_parser(
        "lint", help="check packs against the national ceilings and the rules every pack keeps",
        description="Exit 0: no problems; 1: problems found; 2: a file does not load.",
    )
    lint.add_argument("files", nargs="*", metavar="FILE",
                      help="pack files (default: every pack in forms/); non-YAML files are skipped")
    lint.set_defaults(handler=lint_packs)


def resolve_pack(name: str) -> PolicyPack:
    """A pack by id from forms/, or from a file path; CliError when neither works."""
    path = Path(name)
    try:
        if path.suffix in (".yaml", ".yml") or path.exists():
            return load_pack(path)
        packs = load_all_packs()
    except PackError as exc:
        raise CliError(str(exc)) from None
    if name not in packs:
        known = ", ".join(sorted(packs)) or "none"
        raise CliError(f"没有政策包 {name!r} / no pack {name!r}: use one of {known} "
                       "(`hukou policy list`) or a path to a .yaml file")
    return packs[name]


def _load_all() -> dict[str, PolicyPack]:
    try:
        return load_all_packs()
    except PackError as exc:
        raise CliError(str(exc)) from None


def list_packs(args: argparse.Namespace) -> int:
    packs = sorted(_load_all().values(), key=lambda p: p.seed)
    if args.json:
        rows = [{"id": p.id, "seed": p.seed, "title": p.title, "short_title": p.short_title,
                 "document_number": p.document_number, "issuer": p.issuer,
                 "issued": p.issued.isoformat(), "version": p.version,
                 "effective": p.effective.isoformat(), "jurisdiction": p.jurisdiction,
                 "parent": p.parent, "categories": len(p.categories), "areas": len(p.areas)}
                for p in packs]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for p in packs:
        print(f"{p.id:<12} {p.seed}  {p.short_title}  {p.document_number}  版本 {p.version}  "
              f"施行 {p.effective.isoformat()}  {len(p.categories)} 个类别")
    return 0


def show_pack(args: argparse.Namespace) -> int:
    pack = resolve_pack(args.pack)
    catalogue = _catalogue_for(pack)
    if args.json:
        data = pack.model_dump(mode="json", exclude={"source_file"})
        used = sorted({d for c in pack.categories for r in c.documents for d in r.doc_ids})
        data["document_titles"] = {d: _title(catalogue, d) for d in used}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    out: list[str] = [
        f"{pack.title}（{pack.short_title}）",
        f"  编号 {pack.id}  文号 {pack.document_number}  发布 {pack.issuer} {pack.issued}  "
        f"施行 {pack.effective}  版本 {pack.version}  依据文件 {pack.seed}",
        "",
        "区域 areas:",
    ]
    depth = {a.id: len(pack.area_chain(a.id)) - 1 for a in pack.areas}
    for area in pack.areas:
        tier = pack.tier_of(area.id) or ""
        out.append(f"  {'  ' * depth[area.id]}{area.id}  {area.name}  "
                   f"[{TIER_ZH.get(tier, tier)}]  {area.cite}")
    if pack.ceilings:
        out += ["", "上限 ceilings:"]
        for ceiling in pack.ceilings:
            limit = "不得设置" if ceiling.forbidden else f"≤ {ceiling.max:g}"
            out.append(f"  {', '.join(ceiling.tiers)}: {ceiling.measure} {limit}  {ceiling.cite}")
    out += ["", "落户类别 categories:"]
    for category in pack.categories:
        out += _describe_category(category, catalogue)
    print("\n".join(out))
    return 0


def _describe_category(cat: Category, catalogue: Catalogue) -> list[str]:
    out = ["", f"  {cat.id}  {cat.title}  [{ROUTE_ZH[cat.route]}]  {cat.cite}",
           f"    {cat.summary}"]
    if cat.areas:
        out.append(f"    适用区域: {', '.join(cat.areas)}")
    if cat.facts:
        out.append("    问题 facts:")
        for fact in cat.facts:
            kind = TYPE_ZH[fact.type] + (f"，{fact.unit}" if fact.unit else "")
            choices = (": " + "、".join(f"{k}={v}" for k, v in fact.choices.items())
                       if fact.choices else "")
            out.append(f"      {fact.key}  {fact.label}（{kind}）{choices}{_when(fact.show_when)}")
    if cat.rules:
        out.append("    条件 rules:")
        for rule in cat.rules:
            otherwise = "暂不可办理" if rule.otherwise == "not_yet" else "不符合"
            out.append(f"      {rule.id}  {render_condition(rule.require)}  否则{otherwise}"
                       f"{_when(rule.applies_when)}  {rule.cite}")
    if cat.documents:
        out.append("    材料 documents:")
        for req in cat.documents:
            names = [f"{d} {_title(catalogue, d)}" for d in req.doc_ids]
            text = ("其一: " + " / ".join(names)) if req.one_of else names[0]
            out.append(f"      {text}{_when(req.when)}  {req.cite}")
    if cat.companions:
        out.append("    随迁 companions:")
        for comp in cat.companions:
            scope = f"（{SCOPE_ZH[comp.scope]}）" if comp.scope else ""
            living = "，须共同居住生活" if comp.requires_cohabiting else ""
            out.append(f"      {RELATION_ZH[comp.relation]}{scope}{living}{_when(comp.when)}  "
                       f"{comp.cite}")
    if cat.placements:
        out.append("    落户地 placements:")
        for place in cat.placements:
            out.append(f"      {place.kind}  {place.label}{_when(place.when)}  {place.cite}")
    out.append(f"    打印 outputs: {', '.join(cat.outputs)}")
    for follow in cat.follow_ups:
        out.append(f"    后续 follow-up: {follow.text}{_when(follow.when)}  {follow.cite}")
    return out


def render_condition(cond: Condition) -> str:
    """A condition in one line of its own YAML form, e.g. {fact: years, gte: 2}."""
    return json.dumps(cond.to_data(), ensure_ascii=False).replace('"', "")


def _when(cond: Condition) -> str:
    return "" if cond.op == "true" else f"  当 {render_condition(cond)}"


def _title(catalogue: Catalogue, doc_id: str) -> str:
    doc = catalogue.get(doc_id)
    return doc.title if doc else doc_id


def _catalogue_for(pack: PolicyPack) -> Catalogue:
    beside = Path(pack.source_file).parent / CATALOGUE_FILE if pack.source_file else None
    try:
        if beside and beside.exists() and beside.resolve() != (forms_dir() / CATALOGUE_FILE
                                                                ).resolve():
            return load_catalogue(beside)
        return cached_catalogue()
    except PackError as exc:
        raise CliError(str(exc)) from None


def lint_packs(args: argparse.Namespace) -> int:
    files = [Path(f) for f in args.files] if args.files else pack_files(forms_dir())
    packs: list[PolicyPack] = []
    broken = 0
    for file in files:
        if file.name == CATALOGUE_FILE or file.suffix not in (".yaml", ".yml"):
            continue   # `hukou policy lint forms/*` also names the catalogue and README
        try:
            packs.append(load_pack(file))
        except PackError as exc:
            print(f"hukou: {exc}", file=sys.stderr)
            broken += 1
    problems = 0
    for pack in packs:
        try:
            national = _framework_of(pack, packs)
            found = lint_pack(pack, national=national, catalogue=_catalogue_for(pack))
        except PackError as exc:
            print(f"hukou: {exc}", file=sys.stderr)
            broken += 1
            continue
        for problem in found:
            print(problem)
        problems += len(found)
    summary = (f"{len(packs)} 个政策包，{problems} 个问题 / {len(packs)} pack(s), "
               f"{problems} problem(s)")
    if broken:
        summary += f"，{broken} 个文件无法读取 / {broken} file(s) do not load"
    print(summary, file=sys.stderr)
    if broken:
        return 2
    return 1 if problems else 0


def _framework_of(pack: PolicyPack, given: list[PolicyPack]) -> PolicyPack | None:
    """The pack named by `parent`: among the files given, else beside it, else in forms/."""
    if not pack.parent:
        return None
    for other in given:
        if other.id == pack.parent:
            return other
    folders = [Path(pack.source_file).parent] if pack.source_file else []
    folders.append(forms_dir())
    for folder in folders:
        # the file named after the id first (national.yaml), then any other
        for file in sorted(pack_files(folder), key=lambda f: f.stem != pack.parent):
            try:
                candidate = load_pack(file)
            except PackError:
                continue
            if candidate.id == pack.parent:
                return candidate
    raise PackError(pack.source_file, f"找不到上级政策包 {pack.parent!r} / the framework pack "
                    f"{pack.parent!r} named by `parent` is not in {', '.join(map(str, folders))}",
                    field="parent")
