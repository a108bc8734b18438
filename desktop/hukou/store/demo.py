"""Demo station data: users, collective households and N synthetic cases across the packs.

Cases are written with bulk inserts, not through create_case/save_draft: the per-case API
validates every field, audits each change and queues a full snapshot in the outbox, which
is right for the counter but would take most of an hour and gigabytes of outbox for the
1,000,000 cases the benchmark needs. The seed writes the same tables (cases, persons,
documents, the search index, counters) in batches and one audit row for the whole seed.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid as uuid_lib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from hukou.domain.idnumber import is_valid_id_number, make_id_number
from hukou.store import search
from hukou.store.audit import append_audit
from hukou.store.connection import CACHE_SIZE
from hukou.store.households import add_collective_household, list_collective_households
from hukou.store.station import get_station, setup_station
from hukou.store.users import create_user, list_users
from hukou.store.util import dumps, iso_utc, local_today, transaction

DEMO_STATION = ("370102", "聊城市公安局东昌府分局古楼派出所")
DEMO_PASSWORD = "demo1234"
DEMO_USERS = (("admin", "系统管理员", "admin"), ("clerk", "张丽", "clerk"),
              ("clerk2", "刘建国", "clerk"), ("super", "王振华", "supervisor"))
DEMO_HOUSEHOLDS = (
    ("unit", "聊城市人民医院集体户", "JT370102001", "山东省聊城市东昌府区东昌西路67号",
     "聊城市人民医院"),
    ("school", "聊城大学学生集体户", "JT370102002", "山东省聊城市东昌府区湖南路1号",
     "聊城大学"),
    ("talent_market", "聊城市人才市场集体户", "JT370102003", "山东省聊城市东昌府区柳园南路3号",
     "聊城市人力资源和社会保障局"),
    ("community_public", "古楼街道社区公共户", "JT370102004",
     "山东省聊城市东昌府区古楼街道楼西社区", "古楼街道楼西社区居委会"),
)
# Assessments are stored in full for the newest cases only; older demo cases carry their
# outcome in the status (keeps the benchmark's million-case file to a realistic size).
FULL_ASSESSMENTS = 20_000
_BATCH = 5_000
# Most cases at a real counter are eligible; random facts would make most of them refused.
_OUTCOME_WEIGHT = {"eligible": 6.0, "incomplete": 2.0, "not_yet": 0.5, "not_eligible": 0.7}

_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭"
             "曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石"
             "廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万"
             "钱严覃武戴莫孔向汤")
_COMPOUND = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "令狐"]
_GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红"
          "鹏飞宇浩然子涵梓轩欣怡雨萱佳琪思远博文俊杰晓东建国志强海燕春梅"
          "文静嘉怡一诺宇轩昊天若曦晨阳振华德胜")
_TRANSLIT = ("阿依古丽·买买提", "迪丽努尔·艾力", "艾尔肯·吐尔逊", "古丽米热·阿不都",
             "巴图·孟和", "扎西·多吉", "卓玛·次仁", "努尔兰·哈力克", "玛依拉·库尔班",
             "阿力木·吾斯曼")
_PLACES = (("山东省", "聊城市", ("东昌府区", "茌平区", "阳谷县", "莘县", "东阿县", "冠县",
                                 "高唐县")),
           ("山东省", "济南市", ("历下区", "市中区", "槐荫区")),
           ("河南省", "郑州市", ("新密市", "金水区")),
           ("湖南省", "长沙市", ("芙蓉区", "岳麓区")),
           ("辽宁省", "沈阳市", ("和平区", "沈河区")),
           ("河北省", "邯郸市", ("邯山区", "大名县")))
_STREETS = ("古楼街道", "柳园街道", "新区街道", "湖西街道", "道口铺街道", "闫寺街道",
            "凤凰街道", "东城街道")
_COMMUNITIES = ("楼西社区", "楼北社区", "米市街社区", "光岳社区", "水城社区", "花园社区",
                "建设路社区", "振兴路社区", "兴华社区", "卫育路社区")
_ROADS = ("东昌路", "柳园路", "花园路", "建设路", "兴华路", "振兴路", "光岳路", "湖南路",
          "卫育路", "站前街")
_DIVISIONS = ("371502", "371521", "371522", "371524", "371525", "371581", "370102", "370103",
              "370105", "410183", "430102", "210102", "130402", "110101", "310101")
_OCCUPATIONS = ("教师", "工程师", "医生", "护士", "个体经营者", "职员", "销售", "司机", "工人",
                "学生", "厨师", "会计", "")
_EDUCATION = ("小学", "初中", "高中", "中专", "大专", "大学本科", "硕士研究生", "博士研究生")


@dataclass(frozen=True)
class SeedSummary:
    cases: int
    persons: int
    seconds: float


class _Names:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def person(self, surname: str | None = None) -> str:
        r = self.rng.random()
        if r < 0.02:
            return self.rng.choice(_TRANSLIT)
        if r < 0.05:
            return self.rng.choice(_COMPOUND) + "".join(self.rng.choices(_GIVEN, k=2))
        s = surname or self.rng.choice(_SURNAMES)
        if r < 0.06:
            return s  # single-character registered names exist; search must find them
        if r < 0.30:
            return s + self.rng.choice(_GIVEN)
        return s + "".join(self.rng.choices(_GIVEN, k=2))


def _address(rng: random.Random, *, local: bool) -> str:
    if local:
        return (f"山东省聊城市东昌府区{rng.choice(_STREETS)}{rng.choice(_COMMUNITIES)}"
                f"{rng.choice(_ROADS)}{rng.randint(1, 300)}号{rng.randint(1, 30)}号楼"
                f"{rng.randint(1, 6)}单元{rng.randint(1, 30)}{rng.randint(1, 4):02d}室")
    province, city, counties = rng.choice(_PLACES)
    return (f"{province}{city}{rng.choice(counties)}{rng.choice(_ROADS)}{rng.randint(1, 999)}号")


class _Ids:
    """Unique valid ID numbers; the division code must have existed at the birth date."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[int] = set()
        self.valid_from: dict[str, int] = {}
        for code in _DIVISIONS:
            self.valid_from[code] = next(
                (y for y in range(1940, 2027, 1)
                 if is_valid_id_number(make_id_number(code, dt.date(y, 6, 1), 11))), 9999)

    def new(self, birth: dt.date) -> str:
        codes = [c for c, y in self.valid_from.items() if y <= birth.year] or ["110101"]
        for attempt in range(10_000):
            # A crowded birth date moves a day on: the numbers of one date run out.
            day = birth - dt.timedelta(days=attempt // 20)
            number = make_id_number(self.rng.choice(codes), day, self.rng.randrange(1000))
            key = int(number[:17])
            if key not in self.used:
                self.used.add(key)
                return number
        raise RuntimeError("no unused demo ID number left")


def ensure_demo_station(db: sqlite_utils.Database, *, pack_id: str, area_id: str) -> None:
    if get_station(db) is None:
        setup_station(db, code=DEMO_STATION[0], name=DEMO_STATION[1], pack_id=pack_id,
                      area_id=area_id)
    existing = {u.login for u in list_users(db)}
    for login, name, role in DEMO_USERS:
        if login not in existing:
            create_user(db, login, name, role, DEMO_PASSWORD)
    numbers = {h.number for h in list_collective_households(db, include_closed=True)}
    for kind, name, number, address, unit in DEMO_HOUSEHOLDS:
        if number not in numbers:
            add_collective_household(db, kind=kind, name=name, number=number, address=address,
                                     managing_unit=unit, user=None)


@dataclass
class _Variant:
    pack_id: str
    pack_version: str
    category_id: str
    area_id: str
    facts: dict[str, Any]
    documents: dict[str, bool]
    outcome: str
    assessment: dict[str, Any] | None
    placement_kind: str | None


def _variants(rng: random.Random, today: dt.date) -> list[tuple[_Variant, float]]:
    """A few assessed fact/document combinations per pack, category and area, with weights."""
    from hukou.policy import CaseError, CaseFile, assess, load_all_packs

    out: list[tuple[_Variant, float]] = []
    packs = load_all_packs()
    for pack in packs.values():
        pack_weight = 6.0 if pack.id == "liaocheng" else 1.0
        for category in pack.categories:
            area_ids = list(category.areas or [a.id for a in pack.areas])
            for _ in range(4):
                area = rng.choice(area_ids)
                facts: dict[str, Any] = {}
                for fact in category.facts:
                    if fact.type == "bool":
                        facts[fact.key] = rng.random() < 0.8
                    elif fact.type == "number":
                        low = fact.min if fact.min is not None else 0
                        high = fact.max if fact.max is not None else max(low + 10, 10)
                        facts[fact.key] = round(rng.uniform(low, high))
                    elif fact.type == "date":
                        facts[fact.key] = today - dt.timedelta(days=rng.randint(30, 1500))
                    elif fact.type == "choice" and fact.choices:
                        facts[fact.key] = rng.choice(list(fact.choices))
                documents: dict[str, bool] = {}
                for req in category.documents:
                    doc = req.doc or (req.one_of[0] if req.one_of else None)
                    if doc:
                        documents[doc] = rng.random() < 0.85
                try:
                    result = assess(pack, CaseFile(
                        pack=pack.id, area=area, category=category.id, voluntary_request=True,
                        facts=facts, documents=[d for d, p in documents.items() if p]), today)
                except CaseError:  # a combination the pack refuses is simply not used
                    continue
                assessment = result.model_dump(mode="json")
                placement = result.placements[0].kind if result.placements else None
                out.append((_Variant(
                    pack.id, pack.version, category.id, area,
                    {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in facts.items()},
                    documents, result.outcome, assessment,
                    placement), pack_weight * _OUTCOME_WEIGHT.get(result.outcome, 1.0)))
    return out


def _status(rng: random.Random, outcome: str, age_days: int) -> str:
    if age_days < 3 and rng.random() < 0.4:
        return "draft"
    if outcome == "eligible":
        if age_days < 7:
            return "submitted"
        return rng.choices(("approved", "registered", "returned", "withdrawn"),
                           (0.15, 0.72, 0.08, 0.05))[0]
    if outcome == "incomplete":
        return "awaiting_documents" if age_days < 60 else "withdrawn"
    if outcome == "not_eligible":
        return "refused"
    return "withdrawn" if age_days > 30 else "submitted"


def seed_demo(db: sqlite_utils.Database, *, cases: int, seed: int = 20261122,
              progress: Callable[[int], None] | None = None) -> SeedSummary:
    """Add a demo station (if none) and `cases` synthetic cases over the last two years."""
    import time

    started = time.perf_counter()
    rng = random.Random(seed)
    today = local_today()
    variants = _variants(rng, today)
    liaocheng = next((v for v, _ in variants if v.pack_id == "liaocheng"), variants[0][0])
    ensure_demo_station(db, pack_id=liaocheng.pack_id, area_id=liaocheng.area_id)
    station = get_station(db)
    assert station is not None
    users = {u.login: u.id for u in list_users(db)}
    clerks = [users["clerk"], users["clerk2"]]
    households = {h.kind: h.id for h in list_collective_households(db)}
    names, ids = _Names(rng), _Ids(rng)
    for (number,) in db.conn.execute("SELECT id_number FROM persons WHERE id_number IS NOT NULL"):
        ids.used.add(int(number[:17]))
    weights = [w for _, w in variants]
    days = sorted(rng.randint(0, 729) for _ in range(cases))[::-1]
    counters: dict[int, int] = {}
    for name, value in db.conn.execute("SELECT name, value FROM counters WHERE name LIKE 'case:%'"):
        counters[int(name.rsplit(":", 1)[1])] = value
    start_id = db.conn.execute("SELECT coalesce(max(id), 0) FROM cases").fetchone()[0]
    persons_total = 0
    db.execute("PRAGMA synchronous = OFF")  # demo data: a crash while seeding just reseeds
    # Random UUIDs and ID numbers land all over their indexes: keep them in memory.
    db.execute("PRAGMA cache_size = -400000")
    try:
        for batch_start in range(0, cases, _BATCH):
            rows_cases: list[tuple[Any, ...]] = []
            rows_persons: list[tuple[Any, ...]] = []
            rows_docs: list[tuple[Any, ...]] = []
            rows_fts: list[tuple[Any, ...]] = []
            for i in range(batch_start, min(cases, batch_start + _BATCH)):
                case_id = start_id + i + 1
                age = days[i]
                intake = today - dt.timedelta(days=age)
                variant = rng.choices(variants, weights)[0][0]
                status = _status(rng, variant.outcome, age)
                counters[intake.year] = counters.get(intake.year, 0) + 1
                number = f"{station.code}-{intake.year}-{counters[intake.year]:06d}"
                created = dt.datetime.combine(intake, dt.time(8, 30)) + dt.timedelta(
                    minutes=rng.randint(0, 540))
                created_at = iso_utc(created.astimezone())
                decided = status in ("approved", "registered", "returned", "refused")
                applicant_birth = today - dt.timedelta(days=rng.randint(18 * 365, 60 * 365))
                surname_name = names.person()
                home = _address(rng, local=False)
                persons = [("applicant", surname_name, applicant_birth)]
                for _ in range(rng.choices((0, 1, 2, 3), (0.55, 0.25, 0.15, 0.05))[0]):
                    relation = rng.choices(("spouse", "child", "parent"), (0.4, 0.5, 0.1))[0]
                    if relation == "child":
                        earliest = applicant_birth + dt.timedelta(days=18 * 365)
                        span = (today - dt.timedelta(days=30) - earliest).days
                        birth = earliest + dt.timedelta(days=rng.randint(0, max(span, 0)))
                        name = names.person(surname_name[0])
                    elif relation == "spouse":
                        birth = applicant_birth + dt.timedelta(days=rng.randint(-1500, 1500))
                        name = names.person()
                    else:
                        birth = applicant_birth - dt.timedelta(days=rng.randint(22 * 365, 30 * 365))
                        name = names.person(surname_name[0])
                    if any(r == "spouse" for r, _, _ in persons) and relation == "spouse":
                        relation = "child"
                    persons.append((relation, name, birth))
                placement: dict[str, Any] = {}
                if variant.placement_kind:
                    placement["kind"] = variant.placement_kind
                    household = {"unit_collective": "unit", "school_collective": "school",
                                 "talent_collective": "talent_market",
                                 "community_collective": "community_public"}.get(
                                     variant.placement_kind)
                    if household and household in households:
                        placement["household_id"] = households[household]
                    else:
                        placement["address"] = _address(rng, local=True)
                names_for_index: list[str] = []
                addresses_for_index = [home, str(placement.get("address", ""))]
                for position, (relation, name, birth) in enumerate(persons):
                    id_number = ids.new(birth)
                    sex = "male" if int(id_number[16]) % 2 else "female"
                    rows_persons.append((
                        case_id, str(uuid_lib.uuid4()), position, relation, id_number, name, "",
                        sex, "01" if rng.random() < 0.92 else f"{rng.randint(2, 56):02d}",
                        f"{id_number[6:10]}-{id_number[10:12]}-{id_number[12:14]}", "",
                        "山东省聊城市" if rng.random() < 0.5 else "",
                        rng.choice(_EDUCATION), "married" if relation in ("spouse", "parent")
                        or (position == 0 and len(persons) > 1) else "unmarried",
                        rng.choice(_OCCUPATIONS) if relation != "child" else "",
                        "", f"1{rng.randint(3, 9)}{rng.randrange(10**9):09d}" if position == 0
                        else "", home, home))
                    names_for_index.append(name)
                persons_total += len(persons)
                for doc_id, presented in variant.documents.items():
                    rows_docs.append((case_id, doc_id, int(presented), ""))
                chars, grams = search.tokens(names_for_index, addresses_for_index)
                rows_fts.append((case_id, chars, grams))
                keep_assessment = i >= cases - FULL_ASSESSMENTS and status != "draft"
                rows_cases.append((
                    case_id, str(uuid_lib.uuid4()), number, station.code, intake.year,
                    variant.category_id, variant.pack_id, variant.pack_version, variant.area_id,
                    status, dumps(variant.facts), 1, dumps(placement),
                    dumps(variant.assessment) if keep_assessment and variant.assessment else None,
                    intake.isoformat(), created_at, created_at,
                    None if status == "draft" else created_at, rng.choice(clerks),
                    users["super"] if decided else None,
                    "材料不齐或不符合条件" if status in ("returned", "refused") else None,
                    None, None, 1 if status == "draft" else 3))
            with transaction(db):
                db.conn.executemany(
                    "INSERT INTO cases (id, uuid, number, station_code, year, category_id,"
                    " pack_id, pack_version, area_id, status, facts, voluntary_request,"
                    " placement, assessment, intake_date, created_at, updated_at, submitted_at,"
                    " clerk_id, supervisor_id, decision_reason, decided_by, decided_at, version)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    " ?, ?)", rows_cases)
                db.conn.executemany(
                    "INSERT INTO persons (case_id, person_uuid, position, relation, id_number,"
                    " name, former_name, sex, ethnicity, birth_date, birthplace, native_place,"
                    " education, marital_status, occupation, workplace, phone, hukou_address,"
                    " moving_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    " ?, ?)", rows_persons)
                db.conn.executemany(
                    "INSERT INTO documents (case_id, document_id, presented, note)"
                    " VALUES (?, ?, ?, ?)", rows_docs)
                db.conn.executemany(
                    f"INSERT INTO {search.FTS_TABLE} (rowid, chars, grams) VALUES (?, ?, ?)",
                    rows_fts)
            if progress:
                progress(min(cases, batch_start + _BATCH))
        with transaction(db):
            for year, value in counters.items():
                db.conn.execute(
                    "INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name)"
                    " DO UPDATE SET value = max(value, excluded.value)",
                    [f"case:{station.code}:{year}", value])
            append_audit(db, actor="system", action="demo.seed", detail=f"cases={cases}")
    finally:
        db.execute("PRAGMA synchronous = FULL")
        db.execute(f"PRAGMA cache_size = {CACHE_SIZE}")
    return SeedSummary(cases=cases, persons=persons_total,
                       seconds=time.perf_counter() - started)
