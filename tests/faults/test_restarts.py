"""PostgreSQL and Redis restart under Warta while readers comment and an article is due.

Each restart happens in the middle of a burst of comments (six readers posting at once) and of
page requests. What must hold, whatever the timing:
- every comment the site accepted (303) is stored, exactly once;
- no request is answered 5xx when the site could have answered it;
- after the restart the site answers again by itself, nobody restarts Warta;
- `warta worker` is still running after a database outage and publishes what fell due.
The figures are written to test-artifacts/faults.txt (and printed with -s).
"""

from __future__ import annotations

import datetime
import http.client
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core import signing

from tests.faults.conftest import ROOT, SECRET, OwnPostgres, OwnRedis, Site
from warta.comments.forms import TOKEN_SALT

SENDERS = 6
COMMENTS = 60
RECOVERY_SECONDS = 30
FIGURES = ROOT / "test-artifacts" / "faults.txt"


@dataclass
class Answer:
    sent: float
    answered: float
    status: int | str  # the HTTP status, or "no answer (...)"

    @property
    def failed(self) -> bool:
        """No answer, or a server error other than a 503 that says when to try again."""
        return not isinstance(self.status, int) or (self.status >= 500 and self.status != 503)

    @property
    def unavailable(self) -> bool:
        return self.status == 503


def timed(send: Callable[[], int | str]) -> Answer:
    sent = time.monotonic()
    status = send()
    return Answer(sent, time.monotonic(), status)


@dataclass
class Tally:
    """What happened to the comments and page requests of one burst."""

    name: str
    comments: dict[str, Answer] = field(default_factory=dict)  # by the comment's text
    pages: list[Answer] = field(default_factory=list)
    fault_started: float = 0.0
    fault_ended: float = 0.0
    stored: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> list[str]:
        return [text for text, answer in self.comments.items() if answer.status == 303]

    def refused(self) -> int:
        return sum(
            1 for answer in self.comments.values() if isinstance(answer.status, int) and 400 <= answer.status < 500
        )

    def during(self, answer: Answer) -> bool:
        """Whether the request was under way while the server restarted (or in the second after)."""
        return answer.sent <= self.fault_ended + 1 and answer.answered >= self.fault_started

    def failed(self, answers: list[Answer], during: bool) -> int:
        return sum(1 for answer in answers if answer.failed and self.during(answer) == during)

    def unavailable(self, answers: list[Answer]) -> int:
        return sum(1 for answer in answers if answer.unavailable)

    def line(self) -> str:
        comments = list(self.comments.values())
        statuses = Counter(str(answer.status) for answer in comments)
        return (
            f"{self.name}: comments sent {len(comments)}, accepted {len(self.accepted)}, stored {len(self.stored)}, "
            f"refused {self.refused()}, 503 {self.unavailable(comments)}, "
            f"other 5xx/no answer during the restart {self.failed(comments, True)}, "
            f"after it {self.failed(comments, False)} ({dict(statuses)}); pages {len(self.pages)}, "
            f"5xx during the restart {self.failed(self.pages, True)}, after it {self.failed(self.pages, False)}; "
            f"restart took {self.fault_ended - self.fault_started:.1f} s"
        )


def _request(site: Site, method: str, path: str, body: str = "", timeout: float = 30) -> int | str:
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=timeout)
    headers = {"Origin": site.url}
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, path, body=body or None, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    except OSError as exc:
        return f"no answer ({type(exc).__name__})"
    finally:
        conn.close()


def comment(site: Site, article_id: int, text: str, index: int) -> int | str:
    form = {
        "name": f"Pembaca {index}",
        "email": f"pembaca{index}@contoh.id",
        "text": text,
        "token": signing.dumps(int(time.time()) - 10, key=SECRET, salt=TOKEN_SALT),
    }
    return _request(site, "POST", f"/komentar/{article_id}/", urlencode(form))


def article(site: Site, slug: str, scheduled_in: float | None = None) -> tuple[int, str]:
    """A published article (or one scheduled that many seconds ahead, its task queued): id, address."""
    code = f"""
import datetime
from django.utils import timezone
from warta.articles.models import Article
from warta.taxonomy.models import Section
from warta.newsroom.tasks import publish_scheduled
section, _ = Section.objects.get_or_create(slug="uji", defaults={{"name": "Uji"}})
ahead = {scheduled_in!r}
when = timezone.now() + datetime.timedelta(seconds=ahead or -3600)
a = Article.objects.create(
    headline="Artikel {slug}", slug="{slug}", section=section, published_at=when,
    status=Article.Status.SCHEDULED if ahead else Article.Status.PUBLISHED,
    body=[{{"type": "paragraph", "text": "Isi artikel uji gangguan."}}],
)
if ahead:
    publish_scheduled.using(run_after=when).enqueue()
print(a.pk, a.get_absolute_url() or "")
"""
    pk, _, url = site.shell(code).splitlines()[-1].partition(" ")
    return int(pk), url


def burst(site: Site, name: str, article_id: int, url: str, fault: Callable[[], None]) -> Tally:
    """Readers comment and read while `fault` runs; then the site is given time to recover."""
    tally = Tally(name)
    done = threading.Event()

    def commenter(first: int) -> None:
        for i in range(first, COMMENTS, SENDERS):
            text = f"{name}: komentar nomor {i}"
            tally.comments[text] = timed(lambda: comment(site, article_id, text, i))  # noqa: B023 - called at once
            time.sleep(0.05)

    def reader() -> None:
        paths = ["/", url, "/feed/", f"{url}?ref={name}"]
        n = 0
        while not done.is_set():
            tally.pages.append(timed(lambda: _request(site, "GET", paths[n % len(paths)])))  # noqa: B023
            n += 1
            time.sleep(0.05)

    with ThreadPoolExecutor(SENDERS + 2) as pool:
        readers = [pool.submit(reader), pool.submit(reader)]
        senders = [pool.submit(commenter, k) for k in range(SENDERS)]
        time.sleep(0.7)  # in the middle of the burst
        tally.fault_started = time.monotonic()
        fault()
        tally.fault_ended = time.monotonic()
        for sender in senders:
            sender.result()
        done.set()
        for each in readers:
            each.result()
    return tally


def recovered(site: Site, url: str) -> float:
    """Seconds until the site answers every page again, by itself."""
    started = time.monotonic()
    while time.monotonic() - started < RECOVERY_SECONDS:
        if all(_request(site, "GET", path, timeout=10) == 200 for path in ("/", url, "/feed/")):
            return time.monotonic() - started
        time.sleep(0.5)
    raise AssertionError(f"the site did not recover within {RECOVERY_SECONDS} s:\n{site.server_log()[-3000:]}")


def after_recovery(site: Site, name: str, article_id: int, url: str) -> list[int | str]:
    """A second, calm round: every comment accepted, every page answered."""
    statuses = [comment(site, article_id, f"{name}: sesudahnya {i}", 1000 + i) for i in range(10)]
    statuses += [_request(site, "GET", path) for path in ("/", url, "/feed/", f"{url}?lagi=1") * 3]
    return statuses


def stored_texts(postgres: OwnPostgres, article_id: int) -> list[str]:
    return [text for (text,) in postgres.query("SELECT text FROM comments_comment WHERE article_id = %s", article_id)]


def record(tally: Tally, extra: str = "") -> None:
    line = tally.line() + (f"; {extra}" if extra else "")
    print(line)
    FIGURES.parent.mkdir(exist_ok=True)
    with Path(FIGURES).open("a") as figures:
        figures.write(f"{datetime.datetime.now():%Y-%m-%d %H:%M} {line}\n")


def check(site: Site, postgres: OwnPostgres, tally: Tally, article_id: int, url: str) -> None:
    took = recovered(site, url)
    calm = after_recovery(site, tally.name, article_id, url)
    stored = stored_texts(postgres, article_id)
    tally.stored = [text for text in stored if text.startswith(f"{tally.name}: komentar")]
    record(tally, f"recovered in {took:.1f} s; after it {Counter(map(str, calm))}")
    # Every accepted comment is stored, once; nothing refused or failed was stored behind its back.
    assert sorted(tally.accepted) == sorted(tally.stored)
    assert len(stored) == len(set(stored))
    # A request arriving while the server restarts waits for it (the pool's 10 s) and is answered.
    # Only a request whose session the server ended mid-query cannot be: it gets a 503 with
    # Retry-After (never a 500), at most one per server thread (2 workers x 2 threads).
    comments = list(tally.comments.values())
    assert tally.failed(comments, during=True) + tally.failed(tally.pages, during=True) == 0, tally.line()
    assert tally.failed(comments, during=False) == 0 and tally.failed(tally.pages, during=False) == 0, tally.line()
    assert tally.unavailable(comments) + tally.unavailable(tally.pages) <= 4, tally.line()
    assert set(calm) == {200, 303}, calm


@pytest.fixture(scope="module", autouse=True)
def fresh_figures() -> None:
    FIGURES.unlink(missing_ok=True)


def test_a_postgresql_restart_in_a_comment_burst_loses_nothing(site: Site, postgres: OwnPostgres):
    article_id, url = article(site, "restart-postgres")
    tally = burst(site, "postgres", article_id, url, postgres.restart)
    check(site, postgres, tally, article_id, url)


def test_a_redis_restart_in_a_comment_burst_loses_nothing(site: Site, postgres: OwnPostgres, redis_server: OwnRedis):
    article_id, url = article(site, "restart-redis")
    tally = burst(site, "redis", article_id, url, redis_server.restart)
    check(site, postgres, tally, article_id, url)


def test_the_worker_publishes_what_fell_due_while_postgresql_was_down(site: Site, postgres: OwnPostgres):
    article_id, _ = article(site, "terbit-sesudah-gangguan", scheduled_in=6)
    assert site.worker is not None and site.worker.poll() is None
    postgres.stop()  # the worker's connections are ended, "administrator command"
    time.sleep(14)  # longer than the pool waits (10 s), across the scheduled time
    postgres.start()
    down_until = time.monotonic()
    deadline = down_until + 90
    status = ""
    while time.monotonic() < deadline:
        (status,) = postgres.query("SELECT status FROM articles_article WHERE id = %s", article_id)[0]
        if status == "published":
            break
        time.sleep(0.5)
    took = time.monotonic() - down_until
    log = site.worker_log()
    print(f"worker: published {took:.1f} s after PostgreSQL came back; still running: {site.worker.poll() is None}")
    with FIGURES.open("a") as figures:
        figures.write(f"worker: down 14 s across the scheduled time, published {took:.1f} s after the restart\n")
    assert site.worker.poll() is None, log[-3000:]  # still running
    assert status == "published", log[-3000:]
    assert "database is unreachable" in log  # it said what happened


def test_the_first_requests_after_a_quiet_postgresql_restart_are_answered(site: Site, postgres: OwnPostgres):
    """The pool is full of connections the restart ended; none of them may reach a reader."""
    article_id, url = article(site, "sesudah-restart-sepi")
    # Fill each server process's pool: requests that need the database (uncached addresses).
    with ThreadPoolExecutor(8) as pool:
        warm = list(pool.map(lambda i: _request(site, "GET", f"{url}?hangat={i}"), range(24)))
    assert set(warm) == {200}
    tally = Tally("postgres, quiet")
    tally.fault_started = time.monotonic()
    postgres.restart()  # nobody is asking: every pooled connection dies idle
    tally.fault_ended = time.monotonic()
    time.sleep(1.5)  # past the restart's own window: what follows is "after"

    def send(i: int) -> None:
        text = f"{tally.name}: komentar nomor {i}"
        tally.comments[text] = timed(lambda: comment(site, article_id, text, i))
        tally.pages.append(timed(lambda: _request(site, "GET", f"{url}?sesudah={i}")))

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(send, range(32)))
    stored = stored_texts(postgres, article_id)
    tally.stored = [text for text in stored if text.startswith(f"{tally.name}: komentar")]
    record(tally)
    assert sorted(tally.accepted) == sorted(tally.stored) and len(tally.accepted) == 32, tally.line()
    assert tally.failed(tally.pages, during=False) == 0, tally.line()
