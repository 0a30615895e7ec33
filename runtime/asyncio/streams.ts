// asyncio.streams: StreamReader, StreamWriter and the protocol between them and a transport,
// following CPython's streams.py step for step (the same waits, so the same event order).

import { coroutine, type Coroutine } from "../core/coroutine.js";
import { await_ } from "../core/await.js";
import { Bytes } from "../values/bytes.js";
import {
  AssertionError,
  ConnectionResetError,
  EOFError,
  Exception,
  RuntimeError,
  StopAsyncIteration,
  ValueError,
} from "../values/exceptions.js";
import { kw, splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { repr } from "../values/repr.js";
import { callMethod } from "../values/methods.js";
import { callValue } from "../modules/pycall.js";
import { toInt } from "../modules/callable-class.js";
import { Protocol } from "./protocols.js";
import { get_running_loop, get_event_loop } from "./loop-state.js";
import { iscoroutine } from "./tasks.js";
import { sleep } from "./sleep.js";
import type { EventLoop } from "./events.js";
import type { Future } from "./futures.js";
import type { Server } from "./servers.js";
import "./servers.js";

const DEFAULT_LIMIT = 2 ** 16;

export class IncompleteReadError extends EOFError {
  static readonly __module__ = "asyncio.exceptions";
  readonly partial: Bytes;
  readonly expected: unknown;
  constructor(partial: Bytes, expected: unknown) {
    const expectedText = expected === null || expected === undefined ? "undefined" : repr(expected);
    super(`${partial.length} bytes read on a total of ${expectedText} expected bytes`);
    this.partial = partial;
    this.expected = expected ?? null;
  }
}

export class LimitOverrunError extends Exception {
  static readonly __module__ = "asyncio.exceptions";
  readonly consumed: bigint;
  constructor(message: string, consumed: number | bigint) {
    super(message);
    this.consumed = BigInt(consumed);
  }
}

/** A transport as the streams use it. */
interface StreamTransport {
  write(data: unknown): unknown;
  writelines(data: unknown): unknown;
  write_eof(): unknown;
  can_write_eof(): unknown;
  close(): unknown;
  is_closing(): boolean;
  get_extra_info(...args: unknown[]): unknown;
  pause_reading(): unknown;
  resume_reading(): unknown;
}

/** What a StreamReader needs of its transport: flow control. */
type ReadingTransport = Pick<StreamTransport, "pause_reading" | "resume_reading">;

function loopArg(kws: Record<string, unknown>): EventLoop {
  const loop = kws["loop"];
  return loop === undefined || loop === null ? get_event_loop() : (loop as EventLoop);
}

export class StreamReader {
  static readonly __module__ = "asyncio.streams";
  _limit: number;
  _loop: EventLoop;
  /** The bytes received and not read yet: `_data[_start.._end]`. */
  private _data = new Uint8Array(0);
  private _start = 0;
  private _end = 0;
  _eof = false;
  _waiter: Future | null = null;
  _exception: unknown = null;
  _transport: ReadingTransport | null = null;
  _paused = false;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const limit = pos[0] ?? kws["limit"] ?? DEFAULT_LIMIT;
    this._limit = typeof limit === "number" ? limit : toInt(limit);
    if (this._limit <= 0) throw new ValueError("Limit cannot be <= 0");
    this._loop = pos.length > 1 && pos[1] !== null ? (pos[1] as EventLoop) : loopArg(kws);
  }

  private get _size(): number {
    return this._end - this._start;
  }

  /** Takes `n` bytes off the front of the buffer. */
  private _take(n: number): Bytes {
    const out = Bytes.fromArray(this._data.subarray(this._start, this._start + n));
    this._start += n;
    if (this._start === this._end) this._start = this._end = 0;
    return out;
  }

  private _clear(): void {
    this._start = this._end = 0;
  }

  /** The index of `sep` in the buffer at or after `from`, or -1. */
  private _find(sep: Uint8Array, from: number): number {
    const data = this._data;
    const last = this._end - sep.length;
    outer: for (let i = this._start + from; i <= last; i++) {
      for (let j = 0; j < sep.length; j++) if (data[i + j] !== sep[j]) continue outer;
      return i - this._start;
    }
    return -1;
  }

  __repr__(): string {
    const info = ["StreamReader"];
    if (this._size > 0) info.push(`${this._size} bytes`);
    if (this._eof) info.push("eof");
    if (this._limit !== DEFAULT_LIMIT) info.push(`limit=${this._limit}`);
    if (this._waiter !== null) info.push(`waiter=${repr(this._waiter)}`);
    if (this._exception !== null) info.push(`exception=${repr(this._exception)}`);
    if (this._transport !== null) info.push(`transport=${repr(this._transport)}`);
    if (this._paused) info.push("paused");
    return `<${info.join(" ")}>`;
  }

  exception(): unknown {
    return this._exception;
  }

  set_exception(exc: unknown): null {
    this._exception = exc;
    const waiter = this._waiter;
    if (waiter !== null) {
      this._waiter = null;
      if (!waiter.cancelled()) waiter.set_exception(exc);
    }
    return null;
  }

  private _wakeupWaiter(): void {
    const waiter = this._waiter;
    if (waiter !== null) {
      this._waiter = null;
      if (!waiter.cancelled()) waiter.set_result(null);
    }
  }

  set_transport(transport: ReadingTransport): null {
    if (this._transport !== null) throw new AssertionError("Transport already set");
    this._transport = transport;
    return null;
  }

  private _maybeResumeTransport(): void {
    if (this._paused && this._size <= this._limit) {
      this._paused = false;
      this._transport!.resume_reading();
    }
  }

  feed_eof(): null {
    this._eof = true;
    this._wakeupWaiter();
    return null;
  }

  at_eof(): boolean {
    return this._eof && this._size === 0;
  }

  feed_data(data: unknown): null {
    const bytes = data as Uint8Array;
    if (bytes.length === 0) return null;
    if (this._end + bytes.length > this._data.length) {
      // Move the unread bytes to the front, into a larger array if they would not fit.
      const size = this._size;
      const needed = size + bytes.length;
      const target = needed > this._data.length ? new Uint8Array(Math.max(2 * this._data.length, needed)) : this._data;
      if (target === this._data) target.copyWithin(0, this._start, this._end);
      else target.set(this._data.subarray(this._start, this._end), 0);
      this._data = target;
      this._start = 0;
      this._end = size;
    }
    this._data.set(bytes, this._end);
    this._end += bytes.length;
    this._wakeupWaiter();
    if (this._transport !== null && !this._paused && this._size > 2 * this._limit) {
      try {
        this._transport.pause_reading();
        this._paused = true;
      } catch {
        // A transport that cannot pause: its buffer grows.
        this._transport = null;
      }
    }
    return null;
  }

  /** Waits until feed_data() or feed_eof() is called. */
  private *_waitForData(funcName: string): Generator<unknown, void, unknown> {
    if (this._waiter !== null) {
      throw new RuntimeError(`${funcName}() called while another coroutine is already waiting for incoming data`);
    }
    if (this._paused) {
      this._paused = false;
      this._transport!.resume_reading();
    }
    const waiter = this._loop.create_future();
    this._waiter = waiter;
    try {
      yield* await_(waiter);
    } finally {
      this._waiter = null;
    }
  }

  readline(): Coroutine<Bytes> {
    const self = this;
    return coroutine(function* () {
      const sep = new Uint8Array([10]);
      try {
        return yield* self._readuntil(sep);
      } catch (e) {
        if (e instanceof IncompleteReadError) return e.partial;
        if (e instanceof LimitOverrunError) {
          const consumed = Number(e.consumed);
          if (self._find(sep, consumed) === consumed) self._take(consumed + sep.length);
          else self._clear();
          self._maybeResumeTransport();
          throw new ValueError(String(e.args.items[0]));
        }
        throw e;
      }
    }, "StreamReader.readline");
  }

  readuntil(...args: unknown[]): Coroutine<Bytes> {
    const [pos, kws] = splitKw(args);
    const separator = pos[0] ?? kws["separator"] ?? Bytes.fromLatin1("\n");
    const self = this;
    return coroutine(function* () {
      return yield* self._readuntil(separator as Uint8Array);
    }, "StreamReader.readuntil");
  }

  private *_readuntil(separator: Uint8Array): Generator<unknown, Bytes, unknown> {
    const seplen = separator.length;
    if (seplen === 0) throw new ValueError("Separator should be at least one-byte string");
    if (this._exception !== null) throw this._exception;
    let offset = 0;
    let isep: number;
    for (;;) {
      const buflen = this._size;
      if (buflen - offset >= seplen) {
        isep = this._find(separator, offset);
        if (isep !== -1) break;
        offset = buflen + 1 - seplen;
        if (offset > this._limit) throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
      }
      if (this._eof) {
        const chunk = this._take(this._size);
        throw new IncompleteReadError(chunk, null);
      }
      yield* this._waitForData("readuntil");
    }
    if (isep > this._limit) throw new LimitOverrunError("Separator is found, but chunk is longer than limit", isep);
    const chunk = this._take(isep + seplen);
    this._maybeResumeTransport();
    return chunk;
  }

  read(...args: unknown[]): Coroutine<Bytes> {
    const [pos, kws] = splitKw(args);
    const nArg = pos[0] ?? kws["n"] ?? -1n;
    const self = this;
    return coroutine(function* () {
      return yield* self._read(toInt(nArg));
    }, "StreamReader.read");
  }

  private *_read(n: number): Generator<unknown, Bytes, unknown> {
    if (this._exception !== null) throw this._exception;
    if (n === 0) return new Bytes(0);
    if (n < 0) {
      // Read until EOF, a chunk of `limit` at a time.
      const blocks: Bytes[] = [];
      for (;;) {
        const block = yield* this._read(this._limit);
        if (block.length === 0) break;
        blocks.push(block);
      }
      const out = new Bytes(blocks.reduce((sum, b) => sum + b.length, 0));
      let at = 0;
      for (const block of blocks) {
        out.set(block, at);
        at += block.length;
      }
      return out;
    }
    if (this._size === 0 && !this._eof) yield* this._waitForData("read");
    const data = this._take(Math.min(n, this._size));
    this._maybeResumeTransport();
    return data;
  }

  readexactly(nArg: unknown): Coroutine<Bytes> {
    const n = toInt(nArg);
    const self = this;
    return coroutine(function* () {
      if (n < 0) throw new ValueError("readexactly size can not be less than zero");
      if (self._exception !== null) throw self._exception;
      if (n === 0) return new Bytes(0);
      while (self._size < n) {
        if (self._eof) throw new IncompleteReadError(self._take(self._size), BigInt(n));
        yield* self._waitForData("readexactly");
      }
      const data = self._take(n);
      self._maybeResumeTransport();
      return data;
    }, "StreamReader.readexactly");
  }

  __aiter__(): StreamReader {
    return this;
  }

  __anext__(): Coroutine<Bytes> {
    const self = this;
    return coroutine(function* () {
      const line = yield* await_(self.readline());
      if (line.length === 0) throw new StopAsyncIteration();
      return line;
    }, "StreamReader.__anext__");
  }
}

/** FlowControlMixin + StreamReaderProtocol: feeds a StreamReader from a transport. */
export class StreamReaderProtocol extends Protocol {
  static override readonly __module__: string = "asyncio.streams";
  _loop: EventLoop;
  _paused = false;
  private readonly _drainWaiters: Future[] = [];
  _connection_lost = false;
  _stream_reader: StreamReader | null;
  _stream_writer: StreamWriter | null = null;
  _task: Future | null = null;
  _transport: StreamTransport | null = null;
  _client_connected_cb: unknown;
  readonly _closed: Future;

  constructor(...args: unknown[]) {
    super();
    const [pos, kws] = splitKw(args);
    this._stream_reader = (pos[0] ?? kws["stream_reader"] ?? null) as StreamReader | null;
    this._client_connected_cb = pos[1] ?? kws["client_connected_cb"] ?? null;
    const loop = pos[2] ?? kws["loop"];
    this._loop = loop === undefined || loop === null ? get_event_loop() : (loop as EventLoop);
    this._closed = this._loop.create_future();
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

  override connection_made(transport: unknown): null {
    const tr = transport as StreamTransport;
    this._transport = tr;
    const reader = this._stream_reader;
    if (reader !== null) reader.set_transport(tr);
    const cb = this._client_connected_cb;
    if (cb !== null && cb !== undefined) {
      const writer = new StreamWriter(tr, this, reader, this._loop);
      this._stream_writer = writer;
      const res = callValue(cb, reader, writer);
      if (iscoroutine(res)) {
        const loop = this._loop;
        const task = loop.create_task(res);
        this._task = task;
        // As in CPython 3.11, a cancelled handler task makes exception() raise CancelledError
        // here, which the loop reports as an exception in this callback.
        const callback = (t: Future): void => {
          const exc = t.exception();
          if (exc !== null) {
            loop.call_exception_handler({ message: "Unhandled exception in client_connected_cb", exception: exc, transport: tr });
            tr.close();
          }
        };
        Object.defineProperty(callback, "__qualname__", { value: "StreamReaderProtocol.connection_made.<locals>.callback" });
        task.add_done_callback(callback);
      }
    }
    return null;
  }

  override connection_lost(exc: unknown): null {
    const reader = this._stream_reader;
    if (reader !== null) {
      if (exc === null || exc === undefined) reader.feed_eof();
      else reader.set_exception(exc);
    }
    if (!this._closed.done()) {
      if (exc === null || exc === undefined) this._closed.set_result(null);
      else this._closed.set_exception(exc);
    }
    // FlowControlMixin.connection_lost: wake writers waiting in drain().
    this._connection_lost = true;
    if (this._paused) {
      for (const waiter of this._drainWaiters) {
        if (waiter.done()) continue;
        if (exc === null || exc === undefined) waiter.set_result(null);
        else waiter.set_exception(exc);
      }
    }
    this._stream_reader = null;
    this._stream_writer = null;
    this._task = null;
    this._transport = null;
    return null;
  }

  override data_received(data: unknown): null {
    this._stream_reader?.feed_data(data);
    return null;
  }

  override eof_received(): boolean {
    this._stream_reader?.feed_eof();
    return true;
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

  _get_close_waiter(_stream: unknown): Future {
    return this._closed;
  }
}

/** What a StreamWriter needs of its protocol (StreamReaderProtocol, SubprocessStreamProtocol). */
export interface WriterProtocol {
  _drainHelper(): Generator<unknown, void, unknown>;
}

export class StreamWriter {
  static readonly __module__ = "asyncio.streams";
  constructor(
    readonly _transport: StreamTransport,
    readonly _protocol: WriterProtocol,
    readonly _reader: StreamReader | null,
    readonly _loop: EventLoop,
  ) {}

  __repr__(): string {
    const info = ["StreamWriter", `transport=${repr(this._transport)}`];
    if (this._reader !== null) info.push(`reader=${repr(this._reader)}`);
    return `<${info.join(" ")}>`;
  }

  get transport(): StreamTransport {
    return this._transport;
  }

  write(data: unknown): null {
    this._transport.write(data);
    return null;
  }

  writelines(data: unknown): null {
    this._transport.writelines(data);
    return null;
  }

  write_eof(): unknown {
    return this._transport.write_eof();
  }

  can_write_eof(): unknown {
    return this._transport.can_write_eof();
  }

  close(): unknown {
    return this._transport.close();
  }

  is_closing(): boolean {
    return this._transport.is_closing();
  }

  wait_closed(): Coroutine<null> {
    const self = this;
    return coroutine(function* () {
      yield* await_(callMethod(self._protocol, "_get_close_waiter", self));
      return null;
    }, "StreamWriter.wait_closed");
  }

  get_extra_info(...args: unknown[]): unknown {
    return this._transport.get_extra_info(...args);
  }

  drain(): Coroutine<null> {
    const self = this;
    return coroutine(function* () {
      if (self._reader !== null) {
        const exc = self._reader.exception();
        if (exc !== null) throw exc;
      }
      // Let connection_lost() run first, so a closed socket's error is seen.
      if (self._transport.is_closing()) yield* await_(sleep(0n));
      yield* self._protocol._drainHelper();
      return null;
    }, "StreamWriter.drain");
  }
}

/** `asyncio.open_connection(host, port, *, limit, **kwds)`: a (reader, writer) pair. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function open_connection(...args: unknown[]): Coroutine<Tuple<any>> {
  const [pos, kws] = splitKw(args);
  const host = pos[0] ?? kws["host"] ?? null;
  const port = pos[1] ?? kws["port"] ?? null;
  const limit = kws["limit"] ?? DEFAULT_LIMIT;
  return coroutine(function* () {
    const loop = get_running_loop();
    const reader = new StreamReader(limit, loop);
    const protocol = new StreamReaderProtocol(reader, null, loop);
    const [transport] = (yield* await_(loop.create_connection(() => protocol, host, port))).items as [StreamTransport];
    const writer = new StreamWriter(transport, protocol, reader, loop);
    return Tuple.of(reader, writer);
  }, "open_connection");
}

/** `asyncio.start_server(client_connected_cb, host, port, *, limit, **kwds)`: a Server. */
export function start_server(...args: unknown[]): Coroutine<Server> {
  const [pos, kws] = splitKw(args);
  const cb = pos[0] ?? kws["client_connected_cb"];
  const host = pos[1] ?? kws["host"] ?? null;
  const port = pos[2] ?? kws["port"] ?? null;
  const limit = kws["limit"] ?? DEFAULT_LIMIT;
  const rest: Record<string, unknown> = { ...kws };
  for (const name of ["client_connected_cb", "host", "port", "limit"]) delete rest[name];
  return coroutine(function* () {
    const loop = get_running_loop();
    const factory = (): StreamReaderProtocol => new StreamReaderProtocol(new StreamReader(limit, loop), cb, loop);
    return yield* await_(loop.create_server(factory, host, port, kw(rest)));
  }, "start_server");
}
