// Encoding and decoding with CPython's error handlers over the one-step codecs (ascii,
// latin-1, utf-8): runs of unencodable code points, surrogates, and error positions.
// Expected values are CPython 3.11's.

import { describe, expect, it } from "vitest";
import { decode } from "../../../runtime/values/bytes-codec.js";
import { ASCII, encodeSteps, encodeUtf8, LATIN_1 } from "../../../runtime/values/codec-encode.js";

const text = (b: Uint8Array) => Buffer.from(b).toString("latin1");

function message(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    const err = e as Error & { start?: bigint; end?: bigint };
    return `${err.message} ${err.start}-${err.end}`;
  }
  return "no error";
}

describe("encoding with error handlers", () => {
  it("surrogateescape gives back the bytes it stands for, and refuses other surrogates", () => {
    expect(text(encodeSteps("a\udc80\udcffb", LATIN_1, "surrogateescape"))).toBe("a\x80\xffb");
    expect(message(() => encodeSteps("a\udc80\ud800", ASCII, "surrogateescape"))).toBe(
      "'ascii' codec can't encode character '\\ud800' in position 2: ordinal not in range(128) 2-3",
    );
  });

  it("counts an astral character as one position", () => {
    expect(text(encodeSteps("x\u{1f600}y", ASCII, "xmlcharrefreplace"))).toBe("x&#128512;y");
    expect(text(encodeSteps("x\u{1f600}y", LATIN_1, "backslashreplace"))).toBe("x\\U0001f600y");
  });

  it("utf-8 refuses lone surrogates unless told", () => {
    expect(message(() => encodeUtf8("ab\ud800", "strict"))).toBe(
      "'utf-8' codec can't encode character '\\ud800' in position 2: surrogates not allowed 2-3",
    );
    expect(Buffer.from(encodeUtf8("a\ud800b", "surrogatepass")).toString("hex")).toBe("61eda08062");
    expect(text(encodeUtf8("a\ud800b", "replace"))).toBe("a?b");
    expect(Buffer.from(encodeUtf8("\u{1f600}", "strict")).toString("hex")).toBe("f09f9880");
  });
});

describe("decoding with error handlers", () => {
  it("utf-8 reports the whole truncated sequence", () => {
    expect(decode(new Uint8Array([0xc3, 0x28, 0xe2, 0x82]), "utf-8", "backslashreplace")).toBe("\\xc3(\\xe2\\x82");
    expect(message(() => decode(new Uint8Array([0x61, 0x62, 0xe2, 0x82]), "utf-8", "strict"))).toBe(
      "'utf-8' codec can't decode bytes in position 2-3: unexpected end of data 2-4",
    );
  });

  it("surrogateescape and surrogatepass", () => {
    expect(decode(new Uint8Array([0x61, 0xff, 0xfe]), "utf-8", "surrogateescape")).toBe("a\udcff\udcfe");
    expect(decode(new Uint8Array([0xed, 0xa0, 0x80]), "utf-8", "surrogatepass")).toBe("\ud800");
  });

  it("refuses encode-only handlers and unknown names", () => {
    expect(message(() => decode(new Uint8Array([0xff]), "utf-8", "xmlcharrefreplace"))).toBe(
      "don't know how to handle UnicodeDecodeError in error callback undefined-undefined",
    );
    expect(message(() => decode(new Uint8Array([0xff]), "ascii", "nope"))).toBe("unknown error handler name 'nope' undefined-undefined");
  });
});
