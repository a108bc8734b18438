"""Installing a policy pack HQ sent: check HQ's signature, load and lint it, then install.

The pack lands in the station's own `<data_dir>/forms/` folder, which the policy loader
prefers to the shipped packs; a bad signature or a failing load or lint is refused with
the reason, and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hukou.domain import signing
from hukou.policy import PackError, lint_pack, load_all_packs, load_pack
from hukou.policy import PolicyPack as PolicyPackModel
from hukou.sync.protocol import PolicyPack, policy_pack_signed_bytes


@dataclass(frozen=True)
class PackOutcome:
    filename: str
    installed: bool
    reason: str


def _lint_problems(pack: PolicyPackModel) -> list[str]:
    """What the policy lint finds wrong, checked against the framework the pack names."""
    national = load_all_packs().get(pack.parent) if pack.parent else None
    return [str(problem) for problem in lint_pack(pack, national=national)]


def install_pack(pack: PolicyPack, *, hq_signing_public_b64: str, forms_dir: Path) -> PackOutcome:
    """Check and install one pack; never raises for a bad pack, says why instead."""
    name = pack.filename
    data = policy_pack_signed_bytes(name, pack.content)
    try:
        genuine = signing.verify(hq_signing_public_b64, data, pack.signature)
    except signing.SigningKeyError:
        genuine = False
    if not genuine:
        return PackOutcome(name, False,
                           f"政策包 {name} 的指挥中心签名不符，已拒收 / the policy pack {name} "
                           "does not carry a valid HQ signature and was refused")
    if "/" in name or "\\" in name or name.startswith("."):
        return PackOutcome(name, False, f"政策包文件名不合法：{name} / bad pack file name: {name}")
    # Staged under its own name (lint messages name the file), then moved in one rename.
    staging = forms_dir / ".incoming"
    staging.mkdir(parents=True, exist_ok=True)
    temp = staging / name
    try:
        temp.write_text(pack.content, encoding="utf-8")
        try:
            problems = _lint_problems(load_pack(temp))
        except PackError as exc:
            return PackOutcome(name, False, f"政策包 {name} 无法加载，已拒收：{exc} / "
                                            f"the policy pack {name} does not load and was refused")
        if problems:
            return PackOutcome(name, False, f"政策包 {name} 未通过检查，已拒收：{problems[0]} / "
                                            f"the policy pack {name} fails the lint, refused "
                                            f"({len(problems)} problem(s))")
        temp.replace(forms_dir / name)
        return PackOutcome(name, True, "")
    finally:
        temp.unlink(missing_ok=True)
