#!/usr/bin/env bash
# Make sure the local infrastructure callcart needs is up: nats-server (with JetStream),
# PostgreSQL with the `callcart` database, and the speech service's Debian packages. For machines without Docker (dev machines, CI);
# with Docker use docker-compose.yml at the repo root instead.
#
# Idempotent: a server that already answers is left alone. A missing one is installed from
# Debian's packages (root only, and only if its binary is missing), started, and waited for.
#
# Environment (all optional):
#   NATS_HOST/NATS_PORT        where NATS must answer            (127.0.0.1 / 4222)
#   NATS_STORE_DIR             JetStream store of a started server (/var/lib/nats-server,
#                              /var/lib/nats-server-<port> for another port)
#   PGHOST/PGPORT              where PostgreSQL must answer      (127.0.0.1 / 5432)
#   PGUSER                     superuser used to create the db    (postgres)
#   CALLCART_DB                database to create                 (callcart)
#   UP_WAIT_SECONDS            how long to wait for a started server (30)
#
# Prints one line per service; nothing else unless it has to install or something fails.
set -euo pipefail

NATS_HOST="${NATS_HOST:-127.0.0.1}"
NATS_PORT="${NATS_PORT:-4222}"
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
CALLCART_DB="${CALLCART_DB:-callcart}"
UP_WAIT_SECONDS="${UP_WAIT_SECONDS:-30}"
# Where cluster configs live; overridable only so the script can be tested against stubs.
PG_CONF_ROOT="${PG_CONF_ROOT:-/etc/postgresql}"

export DEBIAN_FRONTEND=noninteractive

die() {
  printf 'up.sh: %s\n' "$*" >&2
  exit 1
}
note() { printf '%s\n' "$*"; }
is_root() { [ "$(id -u)" -eq 0 ]; }
# An executable on PATH (bash's `command -v` alone also reports non-executable files).
have() {
  local p
  p="$(command -v "$1" 2>/dev/null)" || return 1
  [ -f "$p" ] && [ -x "$p" ]
}
is_local_host() {
  case "$1" in
    127.0.0.1 | localhost | ::1 | 0.0.0.0 | /*) return 0 ;;
    *) return 1 ;;
  esac
}

# ---------------------------------------------------------------------------------------------
# apt, once per run
APT_UPDATED=0
apt_install() {
  # $1: service (message prefix); rest: packages
  local what="$1"
  shift
  if ! is_root; then
    die "$what: $* not installed here, and installing needs root.
  Run this script as root (sudo bash infra/local/up.sh), or install it yourself:
    sudo apt-get update && sudo apt-get install -y --no-install-recommends $*"
  fi
  have apt-get || die "$what: $* not installed and there is no apt-get here: install by hand"
  local log
  log="$(mktemp)"
  note "$what: installing $* with apt-get"
  if [ "$APT_UPDATED" -eq 0 ]; then
    if ! apt-get update -qq >"$log" 2>&1; then
      cat "$log" >&2
      rm -f "$log"
      die "apt-get update failed"
    fi
    APT_UPDATED=1
  fi
  if ! apt-get install -y -qq --no-install-recommends "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    die "apt-get install $* failed"
  fi
  rm -f "$log"
}

# wait_for CHECK_FUNCTION: poll it for up to UP_WAIT_SECONDS.
wait_for() {
  local check="$1" deadline=$((SECONDS + UP_WAIT_SECONDS))
  while ! "$check"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

# ---------------------------------------------------------------------------------------------
# NATS

# The first line a NATS server sends is "INFO {json}". Empty if nothing answers.
# shellcheck disable=SC2016 # expanded by the inner bash
nats_info() {
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    IFS= read -r -t 2 line <&3 || exit 1
    printf "%s" "$line"
  ' nats-probe "$NATS_HOST" "$NATS_PORT" 2>/dev/null || true
}
nats_answers() { case "$(nats_info)" in INFO\ *) return 0 ;; *) return 1 ;; esac }
nats_has_jetstream() { nats_info | grep -q '"jetstream":true'; }
# shellcheck disable=SC2016 # expanded by the inner bash
tcp_open() {
  timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2"' tcp-probe "$1" "$2" 2>/dev/null
}

ensure_nats() {
  local addr="$NATS_HOST:$NATS_PORT"
  if nats_answers; then
    nats_has_jetstream ||
      die "nats: a server answers at $addr but JetStream is off; restart it with -js (callcart needs JetStream)"
    note "nats: already running at $addr (JetStream on)"
    return 0
  fi
  if tcp_open "$NATS_HOST" "$NATS_PORT"; then
    die "nats: something answers at $addr but it is not a NATS server; free the port or set NATS_PORT"
  fi
  is_local_host "$NATS_HOST" ||
    die "nats: nothing answers at $addr, and $NATS_HOST is not this machine, so it cannot be started here"

  local bin="" installed=0
  if have nats-server; then
    bin="$(command -v nats-server)"
  elif [ -f /usr/sbin/nats-server ] && [ -x /usr/sbin/nats-server ]; then
    bin=/usr/sbin/nats-server # not on a non-root PATH
  else
    apt_install nats nats-server
    bin=/usr/sbin/nats-server
    installed=1
    if ! [ -f "$bin" ] || ! [ -x "$bin" ]; then die "nats: apt-get installed nats-server but there is no $bin"; fi
  fi
  "$bin" --version >/dev/null 2>&1 || die "nats: $bin does not run ($bin --version failed)"

  # On a systemd machine the package starts its own server (no JetStream) on 4222: if that is
  # what answers now, stop it in favour of ours.
  if [ "$installed" -eq 1 ] && nats_answers && ! nats_has_jetstream &&
    command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet nats-server.service 2>/dev/null; then
    systemctl disable --now nats-server.service >/dev/null 2>&1 || true
  fi

  local suffix="" state store log pidfile listen="$NATS_HOST"
  [ "$NATS_PORT" = 4222 ] || suffix="-$NATS_PORT"
  [ "$listen" = localhost ] && listen=127.0.0.1
  if is_root; then
    store="${NATS_STORE_DIR:-/var/lib/nats-server$suffix}"
    log="/var/log/nats-server$suffix.log"
    pidfile="/run/nats-server-$NATS_PORT.pid"
  else
    # Not root: keep everything under the user's own state dir.
    state="${XDG_STATE_HOME:-$HOME/.local/state}/callcart"
    store="${NATS_STORE_DIR:-$state/nats-server-$NATS_PORT}"
    log="$state/nats-server-$NATS_PORT.log"
    pidfile="$state/nats-server-$NATS_PORT.pid"
  fi
  mkdir -p "$store" "$(dirname "$log")" "$(dirname "$pidfile")" 2>/dev/null ||
    die "nats: cannot create $store (run as root, or set NATS_STORE_DIR to a writable dir)"

  # --pidfile makes start-stop-daemon tell this server apart from others on other ports
  # (with --exec alone, any running nats-server would count as "already started").
  start-stop-daemon --start --oknodo --quiet --background \
    --pidfile "$pidfile" --make-pidfile --exec "$bin" -- \
    -a "$listen" -p "$NATS_PORT" -js -sd "$store" -l "$log" ||
    die "nats: start-stop-daemon could not start $bin"

  if ! wait_for nats_answers; then
    tail -n 20 "$log" >&2 2>/dev/null || true
    die "nats: started nats-server but nothing answers at $addr after ${UP_WAIT_SECONDS}s (log: $log)"
  fi
  nats_has_jetstream || die "nats: the server at $addr answers without JetStream (log: $log)"
  note "nats: started nats-server at $addr (JetStream store $store, log $log, pid file $pidfile)"
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL

pg_answers() {
  if have pg_isready; then
    pg_isready -q -h "$PGHOST" -p "$PGPORT" -t 2 >/dev/null 2>&1
  else
    case "$PGHOST" in /*) [ -S "$PGHOST/.s.PGSQL.$PGPORT" ] ;; *) tcp_open "$PGHOST" "$PGPORT" ;; esac
  fi
}

pg_server_installed() {
  have pg_ctlcluster && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}

# Newest installed server version (e.g. 15).
pg_version() {
  local v best=""
  for v in /usr/lib/postgresql/*/bin/postgres; do
    [ -x "$v" ] || continue
    v="${v#/usr/lib/postgresql/}"
    v="${v%%/*}"
    if [ -z "$best" ] || [ "${v%%.*}" -gt "${best%%.*}" ]; then best="$v"; fi
  done
  printf '%s' "$best"
}

# Prepend the trust lines callcart's local set-up relies on, if missing. Returns 0 if changed.
pg_hba_ensure_trust() {
  local hba="$1" want missing=() tmp
  [ -f "$hba" ] || die "postgres: no $hba"
  for want in 'local all all trust' 'host all all 127.0.0.1/32 trust'; do
    # Compare whitespace-normalised, non-comment lines.
    if ! sed -e 's/#.*//' -e 's/[[:space:]]\+/ /g' -e 's/^ //' -e 's/ $//' "$hba" | grep -qxF "$want"; then
      missing+=("$want")
    fi
  done
  [ "${#missing[@]}" -gt 0 ] || return 1
  tmp="$(mktemp)"
  {
    echo '# added by callcart infra/local/up.sh: trust local connections (development only)'
    printf '%s\n' "${missing[@]}"
    cat "$hba"
  } >"$tmp"
  cat "$tmp" >"$hba" # keep the file's owner and mode
  rm -f "$tmp"
  return 0
}

ensure_postgres() {
  local addr="$PGHOST:$PGPORT" started=""
  if pg_answers; then
    have psql || apt_install postgres postgresql-client
    started="already running at $addr"
  else
    is_local_host "$PGHOST" ||
      die "postgres: nothing answers at $addr, and $PGHOST is not this machine, so it cannot be started here"
    if ! pg_server_installed; then
      apt_install postgres postgresql postgresql-client
    elif ! have psql; then
      apt_install postgres postgresql-client
    fi
    pg_server_installed || die "postgres: installed postgresql but found no /usr/lib/postgresql/*/bin/postgres"

    # The cluster listening on PGPORT; create one if there is none.
    local ver="" name="" status="" c_ver c_name c_port c_status _rest
    while read -r c_ver c_name c_port c_status _rest; do
      if [ "$c_port" = "$PGPORT" ]; then
        ver="$c_ver" name="$c_name" status="$c_status"
        break
      fi
    done < <(pg_lsclusters --no-header 2>/dev/null || true)
    if [ -z "$name" ]; then
      is_root || die "postgres: no cluster on port $PGPORT and creating one needs root (sudo bash infra/local/up.sh)"
      ver="$(pg_version)"
      name=main
      [ -d "$PG_CONF_ROOT/$ver/main" ] && name="callcart-$PGPORT"
      note "postgres: creating cluster $ver/$name on port $PGPORT"
      pg_createcluster --port "$PGPORT" "$ver" "$name" >/dev/null ||
        die "postgres: pg_createcluster $ver $name failed"
      status=down
    fi

    local hba="$PG_CONF_ROOT/$ver/$name/pg_hba.conf" hba_changed=0
    if [ -w "$hba" ] || is_root; then
      if pg_hba_ensure_trust "$hba"; then hba_changed=1; fi
    fi

    case "$status" in
      online*)
        if [ "$hba_changed" -eq 1 ]; then
          pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" reload ||
            die "postgres: could not reload cluster $ver/$name"
        fi
        ;;
      *)
        if ! pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start; then
          is_root || die "postgres: could not start cluster $ver/$name as $(id -un); run as root (sudo bash infra/local/up.sh)"
          die "postgres: could not start cluster $ver/$name (see /var/log/postgresql/postgresql-$ver-$name.log)"
        fi
        ;;
    esac

    if ! wait_for pg_answers; then
      tail -n 20 "/var/log/postgresql/postgresql-$ver-$name.log" >&2 2>/dev/null || true
      die "postgres: cluster $ver/$name started but nothing answers at $addr after ${UP_WAIT_SECONDS}s"
    fi
    started="started cluster $ver/$name at $addr"
  fi

  # The database.
  local psql=(psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres)
  local exists err
  if ! exists="$("${psql[@]}" -tAc "select 1 from pg_database where datname = '$CALLCART_DB'" 2>&1)"; then
    die "postgres: cannot query $addr as $PGUSER: $exists
  callcart's local set-up expects trust auth for 127.0.0.1 (pg_hba.conf: 'host all all 127.0.0.1/32 trust'),
  or set PGPASSWORD."
  fi
  if [ "$exists" = 1 ]; then
    note "postgres: $started (database $CALLCART_DB exists)"
  else
    if ! err="$("${psql[@]}" -c "create database \"$CALLCART_DB\"" 2>&1)"; then
      # Lost a race with a concurrent run? Then the database is there now.
      [ "$("${psql[@]}" -tAc "select 1 from pg_database where datname = '$CALLCART_DB'" 2>/dev/null)" = 1 ] ||
        die "postgres: could not create database $CALLCART_DB: $err"
    fi
    note "postgres: $started (created database $CALLCART_DB)"
  fi
}

# ---------------------------------------------------------------------------------------------
# What the services need at run time beyond the servers: the offline recogniser (Debian's
# libpocketsphinx and its US English model), espeak-ng (pronunciations of catalogue words the
# dictionary lacks; the demo call's and the simulator's voice) and flite (the simulator's and the
# speech benchmark's US voices built from recordings of people).
RUNTIME_PACKAGES=(libpocketsphinx3 pocketsphinx-en-us espeak-ng flite)
ensure_runtime_packages() {
  local missing=() pkg
  for pkg in "${RUNTIME_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    note "speech: recogniser and voices present (${RUNTIME_PACKAGES[*]})"
    return
  fi
  apt_install speech "${missing[@]}"
  note "speech: installed ${missing[*]}"
}

ensure_nats
ensure_postgres
if have dpkg-query; then ensure_runtime_packages; fi
