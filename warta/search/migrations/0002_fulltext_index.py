"""The database's own full-text index over SearchDocument: FTS5 on SQLite, GIN on PostgreSQL."""

from django.db import migrations

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        headline, body, content='search_searchdocument', content_rowid='article_id')""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, headline, body) VALUES (new.article_id, new.headline, new.body);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, headline, body)
        VALUES ('delete', old.article_id, old.headline, old.body);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, headline, body)
        VALUES ('delete', old.article_id, old.headline, old.body);
        INSERT INTO search_fts(rowid, headline, body) VALUES (new.article_id, new.headline, new.body);
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER search_fts_update",
    "DROP TRIGGER search_fts_delete",
    "DROP TRIGGER search_fts_insert",
    "DROP TABLE search_fts",
]
# A stored, generated tsvector: ranking reads it instead of re-parsing every matching body.
# The model does not declare it; PostgreSQL fills it on every insert and update.
POSTGRES_CREATE = [
    """ALTER TABLE search_searchdocument ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', headline), 'A') || setweight(to_tsvector('simple', body), 'B')
    ) STORED""",
    "CREATE INDEX search_document_tsv ON search_searchdocument USING GIN (tsv)",
]
POSTGRES_DROP = ["DROP INDEX search_document_tsv", "ALTER TABLE search_searchdocument DROP COLUMN tsv"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
