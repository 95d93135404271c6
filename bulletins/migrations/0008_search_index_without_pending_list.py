from django.db import migrations

from thachha_portal.search import schema


class Migration(migrations.Migration):
    dependencies = [("bulletins", "0007_names_in_force_defaults")]

    operations = schema.pending_list_operations(table="bulletins_bulletin")
