// loop.connect_accepted_socket: a transport over a `socket` module socket a program accepted
// itself. The socket lives on the sockets' helper thread (modules/socket-host.ts), so a Node
// Duplex stands for it here (receives are asked of the helper one at a time, sends are posted
// in order) and the loop's TCP transport (transports.ts) runs over that stream as over a
// net.Socket, with the same callbacks in the same order.

import type * as net from "node:net";
import type { Duplex } from "node:stream";
import { nodeModule } from "../core/host.js";
import { coroutine, type Coroutine } from "../core/coroutine.js";
import { await_ } from "../core/await.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { repr } from "../values/repr.js";
import { typeName } from "../values/typename.js";
import { isNone } from "../modules/callable-class.js";
import { callValue } from "../modules/pycall.js";
import { callLater } from "../modules/socket-host.js";
import { PySocket } from "../modules/socket.js";
import { EventLoop } from "./events.js";
import { SocketTransport } from "./transports.js";

declare module "./events.js" {
  interface EventLoop {
    connect_accepted_socket(...args: unknown[]): Coroutine<Tuple>;
  }
}

const SOCK_STREAM = 1n;
const READ_SIZE = 256 * 1024;

/** A Duplex over the helper thread's socket, shaped as the net.Socket SocketTransport reads. */
function helperSocketStream(sock: PySocket): net.Socket {
  const id = sock._fd;
  let receiving = false;
  let referenced = true;
  let unrefPending: (() => void) | null = null;
  let refPending: (() => void) | null = null;
  const stream: Duplex = new (nodeModule("node:stream").Duplex)({
    allowHalfOpen: true,
    read(): void {
      if (receiving) return;
      receiving = true;
      callLater({ op: "recv", id, n: READ_SIZE, peek: false, timeout: null }, false, (unref, ref) => {
        unrefPending = unref;
        refPending = ref;
        if (!referenced) unref();
      }).then((reply) => {
        receiving = false;
        unrefPending = refPending = null;
        if (stream.destroyed) return;
        if (reply.error !== undefined) {
          stream.destroy(Object.assign(new Error(reply.message ?? reply.error), { code: reply.error }));
          return;
        }
        const data = reply.data ?? new Uint8Array(0);
        stream.push(data.length === 0 ? null : Buffer.from(data));
      });
    },
    write(chunk: Buffer, _encoding: string, done: (error?: Error | null) => void): void {
      try {
        sock.sendall(new Uint8Array(chunk));
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    final(done: (error?: Error | null) => void): void {
      try {
        sock.shutdown(1n); // SHUT_WR
      } catch {
        // the peer went away: nothing to end
      }
      done();
    },
    destroy(error: Error | null, done: (error?: Error | null) => void): void {
      sock.close();
      done(error);
    },
  });
  const address = (pair: [string, number] | null): [string | undefined, number | undefined] => (pair === null ? [undefined, undefined] : pair);
  const [localAddress, localPort] = address(sock._local);
  const [remoteAddress, remotePort] = address(sock._peer);
  const family = sock._family === 10n ? "IPv6" : "IPv4";
  return Object.assign(stream, {
    localAddress,
    localPort,
    remoteAddress,
    remotePort,
    localFamily: family,
    remoteFamily: family,
    ref(): unknown {
      referenced = true;
      (refPending as (() => void) | null)?.();
      return stream;
    },
    unref(): unknown {
      referenced = false;
      (unrefPending as (() => void) | null)?.();
      return stream;
    },
    destroySoon(): void {
      if (stream.writable) stream.end();
      if (stream.writableFinished) stream.destroy();
      else stream.once("finish", () => stream.destroy());
    },
  }) as unknown as net.Socket;
}

/** `loop.connect_accepted_socket(protocol_factory, sock, *, ssl=None, ...)`. */
function connectAcceptedSocket(this: EventLoop, ...args: unknown[]): Coroutine<Tuple> {
  const [pos, kws] = splitKw(args);
  const factory = pos[0] ?? kws["protocol_factory"];
  const sock = pos[1] ?? kws["sock"];
  const loop = this;
  return coroutine(function* () {
    if (!(sock instanceof PySocket)) throw new PyTypeError(`the socket must be a socket.socket, not '${typeName(sock)}'`);
    if (sock._type !== SOCK_STREAM) throw new ValueError(`A Stream Socket was expected, got ${repr(sock)}`);
    if (!isNone(kws["ssl_handshake_timeout"])) throw new ValueError("ssl_handshake_timeout is only meaningful with ssl");
    if (!isNone(kws["ssl_shutdown_timeout"])) throw new ValueError("ssl_shutdown_timeout is only meaningful with ssl");
    if (!isNone(kws["ssl"]) && kws["ssl"] !== false) throw new ValueError("pyts: ssl on an accepted socket is not supported");
    const protocol = callValue(factory);
    const waiter = loop.create_future();
    const transport = new SocketTransport(loop, helperSocketStream(sock), protocol, waiter);
    try {
      yield* await_(waiter);
    } catch (exc) {
      transport.close();
      throw exc;
    }
    return Tuple.of(transport, protocol);
  }, "BaseEventLoop.connect_accepted_socket");
}

Object.defineProperty(EventLoop.prototype, "connect_accepted_socket", { value: connectAcceptedSocket, writable: true, configurable: true });
