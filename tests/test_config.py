"""Configuration from WARTA_* variables: sensible defaults, loud failures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from warta import config

WARTA = str(Path(sys.executable).with_name("warta"))


def run_warta(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("WARTA_", "DJANGO_"))}
    return subprocess.run([WARTA, *args], env={**environment, **env}, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("raw", "value"), [("1", True), ("true", True), ("YES", True), ("0", False), ("off", False)])
def test_yes_no_values(monkeypatch, raw, value):
    monkeypatch.setenv("WARTA_DEBUG", raw)
    assert config.env_bool("WARTA_DEBUG") is value


def test_a_bad_yes_no_value_is_named(monkeypatch):
    monkeypatch.setenv("WARTA_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="WARTA_DEBUG='maybe' is not a yes/no value"):
        config.env_bool("WARTA_DEBUG")


@pytest.mark.parametrize("raw", ["abc", "0", "-5"])
def test_a_bad_number_is_refused(monkeypatch, raw):
    monkeypatch.setenv("WARTA_READING_WPM", raw)
    with pytest.raises(ImproperlyConfigured, match="WARTA_READING_WPM"):
        config.env_int("WARTA_READING_WPM", default=200)


def test_sqlite_in_the_data_dir_by_default(monkeypatch, tmp_path):
    monkeypatch.delenv("WARTA_DATABASE_URL", raising=False)
    database = config.database(tmp_path)
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == tmp_path / "warta.sqlite3"


def test_a_postgresql_url_switches_to_postgresql(monkeypatch, tmp_path):
    monkeypatch.setenv("WARTA_DATABASE_URL", "postgresql://warta:rahasia@db.internal:5433/berita")
    database = config.database(tmp_path)
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("db.internal", 5433, "berita")
    assert database["OPTIONS"]["pool"]["max_size"] == 4 and database["CONN_MAX_AGE"] == 0


@pytest.mark.parametrize("url", ["mysql://x/y", "not a url", "postgresql://host/"])
def test_an_unusable_database_url_is_refused(monkeypatch, tmp_path, url):
    monkeypatch.setenv("WARTA_DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured, match="WARTA_DATABASE_URL"):
        config.database(tmp_path)


def test_the_secret_key_is_made_once_and_kept_private(monkeypatch, tmp_path):
    monkeypatch.delenv("WARTA_SECRET_KEY", raising=False)
    first = config.secret_key(tmp_path)
    assert len(first) >= 50
    assert config.secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_a_short_secret_key_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("WARTA_SECRET_KEY", "pendek")
    with pytest.raises(ImproperlyConfigured, match="at least 32"):
        config.secret_key(tmp_path)


def test_a_data_dir_that_cannot_be_made_is_named(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("WARTA_DATA_DIR", str(blocker / "data"))
    with pytest.raises(ImproperlyConfigured, match="WARTA_DATA_DIR"):
        config.data_dir()


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("WARTA_DEBUG", "kadang", "WARTA_DEBUG='kadang' is not a yes/no value"),
        ("WARTA_LANGUAGE", "fr", "WARTA_LANGUAGE='fr'"),
        ("WARTA_DATABASE_URL", "mysql://localhost/x", "must start with postgresql://"),
    ],
)
def test_the_cli_stops_with_one_clear_line(tmp_path, variable, value, message):
    result = run_warta("check", WARTA_DATA_DIR=str(tmp_path), **{variable: value})
    assert result.returncode != 0
    assert "warta: configuration error: " in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_the_cli_passes_other_words_to_django(tmp_path):
    result = run_warta("check", WARTA_DATA_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_serve_refuses_a_database_that_is_not_migrated(tmp_path):
    result = run_warta("serve", "--port", "1", WARTA_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "run `warta migrate` first" in result.stderr


def test_s3_storage_is_configured_from_the_environment(monkeypatch):
    monkeypatch.setenv("WARTA_S3_BUCKET", "foto-redaksi")
    monkeypatch.setenv("WARTA_S3_ENDPOINT", "https://s3.contoh.id")
    storage = config.media_storage()
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "foto-redaksi"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.contoh.id"


def test_a_bad_cache_url_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("WARTA_CACHE_URL", "memcached://x")
    with pytest.raises(ImproperlyConfigured, match="WARTA_CACHE_URL"):
        config.cache(tmp_path)


@pytest.mark.parametrize(
    ("raw", "origin"),
    [
        ("https://cdn.kempalan.id/logo.png", "https://cdn.kempalan.id"),
        ("http://127.0.0.1:9000/a/b.svg", "http://127.0.0.1:9000"),
        ("/media/situs/logo.png", ""),
        ("javascript:alert(1)", ""),
        ("", ""),
    ],
)
def test_the_origin_of_an_address_the_environment_gives(monkeypatch, raw, origin):
    """For the CSP: a logo the environment places on a CDN must be allowed to load."""
    monkeypatch.setenv("WARTA_SITE_LOGO_URL", raw)
    assert config.origin_of("WARTA_SITE_LOGO_URL") == origin


def test_a_logo_on_a_cdn_is_allowed_by_the_pages_csp(tmp_path):
    code = (
        "from django.test import Client; from warta.front.middleware import SecurityHeadersMiddleware as M;"
        "print(M(lambda r: None).policy)"
    )
    result = run_warta(
        "shell", "-c", code, WARTA_DATA_DIR=str(tmp_path), WARTA_SITE_LOGO_URL="https://cdn.kempalan.id/logo.png"
    )
    assert result.returncode == 0, result.stderr
    assert "img-src 'self' data: https://cdn.kempalan.id;" in result.stdout
