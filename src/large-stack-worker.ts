// The worker thread of large-stack.ts: one conversion, its answer posted back.
import { parentPort, workerData } from "node:worker_threads";
import { DiagnosticError } from "./frontend/ast.js";
import { type LargeStackJob, type LargeStackReply, remoteResolver } from "./large-stack.js";
import { transpile, type TranspileOptions } from "./transpile.js";

const job = workerData as LargeStackJob;
const { module, ...rest } = job.options;
const options: TranspileOptions = { ...rest };
if (module) options.module = { ...module, modules: module.modules ?? remoteResolver(job.resolver!) };
let reply: LargeStackReply;
try {
  reply = { kind: "result", result: await transpile(job.source, options) };
} catch (e) {
  if (e instanceof DiagnosticError) reply = { kind: "diagnostics", diagnostics: e.diagnostics };
  else reply = { kind: "internal", stack: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}
parentPort!.postMessage(reply);
