#!/usr/bin/env bash
# Starts a real NATS server with JetStream (Debian's nats-server 2.9, installed by scripts/install-deps.sh
# when missing) for the cluster tests, on a free loopback port with a temporary store directory.
# Idempotent: reuses the server it started earlier while that still answers. Writes the connection
# settings to .tools/nats/env (NATS_TEST_URL).
# Usage: scripts/nats-test-server.sh [start|stop|stop-if-started]
#   stop-if-started stops it only when this script started it: the test command calls it on exit so it
#   leaves no service behind. stop does the same (there is never a server this script did not start).
set -euo pipefail
cd "$(dirname "$0")/.."
root=.tools/nats

stop() {
  if [[ -f $root/pid ]]; then
    pid=$(cat "$root/pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      echo "nats-test-server: stopped" >&2
    fi
    [[ -f $root/store ]] && rm -rf "$(cat "$root/store")"
    rm -f "$root/pid" "$root/store" "$root/env"
  fi
}

case "${1:-start}" in
  stop|stop-if-started) stop; exit 0 ;;
  start) ;;
  *) echo "usage: $0 [start|stop|stop-if-started]" >&2; exit 2 ;;
esac

answers() { [[ -f $root/env ]] && (exec 3<>"/dev/tcp/127.0.0.1/$(sed -n 's/^NATS_TEST_PORT=//p' "$root/env")") 2>/dev/null; }
if [[ -f $root/pid ]] && kill -0 "$(cat "$root/pid")" 2>/dev/null && answers; then
  echo "nats-test-server: already running ($(sed -n 's/^NATS_TEST_URL=//p' "$root/env"))" >&2
  exit 0
fi
stop

command -v nats-server >/dev/null || bash scripts/install-deps.sh cluster
command -v nats-server >/dev/null || { echo "nats-test-server: nats-server is required (apt install nats-server)" >&2; exit 1; }

mkdir -p "$root"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
store=$(mktemp -d /tmp/medimg-nats.XXXXXX)
echo "$store" > "$root/store"
# -js: JetStream (streams, KV, object store); the store lives in a temp dir removed at stop.
setsid nats-server -a 127.0.0.1 -p "$port" -js -sd "$store" >"$root/nats.log" 2>&1 < /dev/null &
echo $! > "$root/pid"
cat > "$root/env" <<ENV
NATS_TEST_URL=nats://127.0.0.1:$port
NATS_TEST_PORT=$port
ENV
for _ in $(seq 1 100); do
  answers && grep -q "Server is ready" "$root/nats.log" && break
  sleep 0.1
done
if ! answers; then
  echo "nats-test-server: did not start; see $root/nats.log" >&2
  tail -20 "$root/nats.log" >&2 || true
  stop
  exit 1
fi
echo "nats-test-server: started at nats://127.0.0.1:$port (JetStream store $store)" >&2
