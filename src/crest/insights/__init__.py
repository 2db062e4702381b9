"""Pure statistics over journal records: records, `now` and the time zone in; plain dataclasses out."""
