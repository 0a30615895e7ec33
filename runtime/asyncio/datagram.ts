// UDP endpoints of the loop (CPython's create_datagram_endpoint and _SelectorDatagramTransport)
// on Node's `dgram`. Each datagram and error enters the loop through call_soon_threadsafe.

import type * as dgram from "node:dgram";
import { nodeModule } from "../core/host.js";
import { coroutine, type Coroutine } from "../core/coroutine.js";
import { await_ } from "../core/await.js";
import { Bytes } from "../values/bytes.js";
import { OSError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { callMethod } from "../values/methods.js";
import { callValue } from "../modules/pycall.js";
import { toInt } from "../modules/callable-class.js";
import { osErrorFor } from "../modules/urllib.js";
import { EventLoop } from "./events.js";
import { setResultUnlessCancelled } from "./futures.js";
import type { Future } from "./futures.js";
import { holdHandle, releaseHandle } from "./io-handles.js";
import { TransportSocket, addressTuple, fromNode, reportFatal, sendable } from "./transports.js";

declare module "./events.js" {
  interface EventLoop {
    create_datagram_endpoint(...args: unknown[]): Coroutine<Tuple>;
  }
}

export class DatagramTransport {
  static readonly pythonName = "_SelectorDatagramTransport";
  static readonly __module__ = "asyncio.selector_events";
  _protocol: unknown;
  private _closing = false;
  private _connLost = 0;
  private readonly _extra = new Map<string, unknown>();

  constructor(
    readonly _loop: EventLoop,
    private readonly _sock: dgram.Socket,
    protocol: unknown,
    private readonly _address: Tuple | null,
    waiter: Future,
  ) {
    this._protocol = protocol;
    const family = (_sock.address().family as string) === "IPv6" ? 6 : 4;
    const local = (): Tuple => {
      const a = _sock.address();
      return addressTuple(a.address, a.port, a.family);
    };
    const remote = (): Tuple => {
      const a = _sock.remoteAddress();
      return addressTuple(a.address, a.port, a.family);
    };
    this._extra.set("socket", new TransportSocket(local, _address === null ? null : remote, family === 6 ? 10n : 2n, 2n));
    this._extra.set("sockname", local());
    this._extra.set("peername", _address);
    holdHandle(_loop, _sock);
    _sock.on("message", (msg: Buffer, rinfo: dgram.RemoteInfo) =>
      fromNode(_loop, () => this._received(Bytes.fromArray(msg), addressTuple(rinfo.address, rinfo.port, rinfo.family))),
    );
    _sock.on("error", (e: NodeJS.ErrnoException) => fromNode(_loop, () => this._errorReceived(osErrorFor(e.code ?? "", e.message))));
    _loop.call_soon(() => callMethod(this._protocol, "connection_made", this));
    _loop.call_soon(setResultUnlessCancelled, waiter, null);
  }

  private _received(data: Bytes, addr: Tuple): void {
    if (this._connLost) return;
    try {
      callMethod(this._protocol, "datagram_received", data, addr);
    } catch (exc) {
      reportFatal(this._loop, exc, "Fatal error: protocol.datagram_received() call failed.", this, this._protocol);
    }
  }

  private _errorReceived(exc: OSError): void {
    if (this._connLost) return;
    callMethod(this._protocol, "error_received", exc);
  }

  sendto(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    const bytes = sendable(pos[0] ?? kws["data"]);
    const addr = pos.length > 1 ? pos[1] : (kws["addr"] ?? null);
    if (bytes.length === 0) return null;
    if (this._address !== null && addr !== null && !(addr instanceof Tuple && repr(addr) === repr(this._address))) {
      throw new ValueError(`Invalid address: must be None or ${repr(this._address)}`);
    }
    if (this._connLost) {
      this._connLost++;
      return null;
    }
    const copy = new Uint8Array(bytes);
    if (this._address !== null || addr === null) {
      this._sock.send(copy);
    } else {
      const [host, port] = (addr as Tuple).items;
      this._sock.send(copy, toInt(port), String(host));
    }
    return null;
  }

  get_write_buffer_size(): bigint {
    return 0n;
  }

  is_closing(): boolean {
    return this._closing;
  }

  close(): null {
    if (this._closing) return null;
    this._closing = true;
    this._connLost++;
    this._loop.call_soon(() => this._callConnectionLost(null));
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
      this._sock.close();
      releaseHandle(this._loop, this._sock);
    }
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
    return `<_SelectorDatagramTransport${this._connLost ? " closed" : this._closing ? " closing" : ""}>`;
  }
}

/** A (host, port) argument as Node wants it. */
function hostPort(addr: unknown, what: string): [string, number] {
  if (!(addr instanceof Tuple) || addr.length < 2) throw new ValueError(`pyts: ${what} must be a (host, port) tuple`);
  const [host, port] = addr.items;
  return [host === null ? "0.0.0.0" : String(host), toInt(port)];
}

function createDatagramEndpoint(this: EventLoop, ...args: unknown[]): Coroutine<Tuple> {
  const [pos, kws] = splitKw(args);
  const factory = pos[0] ?? kws["protocol_factory"];
  const localAddr = pos[1] ?? kws["local_addr"] ?? null;
  const remoteAddr = pos[2] ?? kws["remote_addr"] ?? null;
  const loop = this;
  return coroutine(function* () {
    if (kws["sock"] !== undefined && kws["sock"] !== null) throw new ValueError("pyts: create_datagram_endpoint(sock=...) is not supported");
    const net = nodeModule("node:net");
    const local = localAddr === null ? null : hostPort(localAddr, "local_addr");
    const remote = remoteAddr === null ? null : hostPort(remoteAddr, "remote_addr");
    const v6 = net.isIPv6((local ?? remote ?? ["0.0.0.0"])[0]) || toInt(kws["family"] ?? 0n) === 10;
    const sock = nodeModule("node:dgram").createSocket({ type: v6 ? "udp6" : "udp4", reuseAddr: truthy(kws["reuse_port"] ?? false) });
    holdHandle(loop, sock);
    const step = (start: (done: (error?: NodeJS.ErrnoException) => void) => void): Future => {
      const fut = loop.create_future();
      const finish = (error?: NodeJS.ErrnoException): void =>
        fromNode(loop, () => {
          if (fut.done()) return;
          if (error === undefined) fut.set_result(null);
          else fut.set_exception(osErrorFor(error.code ?? "", error.message));
        });
      sock.once("error", finish);
      start((error) => {
        sock.removeListener("error", finish);
        finish(error);
      });
      return fut;
    };
    try {
      if (local !== null) yield* await_(step((done) => sock.bind(local[1], local[0], () => done())));
      if (remote !== null) yield* await_(step((done) => sock.connect(remote[1], remote[0], () => done())));
      if (local === null && remote === null) yield* await_(step((done) => sock.bind(0, v6 ? "::" : "0.0.0.0", () => done())));
    } catch (e) {
      sock.close();
      releaseHandle(loop, sock);
      if (e instanceof OSError && local !== null && e.args.length < 2) {
        throw new OSError(`error while attempting to bind on address ${repr(localAddr)}`);
      }
      throw e;
    }
    const protocol = callValue(factory);
    const waiter = loop.create_future();
    const remoteTuple = remote === null ? null : addressTuple(sock.remoteAddress().address, sock.remoteAddress().port, sock.remoteAddress().family);
    const transport = new DatagramTransport(loop, sock, protocol, remoteTuple, waiter);
    try {
      yield* await_(waiter);
    } catch (e) {
      transport.close();
      throw e;
    }
    return Tuple.of(transport, protocol);
  }, "BaseEventLoop.create_datagram_endpoint");
}

Object.defineProperty(EventLoop.prototype, "create_datagram_endpoint", {
  value: createDatagramEndpoint,
  writable: true,
  configurable: true,
});
