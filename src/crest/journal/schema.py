"""Bring a journal database to the schema this program knows, or refuse one written by a newer crest.

Migrations run from code with the scripts shipped inside the package: no alembic.ini at run time. When the
database is already at `HEAD_REVISION` Alembic is not even imported, so an ordinary start stays quick.
"""

from __future__ import annotations

from importlib import resources

from sqlalchemy import Connection, inspect, text

from crest.errors import CrestError

HEAD_REVISION = "r0001_initial"
VERSION_TABLE = "alembic_version"


class SchemaTooNew(CrestError):
    """The database was written by a newer crest; it is left untouched."""


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar_one_or_none()


def upgrade_to_head(connection: Connection, where: str) -> None:
    """Apply the missing migrations on `connection` (committed by the caller); `where` names the database."""
    revision = current_revision(connection)
    if revision == HEAD_REVISION:
        return
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    with resources.as_file(resources.files("crest.journal.migrations")) as script_location:
        config = Config()
        config.set_main_option("script_location", str(script_location))
        config.attributes["connection"] = connection
        if revision is not None:
            try:
                ScriptDirectory.from_config(config).get_revision(revision)
            except CommandError:
                raise SchemaTooNew(
                    f"the journal at {where} was written by a newer crest (schema '{revision}'); "
                    "update crest to open it, nothing was changed"
                ) from None
        command.upgrade(config, "head")
