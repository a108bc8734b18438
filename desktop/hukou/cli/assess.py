"""`hukou assess`: assess a case file (JSON) under a policy pack, in Chinese or as JSON."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from hukou.cli import CliError
from hukou.cli.policy import RELATION_ZH, resolve_pack
from hukou.policy import Assessment, CaseError, PolicyPack, assess, load_case_file
from hukou.policy.lint import SEED_DOCUMENTS

OUTCOME_ZH = {
    "eligible": "符合条件，可以受理",
    "incomplete": "材料不全或信息待补充（一次性告知）",
    "not_eligible": "不符合条件，不予受理",
    "not_yet": "暂不符合，届时可以办理",
}
OUTPUT_ZH = {
    "receipt": "受理回执",
    "one_time_notice": "一次性告知书",
    "refusal_notice": "不予受理通知书",
    "settlement_permit": "准予迁入证明",
    "registration_card": "常住人口登记卡",
    "collective_slip": "集体户口（页）",
}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "assess", help="assess a case file under a policy pack",
        description="Assess a case file (README: case file format). Exit 0 with the answer; "
                    "2 when the pack or the case file cannot be used.",
    )
    parser.add_argument("--pack", metavar="PACK",
                        help="pack id or .yaml file (default: the case file's `pack`)")
    parser.add_argument("--case", required=True, metavar="FILE.json", help="the case file")
    parser.add_argument("--date", metavar="YYYY-MM-DD", type=_date,
                        help="assess as on this date (default: today)")
    parser.add_argument("--json", action="store_true", help="print the assessment as JSON")
    parser.set_defaults(handler=run)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r}; write YYYY-MM-DD") from None


def run(args: argparse.Namespace) -> int:
    try:
        case = load_case_file(args.case)
    except CaseError as exc:
        raise CliError(f"{args.case}: {exc}") from None
    pack = resolve_pack(args.pack or case.pack)
    if args.pack and case.pack != pack.id:
        raise CliError(f"{args.case}: pack: 案件文件写的是 {case.pack!r}，命令行是 "
                       f"{pack.id!r} / the case file names pack {case.pack!r} but --pack is "
                       f"{pack.id!r}: make them the same")
    try:
        result = assess(pack, case, args.date)
    except CaseError as exc:
        raise CliError(f"{args.case}: {exc}") from None
    if args.json:
        print(result.model_dump_json(indent=2))
    else:
        print(describe(pack, result, [m.name for m in case.family]))
    return 0


def describe(pack: PolicyPack, result: Assessment, names: list[str | None]) -> str:
    """The assessment in Chinese, as a clerk reads it."""
    category = pack.category(result.category_id)
    area = pack.area(result.area_id)
    out = [
        f"政策：{pack.short_title}（{pack.document_number}，版本 {pack.version}）",
        f"类别：{category.title if category else result.category_id}    "
        f"区域：{area.name if area else result.area_id}    评估日期：{result.assessed_on}",
        f"结论：{OUTCOME_ZH[result.outcome]}",
    ]
    if result.not_yet_until:
        out.append(f"最早可办理日期：{result.not_yet_until.isoformat()}")
    if result.reasons:
        out.append("理由：")
        for reason in result.reasons:
            mark = "✓" if reason.holds else "✗"
            out.append(f"  {mark} {reason.text}（{_cite(reason.cite)}）")
    if result.unanswered:
        out.append("待补充信息：")
        out += [f"  - {fact.label}（{fact.key}）" for fact in result.unanswered]
    if result.missing:
        out.append(f"缺少的材料（共{len(result.missing)}项，一次性告知）：")
        for i, line in enumerate(result.missing, 1):
            text = "以下任选其一：" + "、".join(line.titles) if line.one_of else line.titles[0]
            note = f"；{line.note}" if line.note else ""
            out.append(f"  {i}. {text}（{_cite(line.cite)}）{note}")
    if result.family:
        out.append("随迁人员：")
        for decision in result.family:
            name = decision.name or (names[decision.index] if decision.index < len(names) else None)
            who = f"{RELATION_ZH[decision.relation]}{' ' + name if name else ''}"
            verdict = "可以随迁" if decision.allowed else "不能随迁"
            cite = f"（{_cite(decision.cite)}）" if decision.cite else ""
            out.append(f"  - {who}：{verdict}。{decision.reason}{cite}")
    if result.placements:
        out.append("可选落户地：")
        out += [f"  - {p.label}（{p.kind}，{_cite(p.cite)}）" for p in result.placements]
    if result.follow_ups:
        out.append("后续事项：")
        out += [f"  - {f.text}（{_cite(f.cite)}）" for f in result.follow_ups]
    if result.outputs:
        out.append("打印：" + "、".join(OUTPUT_ZH[o] for o in result.outputs))
    return "\n".join(out)


def _cite(cite: str) -> str:
    """`003 §二(一)2` followed by the document's number: `003 §二(一)2 聊政发〔2020〕7号`."""
    seed = cite.partition(" ")[0]
    document = SEED_DOCUMENTS.get(seed)
    return f"{cite} {document}" if document else cite
