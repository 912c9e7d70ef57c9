#!/usr/bin/env bash
# End-to-end test of the browser console (/console/, src/Server/WebConsole) in headless Chromium:
# Debian's chromium (installed here when missing; no browser download) driven by playwright-core,
# against a Release server on ports 18201 (gRPC) / 18200 (REST) with a minted token.
# node --test prints TAP ("# pass N" / "# fail N"); the screenshot is left in
# tests/console/artifacts/. Standalone: builds the server when scripts/test.sh has not.
# Non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
started=$SECONDS

# Chromium and a font for it to render text with (a fresh Debian 12 has neither). Idempotent.
bash scripts/install-deps.sh console
chromium_path="$(command -v chromium)"

cd "$repo/tests/console"
# playwright-core never downloads a browser; the variable makes sure nothing else tries either.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
echo "console: dependencies ready in $((SECONDS - started)) s" >&2

cd "$repo"
# shellcheck source=lib/test-server.sh
source scripts/lib/test-server.sh
start_test_server 18201 18200
token=$(mint_test_token console-user)

cd "$repo/tests/console"
set +e
CONSOLE_URL=http://127.0.0.1:18200 CONSOLE_GRPC_URL=http://127.0.0.1:18201 CONSOLE_TOKEN="$token" \
  CHROMIUM_PATH="$chromium_path" SAMPLE_IMAGE="$repo/samples/chest-phantom.png" ARTIFACTS_DIR="$repo/tests/console/artifacts" \
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 node --test --test-reporter=tap console.test.js
status=$?
set -e
if (( status != 0 )); then
  echo "console: tests failed (exit $status); server warnings and errors:" >&2
  grep -E '"LogLevel":"(Warning|Error|Critical)"' "$SERVER_DATA_DIR/server.log" | tail -n 20 | cut -c1-800 >&2 || true
fi
echo "console: done in $((SECONDS - started)) s (screenshot: tests/console/artifacts/console.png)" >&2
exit "$status"
