"""The newsroom dictionary and the abbreviation table a new site starts with (seeds/)."""

from pathlib import Path

from django.db import migrations

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _lines(name):
    for line in (SEEDS / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.strip()


def seed(apps, schema_editor):
    NewsroomWord = apps.get_model("language", "NewsroomWord")
    Synonym = apps.get_model("language", "Synonym")
    for word in _lines("kamus_redaksi.txt"):
        NewsroomWord.objects.get_or_create(word=word)
    for line in _lines("singkatan.tsv"):
        term, meaning = line.split("\t")
        Synonym.objects.get_or_create(term=term, meaning=meaning)


def grant_editors(apps, schema_editor):
    """Editors keep the newsroom dictionary and the abbreviation table; Admins may do everything."""
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("language")
    config.models_module = True
    create_permissions(config, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="language")
    for group in Group.objects.filter(name__in=["Editor", "Admin"]):
        group.permissions.add(*ours)
    writers = Permission.objects.filter(content_type__app_label="language", codename__startswith="view_")
    for group in Group.objects.filter(name="Penulis"):
        group.permissions.add(*writers)


class Migration(migrations.Migration):
    # After the roles exist, so that Editors get this app's permissions on an existing site too.
    dependencies = [
        ("language", "0001_initial"),
        ("newsroom", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(grant_editors, migrations.RunPython.noop),
    ]
