"""Uncached article pages at production scale: 100,000 articles and 1,000,000 comments on PostgreSQL.

    .venv/bin/python bench/scale.py [--articles 100000] [--comments 1000000] [--pages 300]

Builds a throw-away PostgreSQL database, fills it with the generator in bench/generate.py
(three tags per article, comments spread over the articles with replies), then renders random
article pages with the page cache off and reports p50/p95 and the number of queries per page.
The reference, timed in the same run, is the same pages on the 13-article demo database.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

PG_URL = os.environ.get("WARTA_BENCH_POSTGRES_URL", "postgresql://127.0.0.1:5432/test")
DATABASE = "warta_bench_scale"


def fill(articles: int, comments: int) -> None:
    from django.db import connection

    from bench.generate import generate
    from warta.articles.models import Article
    from warta.comments.models import Comment, fingerprint
    from warta.taxonomy.models import Tag

    generate(articles)
    rng = random.Random(3)
    tags = Tag.objects.bulk_create(Tag(name=f"Topik {i}", slug=f"topik-{i}") for i in range(2000))
    ids = list(Article.objects.values_list("id", flat=True))
    Through = Article.tags.through
    for start in range(0, len(ids), 5000):
        Through.objects.bulk_create(
            (Through(article_id=a, tag_id=t.pk) for a in ids[start : start + 5000] for t in rng.sample(tags, 3)),
            ignore_conflicts=True,
        )
    made = 0
    while made < comments:
        batch = []
        for i in range(made, min(comments, made + 10000)):
            text = f"Komentar pembaca nomor {i} tentang berita ini."
            email = f"pembaca{i % 50000}@contoh.id"
            batch.append(
                Comment(
                    article_id=ids[i % len(ids)],
                    name=f"Pembaca {i % 50000}",
                    email=email,
                    text=text,
                    status="approved",
                    fingerprint=fingerprint(email, text),
                )
            )
        Comment.objects.bulk_create(batch)
        made += len(batch)
    with connection.cursor() as cursor:  # every fifth comment answers the one before it on its article
        cursor.execute(
            "UPDATE comments_comment c SET parent_id = p.id, depth = 2 FROM comments_comment p "
            "WHERE p.article_id = c.article_id AND p.id = c.id - %s AND c.id %% 5 = 0",
            [len(ids)],
        )
        cursor.execute("ANALYZE")


def worker(articles: int, comments: int, pages: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from warta.articles.models import Article

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
    began = time.perf_counter()
    if articles:
        fill(articles, comments)
    built = time.perf_counter() - began
    client = Client(HTTP_HOST="127.0.0.1")
    urls = []
    for article in Article.objects.published().order_by("?")[:pages]:
        url = article.get_absolute_url()
        if url is None:  # never: a published article has its dated permalink
            sys.exit(f"published article {article.pk} has no URL")
        urls.append(url)
    for url in urls[:20]:
        client.get(url)
    timings, queries = [], set()
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
        queries.add(len(captured))
    timings.sort()
    return {
        "articles": Article.objects.count(),
        "comments": __import__("warta.comments.models", fromlist=["Comment"]).Comment.objects.count(),
        "built_s": round(built),
        "p50": statistics.median(timings),
        "p95": timings[int(0.95 * (len(timings) - 1))],
        "queries": sorted(queries),
    }


def run(articles: int, comments: int, pages: int) -> dict:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARTA_")}
    env.update(
        WARTA_DATA_DIR=tempfile.mkdtemp(prefix="warta-bench-scale-"),
        WARTA_DATABASE_URL=PG_URL.rsplit("/", 1)[0] + "/" + DATABASE,
        WARTA_PAGE_CACHE_SECONDS="0",
        WARTA_ALLOWED_HOSTS="127.0.0.1",
        WARTA_DEMO="1",  # load_demo lives in the demo app
        DJANGO_SETTINGS_MODULE="warta.settings",
    )
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--worker", str(articles), str(comments), str(pages)],
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            sys.exit(done.stderr)
        return json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DATABASE}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--worker", nargs=3, type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker:
        sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        print(json.dumps(worker(*options.worker)))
        return
    print(f"{'database':<22}{'articles':>9}{'comments':>10}{'built':>7}{'p50':>9}{'p95':>9}  queries/page")
    for articles, comments in ((0, 0), (options.articles, options.comments)):
        r = run(articles, comments, options.pages)
        label = "demo (reference)" if not articles else "production scale"
        print(
            f"{label:<22}{r['articles']:>9}{r['comments']:>10}{r['built_s']:>6}s{r['p50']:>7.1f}ms{r['p95']:>7.1f}ms  {r['queries']}",
            flush=True,
        )


if __name__ == "__main__":
    main()
