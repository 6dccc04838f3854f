#!/bin/sh
# Run by the postgres image on the first start of an empty volume
# (docker-compose.yml mounts it into /docker-entrypoint-initdb.d): creates the
# role the tracker connects as, which owns nothing and is no superuser. The
# migrations, run as POSTGRES_USER (the tables' owner), grant it its
# privileges. For a volume created before this script existed:
#   docker compose exec db sh /docker-entrypoint-initdb.d/create-app-role.sh
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v role="$APP_DB_USER" -v password="$APP_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
SQL
