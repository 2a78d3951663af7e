"""The institution's summer programme switch (its working months) and whether a unit keeps a plan.

`plan_expected` is left empty ("by kind"): creative associations keep a plan, other units do
not, so the existing data is right without a data migration.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0004_partner_name_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalinstitution",
            name="summer_programme",
            field=models.BooleanField(
                default=False,
                help_text="Working months are September to May; with a summer programme, June to August too. The coverage flags only working months with nothing planned.",
                verbose_name="runs a summer programme",
            ),
        ),
        migrations.AddField(
            model_name="historicalunit",
            name="plan_expected",
            field=models.BooleanField(
                blank=True,
                choices=[(None, "By kind: creative associations do"), (True, "Yes"), (False, "No")],
                default=None,
                help_text="A unit expected to keep a plan is listed on the coverage if it has none.",
                null=True,
                verbose_name="keeps an annual plan",
            ),
        ),
        migrations.AddField(
            model_name="institution",
            name="summer_programme",
            field=models.BooleanField(
                default=False,
                help_text="Working months are September to May; with a summer programme, June to August too. The coverage flags only working months with nothing planned.",
                verbose_name="runs a summer programme",
            ),
        ),
        migrations.AddField(
            model_name="unit",
            name="plan_expected",
            field=models.BooleanField(
                blank=True,
                choices=[(None, "By kind: creative associations do"), (True, "Yes"), (False, "No")],
                default=None,
                help_text="A unit expected to keep a plan is listed on the coverage if it has none.",
                null=True,
                verbose_name="keeps an annual plan",
            ),
        ),
    ]
