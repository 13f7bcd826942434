"""Create the roles Penulis, Editor and Admin with their permissions (warta/newsroom/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def make_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    from warta.newsroom.roles import ADMIN, ROLES

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for dotted in wanted:
            app_label, codename = dotted.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    admin, _ = Group.objects.get_or_create(name=ADMIN)
    admin.permissions.set(Permission.objects.all())


def remove_roles(apps, schema_editor):
    from warta.newsroom.roles import ADMIN, ROLES

    apps.get_model("auth", "Group").objects.filter(name__in=[*ROLES, ADMIN]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("articles", "0001_initial"),
        ("comments", "0001_initial"),
        ("photos", "0001_initial"),
        ("taxonomy", "0001_initial"),
        ("authors", "0001_initial"),
        ("pages", "0001_initial"),
    ]

    operations = [migrations.RunPython(make_roles, remove_roles)]
