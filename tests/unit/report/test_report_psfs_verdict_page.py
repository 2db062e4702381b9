"""The daily activities' verdict is printed on the page of the scores it judges. Walked (s46 walk_report L1): a page
of the PDF began 'Better. Daily activities (PSFS): average 4.0 → 6.0', its table left on the page before."""

import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from crest.insights.report import ClinicianReport, Period, report_data
from crest.journal.records import PainRating
from crest.journal.vocabulary import Region, Side
from crest.report.render import report_pdf
from support.practice_history import daily_practice

FIRST = date(2026, 11, 2)


def test_no_page_begins_with_the_daily_activities_verdict() -> None:
    history = daily_practice(FIRST, 28, UTC)
    # the left knee rated too: one row more before the daily activities brings the page's end to their verdict
    check_ins = [replace(c, pain=(*c.pain, PainRating(Region.KNEE, 3, Side.LEFT))) for c in history.check_ins]
    period = Period(FIRST, FIRST + timedelta(days=27))
    data = report_data(history.sessions, check_ins, history.psfs, UTC, period, 7, today=period.last_day)
    made = datetime(2026, 11, 29, 20, tzinfo=UTC)
    pdf = report_pdf(ClinicianReport(data, made, "UTC", None, "crest is not medical advice."))
    pages = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    tops = [page.strip().splitlines()[0] for page in pages.split("\f") if page.strip()]
    verdict = f"{data.psfs.verdict.label[:1].upper()}{data.psfs.verdict.label[1:]}. Daily activities"
    assert not [top for top in tops if top.startswith(verdict)], tops
