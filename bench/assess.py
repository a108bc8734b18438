"""Assessment benchmark: pack load time (cold in a fresh interpreter, and warm) and the
cost of one assessment over generated cases across every pack and category, against
validating the same case file (`CaseFile.model_validate`) measured in the same run.

    .venv/bin/python bench/assess.py [-n 10000] [--seed 2]

Goals: loading all packs < 100 ms; assessment < 1 ms median.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from hukou.domain.idnumber import make_id_number  # noqa: E402
from hukou.policy import CaseFile, PolicyPack, assess, cached_catalogue, load_all_packs  # noqa: E402
from hukou.policy import loader as policy_loader  # noqa: E402
from hukou.policy.model import Category, Fact  # noqa: E402

ON = dt.date(2026, 11, 22)
DIVISIONS = ["371502", "371523", "430102", "110101", "210102", "410183", "370102"]
COLD = """
import sys, time
sys.path.insert(0, {desktop!r})
t0 = time.perf_counter()
from hukou.policy import load_all_packs
t1 = time.perf_counter()
load_all_packs()
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def cold_load(runs: int) -> tuple[list[float], list[float]]:
    imports, loads = [], []
    code = COLD.format(desktop=str(ROOT / "desktop"))
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout.split()
        imports.append(float(out[0]))
        loads.append(float(out[1]))
    return imports, loads


def warm_load(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        policy_loader._load_all_cached.cache_clear()
        policy_loader._catalogue_cached.cache_clear()
        start = time.perf_counter()
        load_all_packs()
        times.append(time.perf_counter() - start)
    return times


def fact_answer(rng: random.Random, fact: Fact) -> Any:
    if fact.type == "bool":
        return rng.random() < 0.8
    if fact.type == "number":
        low = fact.min or 0
        return round(rng.uniform(low, (fact.max or low + 8)), 1)
    if fact.type == "date":
        return (ON + dt.timedelta(days=rng.randint(-900, 400))).isoformat()
    return rng.choice(sorted(fact.choices or {}))


def person(rng: random.Random, relation: str | None) -> dict[str, Any]:
    if relation == "child":
        born = ON - dt.timedelta(days=rng.randint(200, 30 * 365))
    elif relation == "parent":
        born = ON - dt.timedelta(days=rng.randint(50 * 365, 80 * 365))
    else:
        born = ON - dt.timedelta(days=rng.randint(20 * 365, 45 * 365))
    data: dict[str, Any] = {
        "name": rng.choice(["张伟", "王芳", "李娜", "阿卜杜热西提·买买提", "𠮷野"]),
        "id_number": make_id_number(rng.choice(DIVISIONS), born, rng.randint(0, 999)),
        "marital_status": rng.choice(["unmarried", "married", "divorced", "widowed"]),
    }
    if relation:
        data["relation"] = relation
        data["cohabiting"] = rng.choice([True, True, False, None])
    return data


def make_case(rng: random.Random, pack: PolicyPack, category: Category) -> dict[str, Any]:
    areas = [a.id for a in pack.areas if category.covers_area(a.id)]
    facts = {f.key: fact_answer(rng, f) for f in category.facts if rng.random() < 0.9}
    docs = sorted({d for req in category.documents for d in req.doc_ids})
    family = [person(rng, rng.choice(["spouse", "child", "child", "parent", "other"]))
              for _ in range(rng.choice([0, 0, 1, 2, 3, 4]))]
    return {
        "pack": pack.id, "area": rng.choice(areas), "category": category.id,
        "applicant": person(rng, None),
        "voluntary_request": rng.choice([True] * 8 + [False, None]),
        "facts": facts,
        "documents": rng.sample(docs, k=rng.randint(0, len(docs))) if docs else [],
        "family": family,
    }


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="cases to assess")
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()

    imports, cold = cold_load(args.cold_runs)
    warm = warm_load(20)
    packs = load_all_packs()
    catalogue = cached_catalogue()
    print(f"packs: {len(packs)} ({', '.join(sorted(packs))}), "
          f"{sum(len(p.categories) for p in packs.values())} categories")
    print(f"load all packs, cold (fresh interpreter, median of {args.cold_runs}): "
          f"{statistics.median(cold) * 1000:.1f} ms  "
          f"(+ importing hukou.policy {statistics.median(imports) * 1000:.1f} ms)")
    print(f"load all packs, warm (YAML parse + validation, median of 20): "
          f"{statistics.median(warm) * 1000:.1f} ms   goal < 100 ms")

    rng = random.Random(args.seed)
    routes = [(p, c) for p in packs.values() for c in p.categories]
    raw_cases = [make_case(rng, *rng.choice(routes)) for _ in range(args.n)]

    validate_times: list[float] = []
    cases: list[tuple[PolicyPack, CaseFile]] = []
    for raw in raw_cases:
        start = time.perf_counter()
        case = CaseFile.model_validate(raw)
        validate_times.append(time.perf_counter() - start)
        cases.append((packs[raw["pack"]], case))

    assess_times: list[float] = []
    cpu_times: list[float] = []      # this thread's CPU time: without preemption by others
    outcomes: dict[str, int] = {}
    errors = 0
    for pack, case in cases:
        start, cpu = time.perf_counter(), time.thread_time()
        try:
            result = assess(pack, case, ON, catalogue=catalogue)
        except ValueError:
            errors += 1      # e.g. a generated ID number of a division abolished before birth
            continue
        finally:
            assess_times.append(time.perf_counter() - start)
            cpu_times.append(time.thread_time() - cpu)
        outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1

    med, p99 = statistics.median(assess_times), percentile(assess_times, 99)
    base = statistics.median(validate_times)
    print(f"assessed {len(assess_times)} cases over {len(routes)} categories: "
          + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
          + (f", refused input {errors}" if errors else ""))
    print(f"assessment: median {med * 1e6:.0f} µs, p99 {p99 * 1e6:.0f} µs wall clock   "
          "goal < 1000 µs median")
    print(f"            median {statistics.median(cpu_times) * 1e6:.0f} µs, "
          f"p99 {percentile(cpu_times, 99) * 1e6:.0f} µs CPU time of this thread "
          f"(load average now {os.getloadavg()[0]:.1f})")
    print(f"baseline CaseFile.model_validate of the same cases: median {base * 1e6:.0f} µs")
    print(f"ratio assessment / validation: {med / base:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
