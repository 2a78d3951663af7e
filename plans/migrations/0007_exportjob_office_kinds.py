from django.db import migrations, models


class Migration(migrations.Migration):
    """A long plan's DOCX and XLSX run as export jobs too (issue 13): their kinds. Choices
    only, no change to the table."""

    dependencies = [("plans", "0006_exportjob_report_kind")]

    operations = [
        migrations.AlterField(
            model_name="exportjob",
            name="kind",
            field=models.CharField(
                choices=[
                    ("plan_pdf", "Plan (PDF)"),
                    ("consolidated_pdf", "Consolidated plan (PDF)"),
                    ("report_pdf", "Report (PDF)"),
                    ("plan_docx", "Plan (DOCX)"),
                    ("plan_xlsx", "Plan (XLSX)"),
                ],
                max_length=20,
            ),
        ),
    ]
