#!/usr/bin/env node
// Writes src/lower/star-names.ts from python3 and the built runtime (run after `npm run build`):
// for each standard module the runtime provides,
// - the names `from m import *` binds in CPython (its __all__, else its public names) that
//   pyts's module has (RUNTIME_STAR_NAMES);
// - the names CPython's module has (`dir(m)`, its runtime submodules imported) and which of
//   them pyts's module lacks (RUNTIME_MODULE_NAMES), for the compile-time check of `m.name`.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const runtime = await import(pathToFileURL(path.join(root, "runtime/dist/index.js")).href);
const { RUNTIME_MODULES, RUNTIME_SUBMODULES } = await import(pathToFileURL(path.join(root, "dist/src/lower/builtins.js")).href);
const { objectKey } = await import(pathToFileURL(path.join(root, "runtime/dist/lang/attr-names.js")).href);

// `from typing import *` binds type hints only (imports.ts): no star table for typing (its
// names are still checked: `typing.X` and `from typing import X` for a name pyts lacks).
const NO_STAR = new Set(["typing"]);
const SKIP = new Set();
// The python3 fixtures take their `.out` from (an older /usr/bin/python3 of the same minor
// version may lack names a later 3.11 added to an `__all__`, as io's `text_encoding`).
const python = process.env.PYTS_ORACLE_PYTHON ?? "python3";
const modules = [...RUNTIME_MODULES, ...RUNTIME_SUBMODULES].filter((m) => !SKIP.has(m)).sort();
const code = `
import importlib, json, sys
star = {}
# Star names first, in sorted order: a package's before its submodules are imported (which
# adds them to the package).
for name in json.loads(sys.argv[1]):
    try:
        m = importlib.import_module(name)
    except ImportError:
        continue
    names = getattr(m, "__all__", None)
    star[name] = list(names) if names is not None else sorted(n for n in dir(m) if not n.startswith("_"))
out = {}
for name in json.loads(sys.argv[1]):
    try:
        importlib.import_module(name)
    except ImportError:
        continue
for name in json.loads(sys.argv[1]):
    m = sys.modules.get(name)
    if m is not None:
        # (a package whose __dir__ hides its submodules, as aiohttp's does, still has them)
        subs = {s[len(name) + 1:] for s in json.loads(sys.argv[1]) if s.startswith(name + ".") and "." not in s[len(name) + 1:]}
        out[name] = {"dir": sorted(set(dir(m)) | subs), "star": star.get(name, [])}
# The attribute names of every class the modules define: methods a runtime object may have.
members = set()
for name in json.loads(sys.argv[1]):
    m = sys.modules.get(name)
    for value in list(vars(m).values()) if m is not None else []:
        if isinstance(value, type):
            members.update(n for n in dir(value) if n.isidentifier())
out["__members__"] = sorted(members)
print(json.dumps(out))
`;
// aiohttp is no standard module: its names come from a CPython that has aiohttp 3.14.3
// ($PYTS_AIOHTTP_PYTHON, else the venv scripts/update-fixtures.mjs describes), when there is one.
const aiohttpPython = process.env.PYTS_AIOHTTP_PYTHON ?? "/tmp/aiovenv/bin/python";
const isAiohttp = (m) => m === "aiohttp" || m.startsWith("aiohttp.");
const hasAiohttp = spawnSync(aiohttpPython, ["-c", "import aiohttp"]).status === 0;
const cpython = {};
const memberNames = new Set();
for (const [interpreter, names] of [[python, modules.filter((m) => !isAiohttp(m))], [aiohttpPython, hasAiohttp ? modules.filter(isAiohttp) : []]]) {
  if (names.length === 0) continue;
  const run = spawnSync(interpreter, ["-c", code, JSON.stringify(names)], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${interpreter} failed: ${run.stderr}`);
  const parsed = JSON.parse(run.stdout);
  for (const n of parsed.__members__) memberNames.add(n);
  delete parsed.__members__;
  Object.assign(cpython, parsed);
}

// CPython's own standard-library module names: an import of one pyts lacks stays a located
// error even where an `except ImportError` would catch it (CPython would import it).
const stdlibRun = spawnSync(python, ["-c", "import json, sys; print(json.dumps(sorted(sys.stdlib_module_names)))"], { encoding: "utf8" });
if (stdlibRun.status !== 0) throw new Error(`${python} failed: ${stdlibRun.stderr}`);
const stdlibModules = JSON.parse(stdlibRun.stdout);

const value = (name) => name.split(".").reduce((object, part) => (object == null ? undefined : object[objectKey(part)]), runtime);
const star = [];
const dirs = [];
for (const name of modules) {
  if (!cpython[name]) {
    console.error(`skipping ${name}: python3 cannot import it`);
    continue;
  }
  const module = value(name);
  const has = (n) => module != null && module[objectKey(n)] !== undefined;
  const starred = cpython[name].star.filter(has);
  // (A submodule none of whose star names pyts has stays refused, not silently empty.)
  if ((!name.includes(".") || starred.length > 0) && !NO_STAR.has(name)) star.push(`  [${JSON.stringify(name)}, ${JSON.stringify(starred)}],`);
  const lacking = cpython[name].dir.filter((n) => !has(n));
  dirs.push(`  [${JSON.stringify(name)}, { cpython: ${JSON.stringify(cpython[name].dir)}, lacking: ${JSON.stringify(lacking)} }],`);
}
// The runtime's side: each name on the prototype chain of a class its modules export (down to
// object's and Function's own, which Python objects do not have).
const baseNames = new Set([...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Function.prototype)]);
const seenObjects = new Set();
const collect = (object, depth) => {
  if (object == null || (typeof object !== "object" && typeof object !== "function") || seenObjects.has(object) || depth > 3) return;
  seenObjects.add(object);
  if (typeof object === "function" && object.prototype) {
    for (let proto = object.prototype; proto && proto !== Object.prototype && proto !== Function.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const key of Object.getOwnPropertyNames(proto)) if (!baseNames.has(key) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) memberNames.add(key);
    }
  }
  if (typeof object === "object") for (const key of Object.keys(object)) {
    try {
      collect(object[key], depth + 1);
    } catch {
      // (a module's lazy attribute that raises stays out)
    }
  }
};
for (const name of modules) collect(value(name), 0);

// JS's members of the values that stand for Python's built-in types (`push` of a list,
// `charAt` of a str, a Dict's `table`, an exception's `stack`): none is a Python attribute of those values.
// (less the names Python's own types have: `pop`, `split` are read as Python's)
const typeNamesRun = spawnSync(python, ["-c", "import json; print(json.dumps(sorted({n for t in (list, str, dict, set, frozenset, tuple, bytes, bytearray, int, float, bool, BaseException) for n in dir(t)})))"], { encoding: "utf8" });
const pythonTypeNames = new Set(JSON.parse(typeNamesRun.stdout));
// (nor String.prototype's legacy HTML methods: `node.link`, `x.sub` are common Python
// attributes whose reads stay plain; getattr still refuses them on a str at run time)
const STRING_HTML_METHODS = new Set(["anchor", "big", "blink", "bold", "fixed", "fontcolor", "fontsize", "italics", "link", "small", "strike", "sub", "sup"]);
const builtinValueNames = new Set();
const builtinValues = [[], "", 1.5, 1n, true, runtime.Dict.of(), runtime.set(), runtime.frozenset(), runtime.Tuple.of(), runtime.bytesLiteral(""), runtime.bytearray(runtime.bytesLiteral("")), new runtime.Exception("x")];
for (const v of builtinValues) {
  const own = typeof v === "object" ? Object.getOwnPropertyNames(v) : [];
  for (let p = Object.getPrototypeOf(v); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) own.push(...Object.getOwnPropertyNames(p));
  for (const key of own) if (!baseNames.has(key) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && !key.startsWith("__") && !pythonTypeNames.has(key) && !STRING_HTML_METHODS.has(key)) builtinValueNames.add(key);
}

const text = `// Generated by scripts/gen-star-names.mjs (do not edit): for each standard module the runtime
// provides, the names CPython's \`from m import *\` binds that pyts's module has, and the
// names CPython's module has (\`dir(m)\`) with those pyts's module lacks.
export const RUNTIME_STAR_NAMES: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
${star.join("\n")}
]);

export const RUNTIME_MODULE_NAMES: ReadonlyMap<string, { cpython: readonly string[]; lacking: readonly string[] }> = new Map([
${dirs.join("\n")}
]);

/**
 * Every attribute name of the classes the provided modules define, in CPython's modules or on
 * the runtime's prototypes: a method call on a runtime object naming anything else is a call of
 * an attribute the object lacks (or one set on the instance), left to the runtime's callMethod.
 */
export const RUNTIME_MEMBER_NAMES: ReadonlySet<string> = new Set(${JSON.stringify([...memberNames].sort())});

/** JS's own members of the values standing for built-in types (a list's \`push\`, a Dict's \`table\`): reads of these names go through getattr. */
export const BUILTIN_VALUE_JS_NAMES: ReadonlySet<string> = new Set(${JSON.stringify([...builtinValueNames].sort())});

/** CPython's \`sys.stdlib_module_names\`. */
export const CPYTHON_STDLIB_MODULES: ReadonlySet<string> = new Set(${JSON.stringify(stdlibModules)});
`;
fs.writeFileSync(path.join(root, "src/lower/star-names.ts"), text);
console.log(`wrote src/lower/star-names.ts (${star.length} modules, ${dirs.length} name tables)`);
