#!/usr/bin/env bash
# Builds the DICOM test/benchmark corpus from synthetic images with dcmtk and GDCM.
#   scripts/make-dicom-corpus.sh OUT_DIR [--bench]
# Needs: apt dcmtk, libgdcm-tools, python3 (Debian /usr/bin/python3, standard library only); grokj2k-tools
#        (grk_compress) for the HTJ2K variants (skipped with a warning without it).
# Layout: OUT_DIR/<base>.dcm (native explicit LE, made by gdcmimg from raw samples) and
#         OUT_DIR/<base>__<variant>.dcm (re-encoded), plus OUT_DIR/manifest.tsv:
#         file  base  variant  transfer-syntax-kind  lossy(0/1)
#   scripts/make-dicom-corpus.sh OUT_DIR --study
#   writes one multi-series study instead (for AnalyzeStudy and DICOMweb tests): OUT_DIR/study/*.dcm with
#   series 1 a CT volume of 12 slices 128x128 (12 bits, HU rescale, ImagePositionPatient 5 mm apart; instance
#   numbers deliberately out of volume order), series 2 one 3-frame instance, series 3 one CR-like image.
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

# HTJ2K (Part 15): each frame of the raw source coded by Grok's grk_compress -M 64 (HT code-blocks), wrapped by
# htj2k_wrap in an encapsulated DICOM (one fragment per frame, empty Basic Offset Table) carrying the native file's
# attributes and the HTJ2K transfer syntax UID. The .202 files use RPCL order but not every option PS3.5 lists for
# that syntax (no TLM markers): they test decoding, not conformance.
# (OpenJPH's ojph_compress 0.9, also in bookworm, reads raw input as unsigned only: signed sources came out wrong.)
# htj2k_wrap NATIVE_DCM RAW OUT UID PHOTOMETRIC grk_compress-args...
htj2k_wrap() {
  "$py" - "$@" <<'PY'
import struct, subprocess, sys, os
native, raw, out, uid, photometric, *grk = sys.argv[1:]
data = open(native, 'rb').read()
assert data[128:132] == b'DICM'
pos, meta, elements = 132, {}, []
while pos < len(data):  # gdcmimg writes explicit VR little endian, no sequences
    group, elem = struct.unpack_from('<HH', data, pos)
    vr = data[pos + 4:pos + 6]
    if vr in (b'OB', b'OW', b'OF', b'SQ', b'UT', b'UN'):
        length, head = struct.unpack_from('<I', data, pos + 8)[0], 12
    else:
        length, head = struct.unpack_from('<H', data, pos + 6)[0], 8
    value = data[pos + head:pos + head + length]
    if group == 2:
        meta[elem] = (vr, value)
    elif (group, elem) != (0x7FE0, 0x0010):
        elements.append((group, elem, vr, value))
    pos += head + length
get = {(g, e): v for g, e, _, v in elements}
us = lambda g, e: struct.unpack('<H', get[(g, e)])[0]
rows, cols, spp, bits_alloc, bits, signed = us(0x28, 0x10), us(0x28, 0x11), us(0x28, 2), us(0x28, 0x100), us(0x28, 0x101), us(0x28, 0x103)
planar = us(0x28, 6) if (0x28, 6) in get else 0
frames = int(get.get((0x28, 8), b'1').strip(b' \0') or 1)
nbytes = bits_alloc // 8
frame_len = rows * cols * spp * nbytes
pixels = open(raw, 'rb').read()
codestreams = []
for f in range(frames):
    frame = pixels[f * frame_len:(f + 1) * frame_len]
    dst = f'{out}.f{f}.j2c'
    if spp == 3:  # 8-bit colour through PPM (interleaved)
        if planar:
            frame = bytes(frame[c * rows * cols + i] for i in range(rows * cols) for c in range(3))
        src = f'{out}.f{f}.ppm'
        open(src, 'wb').write(b'P6\n%d %d\n255\n' % (cols, rows) + frame)
        args = []
    else:  # grey through raw little-endian input (.rawl), nbytes wide
        src = f'{out}.f{f}.rawl'
        open(src, 'wb').write(frame)
        args = ['-F', '%d,%d,1,%d,%s' % (cols, rows, bits, 's' if signed else 'u')]
    subprocess.run(['grk_compress', '-i', src, '-o', dst, *args, *grk], check=True, stdout=subprocess.DEVNULL)
    codestreams.append(open(dst, 'rb').read())
    os.remove(src); os.remove(dst)
def element(g, e, vr, value):
    if len(value) % 2:
        value += b'\0' if vr == b'UI' else b' '
    if vr in (b'OB', b'OW', b'OF', b'SQ', b'UT', b'UN'):
        return struct.pack('<HH2sHI', g, e, vr, 0, len(value)) + value
    return struct.pack('<HH2sH', g, e, vr, len(value)) + value
meta[0x10] = (b'UI', uid.encode())
body = b''.join(element(2, e, vr, v) for e, (vr, v) in sorted(meta.items()) if e != 0)
out_bytes = b'\0' * 128 + b'DICM' + element(2, 0, b'UL', struct.pack('<I', len(body))) + body
for g, e, vr, v in elements:
    if (g, e) == (0x28, 4):
        v = photometric.encode()
    elif (g, e) == (0x28, 6):
        v = struct.pack('<H', 0)
    out_bytes += element(g, e, vr, v)
item = lambda v: struct.pack('<HHI', 0xFFFE, 0xE000, len(v)) + v
out_bytes += struct.pack('<HH2sHI', 0x7FE0, 0x10, b'OB', 0, 0xFFFFFFFF) + item(b'')
out_bytes += b''.join(item(c + b'\0' * (len(c) % 2)) for c in codestreams) + struct.pack('<HHI', 0xFFFE, 0xE0DD, 0)
open(out, 'wb').write(out_bytes)
PY
}

htj2k() { # htj2k BASE NAME UID LOSSY PHOTOMETRIC grk_compress-args...
  local base=$1 name=$2 uid=$3 lossy=$4 photometric=$5; shift 5
  if htj2k_wrap "$base.dcm" "$base.raw" "${base}__$name.dcm" "$uid" "$photometric" "$@" >/dev/null 2>&1; then
    printf '%s\t%s\t%s\thtj2k\t%s\n' "${base}__$name.dcm" "$base" "$name" "$lossy" >> manifest.tsv
  else
    echo "warning: HTJ2K $name failed for $base (grk_compress: apt-get install grokj2k-tools)" >&2
  fi
}

if [ "$bench" = "--study" ]; then
  mkdir -p study
  STUDY=1.2.826.0.1.3680043.8.498.77
  CT=1.2.840.10008.5.1.4.1.1.2
  common=(-i "(0020,000D)=$STUDY" -i "(0010,0020)=PHANTOM-77" -i "(0010,0010)=PHANTOM^STUDY" -i "(0008,0020)=20240501" -i "(0008,0030)=093000")
  for k in $(seq 0 11); do
    raw "ct$k.raw" 128 128 1 1 2 0 12
    gdcmimg --size 128,128 --depth 12 --sign 0 --spp 1 -C "$CT" "ct$k.raw" "study/ct$k.dcm"
    # Instance numbers run backwards against the slice positions: a planner must sort by position, not number.
    dcmodify -nb "${common[@]}" -i "(0020,000E)=$STUDY.1" -i "(0008,0018)=$STUDY.1.$k" -i "(0008,0060)=CT" \
      -i "(0020,0011)=1" -i "(0020,0013)=$((12 - k))" -i "(0020,0032)=0\\0\\$((k * 5))" -i "(0020,0037)=1\\0\\0\\0\\1\\0" \
      -i "(0028,1052)=-1024" -i "(0028,1053)=1" -i "(0018,0015)=CHEST" "study/ct$k.dcm" >/dev/null
  done
  raw mf.raw 128 128 3 1 1 0 8
  gdcmimg --size 128,128,3 --depth 8 --sign 0 --spp 1 -C 1.2.840.10008.5.1.4.1.1.7.2 mf.raw study/mf.dcm
  dcmodify -nb "${common[@]}" -i "(0020,000E)=$STUDY.2" -i "(0008,0018)=$STUDY.2.1" -i "(0008,0060)=OT" -i "(0020,0011)=2" -i "(0020,0013)=1" study/mf.dcm >/dev/null
  raw cr.raw 256 256 1 1 2 0 12
  gdcmimg --size 256,256 --depth 12 --sign 0 --spp 1 -C 1.2.840.10008.5.1.4.1.1.1 cr.raw study/cr.dcm
  dcmodify -nb "${common[@]}" -i "(0020,000E)=$STUDY.3" -i "(0008,0018)=$STUDY.3.1" -i "(0008,0060)=CR" -i "(0020,0011)=3" -i "(0020,0013)=1" \
    -i "(0018,0015)=CHEST" -i "(0028,0004)=MONOCHROME2" study/cr.dcm >/dev/null
  rm -f ./*.raw
  exit 0
fi

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
  htj2k ct16s htj2k 1.2.840.10008.1.2.4.201 0 MONOCHROME2 -M 64 -p LRCP
  variant rgb8 jpeg jpeg 1 dcmcjpeg +eb
  rm -f ./*.raw
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

for b in m8 m12u m12s m16u m16s rgb8 rgb8p; do
  pi=MONOCHROME2
  case $b in rgb*) pi=YBR_RCT ;; esac # grk_compress applies the RCT to three components
  htj2k $b htj2k 1.2.840.10008.1.2.4.201 0 "$pi" -M 64 -p LRCP
  htj2k $b htj2k_rpcl 1.2.840.10008.1.2.4.202 0 "$pi" -M 64 -p RPCL
done
for b in m8 m16s rgb8; do
  pi=MONOCHROME2
  case $b in rgb*) pi=YBR_ICT ;; esac
  htj2k $b htj2k_lossy 1.2.840.10008.1.2.4.203 1 "$pi" -M 64 -I
done
rm -f ./*.raw
