# The joint-plan annex (agreement ↔ plan row) moves from partners to plans, so that partners
# never depends on plans (issue 9). partners/0002 no longer creates the old link table; a
# database migrated before this change still has it, and its links are carried over here.

from django.db import migrations, models

OLD_TABLE = "partners_agreement_plan_rows"


def carry_over_old_links(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    new_table = apps.get_model("plans", "PlanRow").agreements.through._meta.db_table
    quote = schema_editor.quote_name
    schema_editor.execute(
        f"INSERT INTO {quote(new_table)} ({quote('planrow_id')}, {quote('agreement_id')}) "
        f"SELECT {quote('planrow_id')}, {quote('agreement_id')} FROM {quote(OLD_TABLE)}"
    )
    schema_editor.execute(f"DROP TABLE {quote(OLD_TABLE)}")


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0003_registry'),
        ('plans', '0002_print'),
    ]

    operations = [
        migrations.AddField(
            model_name='planrow',
            name='agreements',
            field=models.ManyToManyField(blank=True, related_name='plan_rows', to='partners.agreement', verbose_name='agreements'),
        ),
        migrations.RunPython(carry_over_old_links, migrations.RunPython.noop),
    ]
