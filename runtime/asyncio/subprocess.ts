// asyncio.subprocess: create_subprocess_exec/_shell and Process on Node's child_process.
// Pipe data, pipe ends and the exit enter the loop through call_soon_threadsafe, and the
// pipes are StreamReader/StreamWriter as in CPython, so reads and drains wait the same way.

import type * as cp from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { nodeModule } from "../core/host.js";
import { coroutine, type Coroutine } from "../core/coroutine.js";
import { await_ } from "../core/await.js";
import { Bytes } from "../values/bytes.js";
import {
  BrokenPipeError,
  ConnectionResetError,
  FileNotFoundError,
  OSError,
  PermissionError,
  ProcessLookupError,
  ValueError,
} from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { str } from "../values/repr.js";
import { toInt } from "../modules/callable-class.js";
import { moduleObject, standardModule } from "../modules/module-object.js";
import { get_running_loop } from "./loop-state.js";
import { gather } from "./gather.js";
import { holdHandle, releaseHandle } from "./io-handles.js";
import { fromNode, sendable } from "./transports.js";
import { StreamReader, StreamReaderProtocol, StreamWriter } from "./streams.js";
import type { EventLoop } from "./events.js";
import type { Future } from "./futures.js";

export const PIPE = -1n;
export const STDOUT = -2n;
export const DEVNULL = -3n;
const HIGH_WATER = 64 * 1024;

interface Referable {
  ref(): unknown;
  unref(): unknown;
}
function referable(x: unknown): x is Referable {
  return typeof (x as Referable | null)?.ref === "function" && typeof (x as Referable).unref === "function";
}

/** The read end of a child's pipe as a transport for its StreamReader (pause/resume only). */
class ReadPipeTransport {
  static readonly pythonName = "_UnixReadPipeTransport";
  static readonly __module__ = "asyncio.unix_events";
  private closing = false;
  constructor(private readonly stream: Readable) {}
  pause_reading(): null {
    this.stream.pause();
    return null;
  }
  resume_reading(): null {
    this.stream.resume();
    return null;
  }
  is_closing(): boolean {
    return this.closing;
  }
  close(): null {
    this.closing = true;
    return null;
  }
  get_extra_info(..._args: unknown[]): unknown {
    return null;
  }
}

/** The child's stdin as the transport of its StreamWriter. */
class WritePipeTransport {
  static readonly pythonName = "_UnixWritePipeTransport";
  static readonly __module__ = "asyncio.unix_events";
  private closing = false;
  private paused = false;
  private lost = false;
  constructor(loop: EventLoop, private readonly stream: Writable, private readonly protocol: StreamReaderProtocol) {
    stream.on("drain", () => fromNode(loop, () => {
      if (this.paused && stream.writableLength <= HIGH_WATER / 4) {
        this.paused = false;
        protocol.resume_writing();
      }
    }));
    let failure: NodeJS.ErrnoException | null = null;
    stream.on("error", (e: NodeJS.ErrnoException) => (failure = e));
    stream.on("close", () => fromNode(loop, () => this.connectionLost(failure)));
    loop.call_soon(() => protocol.connection_made(this));
  }
  private connectionLost(failure: NodeJS.ErrnoException | null): void {
    if (this.lost) return;
    this.lost = true;
    this.closing = true;
    const exc = failure === null ? null
      : failure.code === "EPIPE" ? new BrokenPipeError(32n, "Broken pipe")
      : new ConnectionResetError(104n, "Connection reset by peer");
    this.protocol.connection_lost(exc);
  }
  write(data: unknown): null {
    const bytes = sendable(data);
    if (bytes.length === 0 || this.closing) return null;
    this.stream.write(new Uint8Array(bytes));
    if (!this.paused && this.stream.writableLength > HIGH_WATER) {
      this.paused = true;
      this.protocol.pause_writing();
    }
    return null;
  }
  writelines(list: Iterable<unknown>): null {
    for (const data of list) this.write(data);
    return null;
  }
  write_eof(): null {
    return this.close();
  }
  can_write_eof(): boolean {
    return true;
  }
  is_closing(): boolean {
    return this.closing;
  }
  close(): null {
    if (this.closing) return null;
    this.closing = true;
    this.stream.end();
    return null;
  }
  get_extra_info(..._args: unknown[]): unknown {
    return null;
  }
  pause_reading(): null {
    return null;
  }
  resume_reading(): null {
    return null;
  }
}

/** Feeds a Node stream into `reader` through the loop. */
function feed(loop: EventLoop, stream: Readable, reader: StreamReader): ReadPipeTransport {
  const transport = new ReadPipeTransport(stream);
  reader.set_transport(transport);
  stream.on("data", (chunk: Buffer) => fromNode(loop, () => reader.feed_data(Bytes.fromArray(chunk))));
  stream.on("end", () => fromNode(loop, () => reader.feed_eof()));
  return transport;
}

export class Process {
  static readonly __module__ = "asyncio.subprocess";
  readonly stdin: StreamWriter | null = null;
  readonly stdout: StreamReader | null = null;
  readonly stderr: StreamReader | null = null;
  readonly pid: bigint;
  _returncode: bigint | null = null;
  /** A property, as in CPython (the class has it: `Process.returncode`). */
  get returncode(): bigint | null {
    return this._returncode;
  }
  private exitWaiters: Future[] | null = [];
  private readonly pipes = new Map<number, ReadPipeTransport>();

  constructor(readonly _loop: EventLoop, private readonly child: cp.ChildProcess, limit: unknown, mergeStderr: boolean) {
    this.pid = BigInt(child.pid ?? 0);
    const loop = _loop;
    if (child.stdin !== null) {
      const protocol = new StreamReaderProtocol(null, null, loop);
      this.stdin = new StreamWriter(new WritePipeTransport(loop, child.stdin, protocol), protocol, null, loop);
    }
    if (child.stdout !== null) {
      const reader = new StreamReader(limit, loop);
      this.stdout = reader;
      this.pipes.set(1, feed(loop, child.stdout, reader));
      if (mergeStderr && child.stderr !== null) {
        // stderr=STDOUT: both streams go to the one reader, which ends when both have.
        let open = 2;
        const end = (): void => {
          if (--open === 0) reader.feed_eof();
        };
        child.stdout.removeAllListeners("end");
        child.stdout.on("end", () => fromNode(loop, end));
        child.stderr.on("data", (chunk: Buffer) => fromNode(loop, () => reader.feed_data(Bytes.fromArray(chunk))));
        child.stderr.on("end", () => fromNode(loop, end));
      }
    }
    if (child.stderr !== null && !mergeStderr) {
      const reader = new StreamReader(limit, loop);
      this.stderr = reader;
      this.pipes.set(2, feed(loop, child.stderr, reader));
    }
    for (const handle of [child, child.stdin, child.stdout, child.stderr]) {
      if (referable(handle)) holdHandle(loop, handle);
    }
    child.on("exit", (code, signal) => fromNode(loop, () => {
      const signals = nodeModule("node:os").constants.signals as Record<string, number>;
      this.processExited(code !== null ? BigInt(code) : -BigInt(signals[signal ?? ""] ?? 0));
    }));
    child.on("close", () => {
      for (const handle of [child, child.stdin, child.stdout, child.stderr]) {
        if (referable(handle)) releaseHandle(loop, handle);
      }
    });
  }

  private processExited(returncode: bigint): void {
    this._returncode = returncode;
    const waiters = this.exitWaiters ?? [];
    this.exitWaiters = null;
    for (const waiter of waiters) if (!waiter.cancelled()) waiter.set_result(returncode);
  }

  __repr__(): string {
    return `<Process ${this.pid}>`;
  }

  wait(): Coroutine<bigint> {
    const self = this;
    return coroutine(function* () {
      if (self.returncode !== null) return self.returncode;
      const waiter = self._loop.create_future();
      self.exitWaiters!.push(waiter);
      return (yield* await_(waiter)) as bigint;
    }, "Process.wait");
  }

  private checkRunning(): void {
    if (this.returncode !== null) throw new ProcessLookupError();
  }

  send_signal(signal: unknown): null {
    this.checkRunning();
    this.child.kill(toInt(signal));
    return null;
  }

  terminate(): null {
    this.checkRunning();
    this.child.kill("SIGTERM");
    return null;
  }

  kill(): null {
    this.checkRunning();
    this.child.kill("SIGKILL");
    return null;
  }

  communicate(...args: unknown[]): Coroutine<Tuple> {
    const [pos, kws] = splitKw(args);
    const input = pos[0] ?? kws["input"] ?? null;
    const self = this;
    const noop = (): Coroutine<null> => coroutine(function* () {
      return null;
    }, "Process._noop");
    const feedStdin = (): Coroutine<null> => coroutine(function* () {
      const stdin = self.stdin!;
      try {
        stdin.write(input);
        yield* await_(stdin.drain());
      } catch (exc) {
        // communicate() ignores a child that stopped reading.
        if (!(exc instanceof BrokenPipeError || exc instanceof ConnectionResetError)) throw exc;
      }
      stdin.close();
      return null;
    }, "Process._feed_stdin");
    const readStream = (fd: number): Coroutine<Bytes> => coroutine(function* () {
      const stream = fd === 2 ? self.stderr! : self.stdout!;
      const output = yield* await_(stream.read());
      self.pipes.get(fd)?.close();
      return output;
    }, "Process._read_stream");
    return coroutine(function* () {
      const results = (yield* await_(gather(
        input !== null ? feedStdin() : noop(),
        self.stdout !== null ? readStream(1) : noop(),
        self.stderr !== null ? readStream(2) : noop(),
      ))) as unknown[];
      yield* await_(self.wait());
      return Tuple.of(results[1], results[2]);
    }, "Process.communicate");
  }
}

/** The stdio setting Node takes for a Python one (None, PIPE, DEVNULL, STDOUT, or a fd). */
function stdio(value: unknown, which: string): "inherit" | "pipe" | "ignore" | number {
  if (value === null || value === undefined) return "inherit";
  if (value === PIPE || value === STDOUT) return "pipe";
  if (value === DEVNULL) return "ignore";
  if (typeof value === "bigint" && value >= 0n) return Number(value);
  const fileno = (value as { fileno?: () => unknown }).fileno;
  if (typeof fileno === "function") return toInt(fileno.call(value));
  throw new ValueError(`pyts: unsupported ${which} setting for a subprocess`);
}

function spawnProcess(file: string, argv: string[], kws: Record<string, unknown>, shell: boolean): Coroutine<Process> {
  return coroutine(function* () {
    const loop = get_running_loop();
    if (kws["stdin"] === STDOUT) throw new ValueError("pyts: stdin cannot be STDOUT");
    const mergeStderr = kws["stderr"] === STDOUT;
    const options: cp.SpawnOptions = {
      stdio: [stdio(kws["stdin"], "stdin"), stdio(kws["stdout"], "stdout"), stdio(kws["stderr"], "stderr")],
    };
    if (kws["cwd"] !== undefined && kws["cwd"] !== null) options.cwd = str(kws["cwd"]);
    const env = kws["env"] as { entries?: () => Iterable<[unknown, unknown]> } | undefined | null;
    if (env !== undefined && env !== null && typeof env.entries === "function") {
      options.env = Object.fromEntries([...env.entries()].map(([k, v]) => [str(k), str(v)]));
    }
    const child = nodeModule("node:child_process").spawn(file, argv, options);
    const started = loop.create_future();
    child.once("spawn", () => fromNode(loop, () => { if (!started.done()) started.set_result(null); }));
    child.once("error", (e: NodeJS.ErrnoException) => fromNode(loop, () => {
      if (started.done()) return;
      const error = e.code === "ENOENT" ? new FileNotFoundError(2n, "No such file or directory", file)
        : e.code === "EACCES" ? new PermissionError(13n, "Permission denied", file)
        : new OSError(e.message);
      started.set_exception(error);
    }));
    // Listening from the start: a short-lived child may exit before it is seen to have spawned.
    const process = new Process(loop, child, kws["limit"] ?? 2n ** 16n, mergeStderr);
    yield* await_(started);
    return process;
  }, shell ? "create_subprocess_shell" : "create_subprocess_exec");
}

/** `asyncio.create_subprocess_exec(program, *args, stdin=None, stdout=None, stderr=None, ...)`. */
export function create_subprocess_exec(...args: unknown[]): Coroutine<Process> {
  const [pos, kws] = splitKw(args);
  const [program, ...rest] = pos.map((a) => (a instanceof Uint8Array ? new TextDecoder().decode(a) : str(a)));
  return spawnProcess(program!, rest, kws, false);
}

/** `asyncio.create_subprocess_shell(cmd, stdin=None, stdout=None, stderr=None, ...)`. */
export function create_subprocess_shell(...args: unknown[]): Coroutine<Process> {
  const [pos, kws] = splitKw(args);
  const cmd = pos[0] ?? kws["cmd"];
  return spawnProcess("/bin/sh", ["-c", cmd instanceof Uint8Array ? new TextDecoder().decode(cmd) : str(cmd)], kws, true);
}

/** The `asyncio.subprocess` module. */
export const subprocessModule = moduleObject("asyncio.subprocess", {
  PIPE,
  STDOUT,
  DEVNULL,
  Process,
  create_subprocess_exec,
  create_subprocess_shell,
  /** asyncio's logger (asyncio/subprocess.py imports it from asyncio.log), read when asked: logging loads late */
  get logger(): any {
    return (standardModule("logging") as unknown as { getLogger(name: string): unknown }).getLogger("asyncio");
  },
});
