// `os.environb`: the environment as bytes. CPython's environ and environb share one table, so a
// change through either shows in both and reaches the process: here environb is a view of
// os.environ, its keys and values encoded and decoded with os.fsencode/fsdecode.

import { Bytes } from "../values/bytes.js";
import { Dict } from "../values/dict.js";
import { KeyError, PyTypeError } from "../values/exceptions.js";
import { repr } from "../values/repr.js";
import { typeName } from "../values/typename.js";
import { decode } from "../values/bytes-codec.js";
import { encode } from "../values/str-codec.js";
import { MutableMappingMixins } from "./collections-abc.js";

/** The str mapping environb views (os.environ). */
interface TextEnviron {
  get(key: string): string | undefined;
  set(key: string, value: string): unknown;
  delete(key: string): boolean;
  has(key: string): boolean;
  keys(): Iterable<string>;
  readonly size: number;
}

const toBytes = (text: string): Bytes => Bytes.fromArray(encode(text, "utf-8", "surrogateescape"));
const toText = (data: Uint8Array): string => decode(data, "utf-8", "surrogateescape") as string;

function checkBytes(value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array) || !(value instanceof Bytes)) throw new PyTypeError(`bytes expected, not ${typeName(value)}`);
  return value;
}

export class EnvironBytes extends MutableMappingMixins {
  static readonly __module__ = "os";
  constructor(private readonly text: () => TextEnviron) {
    super();
  }

  __getitem__(key: unknown): Bytes {
    const value = this.text().get(toText(checkBytes(key)));
    if (value === undefined) throw new KeyError(key);
    return toBytes(value);
  }

  __setitem__(key: unknown, value: unknown): null {
    const name = toText(checkBytes(key));
    this.text().set(name, toText(checkBytes(value)));
    return null;
  }

  __delitem__(key: unknown): null {
    const name = toText(checkBytes(key));
    if (!this.text().has(name)) throw new KeyError(key);
    this.text().delete(name);
    return null;
  }

  /** `environb.get(key, default)` without the KeyError round trip. */
  getOrDefault(key: unknown, fallback: unknown): unknown {
    const value = this.text().get(toText(checkBytes(key)));
    return value === undefined ? fallback : toBytes(value);
  }

  __contains__(key: unknown): boolean {
    return this.text().has(toText(checkBytes(key)));
  }

  __iter__(): Iterator<Bytes> {
    return [...this.text().keys()].map(toBytes)[Symbol.iterator]();
  }

  [Symbol.iterator](): Iterator<Bytes> {
    return this.__iter__();
  }

  __len__(): bigint {
    return BigInt(this.text().size);
  }

  __repr__(): string {
    return `environ({${[...this.text().keys()].map((k) => `${repr(toBytes(k))}: ${repr(toBytes(this.text().get(k)!))}`).join(", ")}})`;
  }

  /** `environb.copy()`: a dict of its items, as `_Environ.copy` gives. */
  copy(): Dict<Bytes, Bytes> {
    return new Dict([...this.text().keys()].map((k) => [toBytes(k), toBytes(this.text().get(k)!)] as [Bytes, Bytes]));
  }
}
