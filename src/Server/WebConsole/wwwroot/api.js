// The REST face of ImagingService (gRPC JSON transcoding), as the browser calls it.
// Every call sends "authorization: Bearer <token>" once signed in; health also answers without one (status only).

const BASE = '/api/v1/medical-imaging';

// gRPC status codes that can come back as a last NDJSON line of a stream (HTTP 200).
const GRPC_TO_HTTP = { 3: 400, 5: 404, 7: 403, 8: 429, 12: 501, 14: 503, 16: 401 };

/** An API failure with a message fit to show to people. */
export class ApiError extends Error {
  constructor(status, message, serverMessage = '', retryAfterSeconds = 0) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.serverMessage = serverMessage;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static describe(status, serverMessage, retryAfterSeconds = 0) {
    switch (status) {
      case 401: return 'Token rejected: the server did not accept this token (missing, malformed, expired or signed with another key). Sign in again.';
      case 400: return serverMessage || 'The server rejected the request as invalid.';
      case 403: return `Not allowed: ${serverMessage || 'this token may not do that.'}`;
      case 404: return `Not found: ${serverMessage || 'no such report for this user.'}`;
      case 413: return 'The file is too large for this server (MAX_IMAGE_SIZE_MB).';
      case 429: return `Rate limited: ${serverMessage || 'too many requests.'}${retryHint(serverMessage, retryAfterSeconds)}`;
      case 501: return `Not implemented: ${serverMessage}`;
      case 503: return `Service unavailable: ${serverMessage || 'no provider could answer.'}`;
      case 0: return `Cannot reach the server: ${serverMessage}`;
      default: return `Server error ${status}${serverMessage ? `: ${serverMessage}` : ''}`;
    }
  }

  static async fromResponse(response) {
    let serverMessage = '';
    let retryAfterSeconds = 0;
    try {
      const text = await response.text();
      if (text) {
        try {
          const status = JSON.parse(text);
          serverMessage = status.message ?? text;
          retryAfterSeconds = retryDelaySeconds(status.details);
        } catch {
          serverMessage = text.slice(0, 300);
        }
      }
    } catch {
      // The body is not needed to say what went wrong.
    }
    return new ApiError(response.status, ApiError.describe(response.status, serverMessage, retryAfterSeconds), serverMessage, retryAfterSeconds);
  }

  static fromGrpc(code, serverMessage, details = []) {
    const status = GRPC_TO_HTTP[code] ?? 500;
    const retryAfterSeconds = retryDelaySeconds(details);
    return new ApiError(status, ApiError.describe(status, serverMessage, retryAfterSeconds), serverMessage, retryAfterSeconds);
  }
}

/** The google.rpc.RetryInfo delay of a transcoded error ("10s", "1.5s"), in seconds; 0 when there is none. */
function retryDelaySeconds(details) {
  const info = Array.isArray(details) ? details.find(d => String(d?.['@type'] ?? '').endsWith('google.rpc.RetryInfo')) : null;
  const seconds = parseFloat(String(info?.retryDelay ?? ''));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 0;
}

/** What to add to a 429 message: the server's own "Retry in N s." is enough; otherwise its RetryInfo, or a minute. */
function retryHint(serverMessage, retryAfterSeconds) {
  if (/retry in/i.test(serverMessage)) return '';
  return retryAfterSeconds ? ` Retry in ${retryAfterSeconds} s.` : ' Wait a minute and try again.';
}

export class ImagingApi {
  constructor(token = '') {
    this.token = token;
  }

  headers(extra = {}) {
    return this.token ? { authorization: `Bearer ${this.token}`, ...extra } : { ...extra };
  }

  async send(path, init = {}) {
    let response;
    try {
      response = await fetch(BASE + path, { ...init, headers: this.headers(init.headers) });
    } catch (e) {
      throw new ApiError(0, ApiError.describe(0, e.message), e.message);
    }
    if (!response.ok) {
      throw await ApiError.fromResponse(response);
    }
    return response;
  }

  async json(path) {
    return (await this.send(path)).json();
  }

  health() {
    return this.json('/health');
  }

  listReports(pageSize = 20, pageToken = '') {
    const query = new URLSearchParams({ pageSize: String(pageSize) });
    if (pageToken) query.set('pageToken', pageToken);
    return this.json(`/reports?${query}`);
  }

  getReport(reportId) {
    return this.json(`/report/${encodeURIComponent(reportId)}`);
  }

  findSimilar(reportId, limit = 5) {
    return this.json(`/similar/${encodeURIComponent(reportId)}?limit=${limit}`);
  }

  /**
   * Asks one question about a report (SendChatMessage, unary) and answers the reply
   * ({id, role, content, citedPmids, findingIds, provider, createdAt}). The server keeps the
   * conversation per report and user and gives the model its recent turns, so no history is sent.
   */
  async sendChat(reportId, message) {
    const response = await this.send(`/chat/${encodeURIComponent(reportId)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message }),
    });
    return (await response.json()).reply;
  }

  /** The heatmap PNG of one image of a report, as a Blob. */
  async heatmap(reportId, imageIndex) {
    return (await this.send(`/report/${encodeURIComponent(reportId)}/heatmaps/${imageIndex}`)).blob();
  }

  /**
   * Starts an analysis and yields its events ({analysisId, sequence, progress} ..., then {result}).
   * Should the stream break after the analysis was accepted, it re-attaches through
   * WatchAnalysis (GET .../analyses/{id}/events?afterSequence=N) and goes on without gaps.
   */
  async *analyze(request, { signal } = {}) {
    const response = await this.send('/analyze', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal,
    });
    let analysisId = '';
    let last = 0;
    try {
      for await (const event of readNdjson(response)) {
        analysisId = event.analysisId || analysisId;
        last = Number(event.sequence ?? last);
        yield event;
        if (event.result) return;
      }
    } catch (e) {
      if (!analysisId || e instanceof ApiError || signal?.aborted) throw e;
    }
    if (!analysisId) throw new ApiError(500, 'The analysis stream ended before it started.');
    // The stream ended without a result: follow the analysis from where it stopped.
    const watch = await this.send(`/analyses/${encodeURIComponent(analysisId)}/events?afterSequence=${last}`, { signal });
    for await (const event of readNdjson(watch)) {
      yield event;
      if (event.result) return;
    }
    throw new ApiError(500, 'The analysis ended without a result.');
  }
}

/** Parses a transcoded server stream: one JSON object a line; a line with "code" is a failure. */
async function* readNdjson(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffered += value;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) yield parseEvent(line);
    }
    if (done) break;
  }
  if (buffered.trim()) yield parseEvent(buffered.trim());
}

function parseEvent(line) {
  const event = JSON.parse(line);
  if (event.code !== undefined && !event.analysisId) {
    throw ApiError.fromGrpc(event.code, event.message ?? '', event.details);
  }
  return event;
}

/** Reads a File as standard padded base64 (what JSON transcoding expects for bytes). */
export function fileToBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}
