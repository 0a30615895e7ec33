// unicodedata against python3 over every code point: each property's values, folded into one
// checksum per property, must be CPython's (the tables are generated from python3, this checks
// the encoding and the lookups), and normalize() must agree on assigned and unassigned text.
import { describe, expect, it } from "vitest";
import { unicodedataModule } from "../../../runtime/modules/unicodedata.js";
import { python } from "./python-oracle.js";

const U = unicodedataModule as unknown as Record<string, (...a: unknown[]) => unknown>;
const PROPS = ["category", "bidirectional", "combining", "east_asian_width", "mirrored", "decomposition", "numeric", "decimal", "digit"];

/** A checksum of the values' text, the same in both languages (values as Python's str()). */
function fold(values: Iterable<string>): string {
  let h = 0;
  let n = 0;
  for (const v of values) {
    for (let i = 0; i < v.length; i++) h = (Math.imul(h, 31) + v.charCodeAt(i)) | 0;
    h = (Math.imul(h, 31) + 124) | 0;
    n++;
  }
  return `${n}:${h >>> 0}`;
}

function text(v: unknown): string {
  if (v === null) return "None";
  if (typeof v === "number") return Number.isInteger(v) ? v.toFixed(1) : String(v);
  return String(v);
}

describe("unicodedata matches python3 on every code point", () => {
  const expected = python(`
import unicodedata as u
def fold(values):
    h = n = 0
    for v in values:
        for ch in v:
            h = (h * 31 + ord(ch)) & 0xffffffff
        h = (h * 31 + 124) & 0xffffffff
        n += 1
    return f"{n}:{h}"
chars = [chr(cp) for cp in range(0x110000)]
for name in ${JSON.stringify(PROPS)}:
    f = getattr(u, name)
    args = (None,) if name in ("numeric", "decimal", "digit") else ()
    print(name, fold(str(f(c, *args)) for c in chars))
`).trim().split("\n");

  it.each(PROPS.map((p, i) => [p, i] as const))("%s", (prop, i) => {
    const f = U[prop]!;
    const withDefault = ["numeric", "decimal", "digit"].includes(prop);
    function* values(): Generator<string> {
      for (let cp = 0; cp < 0x110000; cp++) {
        const c = String.fromCodePoint(cp);
        yield text(withDefault ? f(c, null) : f(c));
      }
    }
    expect(`${prop} ${fold(values())}`).toBe(expected[i]);
  });

  it("normalizes as python3, unassigned characters included", () => {
    const samples = ["Ame\u0301lie \ufb01 \u2460 \u212b", "\ud55c\uae00 \u1100\u1161\u11a8", "\u{1D15E}\u{2F800}\u0344", "a\u0301\u{1E030}\u0327", "\u{1E030}\u{1FAE8}e\u0301"];
    const forms = ["NFC", "NFD", "NFKC", "NFKD"];
    const want = python(`
import unicodedata as u
for s in ${JSON.stringify(samples)}:
    print(" ".join(ascii(u.normalize(f, s)) + str(u.is_normalized(f, s)) for f in ${JSON.stringify(forms)}))
`).trim().split("\n");
    const got = samples.map((s) => forms.map((f) => pyAscii(U.normalize!(f, s) as string) + (U.is_normalized!(f, s) ? "True" : "False")).join(" "));
    expect(got).toEqual(want);
  });
});

/** Python's ascii() of a str. */
function pyAscii(s: string): string {
  let out = "";
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (cp < 0x7f && cp >= 0x20) out += c === "'" ? "\\'" : c === "\\" ? "\\\\" : c;
    else if (cp < 0x100) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp < 0x10000) out += "\\u" + cp.toString(16).padStart(4, "0");
    else out += "\\U" + cp.toString(16).padStart(8, "0");
  }
  return `'${out}'`;
}
