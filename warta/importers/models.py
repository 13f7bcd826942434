from __future__ import annotations

from django.db import models


class Imported(models.Model):
    """What a WordPress object became here: makes imports idempotent and old ?p= links work."""

    class Kind(models.TextChoices):
        POST = "post"
        PAGE = "page"
        ATTACHMENT = "attachment"
        COMMENT = "comment"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    source_id = models.BigIntegerField()  # the WordPress ID
    object_id = models.BigIntegerField()  # our primary key
    digest = models.CharField(max_length=64, blank=True)  # of the imported record, to spot changes
    # WordPress's own identity of a post (<guid>): the same story imported again, even from a
    # copy of the site whose IDs differ, is recognised by it.
    guid = models.CharField(max_length=500, blank=True, db_index=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "source_id"], name="one_import_per_source")]

    def __str__(self) -> str:
        return f"WordPress {self.kind} {self.source_id} → {self.object_id}"
