"""The association and its decision rules move to the `statutes` app: rename their tables."""

from django.db import migrations

TABLES = ["association", "historicalassociation", "decisionrule", "historicaldecisionrule"]


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_association_voting_settings_decisionrule"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name=name, table=f"statutes_{name}") for name in TABLES
            ],
            state_operations=[],
        ),
    ]
