"""The six documents the counter hands over, each drawn from a `CaseView` and an `IssueInfo`.

Pure drawing: no database, no clock. `render.py` allocates serials, signs the QR text and
records every print; the GUI preview and `hukou print` both end up here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reportlab.lib.units import mm

from hukou.printing.errors import PrintError
from hukou.printing.fonts import face_for, missing_glyphs
from hukou.printing.layout import (
    CONTENT_WIDTH,
    MARGIN_X,
    PAGE_WIDTH,
    Cell,
    Sheet,
    chinese_date,
    label,
    value,
)
from hukou.printing.model import KIND_TITLES, CaseView, IssueInfo, PersonView

PERMIT_VALID_DAYS = 40
LEGAL_BASIS_32 = "《中华人民共和国行政许可法》第三十二条"


def _sheet(case: CaseView, issue: IssueInfo) -> Sheet:
    return Sheet(
        title=KIND_TITLES[issue.kind], station=case.station, issue=issue, case_number=case.number
    )


def _where_to_bring(case: CaseView) -> str:
    station = case.station
    parts = [
        f"地址：{station.address}" if station.address else "",
        f"办公时间：{station.hours}" if station.hours else "",
        f"联系电话：{station.phone}" if station.phone else "",
    ]
    details = "；".join(p for p in parts if p)
    return f"{station.name}户籍窗口" + (f"（{details}）" if details else "")


def _id_text(person: PersonView) -> str:
    return person.id_number or "（未登记）"


def _addressee(sheet: Sheet, person: PersonView) -> None:
    sheet.paragraph(f"{person.name}（公民身份号码：{_id_text(person)}）：", indent=False)


def receipt(case: CaseView, issue: IssueInfo) -> bytes:
    """受理回执: every submitted case."""
    sheet = _sheet(case, issue)
    applicant = case.applicant
    rows: list[list[Cell]] = [
        [
            label("案件编号"),
            value(case.number),
            label("受理日期"),
            value(chinese_date(case.intake_date)),
        ],
        [label("申请人"), value(applicant.name), label("公民身份号码"), value(_id_text(applicant))],
        [label("申请事项"), value(case.category_title, 3)],
    ]
    family = [p for p in case.persons if p.relation != "applicant"]
    if family:
        rows.append(
            [
                label("随迁人员"),
                value(
                    "；".join(f"{p.relation_label} {p.name}（{_id_text(p)}）" for p in family), 3
                ),
            ]
        )
    rows.append([label("受理单位"), value(_where_to_bring(case), 3)])
    rows.append(
        [
            label("受理人"),
            value(case.clerk_name or issue.officer),
            label("联系电话"),
            value(case.station.phone),
        ]
    )
    sheet.table(rows, [24, 52, 24, 52])

    sheet.section("一、已收材料")
    documents = [[label("序号"), label("材料名称"), label("备注")]]
    for i, doc in enumerate(case.documents, 1):
        documents.append([value(str(i), align="center"), value(doc.title), value(doc.note)])
    if not case.documents:
        documents.append([value("—", align="center"), value("未收到书面材料"), value("")])
    sheet.table(documents, [13, 100, 40], header_rows=1)

    sheet.section("二、后续事项")
    if case.missing:
        sheet.paragraph(
            f"1. 尚需补正的全部材料已在《一次性告知书》中一次性列明（共 {len(case.missing)} 项），"
            "请补齐后携带本回执到本所提交。",
            indent=False,
        )
    else:
        sheet.paragraph(
            "1. 本所将对申请材料进行审核，报所领导审批后作出决定，并通知您领取办理结果。",
            indent=False,
        )
    sheet.paragraph(
        "2. 请妥善保管本回执，凭本回执和本人居民身份证查询办理进度、领取办理结果。", indent=False
    )
    sheet.paragraph("3. 本回执仅证明申请已被受理，不作为准予迁入的证明。", indent=False)
    return sheet.finish(acknowledgement=True, officer_label="受理人")


def one_time_notice(case: CaseView, issue: IssueInfo) -> bytes:
    """一次性告知书: ALL missing documents at once (行政许可法 §32)."""
    if not case.missing:
        raise PrintError(
            f"案件{case.number}没有缺少的材料，无需一次性告知书 / case {case.number} lacks no "
            "documents, so there is no one-time notice to print; print the receipt instead"
        )
    sheet = _sheet(case, issue)
    applicant = case.applicant
    _addressee(sheet, applicant)
    sheet.paragraph(
        f"你于{chinese_date(case.intake_date)}申请办理{case.category_title}（案件编号：{case.number}），"
        f"所提交的申请材料不齐全。根据{LEGAL_BASIS_32}的规定，现将需要补正的全部材料一次性告知如下："
    )
    sheet.space(4)
    rows = [[label("序号"), label("需补正的材料"), label("说明"), label("依据")]]
    for i, item in enumerate(case.missing, 1):
        rows.append(
            [value(str(i), align="center"), value(item.text), value(item.note), value(item.cite)]
        )
    sheet.table(rows, [13, 70, 37, 60], header_rows=1)
    sheet.space(6)
    sheet.paragraph(
        f"请补齐上述全部材料后，携带本告知书到{_where_to_bring(case)}提交。"
        "材料补齐后即予受理，本所不再要求补正本告知书以外的材料。"
    )
    sheet.paragraph(
        f"法律依据：{LEGAL_BASIS_32}第一款第（四）项：申请材料不齐全或者不符合法定形式的，"
        "应当当场或者在五日内一次告知申请人需要补正的全部内容。"
    )
    return sheet.finish(acknowledgement=True)


def refusal_notice(case: CaseView, issue: IssueInfo) -> bytes:
    """不予受理通知书: each reason with the policy document and section it rests on."""
    failing = [r for r in case.reasons if not r.holds]
    if not failing and not case.decision_reason:
        raise PrintError(
            f"案件{case.number}没有不予受理的理由，不能打印不予受理通知书 / case {case.number} "
            "has no reason to refuse it, neither from its assessment nor from the supervisor"
        )
    sheet = _sheet(case, issue)
    _addressee(sheet, case.applicant)
    sheet.paragraph(
        f"你于{chinese_date(case.intake_date)}提出的{case.category_title}申请（案件编号：{case.number}），"
        "经审查，不符合受理条件。依据下列规定，决定不予受理："
    )
    sheet.space(4)
    rows = [[label("序号"), label("不予受理的理由"), label("依据")]]
    for i, reason in enumerate(failing, 1):
        rows.append([value(str(i), align="center"), value(reason.text), value(reason.cite)])
    if case.decision_reason:
        # The supervisor who refused gives their own words; they rest on the rules above.
        rows.append([value(str(len(failing) + 1), align="center"),
                     value(f"审核意见：{case.decision_reason}"),
                     value("—")])
    sheet.table(rows, [13, 85, 82], header_rows=1)
    sheet.space(6)
    if case.not_yet_until:
        sheet.paragraph(
            f"上述条件预计自{chinese_date(case.not_yet_until)}起可以满足，届时你可以重新提出申请。"
        )
    review_body = case.station.review_body or "本所的上一级公安机关或者本级人民政府"
    sheet.paragraph(
        f"如不服本决定，可以自收到本通知书之日起六十日内向{review_body}申请行政复议，"
        "或者自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。"
    )
    return sheet.finish(acknowledgement=True)


def permit_expiry(issue: IssueInfo) -> dt.date:
    """40 days from the permit's first issue: a 补打 does not extend it."""
    return (issue.first_issued or issue.printed_on) + dt.timedelta(days=PERMIT_VALID_DAYS)


def settlement_permit(case: CaseView, issue: IssueInfo) -> bytes:
    """准予迁入证明: the applicant and everyone allowed to come along; valid 40 days."""
    sheet = _sheet(case, issue)
    persons = case.moving_persons
    sheet.paragraph(f"经审核，准予下列{len(persons)}人迁入本所辖区落户。")
    sheet.space(4)
    rows = [
        [
            label("序号"),
            label("姓名"),
            label("性别"),
            label("出生日期"),
            label("关系"),
            label("公民身份号码"),
        ]
    ]
    for i, p in enumerate(persons, 1):
        rows.append(
            [
                value(str(i), align="center"),
                value(p.name),
                value(p.sex_label, align="center"),
                value(chinese_date(p.birth_date)),
                value(p.relation_label, align="center"),
                value(_id_text(p)),
            ]
        )
    sheet.table(rows, [12, 48, 13, 30, 17, 44], header_rows=1)
    applicant = case.applicant
    origins = {p.moving_from for p in persons if p.moving_from}
    origin = applicant.moving_from or "；".join(sorted(origins))
    placement = case.placement
    destination = placement.address if placement and placement.address else applicant.hukou_address
    household = ""
    if placement:
        household = placement.kind_label + (
            f"（户号 {placement.household_number}）" if placement.household_number else ""
        )
    expiry = permit_expiry(issue)
    details = [
        [label("迁移原因"), value(case.category_title, 3)],
        [label("迁出地"), value(origin, 3)],
        [label("迁入地址"), value(destination, 3)],
        [label("落户户别"), value(household), label("案件编号"), value(case.number)],
        [
            label("批准人"),
            value(case.supervisor_name),
            label("签发日期"),
            value(chinese_date(issue.first_issued or issue.printed_on)),
        ],
        [
            label("有效期限"),
            value(f"自签发之日起{PERMIT_VALID_DAYS}日内有效，有效期至{chinese_date(expiry)}", 3),
        ],
    ]
    sheet.space(6)
    sheet.table(details, [24, 56, 24, 56])
    sheet.space(6)
    sheet.paragraph(
        "1. 请在有效期内持本证明到迁出地公安机关办理户口迁出手续，"
        "再持《户口迁移证》到本所办理落户。",
        indent=False,
    )
    sheet.paragraph(f"2. 本证明有效期至{chinese_date(expiry)}，逾期作废；涂改无效。", indent=False)
    return sheet.finish(officer_label="承办人")


def _person_for(case: CaseView, issue: IssueInfo) -> PersonView:
    if issue.person_uuid is None:
        return case.applicant
    person = case.person(issue.person_uuid)
    if person is None:
        raise PrintError(
            f"案件{case.number}中没有这个人（{issue.person_uuid}） / case {case.number} has no "
            f"person {issue.person_uuid}; choose one of the persons in the case"
        )
    return person


def _relation_to_head(case: CaseView, person: PersonView) -> str:
    if person.person_uuid in case.collective:
        return "集体户成员"
    placement = case.placement
    applicant = case.applicant
    applicant_heads = (
        placement is None or not placement.householder or placement.householder == applicant.name
    )
    if person.relation == "applicant":
        return "户主" if applicant_heads else (placement.relation_to_head if placement else "")
    if not applicant_heads:
        return ""
    if person.relation == "spouse":
        return "配偶"
    if person.relation == "child":
        return {"male": "子", "female": "女"}.get(person.sex or "", "子女")
    if person.relation == "parent":
        return {"male": "父亲", "female": "母亲"}.get(person.sex or "", "父母")
    return person.relation_label


def _moved_in(case: CaseView, person: PersonView) -> str:
    when = chinese_date(case.registered_on or case.decided_on)
    origin = person.moving_from or case.applicant.moving_from
    return f"{when}由{origin}迁来" if origin else when


def registration_card(case: CaseView, issue: IssueInfo) -> bytes:
    """常住人口登记卡: one per registered person. Carries no agricultural /
    non-agricultural hukou nature (abolished, 001 §三(九))."""
    person = _person_for(case, issue)
    sheet = _sheet(case, issue)
    membership = case.collective.get(person.person_uuid)
    placement = case.placement
    if membership:
        kind, number, head = membership.kind_label, membership.number, membership.name
        address = membership.address
    else:
        kind = placement.kind_label if placement else "家庭户"
        number = placement.household_number if placement else ""
        head = placement.householder if placement and placement.householder else case.applicant.name
        address = placement.address if placement and placement.address else person.hukou_address
    photo_width = 32 * mm
    top = sheet.y
    block = sheet.table(
        [
            [label("户别"), value(kind), label("户号"), value(number)],
            [
                label("户主姓名"),
                value(head),
                label("与户主关系"),
                value(_relation_to_head(case, person)),
            ],
            [label("姓名"), value(person.name), label("曾用名"), value(person.former_name)],
            [label("性别"), value(person.sex_label), label("民族"), value(person.ethnicity)],
            [
                label("出生日期"),
                value(chinese_date(person.birth_date)),
                label("出生地"),
                value(person.birthplace),
            ],
        ],
        [27, 47, 27, 37],
        width=CONTENT_WIDTH - photo_width,
        min_row=8 * mm,
    )
    c = sheet.canvas
    x = PAGE_WIDTH - MARGIN_X - photo_width
    c.setLineWidth(0.7)
    c.rect(x, top - block, photo_width, block, stroke=1, fill=0)
    c.setFont(face_for("照片"), 10.5)
    c.drawCentredString(x + photo_width / 2, top - block / 2, "照片")
    moved = _moved_in(case, person)
    sheet.table(
        [
            [
                label("籍贯"),
                value(person.native_place),
                label("公民身份号码"),
                value(_id_text(person)),
            ],
            [label("住址"), value(address or person.hukou_address, 3)],
            [
                label("文化程度"),
                value(person.education),
                label("婚姻状况"),
                value(person.marital_label),
            ],
            [label("职业"), value(person.occupation), label("服务处所"), value(person.workplace)],
            [label("何时由何地迁来本市（县）"), value(moved, 3)],
            [label("何时由何地迁来本址"), value(moved, 3)],
            [label("登记事项变更和更正记载"), value("", 3)],
            [
                label("承办人签章"),
                value(issue.officer),
                label("登记日期"),
                value(chinese_date(case.registered_on or issue.printed_on)),
            ],
        ],
        [27, 47, 27, 69],
        min_row=8 * mm,
    )
    return sheet.finish(officer_label="承办人")


def collective_slip(case: CaseView, issue: IssueInfo) -> bytes:
    """集体户口登记页: the collective household and the member's own page."""
    person = _person_for(case, issue)
    membership = case.collective.get(person.person_uuid)
    if membership is None:
        raise PrintError(
            f"{person.name}未登记在集体户中 / {person.name} is not registered in a collective "
            "household; place the person in one (unit, school, talent market or community) first"
        )
    sheet = _sheet(case, issue)
    sheet.section("一、集体户")
    sheet.table(
        [
            [label("户别"), value(membership.kind_label), label("户号"), value(membership.number)],
            [label("户名"), value(membership.name, 3)],
            [label("住址"), value(membership.address, 3)],
            [label("管理单位"), value(membership.managing_unit, 3)],
            [
                label("本人页号"),
                value(f"第 {membership.page} 页"),
                label("入户日期"),
                value(chinese_date(case.registered_on or issue.printed_on)),
            ],
        ],
        [27, 58, 27, 58],
        min_row=8 * mm,
    )
    sheet.section("二、本人登记事项")
    sheet.table(
        [
            [label("姓名"), value(person.name), label("曾用名"), value(person.former_name)],
            [label("性别"), value(person.sex_label), label("民族"), value(person.ethnicity)],
            [
                label("出生日期"),
                value(chinese_date(person.birth_date)),
                label("公民身份号码"),
                value(_id_text(person)),
            ],
            [label("出生地"), value(person.birthplace), label("籍贯"), value(person.native_place)],
            [
                label("文化程度"),
                value(person.education),
                label("婚姻状况"),
                value(person.marital_label),
            ],
            [label("职业"), value(person.occupation), label("服务处所"), value(person.workplace)],
            [label("何时由何地迁来本址"), value(_moved_in(case, person), 3)],
        ],
        [27, 58, 27, 58],
        min_row=8 * mm,
    )
    sheet.space(6)
    sheet.paragraph(
        "集体户成员的户口由集体户管理单位统一管理。本人离开该单位（学校）或取得合法稳定住所后，"
        "应当及时办理户口迁移。",
        indent=False,
    )
    return sheet.finish(officer_label="承办人")


BUILDERS: dict[str, Callable[[CaseView, IssueInfo], bytes]] = {
    "receipt": receipt,
    "one_time_notice": one_time_notice,
    "refusal_notice": refusal_notice,
    "settlement_permit": settlement_permit,
    "registration_card": registration_card,
    "collective_slip": collective_slip,
}


PRINTABLE_STATUSES = {
    "receipt": ("submitted", "awaiting_documents", "approved", "returned", "refused", "registered"),
    "one_time_notice": ("draft", "submitted", "awaiting_documents", "returned"),
    # Only once a supervisor has refused: the notice is a final decision (second person).
    "refusal_notice": ("refused",),
    "settlement_permit": ("approved", "registered"),
    "registration_card": ("approved", "registered"),
    "collective_slip": ("approved", "registered"),
}
STATUS_TITLES = {
    "draft": "草稿",
    "submitted": "已受理",
    "awaiting_documents": "待补材料",
    "approved": "已批准",
    "returned": "已退回",
    "refused": "不予受理",
    "registered": "已落户",
    "withdrawn": "已撤回",
}


PERSON_FIELDS = (
    ("name", "姓名", "name"),
    ("former_name", "曾用名", "former name"),
    ("birthplace", "出生地", "birthplace"),
    ("native_place", "籍贯", "native place"),
    ("education", "文化程度", "education"),
    ("occupation", "职业", "occupation"),
    ("workplace", "服务处所", "workplace"),
    ("hukou_address", "住址", "address"),
    ("moving_from", "迁出地", "moving from"),
)


def _printed_text(case: CaseView, kind: str, person_uuid: str | None) -> list[tuple[str, str, str]]:
    """(whose field in Chinese, in English, its text) for what `kind` prints from the case."""
    texts: list[tuple[str, str, str]] = []
    if kind == "receipt":
        persons = list(case.persons)
    elif kind == "settlement_permit":
        persons = list(case.moving_persons)
    elif kind in ("registration_card", "collective_slip"):
        chosen = case.applicant if person_uuid is None else case.person(person_uuid)
        persons = [case.applicant] + ([chosen] if chosen and chosen != case.applicant else [])
    else:
        persons = [case.applicant]
    for person in persons:
        for attribute, chinese, english in PERSON_FIELDS:
            texts.append(
                (
                    f"{person.relation_label}{person.name}的{chinese}",
                    f"the {english} of {person.name} ({person.relation})",
                    getattr(person, attribute),
                )
            )
    station = case.station
    for chinese, english, text in (
        ("派出所名称", "the station's name", station.name),
        ("派出所地址", "the station's address", station.address),
        ("办公时间", "the opening hours", station.hours),
        ("复议机关", "the review body", station.review_body),
        ("受理人", "the clerk's name", case.clerk_name),
        ("批准人", "the supervisor's name", case.supervisor_name),
        ("申请事项", "the category", case.category_title),
    ):
        texts.append((chinese, english, text))
    placement = case.placement
    if placement:
        texts.append(("迁入地址", "the destination address", placement.address))
        texts.append(("户主姓名", "the householder's name", placement.householder))
    for membership in case.collective.values():
        texts.append(("集体户户名", "the collective household's name", membership.name))
        texts.append(("集体户住址", "the collective household's address", membership.address))
        texts.append(("集体户管理单位", "the managing unit", membership.managing_unit))
    return texts


def check_glyphs(case: CaseView, kind: str, person_uuid: str | None = None) -> None:
    """Raise `PrintError` if a character the document would print is in neither embedded
    face: it would come out blank, and a certificate with a gap in a name is worse than
    none. Rare characters outside both faces (CJK Extension B and beyond, e.g. 𠮷) are
    handled as the registration rules for rare characters say before anything is printed."""
    problems = []
    for chinese, english, text in _printed_text(case, kind, person_uuid):
        missing = missing_glyphs(text) if text else []
        if missing:
            problems.append((chinese, english, missing))
    if not problems:
        return
    where_zh = "；".join(
        f"{chinese}中的“{'”“'.join(chars)}”（{'、'.join(f'U+{ord(c):04X}' for c in chars)}）"
        for chinese, _english, chars in problems
    )
    where_en = "; ".join(
        f"{english} has {', '.join(f'{c} (U+{ord(c):04X})' for c in chars)}"
        for _chinese, english, chars in problems
    )
    raise PrintError(
        f"打印字体中没有{where_zh}，打印出来会是空白，因此不能打印{KIND_TITLES[kind]}。"
        "请按生僻字的处理规定，在该栏登记该字的替代字，或报户政部门处理后再打印 / the print "
        "fonts lack characters the "
        f"{kind} would print ({where_en}); they would print blank, so nothing is printed. "
        "Handle them as the rules for rare characters say: register the character's "
        "substitute in that field, or refer it to the household-registration office, "
        "then print again"
    )


def check_printable(case: CaseView, kind: str, person_uuid: str | None = None) -> None:
    """Raise `PrintError` unless `kind` can be printed for the case as it stands now,
    before a serial is spent on it."""
    if kind not in BUILDERS:
        raise PrintError(
            f"没有“{kind}”这种文书 / there is no document kind {kind!r}; "
            f"choose one of {', '.join(BUILDERS)}"
        )
    allowed = PRINTABLE_STATUSES[kind]
    if case.status and case.status not in allowed:
        title = KIND_TITLES[kind]
        states = "、".join(STATUS_TITLES.get(s, s) for s in allowed)
        raise PrintError(
            f"案件{case.number}处于“{STATUS_TITLES.get(case.status, case.status)}”状态，"
            f"不能打印{title}（须为：{states}） / case {case.number} is {case.status}: the "
            f"{kind} can be printed only when it is {', '.join(allowed)}"
        )
    if kind == "one_time_notice" and not case.missing:
        raise PrintError(
            f"案件{case.number}没有缺少的材料，无需一次性告知书 / case {case.number} lacks no "
            "documents, so there is no one-time notice to print; print the receipt instead"
        )
    # The refusal is a decision (the supervisor's or HQ's) with its own reason: the notice
    # prints that reason even when the assessment found nothing failing.
    if (kind == "refusal_notice" and not any(not r.holds for r in case.reasons)
            and not case.decision_reason):
        raise PrintError(
            f"案件{case.number}的评估结果没有不予受理的理由，也没有审核意见，不能打印不予受理通知书"
            f" / the assessment of case {case.number} gives no reason to refuse it and the "
            "decision gives none either; assess the case again"
        )
    if kind in ("registration_card", "collective_slip"):
        person = case.applicant if person_uuid is None else case.person(person_uuid)
        if person is None:
            raise PrintError(
                f"案件{case.number}中没有这个人（{person_uuid}） / case {case.number} has no "
                f"person {person_uuid}; choose one of the persons in the case"
            )
        if person.person_uuid not in {p.person_uuid for p in case.moving_persons}:
            raise PrintError(
                f"{person.name}未获准随迁，不能打印登记卡 / {person.name} may not come along "
                "under the assessment, so no registration page can be printed for them"
            )
        if kind == "collective_slip" and person.person_uuid not in case.collective:
            raise PrintError(
                f"{person.name}未登记在集体户中 / {person.name} is not registered in a collective "
                "household; place the person in one (unit, school, talent market or "
                "community) first"
            )
    check_glyphs(case, kind, person_uuid)


def build_document(case: CaseView, issue: IssueInfo) -> bytes:
    """The PDF of `issue.kind` for `case`; raises `PrintError` when the case cannot have it."""
    check_printable(case, issue.kind, issue.person_uuid)
    return BUILDERS[issue.kind](case, issue)
