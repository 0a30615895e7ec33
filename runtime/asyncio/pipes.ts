// The loop's pipe transports (CPython's unix_events connect_read_pipe / connect_write_pipe,
// _UnixReadPipeTransport and _UnixWritePipeTransport) for file objects over pipe descriptors
// (os.pipe()). The read end is watched by Node through a second descriptor of the same pipe
// (so the Python file object keeps its own and closes it, as CPython's transport does); the
// write end writes at once, as CPython's first os.write does.

import type * as net from "node:net";
import { nodeModule } from "../core/host.js";
import { coroutine, type Coroutine } from "../core/coroutine.js";
import { await_ } from "../core/await.js";
import { Bytes } from "../values/bytes.js";
import { ValueError } from "../values/exceptions.js";
import { Tuple } from "../values/tuple.js";
import { callMethod } from "../values/methods.js";
import { callValue } from "../modules/pycall.js";
import { osErrorFrom } from "../lang/os-errors.js";
import { EventLoop } from "./events.js";
import { setResultUnlessCancelled } from "./futures.js";
import { holdHandle, releaseHandle } from "./io-handles.js";
import { ReadTransport, WriteTransport } from "./transport-bases.js";
import { fileobjToFd } from "./fileobj-fd.js";
import { fromNode, sendable } from "./transports.js";

declare module "./events.js" {
  interface EventLoop {
    connect_read_pipe(protocolFactory: unknown, pipe: unknown): Coroutine<Tuple>;
    connect_write_pipe(protocolFactory: unknown, pipe: unknown): Coroutine<Tuple>;
  }
}

/** The pipe's descriptor, checked as CPython checks it (pipes, sockets and character devices). */
function pipeFd(pipe: unknown, write: boolean): number {
  const fd = fileobjToFd(pipe);
  const stat = nodeModule("node:fs").fstatSync(fd);
  if (!(stat.isFIFO() || stat.isSocket() || stat.isCharacterDevice())) {
    throw new ValueError(write ? "Pipe transport is only for pipes, sockets and character devices" : "Pipe transport is for pipes/sockets only.");
  }
  return fd;
}

export class UnixReadPipeTransport extends ReadTransport {
  static readonly pythonName = "_UnixReadPipeTransport";
  static override readonly __module__ = "asyncio.unix_events";
  private _closing = false;
  private _paused = false;
  private readonly _stream: net.Socket;

  constructor(readonly _loop: EventLoop, readonly _pipe: unknown, private _protocol: unknown, fd: number, waiter: ReturnType<EventLoop["create_future"]>) {
    super(null);
    const fs = nodeModule("node:fs");
    const own = fs.openSync(`/proc/self/fd/${fd}`, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    this._stream = new (nodeModule("node:net").Socket)({ fd: own, readable: true, writable: false });
    this._stream.pause();
    holdHandle(_loop, this._stream);
    this._stream.on("data", (chunk: Buffer) => fromNode(_loop, () => this._dataReceived(chunk)));
    this._stream.on("end", () => fromNode(_loop, () => this._eof()));
    this._stream.on("error", (e: Error) => fromNode(_loop, () => this._fatal(e)));
    _loop.call_soon(() => callMethod(this._protocol, "connection_made", this));
    _loop.call_soon(() => {
      if (!this._closing && !this._paused) this._stream.resume();
    });
    _loop.call_soon(setResultUnlessCancelled, waiter, null);
  }

  private _dataReceived(chunk: Buffer): void {
    if (this._closing) return;
    callMethod(this._protocol, "data_received", Bytes.fromArray(chunk));
  }

  private _eof(): void {
    if (this._closing) return;
    this._closing = true;
    this._loop.call_soon(() => callMethod(this._protocol, "eof_received"));
    this._loop.call_soon(() => this._connectionLost(null));
  }

  private _fatal(error: Error): void {
    if (this._closing) return;
    this._closing = true;
    this._loop.call_soon(() => this._connectionLost(osErrorFrom(error)));
  }

  private _connectionLost(exc: unknown): void {
    try {
      callMethod(this._protocol, "connection_lost", exc);
    } finally {
      this._stream.destroy();
      releaseHandle(this._loop, this._stream);
      callMethod(this._pipe, "close");
    }
  }

  override is_reading(): boolean {
    return !this._paused && !this._closing;
  }

  override pause_reading(): null {
    if (this._closing || this._paused) return null;
    this._paused = true;
    this._stream.pause();
    return null;
  }

  override resume_reading(): null {
    if (this._closing || !this._paused) return null;
    this._paused = false;
    this._stream.resume();
    return null;
  }

  override is_closing(): boolean {
    return this._closing;
  }

  override close(): null {
    if (!this._closing) {
      this._closing = true;
      this._stream.pause();
      this._loop.call_soon(() => this._connectionLost(null));
    }
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
    return name === "pipe" ? this._pipe : fallback;
  }
}

export class UnixWritePipeTransport extends WriteTransport {
  static readonly pythonName = "_UnixWritePipeTransport";
  static override readonly __module__ = "asyncio.unix_events";
  private _closing = false;
  private _lost = false;

  constructor(readonly _loop: EventLoop, readonly _pipe: unknown, private _protocol: unknown, private readonly _fd: number, waiter: ReturnType<EventLoop["create_future"]>) {
    super(null);
    _loop.call_soon(() => callMethod(this._protocol, "connection_made", this));
    _loop.call_soon(setResultUnlessCancelled, waiter, null);
  }

  override write(data: unknown): null {
    const bytes = sendable(data);
    if (bytes.length === 0 || this._lost) return null;
    if (this._closing) return null;
    const fs = nodeModule("node:fs");
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += fs.writeSync(this._fd, bytes, offset);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EAGAIN") continue;
        this._closing = true;
        this._loop.call_soon(() => this._connectionLost(osErrorFrom(e)));
        return null;
      }
    }
    return null;
  }

  override can_write_eof(): boolean {
    return true;
  }

  override write_eof(): null {
    return this.close();
  }

  override get_write_buffer_size(): bigint {
    return 0n;
  }

  override is_closing(): boolean {
    return this._closing;
  }

  override close(): null {
    if (!this._closing) {
      this._closing = true;
      this._loop.call_soon(() => this._connectionLost(null));
    }
    return null;
  }

  override abort(): null {
    return this.close();
  }

  private _connectionLost(exc: unknown): void {
    if (this._lost) return;
    this._lost = true;
    try {
      callMethod(this._protocol, "connection_lost", exc);
    } finally {
      callMethod(this._pipe, "close");
    }
  }

  override get_protocol(): unknown {
    return this._protocol;
  }

  override set_protocol(protocol: unknown): null {
    this._protocol = protocol;
    return null;
  }

  override get_extra_info(name: unknown, fallback: unknown = null): unknown {
    return name === "pipe" ? this._pipe : fallback;
  }
}

function connectPipe(loop: EventLoop, protocolFactory: unknown, pipe: unknown, write: boolean, name: string): Coroutine<Tuple> {
  return coroutine(function* () {
    const protocol = callValue(protocolFactory);
    const waiter = loop.create_future();
    const fd = pipeFd(pipe, write);
    const transport = write
      ? new UnixWritePipeTransport(loop, pipe, protocol, fd, waiter)
      : new UnixReadPipeTransport(loop, pipe, protocol, fd, waiter);
    try {
      yield* await_(waiter);
    } catch (e) {
      transport.close();
      throw e;
    }
    return Tuple.of(transport, protocol);
  }, name);
}

Object.defineProperties(EventLoop.prototype, {
  connect_read_pipe: {
    value: function (this: EventLoop, protocolFactory: unknown, pipe: unknown) {
      return connectPipe(this, protocolFactory, pipe, false, "BaseEventLoop.connect_read_pipe");
    },
    writable: true,
    configurable: true,
  },
  connect_write_pipe: {
    value: function (this: EventLoop, protocolFactory: unknown, pipe: unknown) {
      return connectPipe(this, protocolFactory, pipe, true, "BaseEventLoop.connect_write_pipe");
    },
    writable: true,
    configurable: true,
  },
});
