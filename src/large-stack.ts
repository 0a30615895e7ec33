// Code nested hundreds of levels deep, which CPython compiles (up to 3,000 levels), needs more
// stack than Node gives a thread by default: the passes that recurse once per level (the
// parser's tree building, the JS generator, prettier) run out of it. transpile() then runs the
// conversion again on a worker thread with a large stack. A program's module resolver cannot
// cross threads: the worker asks this thread each question, and waits for the answer.
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker, workerData } from "node:worker_threads";
import { type Diagnostic, DiagnosticError, type OutOfStack } from "./frontend/ast.js";
import type { ProgramResolver } from "./lower/program-imports.js";
import type { ThreadUse } from "./lower/thread-switches.js";
import type { ModuleOptions, TranspileOptions, TranspileResult } from "./transpile.js";

/** The worker's stack: about 250 times Node's default, far more than 3,000 levels need. */
const STACK_MB = 256;

type ResolverMethod = "find" | "starNames" | "awaitsAtImport" | "blockingFunctions" | "blockingMethods" | "waitingGenerators" | "programBlockingMethods" | "programThreads" | "programImportsInspect" | "allModules";
const METHODS: readonly ResolverMethod[] = ["find", "starNames", "awaitsAtImport", "blockingFunctions", "blockingMethods", "waitingGenerators", "programBlockingMethods", "programThreads", "programImportsInspect", "allModules"];

/** What the worker is given. */
export interface LargeStackJob {
  pytsLargeStack: true;
  source: string | Uint8Array;
  options: Omit<TranspileOptions, "module"> & { module?: Omit<ModuleOptions, "modules"> & { modules: ModuleOptions["modules"] | null } };
  /** with a resolver (not plain data): the methods it has, the port it answers on, the flag set when it has */
  resolver: { methods: ResolverMethod[]; port: MessagePort; answered: Int32Array } | null;
}

/** What the worker answers. */
export type LargeStackReply =
  | { kind: "result"; result: TranspileResult }
  | { kind: "diagnostics"; diagnostics: Diagnostic[] }
  | { kind: "internal"; stack: string };

/** This thread is the large-stack worker (where a conversion is never handed on again). */
export function onLargeStack(): boolean {
  return (workerData as Partial<LargeStackJob> | null)?.pytsLargeStack === true;
}

/** In the worker: a resolver whose every answer comes, synchronously, from the converting thread. */
export function remoteResolver(remote: NonNullable<LargeStackJob["resolver"]>): ProgramResolver {
  const ask = (method: ResolverMethod, name?: string): unknown => {
    Atomics.store(remote.answered, 0, 0);
    remote.port.postMessage({ method, name });
    Atomics.wait(remote.answered, 0, 0);
    return (receiveMessageOnPort(remote.port)!.message as { answer: unknown }).answer;
  };
  const resolver: ProgramResolver = { find: (name) => ask("find", name) as ReturnType<ProgramResolver["find"]> };
  // only the methods the real resolver has: the lowering looks at which ones exist
  const has = new Set(remote.methods);
  if (has.has("starNames")) resolver.starNames = (name) => ask("starNames", name) as readonly string[] | null;
  if (has.has("awaitsAtImport")) resolver.awaitsAtImport = (name) => ask("awaitsAtImport", name) as boolean;
  if (has.has("blockingFunctions")) resolver.blockingFunctions = (name) => ask("blockingFunctions", name) as readonly string[] | null;
  if (has.has("blockingMethods")) resolver.blockingMethods = (name) => ask("blockingMethods", name) as readonly string[] | null;
  if (has.has("waitingGenerators")) resolver.waitingGenerators = (name) => ask("waitingGenerators", name) as readonly string[] | null;
  if (has.has("programBlockingMethods")) resolver.programBlockingMethods = (name) => ask("programBlockingMethods", name) as readonly string[] | null;
  if (has.has("programThreads")) resolver.programThreads = (name) => ask("programThreads", name) as ThreadUse | null;
  if (has.has("programImportsInspect")) resolver.programImportsInspect = (name) => ask("programImportsInspect", name) as boolean;
  if (has.has("allModules")) resolver.allModules = () => ask("allModules") as readonly { name: string }[];
  return resolver;
}

/** Answers the worker's questions from the real resolver. */
function serve(resolver: ProgramResolver, port: MessagePort, answered: Int32Array): void {
  port.on("message", ({ method, name }: { method: ResolverMethod; name?: string }) => {
    let answer: unknown;
    if (method === "allModules") answer = (resolver.allModules?.() ?? []).map((m) => ({ name: m.name }));
    else if (method === "find") answer = resolver.find(name!);
    else answer = resolver[method]?.(name!) ?? null;
    port.postMessage({ answer });
    Atomics.store(answered, 0, 1);
    Atomics.notify(answered, 0);
  });
}

/** The conversion, run on a worker with a large stack (`failed`: the first attempt's error). */
export async function transpileOnLargeStack(source: string | Uint8Array, options: TranspileOptions, resolver: ProgramResolver | null, failed: OutOfStack): Promise<TranspileResult> {
  const modules = options.module?.modules;
  let remote: LargeStackJob["resolver"] = null;
  let channel: MessageChannel | null = null;
  if (options.module && resolver) {
    channel = new MessageChannel();
    const answered = new Int32Array(new SharedArrayBuffer(4));
    serve(resolver, channel.port1, answered);
    remote = { methods: METHODS.filter((m) => typeof resolver[m] === "function"), port: channel.port2, answered };
  }
  const job: LargeStackJob = {
    pytsLargeStack: true,
    source,
    // code nested this deep is emitted as the generator prints it: prettier's time grows with the
    // square of the nesting (each level indents every line inside it), minutes at CPython's limit
    options: { ...options, format: false, module: options.module && { ...options.module, modules: modules instanceof Map ? modules : null } },
    resolver: remote,
  };
  const worker = new Worker(new URL("./large-stack-worker.js", import.meta.url), {
    workerData: job,
    transferList: remote ? [remote.port] : [],
    resourceLimits: { stackSizeMb: STACK_MB },
  });
  try {
    const reply = await new Promise<LargeStackReply | null>((resolve, reject) => {
      worker.once("message", (m: LargeStackReply) => resolve(m));
      worker.once("error", reject);
      worker.once("exit", () => resolve(null));
    });
    switch (reply?.kind) {
      case "result":
        return reply.result;
      case "diagnostics":
        throw new DiagnosticError(reply.diagnostics);
      case "internal":
        throw new Error(`conversion on a large stack failed: ${reply.stack}`);
      default:
        throw failed;
    }
  } finally {
    channel?.port1.close();
    void worker.terminate();
  }
}
