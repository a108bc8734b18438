"""Ed25519 keys, signatures and the signed QR text of printed documents (DESIGN §7)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from hukou.domain import signing

CASE = "3f2b8c1e-9d4a-4e6b-8a1f-0c2d3e4f5a6b"


@pytest.fixture(scope="module")
def key() -> str:
    return signing.generate_signing_key()


def _qr(key: str, **overrides: object) -> str:
    fields: dict[str, object] = {"case_uuid": CASE, "kind": "receipt", "serial": "R2026000123",
                                 "station_code": "110101001", "issued": date(2026, 11, 22)}
    fields.update(overrides)
    return signing.make_qr_text(key, **fields)  # type: ignore[arg-type]


def test_a_signature_verifies_only_for_the_same_bytes_and_key(key: str) -> None:
    other = signing.generate_signing_key()
    signature = signing.sign(key, b"batch 1")
    assert "=" not in signature and len(signature) == 86
    assert signing.verify(signing.public_key_b64(key), b"batch 1", signature)
    assert not signing.verify(signing.public_key_b64(key), b"batch 2", signature)
    assert not signing.verify(signing.public_key_b64(other), b"batch 1", signature)
    assert not signing.verify(signing.public_key_b64(key), b"batch 1", "x" * 86)


def test_a_bad_key_is_a_clear_error() -> None:
    with pytest.raises(signing.SigningKeyError, match="32"):
        signing.sign("c2hvcnQ=", b"x")
    with pytest.raises(signing.SigningKeyError, match="base64"):
        signing.verify("not base64!", b"x", "A" * 86)


def test_the_qr_text_has_the_agreed_layout(key: str) -> None:
    text = _qr(key)
    parts = text.split("|")
    assert parts[:6] == ["HK1", "110101001", CASE, "receipt", "R2026000123", "20261122"]
    payload = signing.verify_qr_text(text, signing.public_key_b64(key))
    assert payload.issued == date(2026, 11, 22)
    assert payload.case_uuid == CASE and payload.kind == "receipt"
    assert signing.verify(signing.public_key_b64(key),
                          text.rsplit("|", 1)[0].encode("utf-8"), parts[6])


@pytest.mark.parametrize("position", [1, 2, 3, 4, 5])
def test_changing_any_field_of_the_qr_text_breaks_the_signature(key: str, position: int) -> None:
    parts = _qr(key).split("|")
    replacement = {1: "110101002", 2: CASE.replace("3f", "4f"), 3: "permit", 4: "R2026000124",
                   5: "20261123"}
    parts[position] = replacement[position]
    with pytest.raises(signing.QrSignatureError):
        signing.verify_qr_text("|".join(parts), signing.public_key_b64(key))


def test_another_stations_key_does_not_verify(key: str) -> None:
    with pytest.raises(signing.QrSignatureError, match="签名不符"):
        signing.verify_qr_text(_qr(key), signing.public_key_b64(signing.generate_signing_key()))


@pytest.mark.parametrize("text", [
    "", "hello", "HK2|110101001|x|receipt|1|20261122|sig",
    f"HK1|110101001|{CASE}|receipt|R1|20261322|" + "A" * 86,
    "HK1|110101001|not-a-uuid|receipt|R1|20261122|" + "A" * 86,
    f"HK1|110101001|{CASE}|receipt|R1|20261122|short",
])
def test_malformed_qr_text_is_refused_with_a_message(text: str) -> None:
    with pytest.raises(signing.InvalidQrText, match=" / "):
        signing.parse_qr_text(text)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    root = Path(__file__).resolve().parents[1]
    return subprocess.run([sys.executable, "-m", "hukou.cli", *args], capture_output=True,
                          text=True, cwd=root, env={"PYTHONPATH": str(root / "desktop"),
                                                    "PATH": "/usr/bin:/bin"}, check=False)


def test_verify_qr_command_exit_codes(key: str, tmp_path: Path) -> None:
    text = _qr(key)
    public = signing.public_key_b64(key)
    genuine = _cli("verify-qr", text, "--public-key", public)
    assert genuine.returncode == 0, genuine.stderr
    assert "genuine" in genuine.stdout
    forged = _cli("verify-qr", text.replace("receipt", "permit"), "--public-key", public)
    assert forged.returncode == 1
    assert "NOT GENUINE" in forged.stdout
    malformed = _cli("verify-qr", "HK1|garbage", "--public-key", public)
    assert malformed.returncode == 2
    assert malformed.stderr.startswith("hukou: ") and "Traceback" not in malformed.stderr
