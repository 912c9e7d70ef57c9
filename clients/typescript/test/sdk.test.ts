// Runs against a live server (scripts/test-typescript.sh starts one):
//   MEDIMG_URL=http://127.0.0.1:18101 MEDIMG_TOKEN=... node --test --test-reporter=tap dist/test/
// Tests in this file run in order and share the reports the first ones create.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { test } from "node:test";

import {
  AnalysisStage,
  ChatRole,
  Code,
  ConnectError,
  createImagingClient,
  ServingStatus,
  type AnalysisEvent,
  type ChatEvent,
  type Interceptor,
} from "../src/index.js";

const baseUrl = process.env.MEDIMG_URL ?? "http://127.0.0.1:8001";
const token = process.env.MEDIMG_TOKEN;
// dist/test/sdk.test.js -> repository root
const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const samplePath = process.env.MEDIMG_SAMPLE ?? `${repoRoot}samples/chest-phantom.png`;

const client = createImagingClient({ baseUrl, getToken: () => token ?? "" });
const chest = { path: samplePath, modality: "CR", bodyPart: "CHEST" };

let firstReportId = "";
let firstAnalysisId = "";
let secondReportId = "";

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function rejectsWith(promise: Promise<unknown>, code: Code): Promise<ConnectError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ConnectError, `expected a ConnectError, got ${String(err)}`);
    assert.equal(err.code, code, `expected ${Code[code]}, got ${Code[err.code]}: ${err.message}`);
    return err;
  }
  assert.fail(`expected ${Code[code]}, but the call succeeded`);
}

test("a token is configured", () => {
  assert.ok(token, "set MEDIMG_TOKEN (scripts/test-typescript.sh mints one)");
});

test("health answers the status alone without a token, the details with one", async () => {
  const anonymous = createImagingClient({ baseUrl });
  const bare = await anonymous.health();
  assert.equal(bare.status, ServingStatus.SERVING);
  assert.equal(bare.details, false);
  assert.equal(bare.version, "");
  assert.equal(bare.providers.length, 0);
  const health = await client.health();
  assert.equal(health.details, true);
  assert.ok(health.version.length > 0);
  assert.ok(health.providers.some((p) => p.name === "local"));
});

test("analyze streams rising progress, the analysis id first, then a result with a report", async () => {
  const events: AnalysisEvent[] = await collect(
    client.analyze({ images: [chest], caseId: "ts-sdk-case-1", clinicalContext: { ageYears: 64, indication: "cough" }, options: { skipCache: true } }),
  );
  assert.ok(events.length >= 3, `only ${events.length} events`);
  const [first] = events;
  assert.equal(first.type, "progress");
  assert.match(first.analysisId, /\S/, "the first event carries the analysis id");
  firstAnalysisId = first.analysisId;
  assert.ok(events.every((e) => e.analysisId === firstAnalysisId), "one analysis id throughout");

  const progress = events.filter((e) => e.type === "progress");
  const percents = progress.map((e) => e.progress.percent);
  for (let i = 1; i < percents.length; i++) assert.ok(percents[i] >= percents[i - 1], `percent fell: ${percents.join(",")}`);
  assert.ok(percents[percents.length - 1] > percents[0], `percent never rose: ${percents.join(",")}`);
  assert.ok(progress.some((e) => e.progress.stage === AnalysisStage.DECODE), "a decode stage event");
  const sequences = events.map((e) => e.sequence);
  for (let i = 1; i < sequences.length; i++) assert.ok(sequences[i] > sequences[i - 1], "sequence numbers increase");

  const last = events[events.length - 1];
  assert.equal(last.type, "result", "the last event is the result");
  assert.equal(events.filter((e) => e.type === "result").length, 1);
  if (last.type !== "result") return;
  const report = last.result.report;
  assert.ok(report, "the result holds a report");
  assert.match(report.id, /\S/);
  assert.equal(report.analysisId, firstAnalysisId);
  assert.equal(report.modality, "CR");
  assert.equal(report.bodyPart, "CHEST");
  assert.ok(report.findings.length > 0, "findings");
  assert.match(report.impression, /\S/);
  assert.match(report.disclaimer, /diagnos/i);
  assert.equal(report.images.length, 1);
  assert.equal(report.images[0].filename, "chest-phantom.png");
  assert.equal(last.result.cached, false);
  firstReportId = report.id;
});

test("watchAnalysis replays the finished analysis after a sequence number", async () => {
  const events = await collect(client.watchAnalysis(firstAnalysisId, 1));
  assert.ok(events.length > 0);
  assert.ok(events.every((e) => e.sequence > 1), "events after sequence 1 only");
  const last = events[events.length - 1];
  assert.equal(last.type, "result");
  if (last.type === "result") assert.equal(last.result.report?.id, firstReportId);
});

test("uploadFile sends a file in chunks and answers its SHA-256; bytes upload deduplicates", async () => {
  const bytes = new Uint8Array(await readFile(samplePath));
  const sha = createHash("sha256").update(bytes).digest("hex");
  const fromPath = await client.uploadFile(samplePath, { chunkBytes: 16 * 1024 });
  assert.equal(fromPath.imageId, sha);
  assert.equal(fromPath.sizeBytes, BigInt(bytes.byteLength));
  const fromBytes = await client.uploadFile(bytes, { filename: "again.png", chunkBytes: 7000 });
  assert.equal(fromBytes.imageId, sha);
  assert.equal(fromBytes.deduplicated, true);

  // Analyse the uploaded image by id: a second report for the similar-case search.
  const result = await client.analyzeToResult({
    images: [{ imageId: fromPath.imageId, filename: "chest-uploaded.png", modality: "CR", bodyPart: "CHEST" }],
    caseId: "ts-sdk-case-2",
    options: { skipCache: true },
  });
  assert.ok(result.report);
  assert.notEqual(result.report.id, firstReportId);
  assert.equal(result.report.images[0].imageId, sha);
  secondReportId = result.report.id;
});

test("large images are uploaded first and analysed by id (inline threshold)", async () => {
  const methods: string[] = [];
  const spy: Interceptor = (next) => async (req) => {
    methods.push(req.method.name);
    return next(req);
  };
  const small = createImagingClient({ baseUrl, token, inlineThresholdBytes: 1024, chunkBytes: 8 * 1024, interceptors: [spy] });
  const seen: number[] = [];
  const result = await small.analyzeToResult({ images: [chest] }, (e) => seen.push(e.progress.percent));
  assert.deepEqual(methods, ["UploadImage", "Analyze"]);
  assert.ok(seen.length > 0);
  assert.equal(result.report?.images[0].filename, "chest-phantom.png");
  assert.equal(result.report?.modality, "CR");
});

test("getReport answers the report", async () => {
  const report = await client.getReport(firstReportId);
  assert.equal(report.id, firstReportId);
  assert.equal(report.caseId, "ts-sdk-case-1");
  assert.equal(report.clinicalContext?.ageYears, 64);
  assert.ok(report.createdAt && report.createdAt.seconds > 0n);
  assert.match(report.reportText, /\S/);
});

test("listReports lists both reports, newest first, and pages", async () => {
  const page = await client.listReports({ pageSize: 10 });
  const ids = page.reports.map((r) => r.id);
  assert.ok(ids.includes(firstReportId) && ids.includes(secondReportId), ids.join(","));
  assert.ok(ids.indexOf(secondReportId) < ids.indexOf(firstReportId), "newest first");
  const byCase = await client.listReports({ caseId: "ts-sdk-case-1" });
  assert.deepEqual(byCase.reports.map((r) => r.id), [firstReportId]);
  const paged: string[] = [];
  for await (const summary of client.allReports({ pageSize: 1 })) paged.push(summary.id);
  assert.deepEqual(paged, ids);
});

test("findSimilar finds the other report", async () => {
  const similar = await client.findSimilar(firstReportId, { limit: 5 });
  assert.ok(similar.length > 0);
  const other = similar.find((s) => s.reportId === secondReportId);
  assert.ok(other, `similar: ${similar.map((s) => s.reportId).join(",")}`);
  assert.ok(other.score > 0 && other.score <= 1.000001, `score ${other.score}`);
  assert.ok(!similar.some((s) => s.reportId === firstReportId), "not the report itself");
});

test("getHeatmap answers a PNG", async () => {
  const report = await client.getReport(firstReportId);
  assert.equal(report.images[0].hasHeatmap, true);
  const heatmap = await client.getHeatmap(firstReportId, 0);
  assert.equal(heatmap.contentType, "image/png");
  assert.deepEqual([...heatmap.data.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});

test("chat (bidirectional) streams deltas, then the complete message", async () => {
  const events: ChatEvent[] = await collect(client.chat(firstReportId, "What is the main finding?"));
  const deltas = events.filter((e) => e.type === "delta");
  assert.ok(deltas.length > 0, "at least one delta");
  const last = events[events.length - 1];
  assert.equal(last.type, "message", "the complete message comes last");
  assert.equal(events.filter((e) => e.type === "message").length, 1);
  if (last.type !== "message") return;
  assert.equal(last.message.role, ChatRole.ASSISTANT);
  assert.match(last.message.content, /\S/);
  assert.equal(deltas.map((d) => (d.type === "delta" ? d.text : "")).join(""), last.message.content, "the deltas add up to the message");
});

test("a chat session holds two turns on one stream", async () => {
  const session = client.openChat(firstReportId);
  try {
    const replies: string[] = [];
    for (const question of ["Summarise the report.", "Any recommendations?"]) {
      const events = await collect(session.send(question));
      const last = events[events.length - 1];
      assert.equal(last.type, "message");
      if (last.type === "message") replies.push(last.message.id);
    }
    assert.equal(replies.length, 2);
    assert.notEqual(replies[0], replies[1]);
  } finally {
    await session.close();
  }
});

test("a session skips the rest of a reply its reader abandoned", async () => {
  const session = client.openChat(firstReportId);
  try {
    for await (const event of session.send("First question?")) {
      assert.equal(event.type, "delta");
      break; // stop reading after the first delta
    }
    const events = await collect(session.send("Second question?"));
    const last = events[events.length - 1];
    assert.equal(last.type, "message");
    if (last.type !== "message") return;
    const text = events.map((e) => (e.type === "delta" ? e.text : "")).join("");
    assert.equal(text, last.message.content, "only the second reply's deltas");
  } finally {
    await session.close();
  }
});

test("sendChatMessage (unary) answers the complete reply", async () => {
  const reply = await client.sendChatMessage(firstReportId, "Is the image quality adequate?");
  assert.equal(reply.role, ChatRole.ASSISTANT);
  assert.match(reply.content, /\S/);
});

test("an upload chunk above the contract's 4 MiB is refused before any call", () => {
  assert.throws(() => createImagingClient({ baseUrl, token, chunkBytes: 4 * 1024 * 1024 + 1 }), RangeError);
  assert.throws(() => createImagingClient({ baseUrl, token, chunkBytes: 0 }), RangeError);
});

test("a call without a token fails with UNAUTHENTICATED", async () => {
  const anonymous = createImagingClient({ baseUrl });
  await rejectsWith(anonymous.getReport(firstReportId), Code.Unauthenticated);
  await rejectsWith(collect(anonymous.analyze({ images: [chest] })), Code.Unauthenticated);
  const forged = createImagingClient({ baseUrl, token: "not.a.jwt" });
  await rejectsWith(forged.listReports(), Code.Unauthenticated);
});

test("a non-image fails with INVALID_ARGUMENT naming the image", async () => {
  const notAnImage = new TextEncoder().encode("this is a text file, not an image\n".repeat(20));
  const err = await rejectsWith(
    collect(client.analyze({ images: [chest, { bytes: notAnImage, filename: "notes.txt" }] })),
    Code.InvalidArgument,
  );
  assert.match(err.rawMessage, /images\[1\]|notes\.txt/, err.rawMessage);
});

test("deleteReport deletes; the report is then NOT_FOUND", async () => {
  assert.equal(await client.deleteReport(secondReportId), secondReportId);
  await rejectsWith(client.getReport(secondReportId), Code.NotFound);
  await rejectsWith(client.getHeatmap(secondReportId, 0), Code.NotFound);
  const page = await client.listReports();
  assert.ok(!page.reports.some((r) => r.id === secondReportId));
});

test("analyze with the same requestId answers the same analysis; without one each call is its own", async () => {
  const requestId = `ts-retry-${Date.now()}`;
  const first = await client.analyzeToResult({ images: [chest], caseId: "ts-sdk-retry", options: { skipCache: true }, requestId });
  const retried = await client.analyzeToResult({ images: [chest], caseId: "ts-sdk-retry", options: { skipCache: true }, requestId });
  assert.equal(retried.analysisId, first.analysisId);
  assert.equal(retried.report?.id, first.report?.id);
  const fresh = await client.analyzeToResult({ images: [chest], caseId: "ts-sdk-retry", options: { skipCache: true } });
  assert.notEqual(fresh.analysisId, first.analysisId);
  const byCase = await client.listReports({ caseId: "ts-sdk-retry" });
  assert.equal(byCase.reports.length, 2, "two analyses ran, not three");
});
