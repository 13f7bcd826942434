"""Editors and admins change any photo; writers only their own (photos.Photo.changeable_by)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTED_TO = ["Editor", "Admin"]  # roles.EDITOR and roles.ADMIN when this was written


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the roles need this one now.
    photos = apps.get_app_config("photos")
    photos.models_module = True
    create_permissions(photos, verbosity=0)
    photos.models_module = None
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="photos", codename="change_any_photo")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GRANTED_TO):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="photos", codename="change_any_photo").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0004_audit_objects"),
        ("photos", "0004_uploaded_by"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
