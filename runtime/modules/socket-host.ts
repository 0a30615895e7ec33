// The program's side of the socket helper thread (socket-worker.ts). A command either returns
// at once (bind, connect, ...: the helper answers in a moment, the caller blocks in
// Atomics.wait meanwhile) or may wait for a peer (accept, recv, select). A waiting command is a
// thread switch once green threads run (DESIGN.md §7: the lowering awaits the call and the
// others run meanwhile); in a program without threads it blocks, as CPython's call does.
//
// Operations made of several commands (sendall after connect, a file's readline) are
// generators yielding their commands: `drive` runs one synchronously or as a Suspension.

import type { Worker } from "node:worker_threads";
import { noteBlocked } from "../core/effort-clock.js";
import { nodeModule } from "../core/host.js";
import {
  BlockingIOError, BrokenPipeError, ConnectionAbortedError, ConnectionRefusedError, ConnectionResetError, OSError, TimeoutError,
} from "../values/exceptions.js";
import { greenThreadsRun, Suspension } from "../threads/scheduler.js";
import { gaierror } from "../asyncio/addrinfo.js";
import { SOCKET_WORKER_SOURCE } from "./socket-worker.js";

export interface Job {
  op: string;
  id: number;
  [field: string]: unknown;
}

export interface Reply {
  error?: string;
  message?: string;
  data?: Uint8Array;
  local?: [string, number] | null;
  peer?: [string, number] | null;
  from?: [string, number] | null;
  read?: number[];
  write?: number[];
  /** a child's process id (spawn) and exit status (pwait: the code, or -signal) */
  pid?: number;
  code?: number;
}

let helper: Worker | null = null;
/** Commands sent and not answered: while any waits, the helper keeps the process alive. */
let waiting = 0;

function helperThread(): Worker {
  if (helper === null) {
    helper = new (nodeModule("node:worker_threads").Worker)(SOCKET_WORKER_SOURCE, { eval: true });
    helper.unref();
    // A fault of the helper ends its sockets, not the program (calls waiting get no answer).
    helper.on("error", () => undefined);
    helper.on("exit", () => {
      helper = null;
    });
  }
  return helper;
}

/** Sends a command that needs no answer (send, close): the helper runs them in order. */
export function post(job: Job): void {
  helperThread().postMessage(job);
}

/** Runs one command, blocking this thread until the helper has answered. */
export function call(job: Job): Reply {
  const { MessageChannel, receiveMessageOnPort } = nodeModule("node:worker_threads");
  const { port1, port2 } = new MessageChannel();
  const flag = new SharedArrayBuffer(4);
  helperThread().postMessage({ ...job, replyPort: port2, flag }, [port2]);
  const cell = new Int32Array(flag);
  const start = performance.now();
  while (Atomics.load(cell, 0) === 0) Atomics.wait(cell, 0, 0);
  const blocked = (performance.now() - start) / 1000;
  if (blocked > 0.001) noteBlocked(blocked);
  const received = receiveMessageOnPort(port1);
  port1.close();
  return (received?.message as Reply | undefined) ?? { error: "EIO", message: "no reply from the socket helper thread" };
}

/**
 * Runs one command; the promise settles with the answer (this thread goes on meanwhile).
 * `release` gets a function that stops the wait from keeping the process alive.
 */
export function callLater(job: Job, daemon = false, release?: (unref: () => void, ref: () => void) => void): Promise<Reply> {
  const { MessageChannel } = nodeModule("node:worker_threads");
  const { port1, port2 } = new MessageChannel();
  const flag = new SharedArrayBuffer(4);
  waiting++;
  return new Promise<Reply>((resolve) => {
    port1.once("message", (message: Reply) => {
      waiting--;
      port1.close();
      resolve(message);
    });
    if (daemon) port1.unref();
    release?.(() => port1.unref(), () => port1.ref());
    helperThread().postMessage({ ...job, replyPort: port2, flag }, [port2]);
  });
}

export type Steps<T> = Generator<Job, T, Reply>;

/**
 * Runs an operation's commands: at once, blocking (no green thread runs), or as a Suspension
 * the lowering awaits, so that the other threads run while it waits. Typed as the value (the
 * awaited call gives it), as time.sleep's Suspension is.
 */
export function drive<T>(steps: Steps<T>): T {
  if (!greenThreadsRun()) {
    let next = steps.next();
    while (!next.done) next = steps.next(call(next.value));
    return next.value;
  }
  return new Suspension<T>((wake, fail) => {
    const run = async (): Promise<T> => {
      let next = steps.next();
      while (!next.done) next = steps.next(await callLater(next.value));
      return next.value;
    };
    run().then(wake, fail);
  }) as unknown as T;
}

/** The OSError CPython raises for a failed socket call (Linux's errno numbers and texts). */
export function socketError(code: string, message = code): OSError {
  switch (code) {
    case "ECONNREFUSED": return new ConnectionRefusedError(111n, "Connection refused");
    case "ECONNRESET": return new ConnectionResetError(104n, "Connection reset by peer");
    case "ECONNABORTED": return new ConnectionAbortedError(103n, "Software caused connection abort");
    case "EPIPE": return new BrokenPipeError(32n, "Broken pipe");
    case "EAGAIN": return new BlockingIOError(11n, "Resource temporarily unavailable");
    case "EINPROGRESS": return new BlockingIOError(115n, "Operation now in progress");
    case "EADDRINUSE": return new OSError(98n, "Address already in use");
    case "EADDRNOTAVAIL": return new OSError(99n, "Cannot assign requested address");
    case "EACCES": return new OSError(13n, "Permission denied");
    case "ENOTCONN": return new OSError(107n, "Transport endpoint is not connected");
    case "EISCONN": return new OSError(106n, "Transport endpoint is already connected");
    case "EBADF": return new OSError(9n, "Bad file descriptor");
    case "EINVAL": return new OSError(22n, "Invalid argument");
    case "EHOSTUNREACH": return new OSError(113n, "No route to host");
    case "ENETUNREACH": return new OSError(101n, "Network is unreachable");
    case "ETIMEDOUT": return new TimeoutError(110n, "Connection timed out");
    case "ENOTFOUND":
    case "EAI_NONAME": return new gaierror(-2n, "Name or service not known");
    case "EAI_AGAIN": return new gaierror(-3n, "Temporary failure in name resolution");
    case "PYTS_TIMEOUT": return new TimeoutError("timed out");
    default: return new OSError(message);
  }
}

/** The reply, or its error raised. */
export function checked(reply: Reply): Reply {
  if (reply.error !== undefined) throw socketError(reply.error, reply.message);
  return reply;
}

/** Are commands waiting for an answer (for tests of the helper's lifetime)? */
export function commandsWaiting(): number {
  return waiting;
}
