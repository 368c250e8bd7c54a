#!/usr/bin/env bash
# A scaled-out cluster on this machine, on loopback: PostgreSQL, Redis, an S3 server (s3rver),
# N server instances (2 by default) built once in Release, and nginx load-balancing them.
#
#   scripts/cluster.sh up       install what is missing, start everything, wait, print the URLs
#   scripts/cluster.sh status   what runs, where, and whether it answers
#   scripts/cluster.sh down     stop everything this script started (recorded pids)
#   scripts/cluster.sh purge    down, then delete the state directory (database, bucket, logs)
#
# Everything lives under $TIKTOK_CLUSTER_DIR (default /tmp/tiktok-cluster); `up` on an existing
# state directory keeps its data and signing key. Ports and settings: the variables below, or
# docs/deploy.md. Any other Tiktok__* variable in the caller's environment reaches the instances.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=${TIKTOK_CLUSTER_DIR:-/tmp/tiktok-cluster}
LB_PORT=${TIKTOK_CLUSTER_PORT:-8800}
INSTANCES=${TIKTOK_CLUSTER_INSTANCES:-2}
APP_PORT_BASE=${TIKTOK_CLUSTER_APP_PORT_BASE:-$((LB_PORT + 1))}   # instance i listens on base + i - 1
PG_PORT=${TIKTOK_CLUSTER_PG_PORT:-8832}
REDIS_PORT=${TIKTOK_CLUSTER_REDIS_PORT:-8879}
S3_PORT=${TIKTOK_CLUSTER_S3_PORT:-8869}
AUTH_PER_MINUTE=${TIKTOK_CLUSTER_AUTH_PER_MINUTE:-60}
MAX_UPLOAD_BYTES=${TIKTOK_CLUSTER_MAX_UPLOAD_BYTES:-104857600}
URL_MODE=${TIKTOK_CLUSTER_URL_MODE:-Proxied}
LOG_LEVEL=${TIKTOK_CLUSTER_LOG_LEVEL:-Information}
SKIP_BUILD=${TIKTOK_CLUSTER_SKIP_BUILD:-0}
START_TIMEOUT=${TIKTOK_CLUSTER_START_TIMEOUT:-120}
S3RVER_DIR=${S3RVER_DIR:-/opt/s3rver}
S3RVER_VERSION=3.7.1
S3_KEY=S3RVER            # s3rver's fixed access key and secret
BUCKET=media
PG_DB=tiktok
PG_USER=tiktok

LOGS=$STATE/logs
MARKER=$STATE/.tiktok-cluster

say() { printf '==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() { printf 'cluster: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
pid_of() { [ -s "$1" ] && tr -dc '0-9' < "$1" || true; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
http_code() { curl -s -o /dev/null -m "${3:-5}" -w '%{http_code}' "$1" 2>/dev/null || true; }
instance_port() { echo $((APP_PORT_BASE + $1 - 1)); }

wait_for() { # description, seconds, command...
  local what=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.5
  done
}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$dir" ] && echo "$dir" || die "PostgreSQL binaries not found under /usr/lib/postgresql"
}

# PostgreSQL refuses to run as root: as root, its commands run as the postgres user.
as_pg() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }

# ---------------------------------------------------------------------------------------------
install_missing() {
  local need=()
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
  command -v redis-server >/dev/null || need+=(redis-server)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
  command -v npm >/dev/null || need+=(npm)
  command -v curl >/dev/null || need+=(curl)
  command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || need+=(ffmpeg)
  if [ ${#need[@]} -gt 0 ]; then
    say "installing from Debian: ${need[*]}"
    local sudo=()
    is_root || { command -v sudo >/dev/null && sudo=(sudo) || die "need root (or sudo) to apt-get install ${need[*]}"; }
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
      || die "apt-get install ${need[*]} failed"
  fi
  if [ ! -x "$S3RVER_DIR/node_modules/.bin/s3rver" ]; then
    say "installing s3rver@$S3RVER_VERSION from npm into $S3RVER_DIR"
    mkdir -p "$S3RVER_DIR" || die "cannot create $S3RVER_DIR (set S3RVER_DIR to a writable folder)"
    (cd "$S3RVER_DIR" && { [ -f package.json ] || npm init -y >/dev/null; } &&
      npm install --no-audit --no-fund "s3rver@$S3RVER_VERSION" >/dev/null) || die "npm install s3rver failed"
  fi
  command -v dotnet >/dev/null || die "the .NET 10 SDK (dotnet) is not on PATH"
}

check_port_free() { # port, what
  if port_open "$1"; then die "port $1 ($2) is taken by another process; choose another with the TIKTOK_CLUSTER_* variables"; fi
}

secret() { # file: a random hex secret generated once
  local file=$STATE/secrets/$1
  if [ ! -s "$file" ]; then
    (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$file")
  fi
  cat "$file"
}

# ---------------------------------------------------------------------------------------------
start_postgres() {
  local bin data=$STATE/postgres/data run=$STATE/postgres/run pid
  bin=$(pg_bin)
  pid=$(head -1 "$data/postmaster.pid" 2>/dev/null | tr -dc '0-9' || true)
  if alive "$pid"; then note "PostgreSQL already running (pid $pid)"; return; fi
  check_port_free "$PG_PORT" PostgreSQL
  mkdir -p "$STATE/postgres" "$run"
  touch "$LOGS/postgres.log"
  if is_root; then chown postgres "$STATE/postgres" "$run" "$LOGS/postgres.log"; fi
  if [ ! -s "$data/PG_VERSION" ]; then
    say "PostgreSQL: initdb $data"
    local pwfile=$STATE/postgres/pwfile
    (umask 077; echo "$(secret pg-superuser-password)" > "$pwfile")
    is_root && chown postgres "$pwfile"
    as_pg "$bin/initdb" -D "$data" -U postgres --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >> "$LOGS/postgres.log" 2>&1 || die "initdb failed: see $LOGS/postgres.log"
    rm -f "$pwfile"
  fi
  say "PostgreSQL: starting on 127.0.0.1:$PG_PORT"
  as_pg "$bin/pg_ctl" -D "$data" -l "$LOGS/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -k $run -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null \
    || die "PostgreSQL did not start: see $LOGS/postgres.log"
  local password
  password=$(secret pg-password)
  as_pg "$bin/psql" -h "$run" -p "$PG_PORT" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 >/dev/null <<SQL || die "could not create the role and database"
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', '$PG_USER', '$password')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', '$PG_DB', '$PG_USER')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB') \gexec
SQL
}

stop_postgres() {
  local data=$STATE/postgres/data pid
  pid=$(head -1 "$data/postmaster.pid" 2>/dev/null | tr -dc '0-9' || true)
  if alive "$pid"; then
    say "PostgreSQL: stopping (pid $pid)"
    as_pg "$(pg_bin)/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null || kill "$pid" 2>/dev/null || true
  fi
}

# ---------------------------------------------------------------------------------------------
start_redis() {
  local pid
  pid=$(pid_of "$STATE/redis/redis.pid")
  if alive "$pid"; then note "Redis already running (pid $pid)"; return; fi
  check_port_free "$REDIS_PORT" Redis
  mkdir -p "$STATE/redis"
  say "Redis: starting on 127.0.0.1:$REDIS_PORT"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
    --dir "$STATE/redis" --pidfile "$STATE/redis/redis.pid" --logfile "$LOGS/redis.log" >/dev/null \
    || die "redis-server did not start: see $LOGS/redis.log"
  wait_for redis 20 port_open "$REDIS_PORT" || die "Redis does not answer on $REDIS_PORT: see $LOGS/redis.log"
}

# ---------------------------------------------------------------------------------------------
start_s3() {
  local pid
  pid=$(pid_of "$STATE/s3/s3rver.pid")
  if alive "$pid"; then note "s3rver already running (pid $pid)"; return; fi
  check_port_free "$S3_PORT" s3rver
  mkdir -p "$STATE/s3/data"
  say "S3 (s3rver): starting on 127.0.0.1:$S3_PORT, bucket $BUCKET"
  setsid nohup "$S3RVER_DIR/node_modules/.bin/s3rver" -d "$STATE/s3/data" -a 127.0.0.1 -p "$S3_PORT" \
    --configure-bucket "$BUCKET" >> "$LOGS/s3rver.log" 2>&1 < /dev/null &
  echo $! > "$STATE/s3/s3rver.pid"
  wait_for s3 30 port_open "$S3_PORT" || die "s3rver does not answer on $S3_PORT: see $LOGS/s3rver.log"
}

# ---------------------------------------------------------------------------------------------
build_server() {
  if [ "$SKIP_BUILD" = 1 ] && [ -f "$STATE/server/Tiktok.Server.dll" ]; then
    note "TIKTOK_CLUSTER_SKIP_BUILD=1: reusing $STATE/server"
    return
  fi
  say "building the server (Release) into $STATE/server"
  dotnet build -c Release "$ROOT/src/Server" -o "$STATE/server" -nologo -v q -clp:ErrorsOnly \
    > "$LOGS/build.log" 2>&1 || { tail -30 "$LOGS/build.log" >&2 || true; die "build failed: see $LOGS/build.log"; }
}

write_instance_env() { # i
  local i=$1 port dir
  port=$(instance_port "$i")
  dir=$STATE/app$i
  mkdir -p "$dir/data"
  local signing_key pg_password
  signing_key=$(secret signing-key)
  pg_password=$(secret pg-password)
  # KEY='value' lines: sourced by this script, readable by people (values hold ';' and spaces).
  {
    kv ASPNETCORE_URLS "http://127.0.0.1:$port"
    kv Tiktok__Metrics__Port "$((port + 1000))"   # /metrics on a loopback listener of its own
    kv ASPNETCORE_FORWARDEDHEADERS_ENABLED true   # client address and scheme from nginx's X-Forwarded-*
    kv DOTNET_CLI_TELEMETRY_OPTOUT 1
    kv OTEL_SERVICE_NAME "tiktok-app$i"
    kv Logging__LogLevel__Default "$LOG_LEVEL"
    kv Tiktok__DataDir "$dir/data"
    kv Tiktok__SigningKey "$signing_key"
    kv Tiktok__AuthRequestsPerMinute "$AUTH_PER_MINUTE"
    kv Tiktok__MaxUploadBytes "$MAX_UPLOAD_BYTES"
    kv Tiktok__Database__Provider PostgreSQL
    kv Tiktok__Database__ConnectionString "Host=127.0.0.1;Port=$PG_PORT;Username=$PG_USER;Password=$pg_password;Database=$PG_DB;Maximum Pool Size=100"
    kv Tiktok__Redis__Configuration "127.0.0.1:$REDIS_PORT"
    kv Tiktok__Media__Store S3
    kv Tiktok__Media__UrlMode "$URL_MODE"
    kv Tiktok__Media__S3__Endpoint "http://127.0.0.1:$S3_PORT"
    kv Tiktok__Media__S3__AccessKey "$S3_KEY"
    kv Tiktok__Media__S3__SecretKey "$S3_KEY"
    kv Tiktok__Media__S3__Bucket "$BUCKET"
    # s3rver serves objects without a signature, so the bucket's URL works as the public base.
    [ "$URL_MODE" != Public ] || kv Tiktok__Media__PublicBaseUrl "${TIKTOK_CLUSTER_MEDIA_PUBLIC_BASE_URL:-http://127.0.0.1:$S3_PORT/$BUCKET}"
  } > "$dir/env.new"
  chmod 600 "$dir/env.new"
  mv "$dir/env.new" "$dir/env"
}

kv() { printf "%s='%s'\n" "$1" "$2"; }

start_instance() { # i
  local i=$1 port pid dir=$STATE/app$1
  port=$(instance_port "$i")
  pid=$(pid_of "$dir/server.pid")
  if alive "$pid"; then note "instance $i already running (pid $pid)"; return; fi
  check_port_free "$port" "instance $i"
  write_instance_env "$i"
  say "instance $i: starting on http://127.0.0.1:$port (log $LOGS/app$i.log)"
  (
    set -a; . "$dir/env"; set +a
    cd "$dir"
    exec setsid nohup dotnet "$STATE/server/Tiktok.Server.dll" >> "$LOGS/app$i.log" 2>&1 < /dev/null
  ) &
  echo $! > "$dir/server.pid"
}

instance_ready() { # i: /readyz when the build has it, else /healthz
  local port code
  port=$(instance_port "$1")
  code=$(http_code "http://127.0.0.1:$port/readyz")
  case $code in
    200) return 0 ;;
    404) [ "$(http_code "http://127.0.0.1:$port/healthz")" = 200 ] ;;
    *) return 1 ;;
  esac
}

wait_instance() { # i
  local i=$1 pid
  pid=$(pid_of "$STATE/app$i/server.pid")
  local deadline=$((SECONDS + START_TIMEOUT))
  until instance_ready "$i"; do
    alive "$pid" || { tail -20 "$LOGS/app$i.log" >&2 || true; die "instance $i exited: see $LOGS/app$i.log"; }
    [ $SECONDS -lt $deadline ] || { tail -20 "$LOGS/app$i.log" >&2 || true; die "instance $i not ready after ${START_TIMEOUT}s: see $LOGS/app$i.log"; }
    sleep 0.5
  done
  note "instance $i ready: http://127.0.0.1:$(instance_port "$i") (pid $pid)"
}

# ---------------------------------------------------------------------------------------------
write_nginx_conf() {
  local conf=$STATE/nginx/nginx.conf servers="" i worker_user=""
  for i in $(seq 1 "$INSTANCES"); do
    servers+="        server 127.0.0.1:$(instance_port "$i") max_fails=3 fail_timeout=5s;"$'\n'
  done
  mkdir -p "$STATE/nginx/tmp"
  if is_root; then
    # Workers drop to an unprivileged user; they write request bodies under tmp/.
    worker_user=$(getent passwd www-data >/dev/null && echo www-data || echo nobody)
    chown "$worker_user" "$STATE/nginx/tmp"
    worker_user="user $worker_user;"
  fi
  # Upload routes: multipart framing on top of the largest video, so the server answers 413 itself.
  local body_limit=$((MAX_UPLOAD_BYTES + 1048576))
  cat > "$conf" <<EOF
# Generated by scripts/cluster.sh; the same shape as docker/nginx.conf.
$worker_user
worker_processes auto;
pid $STATE/nginx/nginx.pid;
error_log $LOGS/nginx-error.log warn;

events { worker_connections 4096; }

http {
    log_format upstream '\$remote_addr [\$time_local] "\$request" \$status \$body_bytes_sent '
                        '\$request_time upstream=\$upstream_addr upstream_time=\$upstream_response_time id=\$req_id';
    access_log $LOGS/nginx-access.log upstream;

    client_body_temp_path $STATE/nginx/tmp/body;
    proxy_temp_path       $STATE/nginx/tmp/proxy;
    fastcgi_temp_path     $STATE/nginx/tmp/fastcgi;
    uwsgi_temp_path       $STATE/nginx/tmp/uwsgi;
    scgi_temp_path        $STATE/nginx/tmp/scgi;

    # WebSocket upgrade for /hubs/; an empty Connection otherwise keeps upstream connections alive.
    map \$http_upgrade \$connection_upgrade {
        default upgrade;
        ''      '';
    }
    # Keep a client's X-Request-Id, else make one; the server echoes it and logs it.
    map \$http_x_request_id \$req_id {
        default \$http_x_request_id;
        ''      \$request_id;
    }

    upstream tiktok {
        # Round-robin. No stickiness needed: tokens are valid on every instance and the Redis
        # backplane carries pushes. (SignalR long polling without WebSockets would need ip_hash.)
$servers        keepalive 64;
    }

    server {
        listen 127.0.0.1:$LB_PORT;
        server_tokens off;
        # The server reads at most 1 MiB of body except on the upload routes below. nginx refuses
        # bigger bodies itself, with the server's own JSON: it drains what the client sends, so the
        # answer always arrives. (Forwarded, the server answers 413 before reading the body and
        # resets the connection; nginx, still writing it, may then answer 502 instead.)
        client_max_body_size 1m;
        error_page 413 = @too_large;
        # No instance could answer (none reachable, the one serving the request died, a timeout):
        # nginx's own 502/503/504 become the app's JSON with the catalogue's Unavailable (9002) and
        # Retry-After, keeping the status. The instances' own answers (their 503s too) pass through.
        error_page 502 503 504 @unavailable;
        proxy_request_buffering off;     # stream bodies (uploads) to the server as they arrive

        proxy_http_version 1.1;
        proxy_set_header Host              \$http_host;
        proxy_set_header X-Real-IP         \$remote_addr;
        proxy_set_header X-Forwarded-For   \$proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto \$scheme;
        proxy_set_header X-Forwarded-Host  \$http_host;
        proxy_set_header X-Request-Id      \$req_id;
        proxy_set_header Connection        "";
        proxy_read_timeout 120s;
        proxy_send_timeout 120s;
        # An instance that refuses the connection, resets it (killed mid-request) or times out: the
        # request goes to the next instance if it is idempotent (GET, HEAD...). A POST goes on only
        # if it was never sent (the connection was refused); once sent it may have been applied,
        # so nginx answers 502 instead (no non_idempotent here). Bodies are streamed, not
        # buffered, so a request whose body was partly sent is never replayed either.
        proxy_next_upstream error timeout;

        location /hubs/ {
            proxy_pass http://tiktok;
            proxy_set_header Upgrade    \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
            proxy_buffering off;
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
        }

        # Scraped per instance on the internal network, never through the public entry point.
        location = /metrics { return 404; }

        # Uploads: video publish (REST, trailing slash optional) and GraphQL multipart uploads.
        location ~ ^/douyin/publish/action/?$ {
            client_max_body_size $body_limit;
            proxy_pass http://tiktok;
        }
        location = /graphql {
            client_max_body_size $body_limit;
            # error_page here replaces the server's: GraphQL clients get GraphQL's error shape.
            error_page 413 = @too_large;
            error_page 502 503 504 @unavailable_graphql;
            # GraphQL subscriptions: WebSocket upgrades (graphql-transport-ws); the server pings every 30 s.
            proxy_set_header Upgrade    \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
            proxy_pass http://tiktok;
        }

        # The status stays the one nginx chose (502, 503 or 504): "return 200" only supplies the body.
        location @unavailable {
            default_type "application/json; charset=utf-8";
            add_header Retry-After 5 always;
            return 200 '{"status_code":9002,"status_msg":"the service is temporarily unavailable; try again in 5 seconds"}';
        }
        location @unavailable_graphql {
            default_type "application/json; charset=utf-8";
            add_header Retry-After 5 always;
            return 200 '{"errors":[{"message":"the service is temporarily unavailable; try again in 5 seconds","extensions":{"code":"UNAVAILABLE","status_code":9002}}]}';
        }

        location @too_large {
            default_type "application/json; charset=utf-8";
            return 413 '{"status_code":6002,"status_msg":"the request body is larger than the server accepts"}';
        }

        location / {
            proxy_pass http://tiktok;
        }
    }
}
EOF
}

start_nginx() {
  local pid
  pid=$(pid_of "$STATE/nginx/nginx.pid")
  if alive "$pid"; then note "nginx already running (pid $pid)"; return; fi
  check_port_free "$LB_PORT" nginx
  write_nginx_conf
  nginx -t -q -e "$LOGS/nginx-error.log" -p "$STATE/nginx" -c "$STATE/nginx/nginx.conf" 2>> "$LOGS/nginx-error.log" \
    || { tail -5 "$LOGS/nginx-error.log" >&2 || true; die "nginx -t refused $STATE/nginx/nginx.conf"; }
  say "nginx: load balancer on http://127.0.0.1:$LB_PORT"
  nginx -e "$LOGS/nginx-error.log" -p "$STATE/nginx" -c "$STATE/nginx/nginx.conf" \
    || die "nginx did not start: see $LOGS/nginx-error.log"
  wait_for nginx 20 port_open "$LB_PORT" || die "nginx does not answer on $LB_PORT"
}

stop_pidfile() { # what, pidfile
  local pid
  pid=$(pid_of "$2")
  if alive "$pid"; then
    say "$1: stopping (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 20))
    while alive "$pid" && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    if alive "$pid"; then note "$1 still running after 20 s: SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$2"
}

# ---------------------------------------------------------------------------------------------
cmd_up() {
  [ "$INSTANCES" -ge 1 ] 2>/dev/null || die "TIKTOK_CLUSTER_INSTANCES must be a positive number"
  case $URL_MODE in Proxied|Presigned|Public) ;; *) die "TIKTOK_CLUSTER_URL_MODE must be Proxied, Presigned or Public" ;; esac
  install_missing
  mkdir -p "$STATE" "$LOGS" "$STATE/secrets"
  chmod 700 "$STATE/secrets"
  touch "$MARKER"
  say "state directory $STATE"
  start_postgres
  start_redis
  start_s3

  # Never rebuild under a running instance: it runs from that folder, and all must run one build.
  local i any_running=0
  for i in $(seq 1 "$INSTANCES"); do alive "$(pid_of "$STATE/app$i/server.pid")" && any_running=1; done
  if [ $any_running = 1 ] && [ -f "$STATE/server/Tiktok.Server.dll" ]; then
    note "instances running: reusing their build in $STATE/server ('down' then 'up' to rebuild)"
  else
    build_server
  fi
  for i in $(seq 1 "$INSTANCES"); do start_instance "$i"; done   # all at once: migrations take a lock
  for i in $(seq 1 "$INSTANCES"); do wait_instance "$i"; done

  start_nginx
  wait_for "load balancer" 30 bash -c "[ \"\$(curl -s -o /dev/null -m 5 -w '%{http_code}' http://127.0.0.1:$LB_PORT/healthz)\" = 200 ]" \
    || die "GET http://127.0.0.1:$LB_PORT/healthz through nginx does not answer 200: see $LOGS/nginx-error.log"

  echo
  say "cluster up"
  echo "    base URL   http://127.0.0.1:$LB_PORT"
  for i in $(seq 1 "$INSTANCES"); do echo "    instance $i http://127.0.0.1:$(instance_port "$i")"; done
  echo "    PostgreSQL Host=127.0.0.1;Port=$PG_PORT;Username=$PG_USER;Database=$PG_DB (password in $STATE/secrets/pg-password)"
  echo "    Redis      127.0.0.1:$REDIS_PORT"
  echo "    S3         http://127.0.0.1:$S3_PORT bucket $BUCKET (keys $S3_KEY/$S3_KEY)"
  echo "    logs       $LOGS"
  echo "    e2e        TIKTOK_E2E_BASE_URL=http://127.0.0.1:$LB_PORT dotnet test tests/Tiktok.EndToEnd"
  echo "    stop       $0 down"
}

cmd_down() {
  [ -d "$STATE" ] || { note "nothing to stop ($STATE does not exist)"; return; }
  local i
  if alive "$(pid_of "$STATE/nginx/nginx.pid")"; then
    say "nginx: stopping (pid $(pid_of "$STATE/nginx/nginx.pid"))"
    nginx -e "$LOGS/nginx-error.log" -p "$STATE/nginx" -c "$STATE/nginx/nginx.conf" -s quit 2>/dev/null || true
    wait_for nginx 15 bash -c "! kill -0 $(pid_of "$STATE/nginx/nginx.pid") 2>/dev/null" || stop_pidfile nginx "$STATE/nginx/nginx.pid"
  fi
  for i in $(ls -d "$STATE"/app* 2>/dev/null | sed 's/.*app//' | sort -n); do
    stop_pidfile "instance $i" "$STATE/app$i/server.pid"
  done
  stop_pidfile s3rver "$STATE/s3/s3rver.pid"
  if alive "$(pid_of "$STATE/redis/redis.pid")"; then
    stop_pidfile Redis "$STATE/redis/redis.pid"
  fi
  stop_postgres
  say "cluster down (data kept in $STATE; '$0 purge' deletes it)"
}

cmd_purge() {
  cmd_down
  if [ -d "$STATE" ]; then
    [ -f "$MARKER" ] || die "$STATE has no $MARKER: not deleting a folder this script did not make"
    say "deleting $STATE"
    rm -rf "$STATE"
  fi
}

cmd_status() {
  [ -d "$STATE" ] || { echo "no cluster ($STATE does not exist)"; return 1; }
  local up=0 total=0 pid i port
  row() { # name, pid, address, check-result
    total=$((total + 1))
    local state=stopped
    if alive "$2"; then state="running pid $2"; up=$((up + 1)); fi
    printf '  %-12s %-18s %-32s %s\n' "$1" "$state" "$3" "$4"
  }
  echo "cluster in $STATE"
  pid=$(head -1 "$STATE/postgres/data/postmaster.pid" 2>/dev/null | tr -dc '0-9' || true)
  row postgres "$pid" "127.0.0.1:$PG_PORT" "$(port_open "$PG_PORT" && echo listening || echo -)"
  pid=$(pid_of "$STATE/redis/redis.pid")
  row redis "$pid" "127.0.0.1:$REDIS_PORT" "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null || echo -)"
  pid=$(pid_of "$STATE/s3/s3rver.pid")
  row s3rver "$pid" "http://127.0.0.1:$S3_PORT" "$(port_open "$S3_PORT" && echo listening || echo -)"
  for i in $(ls -d "$STATE"/app* 2>/dev/null | sed 's/.*app//' | sort -n); do
    port=$(grep -o '127.0.0.1:[0-9]*' "$STATE/app$i/env" 2>/dev/null | head -1 | cut -d: -f2)
    pid=$(pid_of "$STATE/app$i/server.pid")
    row "instance $i" "$pid" "http://127.0.0.1:$port" "healthz $(http_code "http://127.0.0.1:$port/healthz") readyz $(http_code "http://127.0.0.1:$port/readyz")"
  done
  pid=$(pid_of "$STATE/nginx/nginx.pid")
  row nginx "$pid" "http://127.0.0.1:$LB_PORT" "healthz $(http_code "http://127.0.0.1:$LB_PORT/healthz")"
  echo "  $up of $total running; logs in $LOGS"
  [ $up -eq $total ]
}

case ${1:-} in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  purge) cmd_purge ;;
  *) echo "usage: $0 up|down|status|purge   (docs/deploy.md)" >&2; exit 2 ;;
esac
