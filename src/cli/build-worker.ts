// A worker thread of `pyts build`: converts the files it is sent and posts back each result
// (or its diagnostics). Writing stays with the main thread, which reports in input order.
import { parentPort } from "node:worker_threads";
import { ConversionFailed, convertFile, type ConvertOptions } from "./convert.js";
import type { TranspileResult } from "../transpile.js";

export interface ConvertJob {
  id: number;
  file: string;
  options: Omit<ConvertOptions, "warnings">;
}

export type ConvertReply =
  | { id: number; kind: "converted"; result: TranspileResult; warnings: string }
  | { id: number; kind: "failed"; report: string; diagnostics: ConversionFailed["diagnostics"] }
  | { id: number; kind: "crashed"; message: string };

parentPort?.on("message", async (job: ConvertJob) => {
  let warnings = "";
  let reply: ConvertReply;
  try {
    const result = await convertFile(job.file, { ...job.options, warnings: (text) => (warnings += text) });
    reply = { id: job.id, kind: "converted", result, warnings };
  } catch (error) {
    reply =
      error instanceof ConversionFailed
        ? { id: job.id, kind: "failed", report: error.report, diagnostics: error.diagnostics }
        : { id: job.id, kind: "crashed", message: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
