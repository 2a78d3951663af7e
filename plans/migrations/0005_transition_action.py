from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("plans", "0003_agreement_annex")]

    operations = [
        migrations.AddField(
            model_name="plantransition",
            name="action",
            field=models.CharField(blank=True, max_length=10, verbose_name="step"),
        ),
    ]
