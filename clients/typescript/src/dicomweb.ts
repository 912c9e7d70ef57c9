// DICOMweb (PS3.18) on the server's REST port: STOW-RS store, QIDO-RS search, WADO-RS metadata and rendered.
// Plain fetch (Node >= 20); the token is the same bearer token the gRPC client uses.
import { randomUUID } from "node:crypto";

/** One attribute of the DICOM JSON model (PS3.18 F.2): its VR and values. */
export interface DicomAttribute {
  vr: string;
  Value?: unknown[];
  InlineBinary?: string;
}

/** A dataset in the DICOM JSON model, keyed by the tag's eight hex digits (e.g. "0020000D"). */
export type DicomJson = Record<string, DicomAttribute>;

export interface DicomWebClientOptions {
  /** The REST base URL, e.g. http://127.0.0.1:8000 (the `/dicomweb` prefix is added). */
  baseUrl: string;
  /** A fixed bearer token. */
  token?: string;
  /** Called before every request for a fresh token (takes precedence over `token`). */
  getToken?: () => string | Promise<string>;
}

/** What the server did with one instance of a STOW-RS request. */
export interface StoredInstance {
  sopClassUid: string;
  sopInstanceUid: string;
  /** Where to retrieve it (stored instances). */
  retrieveUrl?: string;
  /** Failure Reason (0008,1197), e.g. 0xC000, 0xA900, 0x0111 (failed instances). */
  failureReason?: number;
  /** The server's sentence saying why (Error Comment). */
  comment?: string;
}

export interface StoreResult {
  /** 200 all stored, 202 some failed, 409 none stored. */
  status: number;
  stored: StoredInstance[];
  failed: StoredInstance[];
  /** The raw dicom+json response. */
  response: DicomJson;
}

/** QIDO-RS query parameters: matching keys by keyword or tag, plus limit, offset, includefield. */
export type QidoParams = Record<string, string | number | string[]>;

export interface RenderedOptions {
  /** 1-based frame; default 1. */
  frame?: number;
  /** `center,width[,linear]` or a preset name (lung, bone, brain, ...). */
  window?: string;
  /** image/jpeg (default) or image/png. */
  accept?: "image/jpeg" | "image/png";
  /** JPEG quality 1..100. */
  quality?: number;
}

export interface DicomWebClient {
  /** STOW-RS: stores Part 10 files in one multipart/related request (optionally into `study`). */
  store(files: Uint8Array[], study?: string): Promise<StoreResult>;
  searchStudies(params?: QidoParams): Promise<DicomJson[]>;
  searchSeries(study?: string, params?: QidoParams): Promise<DicomJson[]>;
  searchInstances(study?: string, series?: string, params?: QidoParams): Promise<DicomJson[]>;
  /** WADO-RS metadata of a study, series or instance. */
  retrieveMetadata(study: string, series?: string, sop?: string): Promise<DicomJson[]>;
  /** WADO-RS rendered image of an instance (frame). */
  retrieveRendered(study: string, series: string, sop: string, options?: RenderedOptions): Promise<Uint8Array>;
}

/** An HTTP error of a DICOMweb call: the status and the server's message (problem+json `detail`). */
export class DicomWebError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "DicomWebError";
  }
}

/** The first value of an attribute: a string, a number, or a person name's Alphabetic group. */
export function dicomValue(dataset: DicomJson, tag: string): string | number | undefined {
  const value = dataset[tag]?.Value?.[0];
  if (value && typeof value === "object" && "Alphabetic" in value) return String((value as { Alphabetic: unknown }).Alphabetic);
  return value as string | number | undefined;
}

export function createDicomWebClient(options: DicomWebClientOptions): DicomWebClient {
  const root = options.baseUrl.replace(/\/+$/, "") + "/dicomweb";

  async function headers(extra: Record<string, string>): Promise<Record<string, string>> {
    const token = options.getToken ? await options.getToken() : options.token;
    return token ? { ...extra, authorization: `Bearer ${token}` } : extra;
  }

  async function fail(response: Response): Promise<never> {
    const text = await response.text();
    let message = text;
    try {
      message = (JSON.parse(text) as { detail?: string }).detail ?? text;
    } catch {
      // not JSON: keep the text
    }
    throw new DicomWebError(response.status, `DICOMweb ${response.status}: ${message}`);
  }

  async function getJson(path: string, params?: QidoParams): Promise<DicomJson[]> {
    const url = new URL(root + path);
    for (const [key, value] of Object.entries(params ?? {})) {
      url.searchParams.set(key, Array.isArray(value) ? value.join(",") : String(value));
    }
    const response = await fetch(url, { headers: await headers({ accept: "application/dicom+json" }) });
    if (!response.ok) return fail(response);
    return (await response.json()) as DicomJson[];
  }

  function instances(response: DicomJson, tag: string): StoredInstance[] {
    return ((response[tag]?.Value ?? []) as DicomJson[]).map((item) => ({
      sopClassUid: String(dicomValue(item, "00081150") ?? ""),
      sopInstanceUid: String(dicomValue(item, "00081155") ?? ""),
      retrieveUrl: dicomValue(item, "00081190") as string | undefined,
      failureReason: dicomValue(item, "00081197") as number | undefined,
      comment: dicomValue(item, "00000902") as string | undefined,
    }));
  }

  return {
    async store(files, study) {
      const boundary = `medimg-${randomUUID()}`;
      const parts: Uint8Array[] = [];
      for (const file of files) {
        parts.push(Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), file, Buffer.from("\r\n"));
      }
      parts.push(Buffer.from(`--${boundary}--\r\n`));
      const response = await fetch(root + "/studies" + (study ? `/${study}` : ""), {
        method: "POST",
        headers: await headers({
          "content-type": `multipart/related; type="application/dicom"; boundary=${boundary}`,
          accept: "application/dicom+json",
        }),
        body: Buffer.concat(parts),
      });
      if (![200, 202, 409].includes(response.status)) return fail(response);
      const json = (await response.json()) as DicomJson;
      return { status: response.status, stored: instances(json, "00081199"), failed: instances(json, "00081198"), response: json };
    },
    searchStudies: (params) => getJson("/studies", params),
    searchSeries: (study, params) => getJson(study ? `/studies/${study}/series` : "/series", params),
    searchInstances: (study, series, params) =>
      getJson(study ? (series ? `/studies/${study}/series/${series}/instances` : `/studies/${study}/instances`) : "/instances", params),
    retrieveMetadata: (study, series, sop) =>
      getJson(`/studies/${study}` + (series ? `/series/${series}` : "") + (sop ? `/instances/${sop}` : "") + "/metadata"),
    async retrieveRendered(study, series, sop, rendered = {}) {
      const url = new URL(`${root}/studies/${study}/series/${series}/instances/${sop}/frames/${rendered.frame ?? 1}/rendered`);
      if (rendered.window) url.searchParams.set("window", rendered.window);
      if (rendered.quality) url.searchParams.set("quality", String(rendered.quality));
      const response = await fetch(url, { headers: await headers({ accept: rendered.accept ?? "image/jpeg" }) });
      if (!response.ok) return fail(response);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}
