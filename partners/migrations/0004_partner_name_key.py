"""The stored «same partner» key (partners.naming), unique in the database; the one ordering.

Existing partners get their key here. Where an older registry already holds two partners with the
same key (say «ПЧ-48» and «ПЧ - 48»), the first keeps the plain key and each later one gets
«<key> #<id>»: the upgrade does not fail, both still count as that partner for
``Partner.objects.same_as``, the registry lists them as similar, and merging them clears it.
"""

from django.db import migrations, models

from partners.naming import name_key


def fill_name_keys(apps, schema_editor):
    Partner = apps.get_model("partners", "Partner")
    taken = set()
    for partner in Partner.objects.order_by("pk").only("pk", "name"):
        key = name_key(partner.name)
        if key in taken:
            key = f"{key[:280]} #{partner.pk}"
        taken.add(key)
        Partner.objects.filter(pk=partner.pk).update(name_key=key)


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0003_registry'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='category',
            options={'ordering': [models.Case(models.When(then=models.Value(0), tier='internal'), default=models.Value(1), output_field=models.IntegerField()), 'order', 'name'], 'verbose_name': 'category', 'verbose_name_plural': 'categories'},
        ),
        migrations.AlterModelOptions(
            name='partner',
            options={'ordering': [models.Case(models.When(category__tier='internal', then=models.Value(0)), default=models.Value(1), output_field=models.IntegerField()), 'category__order', 'category__name', 'name'], 'verbose_name': 'partner', 'verbose_name_plural': 'partners'},
        ),
        migrations.AddField(
            model_name='partner',
            name='name_key',
            field=models.CharField(default='', editable=False, max_length=300, verbose_name='name key'),
            preserve_default=False,
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name='partner',
            name='unique_partner_name',
        ),
        migrations.AddConstraint(
            model_name='partner',
            constraint=models.UniqueConstraint(fields=('name_key',), name='unique_partner_name_key'),
        ),
    ]
