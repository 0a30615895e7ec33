// A TCP transport (CPython's _SelectorSocketTransport) on a Node socket. Node's events enter
// the loop through call_soon_threadsafe, one handle per event, as CPython's selector would
// run the reader callback; the protocol's methods run from those handles, never from Node.

import type * as net from "node:net";
import { Bytes } from "../values/bytes.js";
import { HeldReads } from "./held-reads.js";
import { KeyboardInterrupt, OSError, PyTypeError, RuntimeError, SystemExit, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { callMethod } from "../values/methods.js";
import { repr } from "../values/repr.js";
import { osErrorFrom } from "../lang/os-errors.js";
import { holdHandle, releaseHandle } from "./io-handles.js";
import type { EventLoop } from "./events.js";
import type { Future } from "./futures.js";
import { setResultUnlessCancelled } from "./futures.js";
import { Transport } from "./transport-bases.js";

/** What a transport tells the server that accepted it (Server._attach/_detach). */
export interface TransportServer {
  _attach(): void;
  _detach(): void;
}

/** A socket address as Python shows it: (host, port), or a 4-tuple for IPv6. */
export function addressTuple(host: string | undefined, port: number | undefined, family?: string | number): Tuple {
  const v6 = family === "IPv6" || family === 6;
  return v6 ? Tuple.of(host ?? "", BigInt(port ?? 0), 0n, 0n) : Tuple.of(host ?? "", BigInt(port ?? 0));
}

/** Bytes-like data a transport may send (bytes, bytearray, memoryview-like arrays). */
export function sendable(data: unknown, what = "data argument"): Uint8Array {
  if (data instanceof Uint8Array) return data;
  throw new PyTypeError(`${what} must be a bytes-like object, not '${typeName(data)}'`);
}

/** Runs `fn` as a Node completion: queued on the loop, unless the loop was closed meanwhile. */
export function fromNode(loop: EventLoop, fn: () => void): void {
  if (loop.is_closed()) return;
  loop.call_soon_threadsafe(fn);
}

/** `socket.socket`'s read-only view a transport exposes (asyncio.trsock.TransportSocket). */
export class TransportSocket {
  static readonly pythonName = "TransportSocket";
  static readonly __module__ = "asyncio.trsock";
  constructor(
    private readonly local: () => unknown,
    private readonly remote: (() => unknown) | null,
    readonly family: bigint,
    readonly type: bigint,
  ) {}
  get proto(): bigint {
    if (this.family === 1n) return 0n; // AF_UNIX
    return this.type === 1n ? 6n : 17n;
  }
  getsockname(): unknown {
    return this.local();
  }
  getpeername(): unknown {
    if (this.remote === null) throw new OSError(107n, "Transport endpoint is not connected");
    return this.remote();
  }
  __repr__(): string {
    let text = `<asyncio.TransportSocket family=${this.family}, type=${this.type}, proto=${this.proto}`;
    try {
      // a unix socket's address is its path, shown bare; an unbound one ('') not at all
      const show = (address: unknown): string => (typeof address === "string" ? address : repr(address));
      const local = this.local();
      if (local !== "") text += `, laddr=${show(local)}`;
      if (this.remote !== null) text += `, raddr=${show(this.remote())}`;
    } catch {
      // closed: no addresses
    }
    return text + ">";
  }
}

/** The exception handler's report of a transport failure, then its forced close. */
export function reportFatal(
  loop: EventLoop,
  exc: unknown,
  message: string,
  transport: { _forceClose(exc: unknown): void },
  protocol: unknown,
): void {
  if (exc instanceof SystemExit || exc instanceof KeyboardInterrupt) throw exc;
  // CPython logs OSErrors only in debug mode.
  if (!(exc instanceof OSError) || loop.get_debug()) {
    loop.call_exception_handler({ message, exception: exc, transport, protocol });
  }
  transport._forceClose(exc);
}

const HIGH_WATER = 64 * 1024;

export class SocketTransport {
  static readonly pythonName = "_SelectorSocketTransport";
  static readonly __module__ = "asyncio.selector_events";
  _protocol: unknown;
  private _closing = false;
  private _eofWritten = false;
  private _connLost = 0;
  private _paused = false;
  /** Data (or the end, as null) that came while reading was paused. */
  private readonly _held = new HeldReads(
    (step) => this._loop.call_soon(step),
    () => this._paused,
    () => this._connLost !== 0,
    (data) => this._dataReady(data),
  );
  private _protocolPaused = false;
  private _high = HIGH_WATER;
  private _low = HIGH_WATER / 4;
  private readonly _extra = new Map<string, unknown>();

  constructor(
    readonly _loop: EventLoop,
    private readonly _sock: net.Socket,
    protocol: unknown,
    waiter: Future | null,
    private readonly _server: TransportServer | null = null,
  ) {
    this._protocol = protocol;
    const family = _sock.remoteFamily ?? (_sock.localAddress?.includes(":") ? "IPv6" : "IPv4");
    const local = (): Tuple => addressTuple(_sock.localAddress, _sock.localPort, _sock.localFamily ?? family);
    const remote = (): Tuple => addressTuple(_sock.remoteAddress, _sock.remotePort, family);
    this._extra.set("socket", new TransportSocket(local, remote, family === "IPv6" ? 10n : 2n, 1n));
    this._extra.set("sockname", local());
    this._extra.set("peername", remote());
    _server?._attach();
    holdHandle(_loop, _sock);
    _sock.pause(); // reading starts with _add_reader, after connection_made
    _sock.on("data", (chunk: Buffer) => fromNode(_loop, () => this._readReady(Bytes.fromArray(chunk))));
    _sock.on("end", () => fromNode(_loop, () => this._readReady(null)));
    _sock.on("drain", () => fromNode(_loop, () => this._drained()));
    let failure: NodeJS.ErrnoException | null = null;
    _sock.on("error", (e: NodeJS.ErrnoException) => (failure = e));
    _sock.on("close", () => fromNode(_loop, () => this._closedByPeer(failure)));
    // CPython's order: connection_made, then the reader, then the waiter's result.
    _loop.call_soon(() => callMethod(this._protocol, "connection_made", this));
    _loop.call_soon(() => this._addReader());
    if (waiter !== null) _loop.call_soon(setResultUnlessCancelled, waiter, null);
  }

  private _addReader(): void {
    if (this._closing || this._paused) return;
    this._sock.resume();
  }

  /** One read event: data, or the end of the stream (null). */
  private _readReady(data: Bytes | null): void {
    this._held.offer(data);
  }

  private _dataReady(data: Bytes | null): void {
    if (data !== null) {
      try {
        callMethod(this._protocol, "data_received", data);
      } catch (exc) {
        reportFatal(this._loop, exc, "Fatal error: protocol.data_received() call failed.", this, this._protocol);
      }
      return;
    }
    let keepOpen: unknown;
    try {
      keepOpen = callMethod(this._protocol, "eof_received");
    } catch (exc) {
      reportFatal(this._loop, exc, "Fatal error: protocol.eof_received() call failed.", this, this._protocol);
      return;
    }
    if (!truthy(keepOpen)) this.close();
  }

  private _closedByPeer(failure: NodeJS.ErrnoException | null): void {
    if (this._connLost) return;
    this._forceClose(failure === null ? null : osErrorFrom(failure));
  }

  // ---- writing ----

  write(data: unknown): null {
    const bytes = sendable(data);
    if (this._eofWritten) throw new RuntimeError("Cannot call write() after write_eof()");
    if (bytes.length === 0) return null;
    if (this._connLost) {
      this._connLost++;
      return null;
    }
    // A copy: a bytearray may change after write() returns.
    this._sock.write(new Uint8Array(bytes));
    this._maybePauseProtocol();
    return null;
  }

  writelines(list: Iterable<unknown>): null {
    for (const data of list) this.write(data);
    return null;
  }

  write_eof(): null {
    if (this._closing || this._eofWritten) return null;
    this._eofWritten = true;
    this._sock.end();
    return null;
  }

  can_write_eof(): boolean {
    return true;
  }

  get_write_buffer_size(): bigint {
    return BigInt(this._sock.writableLength);
  }

  get_write_buffer_limits(): Tuple {
    return Tuple.of(BigInt(this._low), BigInt(this._high));
  }

  set_write_buffer_limits(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    const high = pos[0] ?? kws["high"] ?? null;
    const low = pos[1] ?? kws["low"] ?? null;
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
    if (this._sock.writableLength <= this._high || this._protocolPaused) return;
    this._protocolPaused = true;
    try {
      callMethod(this._protocol, "pause_writing");
    } catch (exc) {
      if (exc instanceof SystemExit || exc instanceof KeyboardInterrupt) throw exc;
      this._loop.call_exception_handler({ message: "protocol.pause_writing() failed", exception: exc, transport: this, protocol: this._protocol });
    }
  }

  private _drained(): void {
    if (!this._protocolPaused || this._sock.writableLength > this._low) return;
    this._protocolPaused = false;
    try {
      callMethod(this._protocol, "resume_writing");
    } catch (exc) {
      if (exc instanceof SystemExit || exc instanceof KeyboardInterrupt) throw exc;
      this._loop.call_exception_handler({ message: "protocol.resume_writing() failed", exception: exc, transport: this, protocol: this._protocol });
    }
  }

  // ---- reading flow ----

  is_reading(): boolean {
    return !this._paused && !this._closing;
  }

  pause_reading(): null {
    if (this._closing || this._paused) return null;
    this._paused = true;
    this._sock.pause();
    return null;
  }

  resume_reading(): null {
    if (this._closing || !this._paused) return null;
    this._paused = false;
    this._held.resume();
    this._loop.call_soon(() => this._addReader());
    return null;
  }

  // ---- closing ----

  is_closing(): boolean {
    return this._closing;
  }

  close(): null {
    if (this._closing) return null;
    this._closing = true;
    this._connLost++;
    this._sock.pause();
    // Buffered data is still sent; connection_lost follows once it has been.
    if (this._sock.writableLength === 0) this._loop.call_soon(() => this._callConnectionLost(null));
    else this._sock.once("finish", () => fromNode(this._loop, () => this._callConnectionLost(null)));
    this._sock.end();
    return null;
  }

  abort(): null {
    this._forceClose(null);
    return null;
  }

  _forceClose(exc: unknown): void {
    if (this._connLost) return;
    this._closing = true;
    this._connLost++;
    this._loop.call_soon(() => this._callConnectionLost(exc));
  }

  private _callConnectionLost(exc: unknown): void {
    try {
      callMethod(this._protocol, "connection_lost", exc);
    } finally {
      this._sock.destroySoon();
      releaseHandle(this._loop, this._sock);
      this._server?._detach();
    }
  }

  // ---- information ----

  /** The addresses a unix socket's transport reports (unix-servers.ts). */
  _setAddresses(socket: TransportSocket, sockname: unknown, peername: unknown): void {
    this._extra.set("socket", socket);
    this._extra.set("sockname", sockname);
    this._extra.set("peername", peername);
  }

  get_extra_info(...args: unknown[]): unknown {
    const [pos, kws] = splitKw(args);
    const name = String(pos[0] ?? kws["name"]);
    const fallback = pos.length > 1 ? pos[1] : (kws["default"] ?? null);
    return this._extra.has(name) ? this._extra.get(name) : fallback;
  }

  get_protocol(): unknown {
    return this._protocol;
  }

  set_protocol(protocol: unknown): null {
    this._protocol = protocol;
    return null;
  }

  __repr__(): string {
    const state = this._connLost ? " closed" : this._closing ? " closing" : "";
    const reading = this._closing ? "" : this._paused ? " read=idle" : " read=polling";
    const size = this._sock.writableLength;
    const writing = this._connLost ? "" : ` write=<${size > 0 ? "polling" : "idle"}, bufsize=${size}>`;
    return `<_SelectorSocketTransport${state}${reading}${writing}>`;
  }
}

// A _SelectorSocketTransport is an asyncio.Transport (isinstance, issubclass); its own methods
// stand before the abstract ones. (Its `_extra` differs in kind, so it cannot extend the class.)
Object.setPrototypeOf(SocketTransport.prototype, Transport.prototype);
Object.setPrototypeOf(SocketTransport, Transport);
