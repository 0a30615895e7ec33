// Python's bytes: an immutable byte string, stored in a Uint8Array subclass so Node's APIs
// (Buffer, TextDecoder, fs) take it directly. Python iterates bytes as ints, so a Bytes
// iterates as bigints (`for...of`, spread, Array.from); runtime code that wants the raw
// numbers uses `values()` or indexes. (TypeScript still types the iteration as numbers.)

export class Bytes extends Uint8Array {
  static readonly pythonName: string = "bytes";
  /** Bytes from a string whose chars are all below 256 (b"..." literals). */
  static fromLatin1<T extends Bytes>(this: new (length: number) => T, text: string): T {
    const out = new this(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
    return out;
  }

  /** Bytes holding the UTF-8 encoding of `text`. */
  static fromUtf8<T extends Bytes>(this: new (length: number) => T, text: string): T {
    const encoded = new TextEncoder().encode(text);
    const out = new this(encoded.length);
    out.set(encoded);
    return out;
  }

  /** A copy of `values` (numbers 0..255) as this class (bytes, or bytearray). */
  static fromArray<T extends Bytes>(this: new (length: number) => T, values: ArrayLike<number>): T {
    const out = new this(values.length);
    out.set(values);
    return out;
  }

  /** Each byte as one char: a lossless string key for hashing and comparison. */
  toLatin1(): string {
    let s = "";
    for (let i = 0; i < this.length; i++) s += String.fromCharCode(this[i]!);
    return s;
  }
}

function* pythonInts(this: Uint8Array): Generator<bigint> {
  for (let i = 0; i < this.length; i++) yield BigInt(this[i]!);
}
Object.defineProperty(Bytes.prototype, Symbol.iterator, { value: pythonInts, writable: true, configurable: true });
