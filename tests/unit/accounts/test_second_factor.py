"""The codes of crest.accounts.second_factor: RFC 6238's own test values, one step of drift either side, no step
twice, recovery codes, the QR code drawn here."""

import base64
import re
from datetime import UTC, datetime, timedelta

from crest.accounts.second_factor import (
    RECOVERY_CODES,
    cleaned_code,
    code_at,
    looks_like_totp,
    matching_step,
    new_recovery_codes,
    new_secret,
    provisioning_uri,
    qr_svg,
    step_at,
)

# RFC 6238, appendix B: the SHA-1 key, and its 8-digit codes at these times; authenticator apps show the last 6.
RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()
RFC_CODES = {59: "94287082", 1111111109: "07081804", 1234567890: "89005924", 2000000000: "69279037"}
NOW = datetime(2026, 5, 6, 17, 30, 10, tzinfo=UTC)


def test_the_codes_are_rfc_6238s() -> None:
    for seconds, code in RFC_CODES.items():
        assert code_at(RFC_SECRET, step_at(datetime.fromtimestamp(seconds, UTC))) == code[-6:]


def test_a_code_is_good_for_its_step_and_one_either_side_and_never_twice() -> None:
    secret = new_secret()
    now = step_at(NOW)
    for offset in (-1, 0, 1):
        assert matching_step(secret, code_at(secret, now + offset), NOW, None) == now + offset
    for offset in (-2, 2):
        assert matching_step(secret, code_at(secret, now + offset), NOW, None) is None
    assert matching_step(secret, code_at(secret, now), NOW, last_step=now) is None  # used: never again
    assert matching_step(secret, code_at(secret, now + 1), NOW, last_step=now) == now + 1
    assert matching_step(secret, code_at(secret, now), NOW + timedelta(seconds=30), last_step=now - 1) == now


def test_what_is_typed_is_read_kindly_but_only_six_digits_are_a_code() -> None:
    secret = new_secret()
    code = code_at(secret, step_at(NOW))
    assert matching_step(secret, f" {code[:3]} {code[3:]} ", NOW, None) == step_at(NOW)
    assert looks_like_totp("123 456") and looks_like_totp("123-456")
    assert not looks_like_totp("12345") and not looks_like_totp("1234567") and not looks_like_totp("abcdef")
    assert cleaned_code(" AB12C-de34F ") == "ab12cde34f"
    # another script's digits are not a code (hmac.compare_digest takes only ASCII strings)
    assert not looks_like_totp("\u0661\u0662\u0663\u0664\u0665\u0666") and not looks_like_totp("\uff11" * 6)
    assert matching_step(secret, "\u0661\u0662\u0663\u0664\u0665\u0666", NOW, None) is None


def test_secrets_and_recovery_codes_are_new_each_time() -> None:
    secrets = {new_secret() for _ in range(20)}
    assert len(secrets) == 20 and all(len(base64.b32decode(one)) == 20 for one in secrets)  # 160 bits
    codes = new_recovery_codes()
    assert len(codes) == RECOVERY_CODES == len(set(codes))
    # digits only: the code fields bring up a phone's number pad (inputmode="numeric"), which has no letters
    assert all(re.fullmatch(r"\d{4}-\d{4}-\d{4}", code) for code in codes), codes
    assert not any(looks_like_totp(code) for code in codes)  # never taken for the app's 6 digits


def test_the_qr_code_is_inline_svg_that_asks_nothing_of_another_server() -> None:
    uri = provisioning_uri("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "pat@clinic.example")
    assert uri == "otpauth://totp/crest:pat%40clinic.example?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=crest"
    svg = qr_svg(uri, "QR code for your authenticator app")
    assert svg.startswith("<svg") and "<title>QR code for your authenticator app</title>" in svg
    assert "http" not in svg and "style=" not in svg and "<script" not in svg
