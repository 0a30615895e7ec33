#!/usr/bin/env node
// Writes runtime/values/python-names-table.ts from python3 and the built runtime (run after
// `npm run build`): for each class the provided modules define, keyed as the runtime names its
// class (`__module__.__qualname__`), the attribute names CPython shows on it: `dir(cls)` less
// `dir(object)`, plus, for a class written in Python, the names its methods assign on `self`
// (instance attributes `dir(cls)` cannot see). getattr, hasattr, dir and vars consult it so the
// runtime's own JS members of those classes (a deque's `items`, a date's `y`) are no Python
// attributes.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const runtime = await import(pathToFileURL(path.join(root, "runtime/dist/index.js")).href);
const { RUNTIME_MODULES, RUNTIME_SUBMODULES } = await import(pathToFileURL(path.join(root, "dist/src/lower/builtins.js")).href);
const { objectKey } = await import(pathToFileURL(path.join(root, "runtime/dist/lang/attr-names.js")).href);

// (the python3 on PATH, the one the tests compare with; $PYTS_PYTHON to choose another)
const python = process.env.PYTS_PYTHON ?? "python3";
const modules = [...RUNTIME_MODULES, ...RUNTIME_SUBMODULES].sort();
const code = `
import enum, importlib, inspect, json, re, sys
OBJECT_NAMES = set(dir(object))
SELF_ASSIGNED = re.compile(r"\\bself\\.(\\w+)\\s*(?::[^=\\n]*)?=(?!=)|setattr\\(self,\\s*[\\x27\\x22](\\w+)")

def instance_names(cls):
    """Names the Python methods of cls and its bases assign on self."""
    found = set()
    for klass in cls.__mro__:
        try:
            source = inspect.getsource(klass)
        except (OSError, TypeError):
            continue
        found.update(name for pair in SELF_ASSIGNED.findall(source) for name in pair if name)
    return found

out = {}
for name in json.loads(sys.argv[1]):
    try:
        m = importlib.import_module(name)
    except ImportError:
        continue
    for attr, cls in list(vars(m).items()):
        # (an enum's members get their attributes from its metaclass and __new__, HTTPStatus.phrase
        # for one, which neither dir() nor its source lists: enums keep their own rules)
        if not isinstance(cls, type) or attr.startswith("_"):
            continue
        # (so does a class answering any name, a Mock through __getattr__: None, no fixed set)
        if isinstance(cls, enum.EnumMeta) or any(inspect.isfunction(vars(k).get("__getattr__")) or inspect.isfunction(vars(k).get("__getattribute__")) for k in cls.__mro__):
            out[name + "." + attr] = None
            continue
        # (a type made in C has no instance dict: its Python twin's source, datetime's, is not it)
        names = set(dir(cls)) | (instance_names(cls) if cls.__dictoffset__ else set())
        # (a C type that keeps its instances' attributes itself, threading.local one set per
        # thread, has no __dictoffset__ and its own __setattr__, yet an instance __dict__)
        if not cls.__dictoffset__ and cls.__setattr__ is not object.__setattr__ and not inspect.isfunction(cls.__setattr__):
            try:
                if hasattr(cls(), "__dict__"):
                    names.add("__dict__")
            except Exception:
                pass
        out[name + "." + attr] = sorted(names - OBJECT_NAMES)
# Names the standard library assigns on objects of any class (\`r.url = ...\` on an
# HTTPResponse in urllib.request): instances with a dict may hold them.
ASSIGNED = re.compile(r"\\.([A-Za-z_]\\w*)\\s*(?::[^=\\n]*)?=(?!=)")
assigned = set()
for module in list(sys.modules.values()):
    try:
        source = inspect.getsource(module)
    except (OSError, TypeError):
        continue
    assigned.update(ASSIGNED.findall(source))
out["__assigned__"] = sorted(assigned)
print(json.dumps(out))
`;
// aiohttp is no standard module: its classes come from a CPython that has aiohttp
// ($PYTS_AIOHTTP_PYTHON, as for scripts/gen-method-names.mjs).
const aiohttpPython = process.env.PYTS_AIOHTTP_PYTHON ?? "/tmp/aiovenv/bin/python";
const isAiohttp = (m) => m === "aiohttp" || m.startsWith("aiohttp.");
if (spawnSync(aiohttpPython, ["-c", "import aiohttp"]).status !== 0) throw new Error(`${aiohttpPython} cannot import aiohttp (set PYTS_AIOHTTP_PYTHON)`);
const classes = {};
const assigned = new Set();
for (const [interpreter, names] of [[python, modules.filter((m) => !isAiohttp(m))], [aiohttpPython, modules.filter(isAiohttp)]]) {
  const run = spawnSync(interpreter, ["-c", code, JSON.stringify(names)], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`${interpreter} failed: ${run.stderr}`);
  const { __assigned__: assignedNames, ...found } = JSON.parse(run.stdout);
  Object.assign(classes, found);
  for (const n of assignedNames) assigned.add(n);
}

// The runtime class at each path, keyed as the runtime names it; a class reached by several
// paths (`collections.abc.X` and `typing.X`) is written once, its names merged.
const value = (name) => name.split(".").reduce((object, part) => (object == null ? undefined : object[objectKey(part)]), runtime);
const table = new Map();
for (const [where, names] of Object.entries(classes)) {
  let cls;
  try {
    cls = value(where);
  } catch {
    continue;
  }
  if (typeof cls !== "function" || !runtime.isClass(cls)) continue;
  const key = `${runtime.getattr(cls, "__module__")}.${runtime.getattr(cls, "__qualname__")}`;
  // (a user-visible alias of a built-in type, `types.FunctionType`, keeps its own handling)
  if (key.startsWith("builtins.") && !["builtins.generator", "builtins.coroutine", "builtins.async_generator"].includes(key)) continue;
  // (a class with no fixed set of names is written "*", so its subclasses are not held to a base's)
  const known = table.get(key) ?? new Set();
  if (names === null || known === "*") table.set(key, "*");
  else {
    for (const n of names) known.add(n);
    table.set(key, known);
  }
}
// The runtime's own fields of each listed class, seen on an instance made without arguments
// (modules whose constructors reach the network or processes are left out): an instance of a
// user subclass, or of a class whose instances have a dict, holds them besides its attributes.
const CONSTRUCTED = /^(collections|io|_io|functools|itertools|threading|asyncio\.(locks|queues)|decimal|fractions|queue|string|textwrap|array|weakref|heapq|random|pprint|json|argparse|configparser|difflib|enum|dataclasses|contextlib|types|logging)\./;
const fields = new Map();
for (const [where] of Object.entries(classes)) {
  const cls = (() => {
    try {
      return value(where);
    } catch {
      return undefined;
    }
  })();
  if (typeof cls !== "function" || !runtime.isClass(cls)) continue;
  const key = `${runtime.getattr(cls, "__module__")}.${runtime.getattr(cls, "__qualname__")}`;
  const names = table.get(key);
  if (names === undefined || names === "*" || !CONSTRUCTED.test(key)) continue;
  let instance;
  try {
    if (process.env.GEN_DEBUG) console.error("construct", key);
    instance = runtime.callValue(cls);
  } catch {
    continue;
  }
  const made = instance !== null && typeof instance === "object" ? Object.getPrototypeOf(instance)?.constructor : undefined;
  if (typeof made !== "function" || `${runtime.getattr(made, "__module__")}.${runtime.getattr(made, "__qualname__")}` !== key) continue;
  const own = Object.getOwnPropertyNames(instance).filter((k) => !names.has(k) && !k.startsWith("__"));
  if (own.length > 0) fields.set(key, own.sort());
}
const rows = [...table].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, names]) => `  [${JSON.stringify(key)}, ${JSON.stringify(names === "*" ? "*" : [...names].sort().join(" ") + (fields.has(key) ? ` | ${fields.get(key).join(" ")}` : ""))}],`);

fs.writeFileSync(
  path.join(root, "runtime/values/python-names-table.ts"),
  `// Generated by scripts/gen-python-names.mjs (do not edit).

/**
 * For each runtime class (by \`__module__.__qualname__\`) of the provided modules: the attribute
 * names CPython shows on the class and its instances, less object's, space-separated (split on
 * first need). Any other JS member of the class is the runtime's own, no Python attribute.
 * "*": a class with no fixed set of names (an enum, a Mock answering any name), not held to one.
 * After " | ": the runtime's own fields an instance holds (no attributes, even where the
 * instance may hold others: a user subclass's, a StringIO's).
 */
export const PYTHON_NAMES_TABLE: ReadonlyMap<string, string> = new Map<string, string>([
${rows.join("\n")}
]);

/**
 * Attribute names the standard library's modules assign on objects (\`r.url = ...\`, space-separated):
 * an instance of a listed class whose CPython instances have a \`__dict__\` may hold any of them.
 */
export const ASSIGNED_NAMES = ${JSON.stringify([...assigned].sort().join(" "))};
`,
);
console.log(`wrote runtime/values/python-names-table.ts (${table.size} classes, ${fields.size} with own fields)`);
// (what the instances made above started, timers or handles, must not keep the script alive)
process.exit(0);
