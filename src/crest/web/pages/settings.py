"""Settings: the next session's defaults, voice and chime, height for the position check, theme, streaks, goal and
reminder; and your data (restore, delete everything: pages/your_data.py)."""

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from crest.insights.practice import DEFAULT_WEEKLY_GOAL
from crest.interop.ical import Weekday, day_names
from crest.posture.heights import SHORTEST_HEIGHT_CM, TALLEST_HEIGHT_CM
from crest.services.fingerprints import fingerprint
from crest.services.practice_link import LinkDamaged, PracticeLink, nobody_follows
from crest.services.preferences import Preferences
from crest.services.reminders import ALARM_CAVEAT, PrescribedReminder, replace_or_stop
from crest.services.safety import NO_REMINDER, ReminderNotAdvised
from crest.services.transfer import Imported
from crest.web.api.reminders import calendar_download
from crest.web.context import WebContext
from crest.web.form_words import form_problems
from crest.web.pages.common import Context, SubmittedForm, page_router
from crest.web.presenters import friendly_date, friendly_time
from crest.web.templating import render

router = page_router()
MAX_SOURCE_CHARACTERS = 200  # a restored file's name as the notice after it names it


@router.get("/settings", name="settings_page")
def settings_page(request: Request, context: Context, saved: bool = False, deleted: bool = False) -> Response:
    preferences = context.services.preferences.current()
    restored = restore_notice(request.query_params)  # carried by the redirect after a restore
    return settings_view(request, context, preferences, saved=saved, deleted=deleted, data_notice=restored)


# A tab opened before another saved: its save would put back what the other changed (a reminder time, say).
CHANGED_ELSEWHERE = (
    "Your settings were changed in another tab or window after this page was opened, so nothing was saved here: "
    "this is how they are now; make your change again"
)
# The form's second button saves, then downloads the reminder as the form now has it: a link beside the form gave
# the reminder saved before, whatever the form showed.
THEN_DOWNLOAD_REMINDER = "download_reminder"


@router.post("/settings")
def save_settings_page(request: Request, context: Context, form: SubmittedForm) -> Response:
    submitted: dict[str, object] = {
        "default_minutes": form.get("default_minutes"),
        "default_variant": form.get("default_variant"),
        "height_cm": form.get("height_cm") or None,
        "theme": form.get("theme") or "system",
        "voice": form.get("voice") == "on",
        "chime": form.get("chime") == "on",
        "show_streaks": form.get("show_streaks") == "on",
    }
    preferences_store = context.services.preferences
    current = preferences_store.current()
    shown = form.get("shown")
    if shown is not None and shown != fingerprint(current):  # a page without it (a script) saves as before
        return settings_view(request, context, current, error=CHANGED_ELSEWHERE, status_code=409)
    submitted |= _goal(form, current)
    submitted["chime_volume"] = form.get("chime_volume") or current.chime_volume  # a form without it keeps it
    if "reminder_time" in form:  # the reminder fields are on the form: an unticked day is a choice
        submitted["reminder_time"] = form.get("reminder_time", "")
        submitted["second_reminder_time"] = form.get("second_reminder_time") or None
        submitted["reminder_days"] = ",".join(day.value for day in Weekday if form.get(f"reminder_{day.value}") == "on")
        submitted["reminder_zone"] = form.get("reminder_zone") or None
    else:
        submitted |= {"reminder_time": current.reminder_time, "reminder_days": current.reminder_days}
        submitted["second_reminder_time"] = current.second_reminder_time
        submitted["reminder_zone"] = current.reminder_zone
    try:
        preferences = Preferences.model_validate(submitted)
    except ValidationError as error:
        # The days are tick boxes here: the one way to get them wrong is to tick none.
        problems = form_problems(error.errors(), context.protocol, {"reminder_days": "tick at least one day"})
        message = " ".join(problem.sentence for problem in problems)
        return settings_view(request, context, current, error=message, status_code=422, sent=_as_sent(form, current))
    preferences_store.save(preferences)
    if form.get("then") == THEN_DOWNLOAD_REMINDER:
        return calendar_download(context.services.reminders.calendar())
    return RedirectResponse(str(request.url_for("settings_page")) + "?saved=true", status_code=303)


def _goal(form: Mapping[str, str], current: Preferences) -> dict[str, object]:
    """A number in the goal field is the person's own goal, 7 included; the field left empty is crest's suggestion
    (the page shows it empty while it is); a form without the field (a script) keeps the goal as it is."""
    typed = form.get("weekly_goal_sessions")
    if typed is None:
        return {"weekly_goal_sessions": current.weekly_goal_sessions, "weekly_goal_chosen": current.weekly_goal_chosen}
    if not typed.strip():
        return {"weekly_goal_sessions": DEFAULT_WEEKLY_GOAL, "weekly_goal_chosen": False}
    return {"weekly_goal_sessions": typed, "weekly_goal_chosen": True}


def restore_notice(query: Mapping[str, str]) -> str | None:
    """The words for a restore that the redirect after it carries (`restored_query`), or None when the address
    carries none (or counts that are no counts: then nothing is said rather than something wrong)."""
    if query.get("restored") not in ("file", "merged"):
        return None
    try:
        counts = {field.name: int(query.get(field.name, "0")) for field in fields(Imported)}
    except ValueError:
        return None
    if any(count < 0 for count in counts.values()):
        return None
    return _described(Imported(**counts), query["restored"] == "merged", query.get("source") or "the file")


def restored_query(imported: Imported, merged: bool, source: str) -> str:
    """The counts of a restore as the address of the page after it: only numbers and the file's name travel."""
    counts = {name: count for name, count in asdict(imported).items() if count}
    return urlencode({"restored": "merged" if merged else "file", "source": source[:MAX_SOURCE_CHARACTERS], **counts})


def _described(imported: Imported, merged: bool, source: str) -> str:
    counts = ", ".join(imported.counts())
    if nothing_new := imported.nothing_new(source):
        return nothing_new
    breath = imported.breath_not_restored()
    left_out = f" {breath}" if breath else ""
    if merged:  # a count of none is left unsaid, as in the counts
        skipped = f" Already here, so skipped: {imported.skipped}." if imported.skipped else ""
        return f"Restored. Added: {counts}.{skipped}{left_out}"
    return f"Restored: {counts}.{left_out}"


@dataclass(frozen=True)
class SentSettings:
    """The form as it was sent, shown again beside its refusal: nothing typed is lost, the wrong field included."""

    default_minutes: str
    default_variant: str
    height_cm: str
    theme: str
    voice: bool
    chime: bool
    chime_volume: str
    show_streaks: bool
    own_weekly_goal: str
    reminder_time: str
    second_reminder_time: str
    weekdays: tuple[Weekday, ...]
    reminder_zone: str


def _as_sent(form: dict[str, str], current: Preferences) -> SentSettings:
    reminder_on_form = "reminder_time" in form  # as when saving: without the reminder fields, the stored ones stand
    return SentSettings(
        default_minutes=form.get("default_minutes", ""),
        default_variant=form.get("default_variant", ""),
        height_cm=form.get("height_cm", ""),
        theme=form.get("theme") or "system",
        voice=form.get("voice") == "on",
        chime=form.get("chime") == "on",
        chime_volume=form.get("chime_volume") or current.chime_volume,
        show_streaks=form.get("show_streaks") == "on",
        own_weekly_goal=form.get("weekly_goal_sessions", ""),
        reminder_time=form.get("reminder_time", "") if reminder_on_form else current.reminder_time,
        second_reminder_time=(
            form.get("second_reminder_time", "") if reminder_on_form else current.second_reminder_time or ""
        ),
        weekdays=(
            tuple(day for day in Weekday if form.get(f"reminder_{day.value}") == "on")
            if reminder_on_form
            else current.weekdays
        ),
        reminder_zone=form.get("reminder_zone", "") if reminder_on_form else current.reminder_zone or "",
    )


def settings_view(
    request: Request,
    context: WebContext,
    preferences: Preferences,
    status_code: int = 200,
    sent: SentSettings | None = None,
    **values: Any,
) -> Response:
    """The Settings page with these preferences (a refused form: as it was `sent`) and any notice or error in
    `values`."""
    served: WebContext = request.app.state.context
    services = context.services
    hold = services.transfer.urgent_hold_until()  # the delete form and its confirmation both say it stays
    try:  # the download's own gate: no button to a file it would refuse, the reason in its place
        services.safety.require_may_be_reminded()
        reminder_refused = None
    except ReminderNotAdvised as refused:
        reminder_refused = refused.message.removeprefix(NO_REMINDER)
    return render(
        request,
        "settings.html",
        status_code=status_code,
        active="settings_page",
        settings=preferences if sent is None else sent,
        timing=context.protocol.timing,
        variants=context.protocol.variants,
        weekdays=list(Weekday),
        default_weekly_goal=DEFAULT_WEEKLY_GOAL,
        reminder_zone=context.services.reminders.zone(preferences),
        own_zone=context.local_zone,
        prescribed_reminder=_prescribed_reminder(context.services.reminders.prescribed(preferences)),
        reminder_refused=reminder_refused,
        alarm_caveat=f"{ALARM_CAVEAT} {replace_or_stop(len(preferences.reminder_times))}",
        then_download_reminder=THEN_DOWNLOAD_REMINDER,
        shown=fingerprint(preferences),  # what is saved now, even beside a refused form's own values
        shortest_height_cm=SHORTEST_HEIGHT_CM,
        tallest_height_cm=TALLEST_HEIGHT_CM,
        # Practice mode: the journal and the clock are the practice server's, not the computer the page is on.
        on_practice_server=served.for_request is not None,
        home_zone=services.preferences.home_zone(),
        urgent_hold_until=None if hold is None else friendly_time(hold, services.zone, services.clock()),
        **({} if context.services.link is None else _practice_link(context.services.link)),
        **values,
    )


def _prescribed_reminder(prescribed: PrescribedReminder | None) -> str | None:
    """What the downloaded reminder follows while a prescription stands: the fields below do not decide it then."""
    if prescribed is None:
        return None
    days = day_names(prescribed.days)
    since = "" if prescribed.first_day is None else f", from {friendly_date(prescribed.first_day)}"
    until = "" if prescribed.last_day is None else f", until {friendly_date(prescribed.last_day)}"
    if prescribed.at is None:
        return f"Your prescription sets the reminder's days: {days}{since}{until}; the time below is yours."
    sets = f"Your prescription sets the reminder: {prescribed.at}, {days}{since}{until}."
    return f"{sets} The time and days below take over when it ends."


def _practice_link(link: PracticeLink) -> dict[str, Any]:
    """The link as the last sync left it: who it goes to, and whether anyone there still follows the person."""
    try:
        status = link.status()
    except LinkDamaged as damaged:  # one card of the page: the settings, backup and restore stay usable
        return {"practice_link": None, "link_damaged": str(damaged), "nobody_follows": None}
    unfollowed = None if status is None or status.followed else nobody_follows(status.practice, status.programme_ended)
    return {"practice_link": status, "nobody_follows": unfollowed}
