// Python's `socket`: blocking (and non-blocking, and timed) TCP and UDP sockets on Node's net
// and dgram, which live on a helper thread (socket-host.ts). A socket is numbered like a file
// descriptor (the lowest free one from 3, as the kernel hands them out).

import { Bytes } from "../values/bytes.js";
import { ByteArray } from "../values/bytearray.js";
import { OSError, PyTypeError, ValueError, OverflowError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { repr, str } from "../values/repr.js";
import { typeName } from "../values/typename.js";
import { gaierror, KINDS, portNumber } from "../asyncio/addrinfo.js";
import { AddressFamily, AddressInfo, enumConstants, familyMember, kindMember, MsgFlag, SocketKind } from "./socket-enums.js";
import { SOCKET_INTS } from "./socket-constants-data.js";
import * as names from "./socket-names.js";
import * as extras from "./socket-extras.js";
import { isNone, pyClass, toNumber } from "./callable-class.js";
import { asIndex } from "../values/slice.js";
import { moduleObject } from "./module-object.js";
import { call, checked, drive, post, type Steps } from "./socket-host.js";
import { SocketFile } from "./socket-file.js";
import { TimeoutError } from "../values/exceptions.js";
// the event loop's sock_* methods for these sockets (until now, stubs that load this file: asyncio/sock-stubs.ts)
import "../asyncio/sock-methods.js";
import "../asyncio/fd-watchers.js";
import "../asyncio/sock-sendfile.js";

const AF_UNIX = 1n;
const AF_INET = 2n;
const AF_INET6 = 10n;
const AI_PASSIVE = 1;
const SOCK_STREAM = 1n;
const SOCK_DGRAM = 2n;
const MSG_PEEK = 2n;

/** An int argument (an IntEnum such as AF_INET too), as a JS number. */
function toInt(x: unknown): number {
  const n = asIndex(x);
  if (n === undefined) throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
  return Number(n);
}

const usedFds = new Set<number>();

/** The lowest descriptor number not in use (from 3: 0-2 are the standard streams). */
export function allocateFd(): number {
  let fd = 3;
  while (usedFds.has(fd)) fd++;
  usedFds.add(fd);
  return fd;
}

/** Is `fd` one of this module's sockets? */
export function fdInUse(fd: number): boolean {
  return usedFds.has(fd);
}

/** A descriptor number reserved for a connection that did not come is free again. */
export function releaseFd(fd: number): void {
  usedFds.delete(fd);
}

let defaultTimeout: number | null = null;

function timeoutValue(value: unknown): number | null {
  if (isNone(value)) return null;
  if (typeof value !== "number" && typeof value !== "bigint" && typeof value !== "boolean") {
    throw new PyTypeError(`'${typeName(value)}' object cannot be interpreted as an integer or float`);
  }
  const seconds = toNumber(value);
  if (seconds < 0) throw new ValueError("Timeout value out of range");
  return seconds;
}

const family = familyMember;
const kind = kindMember;

/** Bytes-like data to send. */
export function sendData(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return new Uint8Array(data);
  throw new PyTypeError(`a bytes-like object is required, not '${typeName(data)}'`);
}

export class PySocket {
  static readonly pythonName = "socket";
  static readonly __module__ = "socket";
  _fd: number;
  readonly _family: bigint;
  readonly _type: bigint;
  readonly _proto: bigint;
  _timeout: number | null = defaultTimeout;
  _local: [string, number] | null = null;
  _peer: [string, number] | null = null;
  _listening = false;
  _options = new Map<string, unknown>();
  _files = 0;
  _closeWhenFilesClose = false;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const fam = pos[0] ?? kws["family"] ?? -1n;
    const type = pos[1] ?? kws["type"] ?? -1n;
    const proto = pos[2] ?? kws["proto"] ?? -1n;
    this._family = BigInt(toInt(fam)) === -1n ? AF_INET : BigInt(toInt(fam));
    this._type = BigInt(toInt(type)) === -1n ? SOCK_STREAM : BigInt(toInt(type));
    this._proto = BigInt(toInt(proto)) === -1n ? 0n : BigInt(toInt(proto));
    if (this._family !== AF_INET && this._family !== AF_INET6 && this._family !== AF_UNIX) throw new OSError(97n, "Address family not supported by protocol");
    if (this._type !== SOCK_STREAM && this._type !== SOCK_DGRAM) throw new OSError(94n, "Socket type not supported");
    const fileno = pos[3] ?? kws["fileno"];
    if (typeof fileno === "number") {
      this._fd = fileno;
      return;
    }
    this._fd = allocateFd();
    post({ op: "create", id: this._fd, udp: this._type === SOCK_DGRAM, family: Number(this._family) });
  }

  get family(): unknown {
    return family(this._family);
  }
  get type(): unknown {
    return kind(this._type);
  }
  get proto(): bigint {
    return this._proto;
  }
  get timeout(): number | null {
    return this._timeout;
  }

  private open(): number {
    if (this._fd < 0) throw new OSError(9n, "Bad file descriptor");
    return this._fd;
  }

  private address(address: unknown, forBind: boolean): [string, number] {
    if (!(address instanceof Tuple) || (address.length !== 2 && address.length !== 4)) {
      throw new PyTypeError(`${this._family === AF_INET6 ? "AF_INET6" : "AF_INET"} address must be tuple, not ${typeName(address)}`);
    }
    const host = address.at(0);
    const port = address.at(1);
    if (typeof host !== "string") throw new PyTypeError(`str, bytes or bytearray expected, not ${typeName(host)}`);
    if (typeof port !== "bigint" && typeof port !== "boolean") throw new PyTypeError(`'${typeName(port)}' object cannot be interpreted as an integer`);
    const n = toInt(port);
    if (n < 0 || n > 65535) throw new OverflowError(`${forBind ? "bind" : "connect"}(): port must be 0-65535.`);
    const any = this._family === AF_INET6 ? "::" : "0.0.0.0";
    const name = host === "" ? (forBind ? any : "127.0.0.1") : host === "<broadcast>" ? "255.255.255.255" : host;
    return [name, n];
  }

  private addressOut(a: [string, number] | null): Tuple {
    if (this._family === AF_UNIX) return Tuple.of() as Tuple;
    const [host, port] = a ?? [this._family === AF_INET6 ? "::" : "0.0.0.0", 0];
    return this._family === AF_INET6 ? Tuple.of(host, BigInt(port), 0n, 0n) : Tuple.of(host.replace(/^::ffff:/, ""), BigInt(port));
  }

  bind(address: unknown): null {
    const [host, port] = this.address(address, true);
    if (this._local !== null) throw new OSError(22n, "Invalid argument");
    const reply = checked(call({ op: "bind", id: this.open(), host, port }));
    this._local = reply.local ?? null;
    return null;
  }

  listen(..._backlog: unknown[]): null {
    const reply = checked(call({ op: "listen", id: this.open(), family: Number(this._family) }));
    this._local = reply.local ?? this._local;
    this._listening = true;
    return null;
  }

  accept(): Tuple {
    const id = this.open();
    const self = this;
    return drive(
      (function* (): Steps<Tuple> {
        const newId = allocateFd();
        const reply = yield { op: "accept", id, newId, timeout: self._timeout };
        if (reply.error !== undefined) usedFds.delete(newId);
        checked(reply);
        const conn = new PySocket(self._family, self._type, self._proto, newId);
        conn._timeout = defaultTimeout;
        conn._local = reply.local ?? null;
        conn._peer = reply.peer ?? null;
        return Tuple.of(conn, conn.addressOut(conn._peer));
      })(),
    );
  }

  connect(address: unknown): null {
    const [host, port] = this.address(address, false);
    const reply = checked(call({ op: "connect", id: this.open(), host, port, timeout: this._timeout }));
    this._local = reply.local ?? null;
    this._peer = reply.peer ?? [host, port];
    return null;
  }

  connect_ex(address: unknown): bigint {
    try {
      this.connect(address);
      return 0n;
    } catch (error) {
      if (error instanceof OSError && typeof error.errno === "bigint") return error.errno;
      throw error;
    }
  }

  send(data: unknown, ..._flags: unknown[]): bigint {
    const bytes = sendData(data);
    if (this._type === SOCK_STREAM && this._peer === null) throw new OSError(32n, "Broken pipe");
    if (this._type === SOCK_DGRAM && this._peer === null) throw new OSError(89n, "Destination address required");
    post({ op: "send", id: this.open(), data: bytes });
    return BigInt(bytes.length);
  }

  sendall(data: unknown, ...flags: unknown[]): null {
    this.send(data, ...flags);
    return null;
  }

  sendto(data: unknown, ...rest: unknown[]): bigint {
    const bytes = sendData(data);
    const [host, port] = this.address(rest[rest.length - 1], false);
    const reply = checked(call({ op: "sendto", id: this.open(), data: bytes, host, port }));
    this._local = reply.local ?? this._local;
    return BigInt(bytes.length);
  }

  private receive(n: unknown, flags: unknown, from: boolean): Bytes | Tuple {
    const size = toInt(n ?? 0n);
    if (size < 0) throw new ValueError(`negative buffersize in recv${from ? "from" : ""}`);
    const peek = !isNone(flags) && flags !== undefined && (BigInt(toInt(flags)) & MSG_PEEK) !== 0n;
    const id = this.open();
    const self = this;
    return drive(
      (function* (): Steps<Bytes | Tuple> {
        const reply = checked(yield { op: from ? "recvfrom" : "recv", id, n: size, peek, timeout: self._timeout });
        const data = Bytes.fromArray(reply.data ?? new Uint8Array(0));
        return from ? Tuple.of(data, reply.from ? self.addressOut(reply.from) : null) : data;
      })(),
    );
  }

  recv(n: unknown, flags?: unknown): Bytes {
    return this.receive(n, flags, false) as Bytes;
  }

  recvfrom(n: unknown, flags?: unknown): Tuple {
    return this.receive(n, flags, true) as Tuple;
  }

  recv_into(buffer: unknown, nbytes?: unknown, flags?: unknown): bigint {
    if (!(buffer instanceof ByteArray) && !(buffer instanceof Uint8Array)) throw new PyTypeError(`recv_into() argument 'buffer' must be read-write bytes-like object, not ${typeName(buffer)}`);
    const target = buffer as Uint8Array;
    const n = nbytes === undefined || toInt(nbytes) === 0 ? target.length : toInt(nbytes);
    const got: unknown = this.recv(BigInt(n), flags);
    const copy = (data: Bytes): bigint => {
      target.set(data, 0);
      return BigInt(data.length);
    };
    return got instanceof Bytes ? copy(got) : ((got as PromiseLike<Bytes>).then(copy) as unknown as bigint);
  }

  shutdown(how: unknown): null {
    checked(call({ op: "shutdown", id: this.open(), how: toInt(how) }));
    return null;
  }

  close(): null {
    if (this._fd < 0) return null;
    if (this._files > 0) {
      this._closeWhenFilesClose = true;
      return null;
    }
    post({ op: "close", id: this._fd });
    usedFds.delete(this._fd);
    this._fd = -1;
    return null;
  }

  detach(): bigint {
    const fd = this._fd;
    this._fd = -1;
    return BigInt(fd);
  }

  fileno(): bigint {
    return BigInt(this._fd);
  }

  settimeout(value: unknown): null {
    this._timeout = timeoutValue(value);
    return null;
  }
  gettimeout(): number | null {
    return this._timeout;
  }
  setblocking(flag: unknown): null {
    this._timeout = flag === true || (typeof flag === "bigint" && flag !== 0n) ? null : 0;
    return null;
  }
  getblocking(): boolean {
    return this._timeout !== 0;
  }

  setsockopt(level: unknown, option: unknown, value: unknown): null {
    this.open();
    this._options.set(`${str(level)}:${str(option)}`, value);
    if (toInt(level) === 6 && toInt(option) === 1 && this._peer !== null) call({ op: "setnodelay", id: this._fd, on: value !== 0n && value !== false });
    return null;
  }
  getsockopt(level: unknown, option: unknown, ..._rest: unknown[]): unknown {
    this.open();
    if (toInt(level) === 1 && toInt(option) === 3) return this._type; // SO_TYPE
    return this._options.get(`${str(level)}:${str(option)}`) ?? 0n;
  }

  getsockname(): Tuple {
    this.open();
    return this.addressOut(this._local);
  }
  getpeername(): Tuple {
    this.open();
    if (this._peer === null) throw new OSError(107n, "Transport endpoint is not connected");
    return this.addressOut(this._peer);
  }

  makefile(...args: unknown[]): SocketFile {
    const [pos, kws] = splitKw(args);
    const mode = str(pos[0] ?? kws["mode"] ?? "r");
    for (const c of mode) if (!"rwb".includes(c)) throw new ValueError(`invalid mode ${repr(mode)} (only r, w, b allowed)`);
    this._files++;
    const encoding = kws["encoding"] ?? pos[2];
    const newline = kws["newline"] ?? pos[4];
    return new SocketFile(this, mode, isNone(encoding) ? "utf-8" : str(encoding), isNone(newline) ? null : str(newline));
  }

  /** A file made by makefile() is closed: the socket closes if close() was called meanwhile. */
  _fileClosed(): void {
    this._files--;
    if (this._files === 0 && this._closeWhenFilesClose) this.close();
  }

  __enter__(): this {
    return this;
  }
  __exit__(..._exc: unknown[]): null {
    this.close();
    return null;
  }

  __repr__(): string {
    const parts = [`fd=${this._fd}`, `family=${this._family}`, `type=${this._type}`, `proto=${this._proto}`];
    if (this._fd >= 0 && this._family !== AF_UNIX) {
      parts.push(`laddr=${repr(this.addressOut(this._local))}`);
      if (this._peer !== null) parts.push(`raddr=${repr(this.addressOut(this._peer))}`);
    }
    return `<socket.socket ${this._fd < 0 ? "[closed] " : ""}${parts.join(", ")}>`;
  }
}

extras.installSocketExtras(PySocket, {
  create: (fam, type, proto, fd) => new PySocket(fam, type, proto, fd),
  allocateFd,
  releaseFd,
  fdInUse: (fd) => usedFds.has(fd),
});

const Socket = pyClass(PySocket);

export const herror = names.herror;

function socketpair(...args: unknown[]): Tuple {
  const [pos, kws] = splitKw(args);
  const fam = BigInt(toInt(pos[0] ?? kws["family"] ?? AF_UNIX));
  const a = new PySocket(AF_INET, SOCK_STREAM, 0n, allocateFd());
  const b = new PySocket(AF_INET, SOCK_STREAM, 0n, allocateFd());
  checked(call({ op: "pair", id: a._fd, newId: b._fd }));
  (a as { _family: bigint })._family = fam;
  (b as { _family: bigint })._family = fam;
  a._peer = ["", 0];
  b._peer = ["", 0];
  return Tuple.of(a, b);
}

function create_connection(...args: unknown[]): PySocket {
  const [pos, kws] = splitKw(args);
  const address = pos[0] ?? kws["address"];
  const timeout = pos.length > 1 ? pos[1] : "timeout" in kws ? kws["timeout"] : undefined;
  const source = pos[2] ?? kws["source_address"];
  if (!(address instanceof Tuple)) throw new PyTypeError("cannot unpack non-iterable object");
  const [host, port] = [address.at(0), address.at(1)];
  let last: unknown = new OSError("getaddrinfo returns an empty list");
  for (const info of getaddrinfo(host, port, 0n, SOCK_STREAM) as Tuple[]) {
    const sock = new PySocket(BigInt(toInt(info.at(0))), SOCK_STREAM, 0n);
    try {
      if (timeout !== undefined) sock.settimeout(timeout);
      if (!isNone(source)) sock.bind(source);
      sock.connect(info.at(4));
      return sock;
    } catch (error) {
      sock.close();
      last = error;
    }
  }
  throw last;
}

function create_server(...args: unknown[]): PySocket {
  const [pos, kws] = splitKw(args);
  const address = pos[0] ?? kws["address"];
  const fam = kws["family"] ?? AF_INET;
  const sock = new PySocket(fam, SOCK_STREAM);
  try {
    sock.bind(address);
    sock.listen();
  } catch (error) {
    sock.close();
    if (error instanceof OSError && error.errno === 98n && address instanceof Tuple) {
      throw new OSError(98n, `Address already in use (while attempting to bind on address ${repr(address)})`);
    }
    throw error;
  }
  return sock;
}

function getaddrinfo(...args: unknown[]): Tuple[] {
  const [pos, kws] = splitKw(args);
  const host = pos[0] ?? kws["host"];
  const port = pos[1] ?? kws["port"];
  const fam = toInt(pos[2] ?? kws["family"] ?? 0n);
  const type = toInt(pos[3] ?? kws["type"] ?? 0n);
  const flags = toInt(pos[5] ?? kws["flags"] ?? 0n);
  const portNum = portNumber(port);
  const result: Tuple[] = [];
  // No host: the wildcard addresses to bind with AI_PASSIVE, else the loopback ones (glibc's order).
  const addresses = isNone(host)
    ? (flags & AI_PASSIVE ? [{ family: 4, address: "0.0.0.0" }, { family: 6, address: "::" }] : [{ family: 6, address: "::1" }, { family: 4, address: "127.0.0.1" }]).filter((a) => fam === 0 || BigInt(fam) === (a.family === 6 ? AF_INET6 : AF_INET))
    : names.lookup(host instanceof Uint8Array ? new TextDecoder().decode(host) : str(host), fam);
  for (const a of addresses) {
    const v6 = a.family === 6;
    for (const [k, proto] of KINDS) {
      if (type !== 0 && BigInt(type) !== k) continue;
      const addr = v6 ? Tuple.of(a.address, BigInt(portNum), 0n, 0n) : Tuple.of(a.address, BigInt(portNum));
      result.push(Tuple.of(family(v6 ? AF_INET6 : AF_INET), kind(k), proto, "", addr));
    }
  }
  return result;
}

function setdefaulttimeout(value: unknown): null {
  defaultTimeout = timeoutValue(value);
  return null;
}

export const socketModule = moduleObject("socket", {
  // CPython's constants on Linux (the generated tables); the enums' members in their place
  ...SOCKET_INTS,
  ...enumConstants(),
  socket: Socket,
  SocketType: Socket,
  SocketIO: extras.SocketIOClass,
  socketpair,
  create_connection,
  create_server,
  has_dualstack_ipv6: names.has_dualstack_ipv6,
  fromfd: extras.fromfd,
  dup: extras.dup,
  close: extras.close,
  send_fds: extras.send_fds,
  recv_fds: extras.recv_fds,
  getaddrinfo,
  gethostname: names.gethostname,
  sethostname: names.sethostname,
  gethostbyname: names.gethostbyname,
  gethostbyname_ex: names.gethostbyname_ex,
  gethostbyaddr: names.gethostbyaddr,
  getfqdn: names.getfqdn,
  getnameinfo: names.getnameinfo,
  getservbyname: names.getservbyname,
  getservbyport: names.getservbyport,
  getprotobyname: names.getprotobyname,
  htons: names.htons,
  ntohs: names.ntohs,
  htonl: names.htonl,
  ntohl: names.ntohl,
  inet_aton: names.inet_aton,
  inet_ntoa: names.inet_ntoa,
  inet_pton: names.inet_pton,
  inet_ntop: names.inet_ntop,
  if_nameindex: names.if_nameindex,
  if_nametoindex: names.if_nametoindex,
  if_indextoname: names.if_indextoname,
  CMSG_LEN: names.CMSG_LEN,
  CMSG_SPACE: names.CMSG_SPACE,
  CAPI: names.CAPI,
  getdefaulttimeout: (): number | null => defaultTimeout,
  setdefaulttimeout,
  has_ipv6: true,
  error: OSError,
  timeout: TimeoutError,
  gaierror,
  herror,
  AddressFamily,
  SocketKind,
  MsgFlag,
  AddressInfo,
});

export { TimeoutError as SocketTimeout };
