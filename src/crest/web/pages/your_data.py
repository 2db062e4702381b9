"""Your data, on the Settings page: restore a backup (or merge it into what is here), and delete everything after
typing the word that confirms it. Both are forms, so they work without JavaScript."""

from typing import Annotated

from fastapi import File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from crest.errors import CrestError
from crest.journal.merging import JournalNotEmpty
from crest.services.transfer import Imported
from crest.web.pages.common import Context, page_router
from crest.web.pages.settings import settings_view

router = page_router()
CONFIRMATION = "delete"  # typed, not clicked: nothing else on the page deletes everything


def _described(imported: Imported, merged: bool, source: str) -> str:
    counts = ", ".join(imported.counts())
    if nothing_new := imported.nothing_new(source):
        return nothing_new
    if merged:
        return f"Restored. Added: {counts}. Already here, so skipped: {imported.skipped}."
    return f"Restored: {counts}."


@router.post("/settings/restore", name="restore_data")
def restore(
    request: Request,
    context: Context,
    file: Annotated[UploadFile, File(description="a file from Export (JSON or the CSV zip)")],
    merge: Annotated[bool, Form()] = False,
) -> Response:
    services = context.services
    source = file.filename or "the file"
    try:
        imported = services.transfer.import_data(file.file.read(), source, merge=merge)
    except CrestError as error:
        message = error.message
        if isinstance(error, JournalNotEmpty):  # the way out on this page is the box, not a command
            message = (
                f"Nothing was restored: this journal is not empty ({error.found}). To add only what the file does "
                "not hold yet, tick “Add it to what is already here” and restore it again."
            )
        return settings_view(
            request, context, services.preferences.current(), status_code=error.http_status, data_error=message
        )
    notice = _described(imported, merge, source)
    return settings_view(request, context, services.preferences.current(), data_notice=notice)


@router.post("/settings/delete-everything", name="delete_everything")
def delete_everything(request: Request, context: Context, confirmation: Annotated[str, Form()] = "") -> Response:
    services = context.services
    if confirmation.strip().lower() != CONFIRMATION:
        message = f"Nothing was deleted. To delete everything, type {CONFIRMATION} in the box."
        return settings_view(request, context, services.preferences.current(), status_code=422, data_error=message)
    services.transfer.delete_everything()
    return RedirectResponse(str(request.url_for("settings_page")) + "?deleted=true", status_code=303)
