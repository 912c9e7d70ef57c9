#!/usr/bin/env bash
# Builds the TypeScript SDK (clients/typescript) and runs its tests against a live server.
# npm ci -> buf generate (local protoc-gen-es, no registry) -> tsc -> Release server on ports
# 18101 (gRPC) / 18100 (REST) with a minted token, and a second one serving TLS on 18103 / 18102 with a
# certificate from a CA openssl makes for the run -> node --test (TAP: "# pass N" / "# fail N").
# Standalone: installs buf and the google/api protos through scripts/buf-lint.sh when they are
# missing, and builds the server when scripts/test.sh has not. Non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
sdk="$repo/clients/typescript"
started=$SECONDS

buf="$repo/.tools/buf/node_modules/.bin/buf"
if [[ ! -x "$buf" || ! -f "$repo/.tools/protos-thirdparty/google/api/httpbody.proto" ]]; then
  bash scripts/buf-lint.sh
fi

cd "$sdk"
npm ci --no-audit --no-fund --loglevel=error
# Generated code is not committed: it is made from protos/ on every build, so it cannot drift.
"$buf" generate "$repo" --template buf.gen.yaml
npx --no-install tsc -p tsconfig.json
echo "typescript sdk: built in $((SECONDS - started)) s" >&2

cd "$repo"
# shellcheck source=lib/test-server.sh
source scripts/lib/test-server.sh
start_test_server 18101 18100
token=$(mint_test_token ts-sdk-user)

# The TLS server: root CA -> localhost/127.0.0.1 certificate (P-256), data directory of its own.
tls_dir="$SERVER_DATA_DIR/tls"
mkdir -p "$tls_dir/data"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=medimg TS test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$tls_dir/ca.key" -out "$tls_dir/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
  -keyout "$tls_dir/server.key" -out "$tls_dir/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' >"$tls_dir/ext.cnf"
openssl x509 -req -in "$tls_dir/server.csr" -CA "$tls_dir/ca.pem" -CAkey "$tls_dir/ca.key" -CAcreateserial -days 2 \
  -extfile "$tls_dir/ext.cnf" -out "$tls_dir/server.pem" 2>/dev/null
MEDICAL_IMAGING_DATA_DIR="$tls_dir/data" MEDICAL_IMAGING_PORT=18103 MEDICAL_IMAGING_HTTP_PORT=18102 \
  MEDICAL_IMAGING_BIND_ADDRESS=127.0.0.1 LITERATURE_SEARCH_ENABLED=false AI_PROVIDER_ORDER=local \
  TLS_CERT_PATH="$tls_dir/server.pem" TLS_KEY_PATH="$tls_dir/server.key" \
  dotnet "$server_dll" >"$tls_dir/server.log" 2>&1 &
tls_pid=$!
trap 'kill $SERVER_PID $tls_pid 2>/dev/null; wait $SERVER_PID $tls_pid 2>/dev/null || true; rm -rf "$SERVER_DATA_DIR"' EXIT
for _ in $(seq 1 150); do
  if curl -fsS --cacert "$tls_dir/ca.pem" https://127.0.0.1:18102/api/v1/medical-imaging/health >/dev/null 2>&1; then break; fi
  if ! kill -0 "$tls_pid" 2>/dev/null; then echo "typescript sdk: the TLS server exited:" >&2; cat "$tls_dir/server.log" >&2; exit 1; fi
  sleep 0.2
done
tls_token=$(MEDICAL_IMAGING_DATA_DIR="$tls_dir/data" dotnet "$cli_dll" auth token --user ts-tls-user)

cd "$sdk"
set +e
MEDIMG_URL=http://127.0.0.1:18101 MEDIMG_REST_URL=http://127.0.0.1:18100 MEDIMG_TOKEN="$token" MEDIMG_SAMPLE="$repo/samples/chest-phantom.png" \
  MEDIMG_TLS_URL=https://127.0.0.1:18103 MEDIMG_TLS_TOKEN="$tls_token" MEDIMG_CA_CERT="$tls_dir/ca.pem" \
  node --test --test-reporter=tap dist/test/*.test.js
status=$?
set -e
if (( status != 0 )); then
  echo "typescript sdk: tests failed (exit $status); server warnings and errors:" >&2
  grep -E '"LogLevel":"(Warning|Error|Critical)"' "$SERVER_DATA_DIR/server.log" | tail -n 20 | cut -c1-800 >&2 || true
fi
echo "typescript sdk: done in $((SECONDS - started)) s" >&2
exit "$status"
