"""The database pool hands out only live connections: after PostgreSQL restarts, every idle
connection in the pool is dead, and the first requests must not be the ones to find out."""

from __future__ import annotations

import psycopg
import pytest
from django.db import connection

from warta import config

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_pool_checks_each_connection_before_handing_it_out(monkeypatch, tmp_path):
    monkeypatch.setenv("WARTA_DATABASE_URL", "postgresql://warta@db.example:5432/warta")
    settings = config.database(tmp_path)
    # Django then builds the pool with check=ConnectionPool.check_connection.
    assert settings["CONN_HEALTH_CHECKS"] is True and settings["OPTIONS"]["pool"]["max_size"] >= 1


def _server_side_kill(pid: int) -> None:
    """What a restart does to a pooled connection: the server ends it while it sits idle."""
    params = connection.get_connection_params()
    wanted = {key: params[key] for key in ("dbname", "user", "password", "host", "port") if params.get(key)}
    with psycopg.connect(**wanted, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_a_connection_the_server_ended_is_replaced_not_served():
    if connection.vendor != "postgresql" or getattr(connection, "pool", None) is None:
        pytest.skip("the pool exists on PostgreSQL (scripts/test runs this there)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    connection.close()  # back into the pool, idle, as between two requests
    _server_side_kill(pid)
    with connection.cursor() as cursor:  # the next request
        cursor.execute("SELECT pg_backend_pid()")
        (new_pid,) = cursor.fetchone()
    assert new_pid != pid
