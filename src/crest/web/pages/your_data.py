"""Your data, on the Settings page: restore a backup (or merge it into what is here), and delete everything after
typing the word that confirms it. Both are forms, so they work without JavaScript."""

from typing import Annotated

from fastapi import File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from crest.errors import CrestError
from crest.journal.merging import JournalNotEmpty
from crest.journal.transfer import NotAnExportFile
from crest.web.pages.common import Context, page_router
from crest.web.pages.settings import restored_query, settings_view

router = page_router()
CONFIRMATION = "delete"  # typed, not clicked: nothing else on the page deletes everything


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
        elif isinstance(error, NotAnExportFile):  # the page's own buttons, not the terminal's command
            message = error.in_browser()
        return settings_view(
            request, context, services.preferences.current(), status_code=error.http_status, data_error=message
        )
    # Redirected, as a saved form is: a reload, or the tab reopened, shows what was restored rather than "That did
    # not work", and never sends the file again.
    settings = str(request.url_for("settings_page"))
    return RedirectResponse(f"{settings}?{restored_query(imported, merge, source)}", status_code=303)


@router.post("/settings/delete-everything", name="delete_everything")
def delete_everything(request: Request, context: Context, confirmation: Annotated[str, Form()] = "") -> Response:
    services = context.services
    if confirmation.strip().lower() != CONFIRMATION:
        message = f"Nothing was deleted. To delete everything, type {CONFIRMATION} in the box."
        return settings_view(request, context, services.preferences.current(), status_code=422, data_error=message)
    services.transfer.delete_everything()
    return RedirectResponse(str(request.url_for("settings_page")) + "?deleted=true", status_code=303)


# A refused restore or deletion is answered at the address its form was sent to: opened again from there (a tab
# reopened, the history), it is the Settings page, not "That did not work". `context`: to whom Settings is open.
@router.get("/settings/restore", name="restore_data_reopened")
def restore_reopened(request: Request, context: Context) -> Response:
    return RedirectResponse(str(request.url_for("settings_page")), status_code=303)


@router.get("/settings/delete-everything", name="delete_everything_reopened")
def delete_everything_reopened(request: Request, context: Context) -> Response:
    return RedirectResponse(str(request.url_for("settings_page")), status_code=303)
