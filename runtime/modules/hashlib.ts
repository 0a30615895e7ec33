// Python's `hashlib` on Node's crypto (OpenSSL, as CPython's _hashlib): the named
// constructors, `new`, hash objects (update, digest, hexdigest, copy, name, digest_size,
// block_size), the SHAKE XOFs, pbkdf2_hmac and scrypt. BLAKE2 (with its keyed, salted,
// personalised, short-digest and tree forms, which Node's crypto lacks) is blake2.ts.

import { nodeModule } from "../core/host.js";
import { Bytes } from "../values/bytes.js";
import { MemoryError, OverflowError, PyTypeError, SystemError, ValueError } from "../values/exceptions.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { addressOf, repr } from "../values/repr.js";
import { ByteArray } from "../values/bytearray.js";
import { hasattr } from "../values/builtin-functions.js";
import { callMethod } from "../values/methods.js";
import { callValue } from "./pycall.js";
import { FrozenSet } from "../values/set.js";
import { typeName } from "../values/typename.js";
import { builtinFunction } from "../values/builtin-type.js";
import { truthy } from "../values/truth.js";
import { BLAKE2B, BLAKE2S, Blake2State, type Blake2Params } from "./blake2.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import type { Hash } from "node:crypto";
import { declareDataAttributes } from "../values/declared-attributes.js";

/** Python name -> [OpenSSL name, digest size, block size]. */
export const ALGORITHMS: Record<string, [string, number, number]> = {
  md5: ["md5", 16, 64],
  sha1: ["sha1", 20, 64],
  sha224: ["sha224", 28, 64],
  sha256: ["sha256", 32, 64],
  sha384: ["sha384", 48, 128],
  sha512: ["sha512", 64, 128],
  sha512_224: ["sha512-224", 28, 128],
  sha512_256: ["sha512-256", 32, 128],
  sha3_224: ["sha3-224", 28, 144],
  sha3_256: ["sha3-256", 32, 136],
  sha3_384: ["sha3-384", 48, 104],
  sha3_512: ["sha3-512", 64, 72],
  shake_128: ["shake128", 0, 168],
  shake_256: ["shake256", 0, 136],
  blake2b: ["blake2b512", 64, 128],
  blake2s: ["blake2s256", 32, 64],
  ripemd160: ["ripemd160", 20, 64],
  sm3: ["sm3", 32, 64],
  "md5-sha1": ["md5-sha1", 36, 64],
};

const GUARANTEED = ["sha3_384", "sha3_224", "shake_256", "blake2s", "md5", "shake_128", "sha3_256", "sha3_512", "sha384", "sha512", "blake2b", "sha256", "sha1", "sha224"];

/** Bytes-like data to hash (a str must be encoded first, as CPython says). */
function hashData(x: unknown): Uint8Array {
  if (x instanceof Uint8Array) return x;
  if (typeof x === "string") throw new PyTypeError("Strings must be encoded before hashing");
  throw new PyTypeError("object supporting the buffer API required");
}

/** A SHAKE digest length; a negative one fails as in CPython's C code. */
function lengthArg(x: unknown, hex: boolean): number {
  if (isIntLike(x)) {
    const n = toBigInt(x);
    if (n < 0n) throw hex ? new MemoryError() : new SystemError("Negative size passed to PyBytes_FromStringAndSize");
    return Number(n);
  }
  throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
}

/** `_hashlib.HASH`: a fixed-size digest. */
export class HASH {
  static readonly tpName: string = "_hashlib.HASH";
  static readonly __module__: string = "_hashlib";
  readonly name: string;
  readonly digest_size: bigint;
  readonly block_size: bigint;
  /** @internal */ state: Hash;

  constructor(name: string, state: Hash) {
    this.name = name;
    const [, size, block] = ALGORITHMS[name]!;
    this.digest_size = BigInt(size);
    this.block_size = BigInt(block);
    this.state = state;
  }

  update(...args: unknown[]): null {
    if (args.length !== 1 || args[0] instanceof Kwargs) throw new PyTypeError(`update() takes exactly one argument (${args.length} given)`);
    this.state.update(hashData(args[0]));
    return null;
  }

  digest(...args: unknown[]): Bytes {
    if (args.length > 0) throw new PyTypeError(`${typeName(this)}.digest() takes no arguments (${args.length} given)`);
    return Bytes.fromArray(this.state.copy().digest());
  }

  hexdigest(...args: unknown[]): string {
    if (args.length > 0) throw new PyTypeError(`${typeName(this)}.hexdigest() takes no arguments (${args.length} given)`);
    return this.state.copy().digest("hex");
  }

  copy(): HASH {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as HASH;
    return Object.assign(copy, this, { state: this.state.copy() });
  }

  __repr__(): string {
    return `<${this.name} ${(this.constructor as unknown as { __module__: string }).__module__}.${typeName(this)} object @ ${addressOf(this)}>`;
  }
}

/** `_hashlib.HASHXOF`: SHAKE, whose digest takes a length. */
export class HASHXOF extends HASH {
  static override readonly tpName: string = "_hashlib.HASHXOF";
  override digest(...args: unknown[]): Bytes {
    if (args.length !== 1) throw new PyTypeError("digest() missing required argument 'length' (pos 1)");
    return Bytes.fromArray(this.state.copy({ outputLength: lengthArg(args[0], false) }).digest());
  }

  override hexdigest(...args: unknown[]): string {
    if (args.length !== 1) throw new PyTypeError("hexdigest() missing required argument 'length' (pos 1)");
    return this.state.copy({ outputLength: lengthArg(args[0], true) }).digest("hex");
  }
}

/** BLAKE2's keyword parameters (CPython's `_blake2` constructors). */
const BLAKE_PARAMS = ["digest_size", "key", "salt", "person", "fanout", "depth", "leaf_size", "node_offset", "node_depth", "inner_size", "last_node", "usedforsecurity", "data", "string"];

/** A small int parameter, with CPython's message when out of range. */
function blakeInt(name: string, value: unknown, fallback: number, check: (n: bigint) => string | null): number {
  if (value === undefined) return fallback;
  if (!isIntLike(value)) throw new PyTypeError(`'${typeName(value)}' object cannot be interpreted as an integer`);
  const n = toBigInt(value);
  const problem = check(n);
  if (problem !== null) throw new ValueError(problem);
  return Number(n);
}

function blakeBytes(name: string, value: unknown, max: number, label: string): Uint8Array {
  if (value === undefined) return new Uint8Array(0);
  if (!(value instanceof Uint8Array)) throw new PyTypeError(`a bytes-like object is required, not '${typeName(value)}'`);
  if (value.length > max) throw new ValueError(`maximum ${label} length is ${max} bytes`);
  return value;
}

function blakeState(name: "blake2b" | "blake2s", args: unknown[]): [Blake2State, number] {
  const [positional, kws] = splitKw(args);
  if (positional.length > 1) throw new PyTypeError(`${name}() takes at most 1 positional argument (${positional.length} given)`);
  for (const key of Object.keys(kws)) {
    if (!BLAKE_PARAMS.includes(key)) throw new PyTypeError(`'${key}' is an invalid keyword argument for ${name}()`);
  }
  const wide = name === "blake2b";
  const variant = wide ? BLAKE2B : BLAKE2S;
  const maxDigest = wide ? 64 : 32;
  const digestSize = blakeInt("digest_size", kws.digest_size, maxDigest, (n) => (n < 1n || n > BigInt(maxDigest) ? `digest_size must be between 1 and ${maxDigest} bytes` : null));
  const byte = (label: string, low: bigint) => (n: bigint) => (n < low || n > 255n ? `${label} must be between ${low} and 255` : null);
  const leafSize = kws.leaf_size === undefined ? 0n : toBigInt(kws.leaf_size as bigint);
  if (leafSize < 0n) throw new ValueError("value must be positive");
  if (leafSize > 0xffffffffn) throw new OverflowError("leaf_size is too large");
  const nodeOffset = kws.node_offset === undefined ? 0n : toBigInt(kws.node_offset as bigint);
  if (nodeOffset < 0n) throw new ValueError("value must be positive");
  if (nodeOffset >= 1n << 64n) throw new OverflowError("int too big to convert");
  if (!wide && nodeOffset >= 1n << 48n) throw new OverflowError("node_offset is too large");
  const params: Blake2Params = {
    digestSize,
    key: blakeBytes("key", kws.key, maxDigest, "key"),
    salt: blakeBytes("salt", kws.salt, variant.saltSize, "salt"),
    person: blakeBytes("person", kws.person, variant.saltSize, "person"),
    fanout: blakeInt("fanout", kws.fanout, 1, byte("fanout", 0n)),
    depth: blakeInt("depth", kws.depth, 1, byte("depth", 1n)),
    leafSize: Number(leafSize),
    nodeOffset,
    nodeDepth: blakeInt("node_depth", kws.node_depth, 0, byte("node_depth", 0n)),
    innerSize: blakeInt("inner_size", kws.inner_size, 0, (n) => (n < 0n || n > BigInt(maxDigest) ? `inner_size must be between 0 and is ${maxDigest}` : null)),
    lastNode: kws.last_node === undefined ? false : truthy(kws.last_node),
  };
  const state = new Blake2State(variant, params);
  const data = positional[0] ?? kws.data ?? kws.string;
  if (data !== undefined && data !== null) state.update(hashData(data));
  return [state, digestSize];
}

/** `_hashlib.UnsupportedDigestmodError`: an algorithm OpenSSL's HMAC cannot use. */
export class UnsupportedDigestmodError extends ValueError {
  static readonly __module__ = "_hashlib";
}

/** BLAKE2 objects: pyts's own BLAKE2 (blake2.ts), with the default object repr. */
class Blake2 extends HASH {
  /** @internal */ blake: Blake2State;

  constructor(name: "blake2b" | "blake2s", args: unknown[]) {
    const [state, size] = blakeState(name, args);
    super(name, state as unknown as Hash);
    this.blake = state;
    (this as { digest_size: bigint }).digest_size = BigInt(size);
  }

  override update(...args: unknown[]): null {
    if (args.length !== 1 || args[0] instanceof Kwargs) throw new PyTypeError(`update() takes exactly one argument (${args.length} given)`);
    this.blake.update(hashData(args[0]));
    return null;
  }

  override digest(...args: unknown[]): Bytes {
    if (args.length > 0) throw new PyTypeError(`${typeName(this)}.digest() takes no arguments (${args.length} given)`);
    return Bytes.fromArray(this.blake.digest());
  }

  override hexdigest(...args: unknown[]): string {
    if (args.length > 0) throw new PyTypeError(`${typeName(this)}.hexdigest() takes no arguments (${args.length} given)`);
    return Array.from(this.blake.digest(), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  override copy(): HASH {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as Blake2;
    const blake = this.blake.copy();
    return Object.assign(copy, this, { blake, state: blake as unknown as Hash });
  }

  override __repr__(): string {
    return `<_blake2.${typeName(this)} object at ${addressOf(this)}>`;
  }
}

export class blake2b extends Blake2 {
  static readonly tpName: string = "_blake2.blake2b";
  static override readonly __module__: string = "_blake2";
  constructor(...args: unknown[]) {
    super("blake2b", args);
  }
  static readonly MAX_DIGEST_SIZE = 64n;
  static readonly MAX_KEY_SIZE = 64n;
  static readonly PERSON_SIZE = 16n;
  static readonly SALT_SIZE = 16n;
}

export class blake2s extends Blake2 {
  static readonly tpName: string = "_blake2.blake2s";
  static override readonly __module__: string = "_blake2";
  constructor(...args: unknown[]) {
    super("blake2s", args);
  }
  static readonly MAX_DIGEST_SIZE = 32n;
  static readonly MAX_KEY_SIZE = 32n;
  static readonly PERSON_SIZE = 8n;
  static readonly SALT_SIZE = 8n;
}

// (`hashlib.blake2b.digest_size`: CPython's getset descriptors of the BLAKE2 types)
declareDataAttributes(blake2b, "getset", "name digest_size block_size");
declareDataAttributes(blake2s, "getset", "name digest_size block_size");

export function construct(name: string, data: unknown): HASH {
  if (name === "blake2b" || name === "blake2s") return new (name === "blake2b" ? blake2b : blake2s)(...(data === undefined || data === null ? [] : [data]));
  const state = nodeModule("node:crypto").createHash(ALGORITHMS[name]![0]);
  const h = new (name.startsWith("shake") ? HASHXOF : HASH)(name, state);
  if (data !== undefined && data !== null) state.update(hashData(data));
  return h;
}

/** A named constructor: `sha256(data=b'', *, usedforsecurity=True)` (`string=` as an alias). */
function constructor(name: string): (...args: unknown[]) => HASH {
  const cname = `openssl_${name}`;
  const f = (...args: unknown[]): HASH => {
    const [positional, kws] = splitKw(args);
    for (const key of Object.keys(kws)) {
      if (key !== "usedforsecurity" && key !== "string") throw new PyTypeError(`'${key}' is an invalid keyword argument for ${cname}()`);
    }
    if (positional.length > 1) throw new PyTypeError(`${cname}() takes at most 1 positional argument (${positional.length} given)`);
    return construct(name, positional[0] ?? kws.string);
  };
  return builtinFunction(f, cname);
}

function hashNew(...args: unknown[]): HASH {
  const [[nameArg, data], kws] = splitKw(args);
  const name = nameArg ?? kws.name;
  if (typeof name !== "string") throw new PyTypeError("name must be a string");
  const key = name in ALGORITHMS ? name : name.toLowerCase() in ALGORITHMS ? name.toLowerCase() : null;
  if (key === null) throw new ValueError(`unsupported hash type ${name}`);
  if (key === "blake2b" || key === "blake2s") {
    const rest = Object.fromEntries(Object.entries(kws).filter(([k]) => k !== "name" && k !== "data" && k !== "string"));
    const payload = data ?? kws.data ?? kws.string;
    return new (key === "blake2b" ? blake2b : blake2s)(...(payload === undefined || payload === null ? [] : [payload]), new Kwargs(rest));
  }
  return construct(key, data ?? kws.data ?? kws.string);
}

/** `file_digest(fileobj, digest, /)`: the digest of a binary file (or BytesIO) read in 256 KiB chunks. */
function file_digest(...args: unknown[]): HASH {
  const [[fileobj, digest]] = splitKw(args);
  const h = (typeof digest === "string" ? hashNew(digest) : callValue(digest)) as HASH;
  if (hasattr(fileobj, "getbuffer")) {
    h.update(callMethod(fileobj, "getbuffer"));
    return h;
  }
  if (!(hasattr(fileobj, "readinto") && hasattr(fileobj, "readable") && truthy(callMethod(fileobj, "readable")))) {
    throw new ValueError(`'${repr(fileobj)}' is not a file-like object in binary reading mode.`);
  }
  const buffer = new ByteArray(2 ** 18);
  for (;;) {
    const size = Number(toBigInt(callMethod(fileobj, "readinto", buffer) as bigint));
    if (size === 0) break;
    h.update(Bytes.fromArray(buffer.subarray(0, size)));
  }
  return h;
}

function bytesArg(x: unknown): Uint8Array {
  if (x instanceof Uint8Array) return x;
  throw new PyTypeError(`a bytes-like object is required, not '${typeName(x)}'`);
}

function pbkdf2_hmac(...args: unknown[]): Bytes {
  const [positional, kws] = splitKw(args);
  const [name, password, salt, iterations, dklen] = ["hash_name", "password", "salt", "iterations", "dklen"].map((k, i) => kws[k] ?? positional[i]);
  if (typeof name !== "string") throw new PyTypeError(`pbkdf2_hmac() argument 'hash_name' must be str, not ${typeName(name)}`);
  const algo = ALGORITHMS[name.toLowerCase()];
  if (algo === undefined) throw new UnsupportedDigestmodError("[digital envelope routines] unsupported");
  if (algo[1] === 0) throw new ValueError("no reason supplied");
  const rounds = Number(toBigInt(iterations as bigint));
  if (rounds < 1) throw new ValueError("iteration value must be greater than 0.");
  const length = dklen === undefined || dklen === null ? algo[1] : Number(toBigInt(dklen as bigint));
  if (length < 1) throw new ValueError("key length must be greater than 0.");
  const out = nodeModule("node:crypto").pbkdf2Sync(bytesArg(password), bytesArg(salt), rounds, length, algo[0]);
  return Bytes.fromArray(out);
}

function scrypt(...args: unknown[]): Bytes {
  const [[password], kws] = splitKw(args);
  const n = Number(toBigInt(kws.n as bigint));
  const r = Number(toBigInt(kws.r as bigint));
  const p = Number(toBigInt(kws.p as bigint));
  const maxmem = kws.maxmem === undefined ? 0 : Number(toBigInt(kws.maxmem as bigint));
  const dklen = kws.dklen === undefined ? 64 : Number(toBigInt(kws.dklen as bigint));
  if (n < 2 || (n & (n - 1)) !== 0) throw new ValueError("n must be a power of 2.");
  const options = maxmem > 0 ? { N: n, r, p, maxmem } : { N: n, r, p, maxmem: 128 * n * r * p + 1024 * 1024 * 64 };
  const out = nodeModule("node:crypto").scryptSync(bytesArg(password), bytesArg(kws.salt), dklen, options);
  return Bytes.fromArray(out);
}

const named = Object.fromEntries(
  ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_224", "sha3_256", "sha3_384", "sha3_512", "shake_128", "shake_256"].map((n) => [n, constructor(n)]),
) as Record<string, (...args: unknown[]) => HASH>;

export const hashlibModule = moduleObject("hashlib", {
  md5: named.md5!,
  sha1: named.sha1!,
  sha224: named.sha224!,
  sha256: named.sha256!,
  sha384: named.sha384!,
  sha512: named.sha512!,
  sha3_224: named.sha3_224!,
  sha3_256: named.sha3_256!,
  sha3_384: named.sha3_384!,
  sha3_512: named.sha3_512!,
  shake_128: named.shake_128!,
  shake_256: named.shake_256!,
  blake2b: pyClass(blake2b),
  blake2s: pyClass(blake2s),
  new: hashNew,
  pbkdf2_hmac,
  file_digest: builtinFunction(file_digest, "file_digest"),
  scrypt,
  algorithms_guaranteed: new FrozenSet(GUARANTEED),
  algorithms_available: new FrozenSet(Object.keys(ALGORITHMS)),
});
