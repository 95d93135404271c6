from django.db import migrations

from thachha_portal.search import schema


class Migration(migrations.Migration):
    dependencies = [("procedures", "0011_everyday_names_again")]

    operations = schema.pending_list_operations(table="procedures_procedure")
