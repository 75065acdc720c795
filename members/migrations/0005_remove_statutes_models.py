"""The models now live in `statutes` (its 0001 takes over the renamed tables): state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0004_statutes_tables"),
        ("statutes", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.RemoveField(
            model_name='historicaldecisionrule',
            name='association',
        ),
        migrations.RemoveConstraint(
            model_name='decisionrule',
            name='decision_rule_one_per_kind',
        ),
        migrations.RemoveConstraint(
            model_name='decisionrule',
            name='decision_rule_fraction_at_most_one',
        ),
        migrations.RemoveField(
            model_name='historicaldecisionrule',
            name='history_user',
        ),
        migrations.RemoveField(
            model_name='decisionrule',
            name='association',
        ),
        migrations.DeleteModel(
            name='HistoricalAssociation',
        ),
        migrations.DeleteModel(
            name='HistoricalDecisionRule',
        ),
        migrations.DeleteModel(
            name='Association',
        ),
        migrations.DeleteModel(
            name='DecisionRule',
        ),
                ],
            database_operations=[],
        ),
    ]
