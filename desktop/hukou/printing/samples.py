"""Sample cases for every document, written through the store's own API (create, assess,
submit, approve, enter in a collective household) — for the tests, the benchmark and the
pictures in docs/. `long_text` gives the applicant a 60-character name and a 120-character
address, to show they wrap inside their cells."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from hukou import store
from hukou.domain.idnumber import make_id_number
from hukou.policy import CaseFile, FamilyMemberInput, PersonInput, assess, load_all_packs
from hukou.printing.render import (
    SETTING_ADDRESS,
    SETTING_HOURS,
    SETTING_PHONE,
    SETTING_REVIEW_BODY,
)
from hukou.store.util import local_today

STATION_CODE = "370102"
STATION_NAME = "聊城市公安局东昌府分局古楼派出所"
PASSWORD = "sample-password-1"
CLERK, SUPERVISOR = "clerk", "super"
LONG_NAME = (
    "阿卜杜热合曼·买买提明·艾则孜·吐尔逊·阿不都拉·克里木·热合曼·伊斯拉木·司马义·玉素甫·"
    "阿布力孜·努尔买买提·艾力江"
)[:60]
LONG_ADDRESS = (
    "山东省聊城市东昌府区古楼街道办事处楼西社区居民委员会东关大街与柳园南路交叉口向北三百米路西"
    "聊城市东昌府区人民政府机关家属院第十八号楼第三单元第十二层一千二百零三号房间（原东关街道东关社区"
    "第七居民小组）北侧附属用房，自东侧单元入口进入后右转第二间"
)[:120]


@dataclass(frozen=True)
class SampleCases:
    """Case uuids ready for each document, and the person ids of the per-person ones."""

    approved: str  # own home, with spouse and child: permit, registration cards
    approved_persons: tuple[str, ...]
    incomplete: str  # documents missing: one-time notice
    refused: str  # rental, conditions failed: refusal notice
    collective: str  # talent-market collective household: collective slip
    collective_person: str

    def case_for(self, kind: str) -> str:
        return {
            "receipt": self.approved,
            "one_time_notice": self.incomplete,
            "refusal_notice": self.refused,
            "settlement_permit": self.approved,
            "registration_card": self.approved,
            "collective_slip": self.collective,
        }[kind]


def setup_sample_station(db: sqlite_utils.Database) -> None:
    """The station, its notice settings, a clerk and a supervisor (once)."""
    if store.get_station(db) is None:
        store.setup_station(
            db, code=STATION_CODE, name=STATION_NAME, pack_id="liaocheng", area_id="dongchangfu"
        )
    logins = {u.login for u in store.list_users(db)}
    if CLERK not in logins:
        store.create_user(db, CLERK, "张丽", "clerk", PASSWORD)
    if SUPERVISOR not in logins:
        store.create_user(db, SUPERVISOR, "王振华", "supervisor", PASSWORD)
    store.set_setting(db, SETTING_ADDRESS, "山东省聊城市东昌府区古楼街道楼西大街36号", user=None)
    store.set_setting(db, SETTING_PHONE, "0635-8241110", user=None)
    store.set_setting(db, SETTING_HOURS, "工作日 8:30—12:00，13:30—17:30", user=None)
    store.set_setting(
        db, SETTING_REVIEW_BODY, "聊城市公安局东昌府分局或者东昌府区人民政府", user=None
    )


def _person(
    seq: int, birth: dt.date, sex: str, name: str, relation: str, address: str, **more: Any
) -> dict[str, Any]:
    # make_id_number's sequence sets the sex digit: odd for men, even for women.
    number = make_id_number("371502", birth, seq * 2 + (1 if sex == "male" else 0))
    return {
        "relation": relation,
        "name": name,
        "id_number": number,
        "ethnicity": "01",
        "native_place": "山东省阳谷县",
        "education": "大学本科",
        "occupation": "工程技术人员",
        "workplace": "聊城市鲁西化工集团股份有限公司",
        "hukou_address": address,
        "moving_from": "山东省阳谷县博济桥街道建设路12号",
        **more,
    }


def _assess_and_store(db: sqlite_utils.Database, case_uuid: str) -> str:
    snap = store.case_snapshot(db, case_uuid)
    pack = load_all_packs()[snap["pack_id"]]
    family = [
        FamilyMemberInput(
            relation=p["relation"],
            name=p["name"],
            id_number=p["id_number"],
            marital_status=p["marital_status"],
            cohabiting=True,
        )
        for p in snap["family"]
    ]
    applicant = snap["applicant"]
    result = assess(
        pack,
        CaseFile(
            pack=snap["pack_id"],
            area=snap["area_id"],
            category=snap["category_id"],
            applicant=PersonInput(
                name=applicant["name"],
                id_number=applicant["id_number"],
                marital_status=applicant["marital_status"],
            ),
            voluntary_request=snap["voluntary_request"],
            facts=snap["facts"],
            documents=[d["document_id"] for d in snap["documents"] if d["presented"]],
            family=family,
        ),
        local_today(),
    )
    store.record_assessment(
        db,
        case_uuid,
        result.model_dump(mode="json"),
        pack_id=pack.id,
        pack_version=pack.version,
        user=CLERK,
    )
    return result.outcome


def _new_case(
    db: sqlite_utils.Database,
    category: str,
    area: str,
    applicant: dict[str, Any],
    family: list[dict[str, Any]],
    documents: list[str],
    facts: dict[str, Any],
    placement: dict[str, Any],
) -> str:
    pack = load_all_packs()["liaocheng"]
    record = store.create_case(
        db,
        user=CLERK,
        pack_id=pack.id,
        pack_version=pack.version,
        category_id=category,
        area_id=area,
        applicant=applicant,
        family=family,
        facts=facts,
        voluntary_request=True,
        documents={d: {"presented": True} for d in documents},
        placement=placement,
    )
    return record.uuid


def make_sample_cases(
    db: sqlite_utils.Database, *, long_text: bool = False, name: str | None = None
) -> SampleCases:
    """Four real cases in `db` (station set up if needed), one per outcome the documents need;
    `name`, if given, is every applicant's name."""
    setup_sample_station(db)
    address = LONG_ADDRESS if long_text else "山东省聊城市东昌府区古楼街道楼西大街18号3单元502室"
    given = name
    name = name or (LONG_NAME if long_text else "李建华")

    # Own home with spouse and child: approved → receipt, permit, registration cards.
    approved = _new_case(
        db,
        "own_home",
        "dongchangfu",
        _person(
            11,
            dt.date(1988, 5, 17),
            "male",
            name,
            "applicant",
            address,
            marital_status="married",
            birthplace="山东省阳谷县",
            former_name="李建",
        ),
        [
            _person(
                12,
                dt.date(1990, 2, 3),
                "female",
                "王秀英",
                "spouse",
                address,
                marital_status="married",
                birthplace="山东省莘县",
            ),
            _person(
                13,
                dt.date(2015, 9, 1),
                "female",
                "李欣怡",
                "child",
                address,
                marital_status="unmarried",
                birthplace="山东省聊城市东昌府区",
                education="小学",
                occupation="学生",
                workplace="",
            ),
        ],
        [
            "id_card",
            "property_certificate",
            "marriage_certificate",
            "birth_medical_certificate",
            "hukou_booklet",
        ],
        {},
        {"kind": "family_household", "address": address},
    )
    _assess_and_store(db, approved)
    store.transition(db, approved, "submitted", user=CLERK)
    store.transition(db, approved, "approved", user=SUPERVISOR)
    approved_persons = tuple(
        p["person_id"]
        for p in [
            store.case_snapshot(db, approved)["applicant"],
            *store.case_snapshot(db, approved)["family"],
        ]
    )

    # Own home, documents missing → one-time notice.
    incomplete = _new_case(
        db,
        "own_home",
        "dongchangfu",
        _person(
            21,
            dt.date(1992, 11, 30),
            "female",
            name if long_text or given else "赵梦琪",
            "applicant",
            address,
            marital_status="married",
            birthplace="河南省新密市",
        ),
        [
            _person(
                22,
                dt.date(2018, 3, 8),
                "male",
                "孙浩然",
                "child",
                address,
                marital_status="unmarried",
                education="学龄前儿童",
                occupation="",
                workplace="",
            )
        ],
        ["id_card"],
        {},
        {"kind": "family_household", "address": address},
    )
    _assess_and_store(db, incomplete)
    store.transition(db, incomplete, "awaiting_documents", user=CLERK)

    # Rental outside the four core districts, conditions not met → refusal notice.
    refused = _new_case(
        db,
        "rental_flat",
        "urban_outside_core",
        _person(
            31,
            dt.date(1995, 7, 21),
            "male",
            name if long_text or given else "周博文",
            "applicant",
            address,
            marital_status="unmarried",
            birthplace="湖南省长沙市",
        ),
        [],
        ["id_card", "landlord_title_proof", "lease_contract", "rental_filing", "no_house_proof"],
        {"self_contained_flat": False, "urban_social_insurance": False},
        {"kind": "family_household", "address": address},
    )
    _assess_and_store(db, refused)
    store.transition(db, refused, "submitted", user=CLERK)
    store.transition(db, refused, "refused", user=SUPERVISOR, reason="不符合租赁落户条件")

    # Stable employment, talent-market collective household → collective slip.
    household = next((h for h in store.list_collective_households(db, kind="talent_market")), None)
    if household is None:
        household = store.add_collective_household(
            db,
            kind="talent_market",
            name="聊城市人才市场集体户",
            number="JT370102003",
            address="山东省聊城市东昌府区柳园南路3号",
            managing_unit="聊城市人力资源和社会保障局",
            user=None,
        )
    collective = _new_case(
        db,
        "stable_employment",
        "dongchangfu",
        _person(
            41,
            dt.date(1998, 1, 12),
            "female",
            name if long_text or given else "欧阳若曦",
            "applicant",
            household.address,
            marital_status="unmarried",
            birthplace="辽宁省沈阳市",
            occupation="软件工程师",
            workplace="聊城市东昌府区智慧城市科技有限公司",
        ),
        [],
        ["id_card", "labour_contract"],
        {"employer_collective": False},
        {"kind": "talent_collective", "household_id": household.id},
    )
    _assess_and_store(db, collective)
    store.transition(db, collective, "submitted", user=CLERK)
    store.transition(db, collective, "approved", user=SUPERVISOR)
    person = store.case_snapshot(db, collective)["applicant"]["person_id"]
    store.add_household_member(
        db, household.id, case_uuid=collective, person_id=person, user=SUPERVISOR
    )
    return SampleCases(approved, approved_persons, incomplete, refused, collective, person)
