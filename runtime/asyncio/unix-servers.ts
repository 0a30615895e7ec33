// Unix-domain stream servers and connections (CPython's unix_events create_unix_server /
// create_unix_connection, streams.open_unix_connection / start_unix_server) on Node's `net`,
// which listens on and connects to socket paths. They share the TCP ones' Server and transport.

import type * as net from "node:net";
import { nodeModule } from "../core/host.js";
import { coroutine, type Coroutine } from "../core/coroutine.js";
import { await_ } from "../core/await.js";
import { OSError, PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw, kw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { callValue } from "../modules/pycall.js";
import { toInt } from "../modules/callable-class.js";
import { osErrorFrom } from "../lang/os-errors.js";
import { EventLoop } from "./events.js";
import { get_running_loop } from "./loop-state.js";
import { sleep } from "./sleep.js";
import { holdHandle, releaseHandle } from "./io-handles.js";
import { Server } from "./servers.js";
import { SocketTransport, TransportSocket, fromNode } from "./transports.js";
import { StreamReader, StreamReaderProtocol, StreamWriter } from "./streams.js";

declare module "./events.js" {
  interface EventLoop {
    create_unix_server(...args: unknown[]): Coroutine<Server>;
    create_unix_connection(...args: unknown[]): Coroutine<Tuple>;
  }
}

const AF_UNIX = 1n;
const SOCK_STREAM = 1n;
/** StreamReader's default buffer limit (asyncio.streams._DEFAULT_LIMIT). */
const DEFAULT_LIMIT = 2 ** 16;

/** A socket path argument: str or a path-like object, as os.fspath gives it. */
function socketPath(path: unknown): string {
  if (typeof path === "string") return path;
  const fspath = (path as { __fspath__?: () => unknown } | null)?.__fspath__;
  if (typeof fspath === "function") {
    const value = fspath.call(path);
    if (typeof value === "string") return value;
  }
  throw new PyTypeError(`expected str, bytes or os.PathLike object, not ${typeName(path)}`);
}

/** A future of `loop` settled from Node's callbacks (through the ready queue). */
function nodeWait(loop: EventLoop, start: (done: () => void, fail: (error: unknown) => void) => void): ReturnType<EventLoop["create_future"]> {
  const fut = loop.create_future();
  start(
    () => fromNode(loop, () => { if (!fut.done()) fut.set_result(null); }),
    (error) => fromNode(loop, () => { if (!fut.done()) fut.set_exception(error); }),
  );
  return fut;
}

/**
 * A unix connect() succeeds at once in CPython, so a client in this program goes on before its
 * server (in this program too) accepts, at the loop's next select. Node reports both ends
 * later, in either order: the server's accept waits until the client's connect has come back.
 */
const connecting = new Map<string, number>();
const heldAccepts = new Map<string, (() => void)[]>();

function pathKey(path: string): string {
  return path.startsWith("\0") ? path : nodeModule("node:path").resolve(path);
}

function connectStarted(key: string): void {
  connecting.set(key, (connecting.get(key) ?? 0) + 1);
}

/** The client's connect came back (done or failed): one held accept goes on. */
function connectEnded(key: string): void {
  const left = (connecting.get(key) ?? 1) - 1;
  if (left > 0) connecting.set(key, left);
  else connecting.delete(key);
  const held = heldAccepts.get(key);
  if (held === undefined) return;
  const next = left > 0 ? held.splice(0, 1) : held.splice(0);
  if (held.length === 0) heldAccepts.delete(key);
  for (const accept of next) accept();
}

/** Runs the server's accept now, or once an in-program client's connect has come back. */
function acceptWhenConnected(key: string, accept: () => void): void {
  if (!connecting.has(key)) return accept();
  let held = heldAccepts.get(key);
  if (held === undefined) heldAccepts.set(key, (held = []));
  held.push(accept);
}

/** A connected unix socket's transport: CPython reports its path on one side, '' on the other. */
function unixTransport(loop: EventLoop, sock: net.Socket, protocol: unknown, waiter: ReturnType<EventLoop["create_future"]>, server: Server | null, sockname: string, peername: string): SocketTransport {
  const transport = new SocketTransport(loop, sock, protocol, waiter, server);
  transport._setAddresses(new TransportSocket(() => sockname, () => peername, AF_UNIX, SOCK_STREAM), sockname, peername);
  return transport;
}

function createUnixServer(this: EventLoop, ...args: unknown[]): Coroutine<Server> {
  const [pos, kws] = splitKw(args);
  const factory = pos[0] ?? kws["protocol_factory"];
  const pathArg = pos[1] ?? kws["path"] ?? null;
  const backlog = kws["backlog"] === undefined ? 100 : toInt(kws["backlog"]);
  const startServing = kws["start_serving"] === undefined ? true : truthy(kws["start_serving"]);
  const loop = this;
  return coroutine(function* () {
    if (kws["ssl"] !== undefined && kws["ssl"] !== null) throw new ValueError("pyts: ssl servers are not supported");
    if (kws["sock"] !== undefined && kws["sock"] !== null) throw new ValueError("pyts: create_unix_server(sock=...) is not supported");
    if (pathArg === null) throw new ValueError("path was not specified, and no sock specified");
    const path = socketPath(pathArg);
    const fs = nodeModule("node:fs");
    // CPython removes a stale socket file left at the path (only a socket).
    if (!path.startsWith("\0")) {
      try {
        if (fs.statSync(path).isSocket()) fs.rmSync(path);
      } catch {
        // no such file
      }
    }
    const server = new Server(loop, factory);
    const ns = nodeModule("node:net").createServer({ allowHalfOpen: true, pauseOnConnect: true });
    const listening = nodeWait(loop, (done, fail) => {
      ns.once("listening", done);
      ns.once("error", (e: NodeJS.ErrnoException) => {
        fail(e.code === "EADDRINUSE" ? new OSError(98n, `Address ${repr(path)} is already in use`) : osErrorFrom(e));
      });
    });
    ns.listen({ path, backlog });
    holdHandle(loop, ns);
    server._nodeServers.push(ns);
    try {
      yield* await_(listening);
    } catch (e) {
      server.close();
      throw e;
    }
    server._sockets!.push(new TransportSocket(() => path, null, AF_UNIX, SOCK_STREAM));
    server._makeTransport = (sock, protocol, waiter) => unixTransport(loop, sock, protocol, waiter, server, path, "");
    const key = pathKey(path);
    ns.on("connection", (sock: net.Socket) => acceptWhenConnected(key, () => fromNode(loop, () => server._accept(sock))));
    if (startServing) {
      server._start_serving();
      // CPython skips one iteration so that the readers are added.
      yield* await_(sleep(0n));
    }
    return server;
  }, "_UnixSelectorEventLoop.create_unix_server");
}

function createUnixConnection(this: EventLoop, ...args: unknown[]): Coroutine<Tuple> {
  const [pos, kws] = splitKw(args);
  const factory = pos[0] ?? kws["protocol_factory"];
  const pathArg = pos[1] ?? kws["path"] ?? null;
  const loop = this;
  return coroutine(function* () {
    if (kws["ssl"] !== undefined && kws["ssl"] !== null && kws["ssl"] !== false) throw new ValueError("pyts: ssl connections are not supported");
    if (kws["sock"] !== undefined && kws["sock"] !== null) throw new ValueError("pyts: create_unix_connection(sock=...) is not supported");
    if (pathArg === null) throw new ValueError("no path and sock were specified");
    const path = socketPath(pathArg);
    const key = pathKey(path);
    connectStarted(key);
    const sock = nodeModule("node:net").connect({ path, allowHalfOpen: true });
    sock.pause();
    holdHandle(loop, sock);
    let onError: (e: NodeJS.ErrnoException) => void = () => {};
    const connected = nodeWait(loop, (done, fail) => {
      sock.once("connect", done);
      onError = (e) => fail(osErrorFrom(e));
      sock.once("error", onError);
    });
    try {
      yield* await_(connected);
    } catch (e) {
      connectEnded(key);
      sock.destroy();
      releaseHandle(loop, sock);
      throw e;
    }
    sock.removeListener("error", onError);
    let protocol: unknown;
    try {
      protocol = callValue(factory);
    } catch (e) {
      connectEnded(key);
      sock.destroy();
      releaseHandle(loop, sock);
      throw e;
    }
    const waiter = loop.create_future();
    const transport = unixTransport(loop, sock, protocol, waiter, null, "", path);
    // the server's accept comes after this transport's first callbacks, as at CPython's next select
    connectEnded(key);
    try {
      yield* await_(waiter);
    } catch (e) {
      transport.close();
      throw e;
    }
    return Tuple.of(transport, protocol);
  }, "_UnixSelectorEventLoop.create_unix_connection");
}

Object.defineProperties(EventLoop.prototype, {
  create_unix_server: { value: createUnixServer, writable: true, configurable: true },
  create_unix_connection: { value: createUnixConnection, writable: true, configurable: true },
});

/** `asyncio.open_unix_connection(path, *, limit, **kwds)`: a (reader, writer) pair. */
export function open_unix_connection(...args: unknown[]): Coroutine<Tuple> {
  const [pos, kws] = splitKw(args);
  const path = pos[0] ?? kws["path"] ?? null;
  const limit = kws["limit"] ?? DEFAULT_LIMIT;
  const rest: Record<string, unknown> = { ...kws };
  for (const name of ["path", "limit"]) delete rest[name];
  return coroutine(function* () {
    const loop = get_running_loop();
    const reader = new StreamReader(limit, loop);
    const protocol = new StreamReaderProtocol(reader, null, loop);
    const [transport] = (yield* await_(loop.create_unix_connection(() => protocol, path, kw(rest)))).items as [SocketTransport];
    const writer = new StreamWriter(transport, protocol, reader, loop);
    return Tuple.of(reader, writer);
  }, "open_unix_connection");
}

/** `asyncio.start_unix_server(client_connected_cb, path, *, limit, **kwds)`: a Server. */
export function start_unix_server(...args: unknown[]): Coroutine<Server> {
  const [pos, kws] = splitKw(args);
  const cb = pos[0] ?? kws["client_connected_cb"];
  const path = pos[1] ?? kws["path"] ?? null;
  const limit = kws["limit"] ?? DEFAULT_LIMIT;
  const rest: Record<string, unknown> = { ...kws };
  for (const name of ["client_connected_cb", "path", "limit"]) delete rest[name];
  return coroutine(function* () {
    const loop = get_running_loop();
    const factory = (): StreamReaderProtocol => new StreamReaderProtocol(new StreamReader(limit, loop), cb, loop);
    return yield* await_(loop.create_unix_server(factory, path, kw(rest)));
  }, "start_unix_server");
}
