"""The report's PDF is tagged: a screen reader, or a clinician's records system, finds its language, its title (shown
by a viewer instead of the file's name), its headings, lists and tables with header cells, and its chart as a figure
whose alternative text says what the chart shows; the structure follows the page, a warning sign before the chart."""

import re
import subprocess
import zlib
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from html import unescape
from pathlib import Path

from crest.insights.report import ClinicianReport, Concern, Period, SafetySummary, report_data
from crest.journal.records import CheckIn, PainRating
from crest.journal.vocabulary import Region
from crest.report.render import report_html, report_pdf
from crest.safety.screen import AdviceLevel
from crest.services.report import ADVISED
from support.practice_history import daily_practice

FIRST = date(2026, 11, 2)  # a Monday
DAYS = 28
ADVICE = ADVISED[AdviceLevel.SEE_CLINICIAN]
SIGN = "warning sign in a check-in of 27 Nov 2026: back pain with fever, a weakened immune system or a recent infection"


@cache
def _pdf() -> bytes:
    """Four weeks of daily rests and check-ins, and a check-in that named a warning sign, which stands."""
    history = daily_practice(FIRST, DAYS, UTC)
    period = Period(FIRST, FIRST + timedelta(days=DAYS - 1))
    data = report_data(history.sessions, history.check_ins, history.psfs, UTC, period, 7, today=period.last_day)
    safety = SafetySummary(
        answered_at=datetime(2026, 11, 2, 17, 50, tzinfo=UTC),
        advice=ADVICE,
        answered_yes=(),
        named_in_check_ins=((SIGN, "NHS back-pain red flags"),),
        concerns=(Concern(ADVICE, (SIGN,)),),
    )
    made = datetime(2026, 11, 29, 20, tzinfo=UTC)
    return report_pdf(ClinicianReport(data, made, "UTC", safety, "crest is not medical advice."))


def _poppler(tmp_path: Path, *command: str) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(_pdf())
    return subprocess.run([*command, str(path)], capture_output=True, check=True, text=True).stdout


def _objects(pdf: bytes) -> bytes:
    """The PDF's objects as written, those packed in compressed streams (the catalog among them) unpacked."""
    unpacked = []
    for start in re.finditer(rb"stream\r?\n", pdf):
        try:
            unpacked.append(zlib.decompressobj().decompress(pdf[start.end() :]))
        except zlib.error:
            continue  # not a deflated stream
    return pdf + b"".join(unpacked)


def test_the_pdf_is_tagged_in_english_and_a_viewer_shows_its_title(tmp_path: Path) -> None:
    info = _poppler(tmp_path, "pdfinfo")
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Title:\s+crest report, 2 Nov 2026 to 29 Nov 2026$", info, re.M)
    objects = _objects(_pdf())
    assert b"/Lang (en)" in objects
    assert re.search(rb"/DisplayDocTitle true", objects)  # the title, not 'report.pdf', in the viewer's bar


def test_headings_lists_and_tables_with_header_cells_are_in_the_structure(tmp_path: Path) -> None:
    structure = _poppler(tmp_path, "pdfinfo", "-struct-text")
    assert re.search(r'H1 \(block\)\n\s+Span \(inline\)\n\s+"Report for your clinician"', structure)
    for heading in ("In short", "Practice", "Pain per place (0-10)", "How the numbers were computed"):
        assert re.search(rf'H2 \(block\)\n\s+Span \(inline\)\n\s+"{re.escape(heading)}"', structure), heading
    assert re.search(r"\bLI \(block\)\n\s+Lbl \(block\)", structure)
    # a figure in the pain table says which place and which column it is: its row's and its column's header cells
    column = re.search(r"TH <([\d-]+)>\n\s+Span \(inline\)\n\s+\"Verdict\"", structure)
    assert column
    row = re.compile(r"TH <([\d-]+)>\n\s+Span \(inline\)\n\s+\"Lower back").search(structure, column.end())
    assert row
    assert f"/Headers [({row.group(1)}) ({column.group(1)})]" in structure


def test_the_warning_sign_comes_before_the_chart_as_on_the_page(tmp_path: Path) -> None:
    structure = _poppler(tmp_path, "pdfinfo", "-struct-text")
    words = " ".join(re.findall(r'^\s*"(.*)"$', structure, re.M))
    assert f"{ADVICE} Why: {SIGN}." in " ".join(words.split())
    assert structure.index("Why:") < structure.index("Figure") < structure.index("Safety answers and warning signs")


def _figure_words(pdf: bytes) -> list[str]:
    """The alternative text of each figure in the structure tree (WeasyPrint writes it as a literal string)."""
    words = []
    for figure in re.finditer(rb"/S /Figure(.*?)(?=/StructElem|$)", _objects(pdf), re.S):
        alt = re.search(rb"/Alt \(((?:\\.|[^\\)])*)\)", figure.group(1))
        words.append("" if alt is None else re.sub(rb"\\(.)", rb"\1", alt.group(1)).decode())
    return words


def test_the_chart_is_a_figure_whose_words_say_what_it_shows() -> None:
    """Its alternative text was nothing (in the PDF) or 'Weekly median pain from 0 to 10, one line per place' (on
    the page): not what a sighted reader takes from it, which way each place went."""
    monday = date(2026, 11, 2)
    back = {0: 6, 1: 6, 2: 6, 7: 7, 8: 7, 9: 8, 21: 3, 22: 3, 23: 2}  # no rating in the week of 16 Nov
    check_ins = [
        CheckIn(datetime.combine(monday + timedelta(days=day), time(9), UTC), pain=pain)
        for day in range(28)
        if (
            pain := tuple(
                PainRating(region, score, region.usual_side)
                for region, score in ((Region.LOWER_BACK, back.get(day)), (Region.NECK, 4 if day in (8, 9) else None))
                if score is not None
            )
        )
    ]
    period = Period(monday, monday + timedelta(days=27))
    data = report_data([], check_ins, [], UTC, period, None, today=period.last_day)
    report = ClinicianReport(data, datetime(2026, 11, 29, 20, tzinfo=UTC), "UTC", None, "Not advice.")
    said = (
        "Weekly median pain from 0 to 10, 2 Nov 2026 to 29 Nov 2026, a line per place, each week's median marked "
        "across its week's days. "
        "Lower back (centre): 6.0 in the week of 2 Nov 2026, 3.0 in the week of 23 Nov 2026, a fall of 3.0; "
        "highest 7.0, in the week of 9 Nov 2026; no rating in 1 week between. "
        "Neck (centre): one week rated, the week of 9 Nov 2026: 4.0."
    )
    assert _figure_words(report_pdf(report)) == [said]
    # on the Report page, the same words name the chart for a screen reader, wide or narrow
    assert [unescape(name) for name in re.findall(r'<svg[^>]* aria-label="([^"]*)"', report_html(report))] == [said] * 2
