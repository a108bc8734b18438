"""The wire format between a station and headquarters: pydantic models and signed envelopes.

Shared by the station client (hukou.sync) and the service (hukou.hq). A signed envelope
carries its body as JSON text so the signature covers exactly the bytes that travel.
"""

from __future__ import annotations

import json
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hukou.domain import signing

PROTOCOL_VERSION = 1
MAX_BATCH_CHANGES = 5000

#: Fields HQ owns (DESIGN §6); every other key of a case snapshot belongs to the station.
DECISION_FIELDS = ("decision_status", "decision_reason", "decided_by", "decided_at")
DECISION_STATUSES = ("approved", "returned", "refused")

ChangeStatus = Literal["applied", "duplicate", "conflict", "rejected"]

_STATION_CODE = r"^[0-9A-Za-z_-]{1,32}$"
_UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


class ProtocolError(ValueError):
    """A message from the other side is malformed, unsigned or signed by the wrong key."""


class WireModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Change(WireModel):
    """One outbox entry: the full case snapshot at one version."""

    seq: int = Field(ge=1, description="the station's outbox sequence number")
    case_uuid: str = Field(pattern=_UUID)
    version: int = Field(ge=1)
    kind: str = Field(min_length=1, max_length=40)
    payload: dict[str, Any]
    created_at: str = Field(max_length=40)
    hq_decision_seen: int | None = Field(
        default=None, ge=1,
        description="the newest HQ decision on this case the station had applied when it "
                    "made this change; null if none",
    )


class Batch(WireModel):
    """The body of a push: a run of outbox changes, numbered per station."""

    protocol: int = PROTOCOL_VERSION
    station_code: str = Field(pattern=_STATION_CODE)
    batch_seq: int = Field(ge=1)
    sent_at: str = Field(max_length=40)
    changes: list[Change] = Field(max_length=MAX_BATCH_CHANGES)


class PullRequest(WireModel):
    protocol: int = PROTOCOL_VERSION
    station_code: str = Field(pattern=_STATION_CODE)
    cursor: int = Field(ge=0)
    limit: int = Field(default=500, ge=1, le=1000)
    sent_at: str = Field(max_length=40)


class SignedEnvelope(WireModel):
    """A body (JSON text) and the Ed25519 signature of its UTF-8 bytes by `signer`."""

    signer: str = Field(max_length=40, description="station code, or 'hq'")
    body: str = Field(max_length=64 * 1024 * 1024)
    signature: str = Field(pattern=r"^[A-Za-z0-9_-]{86}$")


class ChangeResult(WireModel):
    seq: int
    case_uuid: str
    version: int
    status: ChangeStatus
    detail: str = ""
    conflict_id: int | None = None


class PushResponse(WireModel):
    batch_seq: int
    results: list[ChangeResult]


class Conflict(WireModel):
    """A station change that touched a decision HQ had made without the station knowing."""

    id: int
    station_code: str
    case_uuid: str
    version: int
    field: str
    station_value: str | None
    hq_value: str | None
    created_at: str


class Decision(WireModel):
    id: int
    case_uuid: str
    status: Literal["approved", "returned", "refused"]
    reason: str
    decided_by: str
    decided_at: str


class PolicyPack(WireModel):
    """A policy pack file published by HQ; `signature` is HQ's over filename NUL content."""

    id: int
    filename: str = Field(pattern=r"^[0-9A-Za-z_.-]{1,80}\.ya?ml$")
    content: str
    signature: str
    published_at: str


class PullEvent(WireModel):
    seq: int
    kind: Literal["decision", "conflict", "policy_pack"]
    decision: Decision | None = None
    conflict: Conflict | None = None
    policy_pack: PolicyPack | None = None


class PullResponse(WireModel):
    cursor: int
    more: bool
    events: list[PullEvent]


class EnrolRequest(WireModel):
    code: str = Field(min_length=6, max_length=64)
    station_code: str = Field(pattern=_STATION_CODE)
    station_name: str = Field(default="", max_length=200)
    public_key: str = Field(min_length=40, max_length=64)


class EnrolResponse(WireModel):
    station_code: str
    hq_signing_public_key: str
    hq_encryption_public_key: str


class VerifyRequest(WireModel):
    qr_text: str = Field(max_length=400)


class CaseSummary(WireModel):
    case_uuid: str
    station_code: str
    case_number: str | None
    category_id: str | None
    status: str | None
    version: int
    applicant_name: str | None = Field(description="masked: the first character, then *")
    decision_status: str | None
    decided_at: str | None


class VerifyResponse(WireModel):
    genuine: bool
    reason: str
    station_code: str | None = None
    kind: str | None = None
    serial: str | None = None
    issued: str | None = None
    case: CaseSummary | None = None


class ErrorResponse(WireModel):
    detail: str


def station_decision(payload: dict[str, Any]) -> dict[str, Any]:
    """The decision a case snapshot carries, whichever shape the station store writes.

    Flat keys (`decision_status`, ...) or a nested `decision` object; failing both, a
    status that is itself a decision (a supervisor's approval at the station), with
    `registered` counting as approved.
    """
    raw = payload.get("decision")
    nested: dict[str, Any] = raw if isinstance(raw, dict) else {}
    status = payload.get("decision_status") or nested.get("status")
    if not status:
        case_status = payload.get("status")
        if case_status in DECISION_STATUSES:
            status = case_status
        elif case_status == "registered":
            status = "approved"
    return {
        "status": status or None,
        "reason": payload.get("decision_reason") or nested.get("reason"),
        "decided_by": payload.get("decided_by") or nested.get("decided_by"),
        "decided_at": payload.get("decided_at") or nested.get("decided_at"),
    }


def case_number(payload: dict[str, Any]) -> str | None:
    number = payload.get("case_number") or payload.get("number")
    return str(number) if number else None


def policy_pack_signed_bytes(filename: str, content: str) -> bytes:
    """What HQ signs for a policy pack: the file name, a NUL, the file's UTF-8 text."""
    return filename.encode("utf-8") + b"\0" + content.encode("utf-8")


def dumps(value: Any) -> str:
    """Compact, stable JSON text (sorted keys, UTF-8 kept as is)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def seal(model: BaseModel, *, signer: str, private_b64: str) -> SignedEnvelope:
    body = dumps(model.model_dump(mode="json"))
    return SignedEnvelope(
        signer=signer, body=body, signature=signing.sign(private_b64, body.encode("utf-8"))
    )


M = TypeVar("M", bound=BaseModel)


def open_envelope(
    envelope: SignedEnvelope, model: type[M], *, public_b64: str
) -> M:
    """Check the envelope's signature against `public_b64`, then parse its body as `model`."""
    if not signing.verify(public_b64, envelope.body.encode("utf-8"), envelope.signature):
        raise ProtocolError(
            "签名校验失败：数据被改动，或不是用已登记的密钥签名的 / "
            "signature check failed: the data was changed or not signed with the enrolled key"
        )
    try:
        return model.model_validate_json(envelope.body)
    except ValidationError as exc:
        raise ProtocolError(
            f"签名正确但内容格式不对：{exc.errors()[0]['msg']} / "
            f"the signature is valid but the content is malformed: {exc}"
        ) from exc
