"""The entries of adopted minutes are frozen (code `minutes-frozen`, docs/rules.md): the
database refuses to change one unless the change is a recorded correction (a
MinutesCorrection row with exactly this before and after text, written first by
`minutes_correct`), and on PostgreSQL refuses to delete one. So no code path (admin, shell,
a forgotten service) can rewrite adopted text. TRUNCATE (tests) is not affected.

SQLite gets the update trigger only: its test flush empties tables with DELETE in an order of
its own, which a delete trigger would stop."""

from django.db import migrations

FROZEN = """
    EXISTS (SELECT 1 FROM meetings_minutes m WHERE m.id = OLD.minutes_id AND m.status = 'adopted')
"""
NOT_A_CORRECTION = """
    NEW.minutes_id IS DISTINCT FROM OLD.minutes_id
    OR NEW.agenda_item_id IS DISTINCT FROM OLD.agenda_item_id
    OR (NEW.text IS DISTINCT FROM OLD.text AND NOT EXISTS (
        SELECT 1 FROM meetings_minutescorrection c
        WHERE c.entry_id = OLD.id AND c.text_before = OLD.text AND c.text_after = NEW.text))
"""

POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION meetings_refuse_change_of_adopted_minutes() RETURNS trigger AS $$
BEGIN
    IF {FROZEN} THEN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'minutes-frozen: the entries of adopted minutes are kept'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF {NOT_A_CORRECTION} THEN
            RAISE EXCEPTION 'minutes-frozen: adopted minutes change only by a recorded correction'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
"""
POSTGRES_TRIGGER = """
CREATE TRIGGER meetings_minutesentry_frozen BEFORE UPDATE OR DELETE ON meetings_minutesentry
FOR EACH ROW EXECUTE FUNCTION meetings_refuse_change_of_adopted_minutes()
"""

SQLITE_TRIGGER = f"""
CREATE TRIGGER meetings_minutesentry_frozen BEFORE UPDATE ON meetings_minutesentry
FOR EACH ROW WHEN {FROZEN} AND ({NOT_A_CORRECTION.replace("IS DISTINCT FROM", "IS NOT")})
BEGIN
    SELECT RAISE(ABORT, 'minutes-frozen: adopted minutes change only by a recorded correction');
END
"""


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION, params=None)
        schema_editor.execute(POSTGRES_TRIGGER, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER, params=None)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor in ("postgresql", "sqlite"):
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS meetings_minutesentry_frozen"
            + (" ON meetings_minutesentry" if vendor == "postgresql" else "")
        )
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS meetings_refuse_change_of_adopted_minutes()")


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_historicalmeeting_current_item_meeting_current_item_and_more"),
    ]

    operations = [migrations.RunPython(create, drop)]
