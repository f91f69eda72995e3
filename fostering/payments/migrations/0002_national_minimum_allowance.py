"""The national minimum allowance for England, 2023/24 to 2026/27, as data (see payments.seed)."""

from datetime import timedelta
from decimal import Decimal

from django.db import migrations


def add_figures(apps, schema_editor):
    from fostering.payments.seed import NATIONAL_MINIMUM

    model = apps.get_model("payments", "NationalMinimumAllowance")
    starts = sorted(NATIONAL_MINIMUM)
    for i, valid_from in enumerate(starts):
        valid_to = starts[i + 1] - timedelta(days=1) if i + 1 < len(starts) else None
        for band, amount in NATIONAL_MINIMUM[valid_from].items():
            model.objects.update_or_create(
                band=band, valid_from=valid_from, defaults={"valid_to": valid_to, "weekly_amount": Decimal(amount)}
            )


def remove_figures(apps, schema_editor):
    apps.get_model("payments", "NationalMinimumAllowance").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_initial")]

    operations = [migrations.RunPython(add_figures, remove_figures)]
