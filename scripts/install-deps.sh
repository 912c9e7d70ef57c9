#!/usr/bin/env bash
# Installs what the build, the main job and the tests need on Debian 12. Idempotent: installs only
# what is missing. Usage: scripts/install-deps.sh [main|test|console|cluster]   (default: test = everything)
set -euo pipefail
profile="${1:-test}"

# OpenCV's native runtime (OpenCvSharp4.official.runtime.linux-x64) links against GTK 3; compressed
# DICOM needs GDCM's C# binding (12-bit JPEG, fallbacks), CharLS (JPEG-LS) and OpenJPEG (JPEG 2000, HTJ2K) at run time.
packages=(libgtk-3-0 libgdcm-cil libgdcm3.0 libcharls2 libopenjp2-7)
# Burned-in text redaction reads pixels with Tesseract's C API (libtesseract.so.5) and its English model.
packages+=(libtesseract5 tesseract-ocr-eng)
if [[ "$profile" == "test" || "$profile" == "console" ]]; then
  # The browser-console test: Debian's Chromium and a font for it to render text with.
  packages+=(chromium fonts-dejavu-core)
fi
if [[ "$profile" == "test" ]]; then
  # DICOM oracles for the tests: dcmtk, GDCM tools, pydicom; Grok's encoder makes the HTJ2K corpus files.
  packages+=(dcmtk libgdcm-tools python3-pydicom python3-gdcm python3-numpy grokj2k-tools)
  # The `tesseract` command line is the tests' OCR oracle for blanked images.
  packages+=(tesseract-ocr)
  # Java runs the Neo4j test server (scripts/neo4j-test-server.sh).
  command -v java >/dev/null || packages+=(openjdk-17-jre-headless)
fi

if [[ "$profile" == "test" || "$profile" == "cluster" ]]; then
  # Scale-out: NATS with JetStream and nginx in front of the replicas (scripts/cluster.sh, the cluster tests).
  packages+=(nats-server nginx)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null; then
  echo "install-deps: the .NET 10 SDK is required (dotnet not on PATH)." >&2
  exit 1
fi
