from django.core.management.base import BaseCommand

from warta.search.indexer import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index of every published article."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Indexed {rebuild()} articles.")
