"""Credits stored the WordPress way ("Foto: Detik") become the name alone, as Photo.save now
stores them: the library's credit filter listed "Foto: Detik" and "Detik" apart."""

import re

from django.db import migrations

# warta.lib.text.plain_credit as it stood when this migration was written (a migration keeps
# doing what it did, whatever the helper becomes).
PREFIX = re.compile(r"^(?:\s*(?:foto|photo|dok(?:umentasi)?|doc)\s*[:/]\s*)+", re.IGNORECASE)
# The same prefix for the database: only the photos it may change are read.
PREFIX_SQL = r"^\s*(foto|photo|dok|dokumentasi|doc)\s*[:/]"


def plain_credits(apps, schema_editor):
    Photo = apps.get_model("photos", "Photo")
    changed = []
    for photo in Photo.objects.filter(credit__iregex=PREFIX_SQL).only("pk", "credit").iterator(chunk_size=500):
        credit = PREFIX.sub("", photo.credit).strip()
        if credit != photo.credit:
            photo.credit = credit
            changed.append(photo)
    Photo.objects.bulk_update(changed, ["credit"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("photos", "0004_uploaded_by")]

    operations = [migrations.RunPython(plain_credits, migrations.RunPython.noop, elidable=True)]
