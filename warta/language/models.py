from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NewsroomWord(models.Model):
    """A word the spelling checker accepts although the general dictionary lacks it: a name, an
    acronym, a term of the beat. Written as it must be (DPR, Pilkada, hoaks); a lower-case word
    is also accepted capitalised at the start of a sentence."""

    word = models.CharField(_("word"), max_length=64, unique=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["word"]
        verbose_name = _("newsroom word")
        verbose_name_plural = _("newsroom dictionary")

    def __str__(self) -> str:
        return self.word


class Synonym(models.Model):
    """An abbreviation or another name search treats as the same words: a reader searching
    `Korut` finds `Korea Utara`, and the other way round."""

    term = models.CharField(_("abbreviation or word"), max_length=64)
    meaning = models.CharField(_("same as"), max_length=200)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["term"]
        verbose_name = _("abbreviation or synonym")
        verbose_name_plural = _("abbreviations and synonyms")
        constraints = [models.UniqueConstraint(fields=["term", "meaning"], name="language_synonym_unique")]

    def __str__(self) -> str:
        return f"{self.term} = {self.meaning}"


def newsroom_words() -> list[str]:
    """The checker's extra words, as editors wrote them: the newsroom dictionary, and the one-word
    terms of the abbreviation table (an abbreviation search knows, Dishub, is not a misspelling)."""
    words = list(NewsroomWord.objects.values_list("word", flat=True))
    terms = Synonym.objects.values_list("term", flat=True)
    return words + [term for term in terms if term.strip() and " " not in term.strip()]


# Search caches the analysed table under this key; any change to it drops the cache (apps.ready).
SYNONYMS_CACHE_KEY = "language:synonyms:v1"
