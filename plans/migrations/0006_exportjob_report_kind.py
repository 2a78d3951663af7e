from django.db import migrations, models


class Migration(migrations.Migration):
    """The year-end reports' PDFs (execution.reports) run as export jobs of their own kind."""

    dependencies = [("plans", "0005_transition_action")]

    operations = [
        migrations.AlterField(
            model_name="exportjob",
            name="kind",
            field=models.CharField(
                choices=[
                    ("plan_pdf", "Plan (PDF)"),
                    ("consolidated_pdf", "Consolidated plan (PDF)"),
                    ("report_pdf", "Report (PDF)"),
                ],
                max_length=20,
            ),
        ),
    ]
