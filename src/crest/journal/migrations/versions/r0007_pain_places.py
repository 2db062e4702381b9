"""One name per place: every pain rating gets the side that `records.place_side` gives it today; and a pain
quality (aching, sharp, burning, tingling, numb) per rating.

Before, `crest log --pain lower_back=4` stored no side and the body map stored `centre`, so one place was two.
Ratings without a side, or with the other word for the whole place (`both` on the midline, `centre` on a pair),
take the region's usual side; if a check-in then rates one place twice, the higher score stays (a rating is
never lowered by a migration). The side becomes required; the quality is new, so existing ratings have none.

Revision ID: r0007_pain_places
Revises: r0006_practice_mode
"""

import sqlalchemy as sa
from alembic import op

revision = "r0007_pain_places"
down_revision = "r0006_practice_mode"
branch_labels = None
depends_on = None

# The midline regions as this revision knows them (a migration must not follow later vocabulary changes).
_MIDLINE = ("lower_back", "pelvis", "abdomen", "upper_back", "neck")
_MIDLINE_LIST = ", ".join(f"'{region}'" for region in _MIDLINE)


def upgrade() -> None:
    op.execute(
        f"UPDATE pain_ratings SET side = 'centre' WHERE region IN ({_MIDLINE_LIST}) AND (side IS NULL OR side = 'both')"
    )
    op.execute(
        f"UPDATE pain_ratings SET side = 'both' "
        f"WHERE region NOT IN ({_MIDLINE_LIST}) AND (side IS NULL OR side = 'centre')"
    )
    # A place rated twice in one check-in keeps its higher score (the first listed among equals).
    op.execute(
        "DELETE FROM pain_ratings WHERE id IN ("
        " SELECT later.id FROM pain_ratings later JOIN pain_ratings kept"
        " ON kept.check_in_id = later.check_in_id AND kept.region = later.region AND kept.side = later.side"
        " AND (kept.score > later.score OR (kept.score = later.score AND kept.position < later.position)"
        " OR (kept.score = later.score AND kept.position = later.position AND kept.id < later.id)))"
    )
    # pain_ratings is a leaf table (nothing refers to it), so SQLite's copy-and-rename of it deletes nothing.
    with op.batch_alter_table("pain_ratings") as batch:
        batch.alter_column("side", existing_type=sa.String(20), nullable=False)
        batch.add_column(sa.Column("quality", sa.String(20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pain_ratings") as batch:
        batch.drop_column("quality")
        batch.alter_column("side", existing_type=sa.String(20), nullable=True)
