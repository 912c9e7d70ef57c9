// DICOMweb through the SDK against a live server (scripts/test-typescript.sh passes MEDIMG_REST_URL and a token).
// The DICOM files are made here: an 8-bit BMP wrapped by dcmtk img2dcm, UIDs set by dcmodify.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

import { createDicomWebClient, dicomValue, DicomWebError } from "../src/index.js";

const restUrl = process.env.MEDIMG_REST_URL ?? "http://127.0.0.1:8000";
const token = process.env.MEDIMG_TOKEN ?? "";
const study = "1.2.826.0.1.3680043.8.498.4242";

/** An 8-bit grey 32x32 BMP wrapped by img2dcm, with the given series and SOP Instance UIDs. */
function makeDicom(series: string, sop: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "medimg-ts-dicom-"));
  try {
    const w = 32, h = 32;
    const header = Buffer.alloc(54 + 1024);
    header.write("BM", 0);
    header.writeUInt32LE(54 + 1024 + w * h, 2);
    header.writeUInt32LE(54 + 1024, 10);
    header.writeUInt32LE(40, 14);
    header.writeInt32LE(w, 18);
    header.writeInt32LE(h, 22);
    header.writeUInt16LE(1, 26);
    header.writeUInt16LE(8, 28);
    header.writeUInt32LE(w * h, 34);
    header.writeUInt32LE(256, 46);
    for (let i = 0; i < 256; i++) header.writeUInt32LE(i * 0x010101, 54 + i * 4);
    const pixels = Buffer.alloc(w * h, 0).map((_, i) => (i * 7) % 256);
    writeFileSync(join(dir, "in.bmp"), Buffer.concat([header, pixels]));
    execFileSync("img2dcm", ["-i", "BMP", join(dir, "in.bmp"), join(dir, "out.dcm")]);
    execFileSync("dcmodify", ["-nb", "-i", `(0020,000D)=${study}`, "-i", `(0020,000E)=${series}`, "-i", `(0008,0018)=${sop}`,
      "-i", "(0010,0020)=TS-PATIENT", "-i", "(0008,0060)=OT", join(dir, "out.dcm")]);
    return readFileSync(join(dir, "out.dcm"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const web = createDicomWebClient({ baseUrl: restUrl, getToken: () => token });

test("store two instances and a corrupt part: two stored, the corrupt one failed with 0xC000", async () => {
  const result = await web.store([makeDicom(`${study}.1`, `${study}.1.1`), makeDicom(`${study}.1`, `${study}.1.2`), new TextEncoder().encode("garbage")]);
  assert.equal(result.status, 202);
  assert.deepEqual(result.stored.map((s) => s.sopInstanceUid), [`${study}.1.1`, `${study}.1.2`]);
  assert.equal(result.failed.length, 1);
  assert.equal(result.failed[0].failureReason, 0xc000);
});

test("search finds the study, its series and instances; a bad token is refused with 401", async () => {
  const studies = await web.searchStudies({ PatientID: "TS-PATIENT", ModalitiesInStudy: "OT" });
  assert.equal(studies.length, 1);
  assert.equal(dicomValue(studies[0], "0020000D"), study);
  assert.equal(dicomValue(studies[0], "00201208"), 2);
  assert.equal((await web.searchSeries(study)).length, 1);
  assert.equal((await web.searchInstances(study, `${study}.1`, { limit: 1 })).length, 1);
  const stranger = createDicomWebClient({ baseUrl: restUrl, token: "not-a-valid-token" });
  await assert.rejects(stranger.searchStudies(), (err: unknown) => err instanceof DicomWebError && err.status === 401);
});

test("metadata and a rendered PNG come back; a bad query parameter is a 400 naming it", async () => {
  const metadata = await web.retrieveMetadata(study, `${study}.1`, `${study}.1.2`);
  assert.equal(metadata.length, 1);
  assert.equal(dicomValue(metadata[0], "00280010"), 32);
  const png = await web.retrieveRendered(study, `${study}.1`, `${study}.1.2`, { accept: "image/png", window: "128,256" });
  assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  await assert.rejects(web.searchStudies({ NoSuchKey: "x" }), (err: unknown) => err instanceof DicomWebError && err.status === 400 && err.message.includes("NoSuchKey"));
});
