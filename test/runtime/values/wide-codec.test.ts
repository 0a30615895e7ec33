// The UTF-16/UTF-32 codecs: names, byte-order marks, error reasons and positions, and decoding
// split at every byte (the incremental decoders' and text files' case). Expected values are
// CPython 3.11's.

import { describe, expect, it } from "vitest";
import { canonicalEncoding, decodeWide, encodeWide, markLength, wideCodec, withoutMark } from "../../../runtime/values/wide-codec.js";

const codec = (name: string) => wideCodec(name)!;
const bytes = (...b: number[]) => new Uint8Array(b);
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

function decodeError(data: Uint8Array, name: string, errors = "strict"): string {
  try {
    decodeWide(data, codec(name), errors, true);
  } catch (e) {
    const err = e as Error & { start: bigint; end: bigint };
    return `${err.message} [${err.start}, ${err.end})`;
  }
  return "no error";
}

describe("wide codecs", () => {
  it("finds the codecs by CPython's names and aliases", () => {
    expect(canonicalEncoding("U16")).toBe("utf_16");
    expect(canonicalEncoding("UTF-16LE")).toBe("utf_16_le");
    expect(canonicalEncoding("utf 32 be")).toBe("utf_32_be");
    expect(wideCodec("unicodelittleunmarked")?.name).toBe("utf-16-le");
    expect(wideCodec("utf-8")).toBeNull();
    expect(withoutMark("utf16")).toBe("utf-16-le");
    expect(withoutMark("utf-16-be")).toBe("utf-16-be");
  });

  it("writes the mark in little-endian order and reads either", () => {
    expect(hex(encodeWide("a😀", codec("utf-16"), "strict", true))).toBe("fffe61003dd800de");
    expect(hex(encodeWide("a😀", codec("utf-16-be"), "strict", false))).toBe("0061d83dde00");
    expect(hex(encodeWide("a", codec("utf-32"), "strict", true))).toBe("fffe000061000000");
    expect(decodeWide(bytes(0xfe, 0xff, 0, 0x61), codec("utf-16"), "strict", true)).toEqual({ text: "a", consumed: 4, little: false });
    expect(decodeWide(bytes(0, 0, 0xfe, 0xff, 0, 0, 0, 0x61), codec("utf-32"), "strict", true).text).toBe("a");
    // Without a mark: native order, nothing skipped; a mark in a fixed-order codec is text.
    expect(decodeWide(bytes(0x61, 0), codec("utf-16"), "strict", true).text).toBe("a");
    expect(decodeWide(bytes(0xff, 0xfe, 0x61, 0), codec("utf-16-le"), "strict", true).text).toBe("\ufeffa");
    expect(markLength(bytes(0xff, 0xfe, 0, 0, 0x61, 0, 0, 0), "utf-32")).toBe(4);
    expect(markLength(bytes(0xff, 0xfe), "utf-16-le")).toBe(0);
  });

  it("reports CPython's reasons and positions", () => {
    expect(decodeError(bytes(0x61, 0, 0x62), "utf-16")).toBe("'utf-16-le' codec can't decode byte 0x62 in position 2: truncated data [2, 3)");
    expect(decodeError(bytes(0, 0xd8, 0x61, 0), "utf-16-le")).toBe("'utf-16-le' codec can't decode bytes in position 0-1: illegal UTF-16 surrogate [0, 2)");
    expect(decodeError(bytes(0xdc, 0, 0, 0x61), "utf-16-be")).toBe("'utf-16-be' codec can't decode bytes in position 0-1: illegal encoding [0, 2)");
    expect(decodeError(bytes(0, 0xd8, 0), "utf-16")).toBe("'utf-16-le' codec can't decode bytes in position 0-2: unexpected end of data [0, 3)");
    expect(decodeError(bytes(0, 0, 0x11, 0), "utf-32")).toBe("'utf-32-le' codec can't decode bytes in position 0-3: code point not in range(0x110000) [0, 4)");
    expect(decodeError(bytes(0, 0, 0xd8, 0), "utf-32-be")).toBe(
      "'utf-32-be' codec can't decode bytes in position 0-3: code point in surrogate code point range(0xd800, 0xe000) [0, 4)",
    );
    // surrogateescape escapes the leading bytes >= 0x80 only, then decoding goes on.
    expect(decodeError(bytes(0x80, 0xdc, 0, 0), "utf-32", "surrogateescape")).toBe("'utf-32-le' codec can't decode bytes in position 2-3: truncated data [2, 4)");
    expect(() => encodeWide("a\ud800", codec("utf-16"), "strict", true)).toThrow("'utf-16' codec can't encode character '\\ud800' in position 1: surrogates not allowed");
    expect(() => encodeWide("\ud800", codec("utf-32"), "bogus", true)).toThrow("unknown error handler name 'bogus'");
  });

  it("applies the decode error handlers", () => {
    const data = bytes(0x61, 0, 0, 0xd8, 0x62, 0, 0x80, 0xdc, 0x63);
    const run = (errors: string) => decodeWide(data, codec("utf-16-le"), errors, true).text;
    expect(run("ignore")).toBe("ab");
    expect(run("replace")).toBe("a\ufffdb\ufffd\ufffd");
    expect(run("backslashreplace")).toBe("a\\x00\\xd8b\\x80\\xdc\\x63");
    expect(() => run("surrogatepass")).toThrow("truncated data");
    expect(decodeWide(data.subarray(0, 8), codec("utf-16-le"), "surrogatepass", true).text).toBe("a\ud800b\udc80");
  });

  it("decodes the same text fed one byte at a time", () => {
    const text = "Aé€😀\n\ud7ff\ue000";
    for (const name of ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]) {
      const c = codec(name);
      const data = encodeWide(text, c, "strict", c.little === null);
      let pending = new Uint8Array(0);
      let little = c.little;
      let out = "";
      for (let i = 0; i < data.length; i++) {
        const chunk = new Uint8Array([...pending, data[i]!]);
        const step = decodeWide(chunk, c, "strict", false, little);
        out += step.text;
        little = step.little;
        pending = chunk.subarray(step.consumed);
      }
      expect(pending.length, name).toBe(0);
      expect(out, name).toBe(text);
    }
  });
});
