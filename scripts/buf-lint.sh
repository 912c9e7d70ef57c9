#!/usr/bin/env bash
# Lints protos/ with Buf STANDARD without the Buf registry: installs buf from npm into .tools/buf
# (pinned), copies google/api/{annotations,http,httpbody}.proto from the Google.Api.CommonProtos
# NuGet package into .tools/protos-thirdparty, runs `buf lint`, then `buf breaking` against the
# frozen released contract (contract/medimaging-v1.binpb). Idempotent; non-zero on findings.
# An incompatible change fails unless the package's major version (clients/typescript/package.json)
# moved from the frozen one (contract/medimaging-v1.version). `--freeze` rewrites the image and version.
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
# The released contract's version is the TypeScript SDK's package version (clients/typescript/package.json);
# contract/medimaging-v1.version records the version the image was frozen at.
package_version=$(sed -n 's/^  "version": "\([^"]*\)".*/\1/p' clients/typescript/package.json | head -1)
if [[ "${1:-}" == "--freeze" ]]; then
  $buf build protos -o contract/medimaging-v1.binpb
  echo "$package_version" > contract/medimaging-v1.version
  echo "buf: froze the contract at version $package_version into contract/medimaging-v1.binpb" >&2
elif $buf breaking protos --against contract/medimaging-v1.binpb; then
  echo "buf breaking: compatible with contract/medimaging-v1.binpb" >&2
else
  frozen_version=$(cat contract/medimaging-v1.version)
  if [[ "${package_version%%.*}" != "${frozen_version%%.*}" ]]; then
    echo "buf breaking: incompatible with the contract frozen at $frozen_version, accepted because the package moved to $package_version; run scripts/buf-lint.sh --freeze" >&2
  else
    echo "buf breaking: the changes above break the released contract $frozen_version; keep them compatible, or move the package's major version (clients/typescript/package.json) and re-freeze" >&2
    exit 1
  fi
fi
