// What the runtime needs from its host. Under Node.js that is the process and Node's built-in
// modules, loaded when first used (process.getBuiltinModule) rather than imported statically:
// a bundle of a program that never touches files, sockets or workers then loads nothing of
// Node's and runs in a browser, where output goes to the console line by line.

/** The Node built-ins the runtime uses (types only: nothing is imported). */
interface BuiltIns {
  "node:fs": typeof import("node:fs");
  "node:path": typeof import("node:path");
  "node:os": typeof import("node:os");
  "node:crypto": typeof import("node:crypto");
  "node:buffer": typeof import("node:buffer");
  "node:http": typeof import("node:http");
  "node:https": typeof import("node:https");
  "node:tls": typeof import("node:tls");
  "node:worker_threads": typeof import("node:worker_threads");
  "node:module": typeof import("node:module");
  "node:url": typeof import("node:url");
  "node:net": typeof import("node:net");
  "node:dgram": typeof import("node:dgram");
  "node:dns": typeof import("node:dns");
  "node:child_process": typeof import("node:child_process");
  "node:async_hooks": typeof import("node:async_hooks");
  "node:zlib": typeof import("node:zlib");
  "node:v8": typeof import("node:v8");
  "node:vm": typeof import("node:vm");
  "node:stream": typeof import("node:stream");
}

/** Node's `process`, or undefined on another host. */
export function nodeProcess(): NodeJS.Process | undefined {
  const candidate = (globalThis as { process?: NodeJS.Process }).process;
  return candidate !== undefined && typeof candidate.getBuiltinModule === "function" ? candidate : undefined;
}

/** A Node built-in module, loaded on first use; a clear error on a host without Node. */
export function nodeModule<ID extends keyof BuiltIns>(id: ID): BuiltIns[ID] {
  const process = nodeProcess();
  if (process === undefined) throw new Error(`${id} is needed here and exists only under Node.js`);
  return process.getBuiltinModule(id) as BuiltIns[ID];
}

/**
 * The certificates file of NODE_EXTRA_CA_CERTS when Node started without it: the `pyts`
 * command's launcher passes it on, as Node 20 parses it at every start, and main.js records
 * it here. Undefined when Node loaded it itself (or there is none).
 */
export function deferredExtraCaCerts(): string | undefined {
  return (globalThis as Record<symbol, string | undefined>)[Symbol.for("pyts.extraCaCerts")];
}

/** The secure context of deferredExtraCaCerts, made at the first TLS connection. */
let trustedContext: import("node:tls").SecureContext | undefined;

/**
 * The options a TLS client connection the runtime makes needs to trust what Node trusts
 * when it loads NODE_EXTRA_CA_CERTS at start (its bundled roots and the file's certificates):
 * nothing more where Node did load it.
 */
export function tlsTrustOptions(): { secureContext?: import("node:tls").SecureContext } {
  const file = deferredExtraCaCerts();
  if (file === undefined) return {};
  if (trustedContext === undefined) {
    const tls = nodeModule("node:tls");
    let extra: string[] = [];
    try {
      extra = [nodeModule("node:fs").readFileSync(file, "latin1")];
    } catch {
      // unreadable since the start: Node too would trust its own roots only
    }
    trustedContext = tls.createSecureContext({ ca: [...tls.rootCertificates, ...extra] });
  }
  return { secureContext: trustedContext };
}

const encoder = new TextEncoder();
/** Text written on a host without file descriptors, waiting for its line's end. */
const pendingLines = new Map<number, string>();

/** Writes all of `text` (as UTF-8) or of the encoded bytes to file descriptor 1 or 2, synchronously. */
export function writeFd(fd: number, text: string | Uint8Array): void {
  if (nodeProcess() === undefined) return writeConsole(fd, typeof text === "string" ? text : new TextDecoder().decode(text));
  const { writeSync } = nodeModule("node:fs");
  const data = typeof text === "string" ? encoder.encode(text) : text;
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += writeSync(fd, data, offset, data.length - offset);
    } catch (e) {
      // a non-blocking pipe that is full: try again
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
    }
  }
}

function writeConsole(fd: number, text: string): void {
  const lines = ((pendingLines.get(fd) ?? "") + text).split("\n");
  pendingLines.set(fd, lines.pop()!);
  for (const line of lines) (fd === 2 ? console.error : console.log)(line);
}

/** An environment variable of the process ("" hosts have none). */
export function environment(name: string): string | undefined {
  return nodeProcess()?.env[name];
}

let channelQueue: (() => void)[] | null = null;
let channelPort: { postMessage(message: null): void } | null = null;

/**
 * Runs `callback` in a later task of the host's event loop: Node's setImmediate; elsewhere a
 * message-channel task, which, unlike setTimeout(0), is not clamped to 4 ms when nested.
 */
export function setImmediateTask(callback: () => void): unknown {
  if (typeof globalThis.setImmediate === "function") return setImmediate(callback);
  if (channelQueue === null) {
    const queue: (() => void)[] = [];
    const channel = new MessageChannel();
    (channel.port1 as unknown as { onmessage: () => void }).onmessage = () => queue.shift()!();
    channelQueue = queue;
    channelPort = channel.port2 as unknown as { postMessage(message: null): void };
  }
  channelQueue.push(callback);
  channelPort!.postMessage(null);
  return callback;
}

/** Runs `hook` when the process exits (Node only: a page has no exit to report at). */
export function onProcessExit(hook: () => void): void {
  nodeProcess()?.on("exit", hook);
}

/** Writes text to standard error as it comes (the console on a host without one). */
export function writeStderr(text: string): void {
  const process = nodeProcess();
  if (process === undefined) writeConsole(2, text);
  else process.stderr.write(text);
}
