from django.urls import path, re_path
from django.views.decorators.http import require_safe

from warta.articles import feeds, views
from warta.authors.models import Author
from warta.taxonomy.models import Section, Tag

app_name = "articles"

urlpatterns = [
    # WordPress's "day and name" permalink, so old links keep working after a move. The slug: what
    # a SlugField holds (the desk writes lower case; a row stored with capitals still has an address).
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/(?P<slug>[-a-zA-Z0-9_]+)/$",
        require_safe(views.article_detail),
        name="detail",
    ),
    # WordPress's feed addresses.
    path("feed/", require_safe(feeds.LatestArticles()), name="feed"),
    # Pedoman 4a-4d: the public archive of corrections and its feed.
    path("ralat/", require_safe(views.corrections_archive), name="corrections"),
    path("ralat/feed/", require_safe(feeds.Corrections()), name="corrections-feed"),
    path("category/<slug:slug>/feed/", require_safe(feeds.ArchiveArticles(Section, "section")), name="section-feed"),
    path("tag/<slug:slug>/feed/", require_safe(feeds.ArchiveArticles(Tag, "tags")), name="tag-feed"),
    path("author/<slug:slug>/feed/", require_safe(feeds.ArchiveArticles(Author, "authors")), name="author-feed"),
]
