# A throwaway PostgreSQL cluster for the hub's tests (src/hub), sourced by .ci/run; also usable
# on a developer's machine:  bash .ci/with-postgres npx vitest run --project unit test/unit/hub
# It lives in a temporary directory, listens on 127.0.0.1 only, on a free port, trusts local
# connections (nothing else can reach it), runs as a non-root user (PostgreSQL refuses root), and
# is stopped and removed by stop_test_postgres. Exports HUB_TEST_DATABASE_URL.

# The directory of Debian's PostgreSQL binaries (initdb, pg_ctl), or empty when none is installed.
postgres_bin_dir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return
    fi
  done
}

# A TCP port nobody listens on now (the kernel picks it).
free_port() {
  node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start_test_postgres() {
  local bin user
  bin="$(postgres_bin_dir)"
  if [ -z "$bin" ]; then
    echo "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql" >&2
    return 1
  fi
  TEST_POSTGRES_DIR="$(mktemp -d /tmp/leitai-hub-pg.XXXXXX)"
  user="$(id -un)"
  local run=()
  if [ "$(id -u)" -eq 0 ]; then
    user=postgres
    run=(runuser -u postgres --)
    chown postgres "$TEST_POSTGRES_DIR"
  fi
  TEST_POSTGRES_RUN=("${run[@]}")
  TEST_POSTGRES_BIN="$bin"
  local port
  port="$(free_port)"
  "${run[@]}" "$bin/initdb" -D "$TEST_POSTGRES_DIR/data" -U postgres --auth=trust >"$TEST_POSTGRES_DIR/initdb.log" 2>&1 || {
    cat "$TEST_POSTGRES_DIR/initdb.log" >&2
    return 1
  }
  "${run[@]}" "$bin/pg_ctl" -D "$TEST_POSTGRES_DIR/data" -l "$TEST_POSTGRES_DIR/server.log" -w \
    -o "-p $port -k $TEST_POSTGRES_DIR -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null || {
    cat "$TEST_POSTGRES_DIR/server.log" >&2
    return 1
  }
  export HUB_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "== PostgreSQL for the hub's tests: $HUB_TEST_DATABASE_URL (as $user, in $TEST_POSTGRES_DIR)"
}

stop_test_postgres() {
  if [ -n "${TEST_POSTGRES_DIR:-}" ] && [ -d "$TEST_POSTGRES_DIR/data" ]; then
    "${TEST_POSTGRES_RUN[@]}" "$TEST_POSTGRES_BIN/pg_ctl" -D "$TEST_POSTGRES_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$TEST_POSTGRES_DIR"
  fi
}
