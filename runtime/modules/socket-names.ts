// socket's module-level functions about names and numbers: host and service lookups (Node's
// resolver on the socket helper thread for addresses, and /etc/hosts, /etc/services and
// /etc/protocols read as glibc reads them for the names it keeps there), address
// conversions (inet_*), byte order (hton*), interfaces (/sys/class/net) and CMSG sizes.

import { Bytes } from "../values/bytes.js";
import { OSError, OverflowError, PermissionError, PyTypeError, ValueError } from "../values/exceptions.js";
import { Tuple } from "../values/tuple.js";
import { str } from "../values/repr.js";
import { typeName } from "../values/typename.js";
import { asIndex } from "../values/slice.js";
import { nodeModule } from "../core/host.js";
import { gaierror } from "../asyncio/addrinfo.js";
import { isNone } from "./callable-class.js";
import { call, type Reply } from "./socket-host.js";

/** socket.herror: a failed address lookup (gethostbyaddr). */
export class herror extends OSError {
  static readonly __module__ = "socket";
}

function toInt(x: unknown): bigint {
  const n = asIndex(x);
  if (n === undefined) throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
  return n;
}

function text(x: unknown): string {
  if (x instanceof Uint8Array) return new TextDecoder().decode(x);
  if (typeof x !== "string") throw new PyTypeError(`str, bytes or bytearray expected, not ${typeName(x)}`);
  return x;
}

/** A file of /etc read as lines of fields (comments dropped), or no lines where it is missing. */
function etcTable(name: string): string[][] {
  let content = "";
  try {
    content = nodeModule("node:fs").readFileSync(`/etc/${name}`, "latin1");
  } catch {
    return [];
  }
  return content.split("\n").map((line) => line.replace(/#.*/, "").trim().split(/\s+/)).filter((fields) => fields[0] !== "");
}

// ---- hosts ----

export function lookup(host: string, family: number): { address: string; family: number }[] {
  const reply = call({ op: "lookup", id: 0, host, family: family === 2 ? 4 : family === 10 ? 6 : 0 });
  if (reply.error !== undefined) {
    if (reply.error === "ENOTFOUND" || reply.error === "EAI_NONAME") throw new gaierror(-2n, "Name or service not known");
    throw new gaierror(-3n, "Temporary failure in name resolution");
  }
  return (reply as Reply & { addresses: { address: string; family: number }[] }).addresses;
}

export function gethostname(): string {
  return nodeModule("node:os").hostname();
}

export function gethostbyname(host: unknown): string {
  const found = lookup(text(host), 2);
  if (found.length === 0) throw new gaierror(-2n, "Name or service not known");
  return found[0]!.address;
}

/** The name an address has (the resolver's reverse lookup: /etc/hosts, then DNS), or null. */
function reverse(address: string): string | null {
  const reply = call({ op: "reverse", id: 0, host: address });
  return reply.error !== undefined ? null : ((reply as Reply & { hostname: string }).hostname ?? null);
}

/** gethostbyname_ex(name): (canonical name, aliases, IPv4 addresses); the names as /etc/hosts gives them. */
export function gethostbyname_ex(host: unknown): Tuple {
  const name = text(host);
  const addresses = lookup(name, 2).map((a) => a.address);
  const line = etcTable("hosts").find((fields) => !fields[0]!.includes(":") && fields.slice(1).includes(name));
  const names = line === undefined ? [name] : line.slice(1);
  return Tuple.of(names[0]!, names.slice(1), [...new Set(addresses)]);
}

/** gethostbyaddr(ip or name): (host name, aliases, [address]); herror where the address has no name. */
export function gethostbyaddr(host: unknown): Tuple {
  const name = text(host);
  const found = lookup(name, 0);
  const address = found[0]!.address;
  const hostname = reverse(address);
  if (hostname === null || hostname === address) throw new herror(1n, "Unknown host");
  return Tuple.of(hostname, [], [address]);
}

/** getfqdn(name=''): CPython's algorithm, the first dotted name among gethostbyaddr's. */
export function getfqdn(name: unknown = ""): string {
  let wanted = isNone(name) ? "" : str(name).trim();
  if (wanted === "" || wanted === "0.0.0.0" || wanted === "::") wanted = gethostname();
  let info: Tuple;
  try {
    info = gethostbyaddr(wanted);
  } catch (error) {
    if (error instanceof OSError) return wanted;
    throw error;
  }
  const names = [info.at(0) as string, ...(info.at(1) as string[])];
  return names.find((n) => n.includes(".")) ?? names[0]!;
}

export function sethostname(name: unknown): never {
  text(name);
  // Node has no sethostname(2): the call fails as CPython's does for a process without CAP_SYS_ADMIN.
  throw new PermissionError(1n, "Operation not permitted");
}

// ---- services and protocols ----

function protoArg(proto: unknown): string | null {
  return proto === undefined || isNone(proto) ? null : text(proto);
}

export function getservbyname(name: unknown, proto?: unknown): bigint {
  const wanted = text(name);
  const protocol = protoArg(proto);
  for (const [service, portProto, ...aliases] of etcTable("services")) {
    const [port, p] = portProto!.split("/");
    if ((service === wanted || aliases.includes(wanted)) && (protocol === null || p === protocol)) return BigInt(port!);
  }
  throw new OSError("service/proto not found");
}

export function getservbyport(port: unknown, proto?: unknown): string {
  const n = toInt(port);
  if (n < 0n || n > 65535n) throw new OverflowError("getservbyport: port must be 0-65535.");
  const protocol = protoArg(proto);
  for (const [service, portProto] of etcTable("services")) {
    const [p, pr] = portProto!.split("/");
    if (BigInt(p!) === n && (protocol === null || pr === protocol)) return service!;
  }
  throw new OSError("port/proto not found");
}

export function getprotobyname(name: unknown): bigint {
  const wanted = text(name);
  for (const [proto, number, ...aliases] of etcTable("protocols")) if (proto === wanted || aliases.includes(wanted)) return BigInt(number!);
  throw new OSError("protocol not found");
}

const NI_NUMERICHOST = 1n;
const NI_NUMERICSERV = 2n;
const NI_NAMEREQD = 8n;
const NI_DGRAM = 16n;

/** getnameinfo((host, port[, flowinfo, scope_id]), flags): a numeric host's name and the port's service. */
export function getnameinfo(sockaddr: unknown, flags: unknown): Tuple {
  if (!(sockaddr instanceof Tuple)) throw new PyTypeError("getnameinfo() argument 1 must be a tuple");
  if (sockaddr.length < 2 || sockaddr.length > 4) throw new PyTypeError(`getnameinfo(): illegal sockaddr argument`);
  const host = text(sockaddr.at(0));
  const port = toInt(sockaddr.at(1));
  const bits = toInt(flags);
  if (port < 0n || port > 65535n) throw new OverflowError("getnameinfo(): port must be 0-65535.");
  const family = isIPv4(host) ? 4 : isIPv6(host) ? 6 : 0;
  if (family === 0) throw new gaierror(-2n, "Name or service not known");
  if (family === 6 && sockaddr.length === 2) throw new OSError("IPv4 sockaddr must be 2 tuple");
  let hostname = host;
  if ((bits & NI_NUMERICHOST) === 0n) {
    const found = reverse(host);
    if (found !== null && found !== host) hostname = found;
    else if ((bits & NI_NAMEREQD) !== 0n) throw new gaierror(-2n, "Name or service not known");
  } else if ((bits & NI_NAMEREQD) !== 0n) throw new gaierror(-2n, "Name or service not known");
  let service = String(port);
  if ((bits & NI_NUMERICSERV) === 0n) {
    try {
      service = getservbyport(port, (bits & NI_DGRAM) !== 0n ? "udp" : "tcp");
    } catch {
      // (a port no service names stays a number)
    }
  }
  return Tuple.of(hostname, service);
}

// ---- addresses ----

function isIPv4(s: string): boolean {
  return parseIPv4(s) !== null;
}

function isIPv6(s: string): boolean {
  return parseIPv6(s) !== null;
}

/** Dotted quad as inet_pton reads it (four decimal parts, no leading zeros beyond one digit). */
function parseIPv4(s: string): number[] | null {
  const parts = s.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255)) return null;
  return parts.map(Number);
}

function parseIPv6(s: string): number[] | null {
  let tail: number[] = [];
  let body = s;
  const lastColon = s.lastIndexOf(":");
  if (s.slice(lastColon + 1).includes(".")) {
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = v4;
    // (the dotted tail stands for the last two groups)
    body = s.slice(0, lastColon + 1) + "0:0";
  }
  const halves = body.split("::");
  if (halves.length > 2) return null;
  const groups = (part: string): number[] | null => {
    if (part === "") return [];
    const out: number[] = [];
    for (const g of part.split(":")) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if (head === null || rest === null) return null;
  let words: number[];
  if (halves.length === 2) {
    const fill = 8 - head.length - rest.length;
    if (fill < 1) return null;
    words = [...head, ...new Array<number>(fill).fill(0), ...rest];
  } else {
    if (head.length !== 8) return null;
    words = head;
  }
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** An IPv6 address in glibc's text: the longest run (of two or more) zero groups as `::`, IPv4 tails dotted. */
function formatIPv6(b: Uint8Array): string {
  const words = Array.from({ length: 8 }, (_, i) => (b[2 * i]! << 8) | b[2 * i + 1]!);
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  if (bestLen < 2) best = -1;
  const v4Tail = best === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff));
  const out: string[] = [];
  for (let i = 0; i < 8; i++) {
    if (i === best) {
      out.push(i === 0 ? ":" : "");
      i += bestLen - 1;
      if (i === 7) out.push("");
      continue;
    }
    if (v4Tail && i === 6) {
      out.push(`${b[12]}.${b[13]}.${b[14]}.${b[15]}`);
      break;
    }
    out.push(words[i]!.toString(16));
  }
  return out.join(":");
}

export function inet_pton(family: unknown, address: unknown): Bytes {
  const fam = toInt(family);
  const s = text(address);
  if (fam !== 2n && fam !== 10n) throw new OSError(97n, "Address family not supported by protocol");
  const parsed = fam === 2n ? parseIPv4(s) : parseIPv6(s);
  if (parsed === null) throw new OSError("illegal IP address string passed to inet_pton");
  return Bytes.fromArray(parsed);
}

export function inet_ntop(family: unknown, packed: unknown): string {
  const fam = toInt(family);
  if (!(packed instanceof Uint8Array)) throw new PyTypeError(`a bytes-like object is required, not '${typeName(packed)}'`);
  if (fam !== 2n && fam !== 10n) throw new ValueError(`unknown address family ${fam}`);
  if (packed.length !== (fam === 2n ? 4 : 16)) throw new ValueError("invalid length of packed IP address string");
  return fam === 2n ? Array.from(packed).join(".") : formatIPv6(packed);
}

export function inet_aton(address: unknown): Bytes {
  // (inet_aton also takes the old forms: 127.1, hex and octal parts)
  const parts = text(address).split(".");
  const nums = parts.map((p) => (/^0[xX][0-9a-fA-F]*$/.test(p) ? parseInt(p.slice(2) || "0", 16) : /^0[0-7]*$/.test(p) ? parseInt(p, 8) : /^[1-9]\d*$/.test(p) ? Number(p) : NaN));
  const limits = [[0xffffffff], [0xff, 0xffffff], [0xff, 0xff, 0xffff], [0xff, 0xff, 0xff, 0xff]][parts.length - 1];
  if (limits === undefined || nums.some((n, i) => Number.isNaN(n) || n > limits[i]!)) throw new OSError("illegal IP address string passed to inet_aton");
  let value = 0;
  for (let i = 0; i < nums.length - 1; i++) value = value * 256 + nums[i]!;
  value = value * (limits[nums.length - 1]! + 1) + nums[nums.length - 1]!;
  return Bytes.fromArray([value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
}

export function inet_ntoa(packed: unknown): string {
  if (!(packed instanceof Uint8Array)) throw new PyTypeError(`a bytes-like object is required, not '${typeName(packed)}'`);
  if (packed.length !== 4) throw new OSError("packed IP wrong length for inet_ntoa");
  return Array.from(packed).join(".");
}

// ---- byte order ----

function swap16(name: string): (x: unknown) => bigint {
  return (x) => {
    const n = toInt(x);
    if (n < 0n) throw new OverflowError(`${name}: can't convert negative Python int to C 16-bit unsigned integer`);
    if (n > 0xffffn) throw new OverflowError(`${name}: Python int too large to convert to C 16-bit unsigned integer`);
    return ((n & 0xffn) << 8n) | (n >> 8n);
  };
}

function swap32(x: unknown): bigint {
  const n = toInt(x);
  if (n < 0n) throw new OverflowError("can't convert negative value to unsigned int");
  if (n > 0xffffffffn) throw new OverflowError("int larger than 32 bits");
  let out = 0n;
  for (let i = 0n; i < 4n; i++) out = (out << 8n) | ((n >> (8n * i)) & 0xffn);
  return out;
}

export const htons = swap16("htons");
export const ntohs = swap16("ntohs");
export { swap32 as htonl, swap32 as ntohl };

// ---- interfaces ----

/** The network interfaces as the kernel numbers them (Linux's /sys/class/net). */
function interfaces(): [bigint, string][] {
  const fs = nodeModule("node:fs");
  let names: string[] = [];
  try {
    names = fs.readdirSync("/sys/class/net");
  } catch {
    throw new OSError(38n, "Function not implemented");
  }
  const found: [bigint, string][] = [];
  for (const name of names) {
    try {
      found.push([BigInt(fs.readFileSync(`/sys/class/net/${name}/ifindex`, "latin1").trim()), name]);
    } catch {
      // (an interface that went away meanwhile)
    }
  }
  return found.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export function if_nameindex(): Tuple[] {
  return interfaces().map(([index, name]) => Tuple.of(index, name));
}

export function if_nametoindex(name: unknown): bigint {
  if (typeof name !== "string") throw new PyTypeError(`expected str, bytes or os.PathLike object, not ${typeName(name)}`);
  const found = interfaces().find(([, n]) => n === name);
  if (found === undefined) throw new OSError("no interface with this name");
  return found[0];
}

export function if_indextoname(index: unknown): string {
  if (typeof index !== "bigint" && typeof index !== "boolean") throw new PyTypeError("an integer is required");
  const n = toInt(index);
  if (n < 0n || n > 0xffffffffn) throw new OverflowError("index is too large");
  const found = interfaces().find(([i]) => i === n);
  if (found === undefined) throw new OSError(6n, "No such device or address");
  return found[1];
}

// ---- ancillary data sizes (x86-64: a cmsghdr is 16 bytes, data aligned to 8) ----

export function CMSG_LEN(length: unknown): bigint {
  const n = toInt(length);
  if (n < 0n || n > 0x7fffffffffffffefn) throw new OverflowError("CMSG_LEN() argument out of range");
  return 16n + n;
}

export function CMSG_SPACE(length: unknown): bigint {
  const n = toInt(length);
  if (n < 0n || n > 0x7fffffffffffffe8n) throw new OverflowError("CMSG_SPACE() argument out of range");
  return 16n + ((n + 7n) & ~7n);
}

/** has_dualstack_ipv6(): Node's IPv6 sockets take IPv4 peers too (IPV6_V6ONLY off), as Linux's do. */
export function has_dualstack_ipv6(): boolean {
  return true;
}

/** The type of socket.CAPI, the C API capsule: Python code can only look at it. */
class PyCapsule {
  static readonly pythonName = "PyCapsule";
  static readonly __module__ = "builtins";
  __repr__(): string {
    return '<capsule object "_socket.CAPI">';
  }
}

export const CAPI = new PyCapsule();
