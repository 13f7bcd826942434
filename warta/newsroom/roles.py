"""The newsroom's roles, as Django groups (created by migration 0002, kept here to be read)."""

from __future__ import annotations

WRITER, EDITOR, ADMIN = "Penulis", "Editor", "Admin"

# app_label.codename
WRITER_PERMISSIONS = [
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "articles.add_byline",
    "articles.change_byline",
    "articles.delete_byline",
    "articles.view_byline",
    "articles.add_sourceattribution",
    "articles.change_sourceattribution",
    "articles.delete_sourceattribution",
    "articles.view_sourceattribution",
    "photos.add_photo",
    "photos.change_photo",
    "photos.view_photo",
    "taxonomy.add_tag",
    "taxonomy.view_tag",
    "taxonomy.view_section",
    "authors.view_author",
    "newsroom.view_revision",
]
EDITOR_PERMISSIONS = WRITER_PERMISSIONS + [
    "articles.publish_article",
    "articles.edit_any_article",
    "articles.delete_article",
    "articles.add_correction",
    "articles.change_correction",
    "articles.delete_correction",
    "articles.view_correction",
    "comments.view_comment",
    "comments.change_comment",
    "comments.delete_comment",
    "comments.add_blockedterm",
    "comments.change_blockedterm",
    "comments.delete_blockedterm",
    "comments.view_blockedterm",
    "taxonomy.change_tag",
    "taxonomy.delete_tag",
    "photos.delete_photo",
    # "photos.change_any_photo" too: granted by migration 0005 (the permission came later).
    "authors.add_author",
    "authors.change_author",
    "pages.view_page",
]
# Admin: every permission there is (staff accounts, sections, pages, settings, the audit log).
ROLES = {WRITER: WRITER_PERMISSIONS, EDITOR: EDITOR_PERMISSIONS}
