// `\N{...}` accepts every character name python3's unicodedata knows (and nothing else).
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { lookupCharName } from "../../src/frontend/unicode_names.js";

// every 7th named code point, plus every CJK/Hangul/Nushu/Khitan block start, from CPython
const script = `
import json, unicodedata
out = {}
for cp in list(range(0, 0x110000, 7)) + [0x3400, 0x4e00, 0x9fff, 0x20000, 0x2a6df, 0xac00, 0xd7a3, 0xf900, 0x1b170, 0x18b00]:
    name = unicodedata.name(chr(cp), None)
    if name:
        out[name] = cp
print(json.dumps(out))
`;
const expected: Record<string, number> = JSON.parse(execFileSync("python3", ["-c", script]).toString());

describe("\\N{...} character names", () => {
  it("knows every name CPython knows (a sample of every 7th code point)", () => {
    const wrong = Object.entries(expected).filter(([name, cp]) => lookupCharName(name) !== cp);
    expect(Object.keys(expected).length).toBeGreaterThan(5000);
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it("is case-insensitive and knows aliases, but not made-up names", () => {
    expect(lookupCharName("em space")).toBe(0x2003);
    expect(lookupCharName("LINE FEED")).toBe(0x0a);
    expect(lookupCharName("HANGUL SYLLABLE GAG")).toBe(0xac01);
    expect(lookupCharName("NOT A NAME")).toBeNull();
    expect(lookupCharName("CJK UNIFIED IDEOGRAPH-2A6E0")).toBeNull();
    expect(lookupCharName("HANGUL SYLLABLE GAGX")).toBeNull();
  });
});
