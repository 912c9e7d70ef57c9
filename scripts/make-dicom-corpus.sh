#!/usr/bin/env bash
# Builds the DICOM test/benchmark corpus from synthetic images with dcmtk and GDCM.
#   scripts/make-dicom-corpus.sh OUT_DIR [--bench]
# Needs: apt dcmtk, libgdcm-tools, python3 (Debian /usr/bin/python3, standard library only).
# Layout: OUT_DIR/<base>.dcm (native explicit LE, made by gdcmimg from raw samples) and
#         OUT_DIR/<base>__<variant>.dcm (re-encoded), plus OUT_DIR/manifest.tsv:
#         file  base  variant  transfer-syntax-kind  lossy(0/1)
set -euo pipefail
out=${1:?usage: make-dicom-corpus.sh OUT_DIR [--bench]}
bench=${2:-}
mkdir -p "$out"
cd "$out"
for tool in gdcmimg gdcmconv dcmconv dcmcrle dcmcjpeg dcmcjpls dcmdump; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install dcmtk libgdcm-tools" >&2; exit 3; }
done
py=/usr/bin/python3
[ -x "$py" ] || py=python3

# raw NAME W H FRAMES SPP BYTES SIGNED BITS: smooth gradients + a ring + noise, full Bits Stored range, deterministic.
raw() {
  "$py" - "$@" <<'PY'
import sys, struct, math, random
name, w, h, f, spp, nbytes, signed, bits = sys.argv[1], *map(int, sys.argv[2:])
random.seed(7)
lo = -(1 << (bits - 1)) if signed else 0
hi = (1 << (bits - 1)) - 1 if signed else (1 << bits) - 1
span = hi - lo
fmt = {1: ('b' if signed else 'B'), 2: ('h' if signed else 'H'), 4: ('i' if signed else 'I')}[nbytes]
out = bytearray()
for k in range(f):
    for y in range(h):
        for x in range(w):
            r = math.hypot(x - w / 2, y - h / 2)
            base = (x / w * 0.6 + y / h * 0.3 + (0.1 if abs(r - w / 4) < 2 else 0.0) + k * 0.03) % 1.0
            for s in range(spp):
                v = lo + int(((base + s * 0.33) % 1.0) * span) + random.randint(-2, 2)
                out += struct.pack('<' + fmt, max(lo, min(hi, v)))
open(name, 'wb').write(out)
PY
}

# native NAME W H FRAMES SPP BYTES SIGNED BITS SOPCLASS [extra gdcmimg args]
native() {
  local name=$1 w=$2 h=$3 f=$4 spp=$5 nb=$6 sg=$7 bits=$8 sop=$9; shift 9
  raw "$name.raw" "$w" "$h" "$f" "$spp" "$nb" "$sg" "$bits"
  gdcmimg --size "$w,$h,$f" --depth "$bits" --sign "$sg" --spp "$spp" -C "$sop" "$@" "$name.raw" "$name.dcm"
  rm -f "$name.raw"
  printf '%s\t%s\tnative\tnative\t0\n' "$name.dcm" "$name" >> manifest.tsv
}

variant() { # variant BASE NAME KIND LOSSY cmd... (cmd gets IN OUT appended)
  local base=$1 name=$2 kind=$3 lossy=$4; shift 4
  if "$@" "$base.dcm" "${base}__$name.dcm" >/dev/null 2>&1; then
    printf '%s\t%s\t%s\t%s\t%s\n' "${base}__$name.dcm" "$base" "$name" "$kind" "$lossy" >> manifest.tsv
  else
    echo "warning: $* failed for $base" >&2
  fi
}

: > manifest.tsv
SC8=1.2.840.10008.5.1.4.1.1.7.2   # multi-frame grayscale byte SC
SC16=1.2.840.10008.5.1.4.1.1.7.3  # multi-frame grayscale word SC
SCRGB=1.2.840.10008.5.1.4.1.1.7.4 # multi-frame true colour SC
if [ "$bench" = "--bench" ]; then
  native ct16s 512 512 4 1 2 1 16 "$SC16"
  native rgb8 512 512 2 3 1 0 8 "$SCRGB"
  for b in ct16s; do
    variant $b rle rle 0 dcmcrle
    variant $b jpegll jpeg-lossless 0 dcmcjpeg +e1
    variant $b jpegls jpeg-ls 0 dcmcjpls
    variant $b j2k jpeg2000 0 gdcmconv --j2k
  done
  variant rgb8 jpeg jpeg 1 dcmcjpeg +eb
  exit 0
fi

native m8 64 48 1 1 1 0 8 "$SC8"
native m12u 64 48 2 1 2 0 12 "$SC16"
native m12s 64 48 3 1 2 1 12 "$SC16"
native m16u 64 48 1 1 2 0 16 "$SC16"
native m16s 64 48 2 1 2 1 16 "$SC16"
native rgb8 64 48 2 3 1 0 8 "$SCRGB"
native rgb8p 64 48 1 3 1 0 8 "$SCRGB" --pc 1

for b in m8 m12u m12s m16u m16s rgb8 rgb8p; do
  variant $b implicit native 0 dcmconv +ti
  variant $b bigendian native 0 dcmconv +tb
  variant $b deflated native 0 dcmconv +td
  variant $b rle rle 0 dcmcrle
  variant $b gdcmrle rle 0 gdcmconv --rle
  variant $b jpegll1 jpeg-lossless 0 dcmcjpeg +e1
  variant $b jpegll6 jpeg-lossless 0 dcmcjpeg +el +sv 6
  variant $b jpegls jpeg-ls 0 dcmcjpls +el
  variant $b jpegls_near jpeg-ls 1 dcmcjpls +en +md 2
  variant $b gdcmjpegls jpeg-ls 0 gdcmconv --jpegls
  variant $b j2k jpeg2000 0 gdcmconv --j2k
  variant $b j2k_lossy jpeg2000 1 gdcmconv --j2k --lossy -q 100
done
# dcmcjpeg of the planar (PlanarConfiguration=1) source decodes 28 levels off in pydicom and dcmtk alike: not used.
for b in m8 rgb8; do
  variant $b jpeg8 jpeg 1 dcmcjpeg +eb
done
# gdcmconv's lossy JPEG of RGB input decodes (in pydicom and dcmtk alike) to shifted colours: grey only.
variant m8 gdcmjpeg jpeg 1 gdcmconv --jpeg --lossy
variant m12u jpeg12 jpeg 1 dcmcjpeg +ee
