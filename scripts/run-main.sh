#!/usr/bin/env bash
# The main job on the embedded default (SQLite, local provider, no API keys): installs what is
# missing, builds, starts the server, mints a development token, analyses the sample image shipped
# in samples/ and prints the report, then stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh main
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/Server.Host -c Release -nologo -v quiet >&2
dotnet build src/Cli -c Release -nologo -v quiet >&2

export MEDICAL_IMAGING_DATA_DIR="${MEDICAL_IMAGING_DATA_DIR:-$PWD/.data/main}"
export MEDICAL_IMAGING_PORT="${MEDICAL_IMAGING_PORT:-8001}"
export MEDICAL_IMAGING_HTTP_PORT="${MEDICAL_IMAGING_HTTP_PORT:-8000}"
export MEDICAL_IMAGING_BIND_ADDRESS="${MEDICAL_IMAGING_BIND_ADDRESS:-127.0.0.1}"
# The embedded default runs offline: no PubMed search unless asked for (set it to true where PubMed is reachable).
export LITERATURE_SEARCH_ENABLED="${LITERATURE_SEARCH_ENABLED:-false}"
mkdir -p "$MEDICAL_IMAGING_DATA_DIR"
log="$MEDICAL_IMAGING_DATA_DIR/server.log"

started=$(date +%s%N)
dotnet src/Server.Host/bin/Release/net10.0/medimaging-server.dll >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT

medimg() { dotnet src/Cli/bin/Release/net10.0/medimg.dll "$@"; }
export MEDIMG_SERVER="http://127.0.0.1:$MEDICAL_IMAGING_PORT"

for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$MEDICAL_IMAGING_HTTP_PORT/api/v1/medical-imaging/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 $server 2>/dev/null; then echo "The server exited; its log:" >&2; cat "$log" >&2; exit 1; fi
  sleep 0.2
done
echo "Server up in $(( ($(date +%s%N) - started) / 1000000 )) ms (log: $log)" >&2

MEDIMG_TOKEN=$(medimg auth token --user demo)
export MEDIMG_TOKEN
medimg analyze samples/chest-phantom.png --modality CR --body-part CHEST --no-cache --out "$MEDICAL_IMAGING_DATA_DIR/reports"
