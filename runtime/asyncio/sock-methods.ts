// The event loop's `sock_*` methods for the `socket` module's sockets: each is a coroutine
// whose wait runs on the sockets' helper thread (modules/socket-host.ts) while the loop turns;
// the answer enters the loop's ready queue as a Node completion does.

import { coroutine, type Coroutine } from "../core/coroutine.js";
import { await_ } from "../core/await.js";
import { Bytes } from "../values/bytes.js";
import { Tuple } from "../values/tuple.js";
import { PyTypeError } from "../values/exceptions.js";
import { typeName } from "../values/typename.js";
import { EventLoop } from "./events.js";
import { fromNode } from "./transports.js";
import { callLater, socketError, type Job, type Reply } from "../modules/socket-host.js";
import { allocateFd, PySocket, releaseFd } from "../modules/socket.js";

declare module "./events.js" {
  interface EventLoop {
    sock_recv(sock: unknown, n: unknown): Coroutine<Bytes>;
    sock_recv_into(sock: unknown, buf: unknown): Coroutine<bigint>;
    sock_recvfrom(sock: unknown, n: unknown): Coroutine<Tuple>;
    sock_sendall(sock: unknown, data: unknown): Coroutine<null>;
    sock_sendto(sock: unknown, data: unknown, address: unknown): Coroutine<bigint>;
    sock_accept(sock: unknown): Coroutine<Tuple>;
    sock_connect(sock: unknown, address: unknown): Coroutine<null>;
  }
}

function socketOf(sock: unknown): PySocket {
  if (!(sock instanceof PySocket)) throw new PyTypeError(`the socket must be a socket.socket, not '${typeName(sock)}'`);
  return sock;
}

/** Runs the command on the helper thread; its answer (or error) settles a loop future. */
function* ask(loop: EventLoop, job: Job): Generator<unknown, Reply, unknown> {
  const fut = loop.create_future();
  let unref: (() => void) | null = null;
  callLater(job, false, (u) => (unref = u)).then((reply) =>
    fromNode(loop, () => {
      if (fut.done()) return;
      if (reply.error !== undefined) fut.set_exception(socketError(reply.error, reply.message));
      else fut.set_result(reply);
    }),
  );
  // A cancelled wait must not keep the process alive.
  fut.add_done_callback(() => (unref as (() => void) | null)?.());
  return (yield* await_(fut)) as Reply;
}

function define(name: string, body: (this: EventLoop, ...args: unknown[]) => Coroutine<unknown>): void {
  Object.defineProperty(EventLoop.prototype, name, { value: body, writable: true, configurable: true });
}

define("sock_recv", function (sock, n) {
  const s = socketOf(sock);
  return coroutine(function* (this: EventLoop) {
    const reply = yield* ask(this, { op: "recv", id: s._fd, n: Number(n), peek: false, timeout: null });
    return Bytes.fromArray(reply.data ?? new Uint8Array(0));
  }.bind(this), "BaseSelectorEventLoop.sock_recv");
});

define("sock_recv_into", function (sock, buf) {
  const s = socketOf(sock);
  const target = buf as Uint8Array;
  return coroutine(function* (this: EventLoop) {
    const reply = yield* ask(this, { op: "recv", id: s._fd, n: target.length, peek: false, timeout: null });
    const data = reply.data ?? new Uint8Array(0);
    target.set(data, 0);
    return BigInt(data.length);
  }.bind(this), "BaseSelectorEventLoop.sock_recv_into");
});

define("sock_recvfrom", function (sock, n) {
  const s = socketOf(sock);
  return coroutine(function* (this: EventLoop) {
    const reply = yield* ask(this, { op: "recvfrom", id: s._fd, n: Number(n), peek: false, timeout: null });
    const from = reply.from ?? null;
    return Tuple.of(Bytes.fromArray(reply.data ?? new Uint8Array(0)), from === null ? null : Tuple.of(from[0], BigInt(from[1])));
  }.bind(this), "BaseSelectorEventLoop.sock_recvfrom");
});

define("sock_sendall", function (sock, data) {
  const s = socketOf(sock);
  s.sendall(data);
  return coroutine(function* () {
    return null;
  }, "BaseSelectorEventLoop.sock_sendall");
});

define("sock_sendto", function (sock, data, address) {
  const s = socketOf(sock);
  const sent = s.sendto(data, address);
  return coroutine(function* () {
    return sent;
  }, "BaseSelectorEventLoop.sock_sendto");
});

define("sock_accept", function (sock) {
  const s = socketOf(sock);
  return coroutine(function* (this: EventLoop) {
    const newId = allocateFd();
    let reply: Reply;
    try {
      reply = yield* ask(this, { op: "accept", id: s._fd, newId, timeout: null });
    } catch (error) {
      releaseFd(newId);
      throw error;
    }
    const conn = new PySocket(s._family, s._type, s._proto, newId);
    conn._timeout = 0;
    conn._local = reply.local ?? null;
    conn._peer = reply.peer ?? null;
    return Tuple.of(conn, conn.getpeername());
  }.bind(this), "BaseSelectorEventLoop.sock_accept");
});

define("sock_connect", function (sock, address) {
  const s = socketOf(sock);
  return coroutine(function* () {
    const timeout = s._timeout;
    s._timeout = null;
    try {
      s.connect(address);
    } finally {
      s._timeout = timeout;
    }
    return null;
  }, "BaseSelectorEventLoop.sock_connect");
});
