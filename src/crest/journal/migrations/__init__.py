"""Alembic migrations for the journal, shipped inside the package and run from `crest.journal.schema`."""
