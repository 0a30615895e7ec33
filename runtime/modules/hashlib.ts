// Python's `hashlib` on Node's crypto (OpenSSL, as CPython's _hashlib): the named
// constructors, `new`, hash objects (update, digest, hexdigest, copy, name, digest_size,
// block_size), the SHAKE XOFs, pbkdf2_hmac and scrypt. BLAKE2's keyed/salted/personalised
// and short-digest forms are not in Node's crypto: pyts refuses them with a TypeError naming
// the parameter rather than hashing something else.

import { nodeModule } from "../core/host.js";
import { Bytes } from "../values/bytes.js";
import { MemoryError, PyTypeError, SystemError, ValueError } from "../values/exceptions.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { addressOf } from "../values/repr.js";
import { FrozenSet } from "../values/set.js";
import { typeName } from "../values/typename.js";
import { builtinFunction } from "../values/builtin-type.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import type { Hash } from "node:crypto";

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
  override digest(...args: unknown[]): Bytes {
    if (args.length !== 1) throw new PyTypeError("digest() missing required argument 'length' (pos 1)");
    return Bytes.fromArray(this.state.copy({ outputLength: lengthArg(args[0], false) }).digest());
  }

  override hexdigest(...args: unknown[]): string {
    if (args.length !== 1) throw new PyTypeError("hexdigest() missing required argument 'length' (pos 1)");
    return this.state.copy({ outputLength: lengthArg(args[0], true) }).digest("hex");
  }
}

/** BLAKE2's parameters: only their defaults are what Node's crypto computes. */
const BLAKE_PARAMS = ["digest_size", "key", "salt", "person", "fanout", "depth", "leaf_size", "node_offset", "node_depth", "inner_size", "last_node"];

function blakeState(name: "blake2b" | "blake2s", args: unknown[]): Hash {
  const [positional, kws] = splitKw(args);
  if (positional.length > 1) throw new PyTypeError(`${name}() takes at most 1 positional argument (${positional.length} given)`);
  const defaults: Record<string, unknown> = { digest_size: BigInt(ALGORITHMS[name]![1]), fanout: 1n, depth: 1n, leaf_size: 0n, node_offset: 0n, node_depth: 0n, inner_size: 0n, last_node: false };
  for (const key of Object.keys(kws)) {
    if (key === "usedforsecurity") continue;
    if (!BLAKE_PARAMS.includes(key)) throw new PyTypeError(`'${key}' is an invalid keyword argument for ${name}()`);
    const v = kws[key];
    const isDefault = key in defaults ? v === defaults[key] : v instanceof Uint8Array && v.length === 0;
    if (!isDefault) throw new PyTypeError(`pyts: ${name}(${key}=...) is not supported (Node's crypto computes plain ${name} only)`);
  }
  const state = nodeModule("node:crypto").createHash(ALGORITHMS[name]![0]);
  const data = positional[0];
  if (data !== undefined && data !== null) state.update(hashData(data));
  return state;
}

/** `_hashlib.UnsupportedDigestmodError`: an algorithm OpenSSL's HMAC cannot use. */
export class UnsupportedDigestmodError extends ValueError {
  static readonly __module__ = "_hashlib";
}

/** BLAKE2 objects have the default object repr. */
class Blake2 extends HASH {
  override __repr__(): string {
    return `<_blake2.${typeName(this)} object at ${addressOf(this)}>`;
  }
}

export class blake2b extends Blake2 {
  static override readonly __module__: string = "_blake2";
  constructor(...args: unknown[]) {
    super("blake2b", blakeState("blake2b", args));
  }
  static readonly MAX_DIGEST_SIZE = 64n;
  static readonly MAX_KEY_SIZE = 64n;
  static readonly PERSON_SIZE = 16n;
  static readonly SALT_SIZE = 16n;
}

export class blake2s extends Blake2 {
  static override readonly __module__: string = "_blake2";
  constructor(...args: unknown[]) {
    super("blake2s", blakeState("blake2s", args));
  }
  static readonly MAX_DIGEST_SIZE = 32n;
  static readonly MAX_KEY_SIZE = 32n;
  static readonly PERSON_SIZE = 8n;
  static readonly SALT_SIZE = 8n;
}

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
  return construct(key, data ?? kws.data ?? kws.string);
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
  scrypt,
  algorithms_guaranteed: new FrozenSet(GUARANTEED),
  algorithms_available: new FrozenSet(Object.keys(ALGORITHMS)),
});
