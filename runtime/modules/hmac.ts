// Python's `hmac` (Lib/hmac.py, RFC 2104) over hashlib's hash objects: `new`/`HMAC` with a
// digestmod given as a hashlib name, a constructor (`hashlib.sha256`) or a module with
// `new`, `update`/`copy`/`digest`/`hexdigest`, `name`/`digest_size`/`block_size`, the
// one-shot `digest`, and `compare_digest` (constant time on Node's timingSafeEqual).

import { nodeModule } from "../core/host.js";
import { Bytes } from "../values/bytes.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { addressOf } from "../values/repr.js";
import { typeName } from "../values/typename.js";
import { getattr } from "../values/builtin-functions.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { callValue } from "./pycall.js";
import { ALGORITHMS, construct, HASH } from "./hashlib.js";

/** A fresh hash object for `digestmod` (a name, a constructor, or a module with `new`). */
function hashFactory(digestmod: unknown): () => HASH {
  if (typeof digestmod === "string") {
    const key = digestmod in ALGORITHMS ? digestmod : digestmod.toLowerCase() in ALGORITHMS ? digestmod.toLowerCase() : null;
    if (key === null) throw new ValueError(`unsupported hash type ${digestmod}`);
    return () => construct(key, null);
  }
  if (typeof digestmod === "function") return () => callValue(digestmod) as HASH;
  const factory = getattr(digestmod, "new");
  return () => callValue(factory) as HASH;
}

function keyBytes(key: unknown): Uint8Array {
  if (key instanceof Uint8Array) return key;
  throw new PyTypeError(`key: expected bytes or bytearray, but got '${typeName(key)}'`);
}

const EMPTY = new Uint8Array(0);

export class HMAC {
  static readonly __module__ = "hmac";
  static readonly blocksize = 64n;
  /** @internal */ inner!: HASH;
  /** @internal */ outer!: HASH;
  // (properties of the class, as CPython's, read off the inner hash)
  get digest_size(): bigint {
    return this.inner.digest_size;
  }
  get block_size(): bigint {
    return this.inner.block_size;
  }

  constructor(...args: unknown[]) {
    const [[keyArg, msgArg, modArg], kws] = splitKw(args);
    const key = keyBytes(keyArg ?? kws.key);
    const msg = msgArg ?? kws.msg ?? null;
    const digestmod = modArg ?? kws.digestmod ?? "";
    if (digestmod === "" || digestmod === null) throw new PyTypeError("Missing required parameter 'digestmod'.");
    const make = hashFactory(digestmod);
    this.outer = make();
    this.inner = make();
    const blocksize = Number(this.inner.block_size);
    let k: Uint8Array = key;
    if (k.length > blocksize) {
      const h = make();
      h.update(Bytes.fromArray(k));
      k = h.digest();
    }
    const padded = new Uint8Array(blocksize);
    padded.set(k);
    this.outer.update(Bytes.fromArray(padded.map((b) => b ^ 0x5c)));
    this.inner.update(Bytes.fromArray(padded.map((b) => b ^ 0x36)));
    if (msg !== null) this.update(msg);
  }

  get name(): string {
    return `hmac-${this.inner.name}`;
  }

  update(msg: unknown): null {
    this.inner.update(msg);
    return null;
  }

  copy(): HMAC {
    const other = Object.create(Object.getPrototypeOf(this) as object) as HMAC;
    return Object.assign(other, this, { inner: this.inner.copy(), outer: this.outer.copy() });
  }

  digest(): Bytes {
    const h = this.outer.copy();
    h.update(this.inner.digest());
    return h.digest();
  }

  hexdigest(): string {
    const h = this.outer.copy();
    h.update(this.inner.digest());
    return h.hexdigest();
  }

  __repr__(): string {
    return `<hmac.HMAC object at ${addressOf(this)}>`;
  }
}

function newHmac(...args: unknown[]): HMAC {
  return new HMAC(...args);
}

function digest(...args: unknown[]): Bytes {
  const [[key, msg, mod], kws] = splitKw(args);
  return new HMAC(key ?? kws.key, msg ?? kws.msg, mod ?? kws.digest).digest();
}

/** `a == b` in time independent of where they differ (str: ASCII only, as CPython). */
export function compare_digest(a: unknown, b: unknown): boolean {
  let x: Uint8Array;
  let y: Uint8Array;
  if (typeof a === "string" && typeof b === "string") {
    if (/[^\x00-\x7f]/.test(a) || /[^\x00-\x7f]/.test(b)) throw new PyTypeError("comparing strings with non-ASCII characters is not supported");
    x = new TextEncoder().encode(a);
    y = new TextEncoder().encode(b);
  } else if (a instanceof Uint8Array && b instanceof Uint8Array) {
    x = a;
    y = b;
  } else if (typeof a === "string" || typeof b === "string" || a instanceof Uint8Array || b instanceof Uint8Array) {
    const other = a instanceof Uint8Array || typeof a === "string" ? b : a;
    if (other instanceof Uint8Array || typeof other === "string") throw new PyTypeError(`a bytes-like object is required, not '${typeName(typeof a === "string" ? a : b)}'`);
    throw new PyTypeError(`unsupported operand types(s) or combination of types: '${typeName(a)}' and '${typeName(b)}'`);
  } else {
    throw new PyTypeError(`unsupported operand types(s) or combination of types: '${typeName(a)}' and '${typeName(b)}'`);
  }
  const crypto = nodeModule("node:crypto");
  // timingSafeEqual needs equal lengths: compare b with itself then, as CPython's loop does.
  if (x.length !== y.length) {
    crypto.timingSafeEqual(y, y);
    return false;
  }
  return crypto.timingSafeEqual(x.length === 0 ? EMPTY : x, y.length === 0 ? EMPTY : y);
}

const trans = (pad: number): Bytes => Bytes.fromArray(Array.from({ length: 256 }, (_, i) => i ^ pad));

export const hmacModule = moduleObject("hmac", {
  HMAC: pyClass(HMAC),
  new: newHmac,
  digest,
  compare_digest,
  digest_size: null,
  trans_5C: trans(0x5c),
  trans_36: trans(0x36),
});
