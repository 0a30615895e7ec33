// Every runtime class of the provided modules against CPython's `dir(cls)`: the public names
// pyts shows must be CPython's. The runtime's own JS members (a deque's `items`, a date's `y`,
// a pattern's `native`) must not show; what still differs is recorded per class in
// python-names-known.json (names pyts lacks, and instance attributes CPython's Python classes
// set in `__init__` that pyts keeps on the class), so a change either way fails here.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as runtime from "../../../runtime/index.js";
import { objectKey } from "../../../runtime/lang/attr-names.js";
import { RUNTIME_MODULES, RUNTIME_SUBMODULES } from "../../../src/lower/builtins.js";

const here = path.dirname(fileURLToPath(import.meta.url));
type Difference = { missing: string[]; extra: string[] };
const KNOWN = JSON.parse(fs.readFileSync(path.join(here, "python-names-known.json"), "utf8")) as Record<string, Difference>;

// (aiohttp's classes need a CPython with aiohttp: scripts/gen-python-names.mjs covers them)
const MODULES = [...RUNTIME_MODULES, ...RUNTIME_SUBMODULES].filter((m) => m !== "aiohttp" && !m.startsWith("aiohttp.")).sort();

const DIR_OF_CLASSES = `
import importlib, json, sys
out = {}
for name in json.loads(sys.argv[1]):
    try:
        m = importlib.import_module(name)
    except ImportError:
        continue
    for attr, cls in list(vars(m).items()):
        if isinstance(cls, type) and not attr.startswith("_"):
            out[name + "." + attr] = [n for n in dir(cls) if not n.startswith("_")]
print(json.dumps(out))
`;

/** The runtime's value at a dotted module path (undefined: pyts lacks it, a compile-time error). */
function runtimeValue(where: string): unknown {
  let value: unknown = runtime;
  for (const part of where.split(".")) {
    if (value === null || value === undefined) return undefined;
    value = (value as Record<string, unknown>)[objectKey(part)];
  }
  return value;
}

describe("runtime classes show CPython's attribute names", () => {
  it("dir(cls) of every class of the provided modules, public names", () => {
    const expected = JSON.parse(execFileSync("python3", ["-c", DIR_OF_CLASSES, JSON.stringify(MODULES)], { encoding: "utf8", maxBuffer: 1 << 28 })) as Record<string, string[]>;
    const differences: Record<string, Difference> = {};
    let compared = 0;
    for (const [where, names] of Object.entries(expected)) {
      const cls = runtimeValue(where);
      if (typeof cls !== "function" || !runtime.isClass(cls)) continue;
      compared++;
      const shown = runtime.dir(cls).filter((n) => !n.startsWith("_"));
      const cpython = new Set(names);
      const pyts = new Set(shown);
      const missing = names.filter((n) => !pyts.has(n));
      const extra = shown.filter((n) => !cpython.has(n));
      if (missing.length > 0 || extra.length > 0) differences[where] = { missing, extra };
    }
    expect(compared).toBeGreaterThan(500);
    // (PYTS_RECORD_NAMES=1 records today's differences, to review with git diff before committing)
    if (process.env.PYTS_RECORD_NAMES === "1") fs.writeFileSync(path.join(here, "python-names-known.json"), JSON.stringify(differences, null, 1) + "\n");
    else expect(differences).toEqual(KNOWN);
    // (python3 importing every provided module takes seconds on a loaded machine)
  }, 120_000);

  it("hides the runtime's own members of instances", () => {
    const { collections, datetime, re } = runtime as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>;
    const d = collections.deque([1n, 2n]);
    for (const name of ["items", "head", "version", "live", "length"]) expect(runtime.hasattr(d, name)).toBe(false);
    expect(runtime.hasattr(d, "maxlen")).toBe(true);
    const day = datetime.date(2020n, 1n, 1n);
    for (const name of ["y", "mo", "d", "compare", "brokenDown"]) expect(runtime.hasattr(day, name)).toBe(false);
    expect(runtime.hasattr(day, "today")).toBe(true);
    const pattern = re.compile("a");
    for (const name of ["native", "source", "program", "attempt"]) expect(runtime.hasattr(pattern, name)).toBe(false);
    expect(runtime.dir(new (collections.Counter as unknown as new (x: string) => object)("ab"))).not.toContain("table");
  });
});
