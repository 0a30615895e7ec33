// Python's bytes: an immutable byte string, stored in a Uint8Array subclass so Node's APIs
// (Buffer, TextDecoder, fs) take it directly.

export class Bytes extends Uint8Array {
  static readonly pythonName = "bytes";
  /** Bytes from a string whose chars are all below 256 (b"..." literals). */
  static fromLatin1(text: string): Bytes {
    const out = new Bytes(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
    return out;
  }

  /** Bytes holding the UTF-8 encoding of `text`. */
  static fromUtf8(text: string): Bytes {
    const encoded = new TextEncoder().encode(text);
    const out = new Bytes(encoded.length);
    out.set(encoded);
    return out;
  }

  static fromArray(values: ArrayLike<number>): Bytes {
    const out = new Bytes(values.length);
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
