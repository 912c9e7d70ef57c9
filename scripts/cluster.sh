#!/usr/bin/env bash
# A local cluster on this machine: nats-server (JetStream), the test Neo4j (scripts/neo4j-test-server.sh, reused
# when running), three server replicas (Release build) on their own ports, and nginx in front of them:
#   gRPC (h2c)        127.0.0.1:$CLUSTER_PORT_BASE      -> grpc_pass to the replicas' gRPC ports
#   REST + WebSocket  127.0.0.1:$((CLUSTER_PORT_BASE+1)) -> proxy_pass (HTTP/1.1, Upgrade headers, no buffering)
# Everything lives in $CLUSTER_DIR (default .tools/cluster): configs, pid files, logs, data directories.
# Idempotent: `up` starts only what is not running; `down` stops only what this script started.
# Usage: scripts/cluster.sh up|down|status|env      (needs nats-server and nginx: scripts/install-deps.sh cluster)
#   CLUSTER_PORT_BASE (default 18100): nginx gRPC port; +1 nginx REST; +10+i replica i gRPC; +20+i replica i REST;
#                                      +30 NATS client port, +31 NATS monitoring (/varz, /jsz).
#   CLUSTER_REPLICAS (default 3), CLUSTER_SKIP_BUILD=1 (use the existing Release build),
#   CLUSTER_SERVER_ENV: extra settings for every replica, space-separated NAME=value pairs.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
dir=${CLUSTER_DIR:-$repo/.tools/cluster}
base=${CLUSTER_PORT_BASE:-18100}
replicas=${CLUSTER_REPLICAS:-3}
nats_port=$((base + 30))
server_dll=$repo/src/Server.Host/bin/Release/net10.0/medimaging-server.dll

alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }
say() { echo "cluster: $*" >&2; }

start_nats() {
  if alive "$dir/nats.pid"; then say "nats-server already running (port $nats_port)"; return; fi
  mkdir -p "$dir/nats"
  nats-server -js -a 127.0.0.1 -p "$nats_port" -m "$((base + 31))" -sd "$dir/nats" -P "$dir/nats.pid" -l "$dir/nats.log" >/dev/null 2>&1 &
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$nats_port") 2>/dev/null && break; sleep 0.1; done
  say "nats-server started (nats://127.0.0.1:$nats_port, JetStream in $dir/nats)"
}

start_replica() {
  local i=$1 grpc=$((base + 10 + $1)) http=$((base + 20 + $1))
  local pidfile=$dir/replica-$i.pid
  if alive "$pidfile"; then say "replica $i already running (gRPC $grpc, REST $http)"; return; fi
  mkdir -p "$dir/replica-$i"
  # shellcheck disable=SC1091
  source "$repo/.tools/neo4j/env"
  # Only these settings reach the replica (env -i): a developer's exported keys or STORAGE_PROVIDER change nothing.
  # shellcheck disable=SC2086
  env -i PATH="$PATH" HOME="$HOME" DOTNET_ROOT="${DOTNET_ROOT:-}" LANG="${LANG:-C.UTF-8}" \
    CLUSTER_MODE=nats NATS_URL="nats://127.0.0.1:$nats_port" \
    STORAGE_PROVIDER=neo4j NEO4J_URI="$NEO4J_TEST_URI" NEO4J_USER="$NEO4J_TEST_USER" NEO4J_PASSWORD="$NEO4J_TEST_PASSWORD" \
    JWT_SECRET="$(cat "$dir/jwt-secret")" JWT_ISSUER=medimaging-local-cluster JWT_AUDIENCE=medimaging MEDICAL_IMAGING_BIND_ADDRESS=127.0.0.1 \
    MEDICAL_IMAGING_PORT="$grpc" MEDICAL_IMAGING_HTTP_PORT="$http" MEDICAL_IMAGING_DATA_DIR="$dir/replica-$i" \
    LITERATURE_SEARCH_ENABLED=false Logging__LogLevel__Default=Warning ${CLUSTER_SERVER_ENV:-} \
    dotnet "$server_dll" >"$dir/replica-$i.log" 2>&1 &
  echo $! >"$pidfile"
  say "replica $i starting (gRPC $grpc, REST $http, log $dir/replica-$i.log)"
}

wait_replica() {
  local i=$1 http=$((base + 20 + $1))
  for _ in $(seq 1 240); do
    curl -fsS "http://127.0.0.1:$http/api/v1/medical-imaging/health" >/dev/null 2>&1 && { say "replica $i ready"; return; }
    alive "$dir/replica-$i.pid" || { say "replica $i exited; last log lines:"; tail -20 "$dir/replica-$i.log" >&2; exit 1; }
    sleep 0.5
  done
  say "replica $i not ready after 120 s; see $dir/replica-$i.log"; exit 1
}

write_nginx_conf() {
  mkdir -p "$dir/nginx/temp"
  local grpc_servers="" http_servers=""
  for i in $(seq 1 "$replicas"); do
    # A replica that fails (killed, not ready) is skipped for 2 s; requests not yet sent go to the next one.
    grpc_servers+="    server 127.0.0.1:$((base + 10 + i)) max_fails=1 fail_timeout=2s;"$'\n'
    http_servers+="    server 127.0.0.1:$((base + 20 + i)) max_fails=1 fail_timeout=2s;"$'\n'
  done
  local user_line=""
  [[ $(id -u) -eq 0 ]] && user_line="user root;"
  cat >"$dir/nginx/nginx.conf" <<CONF
$user_line
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log $dir/nginx/access.log;
  client_body_temp_path $dir/nginx/temp/body;
  proxy_temp_path $dir/nginx/temp/proxy;
  fastcgi_temp_path $dir/nginx/temp/fastcgi;
  uwsgi_temp_path $dir/nginx/temp/uwsgi;
  scgi_temp_path $dir/nginx/temp/scgi;
  client_max_body_size 512m;
  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
  upstream replicas_grpc {
$grpc_servers    keepalive 32;
  }
  upstream replicas_http {
$http_servers    keepalive 32;
  }
  # gRPC: HTTP/2 cleartext in front, grpc_pass behind. Long timeouts: Analyze and WatchAnalysis stream for minutes.
  server {
    listen 127.0.0.1:$base http2;
    grpc_read_timeout 600s;
    grpc_send_timeout 600s;
    location / { grpc_pass grpc://replicas_grpc; }
  }
  # REST (JSON transcoding, NDJSON streams) and the WebSocket shim: HTTP/1.1 with the Upgrade handshake passed on.
  server {
    listen 127.0.0.1:$((base + 1));
    location / {
      proxy_pass http://replicas_http;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_buffering off;
      proxy_read_timeout 600s;
    }
  }
}
CONF
}

start_nginx() {
  write_nginx_conf
  if alive "$dir/nginx.pid"; then
    nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -s reload
    say "nginx already running: configuration reloaded"
    return
  fi
  nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf"
  say "nginx started: gRPC 127.0.0.1:$base, REST/WebSocket http://127.0.0.1:$((base + 1))"
}

stop_pidfile() {
  local name=$1 pidfile=$2
  if alive "$pidfile"; then
    local pid
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    say "$name stopped"
  fi
  rm -f "$pidfile"
}

case "${1:-}" in
  up)
    command -v nats-server >/dev/null || { say "nats-server missing: scripts/install-deps.sh cluster"; exit 1; }
    command -v nginx >/dev/null || { say "nginx missing: scripts/install-deps.sh cluster"; exit 1; }
    mkdir -p "$dir"
    [[ -f $dir/jwt-secret ]] || head -c 48 /dev/urandom | base64 | tr -d '\n/+=' >"$dir/jwt-secret"
    if [[ "${CLUSTER_SKIP_BUILD:-0}" != 1 ]]; then
      dotnet build "$repo/src/Server.Host" -c Release -v q -nologo >/dev/null
    fi
    bash scripts/neo4j-test-server.sh start
    start_nats
    for i in $(seq 1 "$replicas"); do start_replica "$i"; done
    for i in $(seq 1 "$replicas"); do wait_replica "$i"; done
    start_nginx
    ;;
  down)
    if alive "$dir/nginx.pid"; then
      nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -s quit || true
      for _ in $(seq 1 50); do alive "$dir/nginx.pid" || break; sleep 0.1; done
      say "nginx stopped"
    fi
    for i in $(seq 1 "$replicas"); do stop_pidfile "replica $i" "$dir/replica-$i.pid"; done
    stop_pidfile nats-server "$dir/nats.pid"
    bash scripts/neo4j-test-server.sh stop-if-started
    ;;
  status)
    alive "$dir/nats.pid" && say "nats-server up (nats://127.0.0.1:$nats_port)" || say "nats-server down"
    for i in $(seq 1 "$replicas"); do
      if alive "$dir/replica-$i.pid"; then
        code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((base + 20 + i))/api/v1/medical-imaging/health" || true)
        say "replica $i up (gRPC $((base + 10 + i)), REST $((base + 20 + i)), health HTTP $code)"
      else
        say "replica $i down"
      fi
    done
    alive "$dir/nginx.pid" && say "nginx up (gRPC 127.0.0.1:$base, REST http://127.0.0.1:$((base + 1)))" || say "nginx down"
    ;;
  env)
    # For clients and tests: where the cluster answers.
    echo "CLUSTER_GRPC_URL=http://127.0.0.1:$base"
    echo "CLUSTER_HTTP_URL=http://127.0.0.1:$((base + 1))"
    echo "CLUSTER_NATS_URL=nats://127.0.0.1:$nats_port"
    echo "CLUSTER_NATS_MONITOR_URL=http://127.0.0.1:$((base + 31))"
    echo "CLUSTER_JWT_SECRET=$(cat "$dir/jwt-secret" 2>/dev/null || true)"
    echo "CLUSTER_JWT_ISSUER=medimaging-local-cluster"
    echo "CLUSTER_JWT_AUDIENCE=medimaging"
    ;;
  *)
    echo "usage: scripts/cluster.sh up|down|status|env" >&2
    exit 2
    ;;
esac
