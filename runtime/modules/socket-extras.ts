// The socket methods and module functions beyond the everyday ones: scatter/gather messages
// (sendmsg/recvmsg without ancillary data: Node's sockets cannot pass descriptors or control
// messages), recvfrom_into, sendfile, descriptors shared by dup/fromfd, inheritability, and
// socket.SocketIO. Installed on PySocket by socket.ts once the class exists.

import { Bytes } from "../values/bytes.js";
import { ByteArray } from "../values/bytearray.js";
import { OSError, PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { asIndex } from "../values/slice.js";
import { getattrImpl } from "../values/attributes.js";
import { callValue } from "./pycall.js";
import { isNone, pyClass } from "./callable-class.js";
import { call, checked } from "./socket-host.js";
import { SocketFile } from "./socket-file.js";
import type { PySocket } from "./socket.js";

declare module "./socket.js" {
  interface PySocket {
    sendmsg(buffers: unknown, ancdata?: unknown, flags?: unknown, address?: unknown): bigint;
    recvmsg(bufsize: unknown, ancbufsize?: unknown, flags?: unknown): Tuple;
    recvmsg_into(buffers: unknown, ancbufsize?: unknown, flags?: unknown): Tuple;
    recvfrom_into(buffer: unknown, nbytes?: unknown, flags?: unknown): Tuple;
    sendmsg_afalg(...args: unknown[]): never;
    sendfile(file: unknown, offset?: unknown, count?: unknown): bigint;
    dup(): PySocket;
    get_inheritable(): boolean;
    set_inheritable(flag: unknown): null;
    _inheritable?: boolean;
  }
}

/** The operations of socket.ts these need (passed in: the two files import each other). */
export interface SocketCore {
  create(family: bigint, type: bigint, proto: bigint, fd: number): PySocket;
  allocateFd(): number;
  releaseFd(fd: number): void;
  fdInUse(fd: number): boolean;
}

let core: SocketCore;

function toInt(x: unknown): number {
  const n = asIndex(x);
  if (n === undefined) throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
  return Number(n);
}

function ancillaryRefused(ancdata: unknown): void {
  if (ancdata === undefined || isNone(ancdata)) return;
  if (Array.from(ancdata as Iterable<unknown>).length > 0) {
    // Node's sockets have no sendmsg(2): control messages (SCM_RIGHTS, credentials) cannot be sent.
    throw new OSError(95n, "Operation not supported");
  }
}

/** Copies `data` into the writable buffers in turn; the count copied. */
function scatter(data: Uint8Array, buffers: Uint8Array[]): number {
  let at = 0;
  for (const buffer of buffers) {
    const part = data.subarray(at, at + buffer.length);
    buffer.set(part, 0);
    at += part.length;
    if (at >= data.length) break;
  }
  return at;
}

function writableBuffer(buffer: unknown, what: string): Uint8Array {
  if (!(buffer instanceof Uint8Array) || (buffer instanceof Bytes && !(buffer instanceof ByteArray))) {
    throw new PyTypeError(`${what} must be read-write bytes-like object, not ${typeName(buffer)}`);
  }
  return buffer as Uint8Array;
}

/** A value got from a call that may be a thread switch (a Suspension the awaited call unwraps). */
function then<T, R>(value: T, next: (v: T) => R): R {
  return value !== null && typeof value === "object" && typeof (value as { then?: unknown }).then === "function" && !(value instanceof Tuple) && !(value instanceof Bytes)
    ? ((value as unknown as PromiseLike<T>).then(next) as unknown as R)
    : next(value);
}

const methods: ThisType<PySocket> & Record<string, (this: PySocket, ...args: any[]) => unknown> = {
  sendmsg(buffers: unknown, ancdata?: unknown, flags?: unknown, address?: unknown): bigint {
    const parts = Array.from(buffers as Iterable<unknown>).map((b) => {
      if (!(b instanceof Uint8Array)) throw new PyTypeError(`a bytes-like object is required, not '${typeName(b)}'`);
      return b;
    });
    ancillaryRefused(ancdata);
    const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      joined.set(p, at);
      at += p.length;
    }
    const data = Bytes.fromArray(joined);
    if (address !== undefined && !isNone(address)) return this.sendto(data, flags ?? 0n, address);
    return this.send(data, flags ?? 0n);
  },

  recvmsg(bufsize: unknown, ancbufsize?: unknown, flags?: unknown): Tuple {
    if (toInt(bufsize) < 0) throw new ValueError("negative buffer size in recvmsg()");
    if (ancbufsize !== undefined && toInt(ancbufsize) < 0) throw new ValueError("negative buffer size in recvmsg()");
    const got = this.recvfrom(bufsize, flags);
    return then(got, (pair: Tuple) => Tuple.of(pair.at(0), [], 0n, this._type === 2n ? pair.at(1) : null));
  },

  recvmsg_into(buffers: unknown, ancbufsize?: unknown, flags?: unknown): Tuple {
    const targets = Array.from(buffers as Iterable<unknown>).map((b) => writableBuffer(b, "recvmsg_into() argument 1"));
    if (ancbufsize !== undefined && toInt(ancbufsize) < 0) throw new ValueError("negative buffer size in recvmsg_into()");
    const room = targets.reduce((n, b) => n + b.length, 0);
    const got = this.recvfrom(BigInt(room), flags);
    return then(got, (pair: Tuple) => Tuple.of(BigInt(scatter(pair.at(0) as Bytes, targets)), [], 0n, this._type === 2n ? pair.at(1) : null));
  },

  recvfrom_into(buffer: unknown, nbytes?: unknown, flags?: unknown): Tuple {
    const target = writableBuffer(buffer, "recvfrom_into() argument 'buffer'");
    const n = nbytes === undefined || toInt(nbytes) === 0 ? target.length : toInt(nbytes);
    if (n < 0) throw new ValueError("negative buffersize in recvfrom_into");
    if (n > target.length) throw new ValueError("nbytes is greater than the length of the buffer");
    const got = this.recvfrom(BigInt(n), flags);
    return then(got, (pair: Tuple) => {
      const data = pair.at(0) as Bytes;
      target.set(data, 0);
      return Tuple.of(BigInt(data.length), pair.at(1));
    });
  },

  sendmsg_afalg(..._args: unknown[]): never {
    // (CPython's check: the kernel crypto API only takes AF_ALG sockets, which Node cannot make)
    throw new OSError("algset is only supported for AF_ALG");
  },

  /** sendfile(file, offset=0, count=None): the file's bytes from offset (count of them) sent; the file's position moves past them. */
  sendfile(file: unknown, offset?: unknown, count?: unknown): bigint {
    if (this._type !== 1n) throw new ValueError("only SOCK_STREAM type sockets are supported");
    const mode = getattrImpl(file, "mode");
    if (typeof mode === "string" && !mode.includes("b")) throw new ValueError("file should be opened in binary mode");
    const start = offset === undefined || isNone(offset) ? 0 : toInt(offset);
    if (start < 0) throw new ValueError(`offset must be a non-negative integer (got ${start})`);
    const limit = count === undefined || isNone(count) ? -1 : toInt(count);
    if (count !== undefined && !isNone(count) && limit <= 0) throw new ValueError(`count must be a positive integer (got ${limit})`);
    if (start !== 0) callValue(getattrImpl(file, "seek"), BigInt(start));
    const data = callValue(getattrImpl(file, "read"), BigInt(limit)) as Bytes;
    if (data.length > 0) this.sendall(data);
    return BigInt(data.length);
  },

  dup(): PySocket {
    if (this._fd < 0) throw new OSError(9n, "Bad file descriptor");
    const copy = core.create(this._family, this._type, this._proto, Number(dup(BigInt(this._fd))));
    copy._timeout = this._timeout;
    copy._local = this._local;
    copy._peer = this._peer;
    return copy;
  },

  get_inheritable(): boolean {
    if (this._fd < 0) throw new OSError(9n, "Bad file descriptor");
    return this._inheritable ?? false;
  },

  set_inheritable(flag: unknown): null {
    if (this._fd < 0) throw new OSError(9n, "Bad file descriptor");
    this._inheritable = flag === true || (typeof flag === "bigint" && flag !== 0n);
    return null;
  },
};

/** Puts the methods on the socket class (called by socket.ts once PySocket is defined). */
export function installSocketExtras(cls: { prototype: PySocket }, operations: SocketCore): void {
  core = operations;
  for (const [name, method] of Object.entries(methods)) {
    Object.defineProperty(cls.prototype, name, { value: method, writable: true, configurable: true });
  }
}

// ---- module functions ----

/** A descriptor of a socket of this program (one detached from its object counts). */
function openFd(fd: unknown): number {
  const n = toInt(fd);
  if (!core.fdInUse(n)) throw new OSError(9n, "Bad file descriptor");
  return n;
}

/** socket.close(fd): closes the descriptor (a socket object still holding it finds it closed). */
export function close(fd: unknown): null {
  const n = openFd(fd);
  checked(call({ op: "close", id: n }));
  core.releaseFd(n);
  return null;
}

/** socket.dup(fd): a new descriptor for the same socket. */
export function dup(fd: unknown): bigint {
  const n = openFd(fd);
  const copy = core.allocateFd();
  const reply = call({ op: "dup", id: n, newId: copy });
  if (reply.error !== undefined) core.releaseFd(copy);
  checked(reply);
  return BigInt(copy);
}

/** socket.fromfd(fd, family, type, proto=0): a socket object on a duplicate of fd. */
export function fromfd(fd: unknown, family: unknown, type: unknown, proto: unknown = 0n): PySocket {
  const newFd = dup(fd);
  return core.create(BigInt(toInt(family)), BigInt(toInt(type)), BigInt(toInt(proto)), Number(newFd));
}

export function send_fds(sock: unknown, buffers: unknown, fds: unknown, flags: unknown = 0n, address: unknown = null): bigint {
  const list = Array.from(fds as Iterable<unknown>);
  return (sock as PySocket).sendmsg(buffers, list.length === 0 ? [] : [Tuple.of(1n, 1n, Bytes.fromArray([]))], flags, address);
}

export function recv_fds(sock: unknown, bufsize: unknown, maxfds: unknown, flags: unknown = 0n): Tuple {
  toInt(maxfds);
  const got = (sock as PySocket).recvmsg(bufsize, 0n, flags);
  return then(got, (msg: Tuple) => Tuple.of(msg.at(0), [], msg.at(2), msg.at(3)));
}

/** socket.SocketIO(sock, mode): the raw binary file over a socket that makefile() buffers. */
class SocketIO extends SocketFile {
  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const sock = pos[0] ?? kws["sock"];
    const mode = String(pos[1] ?? kws["mode"]);
    if (!["r", "w", "rw", "rb", "wb", "rwb"].includes(mode)) throw new ValueError(`invalid mode: '${mode}'`);
    (sock as PySocket)._files++;
    super(sock as PySocket, mode.includes("b") ? mode : mode + "b", "utf-8", null);
  }
}

// (typed loosely: its private fields cannot appear in the module's declared type)
export const SocketIOClass: any = pyClass(SocketIO);
