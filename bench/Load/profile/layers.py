#!/usr/bin/env python3
"""Per-layer breakdown of a server profile taken with dotnet-trace (sampled thread time).

  dotnet-trace collect -p PID --profile dotnet-sampled-thread-time --duration 00:00:02:30 -o server.nettrace
  dotnet-trace convert server.nettrace --format Speedscope          # -> server.speedscope.json
  python3 bench/Load/profile/layers.py server.speedscope.json [CPU_MS_PER_ANALYSIS]

Time whose innermost frame is a wait (thread pool idle, Monitor.Wait, semaphores, epoll, Thread.Sleep is *kept*:
it is SQLite's busy handler) is left out; the rest is attributed to the layer of the frame nearest the innermost
one that names a project layer (SQLite called from the job store counts as job store, OpenCV called from a stage
as that stage), else to a library (SQLite, Kestrel, JSON) when no project frame is on the stack. With CPU_MS_PER_ANALYSIS (the load tool's figure) each share is also shown in ms per analysis. The sampler
sees threads that run or block in a system call alike, so blocking I/O (write, fsync) counts as its layer's time.
"""
import json
import re
import sys
from collections import Counter

IDLE = re.compile(r"LowLevelLifoSemaphore|WaitHandle\.Wait|Monitor\.Wait|ManualResetEventSlim\.Wait|SocketAsyncEngine\.EventLoop|"
                  r"Interop\+Sys\.WaitForSocketEvents|Interop\+Sys\.Read\(|FileSystemWatcher|Heartbeat\.TimerLoop|"
                  r"TimerQueue|WaitForSignal|SpinWait|Thread\.Join|Task\.SpinThenBlockingWait|Task\.InternalWait|"
                  r"Program\.<Main>|ReadAllAsync|Channel|Console|WaitOneNoCheck|GC\.RunFinalizers|WaitForPendingFinalizers|<\.ctor>b__4_0")
LAYERS = [
    ("job store (SQLite jobs.db)", r"SqliteJobStore|SqliteJobWriter"),
    ("event feed (watchers)", r"AnalysisFeed|JobSignals"),
    # Middleware and interceptors sit on every request's stack: only their own work counts, not what runs under them.
    ("audit", r"AuditLog|AuditCallRecorder|AuditRecordJson"),
    ("telemetry", r"OpenTelemetry|MedicalImagingTelemetry|AnalysisMetrics|Diagnostics\.Metrics|ActivitySource|Diagnostics\.Activity"),
    ("logging", r"Extensions\.Logging|RedactingLogger|SecretRedactor|JsonConsoleFormatter"),
    ("auth", r"JwtBearerHandler|IdentityModel|JsonWebToken|CallerIdentity|JwtTokenChecks"),
    ("admission + rate limit", r"AnalysisAdmission|UserRateLimiter"),
    ("stage decode", r"DecodeStage|RasterImageDecoder|DicomImageDecoder"),
    ("stage deidentify", r"DeidentifyStage|Privacy\.|PhiDetector|EgressGuard"),
    ("stage preprocess", r"PreprocessStage|ModalityPreprocessor"),
    ("stage quantitative + heatmap", r"QuantitativeStage|QuantitativeAnalyzer|Heatmap|AnomalyMap|QualityAssessment|HottestRegion"),
    ("stage vision (local)", r"VisionStage|Providers\.|LocalVision|ProviderChain"),
    ("stage literature", r"LiteratureStage"),
    ("stage report", r"ReportStage|TemplateReportWriter|ReportTextFormatter"),
    ("stage embed", r"EmbedStage|Embedder|VectorIndex"),
    ("stage store (reports DB)", r"StoreStage|SqliteReportRepository"),
    ("image store (inline image to disk)", r"FileImageStore|FileImageUpload"),
    ("request preparation + runner", r"AnalysisPreparer|AnalysisIntake|AnalysisJobs|AnalysisRunner|AnalysisPipeline|ProgressReporter"),
    ("API mapping", r"AnalysisMapper|ReportMapper|ImagingGrpcService"),
]
# Libraries: a sample goes here only when no frame of the stack names one of the project's layers above.
GENERIC = [
    ("imaging (other)", r"MedicalImaging\.Imaging|OpenCvSharp|PngEncoding|Deflate|Crc32"),
    ("REST JSON transcoding", r"JsonTranscoding|Grpc\.Shared|JsonConverter|ByteStringConverter|MessageTypeInfoResolver"),
    ("JSON (System.Text.Json)", r"System\.Text\.Json|Utf8Json|JsonSerializer|JsonReaderHelper"),
    ("SQLite (other)", r"Sqlite"),
    ("gRPC + HTTP (Kestrel, sockets)", r"Grpc\.|Kestrel|Sockets|Http2|Http1|HttpProtocol|AspNetCore|PipeWriter|Pipe\."),
    ("GC + finalizers", r"GC\.|SafeHandle\.Finalize|ReleaseHandle"),
]
COMPILED = [[(name, re.compile(pattern)) for name, pattern in layers] for layers in (LAYERS, GENERIC)]


PSEUDO = ("UNMANAGED_CODE_TIME", "CPU_TIME", "?!?")


def classify(names, stack):
    # The sampler's innermost frame is a pseudo-frame (managed code running, or native code: running or blocked);
    # the frame under it says whether the thread was waiting.
    managed = [i for i in stack if names[i] not in PSEUDO]
    if not managed or IDLE.search(names[managed[-1]]):
        return None
    for layers in COMPILED:
        for index in reversed(managed):
            for name, pattern in layers:
                if pattern.search(names[index]):
                    return name
    return "other (runtime, thread pool, unresolved)"


def main():
    data = json.load(open(sys.argv[1]))
    cpu_ms = float(sys.argv[2]) if len(sys.argv) > 2 else None
    names = [f["name"] for f in data["shared"]["frames"]]
    totals = Counter()
    for profile in data["profiles"]:
        stack, last = [], None
        for event in profile.get("events", []):
            at = event["at"]
            if last is not None and stack:
                layer = classify(names, stack)
                if layer:
                    totals[layer] += at - last
            last = at
            if event["type"] == "O":
                stack.append(event["frame"])
            elif stack:
                stack.pop()
    busy = sum(totals.values())
    print(f"| Layer | Share of busy thread time |{' ≈ ms/analysis |' if cpu_ms else ''}")
    print(f"|---|---:|{'---:|' if cpu_ms else ''}")
    for name, value in totals.most_common():
        row = f"| {name} | {100 * value / busy:.1f} % |"
        if cpu_ms:
            row += f" {cpu_ms * value / busy:.1f} |"
        print(row)


if __name__ == "__main__":
    main()
