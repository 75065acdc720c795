"""Ballots, attendance and proxies of a meeting cannot be deleted within a year of it (the
term to annul its decisions, Civil Code 2:15(5)). Enforced by the database on PostgreSQL, so
no code path (admin, shell, cascade) can remove them early; TRUNCATE (tests) is not affected."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION portal_refuse_early_delete() RETURNS trigger AS $$
DECLARE
    held_on date;
BEGIN
    IF TG_TABLE_NAME = 'voting_ballot' THEN
        SELECT m.date INTO held_on FROM voting_poll p
        JOIN meetings_meeting m ON m.id = p.meeting_id WHERE p.id = OLD.poll_id;
    ELSE
        SELECT m.date INTO held_on FROM meetings_meeting m WHERE m.id = OLD.meeting_id;
    END IF;
    IF held_on IS NOT NULL AND held_on > current_date - 366 THEN
        RAISE EXCEPTION 'retention: % of the meeting of % are kept until %',
            TG_TABLE_NAME, held_on, held_on + 366
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
END
$$ LANGUAGE plpgsql;
"""
TABLES = ("voting_ballot", "meetings_attendance", "proxies_proxy")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)  # its % are PL/pgSQL, not placeholders
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_retention BEFORE DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION portal_refuse_early_delete()"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_retention ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS portal_refuse_early_delete()")


class Migration(migrations.Migration):
    dependencies = [
        ("voting", "0001_initial"),
        ("meetings", "0002_historicalmeeting_current_item_meeting_current_item_and_more"),
        ("proxies", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
