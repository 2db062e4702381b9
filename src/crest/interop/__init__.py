"""Standard formats other software reads (HL7 FHIR, iCalendar): pure serialisers, data in and text out."""
