// More of the loop's socket methods for the `socket` module's sockets: sock_recvfrom_into,
// getnameinfo (in the default executor, as CPython runs it), and sendfile / sock_sendfile by
// reading the file in blocks, each sent in turn (CPython's fallback path), with the results
// and file positions of the native path CPython takes on Linux.

import { coroutine, type Coroutine } from "../core/coroutine.js";
import { await_ } from "../core/await.js";
import { Tuple } from "../values/tuple.js";
import { PyTypeError, RuntimeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { callMethod } from "../values/methods.js";
import { getattr } from "../values/builtin-functions.js";
import { EventLoop } from "./events.js";
import { PySocket } from "../modules/socket.js";
import { getnameinfo } from "../modules/socket-names.js";

declare module "./events.js" {
  interface EventLoop {
    sock_recvfrom_into(sock: unknown, buf: unknown, nbytes?: unknown): Coroutine<Tuple>;
    getnameinfo(sockaddr: unknown, flags?: unknown): Coroutine<unknown>;
    sock_sendfile(...args: unknown[]): Coroutine<bigint>;
    sendfile(...args: unknown[]): Coroutine<bigint>;
  }
}

/** CPython's block size for the fallback path (base_events: 256 KiB). */
const SENDFILE_FALLBACK_READBUFFER_SIZE = 256 * 1024;

function define(name: string, body: (this: EventLoop, ...args: unknown[]) => Coroutine<unknown>): void {
  Object.defineProperty(EventLoop.prototype, name, { value: body, writable: true, configurable: true });
}

define("sock_recvfrom_into", function (sock, buf, nbytes) {
  const loop = this;
  return coroutine(function* () {
    const [data, address] = (yield* await_(loop.sock_recvfrom(sock, BigInt(nbytes === undefined || nbytes === 0n ? (buf as Uint8Array).length : (nbytes as bigint))))).items as [Uint8Array, unknown];
    (buf as Uint8Array).set(data, 0);
    return Tuple.of(BigInt(data.length), address);
  }, "BaseSelectorEventLoop.sock_recvfrom_into");
});

define("getnameinfo", function (sockaddr, flags = 0n) {
  const loop = this;
  return coroutine(function* () {
    return yield* await_(loop.run_in_executor(null, getnameinfo, sockaddr, flags));
  }, "BaseEventLoop.getnameinfo");
});

/** base_events._check_sendfile_params, then the (offset, count) to use. */
function sendfileParams(sock: { _type?: bigint } | null, file: unknown, offset: unknown, count: unknown): [bigint, bigint | null] {
  const mode = getattr(file, "mode", "b");
  if (typeof mode === "string" && !mode.includes("b")) throw new ValueError("file should be opened in binary mode");
  if (sock !== null && sock._type !== 1n) throw new ValueError("only SOCK_STREAM type sockets are supported");
  if (count !== null) {
    if (typeof count !== "bigint") throw new PyTypeError(`count must be a positive integer (got ${repr(count)})`);
    if (count <= 0n) throw new ValueError(`count must be a positive integer (got ${repr(count)})`);
  }
  if (typeof offset !== "bigint") throw new PyTypeError(`offset must be a non-negative integer (got ${repr(offset)})`);
  if (offset < 0n) throw new ValueError(`offset must be a non-negative integer (got ${repr(offset)})`);
  return [offset, count as bigint | null];
}

/** The fallback loop: blocks read from `file` at `offset`, each handed to `send`; the total sent. */
function* sendBlocks(file: unknown, offset: bigint, count: bigint | null, send: (block: Uint8Array) => Generator<unknown, void, unknown>): Generator<unknown, bigint, unknown> {
  const blocksize = count === null ? SENDFILE_FALLBACK_READBUFFER_SIZE : Math.min(Number(count), SENDFILE_FALLBACK_READBUFFER_SIZE);
  let total = 0n;
  // the native path sends from `offset` whatever the file's position (CPython's native one, on Linux)
  callMethod(file, "seek", offset);
  try {
    for (;;) {
      const want = count === null ? blocksize : Math.min(blocksize, Number(count - total));
      if (want <= 0) break;
      const block = callMethod(file, "read", BigInt(want)) as Uint8Array;
      if (block.length === 0) break;
      yield* send(block);
      total += BigInt(block.length);
    }
    return total;
  } finally {
    if (total > 0n && getattr(file, "seek", null) !== null) callMethod(file, "seek", offset + total);
  }
}

define("sock_sendfile", function (...args) {
  const [pos, kws] = splitKw(args);
  const sock = pos[0] ?? kws["sock"];
  const file = pos[1] ?? kws["file"];
  const offset = pos[2] ?? kws["offset"] ?? 0n;
  const count = pos[3] ?? kws["count"] ?? null;
  const loop = this;
  return coroutine(function* () {
    if (!(sock instanceof PySocket)) throw new PyTypeError("the socket must be a socket.socket");
    const [start, limit] = sendfileParams(sock, file, offset, count);
    return yield* sendBlocks(file, start, limit, function* (block) {
      yield* await_(loop.sock_sendall(sock, block));
    });
  }, "BaseEventLoop.sock_sendfile");
});

define("sendfile", function (...args) {
  const [pos, kws] = splitKw(args);
  const transport = pos[0] ?? kws["transport"];
  const file = pos[1] ?? kws["file"];
  const offset = pos[2] ?? kws["offset"] ?? 0n;
  const count = pos[3] ?? kws["count"] ?? null;
  return coroutine(function* () {
    if (callMethod(transport, "is_closing")) throw new RuntimeError("Transport is closing");
    const [start, limit] = sendfileParams(null, file, offset, count);
    return yield* sendBlocks(file, start, limit, function* (block) {
      callMethod(transport, "write", block);
    });
  }, "BaseEventLoop.sendfile");
});
