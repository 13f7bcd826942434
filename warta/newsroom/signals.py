"""Signals sent by the workflow actions (warta.newsroom.workflow), after the change is saved.

Each is sent with sender=Article and the keyword arguments article and user (None when the
worker publishes a scheduled article).
"""

from django.dispatch import Signal

article_submitted = Signal()
article_published = Signal()
article_scheduled = Signal()
article_unpublished = Signal()
