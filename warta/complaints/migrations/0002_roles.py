"""Editors handle complaints (Pedoman 3e-3f): give the Editor and Admin roles the permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_CODENAMES = ["view_complaint", "change_complaint"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the roles need them now.
    config = apps.get_app_config("complaints")
    config.models_module = True
    create_permissions(config, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    mine = Permission.objects.filter(content_type__app_label="complaints")
    for group in Group.objects.filter(name="Editor"):
        group.permissions.add(*mine.filter(codename__in=EDITOR_CODENAMES))
    for group in Group.objects.filter(name="Admin"):
        group.permissions.add(*mine)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Editor", "Admin"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="complaints"))


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial"), ("newsroom", "0002_roles")]

    operations = [migrations.RunPython(grant, revoke)]
