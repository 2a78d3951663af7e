"""The state several application servers share, chosen by environment variables.

- `CACHE_URL` (the PDF cache): unset means the single-machine default, Django's file cache in
  `CACHE_DIR` (var/cache) on SQLite, and Django's database cache (table `django_cache`, made by
  `manage.py createcachetable`) on PostgreSQL. Given explicitly: `file:///absolute/folder`,
  `db://` (or `db://table_name`), `locmem://`, `redis://…` / `rediss://…` (django-redis),
  `dummy://` (no cache).
- `STORAGE_BUCKET` (stored files: agreements, occurrence files, finished exports, the logo,
  pending imports): unset means the local disk under MEDIA_ROOT. Given, the files go to that
  bucket of an S3-compatible object storage (django-storages) with `STORAGE_ACCESS_KEY`,
  `STORAGE_SECRET_KEY` (both required), `STORAGE_ENDPOINT_URL` (for a non-AWS service),
  `STORAGE_REGION` and `STORAGE_PREFIX` (a folder inside the bucket). Objects are private and
  never linked to: the site's views read them with the storage API and check access first.

A malformed value stops the start with ImproperlyConfigured naming the variable.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

CACHE_TABLE = "django_cache"
CACHE_SCHEMES = ("file", "db", "locmem", "redis", "rediss", "dummy")


def cache_config(url: str, *, database_engine: str, cache_dir: str) -> dict:
    """The `default` entry of CACHES for CACHE_URL (`url`, "" when unset)."""
    if not url:
        if database_engine == "django.db.backends.postgresql":
            return {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                    "LOCATION": CACHE_TABLE}
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": cache_dir}
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("redis", "rediss"):
        if not parts.hostname:
            raise ImproperlyConfigured(f"CACHE_URL names no Redis host: {url!r}")
        return {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url,
                "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"}}
    if scheme == "db":
        table = (parts.netloc + parts.path).strip("/") or CACHE_TABLE
        if not table.replace("_", "").isalnum():
            raise ImproperlyConfigured(f"CACHE_URL names an invalid cache table: {table!r}")
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table}
    if scheme == "file":
        if parts.netloc or not parts.path.startswith("/"):
            raise ImproperlyConfigured(
                f"CACHE_URL file:// needs an absolute folder (file:///var/cache/x): {url!r}"
            )
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": parts.path}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL has an unknown scheme {parts.scheme or '(none)'!r} in {url!r}: use one of "
        + ", ".join(f"{s}://" for s in CACHE_SCHEMES)
    )


def storage_config(env) -> dict:
    """The `default` entry of STORAGES: the local disk, or an S3 bucket when STORAGE_BUCKET."""
    bucket = env.get("STORAGE_BUCKET", "").strip()
    if not bucket:
        unused = sorted(
            name for name in ("STORAGE_ACCESS_KEY", "STORAGE_SECRET_KEY", "STORAGE_ENDPOINT_URL")
            if env.get(name)
        )
        if unused:
            raise ImproperlyConfigured(
                f"{', '.join(unused)} given without STORAGE_BUCKET: set STORAGE_BUCKET too, "
                "or unset them to keep files on the local disk"
            )
        # Its folder is MEDIA_ROOT, read when used (so tests can move it).
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    missing = [n for n in ("STORAGE_ACCESS_KEY", "STORAGE_SECRET_KEY") if not env.get(n)]
    if missing:
        raise ImproperlyConfigured(
            f"STORAGE_BUCKET is set but {' and '.join(missing)} is not: object storage needs "
            "both keys"
        )
    endpoint = env.get("STORAGE_ENDPOINT_URL", "").strip() or None
    if endpoint and urlsplit(endpoint).scheme not in ("http", "https"):
        raise ImproperlyConfigured(
            f"STORAGE_ENDPOINT_URL must be an http(s):// URL; got {endpoint!r}"
        )
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "access_key": env["STORAGE_ACCESS_KEY"],
            "secret_key": env["STORAGE_SECRET_KEY"],
            "endpoint_url": endpoint,
            "region_name": env.get("STORAGE_REGION", "").strip() or None,
            "location": env.get("STORAGE_PREFIX", "").strip().strip("/"),
            # Private objects; a URL, were one ever made, would be signed and short-lived.
            # Files reach users only through the views that check access.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            # Two uploads of the same name never overwrite each other.
            "file_overwrite": False,
        },
    }
