// Analyse an image with live progress, print the report, then ask one question about it.
//   npm run build && MEDIMG_TOKEN=$(medimg auth token --user me) \
//     node dist/examples/analyze.js ../../samples/chest-phantom.png CR CHEST
import { AnalysisStage, ConnectError, Code, createImagingClient } from "../src/index.js";

const [path = "../../samples/chest-phantom.png", modality = "CR", bodyPart = "CHEST"] = process.argv.slice(2);
const client = createImagingClient({
  baseUrl: process.env.MEDIMG_URL ?? "http://127.0.0.1:8001",
  getToken: () => process.env.MEDIMG_TOKEN ?? "",
});

try {
  let reportId = "";
  for await (const event of client.analyze({ images: [{ path, modality, bodyPart }], caseId: "example" })) {
    if (event.type === "progress") {
      const p = event.progress;
      console.log(`[${event.analysisId}] ${String(p.percent).padStart(3)}% ${AnalysisStage[p.stage]}: ${p.message}`);
    } else {
      const report = event.result.report!;
      reportId = report.id;
      console.log(`\n${report.reportText}\n`);
      console.log(`report ${report.id}${event.result.cached ? " (cached)" : ""}${event.result.degraded ? " (local provider)" : ""}`);
    }
  }

  for await (const piece of client.chat(reportId, "What is the most important finding?")) {
    if (piece.type === "delta") process.stdout.write(piece.text);
    else console.log(`\n(cites findings: ${piece.message.findingIds.join(", ") || "none"})`);
  }

  const heatmap = await client.getHeatmap(reportId, 0);
  console.log(`heatmap: ${heatmap.contentType}, ${heatmap.data.byteLength} bytes`);
} catch (err) {
  if (err instanceof ConnectError) {
    console.error(`${Code[err.code]}: ${err.rawMessage}`);
    process.exit(err.code === Code.Unauthenticated ? 4 : 1);
  }
  throw err;
}
