#!/usr/bin/env bash
# Sourced by script-based test suites (TypeScript SDK, browser console): starts the Release server
# built by scripts/test.sh on its own ports and data directory, waits until it answers, and mints a
# development token. Usage:
#   source scripts/lib/test-server.sh
#   start_test_server GRPC_PORT HTTP_PORT      # sets SERVER_PID, SERVER_DATA_DIR; stops it on EXIT
#   token=$(mint_test_token USER_ID)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
server_dll="$repo_root/src/Server.Host/bin/Release/net10.0/medimaging-server.dll"
cli_dll="$repo_root/src/Cli/bin/Release/net10.0/medimg.dll"

start_test_server() {
  local grpc_port="$1" http_port="$2"
  if [[ ! -f "$server_dll" || ! -f "$cli_dll" ]]; then
    dotnet build "$repo_root/src/Server.Host" -c Release -nologo -v quiet
    dotnet build "$repo_root/src/Cli" -c Release -nologo -v quiet
  fi
  SERVER_DATA_DIR="$(mktemp -d)"
  export SERVER_DATA_DIR
  MEDICAL_IMAGING_DATA_DIR="$SERVER_DATA_DIR" MEDICAL_IMAGING_PORT="$grpc_port" \
    MEDICAL_IMAGING_HTTP_PORT="$http_port" MEDICAL_IMAGING_BIND_ADDRESS=127.0.0.1 \
    LITERATURE_SEARCH_ENABLED=false AI_PROVIDER_ORDER=local \
    dotnet "$server_dll" >"$SERVER_DATA_DIR/server.log" 2>&1 &
  SERVER_PID=$!
  export SERVER_PID
  trap 'kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null || true; rm -rf "$SERVER_DATA_DIR"' EXIT
  for _ in $(seq 1 150); do
    if curl -fsS "http://127.0.0.1:$http_port/api/v1/medical-imaging/health" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "test-server: the server exited; its log:" >&2; cat "$SERVER_DATA_DIR/server.log" >&2; return 1
    fi
    sleep 0.2
  done
  echo "test-server: no answer on port $http_port after 30 s" >&2
  return 1
}

# The token is signed with the key the server created in its data directory.
mint_test_token() {
  MEDICAL_IMAGING_DATA_DIR="$SERVER_DATA_DIR" dotnet "$cli_dll" auth token --user "$1"
}
