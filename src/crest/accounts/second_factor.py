"""The second factor of practice mode: time-based one-time codes (TOTP, RFC 6238: 6 digits, 30 seconds, SHA-1, as
every authenticator app reads them) and single-use recovery codes. Pure: the time comes in, nothing is stored here.

A code is good for its own 30-second step and one step either side (a phone's clock a little off), and only for a
step later than the last one the account used: a code seen over someone's shoulder cannot be used again.
"""

from __future__ import annotations

import hmac
import re
import secrets
from datetime import datetime

import pyotp
import segno

STEP_SECONDS = 30  # RFC 6238's default, the one authenticator apps assume (ASVS 5.0 6.5.5: at most 30 s)
DIGITS = 6
DRIFT_STEPS = 1  # one step before or after the server's own
SECRET_BYTES = 20  # 160 bits, RFC 4226's recommended length for an HMAC-SHA-1 key
RECOVERY_CODES = 10
# 12 digits each (about 40 bits), kept only as argon2id hashes (ASVS 5.0 6.5.2, 6.5.4); digits only, as the code
# fields bring up a phone's number pad (inputmode="numeric"), which has no letters to type a recovery code with
RECOVERY_CODE_DIGITS = 12
ISSUER = "crest"
# [0-9], not \d: \d takes any script's digits, which hmac.compare_digest refuses (a 500, not a wrong code)
_CODE = re.compile(rf"^[0-9]{{{DIGITS}}}$")


def new_secret() -> str:
    """A new TOTP secret in base32, as authenticator apps take it (from a CSPRNG: ASVS 5.0 6.5.3)."""
    return pyotp.random_base32(length=SECRET_BYTES * 8 // 5)


def step_at(moment: datetime) -> int:
    return int(moment.timestamp()) // STEP_SECONDS


def code_at(secret: str, step: int) -> str:
    """The code an authenticator app shows during `step` (the tests' authenticator too)."""
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).generate_otp(step)


def cleaned_code(typed: str) -> str:
    """What was typed, without the spaces and dashes people and apps put in codes."""
    return re.sub(r"[\s-]", "", typed if isinstance(typed, str) else "").lower()


def looks_like_totp(typed: str) -> bool:
    return _CODE.fullmatch(cleaned_code(typed)) is not None


def matching_step(secret: str, typed: str, now: datetime, last_step: int | None) -> int | None:
    """The time step whose code `typed` is, within the drift allowed and later than `last_step`; None if none."""
    code = cleaned_code(typed)
    if _CODE.fullmatch(code) is None:
        return None
    current = step_at(now)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if (last_step is None or step > last_step) and hmac.compare_digest(code_at(secret, step), code):
            return step
    return None


def new_recovery_codes() -> list[str]:
    """Ten codes like `4821-0937-5562`, each good once, for a lost phone."""
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = f"{secrets.randbelow(10**RECOVERY_CODE_DIGITS):0{RECOVERY_CODE_DIGITS}d}"
        codes.append("-".join(raw[i : i + 4] for i in range(0, RECOVERY_CODE_DIGITS, 4)))
    return codes


def provisioning_uri(secret: str, account_name: str, issuer: str = ISSUER) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).provisioning_uri(
        name=account_name, issuer_name=issuer
    )


def qr_svg(uri: str, title: str) -> str:
    """The QR code of `uri` as inline SVG, drawn here (no other server is asked); dark on light whatever the page's
    theme, as cameras read it best, with its quiet zone."""
    code = segno.make(uri, error="m")
    svg: str = code.svg_inline(scale=5, border=4, dark="#000", light="#fff", title=title, svgclass="qr-code")
    return svg


def grouped(secret: str) -> str:
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
