"""Signals sent by the workflow actions (warta.newsroom.workflow), after the change is saved.

Each is sent with sender=Article and the keyword arguments article and user (None when the
worker publishes a scheduled article). Receivers are connected in NewsroomConfig.ready():
`warta.newsroom.notify` emails editors and writers. Caches and the search index follow the
article's own post_save, which every change (workflow or edit) sends.
"""

from django.dispatch import Signal

article_submitted = Signal()
article_published = Signal()
article_withdrawn = Signal()  # with reason: what readers are told
