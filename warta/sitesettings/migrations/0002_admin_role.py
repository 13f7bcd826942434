"""Admins (the role made by newsroom's 0002) may change the site settings; nobody else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("sitesettings")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    admin = Group.objects.filter(name="Admin").first()
    if admin is not None:
        admin.permissions.add(*Permission.objects.filter(content_type__app_label="sitesettings"))


class Migration(migrations.Migration):
    dependencies = [
        ("sitesettings", "0001_initial"),
        ("newsroom", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
