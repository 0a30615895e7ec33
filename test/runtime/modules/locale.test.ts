// locale's nl_langinfo and gettext family against CPython: every item constant of CPython's
// module exists with CPython's number and C-locale answer, numbers that are no item (every
// locale category, negatives, gaps between items) fail as CPython's do.
import { describe, expect, it } from "vitest";
import { localeModule } from "../../../runtime/modules/locale.js";
import { python } from "./python-oracle.js";

const module = localeModule as unknown as Record<string, unknown>;
const langinfo = localeModule.nl_langinfo;

function outcome(key: unknown): string {
  try {
    return JSON.stringify(langinfo(key));
  } catch (e) {
    return `${(e as { constructor: { name: string } }).constructor.name}: ${(e as Error).message}`;
  }
}

describe("locale.nl_langinfo", () => {
  it("has CPython's item constants with their C-locale values", () => {
    const expected = JSON.parse(
      python(`import locale, json
names = [n for n in dir(locale) if n.isupper() and n not in ("CHAR_MAX",) and not n.startswith("LC_")]
print(json.dumps({n: [getattr(locale, n), locale.nl_langinfo(getattr(locale, n))] for n in names}))`),
    ) as Record<string, [number, string]>;
    for (const [name, [item, value]] of Object.entries(expected)) {
      expect([name, module[name]]).toEqual([name, BigInt(item)]);
      expect([name, langinfo(BigInt(item))]).toEqual([name, value]);
    }
  });

  it("refuses numbers that are no item as CPython does", () => {
    const keys = [-1, 0, 1, 6, 13, 15, 65538, 131117, 131122, 262158, 327682, 2 ** 31 - 1];
    const expected = python(`import locale, json
out = []
for k in ${JSON.stringify(keys)}:
    try: out.append(json.dumps(locale.nl_langinfo(k)))
    except Exception as e: out.append(f"{type(e).__name__}: {e}")
print("\\n".join(out))`).trimEnd().split("\n").map((line) => line.replace(/^OverflowError/, "OverflowError").replace(/^TypeError/, "PyTypeError"));
    expect(keys.map((k) => outcome(BigInt(k)))).toEqual(expected);
    expect(outcome(2n ** 31n)).toBe("OverflowError: Python int too large to convert to C int");
    expect(outcome(true)).toBe("ValueError: unsupported langinfo constant");
    expect(outcome(1.5)).toBe("PyTypeError: 'float' object cannot be interpreted as an integer");
  });
});

describe("locale gettext without catalogs", () => {
  it("returns each message and keeps the domain settings", () => {
    expect(localeModule.gettext("a")).toBe("a");
    expect(localeModule.dgettext(null, "b")).toBe("b");
    expect(localeModule.dcgettext("d", "c", 5n)).toBe("c");
    expect(() => localeModule.dcgettext("d", "c", "x")).toThrow("'str' object cannot be interpreted as an integer");
    expect(localeModule.textdomain("t1")).toBe("t1");
    expect(localeModule.textdomain(null)).toBe("t1");
    expect(localeModule.textdomain("")).toBe("messages");
    expect(localeModule.bind_textdomain_codeset("zz", null)).toBe(null);
    expect(() => localeModule.bindtextdomain("x", 1n)).toThrow("expected str, bytes or os.PathLike object, not int");
  });
});
