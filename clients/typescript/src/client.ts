// A small typed wrapper over the generated ImagingService client (protoc-gen-es v2 descriptors,
// Connect for Node, gRPC transport over HTTP/2 cleartext or TLS).
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";

import { Code, ConnectError, createClient } from "@connectrpc/connect";
import type { CallOptions, Client, Interceptor, Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import type { MessageInitShape } from "@bufbuild/protobuf";

import { ImagingService } from "./gen/medimaging/v1/imaging_service_pb.js";
import type {
  AnalysisOptions,
  AnalysisProgress,
  AnalysisResult,
  AnalyzeRequestSchema,
  ImageInputSchema,
} from "./gen/medimaging/v1/analysis_pb.js";
import type { ChatMessage, ChatRequestSchema, ChatResponse } from "./gen/medimaging/v1/chat_pb.js";
import type { ClinicalContextSchema, ListReportsResponse, Report, ReportSummary, SimilarCase } from "./gen/medimaging/v1/report_pb.js";
import type { GetHealthResponse } from "./gen/medimaging/v1/health_pb.js";
import type { UploadImageResponse } from "./gen/medimaging/v1/upload_pb.js";

/** The largest chunk the server accepts in one UploadImage message (upload.proto). */
export const MAX_CHUNK_BYTES = 4 * 1024 * 1024;

export interface ImagingClientOptions {
  /** The server's gRPC address, e.g. `http://127.0.0.1:8001` (h2c) or `https://imaging.example` (TLS). */
  baseUrl: string;
  /** A fixed bearer token. */
  token?: string;
  /** Called before every call for the bearer token (refresh it here); wins over `token`. */
  getToken?: () => string | Promise<string>;
  /** Images larger than this are uploaded with UploadImage first and analysed by id. Default 1 MiB. */
  inlineThresholdBytes?: number;
  /** Size of one upload chunk, at most 4 MiB. Default 1 MiB. */
  chunkBytes?: number;
  /** Extra interceptors, run after the one that adds the token. */
  interceptors?: Interceptor[];
  /**
   * PEM of the CA certificate(s) that issued the server's TLS certificate (a hospital's private CA), trusted
   * instead of Node's bundled roots for an `https://` baseUrl: node's tls `ca` option. Read the file yourself,
   * e.g. `caCert: await readFile("ca.pem")`. The host name is still checked.
   */
  caCert?: string | Uint8Array | Array<string | Uint8Array>;
  /** Use this transport instead of creating a gRPC one (tests, custom TLS or HTTP/2 settings). */
  transport?: Transport;
}

/** One image to analyse: a file path, the bytes, or an uploaded image id, with optional hints. */
export type ImageSource =
  | string
  | Uint8Array
  | {
      /** Path of a PNG, JPEG or DICOM file. */
      path?: string;
      /** The file's bytes. */
      bytes?: Uint8Array;
      /** The id UploadImage answered. */
      imageId?: string;
      /** Shown in the report; defaults to the path's base name. */
      filename?: string;
      /** Modality for formats that carry none (PNG/JPEG), e.g. "CR" or "CT". */
      modality?: string;
      /** Body part for formats that carry none, e.g. "CHEST". */
      bodyPart?: string;
      /** Frame of a multi-frame image (0-based); unset picks the middle frame. */
      frameIndex?: number;
    };

export interface AnalyzeInput {
  /** One to ten images. */
  images: ImageSource[];
  /** The caller's own case id (never a patient identifier). */
  caseId?: string;
  clinicalContext?: MessageInitShape<typeof ClinicalContextSchema>;
  options?: Partial<Pick<AnalysisOptions, "skipCache" | "maxDimension" | "windowPreset">>;
  /**
   * Idempotency key of this logical request (1-128 of A-Z a-z 0-9 . _ : -). A repeat with the same id from the same
   * user answers the analysis the first try started instead of starting another. Default: a new UUID per call;
   * keep your own with your job to retry safely after your process restarts.
   */
  requestId?: string;
}

/** An event of an analysis stream: progress events, then exactly one result. */
export type AnalysisEvent =
  | { type: "progress"; analysisId: string; sequence: number; progress: AnalysisProgress }
  | { type: "result"; analysisId: string; sequence: number; result: AnalysisResult };

/** An event of a chat reply: token deltas, then the complete message. */
export type ChatEvent = { type: "delta"; text: string } | { type: "message"; message: ChatMessage };

export interface UploadOptions {
  /** File name sent with the metadata; defaults to the path's base name, or "image". */
  filename?: string;
  /** Chunk size, at most 4 MiB; defaults to the client's chunkBytes. */
  chunkBytes?: number;
}

export interface ListReportsOptions {
  /** Reports a page (default 20, at most 100). */
  pageSize?: number;
  /** Only this case. */
  caseId?: string;
  /** Only this modality. */
  modality?: string;
}

export interface FindSimilarOptions {
  /** Most results (default 5, at most 50). */
  limit?: number;
  /** Only reports of this modality. */
  modality?: string;
  /** Only reports of this body part. */
  bodyPart?: string;
  /** Drop results scoring below this (-1 to 1). */
  minScore?: number;
}

/** A heatmap image as the server sent it. */
export interface Heatmap {
  contentType: string;
  data: Uint8Array;
}

/** An exported report: its media type and bytes. */
export interface ExportedReport {
  contentType: string;
  data: Uint8Array;
}

/** A multi-turn chat over one bidirectional Chat stream. */
export interface ChatSession {
  /** Sends a question; yields the reply's deltas, then the complete message, then ends. */
  send(message: string): AsyncIterable<ChatEvent>;
  /** Ends the stream (half-closes and waits for the server to finish). */
  close(): Promise<void>;
}

export interface ImagingClient {
  /** The generated Connect client, for anything the wrapper does not cover. */
  readonly raw: Client<typeof ImagingService>;
  uploadFile(source: string | Uint8Array, options?: UploadOptions, call?: CallOptions): Promise<UploadImageResponse>;
  analyze(input: AnalyzeInput, call?: CallOptions): AsyncIterable<AnalysisEvent>;
  /** Runs an analysis to its end and answers the result; `onProgress` sees every progress event. */
  analyzeToResult(input: AnalyzeInput, onProgress?: (event: AnalysisEvent & { type: "progress" }) => void, call?: CallOptions): Promise<AnalysisResult & { analysisId: string }>;
  watchAnalysis(analysisId: string, afterSequence?: number, call?: CallOptions): AsyncIterable<AnalysisEvent>;
  getReport(reportId: string, call?: CallOptions): Promise<Report>;
  listReports(request?: ListReportsOptions & { pageToken?: string }, call?: CallOptions): Promise<ListReportsResponse>;
  /** Every report of the caller, newest first, fetching pages as needed. */
  allReports(request?: ListReportsOptions, call?: CallOptions): AsyncIterable<ReportSummary>;
  findSimilar(reportId: string, request?: FindSimilarOptions, call?: CallOptions): Promise<SimilarCase[]>;
  deleteReport(reportId: string, call?: CallOptions): Promise<string>;
  getHeatmap(reportId: string, imageIndex?: number, call?: CallOptions): Promise<Heatmap>;
  /** One report as "sr" (DICOM SR, application/dicom), "fhir" (FHIR R4 Bundle JSON) or "json". */
  exportReport(reportId: string, format: "sr" | "fhir" | "json", call?: CallOptions): Promise<ExportedReport>;
  /** One question over the bidirectional Chat stream: the reply's deltas, then the complete message. */
  chat(reportId: string, message: string, call?: CallOptions): AsyncIterable<ChatEvent>;
  /** Opens a multi-turn chat about a report over one bidirectional stream. */
  openChat(reportId: string, call?: CallOptions): ChatSession;
  /** One question over the unary SendChatMessage: answers the complete reply. */
  sendChatMessage(reportId: string, message: string, call?: CallOptions): Promise<ChatMessage>;
  /** Server health: without a token only the status (`details` false), with one providers, database and your report count. */
  health(call?: CallOptions): Promise<GetHealthResponse>;
}

type ImageInputInit = MessageInitShape<typeof ImageInputSchema>;

/** Creates a client; every call carries `authorization: Bearer <token>` when a token is configured. */
export function createImagingClient(options: ImagingClientOptions): ImagingClient {
  const inlineThreshold = options.inlineThresholdBytes ?? 1024 * 1024;
  const defaultChunk = checkChunk(options.chunkBytes ?? 1024 * 1024);
  const auth: Interceptor = (next) => async (req) => {
    const token = options.getToken ? await options.getToken() : options.token;
    if (token) req.header.set("authorization", `Bearer ${token}`);
    return next(req);
  };
  const transport =
    options.transport ??
    createGrpcTransport({
      baseUrl: options.baseUrl,
      interceptors: [auth, ...(options.interceptors ?? [])],
      // http2.connect's TLS options: with `ca` set, only these roots are trusted.
      nodeOptions: options.caCert === undefined ? undefined : { ca: caList(options.caCert) },
    });
  const raw = createClient(ImagingService, transport);

  async function uploadFile(source: string | Uint8Array, upload: UploadOptions = {}, call?: CallOptions) {
    const chunkBytes = checkChunk(upload.chunkBytes ?? defaultChunk);
    const filename = upload.filename ?? (typeof source === "string" ? basename(source) : "image");
    let sizeBytes: number;
    let sha256: string;
    let chunks: AsyncIterable<Uint8Array>;
    if (typeof source === "string") {
      sizeBytes = (await stat(source)).size;
      sha256 = await hashFile(source);
      chunks = readChunks(source, chunkBytes);
    } else {
      sizeBytes = source.byteLength;
      sha256 = createHash("sha256").update(source).digest("hex");
      chunks = sliceChunks(source, chunkBytes);
    }
    async function* requests() {
      yield { payload: { case: "metadata" as const, value: { filename, sizeBytes: BigInt(sizeBytes), sha256 } } };
      for await (const chunk of chunks) yield { payload: { case: "chunk" as const, value: chunk } };
    }
    return raw.uploadImage(requests(), call);
  }

  async function toImageInput(source: ImageSource, index: number, call?: CallOptions): Promise<ImageInputInit> {
    const s = typeof source === "string" ? { path: source } : source instanceof Uint8Array ? { bytes: source } : source;
    const set = [s.path !== undefined, s.bytes !== undefined, s.imageId !== undefined].filter(Boolean).length;
    if (set !== 1) {
      throw new ConnectError(`images[${index}]: give exactly one of path, bytes or imageId`, Code.InvalidArgument);
    }
    const filename = s.filename ?? (s.path !== undefined ? basename(s.path) : `image-${index}`);
    const hints = { filename, modalityHint: s.modality ?? "", bodyPartHint: s.bodyPart ?? "", frameIndex: s.frameIndex };
    if (s.imageId !== undefined) return { ...hints, source: { case: "imageId", value: s.imageId } };
    const size = s.bytes !== undefined ? s.bytes.byteLength : (await stat(s.path!)).size;
    if (size > inlineThreshold) {
      const uploaded = await uploadFile((s.bytes ?? s.path)!, { filename }, call);
      return { ...hints, source: { case: "imageId", value: uploaded.imageId } };
    }
    const content = s.bytes ?? new Uint8Array(await readFile(s.path!));
    return { ...hints, source: { case: "content", value: content } };
  }

  async function* analyze(input: AnalyzeInput, call?: CallOptions): AsyncIterable<AnalysisEvent> {
    const images = await Promise.all(input.images.map((img, i) => toImageInput(img, i, call)));
    const request: MessageInitShape<typeof AnalyzeRequestSchema> = {
      images,
      caseId: input.caseId ?? "",
      clinicalContext: input.clinicalContext,
      options: input.options,
      requestId: input.requestId ?? randomUUID(),
    };
    yield* toEvents(raw.analyze(request, call));
  }

  async function analyzeToResult(input: AnalyzeInput, onProgress?: (e: AnalysisEvent & { type: "progress" }) => void, call?: CallOptions) {
    for await (const event of analyze(input, call)) {
      if (event.type === "progress") onProgress?.(event);
      else return { ...event.result, analysisId: event.analysisId };
    }
    throw new ConnectError("the analysis stream ended without a result", Code.Internal);
  }

  function openChat(reportId: string, call?: CallOptions): ChatSession {
    const requests = new Queue<MessageInitShape<typeof ChatRequestSchema>>();
    const responses = raw.chat(requests, call)[Symbol.asyncIterator]();
    let first = true;
    let busy = false;
    let closed = false;
    // True while a reply's events are still on the stream (its reader stopped early).
    let unfinished = false;
    async function nextEvent(): Promise<ChatResponse["event"]> {
      const next = await responses.next();
      if (next.done) throw new ConnectError("the chat stream ended before the reply was complete", Code.Internal);
      if (next.value.event.case === "message") unfinished = false;
      return next.value.event;
    }
    return {
      async *send(message: string): AsyncIterable<ChatEvent> {
        if (closed) throw new ConnectError("the chat session is closed", Code.FailedPrecondition);
        if (busy) throw new ConnectError("wait for the previous reply before sending again", Code.FailedPrecondition);
        busy = true;
        try {
          while (unfinished) await nextEvent(); // skip the rest of an abandoned reply
          requests.push(first ? { reportId, message } : { reportId: "", message });
          first = false;
          unfinished = true;
          for (;;) {
            const event = await nextEvent();
            if (event.case === "delta") yield { type: "delta", text: event.value.text };
            else if (event.case === "message") {
              yield { type: "message", message: event.value };
              return;
            }
          }
        } finally {
          busy = false;
        }
      },
      async close() {
        if (closed) return;
        closed = true;
        requests.close();
        // Drain so the call ends cleanly (and a server error after half-close still surfaces).
        for (;;) {
          const next = await responses.next();
          if (next.done) return;
        }
      },
    };
  }

  return {
    raw,
    uploadFile,
    analyze,
    analyzeToResult,
    async *watchAnalysis(analysisId, afterSequence = 0, call) {
      yield* toEvents(raw.watchAnalysis({ analysisId, afterSequence: BigInt(afterSequence) }, call));
    },
    async getReport(reportId, call) {
      const res = await raw.getReport({ reportId }, call);
      if (!res.report) throw new ConnectError(`report ${reportId}: the server answered no report`, Code.Internal);
      return res.report;
    },
    listReports: (request = {}, call) => raw.listReports(request, call),
    async *allReports(request = {}, call) {
      let pageToken = "";
      do {
        const page = await raw.listReports({ ...request, pageToken }, call);
        yield* page.reports;
        pageToken = page.nextPageToken;
      } while (pageToken);
    },
    async findSimilar(reportId, request = {}, call) {
      return (await raw.findSimilar({ ...request, reportId }, call)).results;
    },
    async deleteReport(reportId, call) {
      return (await raw.deleteReport({ reportId }, call)).reportId;
    },
    async getHeatmap(reportId, imageIndex = 0, call) {
      const body = await raw.getHeatmap({ reportId, imageIndex }, call);
      return { contentType: body.contentType, data: body.data };
    },
    async exportReport(reportId, format, call) {
      const body = await raw.exportReport({ reportId, format }, call);
      return { contentType: body.contentType, data: body.data };
    },
    async *chat(reportId, message, call) {
      const session = openChat(reportId, call);
      try {
        yield* session.send(message);
      } finally {
        await session.close();
      }
    },
    openChat,
    async sendChatMessage(reportId, message, call) {
      const res = await raw.sendChatMessage({ reportId, message }, call);
      if (!res.reply) throw new ConnectError("the server answered no reply", Code.Internal);
      return res.reply;
    },
    health: (call) => raw.getHealth({}, call),
  };
}

async function* toEvents(
  stream: AsyncIterable<{ analysisId: string; sequence: bigint; event: { case: "progress"; value: AnalysisProgress } | { case: "result"; value: AnalysisResult } | { case: undefined; value?: undefined } }>,
): AsyncIterable<AnalysisEvent> {
  for await (const res of stream) {
    const base = { analysisId: res.analysisId, sequence: Number(res.sequence) };
    if (res.event.case === "progress") yield { type: "progress", ...base, progress: res.event.value };
    else if (res.event.case === "result") yield { type: "result", ...base, result: res.event.value };
  }
}

function checkChunk(bytes: number): number {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > MAX_CHUNK_BYTES) {
    throw new RangeError(`chunkBytes must be 1 to ${MAX_CHUNK_BYTES}, got ${bytes}`);
  }
  return bytes;
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function* readChunks(path: string, chunkBytes: number): AsyncIterable<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes })) {
    const buf = chunk as Buffer;
    yield new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
}

async function* sliceChunks(bytes: Uint8Array, chunkBytes: number): AsyncIterable<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += chunkBytes) {
    yield bytes.subarray(offset, Math.min(offset + chunkBytes, bytes.byteLength));
  }
}

/** An async iterable the caller pushes into: the request side of a bidirectional stream. */
class Queue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private readonly waiting: Array<(r: IteratorResult<T>) => void> = [];
  private closed = false;

  push(item: T): void {
    if (this.closed) throw new Error("queue closed");
    const waiter = this.waiting.shift();
    if (waiter) waiter({ value: item, done: false });
    else this.items.push(item);
  }

  close(): void {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.items.length > 0) return Promise.resolve({ value: this.items.shift()!, done: false });
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => this.waiting.push(resolve));
      },
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
      // Connect aborts a request stream through throw() when the call fails.
      throw: (err?: unknown) => {
        this.close();
        return Promise.reject(err);
      },
    };
  }
}

function caList(ca: string | Uint8Array | Array<string | Uint8Array>): Array<string | Buffer> {
  return (Array.isArray(ca) ? ca : [ca]).map((item) => (typeof item === "string" ? item : Buffer.from(item)));
}
