#!/usr/bin/env bash
# A private, throw-away PostgreSQL cluster for the tests: Debian's packages, one data
# directory, 127.0.0.1 on a random free port, trust auth, database leadboard_test with
# pg_trgm. Sourced by .ci/run (pg_install, pg_start, pg_stop), or by hand:
#   bash .ci/postgres.sh start DIR   # prints the URL to export as LEADBOARD_TEST_PG
#   bash .ci/postgres.sh stop DIR    # stops the server and removes DIR

pg_die() {
    echo "postgres.sh: $*" >&2
    return 1
}

# The newest installed server's bin directory, or nothing.
pg_bin() {
    local initdb
    initdb="$(find /usr/lib/postgresql -path '*/bin/initdb' 2>/dev/null | sort -V | tail -n 1)"
    if [[ -n "$initdb" ]]; then dirname "$initdb"; fi
}

# Install before any server starts: an upgrade under a running server breaks it.
pg_install() {
    [[ -n "$(pg_bin)" ]] && return 0
    [[ "$(id -u)" -eq 0 ]] || pg_die "PostgreSQL is not installed and only root can install it: apt-get install postgresql" || return 1
    echo "postgres.sh: installing Debian's postgresql" >&2
    apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null ||
        pg_die "apt-get install postgresql failed" || return 1
    [[ -n "$(pg_bin)" ]] || pg_die "postgresql installed but no initdb under /usr/lib/postgresql"
}

# Run a server command as the postgres OS user: initdb and postgres refuse to run as root.
# A developer who is not root runs them as themselves; -U postgres still names the role.
pg_as() {
    if [[ "$(id -u)" -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# pg_start DIR: create the cluster in DIR (missing or empty), start it, export LEADBOARD_TEST_PG.
pg_start() {
    local dir="${1:?usage: pg_start DIR}" bin port attempt url
    pg_install || return 1
    bin="$(pg_bin)"
    if [[ "$(id -u)" -eq 0 ]] && ! id -u postgres >/dev/null 2>&1; then
        pg_die "running as root but there is no 'postgres' user to run the server as" || return 1
    fi
    if [[ -e "$dir" && -n "$(ls -A "$dir" 2>/dev/null)" ]]; then
        pg_die "$dir is not empty: pick a new directory (or: bash .ci/postgres.sh stop $dir)" || return 1
    fi
    mkdir -p "$dir" || return 1
    dir="$(cd "$dir" && pwd)"
    # The marker lets pg_stop remove only a directory this script made.
    touch "$dir/.leadboard-pg"
    if [[ "$(id -u)" -eq 0 ]]; then chown -R postgres: "$dir"; fi
    pg_as "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        pg_die "initdb failed (can the postgres user reach $dir?)" || return 1
    }
    # The port is free when picked but could be taken before the server binds it: retry.
    for attempt in 1 2 3; do
        port="$(pg_free_port)"
        if pg_as "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -s \
            -o "-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c fsync=off -c max_connections=200" \
            start; then
            break
        fi
        port=""
        echo "postgres.sh: start on port attempt $attempt failed" >&2
    done
    if [[ -z "$port" ]]; then
        tail -n 20 "$dir/postgres.log" >&2
        pg_die "the server did not start; log: $dir/postgres.log" || return 1
    fi
    echo "$port" >"$dir/port"
    pg_as "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres leadboard_test &&
        pg_as "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres \
            -d leadboard_test -c 'CREATE EXTENSION IF NOT EXISTS pg_trgm' ||
        pg_die "could not create database leadboard_test with pg_trgm" || return 1
    url="postgresql://postgres@127.0.0.1:$port/leadboard_test"
    export LEADBOARD_TEST_PG="$url"
}

# pg_stop DIR: stop the server if it runs and remove DIR; safe to call twice or after a failed start.
pg_stop() {
    local dir="${1:?usage: pg_stop DIR}" bin
    [[ -d "$dir" ]] || return 0
    [[ -e "$dir/.leadboard-pg" ]] || pg_die "$dir was not made by postgres.sh: not removing it" || return 1
    bin="$(pg_bin)"
    if [[ -n "$bin" && -e "$dir/data/postmaster.pid" ]]; then
        pg_as "$bin/pg_ctl" -D "$dir/data" -m fast -w -s stop || echo "postgres.sh: pg_ctl stop failed" >&2
    fi
    rm -rf -- "$dir"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -uo pipefail
    case "${1:-}:${2:-}" in
    start:?*)
        pg_start "$2" || exit 1
        echo "$LEADBOARD_TEST_PG"
        echo "postgres.sh: export LEADBOARD_TEST_PG=$LEADBOARD_TEST_PG; stop with: bash $0 stop $2" >&2
        ;;
    stop:?*)
        pg_stop "$2" || exit 1
        ;;
    *)
        echo "usage: bash $0 start DIR | stop DIR" >&2
        exit 2
        ;;
    esac
fi
