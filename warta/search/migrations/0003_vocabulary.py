"""The index's vocabulary on SQLite (an fts5vocab table), for "Maksud Anda" suggestions.

PostgreSQL needs nothing: ts_stat() reads the stored tsvectors.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, 'row')")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE search_vocab")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_index")]

    operations = [migrations.RunPython(create, drop)]
