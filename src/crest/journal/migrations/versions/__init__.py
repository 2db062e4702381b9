"""One module per schema revision; each new one must also become `crest.journal.schema.HEAD_REVISION`."""
