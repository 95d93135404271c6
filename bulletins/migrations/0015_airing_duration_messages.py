import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("bulletins", "0014_airing_station_key"),
    ]

    operations = [
        migrations.AlterField(
            model_name="airing",
            name="duration_minutes",
            field=models.PositiveIntegerField(
                validators=[
                    django.core.validators.MinValueValidator(
                        1,
                        message="An airing lasts at least 1 minute: enter its duration as a whole number of minutes, from 1 to 180.",
                    ),
                    django.core.validators.MaxValueValidator(
                        180,
                        message="An airing lasts at most %(limit_value)s minutes (3 hours): check the duration.",
                    ),
                ],
                verbose_name="duration (minutes)",
            ),
        ),
    ]
