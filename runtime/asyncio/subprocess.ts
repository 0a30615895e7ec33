// asyncio.subprocess: SubprocessStreamProtocol, Process and create_subprocess_exec/_shell, built
// as CPython builds them on loop.subprocess_exec/_shell (subprocess-transport.ts): the protocol
// feeds StreamReaders from pipe_data_received and ends them at pipe_connection_lost, and closes
// the transport once the process exited and its pipes closed; Process.wait() waits for the
// transport's connection_lost, and Process.returncode is the transport's.

import { coroutine, type Coroutine } from "../core/coroutine.js";
import { await_ } from "../core/await.js";
import { BrokenPipeError, ConnectionResetError } from "../values/exceptions.js";
import { kw, splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { repr } from "../values/repr.js";
import { isNone } from "../modules/callable-class.js";
import { moduleObject, standardModule } from "../modules/module-object.js";
import { get_running_loop, get_event_loop } from "./loop-state.js";
import { gather } from "./gather.js";
import { SubprocessProtocol } from "./protocols.js";
import { StreamReader, StreamWriter } from "./streams.js";
import { DEVNULL, PIPE, STDOUT, type UnixSubprocessTransport } from "./subprocess-transport.js";
import type { EventLoop } from "./events.js";
import type { Future } from "./futures.js";

export { DEVNULL, PIPE, STDOUT };

const DEFAULT_LIMIT = 2n ** 16n;

type StreamWriterTransport = ConstructorParameters<typeof StreamWriter>[0];

/** Like StreamReaderProtocol, for a subprocess (with FlowControlMixin's drain waits). */
export class SubprocessStreamProtocol extends SubprocessProtocol {
  static override readonly __module__: string = "asyncio.subprocess";
  _loop: EventLoop;
  _limit: unknown;
  stdin: StreamWriter | null = null;
  stdout: StreamReader | null = null;
  stderr: StreamReader | null = null;
  _transport: UnixSubprocessTransport | null = null;
  _process_exited = false;
  _pipe_fds: number[] = [];
  _stdin_closed: Future;
  // FlowControlMixin
  _paused = false;
  _connection_lost = false;
  private readonly _drainWaiters: Future[] = [];

  constructor(...args: unknown[]) {
    super();
    const [pos, kws] = splitKw(args);
    this._limit = pos[0] ?? kws["limit"] ?? DEFAULT_LIMIT;
    const loop = pos[1] ?? kws["loop"];
    this._loop = isNone(loop) ? get_event_loop() : (loop as EventLoop);
    this._stdin_closed = this._loop.create_future();
  }

  // (Protocol's, which CPython's class inherits through FlowControlMixin: a subprocess's
  // output arrives through pipe_data_received)
  data_received(_data: unknown): unknown {
    return null;
  }
  eof_received(): unknown {
    return null;
  }

  __repr__(): string {
    const info = ["SubprocessStreamProtocol"];
    if (this.stdin !== null) info.push(`stdin=${repr(this.stdin)}`);
    if (this.stdout !== null) info.push(`stdout=${repr(this.stdout)}`);
    if (this.stderr !== null) info.push(`stderr=${repr(this.stderr)}`);
    return `<${info.join(" ")}>`;
  }

  override connection_made(transport: unknown): null {
    const tr = transport as UnixSubprocessTransport;
    this._transport = tr;
    const stdout = tr.get_pipe_transport(1n);
    if (stdout !== null) {
      this.stdout = new StreamReader(this._limit, this._loop);
      this.stdout.set_transport(stdout as Parameters<StreamReader["set_transport"]>[0]);
      this._pipe_fds.push(1);
    }
    const stderr = tr.get_pipe_transport(2n);
    if (stderr !== null) {
      this.stderr = new StreamReader(this._limit, this._loop);
      this.stderr.set_transport(stderr as Parameters<StreamReader["set_transport"]>[0]);
      this._pipe_fds.push(2);
    }
    const stdin = tr.get_pipe_transport(0n);
    if (stdin !== null) this.stdin = new StreamWriter(stdin as StreamWriterTransport, this, null, this._loop);
    return null;
  }

  override pipe_data_received(fd: unknown, data: unknown): null {
    const reader = fd === 1n ? this.stdout : fd === 2n ? this.stderr : null;
    reader?.feed_data(data);
    return null;
  }

  override pipe_connection_lost(fd: unknown, exc: unknown): null {
    if (fd === 0n) {
      this.stdin?.close();
      this.connection_lost(exc);
      if (isNone(exc)) this._stdin_closed.set_result(null);
      else {
        this._stdin_closed.set_exception(exc);
        // wait_closed() need not be awaited: no "never retrieved" report for this one.
        (this._stdin_closed as unknown as { _log_traceback: boolean })._log_traceback = false;
      }
      return null;
    }
    const reader = fd === 1n ? this.stdout : fd === 2n ? this.stderr : null;
    if (reader !== null) {
      if (isNone(exc)) reader.feed_eof();
      else reader.set_exception(exc);
    }
    const at = this._pipe_fds.indexOf(Number(fd));
    if (at >= 0) this._pipe_fds.splice(at, 1);
    this._maybeCloseTransport();
    return null;
  }

  override process_exited(): null {
    this._process_exited = true;
    this._maybeCloseTransport();
    return null;
  }

  private _maybeCloseTransport(): void {
    if (this._pipe_fds.length === 0 && this._process_exited) {
      this._transport?.close();
      this._transport = null;
    }
  }

  _get_close_waiter(stream: unknown): Future | null {
    return stream === this.stdin ? this._stdin_closed : null;
  }

  override pause_writing(): null {
    this._paused = true;
    return null;
  }

  override resume_writing(): null {
    this._paused = false;
    for (const waiter of this._drainWaiters) if (!waiter.done()) waiter.set_result(null);
    return null;
  }

  override connection_lost(exc: unknown): null {
    this._connection_lost = true;
    if (!this._paused) return null;
    for (const waiter of this._drainWaiters) {
      if (waiter.done()) continue;
      if (isNone(exc)) waiter.set_result(null);
      else waiter.set_exception(exc);
    }
    return null;
  }

  *_drainHelper(): Generator<unknown, void, unknown> {
    if (this._connection_lost) throw new ConnectionResetError("Connection lost");
    if (!this._paused) return;
    const waiter = this._loop.create_future();
    this._drainWaiters.push(waiter);
    try {
      yield* await_(waiter);
    } finally {
      this._drainWaiters.splice(this._drainWaiters.indexOf(waiter), 1);
    }
  }
}

export class Process {
  static readonly __module__ = "asyncio.subprocess";
  readonly stdin: StreamWriter | null;
  readonly stdout: StreamReader | null;
  readonly stderr: StreamReader | null;
  readonly pid: unknown;

  constructor(readonly _transport: UnixSubprocessTransport, readonly _protocol: SubprocessStreamProtocol, readonly _loop: EventLoop) {
    this.stdin = _protocol.stdin;
    this.stdout = _protocol.stdout;
    this.stderr = _protocol.stderr;
    this.pid = _transport.get_pid();
  }

  __repr__(): string {
    return `<Process ${String(this.pid)}>`;
  }

  /** A property, as in CPython: the transport's return code, set when the exit is handled. */
  get returncode(): bigint | null {
    return this._transport.get_returncode();
  }

  wait(): Coroutine<unknown> {
    const self = this;
    return coroutine(function* () {
      return yield* await_(self._transport._wait());
    }, "Process.wait");
  }

  send_signal(signal: unknown): null {
    return this._transport.send_signal(signal);
  }

  terminate(): null {
    return this._transport.terminate();
  }

  kill(): null {
    return this._transport.kill();
  }

  private _feedStdin(input: unknown): Coroutine<null> {
    const stdin = this.stdin!;
    return coroutine(function* () {
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
  }

  private _noop(): Coroutine<null> {
    return coroutine(function* () {
      return null;
    }, "Process._noop");
  }

  private _readStream(fd: 1n | 2n): Coroutine<unknown> {
    const self = this;
    return coroutine(function* () {
      const transport = self._transport.get_pipe_transport(fd) as { close(): unknown };
      const stream = fd === 2n ? self.stderr! : self.stdout!;
      const output = yield* await_(stream.read());
      transport.close();
      return output;
    }, "Process._read_stream");
  }

  communicate(...args: unknown[]): Coroutine<Tuple> {
    const [pos, kws] = splitKw(args);
    const input = pos[0] ?? kws["input"] ?? null;
    const self = this;
    return coroutine(function* () {
      const results = (yield* await_(gather(
        input !== null ? self._feedStdin(input) : self._noop(),
        self.stdout !== null ? self._readStream(1n) : self._noop(),
        self.stderr !== null ? self._readStream(2n) : self._noop(),
      ))) as unknown[];
      yield* await_(self.wait());
      return Tuple.of(results[1], results[2]);
    }, "Process.communicate");
  }
}

/** The standard streams' arguments of create_subprocess_*: None unless given. */
function streamArgs(kws: Record<string, unknown>): Record<string, unknown> {
  const { stdin = null, stdout = null, stderr = null, limit: _limit, ...rest } = kws;
  return { stdin, stdout, stderr, ...rest };
}

/** `asyncio.create_subprocess_exec(program, *args, stdin=None, stdout=None, stderr=None, limit=2**16, **kwds)`. */
export function create_subprocess_exec(...args: unknown[]): Coroutine<Process> {
  const [pos, kws] = splitKw(args);
  return coroutine(function* () {
    const loop = get_running_loop();
    const limit = kws["limit"] ?? DEFAULT_LIMIT;
    const factory = (): SubprocessStreamProtocol => new SubprocessStreamProtocol(limit, loop);
    const pair = (yield* await_(loop.subprocess_exec(factory, ...pos, kw(streamArgs(kws))))) as Tuple;
    const [transport, protocol] = pair.items as [UnixSubprocessTransport, SubprocessStreamProtocol];
    return new Process(transport, protocol, loop);
  }, "create_subprocess_exec");
}

/** `asyncio.create_subprocess_shell(cmd, stdin=None, stdout=None, stderr=None, limit=2**16, **kwds)`. */
export function create_subprocess_shell(...args: unknown[]): Coroutine<Process> {
  const [pos, kws] = splitKw(args);
  return coroutine(function* () {
    const loop = get_running_loop();
    const limit = kws["limit"] ?? DEFAULT_LIMIT;
    const cmd = pos[0] ?? kws["cmd"];
    const rest = streamArgs(kws);
    delete rest["cmd"];
    const factory = (): SubprocessStreamProtocol => new SubprocessStreamProtocol(limit, loop);
    const pair = (yield* await_(loop.subprocess_shell(factory, cmd, kw(rest)))) as Tuple;
    const [transport, protocol] = pair.items as [UnixSubprocessTransport, SubprocessStreamProtocol];
    return new Process(transport, protocol, loop);
  }, "create_subprocess_shell");
}

/** The `asyncio.subprocess` module. */
export const subprocessModule = moduleObject("asyncio.subprocess", {
  __all__: Tuple.of("create_subprocess_exec", "create_subprocess_shell"),
  PIPE,
  STDOUT,
  DEVNULL,
  Process,
  SubprocessStreamProtocol,
  create_subprocess_exec,
  create_subprocess_shell,
  /** asyncio's logger (asyncio/subprocess.py imports it from asyncio.log), read when asked: logging loads late */
  get logger(): any {
    return (standardModule("logging") as unknown as { getLogger(name: string): unknown }).getLogger("asyncio");
  },
});
