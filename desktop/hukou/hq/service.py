"""The headquarters HTTP API (FastAPI): enrolment, push, pull, QR verification; and the
offline way: importing a station's bundle, exporting HQ's reply file for it.

Stations sign what they send (push and pull bodies) with the key they enrolled; HQ signs
what a station pulls, so decisions and policy packs cannot be forged on the way back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, HTTPException, status

from hukou import __version__
from hukou.domain import signing
from hukou.hq.store import HqError, HqStore
from hukou.sync import bundle as bundle_format
from hukou.sync.protocol import (
    Batch,
    EnrolRequest,
    EnrolResponse,
    ErrorResponse,
    ProtocolError,
    PullRequest,
    PushResponse,
    SignedEnvelope,
    VerifyRequest,
    VerifyResponse,
    open_envelope,
    seal,
)
from hukou.sync.replies import Replies, write_replies

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "malformed or wrongly signed"},
    403: {"model": ErrorResponse, "description": "station not enrolled, or code refused"},
}


@dataclass(frozen=True)
class ImportReport:
    bundle_id: str
    station_code: str
    applied: int
    duplicates: int
    conflicts: int
    rejected: int


def import_bundle(store: HqStore, data: bytes) -> ImportReport:
    """Apply an offline bundle through the same idempotent path as a push."""
    keys = store.keys()

    def public_key(code: str) -> str | None:
        station = store.station(code)
        return station.public_key if station else None

    try:
        bundle = bundle_format.read_bundle(
            data, hq_encryption_private_b64=keys.encryption_private, station_public_key=public_key
        )
    except bundle_format.BundleError as exc:
        raise HqError(str(exc)) from exc
    results = store.apply_changes(
        bundle.station_code, bundle.changes, source=f"bundle:{bundle.bundle_id}",
        bundle_id=bundle.bundle_id, bundle_created_at=bundle.created_at,
        station_cursor=bundle.cursor,
    )
    counts = {s: sum(1 for r in results if r.status == s)
              for s in ("applied", "duplicate", "conflict", "rejected")}
    return ImportReport(bundle.bundle_id, bundle.station_code, counts["applied"],
                        counts["duplicate"], counts["conflict"], counts["rejected"])


def export_replies(store: HqStore, station_code: str) -> tuple[bytes, Replies]:
    """The reply file for an offline station: signed by HQ, encrypted to the station."""
    station = store.station(station_code)
    if station is None:
        raise HqError(f"派出所 {station_code} 未在指挥中心登记，无法导出回执 / station "
                      f"{station_code} is not enrolled at headquarters; nothing to export")
    replies = store.export_replies(station_code)
    data = write_replies(replies, hq_signing_private_b64=store.keys().signing_private,
                         station_public_b64=station.public_key)
    return data, replies


def create_app(store: HqStore) -> FastAPI:
    app = FastAPI(
        title="Hukou Counter headquarters",
        version=__version__,
        description="Receives every station's cases; sends back decisions and policy packs.",
    )
    keys = store.keys()

    def station_key(code: str) -> str:
        station = store.station(code)
        if station is None:
            raise HTTPException(
                status.HTTP_403_FORBIDDEN,
                f"派出所 {code} 未在指挥中心登记，请先运行 hukou sync enrol / "
                f"station {code} is not enrolled at headquarters; run `hukou sync enrol` first",
            )
        return station.public_key

    @app.get("/v1/health", summary="liveness and HQ public keys")
    def health() -> dict[str, str]:
        return {
            "status": "ok",
            "version": __version__,
            "hq_signing_public_key": keys.signing_public,
            "hq_encryption_public_key": keys.encryption_public,
        }

    @app.post("/v1/enrol", response_model=EnrolResponse, responses=_ERRORS,
              summary="register a station's public key with a one-time code")
    def enrol(request: EnrolRequest) -> EnrolResponse:
        try:
            signing.check_public_key(request.public_key)
        except signing.SigningKeyError as exc:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from exc
        try:
            store.enrol(code=request.code, station_code=request.station_code,
                        name=request.station_name, public_key=request.public_key)
        except HqError as exc:
            raise HTTPException(status.HTTP_403_FORBIDDEN, str(exc)) from exc
        return EnrolResponse(
            station_code=request.station_code,
            hq_signing_public_key=keys.signing_public,
            hq_encryption_public_key=keys.encryption_public,
        )

    @app.post("/v1/push", response_model=PushResponse, responses=_ERRORS,
              summary="apply a signed batch of outbox changes, idempotently")
    def push(envelope: SignedEnvelope) -> PushResponse:
        try:
            batch = open_envelope(envelope, Batch, public_b64=station_key(envelope.signer))
        except (ProtocolError, signing.SigningKeyError) as exc:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from exc
        if batch.station_code != envelope.signer:
            raise HTTPException(status.HTTP_400_BAD_REQUEST,
                                "批次中的站点与签名站点不符 / "
                                "the batch's station is not the signer")
        results = store.apply_changes(batch.station_code, batch.changes,
                                      source=f"batch:{batch.batch_seq}",
                                      batch_seq=batch.batch_seq)
        return PushResponse(batch_seq=batch.batch_seq, results=results)

    @app.post("/v1/pull", response_model=SignedEnvelope, responses=_ERRORS,
              summary="decisions, conflicts and policy packs since a cursor, signed by HQ")
    def pull(envelope: SignedEnvelope) -> SignedEnvelope:
        try:
            request = open_envelope(envelope, PullRequest, public_b64=station_key(envelope.signer))
        except (ProtocolError, signing.SigningKeyError) as exc:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from exc
        if request.station_code != envelope.signer:
            raise HTTPException(status.HTTP_400_BAD_REQUEST,
                                "请求中的站点与签名站点不符 / "
                                "the request's station is not the signer")
        response = store.pull(request.station_code, request.cursor, request.limit)
        return seal(response, signer="hq", private_b64=keys.signing_private)

    @app.post("/v1/verify", response_model=VerifyResponse,
              summary="check a printed document's QR text")
    def verify(request: VerifyRequest) -> VerifyResponse:
        try:
            payload = signing.parse_qr_text(request.qr_text)
        except signing.InvalidQrText as exc:
            return VerifyResponse(genuine=False, reason=str(exc))
        station = store.station(payload.station_code)
        facts = {"station_code": payload.station_code, "kind": payload.kind,
                 "serial": payload.serial, "issued": payload.issued.isoformat()}
        if station is None:
            return VerifyResponse(
                genuine=False, **facts,
                reason=f"签发站点 {payload.station_code} 未在指挥中心登记 / "
                       f"the issuing station {payload.station_code} is not enrolled",
            )
        try:
            signing.verify_qr_text(request.qr_text, station.public_key)
        except signing.QrSignatureError as exc:
            return VerifyResponse(genuine=False, reason=str(exc), **facts)
        summary = store.case_summary(payload.case_uuid)
        if summary is None or summary.station_code != payload.station_code:
            return VerifyResponse(
                genuine=True, **facts,
                reason="签名真实，但该案件尚未同步到指挥中心 / the signature is genuine, "
                       "but the case has not reached headquarters yet",
            )
        return VerifyResponse(genuine=True, case=summary, **facts,
                              reason="文书真实 / the document is genuine")

    return app
