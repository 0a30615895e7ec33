// The pipe transports of a child process (CPython's _UnixReadPipeTransport and
// _UnixWritePipeTransport as base_subprocess connects them to proc.stdin/stdout/stderr), on the
// Node streams child_process gives. Node's events enter the loop through call_soon_threadsafe
// and the protocol is called from the loop, with CPython's call_soon steps: connection_made,
// then reading, then the waiter; at the end eof_received, then connection_lost.

import type { Readable, Writable } from "node:stream";
import { Bytes } from "../values/bytes.js";
import { HeldReads } from "./held-reads.js";
import { BrokenPipeError, KeyboardInterrupt, OSError, SystemExit, ValueError } from "../values/exceptions.js";
import { Tuple } from "../values/tuple.js";
import { callMethod } from "../values/methods.js";
import { osErrorFrom } from "../lang/os-errors.js";
import { holdHandle, releaseHandle } from "./io-handles.js";
import { setResultUnlessCancelled, type Future } from "./futures.js";
import { ReadTransport, WriteTransport } from "./transport-bases.js";
import { fromNode, sendable } from "./transports.js";
import type { EventLoop } from "./events.js";

const HIGH_WATER = 64 * 1024;

interface Referable {
  ref(): unknown;
  unref(): unknown;
}
function hold(loop: EventLoop, stream: unknown): void {
  if (typeof (stream as Referable).ref === "function") holdHandle(loop, stream as Referable);
}
function release(loop: EventLoop, stream: unknown): void {
  if (typeof (stream as Referable).ref === "function") releaseHandle(loop, stream as Referable);
}

/** A protocol method that failed: the loop's exception handler hears of it (as CPython's does). */
function reportCallbackError(loop: EventLoop, exc: unknown, message: string, transport: unknown, protocol: unknown): void {
  if (exc instanceof SystemExit || exc instanceof KeyboardInterrupt) throw exc;
  loop.call_exception_handler({ message, exception: exc, transport, protocol });
}

type PipeEvent = Bytes | null | OSError;

/**
 * What a child's output stream gave (data, its end as null, an error), listened to from the
 * spawn on: Node drains and drops an unread stream of a child that exited, and the pipe's
 * transport is made a few loop steps later. The events wait here until the transport reads.
 */
export class PipeTap {
  private _sink: ((event: PipeEvent) => void) | null = null;
  private readonly _early: PipeEvent[] = [];
  /** Node saw the end of the stream. */
  ended = false;
  constructor(private readonly _loop: EventLoop, readonly stream: Readable) {
    const loop = _loop;
    stream.pause();
    hold(loop, stream);
    stream.on("data", (chunk: Buffer) => fromNode(loop, () => this._deliver(Bytes.fromArray(chunk))));
    stream.on("end", () => {
      this.ended = true;
      fromNode(loop, () => this._deliver(null));
    });
    stream.on("error", (e: Error) => fromNode(loop, () => this._deliver(osErrorFrom(e))));
  }
  private _deliver(event: PipeEvent): void {
    if (this._sink !== null) this._sink(event);
    else this._early.push(event);
  }
  /** The transport starts reading: what came before (read a step later, as a selector would), then what comes. */
  _attach(sink: (event: PipeEvent) => void): void {
    let replaying = this._early.length;
    const later = (event: PipeEvent): void => {
      this._loop.call_soon(() => {
        replaying--;
        sink(event);
      });
    };
    for (const event of this._early.splice(0)) later(event);
    // Events from Node come straight in, unless replayed ones are still ahead of them.
    this._sink = (event) => (replaying > 0 ? (replaying++, later(event)) : sink(event));
  }
}

/**
 * The read end of a child's stdout or stderr. With stderr=STDOUT the child's two Node streams
 * feed this one transport, which sees the end once both have ended (one pipe in CPython).
 */
export class SubprocessReadPipe extends ReadTransport {
  static readonly pythonName = "_UnixReadPipeTransport";
  static override readonly __module__ = "asyncio.unix_events";
  private _closing = false;
  private _paused = false;
  private _lost = false;
  private _reading = false;
  /** Data (or the end, as null) that came while reading was paused. */
  private readonly _held = new HeldReads(
    (step) => this._loop.call_soon(step),
    () => this._paused,
    () => this._closing,
    (data) => this._dataReady(data),
  );
  private _open: number;
  /** Told when the pipe stops waiting for its end (it ended, closed or paused). */
  _onSettle: (() => void) | null = null;

  constructor(readonly _loop: EventLoop, private readonly _taps: PipeTap[], private _protocol: unknown, waiter: Future | null) {
    super(null);
    this._open = _taps.length;
    _loop.call_soon(() => callMethod(this._protocol, "connection_made", this));
    _loop.call_soon(() => this._addReader());
    if (waiter !== null) _loop.call_soon(setResultUnlessCancelled, waiter, null);
  }

  /** Whether the transport waits for the end of its pipe (not paused, not closed). */
  get _awaitingEnd(): boolean {
    return !this._closing && !this._paused;
  }

  private _addReader(): void {
    if (this._closing || this._paused) return;
    if (!this._reading) {
      this._reading = true;
      for (const tap of this._taps) tap._attach((event) => this._event(event));
    }
    for (const tap of this._taps) tap.stream.resume();
  }

  private _event(event: PipeEvent): void {
    if (event instanceof OSError) this._fatal(event);
    else if (event !== null) this._readReady(event);
    else if (--this._open === 0) this._readReady(null);
  }

  private _readReady(data: Bytes | null): void {
    this._held.offer(data);
  }

  private _dataReady(data: Bytes | null): void {
    if (data !== null) {
      try {
        callMethod(this._protocol, "data_received", data);
      } catch (exc) {
        reportCallbackError(this._loop, exc, "Fatal error: protocol.data_received() call failed.", this, this._protocol);
      }
      return;
    }
    // The end of the pipe: eof_received, then connection_lost, each a step of its own.
    this._closing = true;
    this._loop.call_soon(() => callMethod(this._protocol, "eof_received"));
    this._loop.call_soon(() => this._callConnectionLost(null));
    this._onSettle?.();
  }

  private _fatal(exc: OSError): void {
    if (this._closing) return;
    // CPython reports OSErrors of a pipe only in debug mode.
    if (this._loop.get_debug()) reportCallbackError(this._loop, exc, "Fatal read error on pipe transport", this, this._protocol);
    this._close(exc);
  }

  private _close(exc: unknown): void {
    this._closing = true;
    for (const tap of this._taps) tap.stream.pause();
    this._loop.call_soon(() => this._callConnectionLost(exc));
    this._onSettle?.();
  }

  private _callConnectionLost(exc: unknown): void {
    if (this._lost) return;
    this._lost = true;
    try {
      callMethod(this._protocol, "connection_lost", exc);
    } finally {
      for (const tap of this._taps) {
        tap.stream.destroy();
        release(this._loop, tap.stream);
      }
    }
  }

  override is_reading(): boolean {
    return !this._paused && !this._closing;
  }

  override pause_reading(): null {
    if (this._closing || this._paused) return null;
    this._paused = true;
    for (const tap of this._taps) tap.stream.pause();
    this._onSettle?.();
    return null;
  }

  override resume_reading(): null {
    if (this._closing || !this._paused) return null;
    this._paused = false;
    this._held.resume();
    this._loop.call_soon(() => this._addReader());
    return null;
  }

  override is_closing(): boolean {
    return this._closing;
  }

  override close(): null {
    if (!this._closing) this._close(null);
    return null;
  }

  override get_protocol(): unknown {
    return this._protocol;
  }

  override set_protocol(protocol: unknown): null {
    this._protocol = protocol;
    return null;
  }

  override get_extra_info(name: unknown, fallback: unknown = null): unknown {
    return fallback;
  }

  __repr__(): string {
    const state = this._lost ? " closed" : this._closing ? " closing" : "";
    return `<_UnixReadPipeTransport${state} ${this._paused ? "idle" : "polling"}>`;
  }
}

/** The write end of a child's stdin. */
export class SubprocessWritePipe extends WriteTransport {
  static readonly pythonName = "_UnixWritePipeTransport";
  static override readonly __module__ = "asyncio.unix_events";
  private _closing = false;
  private _connLost = 0;
  private _lost = false;
  private _protocolPaused = false;
  private _high = HIGH_WATER;
  private _low = HIGH_WATER / 4;

  constructor(readonly _loop: EventLoop, private readonly _stream: Writable, private _protocol: unknown, waiter: Future | null) {
    super(null);
    hold(_loop, _stream);
    _stream.on("drain", () => fromNode(_loop, () => this._drained()));
    // A write to a pipe its reader closed fails with EPIPE (Node ignores SIGPIPE, as CPython does).
    _stream.on("error", (e: Error) => fromNode(_loop, () => this._fatal(osErrorFrom(e))));
    _loop.call_soon(() => callMethod(this._protocol, "connection_made", this));
    if (waiter !== null) _loop.call_soon(setResultUnlessCancelled, waiter, null);
  }

  override write(data: unknown): null {
    const bytes = sendable(data);
    if (bytes.length === 0) return null;
    if (this._connLost || this._closing) {
      this._connLost++;
      return null;
    }
    // A copy: a bytearray may change after write() returns.
    this._stream.write(new Uint8Array(bytes));
    this._maybePauseProtocol();
    return null;
  }

  override writelines(list: unknown): null {
    for (const data of list as Iterable<unknown>) this.write(data);
    return null;
  }

  override can_write_eof(): boolean {
    return true;
  }

  override write_eof(): null {
    if (this._closing) return null;
    this._closing = true;
    const buffered = this._stream.writableLength > 0;
    this._stream.end();
    // Buffered data is still written; connection_lost follows once it has been.
    if (!buffered) this._loop.call_soon(() => this._callConnectionLost(null));
    else this._stream.once("finish", () => fromNode(this._loop, () => this._callConnectionLost(null)));
    return null;
  }

  override get_write_buffer_size(): bigint {
    return BigInt(this._stream.writableLength);
  }

  override get_write_buffer_limits(): Tuple {
    return Tuple.of(BigInt(this._low), BigInt(this._high));
  }

  override set_write_buffer_limits(high: unknown = null, low: unknown = null): null {
    let h = high === null ? null : Number(high);
    let l = low === null ? null : Number(low);
    if (h === null) h = l === null ? HIGH_WATER : 4 * l;
    if (l === null) l = Math.floor(h / 4);
    if (!(h >= l && l >= 0)) throw new ValueError(`high (${h}) must be >= low (${l}) must be >= 0`);
    this._high = h;
    this._low = l;
    this._maybePauseProtocol();
    return null;
  }

  private _maybePauseProtocol(): void {
    if (this._stream.writableLength <= this._high || this._protocolPaused) return;
    this._protocolPaused = true;
    try {
      callMethod(this._protocol, "pause_writing");
    } catch (exc) {
      reportCallbackError(this._loop, exc, "protocol.pause_writing() failed", this, this._protocol);
    }
  }

  private _drained(): void {
    if (!this._protocolPaused || this._stream.writableLength > this._low) return;
    this._protocolPaused = false;
    try {
      callMethod(this._protocol, "resume_writing");
    } catch (exc) {
      reportCallbackError(this._loop, exc, "protocol.resume_writing() failed", this, this._protocol);
    }
  }

  /** The child closed its end (it exited): what CPython's read event on the write end does. */
  _peerClosed(): void {
    if (this._lost || this._connLost) return;
    if (this._closing && this._stream.writableLength === 0) return; // connection_lost is on its way
    this._close(this._stream.writableLength > 0 ? new BrokenPipeError() : null);
  }

  private _fatal(exc: OSError): void {
    if (this._lost || this._connLost) return;
    if (this._loop.get_debug()) reportCallbackError(this._loop, exc, "Fatal write error on pipe transport", this, this._protocol);
    this._close(exc);
  }

  private _close(exc: unknown): void {
    this._closing = true;
    this._connLost++;
    this._loop.call_soon(() => this._callConnectionLost(exc));
  }

  override is_closing(): boolean {
    return this._closing;
  }

  override close(): null {
    if (!this._closing) this.write_eof();
    return null;
  }

  override abort(): null {
    if (!this._lost && !this._connLost) this._close(null);
    return null;
  }

  private _callConnectionLost(exc: unknown): void {
    if (this._lost) return;
    this._lost = true;
    try {
      callMethod(this._protocol, "connection_lost", exc);
    } finally {
      this._stream.destroy();
      release(this._loop, this._stream);
    }
  }

  override get_protocol(): unknown {
    return this._protocol;
  }

  override set_protocol(protocol: unknown): null {
    this._protocol = protocol;
    return null;
  }

  override get_extra_info(_name: unknown, fallback: unknown = null): unknown {
    return fallback;
  }

  __repr__(): string {
    const state = this._lost ? " closed" : this._closing ? " closing" : "";
    return `<_UnixWritePipeTransport${state} bufsize=${this._stream.writableLength}>`;
  }
}
