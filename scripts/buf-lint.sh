#!/usr/bin/env bash
# Lints protos/ with Buf STANDARD without the Buf registry: installs buf from npm into .tools/buf
# (pinned), copies google/api/{annotations,http,httpbody}.proto from the Google.Api.CommonProtos
# NuGet package into .tools/protos-thirdparty, runs `buf lint`, then `buf breaking` against the
# frozen released contract (contract/medimaging-v1.binpb). Idempotent; non-zero on findings.
# `scripts/buf-lint.sh --freeze` rewrites the frozen image: do that only with a new package version.
set -euo pipefail
cd "$(dirname "$0")/.."
BUF_VERSION=1.75.0

if [[ ! -x .tools/buf/node_modules/.bin/buf ]] || ! .tools/buf/node_modules/.bin/buf --version 2>/dev/null | grep -qx "$BUF_VERSION"; then
  mkdir -p .tools/buf
  # npm install, not npm ci: this mirror lacks buf's non-Linux binaries that a lockfile would pin.
  (cd .tools/buf && npm install --no-audit --no-fund --silent "@bufbuild/buf@$BUF_VERSION" >/dev/null)
fi

protos_package=$(ls -d "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/google.api.commonprotos/*/content/protos 2>/dev/null | sort -V | tail -1 || true)
if [[ -z "$protos_package" ]]; then
  dotnet restore src/Contracts -v quiet >/dev/null
  protos_package=$(ls -d "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/google.api.commonprotos/*/content/protos | sort -V | tail -1)
fi
mkdir -p .tools/protos-thirdparty/google/api
for f in annotations.proto http.proto httpbody.proto; do
  cp "$protos_package/google/api/$f" .tools/protos-thirdparty/google/api/
done

buf=.tools/buf/node_modules/.bin/buf
$buf lint
echo "buf lint: protos/ clean (STANDARD)" >&2
if [[ "${1:-}" == "--freeze" ]]; then
  $buf build protos -o contract/medimaging-v1.binpb
  echo "buf: froze the contract into contract/medimaging-v1.binpb" >&2
else
  $buf breaking protos --against contract/medimaging-v1.binpb
  echo "buf breaking: compatible with contract/medimaging-v1.binpb" >&2
fi
