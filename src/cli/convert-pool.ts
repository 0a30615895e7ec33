// Converting many files: in this thread for a few, across worker threads (one per core) for a
// large tree. Each result reaches `done` with the index of its job, in whatever order they finish.
import os from "node:os";
import { Worker } from "node:worker_threads";
import { ConversionFailed, convertFile } from "./convert.js";
import type { ConvertJob, ConvertReply } from "./build-worker.js";

/** Below this many files, starting workers (each loads the compiler) costs more than it saves. */
const PARALLEL_FROM = 24;

export type JobInput = Omit<ConvertJob, "id">;

async function convertHere(job: ConvertJob): Promise<ConvertReply> {
  let warnings = "";
  try {
    const result = await convertFile(job.file, { ...job.options, warnings: (text) => (warnings += text) });
    return { id: job.id, kind: "converted", result, warnings };
  } catch (error) {
    if (error instanceof ConversionFailed) return { id: job.id, kind: "failed", report: error.report, diagnostics: error.diagnostics };
    throw error;
  }
}

export async function convertAll(inputs: JobInput[], done: (reply: ConvertReply) => void): Promise<void> {
  const jobs = inputs.map((input, id) => ({ ...input, id }));
  const workerCount = Math.min(os.availableParallelism(), Math.ceil(jobs.length / 8));
  if (jobs.length < PARALLEL_FROM || workerCount < 2) {
    for (const job of jobs) done(await convertHere(job));
    return;
  }
  let next = 0;
  const workers = Array.from({ length: workerCount }, () => new Worker(new URL("./build-worker.js", import.meta.url)));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = (): void => {
              if (next >= jobs.length) return resolve();
              worker.postMessage(jobs[next++]!);
            };
            worker.on("message", (reply: ConvertReply) => {
              done(reply);
              feed();
            });
            worker.on("error", reject);
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
