#!/usr/bin/env bash
# Two application servers, one database (issue 14): start two gunicorn instances on two ports
# and one `db_worker`, all on one PostgreSQL database with the same SECRET_KEY, the database
# cache and one file storage, then run scripts/check_two_servers.py against them.
#
# Each process gets a MEDIA_ROOT and CACHE_DIR of its own, so nothing is shared through the
# local disk: the files go to an S3 bucket (moto's server, from the dev dependencies, stands in
# for the object storage) unless TWO_SERVERS_STORAGE=disk, where the three share one MEDIA_ROOT
# (one machine's disk, or an NFS mount on several).
#
#   make servers-check                      # or: bash scripts/two_servers.sh
#
# Environment: SERVERS_DATABASE_URL (default postgres://partnership:partnership@127.0.0.1:5432/
# partnership_servers; the database is DROPPED and made anew, so never point it at real data),
# PORT_A / PORT_B / PORT_S3 (8101 / 8102 / 8103), TWO_SERVERS_STORAGE (s3 or disk),
# KEEP_LOGS=1 keeps the scratch folder with the servers' logs.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
GUNICORN=${GUNICORN:-.venv/bin/gunicorn}
PORT_A=${PORT_A:-8101}
PORT_B=${PORT_B:-8102}
PORT_S3=${PORT_S3:-8103}
STORAGE_MODE=${TWO_SERVERS_STORAGE:-s3}
DATABASE_URL=${SERVERS_DATABASE_URL:-postgres://partnership:partnership@127.0.0.1:5432/partnership_servers}
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "SERVERS_DATABASE_URL must be a PostgreSQL URL" >&2; exit 2 ;;
esac

scratch=$(mktemp -d /tmp/two-servers.XXXXXX)
pids=()
cleanup() {
  status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    for log in "$scratch"/*.log; do
      [ -f "$log" ] || continue
      echo "----- last lines of $(basename "$log")"
      tail -n 30 "$log"
    done
  fi
  if [ -n "${KEEP_LOGS:-}" ]; then echo "Logs kept in $scratch"; else rm -rf "$scratch"; fi
  exit "$status"
}
trap cleanup EXIT INT TERM

export DATABASE_URL
export SECRET_KEY
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
export DEMO_PASSWORD=${DEMO_PASSWORD:-two-servers-$("$PY" -c 'import secrets; print(secrets.token_hex(6))')}
# No CACHE_URL: on PostgreSQL the default is the database cache, the one shared by every server.
export DEBUG=0 HTTPS=0 TASKS_BACKEND=django_tasks_db.DatabaseBackend
export ALLOWED_HOSTS=127.0.0.1,localhost
unset CACHE_URL CACHE_DIR MEDIA_ROOT STORAGE_BUCKET STORAGE_ACCESS_KEY STORAGE_SECRET_KEY \
      STORAGE_ENDPOINT_URL STORAGE_REGION STORAGE_PREFIX

echo "== A fresh database: $DATABASE_URL"
"$PY" - <<'PY'
import os

import dj_database_url
import psycopg
from psycopg import sql

config = dj_database_url.parse(os.environ["DATABASE_URL"])
name = config["NAME"]
with psycopg.connect(
    host=config["HOST"], port=config["PORT"] or 5432, user=config["USER"],
    password=config["PASSWORD"], dbname="postgres", autocommit=True,
) as connection:
    connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
PY

if [ "$STORAGE_MODE" = s3 ]; then
  echo "== An S3-compatible object storage (moto) on port $PORT_S3"
  .venv/bin/moto_server -H 127.0.0.1 -p "$PORT_S3" >"$scratch/s3.log" 2>&1 &
  pids+=($!)
  export STORAGE_BUCKET=partnership-files STORAGE_ACCESS_KEY=two-servers \
         STORAGE_SECRET_KEY=two-servers-secret STORAGE_REGION=us-east-1 \
         STORAGE_ENDPOINT_URL="http://127.0.0.1:$PORT_S3"
  "$PY" - <<'PY'
import os
import time

import boto3

s3 = boto3.client(
    "s3", endpoint_url=os.environ["STORAGE_ENDPOINT_URL"], region_name="us-east-1",
    aws_access_key_id=os.environ["STORAGE_ACCESS_KEY"],
    aws_secret_access_key=os.environ["STORAGE_SECRET_KEY"],
)
for _ in range(60):
    try:
        s3.create_bucket(Bucket=os.environ["STORAGE_BUCKET"])
        break
    except Exception:  # noqa: BLE001 - the server is still starting
        time.sleep(0.5)
else:
    raise SystemExit("the S3 server did not start")
PY
elif [ "$STORAGE_MODE" = disk ]; then
  shared_media="$scratch/shared-media"
else
  echo "TWO_SERVERS_STORAGE must be s3 or disk" >&2; exit 2
fi

echo "== migrate (makes the cache table), collectstatic, demo"
"$PY" manage.py migrate --noinput -v0
# Compressing every static file takes minutes on a busy machine: only when something changed.
if [ ! -f staticfiles/staticfiles.json ] \
   || [ -n "$(find static pyproject.toml -newer staticfiles/staticfiles.json -print -quit)" ]; then
  "$PY" manage.py collectstatic --noinput -v0
fi
"$PY" manage.py demo >"$scratch/demo.log" 2>&1

# Run a command as one process of the site, with a folder of its own.
as_process() {
  local name=$1; shift
  mkdir -p "$scratch/$name"
  MEDIA_ROOT="${shared_media:-$scratch/$name/media}" CACHE_DIR="$scratch/$name/cache" \
    "$@" >"$scratch/$name.log" 2>&1 &
  pids+=($!)
}

echo "== server A on $PORT_A, server B on $PORT_B, one db_worker"
as_process server-a "$GUNICORN" partnership.wsgi --bind "127.0.0.1:$PORT_A" --workers 2 --timeout 120
as_process server-b "$GUNICORN" partnership.wsgi --bind "127.0.0.1:$PORT_B" --workers 2 --timeout 120
as_process worker "$PY" manage.py db_worker --queue-name '*'

facts=$("$PY" manage.py shell --no-imports -c '
import json
from django.conf import settings
from django.contrib.auth import get_user_model
from partners import policy
from plans.models import Plan
teacher = get_user_model().objects.get(username="teacher")
plan = next(p for p in Plan.objects.order_by("-year", "pk") if policy.may_edit_plan(teacher, p))
row = plan.rows.order_by("order", "pk").first()
print(json.dumps({"plan": plan.pk, "row": row.pk, "year": plan.year, "partner": row.partner_id,
                  "unit": plan.unit_id, "valid_from": f"{plan.year}-09-01",
                  "cache": settings.CACHES["default"]["BACKEND"],
                  "storage": settings.STORAGES["default"]["BACKEND"]}))
')
echo "   facts: $facts"

echo "== The checks"
"$PY" scripts/check_two_servers.py --a "http://127.0.0.1:$PORT_A" --b "http://127.0.0.1:$PORT_B" \
  --facts "$facts" --password "$DEMO_PASSWORD"
