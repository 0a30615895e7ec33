// The helper thread that performs HTTP(S) requests for the synchronous clients (urlopen,
// http.client's HTTPSConnection): the caller blocks in Atomics.wait until the helper has the
// whole response, or (in a green thread) waits for the reply as a promise while others run.

import type { MessagePort, Worker } from "node:worker_threads";
import { deferredExtraCaCerts, nodeModule } from "../core/host.js";
import { noteBlocked } from "../core/effort-clock.js";
import type { Bytes } from "../values/bytes.js";
import { WORKER_SOURCE } from "./urllib-worker.js";

/** What to ask the helper: one exchange, following redirects as urlopen does unless `follow` is false. */
export interface HelperJob {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Bytes | null;
  timeoutMs: number | null;
  follow: boolean;
}

/** The helper thread's answer: the response (its whole body received) or the error. */
export type WorkerReply =
  | { kind: "response"; url: string; status: number; reason: string; version: number; rawHeaders: string[]; body: Uint8Array; tooManyRedirects: boolean }
  | { kind: "error"; code: string; message: string };

/**
 * The helper thread, with the port and flag of blocking requests: made once with it, as a
 * channel per request cost more than the rest of the request's own work on this side.
 */
let helper: { worker: Worker; replyPort: MessagePort; flag: Int32Array } | null = null;

function helperThread(): { worker: Worker; replyPort: MessagePort; flag: Int32Array } {
  if (helper === null) {
    const { Worker, MessageChannel } = nodeModule("node:worker_threads");
    const { port1, port2 } = new MessageChannel();
    const flag = new SharedArrayBuffer(4);
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { replyPort: port2, flag, extraCaCerts: deferredExtraCaCerts() }, transferList: [port2] });
    // The idle helper must not keep the process alive (nor its port, read only by receiveMessageOnPort).
    worker.unref();
    port1.unref();
    const started = { worker, replyPort: port1, flag: new Int32Array(flag) };
    worker.on("exit", () => {
      if (helper === started) helper = null;
    });
    helper = started;
  }
  return helper;
}

/** Runs one request on the helper thread and blocks this thread until it has finished. */
export function blockingRequest(request: HelperJob): WorkerReply {
  const { receiveMessageOnPort } = nodeModule("node:worker_threads");
  const { worker, replyPort, flag } = helperThread();
  const job = { ...request, body: request.body === null ? null : new Uint8Array(request.body), port: null };
  Atomics.store(flag, 0, 0);
  worker.postMessage(job);
  const start = performance.now();
  while (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0);
  noteBlocked((performance.now() - start) / 1000);
  const received = receiveMessageOnPort(replyPort);
  if (received === undefined) return { kind: "error", code: "", message: "no reply from the HTTP helper thread" };
  return received.message as WorkerReply;
}

/** Runs one request on the helper thread; the promise settles with its reply (nothing blocks). */
export function requestInBackground(request: HelperJob): Promise<WorkerReply> {
  const { MessageChannel } = nodeModule("node:worker_threads");
  const { port1, port2 } = new MessageChannel();
  const flag = new SharedArrayBuffer(4);
  const job = { ...request, body: request.body === null ? null : new Uint8Array(request.body), port: port2, flag };
  return new Promise<WorkerReply>((resolve) => {
    port1.once("message", (message: WorkerReply) => {
      port1.close();
      resolve(message);
    });
    helperThread().worker.postMessage(job, [port2]);
  });
}

