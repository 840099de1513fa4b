# Starts a throw-away PostgreSQL on 127.0.0.1:5433 for the tests; sourced by .ci/run.
# Sets KANSSA_TEST_DATABASE_URL and defines stop_postgres.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGDATA=$(mktemp -d)
chown postgres:postgres "$PGDATA"
# initdb refuses root; the postgres user cannot enter a work tree under /root or /tmp/…, so run from /.
as_postgres() { (cd / && runuser -u postgres -- "$@"); }
as_postgres "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth-local=trust --auth-host=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p 5433 -k $PGDATA -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null
as_postgres psql -q -h "$PGDATA" -p 5433 -U postgres -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE kanssa LOGIN PASSWORD 'kanssa'" -c "CREATE DATABASE kanssa_test OWNER kanssa"
export KANSSA_TEST_DATABASE_URL="postgres://kanssa:kanssa@127.0.0.1:5433/kanssa_test"

stop_postgres() {
  as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA"
}
