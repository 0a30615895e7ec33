// Python's `uuid`: the immutable UUID (from hex, bytes, bytes_le, fields or int; its fields,
// version, variant, urn, ordering and hash), uuid1 (time, clock sequence and this machine's
// MAC as CPython's pure-Python fallback computes it), uuid3/uuid5 (md5/sha1 of a namespace and
// a name), uuid4 (os.urandom), getnode and the NAMESPACE_* constants. SafeUUID and the
// `is_safe` attribute: uuid1 here has no multiprocessing-safe system generator to ask (it is
// CPython's pure-Python fallback), so its UUIDs say SafeUUID.unknown, as that fallback's do;
// CPython with libuuid says safe or unsafe.

import { nodeModule } from "../core/host.js";
import { Bytes } from "../values/bytes.js";
import { AttributeError, PyTypeError, ValueError } from "../values/exceptions.js";
import { intHash } from "../values/hash64.js";
import { iterable } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { NotImplemented } from "../values/singletons.js";
import { strRepr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { randomModule } from "./random.js";
import { time_ns } from "./time.js";
import { Enum, defineMembers } from "./enum.js";
import { declareDataAttributes } from "../values/declared-attributes.js";

export const RESERVED_NCS = "reserved for NCS compatibility";
export const RFC_4122 = "specified in RFC 4122";
export const RESERVED_MICROSOFT = "reserved for Microsoft compatibility";
export const RESERVED_FUTURE = "reserved for future definition";

/** `uuid.SafeUUID`: whether the system generated a UUID in a multiprocessing-safe way. */
export class SafeUUID extends Enum {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  static [member: string]: any;
  static {
    Object.defineProperty(this, "__module__", { value: "uuid" });
    Object.assign(this, { safe: 0n, unsafe: -1n, unknown: null });
    defineMembers(this, ["safe", "unsafe", "unknown"]);
  }
}

const ARGS = ["hex", "bytes", "bytes_le", "fields", "int", "version"] as const;

function bytesToInt(b: Uint8Array): bigint {
  let n = 0n;
  for (let i = 0; i < b.length; i++) n = (n << 8n) | BigInt(b[i]!);
  return n;
}

function intArg(x: unknown): bigint {
  if (isIntLike(x)) return toBigInt(x);
  throw new PyTypeError(`'<=' not supported between instances of 'int' and '${typeName(x)}'`);
}

/** bytes_le <-> bytes: the first three fields' byte order reversed. */
function swapFields(b: Uint8Array): Bytes {
  return Bytes.fromArray([b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...Array.from(b.subarray(8).values())]);
}

const IMMUTABLE: ProxyHandler<UUID> = {
  set(): never {
    throw new PyTypeError("UUID objects are immutable");
  },
};

export class UUID {
  static readonly __module__ = "uuid";
  declare int: bigint;
  declare is_safe: SafeUUID;

  constructor(...args: unknown[]) {
    const [positional, kws] = splitKw(args);
    const given: Record<string, unknown> = {};
    ARGS.forEach((name, i) => {
      const v = i < positional.length ? positional[i] : kws[name];
      if (v !== undefined && v !== null) given[name] = v;
    });
    const sources = ["hex", "bytes", "bytes_le", "fields", "int"].filter((k) => k in given);
    if (sources.length !== 1) throw new PyTypeError("one of the hex, bytes, bytes_le, fields, or int arguments must be given");
    let value: bigint;
    if ("hex" in given) {
      const text = String(given.hex).replaceAll("urn:", "").replaceAll("uuid:", "").replace(/^[{}]+|[{}]+$/g, "").replaceAll("-", "");
      if (text.length !== 32) throw new ValueError("badly formed hexadecimal UUID string");
      if (!/^[0-9a-fA-F]+$/.test(text)) throw new ValueError(`invalid literal for int() with base 16: ${strRepr(text)}`);
      value = BigInt("0x" + text);
    } else if ("bytes" in given || "bytes_le" in given) {
      const le = "bytes_le" in given;
      const b = given[le ? "bytes_le" : "bytes"];
      if (!(b instanceof Uint8Array) || b.length !== 16) throw new ValueError(`${le ? "bytes_le" : "bytes"} is not a 16-char string`);
      value = bytesToInt(le ? swapFields(b) : b);
    } else if ("fields" in given) {
      const f = Array.from(iterable(given.fields));
      if (f.length !== 6) throw new ValueError("fields is not a 6-tuple");
      const widths = [32, 16, 16, 8, 8, 48];
      const names = ["a 32-bit", "a 16-bit", "a 16-bit", "an 8-bit", "an 8-bit", "a 48-bit"];
      const v = f.map((x, i) => {
        const n = intArg(x);
        if (n < 0n || n >= 1n << BigInt(widths[i]!)) throw new ValueError(`field ${i + 1} out of range (need ${names[i]} value)`);
        return n;
      });
      const clockSeq = (v[3]! << 8n) | v[4]!;
      value = (v[0]! << 96n) | (v[1]! << 80n) | (v[2]! << 64n) | (clockSeq << 48n) | v[5]!;
    } else {
      value = intArg(given.int);
      if (value < 0n || value >= 1n << 128n) throw new ValueError("int is out of range (need a 128-bit value)");
    }
    if ("version" in given) {
      const version = intArg(given.version);
      if (version < 1n || version > 5n) throw new ValueError("illegal version number");
      value &= ~(0xc000n << 48n);
      value |= 0x8000n << 48n;
      value &= ~(0xf000n << 64n);
      value |= version << 76n;
    }
    Object.defineProperty(this, "int", { value, enumerable: true });
    const isSafe = kws.is_safe === undefined ? SafeUUID.unknown : kws.is_safe;
    Object.defineProperty(this, "is_safe", { value: isSafe, enumerable: true });
    // Attribute assignment is plain JS assignment in emitted code: the proxy refuses it as
    // UUID.__setattr__ does.
    return new Proxy(this, IMMUTABLE);
  }

  __setattr__(_name: string, _value: unknown): never {
    throw new PyTypeError("UUID objects are immutable");
  }

  __eq__(other: unknown): unknown {
    return other instanceof UUID ? this.int === other.int : NotImplemented;
  }
  __lt__(other: unknown): unknown {
    return other instanceof UUID ? this.int < other.int : NotImplemented;
  }
  __gt__(other: unknown): unknown {
    return other instanceof UUID ? this.int > other.int : NotImplemented;
  }
  __le__(other: unknown): unknown {
    return other instanceof UUID ? this.int <= other.int : NotImplemented;
  }
  __ge__(other: unknown): unknown {
    return other instanceof UUID ? this.int >= other.int : NotImplemented;
  }
  __hash__(): bigint {
    return intHash(this.int);
  }
  __int__(): bigint {
    return this.int;
  }
  __repr__(): string {
    return `${typeName(this)}(${strRepr(this.__str__())})`;
  }
  __str__(): string {
    const h = this.hex;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  get hex(): string {
    return this.int.toString(16).padStart(32, "0");
  }
  /** (never runs: the proxy refuses every assignment; declared so `u.hex = x` type-checks) */
  set hex(_value: unknown) {
    throw new PyTypeError("UUID objects are immutable");
  }
  get urn(): string {
    return "urn:uuid:" + this.__str__();
  }
  get bytes(): Bytes {
    const out = new Bytes(16);
    for (let i = 0; i < 16; i++) out[i] = Number((this.int >> BigInt(8 * (15 - i))) & 0xffn);
    return out;
  }
  get bytes_le(): Bytes {
    return swapFields(this.bytes);
  }
  get fields(): Tuple {
    return Tuple.from([this.time_low, this.time_mid, this.time_hi_version, this.clock_seq_hi_variant, this.clock_seq_low, this.node]);
  }
  get time_low(): bigint {
    return this.int >> 96n;
  }
  get time_mid(): bigint {
    return (this.int >> 80n) & 0xffffn;
  }
  get time_hi_version(): bigint {
    return (this.int >> 64n) & 0xffffn;
  }
  get clock_seq_hi_variant(): bigint {
    return (this.int >> 56n) & 0xffn;
  }
  get clock_seq_low(): bigint {
    return (this.int >> 48n) & 0xffn;
  }
  get time(): bigint {
    return ((this.time_hi_version & 0x0fffn) << 48n) | (this.time_mid << 32n) | this.time_low;
  }
  get clock_seq(): bigint {
    return ((this.clock_seq_hi_variant & 0x3fn) << 8n) | this.clock_seq_low;
  }
  get node(): bigint {
    return this.int & 0xffffffffffffn;
  }
  get variant(): string {
    if (!(this.int & (0x8000n << 48n))) return RESERVED_NCS;
    if (!(this.int & (0x4000n << 48n))) return RFC_4122;
    if (!(this.int & (0x2000n << 48n))) return RESERVED_MICROSOFT;
    return RESERVED_FUTURE;
  }
  get version(): bigint | null {
    return this.variant === RFC_4122 ? (this.int >> 76n) & 0xfn : null;
  }
}

const PyUUID = pyClass(UUID);

let cachedNode: bigint | null = null;

/** The hardware address: the first network interface's MAC, else a random multicast one. */
function getnode(): bigint {
  if (cachedNode !== null) return cachedNode;
  for (const list of Object.values(nodeModule("node:os").networkInterfaces())) {
    for (const entry of list ?? []) {
      if (entry.internal || entry.mac === "00:00:00:00:00:00") continue;
      cachedNode = BigInt("0x" + entry.mac.replaceAll(":", ""));
      return cachedNode;
    }
  }
  cachedNode = (randomModule.getrandbits(48n) as bigint) | (1n << 40n);
  return cachedNode;
}

let lastTimestamp: bigint | null = null;

function uuid1(...args: unknown[]): UUID {
  const [[nodeArg, seqArg], kws] = splitKw(args);
  const nodeGiven = nodeArg ?? kws.node;
  const seqGiven = seqArg ?? kws.clock_seq;
  // 100-ns intervals since 1582-10-15 (the UUID epoch).
  let timestamp = time_ns() / 100n + 0x01b21dd213814000n;
  if (lastTimestamp !== null && timestamp <= lastTimestamp) timestamp = lastTimestamp + 1n;
  lastTimestamp = timestamp;
  const clockSeq = seqGiven === undefined || seqGiven === null ? (randomModule.getrandbits(14n) as bigint) : intArg(seqGiven);
  const fields = Tuple.from([timestamp & 0xffffffffn, (timestamp >> 32n) & 0xffffn, (timestamp >> 48n) & 0x0fffn, (clockSeq >> 8n) & 0x3fn, clockSeq & 0xffn, nodeGiven === undefined || nodeGiven === null ? getnode() : nodeGiven]);
  return new UUID(undefined, undefined, undefined, fields, undefined, 1n);
}

function nameHash(algorithm: "md5" | "sha1", namespace: unknown, name: unknown, version: bigint): UUID {
  if (!(namespace instanceof UUID)) throw new AttributeError(`'${typeName(namespace)}' object has no attribute 'bytes'`);
  const data = typeof name === "string" ? new TextEncoder().encode(name) : null;
  if (data === null) throw new PyTypeError("encoding without a string argument");
  const digest = nodeModule("node:crypto").createHash(algorithm).update(namespace.bytes).update(data).digest();
  return new UUID(undefined, Bytes.fromArray(digest.subarray(0, 16)), undefined, undefined, undefined, version);
}


function uuid4(): UUID {
  return new UUID(undefined, Bytes.fromArray(nodeModule("node:crypto").randomBytes(16)), undefined, undefined, undefined, 4n);
}

export const uuidModule = moduleObject("uuid", {
  UUID: PyUUID,
  SafeUUID,
  uuid1,
  uuid3: (namespace: unknown, name: unknown): UUID => nameHash("md5", namespace, name, 3n),
  uuid4,
  uuid5: (namespace: unknown, name: unknown): UUID => nameHash("sha1", namespace, name, 5n),
  getnode,
  NAMESPACE_DNS: new UUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
  NAMESPACE_URL: new UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8"),
  NAMESPACE_OID: new UUID("6ba7b812-9dad-11d1-80b4-00c04fd430c8"),
  NAMESPACE_X500: new UUID("6ba7b814-9dad-11d1-80b4-00c04fd430c8"),
  RESERVED_NCS,
  RFC_4122,
  RESERVED_MICROSOFT,
  RESERVED_FUTURE,
});

// (`uuid.UUID.int`: UUID's `__slots__`, member descriptors)
declareDataAttributes(UUID, "member", "int is_safe");
