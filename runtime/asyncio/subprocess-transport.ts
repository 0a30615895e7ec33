// loop.subprocess_exec / loop.subprocess_shell and their transport (CPython's
// base_subprocess.BaseSubprocessTransport as unix_events' _UnixSubprocessTransport runs it), on
// Node's child_process. As in CPython: the pipes are connected by a task, one pipe transport
// after another; the protocol's calls wait in a list until connection_made, then each is a
// call_soon; the exit, reported from outside the loop, is handled one step later; and
// connection_lost (which ends wait()) comes once the process exited and every pipe is closed.

import type * as cp from "node:child_process";
import { nodeModule, nodeProcess } from "../core/host.js";
import { coroutine, type Coroutine } from "../core/coroutine.js";
import { await_ } from "../core/await.js";
import { KeyboardInterrupt, ProcessLookupError, PyTypeError, SystemExit, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { repr } from "../values/repr.js";
import { truthy } from "../values/truth.js";
import { asIndex } from "../values/slice.js";
import { callMethod } from "../values/methods.js";
import { callValue } from "../modules/pycall.js";
import { isNone } from "../modules/callable-class.js";
import { osErrorFrom } from "../lang/os-errors.js";
import { EventLoop } from "./events.js";
import { holdHandle, releaseHandle } from "./io-handles.js";
import { fromNode } from "./transports.js";
import { SubprocessTransport } from "./transport-bases.js";
import { PipeTap, SubprocessReadPipe, SubprocessWritePipe } from "./subprocess-pipes.js";
import type { Future } from "./futures.js";

export const PIPE = -1n;
export const STDOUT = -2n;
export const DEVNULL = -3n;

declare module "./events.js" {
  interface EventLoop {
    subprocess_exec(...args: unknown[]): Coroutine<Tuple>;
    subprocess_shell(...args: unknown[]): Coroutine<Tuple>;
  }
}

/** base_subprocess's Write/ReadSubprocessPipeProto: a pipe's protocol, reporting to the transport. */
class SubprocessPipeProto {
  static readonly __module__ = "asyncio.base_subprocess";
  pipe: SubprocessReadPipe | SubprocessWritePipe | null = null;
  disconnected = false;
  constructor(private proc: UnixSubprocessTransport | null, readonly fd: number) {}
  connection_made(transport: SubprocessReadPipe | SubprocessWritePipe): null {
    this.pipe = transport;
    return null;
  }
  connection_lost(exc: unknown): null {
    this.disconnected = true;
    this.proc!._pipeConnectionLost(this.fd, exc);
    this.proc = null;
    return null;
  }
  pause_writing(): null {
    callMethod(this.proc!._protocol, "pause_writing");
    return null;
  }
  resume_writing(): null {
    callMethod(this.proc!._protocol, "resume_writing");
    return null;
  }
  data_received(data: unknown): null {
    this.proc!._pipeDataReceived(this.fd, data);
    return null;
  }
  eof_received(): null {
    return null;
  }
  __repr__(): string {
    return `<${this.fd === 0 ? "WriteSubprocessPipeProto" : "ReadSubprocessPipeProto"} fd=${this.fd} pipe=${repr(this.pipe)}>`;
  }
}

type StdioSetting = "inherit" | "pipe" | "ignore" | number;

/** The stdio setting Node takes for a Python one (None, PIPE, DEVNULL, or a fd or file object). */
function stdioSetting(value: unknown, which: string): StdioSetting {
  if (isNone(value)) return "inherit";
  if (value === PIPE) return "pipe";
  if (value === DEVNULL) return "ignore";
  if (typeof value === "bigint" && value >= 0n) return Number(value);
  const fileno = (value as { fileno?: () => unknown } | null)?.fileno;
  if (typeof fileno === "function") return Number(asIndex(fileno.call(value)) ?? -1);
  throw new ValueError(`pyts: unsupported ${which} setting for a subprocess: ${repr(value)}`);
}

/** A program argument: str, bytes (decoded as the file system does) or a path-like object. */
function argText(arg: unknown): string {
  if (typeof arg === "string") return arg;
  if (arg instanceof Uint8Array) return Buffer.from(arg).toString("utf8");
  const fspath = (arg as { __fspath__?: () => unknown } | null)?.__fspath__;
  if (typeof fspath === "function") return argText(fspath.call(arg));
  throw new PyTypeError(`expected str, bytes or os.PathLike object, not ${repr(arg).startsWith("<") ? "object" : typeof arg}`);
}

/** The signal number of an int or a signal.Signals member. */
function signalNumber(sig: unknown): number {
  const index = asIndex(sig);
  if (index !== undefined) return Number(index);
  const value = (sig as { value?: unknown } | null)?.value;
  if (typeof value === "bigint") return Number(value);
  throw new PyTypeError("an integer is required");
}

/** The keyword arguments of Popen that pyts passes on to Node (others are refused). */
const ACCEPTED = new Set(["cwd", "env", "start_new_session", "close_fds", "executable"]);

interface SpawnRequest {
  args: string[];
  stdin: unknown;
  stdout: unknown;
  stderr: unknown;
  options: Record<string, unknown>;
}

function spawnOptions(request: SpawnRequest): cp.SpawnOptions {
  for (const name of Object.keys(request.options)) {
    if (!ACCEPTED.has(name)) throw new ValueError(`pyts: subprocess argument ${name}= is not supported`);
  }
  const stdout = stdioSetting(request.stdout, "stdout");
  // stderr=STDOUT: where stdout goes (one pipe in CPython; two Node pipes read as one here).
  const stderr = request.stderr === STDOUT ? (stdout === "pipe" ? "pipe" : stdout) : stdioSetting(request.stderr, "stderr");
  const options: cp.SpawnOptions = { stdio: [stdioSetting(request.stdin, "stdin"), stdout, stderr] };
  const { cwd, env, start_new_session: newSession, executable } = request.options;
  if (!isNone(cwd)) options.cwd = argText(cwd);
  if (!isNone(env)) {
    const entries = (env as { entries?: () => Iterable<[unknown, unknown]> }).entries;
    if (typeof entries !== "function") throw new PyTypeError("env must be a mapping");
    options.env = Object.fromEntries([...entries.call(env)].map(([k, v]) => [argText(k), argText(v)]));
  }
  if (newSession !== undefined && truthy(newSession)) options.detached = true;
  if (!isNone(executable)) options.argv0 = request.args[0]!;
  return options;
}

export class UnixSubprocessTransport extends SubprocessTransport {
  static readonly pythonName = "_UnixSubprocessTransport";
  static override readonly __module__ = "asyncio.unix_events";
  _closed = false;
  _protocol: unknown;
  _loop: EventLoop;
  _child: cp.ChildProcess | null;
  _pid: bigint | null;
  _returncode: bigint | null = null;
  private _exitWaiters: Future[] | null = [];
  private _pendingCalls: (() => void)[] | null = [];
  /** The pipe protocols by fd: null until the pipe is connected. */
  readonly _pipes = new Map<number, SubprocessPipeProto | null>();
  private _finished = false;
  private readonly _taps: (PipeTap & { fd: number })[] = [];
  /** The pipe transports, from their creation on. */
  private readonly _pipeTransports = new Map<number, SubprocessReadPipe | SubprocessWritePipe>();
  private _childExitedSeen = false;
  /** The exit status Node reported, and whether the loop has handled it. */
  private _exitStatus: bigint | null = null;
  private _exitHandled = false;

  constructor(loop: EventLoop, protocol: unknown, child: cp.ChildProcess, request: SpawnRequest, waiter: Future) {
    super(null);
    this._loop = loop;
    this._protocol = protocol;
    this._child = child;
    this._pid = BigInt(child.pid!);
    if (request.stdin === PIPE) this._pipes.set(0, null);
    if (request.stdout === PIPE) this._pipes.set(1, null);
    if (request.stderr === PIPE) this._pipes.set(2, null);
    // (errors of kill() on a reaped child come as events; the calls report what matters)
    child.on("error", () => {});
    holdHandle(loop, child as unknown as { ref(): unknown; unref(): unknown });
    for (const [fd, stream] of [[1, child.stdout], [2, child.stderr]] as const) {
      if (stream !== null) this._taps.push(Object.assign(new PipeTap(loop, stream), { fd }));
    }
    child.once("exit", (code, signal) => this._nodeExit(code, signal));
    loop.create_task(this._connectPipes(waiter));
  }

  /** The taps of fd 1 (with stderr=STDOUT, both of the child's streams) and fd 2. */
  private _readTaps(fd: number): PipeTap[] {
    if (fd === 2) return this._taps.filter((tap) => tap.fd === 2 && this._pipes.has(2));
    return this._taps.filter((tap) => tap.fd === 1 || (tap.fd === 2 && !this._pipes.has(2)));
  }

  private _connectPipes(waiter: Future): Coroutine<null> {
    const self = this;
    return coroutine(function* () {
      try {
        const loop = self._loop;
        const child = self._child!;
        for (const fd of [0, 1, 2]) {
          if (!self._pipes.has(fd)) continue;
          const proto = new SubprocessPipeProto(self, fd);
          const connected = loop.create_future();
          const pipe = fd === 0
            ? new SubprocessWritePipe(loop, child.stdin!, proto, connected)
            : new SubprocessReadPipe(loop, self._readTaps(fd), proto, connected);
          self._pipeTransports.set(fd, pipe);
          if (pipe instanceof SubprocessReadPipe) pipe._onSettle = () => self._handleExit(false);
          self._pipes.set(fd, proto);
          if (pipe instanceof SubprocessWritePipe && self._childExitedSeen) loop.call_soon(() => pipe._peerClosed());
          yield* await_(connected);
        }
        loop.call_soon(() => callMethod(self._protocol, "connection_made", self));
        for (const call of self._pendingCalls!) loop.call_soon(call);
        self._pendingCalls = null;
      } catch (exc) {
        if (exc instanceof SystemExit || exc instanceof KeyboardInterrupt) throw exc;
        if (!waiter.cancelled()) waiter.set_exception(exc);
        return null;
      }
      if (!waiter.cancelled()) waiter.set_result(null);
      return null;
    }, "BaseSubprocessTransport._connect_pipes");
  }

  /**
   * Node's report of the exit, which may come before the ends of the pipes the child closed as
   * it exited. CPython's selector sees those ends first (its watcher thread is slower), so the
   * exit is handled once the pipes being read have ended, or after a short while at most.
   */
  private _nodeExit(code: number | null, signal: NodeJS.Signals | null): void {
    const signals = nodeModule("node:os").constants.signals as Record<string, number>;
    this._exitStatus = code !== null ? BigInt(code) : -BigInt(signals[signal ?? ""] ?? 0);
    const timer = setTimeout(() => fromNode(this._loop, () => this._handleExit(true)), 100);
    fromNode(this._loop, () => {
      this._handleExit(false);
      if (this._exitHandled) clearTimeout(timer);
    });
  }

  /** Handles the exit unless a pipe being read has not seen its end yet (`force`: in any case). */
  _handleExit(force: boolean): void {
    if (this._exitStatus === null || this._exitHandled) return;
    if (!force) {
      for (const fd of [1, 2]) {
        if (!this._pipes.has(fd)) continue;
        const pipe = this._pipeTransports.get(fd) as SubprocessReadPipe | undefined;
        if (pipe === undefined || pipe._awaitingEnd) return;
      }
    }
    this._exitHandled = true;
    this._childExited(this._exitStatus);
  }

  /** In the loop: the child closed its stdin as it exited; process_exited follows a step later. */
  private _childExited(returncode: bigint): void {
    this._childExitedSeen = true;
    const stdin = this._pipeTransports.get(0);
    if (stdin instanceof SubprocessWritePipe) stdin._peerClosed();
    const child = this._child;
    if (child !== null) releaseHandle(this._loop, child as unknown as { ref(): unknown; unref(): unknown });
    this._loop.call_soon(() => this._processExited(returncode));
  }

  private _call(method: string, ...args: unknown[]): void {
    const protocol = this._protocol;
    const call = (): void => {
      callMethod(protocol, method, ...args);
    };
    this._queue(call);
  }

  private _queue(call: () => void): void {
    if (this._pendingCalls !== null) this._pendingCalls.push(call);
    else this._loop.call_soon(call);
  }

  _pipeConnectionLost(fd: number, exc: unknown): void {
    this._call("pipe_connection_lost", BigInt(fd), exc);
    this._tryFinish();
  }

  _pipeDataReceived(fd: number, data: unknown): void {
    this._call("pipe_data_received", BigInt(fd), data);
  }

  private _processExited(returncode: bigint): void {
    this._returncode = returncode;
    this._call("process_exited");
    this._tryFinish();
  }

  private _tryFinish(): void {
    if (this._finished || this._returncode === null) return;
    for (const proto of this._pipes.values()) if (proto === null || !proto.disconnected) return;
    this._finished = true;
    this._queue(() => this._callConnectionLost(null));
  }

  private _callConnectionLost(exc: unknown): void {
    try {
      callMethod(this._protocol, "connection_lost", exc);
    } finally {
      // wait() returns now
      for (const waiter of this._exitWaiters ?? []) if (!waiter.cancelled()) waiter.set_result(this._returncode);
      this._exitWaiters = null;
      this._child = null;
      this._protocol = null;
    }
  }

  /** The coroutine behind Process.wait(): the return code, once connection_lost has run. */
  _wait(): Coroutine<bigint | null> {
    const self = this;
    return coroutine(function* () {
      if (self._returncode !== null) return self._returncode;
      const waiter = self._loop.create_future();
      self._exitWaiters!.push(waiter);
      return (yield* await_(waiter)) as bigint;
    }, "BaseSubprocessTransport._wait");
  }

  override get_pid(): bigint | null {
    return this._pid;
  }

  override get_returncode(): bigint | null {
    return this._returncode;
  }

  override get_pipe_transport(fd: unknown): unknown {
    const proto = this._pipes.get(Number(asIndex(fd) ?? -1));
    return proto?.pipe ?? null;
  }

  private _checkProc(): cp.ChildProcess {
    if (this._child === null) throw new ProcessLookupError();
    return this._child;
  }

  /** Popen.send_signal: nothing once the child is known to have exited. */
  private _signal(sig: number): null {
    const child = this._checkProc();
    if (this._returncode !== null || child.exitCode !== null || child.signalCode !== null) return null;
    try {
      nodeProcess()!.kill(child.pid!, sig);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ESRCH") throw osErrorFrom(e);
    }
    return null;
  }

  override send_signal(sig: unknown): null {
    return this._signal(signalNumber(sig));
  }

  override terminate(): null {
    return this._signal(15);
  }

  override kill(): null {
    return this._signal(9);
  }

  override set_protocol(protocol: unknown): null {
    this._protocol = protocol;
    return null;
  }

  override get_protocol(): unknown {
    return this._protocol;
  }

  override is_closing(): boolean {
    return this._closed;
  }

  override close(): null {
    if (this._closed) return null;
    this._closed = true;
    for (const proto of this._pipes.values()) proto?.pipe?.close();
    const child = this._child;
    if (child !== null && this._returncode === null && child.exitCode === null && child.signalCode === null) {
      try {
        nodeProcess()!.kill(child.pid!, 9);
      } catch {
        // already gone
      }
    }
    return null;
  }

  __repr__(): string {
    const info = ["_UnixSubprocessTransport"];
    if (this._closed) info.push("closed");
    if (this._pid !== null) info.push(`pid=${this._pid}`);
    if (this._returncode !== null) info.push(`returncode=${this._returncode}`);
    else if (this._pid !== null) info.push("running");
    else info.push("not started");
    const named = [[0, "stdin"], [1, "stdout"], [2, "stderr"]] as const;
    for (const [fd, name] of named) {
      const pipe = this._pipes.get(fd)?.pipe;
      if (pipe) info.push(`${name}=${repr(pipe)}`);
    }
    return `<${info.join(" ")}>`;
  }
}

/** Spawns the child; a program that cannot run raises CPython's OSError (FileNotFoundError...). */
function* spawnChild(loop: EventLoop, request: SpawnRequest): Generator<unknown, cp.ChildProcess, unknown> {
  const options = spawnOptions(request);
  const [file, ...argv] = request.args;
  const executable = request.options["executable"];
  const child = nodeModule("node:child_process").spawn(isNone(executable) ? file! : argText(executable), argv, options);
  if (child.pid !== undefined) return child;
  // Node reports a failed spawn as an event (on the next tick).
  const failed = loop.create_future();
  child.once("error", (e: Error) => fromNode(loop, () => failed.set_exception(osErrorFrom(e, file))));
  yield* await_(failed);
  return child;
}

function makeTransport(loop: EventLoop, protocol: unknown, request: SpawnRequest, name: string): Coroutine<UnixSubprocessTransport> {
  return coroutine(function* () {
    const child = yield* spawnChild(loop, request);
    const waiter = loop.create_future();
    const transport = new UnixSubprocessTransport(loop, protocol, child, request, waiter);
    try {
      yield* await_(waiter);
    } catch (exc) {
      transport.close();
      yield* await_(transport._wait());
      throw exc;
    }
    return transport;
  }, name);
}

/** The checks base_events makes of the text-mode and buffering arguments. */
function checkModes(kws: Record<string, unknown>, shellWanted: boolean): void {
  if (truthy(kws["universal_newlines"] ?? false)) throw new ValueError("universal_newlines must be False");
  const shell = truthy(kws["shell"] ?? shellWanted);
  if (shell !== shellWanted) throw new ValueError(shellWanted ? "shell must be True" : "shell must be False");
  const bufsize = kws["bufsize"] ?? 0n;
  if (bufsize !== 0n) throw new ValueError("bufsize must be 0");
  if (truthy(kws["text"] ?? null)) throw new ValueError("text must be False");
  if (!isNone(kws["encoding"])) throw new ValueError("encoding must be None");
  if (!isNone(kws["errors"])) throw new ValueError("errors must be None");
}

const MODE_ARGS = ["universal_newlines", "shell", "bufsize", "text", "encoding", "errors", "stdin", "stdout", "stderr"];

function popenOptions(kws: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(kws).filter(([name]) => !MODE_ARGS.includes(name)));
}

function stdioOf(kws: Record<string, unknown>, name: string): unknown {
  return name in kws ? kws[name] : PIPE;
}

/** `loop.subprocess_exec(protocol_factory, program, *args, stdin=PIPE, stdout=PIPE, stderr=PIPE, ...)`. */
function subprocessExec(this: EventLoop, ...args: unknown[]): Coroutine<Tuple> {
  const [pos, kws] = splitKw(args);
  const loop = this;
  return coroutine(function* () {
    checkModes(kws, false);
    const [factory, ...program] = pos;
    if (program.length === 0) throw new PyTypeError("BaseEventLoop.subprocess_exec() missing 1 required positional argument: 'program'");
    const request: SpawnRequest = {
      args: program.map(argText),
      stdin: stdioOf(kws, "stdin"),
      stdout: stdioOf(kws, "stdout"),
      stderr: stdioOf(kws, "stderr"),
      options: popenOptions(kws),
    };
    const protocol = callValue(factory);
    const transport = yield* await_(makeTransport(loop, protocol, request, "_UnixSelectorEventLoop._make_subprocess_transport"));
    return Tuple.of(transport, protocol);
  }, "BaseEventLoop.subprocess_exec");
}

/** `loop.subprocess_shell(protocol_factory, cmd, stdin=PIPE, stdout=PIPE, stderr=PIPE, ...)`. */
function subprocessShell(this: EventLoop, ...args: unknown[]): Coroutine<Tuple> {
  const [pos, kws] = splitKw(args);
  const loop = this;
  return coroutine(function* () {
    const factory = pos[0] ?? kws["protocol_factory"];
    const cmd = pos[1] ?? kws["cmd"];
    if (!(typeof cmd === "string" || cmd instanceof Uint8Array)) throw new ValueError("cmd must be a string");
    checkModes(kws, true);
    const request: SpawnRequest = {
      args: ["/bin/sh", "-c", argText(cmd)],
      stdin: stdioOf(kws, "stdin"),
      stdout: stdioOf(kws, "stdout"),
      stderr: stdioOf(kws, "stderr"),
      options: popenOptions(Object.fromEntries(Object.entries(kws).filter(([name]) => name !== "protocol_factory" && name !== "cmd"))),
    };
    const protocol = callValue(factory);
    const transport = yield* await_(makeTransport(loop, protocol, request, "_UnixSelectorEventLoop._make_subprocess_transport"));
    return Tuple.of(transport, protocol);
  }, "BaseEventLoop.subprocess_shell");
}

Object.defineProperties(EventLoop.prototype, {
  subprocess_exec: { value: subprocessExec, writable: true, configurable: true },
  subprocess_shell: { value: subprocessShell, writable: true, configurable: true },
});
