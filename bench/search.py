"""Search latency at 1k, 10k and 100k articles, on SQLite (FTS5) and PostgreSQL.

    .venv/bin/python bench/search.py [--sizes 1000,10000,100000] [--databases sqlite,postgresql]

Each (database, size) runs in a fresh process and a fresh database: migrate, generate the
articles, then time the search page end to end (query, ranking, snippets, template) for a set
of one- to three-word queries. The reference, timed in the same run on the same database, is
the article page of one article: the ratio says what a search costs next to a page view.
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
PG_DATABASE = "warta_bench_search"


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def worker(size: int, queries: int) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warta.settings")
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from bench.generate import generate
    from bench.words import vocabulary
    from warta.articles.models import Article

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
    began = time.perf_counter()
    generate(size)
    generated = time.perf_counter() - began

    client = Client(HTTP_HOST="127.0.0.1")
    rng = random.Random(11)
    words = vocabulary()
    phrases = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) for _ in range(queries)]
    for phrase in phrases[:10]:  # warm caches, as a running server has
        client.get("/cari/", {"q": phrase})
    search_ms = []
    for phrase in phrases:
        start = time.perf_counter()
        response = client.get("/cari/", {"q": phrase})
        search_ms.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    article = Article.objects.published().order_by("?").first()
    url = article.get_absolute_url() if article is not None else None
    if url is None:
        sys.exit("no published article to time")
    page_ms = []
    for _ in range(queries):
        start = time.perf_counter()
        client.get(url)
        page_ms.append((time.perf_counter() - start) * 1000)
    return {
        "articles": Article.objects.count(),
        "generate_s": round(generated, 1),
        "search_p50": statistics.median(search_ms),
        "search_p95": percentile(search_ms, 95),
        "page_p50": statistics.median(page_ms),
    }


def run(database: str, size: int, queries: int) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARTA_")}
    env["WARTA_DATA_DIR"] = tempfile.mkdtemp(prefix="warta-bench-")
    env["WARTA_ALLOWED_HOSTS"] = "127.0.0.1"
    env["WARTA_DEMO"] = "1"  # load_demo lives in the demo app
    if database == "postgresql":
        import psycopg

        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
            conn.execute(f"CREATE DATABASE {PG_DATABASE}")
        env["WARTA_DATABASE_URL"] = PG_URL.rsplit("/", 1)[0] + "/" + PG_DATABASE
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--worker", str(size), "--queries", str(queries)],
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            sys.exit(f"{database} at {size} articles failed:\n{done.stderr}")
        return json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        if database == "postgresql":
            with psycopg.connect(PG_URL, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker is not None:
        sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        print(json.dumps(worker(options.worker, options.queries)))
        return
    print(
        f"{'database':<11}{'articles':>9}{'generate':>10}{'search p50':>12}{'search p95':>12}{'page p50':>10}{'p50 ratio':>11}"
    )
    for database in options.databases.split(","):
        for size in (int(s) for s in options.sizes.split(",")):
            r = run(database, size, options.queries)
            print(
                f"{database:<11}{r['articles']:>9}{r['generate_s']:>9.1f}s{r['search_p50']:>10.1f}ms"
                f"{r['search_p95']:>10.1f}ms{r['page_p50']:>8.1f}ms{r['search_p50'] / r['page_p50']:>10.1f}x",
                flush=True,
            )


if __name__ == "__main__":
    main()
