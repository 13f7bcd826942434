from django.db import migrations, models


def number_revisions(apps, schema_editor):
    """Number the revisions kept so far 1, 2, 3 per article, in the order they were saved."""
    Revision = apps.get_model("newsroom", "Revision")
    numbered = []
    article, number = None, 0
    for revision in Revision.objects.order_by("article_id", "version").only("pk", "article_id"):
        number = number + 1 if revision.article_id == article else 1
        article = revision.article_id
        revision.number = number
        numbered.append(revision)
    Revision.objects.bulk_update(numbered, ["number"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0005_photo_editors")]

    operations = [
        migrations.AddField(model_name="revision", name="number", field=models.PositiveIntegerField(default=0)),
        migrations.RunPython(number_revisions, migrations.RunPython.noop),
    ]
