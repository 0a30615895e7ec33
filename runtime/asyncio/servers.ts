// TCP servers and connections of the loop (CPython's base_events create_server /
// create_connection and asyncio.base_events.Server) on Node's `net`. The methods are added to
// EventLoop here, so the loop's own file stays about scheduling.

import type * as net from "node:net";
import { nodeModule } from "../core/host.js";
import { coroutine, type Coroutine } from "../core/coroutine.js";
import { await_ } from "../core/await.js";
import { OSError, RuntimeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { callValue } from "../modules/pycall.js";
import { toInt } from "../modules/callable-class.js";
import { osErrorFrom } from "../lang/os-errors.js";
import { EventLoop } from "./events.js";
import { CancelledError } from "./exceptions.js";
import type { Future } from "./futures.js";
import { sleep } from "./sleep.js";
import { holdHandle, releaseHandle } from "./io-handles.js";
import { SocketTransport, TransportSocket, addressTuple, fromNode } from "./transports.js";

declare module "./events.js" {
  interface EventLoop {
    create_server(...args: unknown[]): Coroutine<Server>;
    create_connection(...args: unknown[]): Coroutine<Tuple>;
  }
}

/** The strerror CPython shows for a failed bind, by Node's error code. */
const BIND_ERRORS: Record<string, [bigint, string]> = {
  EADDRINUSE: [98n, "address already in use"],
  EADDRNOTAVAIL: [99n, "cannot assign requested address"],
  EACCES: [13n, "permission denied"],
};

export class Server {
  static readonly __module__ = "asyncio.base_events";
  _sockets: TransportSocket[] | null = [];
  readonly _nodeServers: net.Server[] = [];
  _active_count = 0;
  _waiters: Future[] | null = [];
  _serving = false;
  _serving_forever_fut: Future | null = null;
  /** Connections Node accepted before start_serving() (CPython would not have listened yet). */
  private readonly _early: net.Socket[] = [];
  /** Makes an accepted connection's transport (unix servers report their path: unix-servers.ts). */
  _makeTransport = (sock: net.Socket, protocol: unknown, waiter: Future): SocketTransport =>
    new SocketTransport(this._loop, sock, protocol, waiter, this);

  constructor(readonly _loop: EventLoop, readonly _protocol_factory: unknown) {}

  __repr__(): string {
    return `<Server sockets=${repr(this.sockets)}>`;
  }

  _attach(): void {
    this._active_count++;
  }

  _detach(): void {
    this._active_count--;
    if (this._active_count === 0 && this._sockets === null) this._wakeup();
  }

  private _wakeup(): void {
    const waiters = this._waiters;
    this._waiters = null;
    for (const waiter of waiters ?? []) if (!waiter.done()) waiter.set_result(waiter);
  }

  _start_serving(): void {
    if (this._serving) return;
    this._serving = true;
    for (const sock of this._early.splice(0)) this._accept(sock);
  }

  /** A connection Node accepted: CPython's _accept_connection, then its task. */
  _accept(sock: net.Socket): void {
    if (this._sockets === null) {
      sock.destroy();
      return;
    }
    if (!this._serving) {
      this._early.push(sock);
      return;
    }
    const loop = this._loop;
    const server = this;
    loop.create_task(coroutine(function* () {
      const protocol = callValue(server._protocol_factory);
      const waiter = loop.create_future();
      const transport = server._makeTransport(sock, protocol, waiter);
      try {
        yield* await_(waiter);
      } catch (exc) {
        transport.close();
        if (exc instanceof CancelledError) throw exc;
        loop.call_exception_handler({ message: "Error on transport creation for incoming connection", exception: exc, protocol, transport });
      }
      return null;
    }, "BaseSelectorEventLoop._accept_connection2"));
  }

  get_loop(): EventLoop {
    return this._loop;
  }

  is_serving(): boolean {
    return this._serving;
  }

  get sockets(): Tuple {
    return Tuple.of(...(this._sockets ?? []));
  }

  close(): null {
    const sockets = this._sockets;
    if (sockets === null) return null;
    this._sockets = null;
    for (const ns of this._nodeServers) {
      ns.close();
      releaseHandle(this._loop, ns);
    }
    for (const sock of this._early.splice(0)) sock.destroy();
    this._serving = false;
    const forever = this._serving_forever_fut;
    if (forever !== null && !forever.done()) forever.cancel();
    if (this._active_count === 0) this._wakeup();
    return null;
  }

  start_serving(): Coroutine<null> {
    const self = this;
    return coroutine(function* () {
      self._start_serving();
      yield* await_(sleep(0n));
      return null;
    }, "Server.start_serving");
  }

  serve_forever(): Coroutine<null> {
    const self = this;
    return coroutine(function* () {
      if (self._serving_forever_fut !== null) {
        throw new RuntimeError(`server ${repr(self)} is already being awaited on serve_forever()`);
      }
      if (self._sockets === null) throw new RuntimeError(`server ${repr(self)} is closed`);
      self._start_serving();
      const fut = self._loop.create_future();
      self._serving_forever_fut = fut;
      try {
        yield* await_(fut);
      } catch (exc) {
        if (exc instanceof CancelledError) {
          self.close();
          yield* await_(self.wait_closed());
        }
        throw exc;
      } finally {
        self._serving_forever_fut = null;
      }
      return null;
    }, "Server.serve_forever");
  }

  wait_closed(): Coroutine<null> {
    const self = this;
    return coroutine(function* () {
      // 3.11 returns at once once close() was called (its _sockets is None then).
      if (self._sockets === null || self._waiters === null) return null;
      const waiter = self._loop.create_future();
      self._waiters.push(waiter);
      yield* await_(waiter);
      return null;
    }, "Server.wait_closed");
  }

  __aenter__(): Coroutine<Server> {
    const self = this;
    return coroutine(function* () {
      return self;
    }, "Server.__aenter__");
  }

  __aexit__(..._exc: unknown[]): Coroutine<null> {
    const self = this;
    return coroutine(function* () {
      self.close();
      yield* await_(self.wait_closed());
      return null;
    }, "Server.__aexit__");
  }
}

/** A future of `loop` settled by a Node callback (through the ready queue). */
function nodeFuture<T>(loop: EventLoop, start: (done: (value: T) => void, fail: (error: unknown) => void) => void): Future {
  const fut = loop.create_future();
  start(
    (value) => fromNode(loop, () => { if (!fut.done()) fut.set_result(value); }),
    (error) => fromNode(loop, () => { if (!fut.done()) fut.set_exception(error); }),
  );
  return fut;
}

/** The addresses to listen on for `host` (None or "": every IPv4 and IPv6 interface). */
function* listenAddresses(loop: EventLoop, host: unknown): Generator<unknown, { address: string; family: number }[], unknown> {
  const net = nodeModule("node:net");
  const hosts = host === null || host === undefined || host === "" ? [null] : typeof host === "string" ? [host] : [...(host as Iterable<string>)];
  const out: { address: string; family: number }[] = [];
  for (const h of hosts) {
    if (h === null) {
      out.push({ address: "0.0.0.0", family: 4 }, { address: "::", family: 6 });
    } else if (net.isIP(h) !== 0) {
      out.push({ address: h, family: net.isIP(h) });
    } else {
      const found = (yield* await_(nodeFuture<{ address: string; family: number }[]>(loop, (done, fail) =>
        nodeModule("node:dns").lookup(h, { all: true }, (err, addresses) => (err ? fail(osErrorFrom(err)) : done(addresses))),
      ))) as { address: string; family: number }[];
      for (const a of found) if (!out.some((o) => o.address === a.address)) out.push(a);
    }
  }
  return out;
}

function createServer(this: EventLoop, ...args: unknown[]): Coroutine<Server> {
  const [pos, kws] = splitKw(args);
  const factory = pos[0] ?? kws["protocol_factory"];
  const host = pos[1] ?? kws["host"] ?? null;
  const portArg = pos[2] ?? kws["port"] ?? null;
  const backlog = kws["backlog"] === undefined ? 100 : toInt(kws["backlog"]);
  const startServing = kws["start_serving"] === undefined ? true : truthy(kws["start_serving"]);
  const loop = this;
  return coroutine(function* () {
    if (kws["ssl"] !== undefined && kws["ssl"] !== null) throw new ValueError("pyts: ssl servers are not supported");
    if (kws["sock"] !== undefined && kws["sock"] !== null) throw new ValueError("pyts: create_server(sock=...) is not supported");
    const port = portArg === null ? 0 : toInt(portArg);
    const server = new Server(loop, factory);
    const addresses = yield* listenAddresses(loop, host);
    try {
      for (const { address, family } of addresses) {
        const ns = nodeModule("node:net").createServer({ allowHalfOpen: true, pauseOnConnect: true });
        const listening = nodeFuture<null>(loop, (done, fail) => {
          ns.once("listening", () => done(null));
          ns.once("error", (e: NodeJS.ErrnoException) => {
            const [errno, text] = BIND_ERRORS[e.code ?? ""] ?? [0n, e.message];
            fail(new OSError(errno, `error while attempting to bind on address ${repr(addressTuple(address, port, family))}: ${text}`));
          });
        });
        ns.listen({ host: address, port, backlog, ipv6Only: family === 6 });
        holdHandle(loop, ns);
        server._nodeServers.push(ns);
        try {
          yield* await_(listening);
        } catch (e) {
          // No IPv6 on this machine: the IPv4 socket serves alone, as CPython's would.
          if (host === null && family === 6 && (e as OSError).errno === 99n) continue;
          throw e;
        }
        const bound = (): Tuple => {
          const a = ns.address() as net.AddressInfo;
          return addressTuple(a.address, a.port, a.family);
        };
        const fixed = bound();
        server._sockets!.push(new TransportSocket(() => fixed, null, family === 6 ? 10n : 2n, 1n));
        ns.on("connection", (sock: net.Socket) => fromNode(loop, () => server._accept(sock)));
      }
    } catch (e) {
      server.close();
      throw e;
    }
    if (startServing) {
      server._start_serving();
      // CPython skips one iteration so that the readers are added.
      yield* await_(sleep(0n));
    }
    return server;
  }, "BaseEventLoop.create_server");
}

function createConnection(this: EventLoop, ...args: unknown[]): Coroutine<Tuple> {
  const [pos, kws] = splitKw(args);
  const factory = pos[0] ?? kws["protocol_factory"];
  const host = pos[1] ?? kws["host"] ?? null;
  const port = pos[2] ?? kws["port"] ?? null;
  const loop = this;
  return coroutine(function* () {
    if (kws["ssl"] !== undefined && kws["ssl"] !== null && kws["ssl"] !== false) throw new ValueError("pyts: ssl connections are not supported");
    if (host === null || port === null) throw new ValueError("host and port was not specified and no sock specified");
    const options: net.NetConnectOpts = { host: String(host), port: toInt(port), allowHalfOpen: true };
    const local = kws["local_addr"];
    if (local instanceof Tuple) {
      const [lhost, lport] = local.items;
      Object.assign(options, { localAddress: String(lhost), localPort: toInt(lport) });
    }
    const sock = nodeModule("node:net").connect(options);
    sock.pause();
    holdHandle(loop, sock);
    let onError: (e: NodeJS.ErrnoException) => void = () => {};
    const connected = nodeFuture<null>(loop, (done, fail) => {
      sock.once("connect", () => done(null));
      onError = (e) => {
        const error = osErrorFrom(e);
        const address = (e as { address?: string }).address;
        // CPython: "[Errno 111] Connect call failed ('127.0.0.1', 8888)".
        const failed = address !== undefined && error.args.length >= 2
          ? new (error.constructor as typeof OSError)(error.errno, `Connect call failed ${repr(addressTuple(address, (e as { port?: number }).port, net4or6(address)))}`)
          : error;
        fail(failed);
      };
      sock.once("error", onError);
    });
    try {
      yield* await_(connected);
    } catch (e) {
      sock.destroy();
      releaseHandle(loop, sock);
      throw e;
    }
    sock.removeListener("error", onError);
    const protocol = callValue(factory);
    const waiter = loop.create_future();
    const transport = new SocketTransport(loop, sock, protocol, waiter);
    try {
      yield* await_(waiter);
    } catch (e) {
      transport.close();
      throw e;
    }
    return Tuple.of(transport, protocol);
  }, "BaseEventLoop.create_connection");
}

function net4or6(address: string): number {
  return address.includes(":") ? 6 : 4;
}

Object.defineProperties(EventLoop.prototype, {
  create_server: { value: createServer, writable: true, configurable: true },
  create_connection: { value: createConnection, writable: true, configurable: true },
});
