#!/usr/bin/env node
// Audit of issue 11's modules: for each module the runtime provides, the public names (no
// leading underscore) python3's module has (`dir(m)`) and pyts's runtime module lacks, split
// into the module's own names (defined there, or listed in its __all__) and names it merely
// imports (other modules, and objects defined elsewhere that are not in its __all__).
// Run after `npm run build`: node scripts/audit-module-names.mjs [module ...]
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const runtime = await import(pathToFileURL(path.join(root, "runtime/dist/index.js")).href);
const { objectKey } = await import(pathToFileURL(path.join(root, "runtime/dist/lang/attr-names.js")).href);

const ISSUE_11 = `re string textwrap pprint operator copy abc collections.abc heapq bisect statistics fractions
decimal numbers struct array weakref traceback io unittest unittest.mock doctest xml.etree.ElementTree html
inspect types gc warnings atexit uuid hashlib base64 binascii zlib unicodedata locale calendar timeit datetime
time math cmath json functools contextlib collections enum dataclasses itertools random`.split(/\s+/);
const modules = process.argv.length > 2 ? process.argv.slice(2) : ISSUE_11;

const code = `
import importlib, json, sys, types
out = {}
for name in json.loads(sys.argv[1]):
    m = importlib.import_module(name)
    listed = set(getattr(m, "__all__", ()))
    own, imported = [], []
    for n in sorted(dir(m)):
        if n.startswith("_"):
            continue
        v = getattr(m, n)
        home = getattr(v, "__module__", None)
        foreign = isinstance(v, types.ModuleType) or (home is not None and isinstance(home, str) and home != name
                  and not home.startswith(name + ".") and not name.startswith(home) and home.lstrip("_") != name)
        (imported if foreign and n not in listed else own).append(n)
    out[name] = {"own": own, "imported": imported}
print(json.dumps(out))
`;
const run = spawnSync("python3", ["-c", code, JSON.stringify(modules)], { encoding: "utf8" });
if (run.status !== 0) throw new Error(run.stderr);
const cpython = JSON.parse(run.stdout);

const value = (name) => name.split(".").reduce((object, part) => (object == null ? undefined : object[objectKey(part)]), runtime);
let total = 0;
for (const name of modules) {
  const module = value(name);
  if (module == null) {
    console.log(`${name}: not provided`);
    continue;
  }
  const has = (n) => module[objectKey(n)] !== undefined;
  const own = cpython[name].own.filter((n) => !has(n));
  const imported = cpython[name].imported.filter((n) => !has(n));
  total += own.length;
  console.log(`${name}: ${own.length} of ${cpython[name].own.length} lacking${own.length ? ": " + own.join(" ") : ""}`);
  if (imported.length) console.log(`  (imported names lacking: ${imported.join(" ")})`);
}
console.log(`${total} own public names lacking in ${modules.length} modules`);
