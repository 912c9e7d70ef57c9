#!/usr/bin/env bash
# Builds the TypeScript SDK (clients/typescript) and runs its tests against a live server.
# npm ci -> buf generate (local protoc-gen-es, no registry) -> tsc -> Release server on ports
# 18101 (gRPC) / 18100 (REST) with a minted token -> node --test (TAP: "# pass N" / "# fail N").
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

cd "$sdk"
set +e
MEDIMG_URL=http://127.0.0.1:18101 MEDIMG_TOKEN="$token" MEDIMG_SAMPLE="$repo/samples/chest-phantom.png" \
  node --test --test-reporter=tap dist/test/*.test.js
status=$?
set -e
if (( status != 0 )); then
  echo "typescript sdk: tests failed (exit $status); server warnings and errors:" >&2
  grep -E '"LogLevel":"(Warning|Error|Critical)"' "$SERVER_DATA_DIR/server.log" | tail -n 20 | cut -c1-800 >&2 || true
fi
echo "typescript sdk: done in $((SECONDS - started)) s" >&2
exit "$status"
