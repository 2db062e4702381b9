"""The FHIR choice says which system each version is for, not "R5/R4B" alone (first-day walk-through L1), and the
values sent stay the versions the API takes."""

import re
from html import unescape

from fastapi.testclient import TestClient


def test_your_data_and_the_report_page_say_which_system_each_version_is_for(cleared: TestClient) -> None:
    your_data = unescape(cleared.get("/settings").text)
    assert "Export FHIR</a> (for most clinics' systems: FHIR R5)." in your_data
    assert "For older systems (FHIR R4B), or with your name in the file, use the <a" in your_data
    assert "(R5;" not in your_data and "offers R4B" not in your_data

    report = unescape(cleared.get("/report").text)
    options = re.findall(r'<option value="(R[^"]*)"[^>]*>([^<]*)</option>', report)
    assert options == [("R5", "Most clinics' systems (FHIR R5)"), ("R4B", "Older systems (FHIR R4B)")]
    assert cleared.get("/report/fhir", params={"fhir_version": "R4B", "name": ""}).status_code == 200
