"""Practice mode for practitioners and admins: invites, the clients' summaries, one client's data (read-only,
every read audited), prescribing, alerts, notes, ending a programme, signing out or removing a practitioner,
resetting a practitioner's two-step sign-in."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Literal
from urllib.parse import quote

from fastapi import APIRouter, Request, Response, status

from crest.accounts.model import Role
from crest.interop.fhir import FhirVersion
from crest.services.accounts import IssuedReset, reset_path
from crest.web.practice_door import Asked, Door, address_of
from crest.web.practice_schemas import (
    ClientDetailOut,
    ClientSummaryOut,
    EndedSignInsOut,
    InviteIn,
    InviteOut,
    OpenInviteOut,
    PractitionerOut,
    PrescriptionIn,
    PrescriptionOut,
    ResetLinkOut,
    ResetSecondFactorIn,
    SessionNoteIn,
)
from crest.web.schemas import ErrorOut, RecordId

router = APIRouter(
    prefix="/practice",
    tags=["practice"],
    responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 404: {"model": ErrorOut}},
)


def invite_url(base_url: str, code: str) -> str:
    return f"{base_url}/invite/{code}"


def reset_url(base_url: str, code: str) -> str:
    return f"{base_url}{reset_path(code)}"


@router.get("/invites", response_model=list[OpenInviteOut])
def open_invites(asker: Asked, door: Door) -> list[OpenInviteOut]:
    """The asker's invitations not yet accepted, newest first: those still open, and those whose link ran out
    (`expires_at` past: the person never joined), listed until withdrawn."""
    return [
        OpenInviteOut(
            id=one.id, role=one.role.value, email=one.email, created_at=one.created_at, expires_at=one.expires_at
        )
        for one in (waiting.invite for waiting in door.accounts.waiting_invites(asker.actor))
    ]


@router.delete("/invites/{invite_id}", status_code=status.HTTP_204_NO_CONTENT)
def withdraw_invite(invite_id: RecordId, request: Request, asker: Asked, door: Door) -> Response:
    """The invitation stops working now (a link sent to the wrong person), or one that ran out leaves the list;
    only whoever made it may."""
    door.accounts.withdraw_invite(asker.actor, invite_id, address_of(request))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def reset_link_out(base_url: str, issued: IssuedReset) -> ResetLinkOut:
    return ResetLinkOut(
        code=issued.code, url=reset_url(base_url, issued.code), email=issued.email, expires_at=issued.expires_at
    )


@router.post("/invites", status_code=status.HTTP_201_CREATED, response_model=InviteOut)
def create_invite(body: InviteIn, request: Request, asker: Asked, door: Door) -> InviteOut:
    """An admin invites practitioners, a practitioner invites clients. The code is shown once (only its hash is
    kept); it works once, within 14 days, and only for `email` when one is given."""
    issued = door.accounts.invite(asker.actor, Role(body.role), body.email, address_of(request))
    return InviteOut(
        code=issued.code, url=invite_url(door.base_url(request), issued.code), expires_at=issued.expires_at
    )


@router.get("/clients", response_model=list[ClientSummaryOut])
def list_clients(request: Request, asker: Asked, door: Door) -> list[ClientSummaryOut]:
    """The practitioner's clients with their summary, who needs attention first."""
    return [ClientSummaryOut.of(row) for row in door.practice.clients(asker.actor, address_of(request))]


@router.get("/clients/{client_id}", response_model=ClientDetailOut)
def client_detail(client_id: RecordId, request: Request, asker: Asked, door: Door) -> ClientDetailOut:
    """One client's data, as they see it themselves (notes only if they share them); 404 for anyone else's."""
    return ClientDetailOut.of(door.practice.client_detail(asker.actor, client_id, address_of(request)))


@router.get(
    "/clients/{client_id}/report.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "the clinician report"}},
)
def client_report(client_id: RecordId, request: Request, asker: Asked, door: Door) -> Response:
    services, report = door.practice.client_report(asker.actor, client_id, address_of(request))
    return Response(
        services.clinician_reports.pdf(report),
        media_type="application/pdf",
        headers={
            "Content-Disposition": client_file_disposition(
                "report", report.client_name or "", report.generated_at.date(), "pdf"
            )
        },
    )


# What no file name may hold on any system a practitioner saves to (Windows the strictest), spaces and controls too,
# and quotes of every kind (a shell or a script that quotes the name breaks on them)
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\s\x00-\x1f\x7f\'`\u2018-\u201f\u00ab\u00bb\u2039\u203a]+')


def client_file_disposition(kind: str, client: str, day: date, extension: str) -> str:
    """A client's download named for the client and the day, 'crest-report-Ann-Lee-2026-12-05.pdf' (an id named
    nobody): in ASCII for any browser, and as typed (Zoë, 李) for those that read RFC 6266's filename*. Invisible
    characters go too (a right-to-left override would show 'fdp.exe' the wrong way round), whatever a name kept
    by an older crest holds."""
    shown = "".join(" " if unicodedata.category(character).startswith("C") else character for character in client)
    typed = _NOT_IN_FILE_NAMES.sub("-", shown).strip("-.")[:60] or "client"
    letters = unicodedata.normalize("NFKD", typed).encode("ascii", "ignore").decode()  # Renée: Renee
    plain = re.sub(r"[^A-Za-z0-9]+", "-", letters).strip("-") or "client"

    def named(who: str) -> str:
        return f"crest-{kind}-{who}-{day.isoformat()}.{extension}"

    return f"attachment; filename=\"{named(plain)}\"; filename*=UTF-8''{quote(named(typed))}"


@router.get(
    "/clients/{client_id}/fhir",
    response_class=Response,
    responses={200: {"content": {"application/fhir+json": {}}, "description": "a FHIR Bundle"}},
)
def client_fhir(
    client_id: RecordId, request: Request, asker: Asked, door: Door, fhir_version: FhirVersion = "R5"
) -> Response:
    bundle = door.practice.client_fhir(asker.actor, client_id, fhir_version, address_of(request))
    # the version in the name as in the person's own export: two versions of one day's bundle are two files
    disposition = client_file_disposition(f"fhir-{fhir_version}", bundle.client_name, bundle.day, "json")
    return Response(bundle.text, media_type="application/fhir+json", headers={"Content-Disposition": disposition})


@router.post("/clients/{client_id}/prescriptions", status_code=status.HTTP_201_CREATED, response_model=PrescriptionOut)
def prescribe(client_id: RecordId, body: PrescriptionIn, request: Request, asker: Asked, door: Door) -> PrescriptionOut:
    """A new version of the client's prescription; the client sees it on Today and practises against it."""
    today = door.practice.client_today(asker.actor, client_id)  # the client's: they may live in another zone
    return PrescriptionOut.of(
        door.practice.prescribe(asker.actor, client_id, body.to_record(today), address_of(request))
    )


@router.post("/clients/{client_id}/alerts/{kind}/acknowledge", status_code=status.HTTP_204_NO_CONTENT)
def acknowledge(
    request: Request,
    client_id: RecordId,
    kind: Literal["severe_pain", "red_flag", "warning_signs", "pain_rising", "no_session_14_days", "no_session_2_days"],
    asker: Asked,
    door: Door,
) -> Response:
    """Hide the alert until something newer raises it again."""
    door.practice.acknowledge(asker.actor, client_id, kind, address_of(request))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/clients/{client_id}/sessions/{session_id}/notes", status_code=status.HTTP_201_CREATED)
def note_session(
    client_id: RecordId, session_id: RecordId, body: SessionNoteIn, request: Request, asker: Asked, door: Door
) -> Response:
    """A short note on one of the client's sessions, which the client reads in their journal."""
    door.practice.note_session(asker.actor, client_id, session_id, body.text, address_of(request))
    return Response(status_code=status.HTTP_201_CREATED)


@router.put(
    "/clients/{client_id}/notes/{note_id}", status_code=status.HTTP_204_NO_CONTENT, responses={422: {"model": ErrorOut}}
)
def edit_note(
    client_id: RecordId, note_id: RecordId, body: SessionNoteIn, request: Request, asker: Asked, door: Door
) -> Response:
    """New words for a note on one of the client's sessions (its id is in the client's `sessions[].notes`), by the
    practitioner who wrote it (403 for anyone else's); the client's crest takes them at its next sync."""
    door.practice.edit_note(asker.actor, client_id, note_id, body.text, address_of(request))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete("/clients/{client_id}/notes/{note_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_note(client_id: RecordId, note_id: RecordId, request: Request, asker: Asked, door: Door) -> Response:
    """Delete a note on one of the client's sessions, by the practitioner who wrote it (403 for anyone else's);
    gone from the client's crest at its next sync."""
    door.practice.delete_note(asker.actor, client_id, note_id, address_of(request))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/clients/{client_id}/end", status_code=status.HTTP_204_NO_CONTENT)
def end_programme(client_id: RecordId, request: Request, asker: Asked, door: Door) -> Response:
    """Stop following the client; every record stays theirs."""
    door.practice.end_programme(asker.actor, client_id, address_of(request))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/practitioners", response_model=list[PractitionerOut])
def practitioners(asker: Asked, door: Door) -> list[PractitionerOut]:
    two_step = door.accounts.practitioners_with_second_factor(asker.actor)
    return [
        PractitionerOut(
            membership_id=membership.id, name=account.name, email=account.email, two_step=membership.id in two_step
        )
        for membership, account in door.accounts.practitioners(asker.actor)
    ]


@router.post(
    "/practitioners/{membership_id}/reset-link", status_code=status.HTTP_201_CREATED, response_model=ResetLinkOut
)
def practitioner_reset_link(membership_id: RecordId, request: Request, asker: Asked, door: Door) -> ResetLinkOut:
    """The admin: a one-time link for a practitioner who forgot their password (works once, within 24 hours)."""
    issued = door.accounts.reset_link_for_practitioner(asker.actor, membership_id, address_of(request))
    return reset_link_out(door.base_url(request), issued)


@router.post("/practitioners/{membership_id}/sessions/end", response_model=EndedSignInsOut)
def end_practitioner_sign_ins(membership_id: RecordId, request: Request, asker: Asked, door: Door) -> EndedSignInsOut:
    """The admin signs a practitioner out everywhere (a laptop stolen) and keeps them in the practice: every
    sign-in session of theirs ends at once."""
    ended = door.accounts.end_practitioner_sign_ins(asker.actor, membership_id, address_of(request))
    return EndedSignInsOut(ended=ended)


@router.post(
    "/practitioners/{membership_id}/two-factor/reset",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={429: {"model": ErrorOut}},
)
def reset_practitioner_second_factor(
    membership_id: RecordId, body: ResetSecondFactorIn, request: Request, asker: Asked, door: Door
) -> Response:
    """The admin resets the two-step sign-in of a practitioner who lost their phone and recovery codes, with the
    admin's own password and code: the practitioner is signed out everywhere and, at their next sign-in, is told
    and sets up a new authenticator app. Only for someone you know it is asking."""
    renewed = door.accounts.reset_practitioner_second_factor(
        asker.actor, asker.token, membership_id, body.password, body.second_factor_code, address_of(request)
    )
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    door.keep_signed_in(response, request, renewed)
    return response


@router.delete("/practitioners/{membership_id}", status_code=status.HTTP_204_NO_CONTENT)
def remove_practitioner(membership_id: RecordId, request: Request, asker: Asked, door: Door) -> Response:
    """The practitioner leaves the practice: their sessions end at once and they follow no client any more."""
    door.accounts.remove_practitioner(asker.actor, membership_id, address_of(request))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
