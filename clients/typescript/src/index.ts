// @medimaging/sdk: the typed wrapper, plus the generated messages and service descriptor.
export * from "./client.js";
export * from "./dicomweb.js";
export { Code, ConnectError } from "@connectrpc/connect";
export type { CallOptions, Interceptor, Transport } from "@connectrpc/connect";
export { ImagingService } from "./gen/medimaging/v1/imaging_service_pb.js";
export * from "./gen/medimaging/v1/analysis_pb.js";
export * from "./gen/medimaging/v1/chat_pb.js";
export * from "./gen/medimaging/v1/health_pb.js";
export * from "./gen/medimaging/v1/report_pb.js";
export * from "./gen/medimaging/v1/upload_pb.js";
