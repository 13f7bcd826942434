from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "warta.live"
    verbose_name = _("Live coverage")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from warta.articles import views as article_views
        from warta.caching import invalidation, keys
        from warta.live import page, panel
        from warta.live.models import Breaking, LiveEntry, LiveReport
        from warta.live.surrogate import BREAKING, live
        from warta.newsroom import panels

        # An entry changes its report's page, fragment and feed only; opening or closing a report
        # also changes the lists (the home page's live strip) and its article's page.
        invalidation.on_change(LiveEntry, lambda e: {live(e.report.article_id)})
        invalidation.on_change(LiveReport, lambda r: {keys.ARTICLES, keys.article(r.article_id), live(r.article_id)})
        invalidation.on_change(Breaking, lambda b: {BREAKING})
        # The bar disappears at its expiry without any save: no page showing it is kept past that.
        keys.limit_max_age(page.seconds_until_breaking_changes)
        if page.article_context not in article_views.page_context_hooks:
            article_views.page_context_hooks.append(page.article_context)
        # The article's writing desk links to its live desk, or starts one.
        if panel.article_panel not in panels.desk_panels:
            panels.desk_panels.append(panel.article_panel)
